// Node's file system behind the platform seam (docs/design.md, "Platforms"): the browser build of
// this package swaps this module for files.browser.ts, which has the same exports.
import { constants } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { FileFormatError } from './errors';

/** One entry of {@link listDirectory}. */
export interface DirectoryEntry {
  /** The entry's name inside the directory (no path). */
  readonly name: string;
  /** A regular file (links are followed). */
  readonly isFile: boolean;
  /** A directory (links are followed). */
  readonly isDirectory: boolean;
}

/** What a non-regular file is, for the error message. */
function kindOf(s: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (s.isDirectory()) return 'a directory';
  if (s.isFIFO()) return 'a named pipe (FIFO)';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

/**
 * Reads a whole regular file as bytes. A directory, named pipe, socket or device is refused with
 * a `FileFormatError` before it is opened: opening a FIFO blocks until a writer appears, which
 * would hang the caller and pin one of libuv's four file-system threads for ever (four such calls
 * stall all file I/O of the process), and a device such as `/dev/zero` never ends. The file is
 * then opened non-blocking and checked again through its handle, so one swapped in between the two
 * checks is refused too. Node's other errors (`ENOENT`, `EACCES`, ...) pass through for the caller
 * to wrap; in a browser it throws `PlatformError`.
 */
export async function readFileBytes(file: string): Promise<Uint8Array> {
  const info = await stat(file);
  if (!info.isFile()) throw new FileFormatError(file, `is ${kindOf(info)}, not a regular file`);
  let handle: FileHandle | undefined;
  try {
    // O_NONBLOCK is POSIX only (undefined on Windows, where opening a pipe by path does not block).
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const again = await handle.stat();
    if (!again.isFile()) throw new FileFormatError(file, `is ${kindOf(again)}, not a regular file`);
    const buf = await handle.readFile();
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } finally {
    await handle?.close();
  }
}

/** Reads a whole UTF-8 regular file (as {@link readFileBytes} does). In a browser it throws `PlatformError`. */
export async function readFileText(file: string): Promise<string> {
  return new TextDecoder('utf-8').decode(await readFileBytes(file));
}

let tempCounter = 0;

/**
 * Writes bytes, or a string as UTF-8, to `file`, replacing it; the folder must exist (see
 * {@link makeDirectory}). Atomic: written under a temporary name beside it, then renamed, so a
 * reader (or a crash) never sees half a file. In a browser it throws `PlatformError`.
 */
export async function writeFileBytes(file: string, data: Uint8Array | string): Promise<void> {
  const temp = `${file}.${process.pid}.${tempCounter++}.tmp`;
  try {
    await writeFile(temp, data);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Creates `dir` and any missing parents; nothing happens if it exists. In a browser it throws `PlatformError`. */
export async function makeDirectory(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
}

/** The entries of a directory, in the order the system gives them. In a browser it throws `PlatformError`. */
export async function listDirectory(dir: string): Promise<DirectoryEntry[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return Promise.all(
    entries.map(async (e) => {
      let { isFile, isDirectory } = { isFile: e.isFile(), isDirectory: e.isDirectory() };
      if (e.isSymbolicLink()) {
        const target = await stat(path.join(dir, e.name)).catch(() => undefined);
        isFile = target?.isFile() ?? false;
        isDirectory = target?.isDirectory() ?? false;
      }
      return { name: e.name, isFile, isDirectory };
    }),
  );
}

/** Whether something (file, folder) exists at `file`. In a browser it throws `PlatformError`. */
export async function pathExists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** Joins path segments with the platform's separator (`path.join`); in a browser, with `/`. */
export function joinPath(...parts: string[]): string {
  return path.join(...parts);
}

/** The folder part of a path (`path.dirname`); in a browser, everything before the last `/`. */
export function parentPath(file: string): string {
  return path.dirname(file);
}
