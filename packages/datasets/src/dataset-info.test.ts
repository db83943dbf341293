import { describe, expect, it } from 'vitest';
import fingerprints from './fixtures/fingerprints.json';
import { KEEL_CITATION, datasetInfo, listDatasets } from './dataset-info';
import { UnknownDatasetError } from './unknown-dataset-error';

describe('listDatasets', () => {
  it('lists the 100 KEEL tables by name, synchronously, without loading any', () => {
    const list = listDatasets();
    expect(list).not.toBeInstanceOf(Promise);
    expect(list).toHaveLength(100);
    const names = list.map((d) => d.name);
    expect(names).toEqual([...names].sort());
    expect(names[0]).toBe('abalone-17_vs_7-8-9-10');
    expect(Object.isFrozen(list)).toBe(true);
    expect(listDatasets()).toBe(list);
  });

  it('describes each table as loadKeel found it: rows, classes, features, imbalance ratio', () => {
    const prints = fingerprints as Record<string, Record<string, { rows: number; droppedRows: number; classCounts: number[]; classNames: string[]; shape: number[] }>>;
    for (const d of listDatasets()) {
      const hot = prints[d.name]!['onehot/drop']!;
      const cat = prints[d.name]!['categorical/drop']!;
      expect(d.rows, d.name).toBe(hot.rows);
      expect(d.droppedRows, d.name).toBe(hot.droppedRows);
      expect(d.classes, d.name).toEqual(hot.classNames.map((name, i) => ({ name, rows: hot.classCounts[i] })));
      expect(d.columns, d.name).toEqual({ onehot: hot.shape[0], categorical: cat.shape[0] });
      expect(d.features.continuous + d.features.nominal, d.name).toBe(cat.shape[0]);
      expect(d.imbalanceRatio, d.name).toBe(Math.max(...hot.classCounts) / Math.min(...hot.classCounts));
      expect(d.citation).toBe(KEEL_CITATION);
      expect(d.bytes.compressed, d.name).toBeLessThan(d.bytes.text);
    }
    const glass1 = datasetInfo('glass1');
    expect(glass1).toMatchObject({ rows: 214, minorityClass: 'positive', features: { continuous: 9, nominal: 0 } });
    expect(glass1.imbalanceRatio).toBeCloseTo(138 / 76, 12);
    // ecoli-0_vs_1's "positive" class is the larger one.
    expect(datasetInfo('ecoli-0_vs_1').minorityClass).toBe('negative');
    expect(listDatasets().filter((d) => d.features.nominal > 0).length).toBeGreaterThan(5);
    expect(listDatasets().filter((d) => d.droppedRows > 0).length).toBeGreaterThan(0);
  });

  it('datasetInfo throws UnknownDatasetError for a name not bundled', () => {
    expect(() => datasetInfo('yeast7')).toThrow(UnknownDatasetError);
  });
});
