/**
 * The formats of the platform's `CompressionStream` / `DecompressionStream` (globals in Node >= 18,
 * Deno, Bun and browsers): `'gzip'`, `'deflate'` (zlib, RFC 1950, as PNG uses it) and
 * `'deflate-raw'` (RFC 1951).
 */
export type CompressionFormat = 'gzip' | 'deflate' | 'deflate-raw';

async function pipe(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  // A copy into a plain ArrayBuffer: Blob takes no view of a SharedArrayBuffer.
  const stream = new Blob([bytes.slice()]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Compresses bytes with the platform's `CompressionStream`: no zlib binding, the same code in
 * Node and in browsers.
 *
 * @example
 * const z = await compressBytes(new TextEncoder().encode('aaaaaaaa'), 'gzip');
 */
export function compressBytes(bytes: Uint8Array, format: CompressionFormat): Promise<Uint8Array> {
  return pipe(bytes, new CompressionStream(format));
}

/**
 * Decompresses bytes with the platform's `DecompressionStream`, which checks the format's
 * checksum (gzip's CRC-32, zlib's Adler-32); damaged or truncated input rejects with a `TypeError`.
 *
 * @example
 * const text = new TextDecoder().decode(await decompressBytes(gz, 'gzip'));
 */
export function decompressBytes(bytes: Uint8Array, format: CompressionFormat): Promise<Uint8Array> {
  return pipe(bytes, new DecompressionStream(format));
}
