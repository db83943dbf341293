import { gzipSync } from 'node:zlib';
import { FileFormatError } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import { csvDataset, guessDelimiter, headerNames, readCsvFile } from './csv-file';

function file(name: string, bytes: Uint8Array<ArrayBuffer> | string): Blob & { name: string } {
  return Object.assign(new Blob([bytes]), { name });
}

describe('dropped CSV files', () => {
  it('reads plain and gzip files and offers the header names as label columns', async () => {
    const text = 'a;b;kind\n1;2;x\n3;4;y\n5;6;x\n';
    const plain = await readCsvFile(file('t.csv', '\ufeff' + text));
    const zipped = await readCsvFile(file('t.csv.gz', new Uint8Array(gzipSync(text))));
    expect(plain).toEqual({ name: 't.csv', text });
    expect(zipped).toEqual({ name: 't.csv.gz', text });
    expect(guessDelimiter(text)).toBe(';');
    expect(guessDelimiter('a\tb\n')).toBe('\t');
    expect(guessDelimiter('just-one-column\n')).toBe(',');
    expect(headerNames(text)).toEqual(['a', 'b', 'kind']);
    expect(headerNames('\n "x" ,y\n')).toEqual(['x', 'y']);
    const byDefault = csvDataset(plain, '');
    expect(byDefault.classNames).toEqual(['x', 'y']);
    expect([...byDefault.x]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("gives the loader's typed error, naming the file, for a malformed file or a bad label choice", async () => {
    const bad = await readCsvFile(file('bad.csv', 'a,b,label\n1,2,x\n3,oops,y\n'));
    expect(() => csvDataset(bad, '')).toThrow(FileFormatError);
    expect(() => csvDataset(bad, '')).toThrow('bad.csv: line 3: column 2 ("b"): "oops" is not a number');
    expect(() => csvDataset(bad, 'a')).toThrow(/"x" is not a number/);
    const broken = file('broken.csv.gz', new Uint8Array([0x1f, 0x8b, 1, 2, 3]));
    await expect(readCsvFile(broken)).rejects.toThrow(FileFormatError);
    await expect(readCsvFile(broken)).rejects.toThrow(/^broken\.csv\.gz: starts like gzip but cannot be decompressed/);
  });
});
