// Node's file system behind the platform seam (docs/design.md, "Platforms"): the browser build of
// this package swaps this module for files.browser.ts, which has the same exports.
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** One entry of {@link listDirectory}. */
export interface DirectoryEntry {
  /** The entry's name inside the directory (no path). */
  readonly name: string;
  /** A regular file (links are followed). */
  readonly isFile: boolean;
  /** A directory (links are followed). */
  readonly isDirectory: boolean;
}

/**
 * Reads a whole file as bytes. Node's error (`ENOENT`, `EISDIR`, ...) passes through for the
 * caller to wrap; in a browser it throws `PlatformError`.
 */
export async function readFileBytes(file: string): Promise<Uint8Array> {
  const buf = await readFile(file);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Reads a whole UTF-8 text file. In a browser it throws `PlatformError`. */
export async function readFileText(file: string): Promise<string> {
  return readFile(file, 'utf8');
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
