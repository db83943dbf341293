import { constants } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { FileFormatError } from '@oversample/core';

const gunzipAsync = promisify(gunzip);

/** What a non-regular file is, for the error message. */
function kindOf(s: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (s.isDirectory()) return 'a directory';
  if (s.isFIFO()) return 'a named pipe (FIFO)';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

function systemError(path: string, err: unknown): FileFormatError {
  const code = (err as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? 'file not found'
      : code === 'EISDIR'
        ? 'is a directory, not a file'
        : code === 'EACCES' || code === 'EPERM'
          ? 'cannot be read (permission denied)'
          : `cannot be read (${String(err)})`;
  return new FileFormatError(path, why, { cause: err });
}

/**
 * Reads a whole file as bytes, turning "not found" and similar system errors into a
 * `FileFormatError` that names the file, so every loader fails the same way.
 *
 * Only regular files are read. A named pipe, socket or device is refused before it is opened:
 * opening a FIFO blocks until a writer appears, which would hang the caller and pin one of libuv's
 * four file-system threads for ever (four such calls stall all file I/O of the process), and a
 * device such as `/dev/zero` never ends. The file is then opened non-blocking and checked again
 * through its handle, so one swapped in between the two checks is refused too.
 */
export async function readBytes(path: string): Promise<Uint8Array> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    throw systemError(path, err);
  }
  if (!info.isFile()) throw new FileFormatError(path, `is ${kindOf(info)}, not a regular file`);
  let handle: FileHandle | undefined;
  try {
    // O_NONBLOCK is POSIX only (undefined on Windows, where opening a pipe by path does not block).
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const again = await handle.stat();
    if (!again.isFile()) throw new FileFormatError(path, `is ${kindOf(again)}, not a regular file`);
    const buf = await handle.readFile();
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (err) {
    if (err instanceof FileFormatError) throw err;
    throw systemError(path, err);
  } finally {
    await handle?.close();
  }
}

/** True when `bytes` start with gzip's magic number (1f 8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Reads a file that may be gzip-compressed. Compression is detected from the content, not the
 * name, so a `.gz` file renamed (or a plain file called `.gz`) still reads.
 */
export async function readMaybeGzip(path: string): Promise<Uint8Array> {
  const bytes = await readBytes(path);
  if (!isGzip(bytes)) return bytes;
  try {
    const out = await gunzipAsync(bytes);
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (err) {
    throw new FileFormatError(path, `starts like gzip but cannot be decompressed (${(err as Error).message})`, { cause: err });
  }
}

/** Reads a UTF-8 text file (plain or gzip), dropping a byte-order mark. */
export async function readText(path: string): Promise<string> {
  const bytes = await readMaybeGzip(path);
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
