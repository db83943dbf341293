import { compressBytes } from '@oversample/core';

// A minimal PNG encoder (8-bit greyscale or RGB, no interlace, filter 0 on every row): enough for
// image grids, and the same code in Node and browsers, since zlib compression comes from the
// platform's CompressionStream (core's compressBytes). Spec: https://www.w3.org/TR/png/.

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

let crcTable: Uint32Array | undefined;

/** CRC-32 (ISO 3309, the polynomial PNG uses) of `bytes`. */
export function crc32(bytes: Uint8Array): number {
  if (crcTable === undefined) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One chunk: length, type, data, CRC of type + data. */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * Encodes `pixels` (row-major, `channels` bytes per pixel: 1 = grey, 3 = RGB) as a PNG file.
 *
 * @example
 * const png = await encodePng(new Uint8Array([0, 255, 255, 0]), 2, 2, 1); // a 2x2 checkerboard
 */
export async function encodePng(pixels: Uint8Array, width: number, height: number, channels: 1 | 3): Promise<Uint8Array> {
  const stride = width * channels;
  if (pixels.length !== stride * height) {
    throw new RangeError(`encodePng: ${pixels.length} bytes for a ${width} x ${height} x ${channels} image (needs ${stride * height})`);
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header[8] = 8; // bits per channel
  header[9] = channels === 1 ? 0 : 2; // colour type: grey or RGB
  // header[10..12]: deflate compression, adaptive filtering (method 0), no interlace: all 0.
  const raw = new Uint8Array((stride + 1) * height);
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const parts = [
    Uint8Array.from(SIGNATURE),
    chunk('IHDR', header),
    chunk('IDAT', await compressBytes(raw, 'deflate')),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
