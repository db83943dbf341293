import { CancelledError, FileFormatError, OptionError, validateDataset } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import { ENCODINGS, MISSING, fingerprint } from '../scripts/fingerprint.mjs';
import { listDatasets } from './dataset-info';
import fingerprints from './fixtures/fingerprints.json';
import { loadDataset } from './load-dataset';
import { UnknownDatasetError } from './unknown-dataset-error';

type Print = ReturnType<typeof fingerprint>;
const PRINTS = fingerprints as Record<string, Record<string, Print>>;
const NAMES = listDatasets().map((d) => d.name);

describe('loadDataset', () => {
  it('has a fingerprint for every bundled table, under both encodings, and under imputation where a row has a missing value', () => {
    expect(Object.keys(PRINTS)).toEqual(NAMES);
    for (const name of NAMES) {
      const keys = Object.keys(PRINTS[name]!);
      const missingValues = PRINTS[name]!['onehot/drop']!.droppedRows > 0;
      expect(keys.sort(), name).toEqual(missingValues ? ['categorical/drop', 'categorical/impute', 'onehot/drop', 'onehot/impute'] : ['categorical/drop', 'onehot/drop']);
    }
  });

  // One test per table, so a slow machine never runs one test past its time limit.
  it.each(NAMES)('gives for %s exactly what loadKeel gave for the original file', async (name) => {
    for (const missing of MISSING) {
      for (const encoding of ENCODINGS) {
        const want = PRINTS[name]![`${encoding}/${missing}`];
        if (want === undefined) continue; // 'impute' equals 'drop' where no value is missing
        const ds = await loadDataset(name, { encoding, missing });
        expect(fingerprint(ds), `${name} ${encoding}/${missing}`).toEqual(want);
      }
    }
  });

  it('returns datasets that pass validation, with categorical features where asked', async () => {
    const ds = await loadDataset('abalone19', { encoding: 'categorical' });
    validateDataset(ds, { minClasses: 2, context: 'abalone19' });
    expect(ds.features![0]).toEqual({ name: 'Sex', kind: 'categorical', categories: ['M', 'F', 'I'] });
    const hot = await loadDataset('abalone19');
    expect(hot.features!.slice(0, 4).map((f) => f.name)).toEqual(['Sex=M', 'Sex=F', 'Sex=I', 'Length']);
    // First row: "M, 0.455, 0.365, 0.095, 0.514, 0.2245, 0.101, 0.15,negative".
    expect([...hot.x.subarray(0, 10)]).toEqual([1, 0, 0, 0.455, 0.365, 0.095, 0.514, 0.2245, 0.101, 0.15].map(Math.fround));
  });

  it('gives a fresh dataset on every call, so a caller may change it', async () => {
    const a = await loadDataset('glass1');
    a.x.fill(0);
    const b = await loadDataset('glass1');
    expect(b.x.some((v) => v !== 0)).toBe(true);
  });

  it('names the nearest tables for an unknown name', async () => {
    const error = await loadDataset('glas1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownDatasetError);
    expect(error).toBeInstanceOf(OptionError);
    expect((error as UnknownDatasetError).nearest[0]).toBe('glass1');
    expect((error as Error).message).toMatch(/no bundled dataset is named "glas1"; the nearest names are 'glass1', 'glass0'/);
    await expect(loadDataset('')).rejects.toThrow(UnknownDatasetError);
    await expect(loadDataset(42 as unknown as string)).rejects.toThrow(/no bundled dataset is named 42 \(listDatasets\(\) lists all 100\)/);
    // A path is not a name: loadKeel reads files.
    await expect(loadDataset('glass1.dat')).rejects.toThrow(/nearest names are 'glass1'/);
  });

  it('validates its options and honours an aborted signal', async () => {
    await expect(loadDataset('glass1', { encoding: 'ordinal' as 'onehot' })).rejects.toThrow(/encoding must be one of "onehot", "categorical", got "ordinal"/);
    await expect(loadDataset('glass1', { missing: 'keep' as 'drop' })).rejects.toThrow(OptionError);
    await expect(loadDataset('glass1', { nominal: 'onehot' } as never)).rejects.toThrow(/nominal/);
    const controller = new AbortController();
    controller.abort();
    await expect(loadDataset('glass1', { signal: controller.signal })).rejects.toThrow(CancelledError);
  });

  it('raises FileFormatError, naming the bundled table, for anything the parser rejects', async () => {
    // (decode-table.test.ts covers damaged bytes; here the error type of the whole path.)
    const error = await loadDataset('no-such').catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(FileFormatError);
  });
});
