import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { crc32, encodePng } from './png';

describe('encodePng', () => {
  it('computes the CRC-32 PNG uses', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
  });

  it('writes grey and RGB images that an independent decoder reads back', async () => {
    const grey = PNG.sync.read(Buffer.from(await encodePng(new Uint8Array([0, 255, 128, 7, 9, 200]), 3, 2, 1)));
    expect([grey.width, grey.height, grey.colorType]).toEqual([3, 2, 0]);
    expect([...grey.data.filter((_, i) => i % 4 === 0)]).toEqual([0, 255, 128, 7, 9, 200]);
    const rgb = PNG.sync.read(Buffer.from(await encodePng(new Uint8Array([1, 2, 3, 250, 251, 252]), 2, 1, 3)));
    expect([rgb.width, rgb.height, rgb.colorType]).toEqual([2, 1, 2]);
    expect([...rgb.data]).toEqual([1, 2, 3, 255, 250, 251, 252, 255]);
  });

  it('refuses pixels that do not fill the image', async () => {
    await expect(encodePng(new Uint8Array(5), 2, 2, 1)).rejects.toThrow('5 bytes for a 2 x 2 x 1 image (needs 4)');
  });
});
