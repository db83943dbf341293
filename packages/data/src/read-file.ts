import { FileFormatError, PlatformError, decompressBytes, readFileBytes } from '@oversample/core';

function systemError(path: string, err: unknown): FileFormatError {
  const code = (err as { code?: unknown }).code;
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
 * `FileFormatError` that names the file, so every loader fails the same way. Only regular files
 * are read: core's `readFileBytes` refuses a named pipe, socket or device before opening it (a
 * FIFO would block for ever). In a browser, core's file functions throw `PlatformError`, which
 * passes through.
 */
export async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return await readFileBytes(path);
  } catch (err) {
    if (err instanceof PlatformError || err instanceof FileFormatError) throw err;
    throw systemError(path, err);
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
    return await decompressBytes(bytes, 'gzip');
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
