/**
 * A CSV file picked or dropped by the user: its text (gzip is undone in the browser), the column
 * names of its first line for the label picker, and the parse itself, which is
 * `@oversample/data`'s `parseCsv`, so a bad file gets the loader's own `FileFormatError`.
 */
import type { Dataset } from '@oversample/core';
import { FileFormatError } from '@oversample/core';
import { parseCsv } from '@oversample/data';

/** A file the page holds in memory (its text never goes into the URL). */
export interface CsvText {
  readonly name: string;
  readonly text: string;
}

/** Reads a `File` as text, undoing gzip when its first bytes say so (1f 8b), as `loadCsv` does. */
export async function readCsvFile(file: Blob & { readonly name: string }): Promise<CsvText> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
      return { name: file.name, text: stripBom(await new Response(stream).text()) };
    } catch (err) {
      throw new FileFormatError(file.name, `starts like gzip but cannot be decompressed (${(err as Error).message})`, { cause: err });
    }
  }
  return { name: file.name, text: stripBom(new TextDecoder('utf-8').decode(bytes)) };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function firstLine(text: string): string {
  return text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
}

/** The separator the first line uses most of: comma, semicolon or tab (comma when none). */
export function guessDelimiter(text: string): string {
  const line = firstLine(text);
  const count = (ch: string): number => line.split(ch).length - 1;
  return [';', '\t'].reduce((best, ch) => (count(ch) > count(best) ? ch : best), ',');
}

/**
 * The names in the first non-blank line, for the label-column picker only (quotes stripped,
 * fields trimmed): the parse proper, with its checks, is `parseCsv`'s.
 */
export function headerNames(text: string): string[] {
  const line = firstLine(text);
  if (line === '') return [];
  return line.split(guessDelimiter(text)).map((f) => f.trim().replace(/^"(.*)"$/, '$1'));
}

/** Parses the file with the label column chosen by name (`''`: the last column). */
export function csvDataset(file: CsvText, label: string): Dataset {
  return parseCsv(file.text, { source: file.name, delimiter: guessDelimiter(file.text), ...(label === '' ? {} : { labelColumn: label }) });
}
