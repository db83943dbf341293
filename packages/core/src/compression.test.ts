import { deflateSync, gunzipSync, gzipSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressBytes, decompressBytes } from './compression';

const text = new TextEncoder().encode('imbalanced '.repeat(1000));

describe('compressBytes / decompressBytes', () => {
  it('round-trips each format and compresses', async () => {
    for (const format of ['gzip', 'deflate', 'deflate-raw'] as const) {
      const packed = await compressBytes(text, format);
      expect(packed.length).toBeLessThan(text.length / 10);
      expect(await decompressBytes(packed, format)).toEqual(text);
    }
  });

  it("agrees with Node's zlib both ways", async () => {
    expect(new Uint8Array(gunzipSync(await compressBytes(text, 'gzip')))).toEqual(text);
    expect(new Uint8Array(inflateSync(await compressBytes(text, 'deflate')))).toEqual(text);
    expect(await decompressBytes(gzipSync(text), 'gzip')).toEqual(text);
    expect(await decompressBytes(deflateSync(text), 'deflate')).toEqual(text);
  });

  it('rejects damaged or truncated input', async () => {
    const gz = gzipSync(text);
    await expect(decompressBytes(gz.subarray(0, 20), 'gzip')).rejects.toThrow();
    const flipped = Uint8Array.from(gz);
    flipped[flipped.length - 6]! ^= 0xff; // inside the CRC-32
    await expect(decompressBytes(flipped, 'gzip')).rejects.toThrow();
  });

  it('does not touch its input', async () => {
    const copy = Uint8Array.from(text);
    await compressBytes(text, 'gzip');
    expect(text).toEqual(copy);
  });
});
