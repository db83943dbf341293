import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileFormatError, OptionError } from '@oversample/core';
import { afterAll, describe, expect, it } from 'vitest';
import { listKeelDatasets, loadKeel, parseKeel } from './keel';
import { makeTempDir } from './test-support';

const { dir, cleanup } = makeTempDir('keel');
afterAll(cleanup);

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const HEADER = `@relation tiny
@attribute A real [0.0, 5.0E-4]
@attribute Colour {red, green, blue}
@attribute N integer[0,9]
@attribute Class {positive, negative}
@inputs A, Colour, N
@outputs Class
@data
`;

describe('loadKeel on small fixtures', () => {
  it('trims spaces, reads exponents, and encodes nominal values in declared order', async () => {
    const path = write('tiny.dat', `${HEADER}  5.0E-4 , green,3, positive\n1e-4,blue , 7,negative\n\n0,red,1,negative\n`);
    const ds = await loadKeel(path);
    expect(ds.relation).toBe('tiny');
    expect(ds.shape).toEqual([5]);
    expect(ds.features!.map((f) => f.name)).toEqual(['A', 'Colour=red', 'Colour=green', 'Colour=blue', 'N']);
    expect([...ds.x]).toEqual([5e-4, 0, 1, 0, 3, 1e-4, 0, 0, 1, 7, 0, 1, 0, 0, 1].map(Math.fround));
    expect([...ds.y]).toEqual([1, 0, 0]);
    const cat = await loadKeel(path, { nominal: 'categorical' });
    expect([...cat.x]).toEqual([5e-4, 1, 3, 1e-4, 2, 7, 0, 0, 1].map(Math.fround));
  });

  it('imputes the mean of a numeric column and the mode of a nominal one; drops rows without a class', async () => {
    const rows = ['1,green,?,positive', '?,green,4,negative', '3,<null>,8,negative', '2,red,6,<null>', '5,blue,2,negative'];
    const path = write('missing.dat', `${HEADER}${rows.join('\n')}\n`);
    const dropped = await loadKeel(path, { nominal: 'categorical' });
    expect([...dropped.x]).toEqual([5, 2, 2]);
    expect(dropped.droppedRows).toBe(4);
    // Statistics come from the four rows that have a class: A = mean(1, 3, 5), N = mean(4, 8, 2), Colour = green.
    const imputed = await loadKeel(path, { nominal: 'categorical', missing: 'impute' });
    expect(imputed.droppedRows).toBe(1);
    expect([...imputed.x]).toEqual([1, 1, 14 / 3, 3, 1, 4, 3, 1, 8, 5, 2, 2].map(Math.fround));
    expect([...imputed.y]).toEqual([1, 0, 0, 0]);
    const allMissing = write('all-missing.dat', `${HEADER}1,green,?,positive\n`);
    await expect(loadKeel(allMissing)).rejects.toThrow(/no rows left after dropping 1 with missing values/);
    await expect(loadKeel(allMissing, { missing: 'impute' })).rejects.toThrow(/attribute "N" has no values to impute from/);
  });

  it('uses the last attribute as the class when there is no @outputs, with glued keywords and names', async () => {
    const path = write('glued.dat', '@relationglued\n@attributepox real [0.0, 0.83]\n@attribute Class{b,a}\n@data\n0.5,a\n0.25,b\n');
    const ds = await loadKeel(path);
    expect(ds.relation).toBe('glued');
    expect(ds.features).toEqual([{ name: 'pox', kind: 'continuous' }]);
    expect(ds.classNames).toEqual(['a', 'b']);
    expect([...ds.y]).toEqual([0, 1]);
  });

  it('names file and line for broken files', async () => {
    const cases: [string, string, RegExp][] = [
      ['type.dat', HEADER.replace('integer[0,9]', 'string'), /line 4: attribute "N" has unknown type "string"; KEEL types are real, integer or a nominal list/],
      ['columns.dat', `${HEADER}1,red,2,positive\n1,red,positive\n`, /line 10: has 3 values, but the header declares 4 attributes/],
      ['nominal.dat', `${HEADER}1,purple,2,positive\n`, /line 9: attribute "Colour": unknown nominal value "purple" \(declared: red, green, blue\)/],
      ['class.dat', `${HEADER}1,red,2,maybe\n`, /line 9: attribute "Class": unknown nominal value "maybe"/],
      ['number.dat', `${HEADER}1,red,two,positive\n`, /line 9: attribute "N" \(column 3\): "two" is not a number/],
      ['overflow.dat', `${HEADER}1e39,red,2,positive\n`, /line 9: attribute "A" \(column 1\): "1e39" overflows a 32-bit float/],
      ['nodata.dat', HEADER.replace('@data\n', ''), /has no @data line/],
      ['outputs.dat', HEADER.replace('@outputs Class', '@outputs Klass'), /line 7: @outputs names "Klass", which is not a declared attribute/],
      ['directive.dat', HEADER.replace('@inputs', '@input-list'), /line 6: unknown header line "@input-list/],
      ['empty.dat', HEADER, /has no data rows after @data/],
    ];
    for (const [name, text, message] of cases) {
      const path = write(name, text);
      const error = await loadKeel(path).catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(FileFormatError);
      expect((error as FileFormatError).file, name).toBe(path);
      expect((error as Error).message, name).toMatch(message);
    }
  });

  it('compares numeric class values as numbers, and warns about classes differing only in case', async () => {
    const numeric = write('numeric-class.dat', '@attribute a real\n@attribute Class integer\n@data\n1,1\n2,1.0\n3,0\n');
    const ds = await loadKeel(numeric);
    expect(ds.classNames).toEqual(['0', '1']);
    expect([...ds.y]).toEqual([1, 1, 0]);
    const warnings: string[] = [];
    const cased = write('cased-class.dat', '@attribute a real\n@attribute Class {Pos, pos, neg}\n@data\n1,Pos\n2,pos\n3,neg\n');
    const c = await loadKeel(cased, { onWarning: (m) => warnings.push(m) });
    expect(c.classNames).toEqual(['Pos', 'neg', 'pos']);
    expect(warnings).toEqual([expect.stringMatching(/^labels "Pos" and "pos" are 2 different classes/)]);
  });

  it('validates its options', async () => {
    const path = write('ok.dat', `${HEADER}1,red,2,positive\n`);
    await expect(loadKeel(path, { nominal: 'ordinal' as 'onehot' })).rejects.toThrow(OptionError);
    await expect(loadKeel(path, { missing: 'keep' as 'drop' })).rejects.toThrow(/missing must be one of "drop", "impute", got "keep"/);
  });
});

// The 100 tables of the KEEL collection are read with this loader in @oversample/datasets'
// tests (keel-collection.test.ts), which ship them.
describe('listKeelDatasets', () => {
  it('lists the .dat files of a folder by name, sorted, and nothing else', async () => {
    const folder = join(dir, 'list');
    mkdirSync(join(folder, 'sub.dat'), { recursive: true });
    for (const name of ['pima.dat', 'ecoli1.dat', 'README.md', 'glass1.DAT']) writeFileSync(join(folder, name), '');
    expect(await listKeelDatasets(folder)).toEqual([
      { name: 'ecoli1', path: join(folder, 'ecoli1.dat') },
      { name: 'glass1', path: join(folder, 'glass1.DAT') },
      { name: 'pima', path: join(folder, 'pima.dat') },
    ]);
    await expect(listKeelDatasets(join(dir, 'nope'))).rejects.toThrow(FileFormatError);
  });
});

describe('parseKeel', () => {
  it('gives what loadKeel gives for the same text, with errors naming the source', async () => {
    const text = `${HEADER}5.0E-4,green,3,positive\n1e-4,blue,7,negative\n`;
    const path = write('same.dat', text);
    for (const options of [{}, { nominal: 'categorical' as const }]) {
      expect(parseKeel(text, path, options)).toEqual(await loadKeel(path, options));
    }
    expect(parseKeel('\ufeff' + text, 'bom.dat').relation).toBe('tiny');
    const error = (() => {
      try {
        return parseKeel(`${HEADER}1,red,two,positive\n`, 'from-memory');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(FileFormatError);
    expect((error as FileFormatError).file).toBe('from-memory');
    expect((error as Error).message).toMatch(/line 9: attribute "N" \(column 3\): "two" is not a number/);
    expect(parseKeel('@attribute a real\n@attribute c {n, p}\n@data\n1,n\n', 'dir/nameless.dat').relation).toBe('nameless');
    expect(() => parseKeel(42 as unknown as string, 'x')).toThrow(OptionError);
    expect(() => parseKeel(text, 'x', { nominal: 'ordinal' as 'onehot' })).toThrow(OptionError);
  });
});
