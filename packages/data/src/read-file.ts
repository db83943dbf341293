import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { FileFormatError } from '@oversample/core';

const gunzipAsync = promisify(gunzip);

/**
 * Reads a whole file as bytes, turning "not found" and similar system errors into a
 * `FileFormatError` that names the file, so every loader fails the same way.
 */
export async function readBytes(path: string): Promise<Uint8Array> {
  try {
    const buf = await readFile(path);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot be read (${String(err)})`;
    throw new FileFormatError(path, why, { cause: err });
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
