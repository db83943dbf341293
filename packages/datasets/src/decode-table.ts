import { FileFormatError, decompressBytes } from '@oversample/core';
import type { CatalogEntry } from './dataset-info';

/** The name a bundled table's errors carry, in place of a file path. */
export function bundledSource(name: string): string {
  return `${name}.dat (bundled in @oversample/datasets)`;
}

function damaged(entry: CatalogEntry, problem: string, cause?: unknown): FileFormatError {
  return new FileFormatError(
    bundledSource(entry.name),
    `the bundled data is damaged: ${problem}; reinstall @oversample/datasets`,
    cause === undefined ? undefined : { cause },
  );
}

function base64Bytes(entry: CatalogEntry, base64: string): Uint8Array {
  let binary: string;
  try {
    binary = atob(base64);
  } catch (err) {
    throw damaged(entry, 'its module does not hold base64 text', err);
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The `.dat` text of a bundled table from its module's base64 string. Anything that does not
 * decode to exactly the bytes the catalog describes (not base64, a size that differs, a gzip
 * stream that fails its checks) throws `FileFormatError`: a damaged table never half-loads.
 */
export async function decodeTable(entry: CatalogEntry, base64: unknown): Promise<string> {
  if (typeof base64 !== 'string') throw damaged(entry, `its module exports ${typeof base64}, not a base64 string`);
  const compressed = base64Bytes(entry, base64);
  if (compressed.length !== entry.bytes.compressed) {
    throw damaged(entry, `${compressed.length} compressed bytes where the catalog has ${entry.bytes.compressed}`);
  }
  let text: Uint8Array;
  try {
    // The platform's DecompressionStream (Node, browsers): it checks gzip's CRC-32 and length.
    text = await decompressBytes(compressed, 'gzip');
  } catch (err) {
    throw damaged(entry, `the gzip stream does not decompress (${err instanceof Error ? err.message : String(err)})`, err);
  }
  if (text.length !== entry.bytes.text) throw damaged(entry, `${text.length} bytes of text where the catalog has ${entry.bytes.text}`);
  // As loadKeel reads a file: UTF-8, a byte-order mark dropped.
  return new TextDecoder('utf-8').decode(text);
}
