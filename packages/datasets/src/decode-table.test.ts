import { FileFormatError } from '@oversample/core';
import { parseKeel } from '@oversample/data';
import { describe, expect, it, vi } from 'vitest';
import { datasetInfo } from './dataset-info';
import { decodeTable } from './decode-table';
import { TABLE_MODULES } from './table-modules';

const entry = datasetInfo('glass1');
const good = (await TABLE_MODULES.glass1!()).default;

/** The bundled bytes of glass1 with one byte changed at `at` (from the end when negative). */
function corrupted(at: number): string {
  const bytes = Uint8Array.from(atob(good), (c) => c.charCodeAt(0));
  const i = at < 0 ? bytes.length + at : at;
  bytes[i] = bytes[i]! ^ 0x55;
  return btoa(String.fromCharCode(...bytes));
}

async function failure(base64: unknown): Promise<FileFormatError> {
  const error = await decodeTable(entry, base64).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(FileFormatError);
  expect((error as FileFormatError).file).toBe('glass1.dat (bundled in @oversample/datasets)');
  return error as FileFormatError;
}

describe('decodeTable', () => {
  it('decodes the bundled text, which parses', async () => {
    const text = await decodeTable(entry, good);
    expect(text.startsWith('@relation')).toBe(true);
    expect(parseKeel(text, 'glass1.dat').y.length).toBe(entry.rows);
  });

  it('never half-loads a damaged copy: a changed byte inside the deflate data, the CRC or the length', async () => {
    expect((await failure(corrupted(200))).message).toMatch(/the bundled data is damaged: the gzip stream does not decompress/);
    expect((await failure(corrupted(-6))).message).toMatch(/the bundled data is damaged/); // CRC-32
    expect((await failure(corrupted(-2))).message).toMatch(/the bundled data is damaged/); // stored length
  });

  it('rejects a truncated copy, text that is not base64, and a module of the wrong kind', async () => {
    expect((await failure(good.slice(0, good.length - 400))).message).toMatch(/compressed bytes where the catalog has/);
    expect((await failure('not base64!')).message).toMatch(/does not hold base64 text/);
    expect((await failure(42)).message).toMatch(/exports number, not a base64 string/);
  });

  it('rejects another table in glass1 place (a gzip stream that is whole, but not the right one)', async () => {
    const other = (await TABLE_MODULES.glass0!()).default;
    expect((await failure(other)).message).toMatch(/the bundled data is damaged/);
  });

  it('reports a damaged copy through loadDataset as FileFormatError, never as a dataset', async () => {
    vi.resetModules();
    vi.doMock('./table-modules', () => ({ TABLE_MODULES: { ...TABLE_MODULES, glass1: () => Promise.resolve({ default: corrupted(500) }) } }));
    const { loadDataset } = await import('./load-dataset');
    // resetModules gave this import its own copy of @oversample/core's classes: compare by name.
    await expect(loadDataset('glass1')).rejects.toMatchObject({ name: 'FileFormatError', message: expect.stringMatching(/the bundled data is damaged/) });
    vi.doUnmock('./table-modules');
  });
});
