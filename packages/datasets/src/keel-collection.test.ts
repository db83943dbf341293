// The KEEL loader of @oversample/data on all 100 tables of the collection, each read back from a
// file written with its bundled text: loadKeel agrees with a naive reading of each file's text,
// and with loadDataset.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateDataset } from '@oversample/core';
import { listKeelDatasets, loadKeel } from '@oversample/data';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../scripts/fingerprint.mjs';
import { listDatasets } from './dataset-info';
import { datasetText, loadDataset } from './load-dataset';

const dir = mkdtempSync(join(tmpdir(), 'oversample-datasets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a KEEL file's text says, read naively (line by line), to check the loader against. */
function expectedFromText(text: string) {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const dataAt = lines.findIndex((l) => /^@data$/i.test(l));
  const attributeLines = lines.slice(0, dataAt).filter((l) => /^@attribute/i.test(l));
  const nominalSizes = attributeLines.map((l) => (l.includes('{') ? l.slice(l.indexOf('{') + 1, l.lastIndexOf('}')).split(',').length : 0));
  const dataLines = lines.slice(dataAt + 1).filter((l) => l !== '');
  const complete = dataLines.filter((l) => !l.split(',').some((c) => ['<null>', '?'].includes(c.trim())));
  const inputSizes = nominalSizes.slice(0, -1);
  return {
    relation: lines.find((l) => /^@relation/i.test(l))!.slice('@relation'.length).trim(),
    rows: dataLines.length,
    completeRows: complete.length,
    positives: complete.filter((l) => l.split(',').at(-1)!.trim() === 'positive').length,
    attributes: attributeLines.length,
    oneHotWidth: inputSizes.reduce((acc, k) => acc + Math.max(k, 1), 0),
    nominalInputs: inputSizes.filter((k) => k > 0).length,
  };
}

describe('loadKeel on the 100 KEEL tables', () => {
  let nominalFiles = 0;
  // One test per table, so a slow machine never runs one test past its time limit.
  it.each(listDatasets().map((d) => d.name))('reads %s as a naive reading of its text says, one-hot and categorical, as loadDataset does', async (name) => {
    const text = await datasetText(name);
    const path = join(dir, `${name}.dat`);
    writeFileSync(path, text);
    const want = expectedFromText(text);
    const ds = await loadKeel(path);
    validateDataset(ds, { minClasses: 2, context: name });
    expect(ds.classNames, name).toEqual(['negative', 'positive']);
    expect(ds.y.length, name).toBe(want.completeRows);
    expect(ds.droppedRows, name).toBe(want.rows - want.completeRows);
    expect(ds.shape, name).toEqual([want.oneHotWidth]);
    expect(ds.y.reduce((acc, c) => acc + c, 0), name).toBe(want.positives);
    expect(ds.relation, name).toBe(want.relation);
    expect(fingerprint(await loadDataset(name)), name).toEqual(fingerprint(ds));

    const cat = await loadKeel(path, { nominal: 'categorical' });
    expect(cat.shape, name).toEqual([want.attributes - 1]);
    expect(cat.features!.filter((f) => f.kind === 'categorical').length, name).toBe(want.nominalInputs);
    expect([...cat.y], name).toEqual([...ds.y]);
    if (want.nominalInputs > 0) nominalFiles++;
  });

  it('exercised nominal attributes (abalone Sex, car Buying, ...) and wrote every table', async () => {
    expect(nominalFiles).toBeGreaterThan(5);
    expect((await listKeelDatasets(dir)).map((e) => e.name)).toEqual(listDatasets().map((d) => d.name));
  });

  it('drops or imputes the <null> values of cleveland-0_vs_4', async () => {
    const dropped = await loadDataset('cleveland-0_vs_4');
    const imputed = await loadDataset('cleveland-0_vs_4', { missing: 'impute' });
    expect(dropped.droppedRows).toBeGreaterThan(0);
    expect(imputed.droppedRows).toBe(0);
    expect(imputed.y.length).toBe(dropped.y.length + dropped.droppedRows);
    expect(imputed.x.every(Number.isFinite)).toBe(true);
  });
});
