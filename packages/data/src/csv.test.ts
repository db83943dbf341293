import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { FileFormatError, OptionError } from '@oversample/core';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCsv, parseCsv } from './csv';
import { makeTempDir } from './test-support';

const { dir, cleanup } = makeTempDir('csv');
afterAll(cleanup);

function write(name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const iris = write(
  'iris.csv',
  '\ufeffsepal, species ,petal\r\n5.1,setosa,1.4\r\n\r\n7.0, versicolor ,4.7\n6.3,virginica,6.0E0\n4.9,setosa,-1.5e-1\n',
);

describe('loadCsv', () => {
  it('reads numeric features and maps labels to sorted class indices', async () => {
    const ds = await loadCsv(iris, { labelColumn: 'species' });
    expect(ds.shape).toEqual([2]);
    expect([...ds.x]).toEqual([5.1, 1.4, 7.0, 4.7, 6.3, 6.0, 4.9, -0.15].map(Math.fround));
    expect(ds.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect([...ds.y]).toEqual([0, 1, 2, 0]);
    expect(ds.features).toEqual([
      { name: 'sepal', kind: 'continuous' },
      { name: 'petal', kind: 'continuous' },
    ]);
    // The same column by index, and gzip input.
    const gz = write('iris.csv.gz', gzipSync(Buffer.from('a,b,c\n1,x,2\n3,y,4\n')));
    const byIndex = await loadCsv(gz, { labelColumn: 1 });
    expect([...byIndex.x]).toEqual([1, 2, 3, 4]);
  });

  it('sorts numeric labels numerically, takes the last column by default, and reads files without a header', async () => {
    const path = write('numeric.tsv', '1\t2\t10\n3\t4\t2\n5\t6\t10\n');
    const ds = await loadCsv(path, { header: false, delimiter: '\t' });
    expect(ds.classNames).toEqual(['2', '10']);
    expect([...ds.y]).toEqual([1, 0, 1]);
    expect(ds.features?.map((f) => f.name)).toEqual(['column1', 'column2']);
    const quoted = write('quoted.csv', 'x,"label, with comma"\n1,"a ""b"""\n2,c\n');
    const q = await loadCsv(quoted, { labelColumn: 'label, with comma' });
    expect(q.classNames).toEqual(['a "b"', 'c']);
  });

  it('names file, line and column for ragged rows and non-numeric cells', async () => {
    const ragged = write('ragged.csv', 'a,b,label\n1,2,x\n3,4\n');
    await expect(loadCsv(ragged)).rejects.toThrow(FileFormatError);
    await expect(loadCsv(ragged)).rejects.toThrow(`${ragged}: line 3: has 2 fields, but the header has 3`);
    const text = write('text.csv', 'a,b,label\n1,2,x\n\n3,abc,y\n');
    await expect(loadCsv(text)).rejects.toThrow(`${text}: line 4: column 2 ("b"): "abc" is not a number`);
    const empty = write('empty-cell.csv', 'a,b,label\n1,,x\n');
    await expect(loadCsv(empty)).rejects.toThrow(/line 2: column 2 \("b"\): "" is not a number/);
    const open = write('open.csv', 'a,label\n1,"x\n');
    await expect(loadCsv(open)).rejects.toThrow(/line 2: a quoted field is not closed/);
    const headerOnly = write('header-only.csv', 'a,label\n');
    await expect(loadCsv(headerOnly)).rejects.toThrow(/has a header but no data rows/);
  });

  it('validates its options', async () => {
    await expect(loadCsv(iris, { labelColumn: 'kind' })).rejects.toThrow(OptionError);
    await expect(loadCsv(iris, { labelColumn: 'kind' })).rejects.toThrow(/"kind" is not a column .*columns: sepal, species, petal/);
    await expect(loadCsv(iris, { labelColumn: 3 })).rejects.toThrow(/labelColumn 3 is outside the 3 columns/);
    await expect(loadCsv(iris, { labelColumn: 'species', header: false })).rejects.toThrow(/header is false/);
    await expect(loadCsv(iris, { delimiter: ';;' })).rejects.toThrow(/delimiter must be one character/);
  });
});

describe('loadCsv: values and labels', () => {
  it('rejects a cell beyond float32 range (it would become Infinity), naming line and column', async () => {
    const big = write('big.csv', 'a,b,label\n1,2,x\n3,1e39,y\n');
    const err = await loadCsv(big).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileFormatError);
    expect((err as Error).message).toBe(`${big}: line 3: column 2 ("b"): "1e39" overflows a 32-bit float (largest magnitude 3.4028235e38)`);
    // Finite in float64 but not in float32, and negative.
    await expect(loadCsv(write('big2.csv', 'a,label\n-3.5e38,x\n1,y\n'))).rejects.toThrow(/line 2: column 1 \("a"\): "-3.5e38" overflows/);
    // The largest float32 itself, and tiny values (which round to 0), are fine.
    const edge = await loadCsv(write('edge.csv', 'a,label\n3.4028234e38,x\n1e-50,y\n'));
    expect(edge.x[0]).toBe(Math.fround(3.4028234e38));
    expect(edge.x[1]).toBe(0);
  });

  it('compares numeric labels as numbers: 1, 1.0 and 1e0 are one class', async () => {
    const warnings: string[] = [];
    const ds = await loadCsv(write('ones.csv', 'a,label\n1,1\n2,1.0\n3,2\n4,1e0\n5,2\n'), { onWarning: (m) => warnings.push(m) });
    expect(ds.classNames).toEqual(['1', '2']);
    expect([...ds.y]).toEqual([0, 0, 1, 0, 1]);
    expect(warnings).toEqual([]);
    // One spelling throughout keeps it as written.
    const floats = await loadCsv(write('floats.csv', 'a,label\n1,1.0\n2,0.0\n'));
    expect(floats.classNames).toEqual(['0.0', '1.0']);
  });

  it('keeps labels differing only in case as two classes, as pandas does, and warns', async () => {
    const warnings: string[] = [];
    const ds = await loadCsv(write('case.csv', 'a,label\n1,Pos\n2,pos\n3,neg\n4,Pos\n'), { onWarning: (m) => warnings.push(m) });
    expect(ds.classNames).toEqual(['Pos', 'neg', 'pos']);
    expect([...ds.y]).toEqual([0, 2, 1, 0]);
    expect(warnings).toEqual([
      'labels "Pos" and "pos" are 2 different classes (labels are compared as written, as in pandas and scikit-learn); if they mean one class, spell them alike',
    ]);
    // Mixed text and numbers: "1" and "1.0" are text here, two classes, with a warning.
    const mixed: string[] = [];
    await loadCsv(write('mixed.csv', 'a,label\n1,1\n2,1.0\n3,x\n'), { onWarning: (m) => mixed.push(m) });
    expect(mixed).toHaveLength(1);
    expect(mixed[0]).toMatch(/^labels "1" and "1.0" are 2 different classes/);
    await expect(loadCsv(iris, { onWarning: 'yes' as never })).rejects.toThrow(/onWarning must be a function/);
  });
});

describe('parseCsv', () => {
  it('reads text in memory exactly as loadCsv reads the same file', async () => {
    const text = '\ufeffsepal, species ,petal\r\n5.1,setosa,1.4\r\n\r\n7.0, versicolor ,4.7\n6.3,virginica,6.0E0\n4.9,setosa,-1.5e-1\n';
    expect(parseCsv(text, { labelColumn: 'species' })).toEqual(await loadCsv(iris, { labelColumn: 'species' }));
  });

  it("names the text by its source in the loader's errors", () => {
    expect(() => parseCsv('a,b,label\n1,2,x\n3,4\n', { source: 'dropped.csv' })).toThrow(FileFormatError);
    expect(() => parseCsv('a,b,label\n1,2,x\n3,4\n', { source: 'dropped.csv' })).toThrow(
      'dropped.csv: line 3: has 2 fields, but the header has 3',
    );
    expect(() => parseCsv('a,label\n1,"x\n')).toThrow('CSV text: line 2: a quoted field is not closed');
    expect(() => parseCsv('', { source: 'empty.csv' })).toThrow('empty.csv: holds no rows');
  });

  it('validates its options', () => {
    expect(() => parseCsv('a,b\n1,x\n', { labelColumn: 'kind', source: 'f.csv' })).toThrow(/"kind" is not a column of f.csv; columns: a, b/);
    expect(() => parseCsv('a,b\n1,x\n', { path: 'f.csv' } as unknown as object)).toThrow(/parseCsv has no option "path"/);
    expect(() => parseCsv('a,b\n1,x\n', { source: 3 as unknown as string })).toThrow(OptionError);
    expect(() => parseCsv(new Uint8Array(3) as unknown as string)).toThrow(/needs the text as a string/);
  });
});
