import type { Dataset, FeatureInfo } from '@oversample/core';
import { FileFormatError, OptionError, checkKnownOptions, describeValue } from '@oversample/core';
import { defaultWarn, encodeClassLabels, float32Cell, isNumberText } from './class-labels';
import { readText } from './read-file';

/** Options of `loadCsv`. */
export interface CsvOptions {
  /**
   * The label column: a header name, or a 0-based index (negative counts from the end, `-1` is the
   * last column). Default `-1`.
   */
  readonly labelColumn?: string | number;
  /** Whether the first non-blank line names the columns; default `true`. */
  readonly header?: boolean;
  /** One-character field separator; default `','`. */
  readonly delimiter?: string;
  /**
   * Called with a message when labels look alike but make different classes (`Pos` and `pos`);
   * default: Node's `process.emitWarning` (type `OversampleWarning`), else `console.warn`, naming the file.
   */
  readonly onWarning?: (message: string) => void;
}

/**
 * Splits one line into fields. Fields may be double-quoted (`"a,b"`, with `""` for a quote);
 * returns `undefined` for an unterminated quote. Quoted fields spanning lines are not supported.
 */
function splitFields(line: string, delimiter: string): string[] | undefined {
  if (!line.includes('"')) return line.split(delimiter);
  const fields: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < line.length) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else {
      field += ch;
    }
    i++;
  }
  if (quoted) return undefined;
  fields.push(field);
  return fields;
}

/**
 * Reads a delimited text table (plain or gzip) of numeric features and one label column.
 * Labels are any text; class indices follow the labels' sorted order (numeric when every label
 * is a number, so `'2'` < `'10'`; else by code units, so `'negative'` < `'positive'`), and
 * `classNames` keeps the labels as written. Blank lines are skipped and fields trimmed.
 * A ragged row, a non-numeric feature cell, a value beyond float32's range (`1e39`) or an
 * unterminated quote throws `FileFormatError`
 * naming the file, the line (1-based) and the column. Shape `[d]`; `features` names the columns
 * from the header (else `column1`, ...), all continuous.
 *
 * @example
 * const iris = await loadCsv('iris.csv', { labelColumn: 'species' });
 */
export async function loadCsv(path: string, options: CsvOptions = {}): Promise<Dataset> {
  checkKnownOptions('loadCsv', options, CSV_OPTIONS);
  checkCsvOptions(options);
  return parseCsvText(await readText(path), options, path);
}

/** Options of `parseCsv`: those of `loadCsv`, and the name its errors give the text. */
export interface ParseCsvOptions extends CsvOptions {
  /** What error messages call the text, e.g. the name of a file the user dropped; default `'CSV text'`. */
  readonly source?: string;
}

/**
 * `loadCsv` for text already in memory (a file picked or dropped in a browser, a fetched
 * response): the same format, options, `Dataset` and `FileFormatError`s, with `source` in place
 * of the path. Needs no file system.
 *
 * @example
 * const data = parseCsv(await file.text(), { labelColumn: 'class', source: file.name });
 */
export function parseCsv(text: string, options: ParseCsvOptions = {}): Dataset {
  checkKnownOptions('parseCsv', options, [...CSV_OPTIONS, 'source']);
  checkCsvOptions(options);
  const source = options.source ?? 'CSV text';
  if (typeof source !== 'string') throw new OptionError(`source must be a string, got ${describeValue(source)}`);
  if (typeof text !== 'string') throw new OptionError(`parseCsv needs the text as a string, got ${describeValue(text)}`);
  return parseCsvText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, options, source);
}

const CSV_OPTIONS = ['labelColumn', 'header', 'delimiter', 'onWarning'];

function checkCsvOptions(options: CsvOptions): void {
  if (options.onWarning !== undefined && typeof options.onWarning !== 'function') {
    throw new OptionError(`onWarning must be a function, got ${describeValue(options.onWarning)}`);
  }
  const header = options.header ?? true;
  if (typeof header !== 'boolean') throw new OptionError(`header must be true or false, got ${describeValue(header)}`);
  const delimiter = options.delimiter ?? ',';
  if (typeof delimiter !== 'string' || delimiter.length !== 1 || delimiter === '"' || delimiter === '\n') {
    throw new OptionError(`delimiter must be one character other than a quote or newline, got ${describeValue(delimiter)}`);
  }
  const labelOption = options.labelColumn ?? -1;
  if (typeof labelOption === 'number' ? !Number.isInteger(labelOption) : typeof labelOption !== 'string') {
    throw new OptionError(`labelColumn must be a column name or an integer index, got ${describeValue(labelOption)}`);
  }
  if (typeof labelOption === 'string' && !header) {
    throw new OptionError(`labelColumn ${describeValue(labelOption)} is a name, but header is false: give a column index instead`);
  }
}

/** The parser shared by `loadCsv` and `parseCsv`; `path` names the text in errors. Options are checked. */
function parseCsvText(text: string, options: CsvOptions, path: string): Dataset {
  const header = options.header ?? true;
  const delimiter = options.delimiter ?? ',';
  const labelOption = options.labelColumn ?? -1;
  const lines = text.split(/\r?\n/);
  const fail = (line: number, problem: string): never => {
    throw new FileFormatError(path, `line ${line}: ${problem}`);
  };
  const rows: { line: number; fields: string[] }[] = [];
  for (const [i, raw] of lines.entries()) {
    if (raw.trim() === '') continue;
    const fields = splitFields(raw, delimiter);
    if (fields === undefined) fail(i + 1, 'a quoted field is not closed');
    rows.push({ line: i + 1, fields: fields!.map((f) => f.trim()) });
  }
  if (rows.length === 0) throw new FileFormatError(path, 'holds no rows');
  const first = rows[0]!;
  const width = first.fields.length;
  const names = header ? first.fields : Array.from({ length: width }, (_, j) => `column${j + 1}`);
  const body = header ? rows.slice(1) : rows;
  if (body.length === 0) throw new FileFormatError(path, 'has a header but no data rows');
  if (width < 2) throw new FileFormatError(path, `line ${first.line} has ${width} column; a label and at least one feature are needed`);

  let labelIndex: number;
  if (typeof labelOption === 'string') {
    labelIndex = names.indexOf(labelOption);
    if (labelIndex < 0) {
      throw new OptionError(`labelColumn ${describeValue(labelOption)} is not a column of ${path}; columns: ${names.join(', ')}`);
    }
  } else {
    labelIndex = labelOption < 0 ? width + labelOption : labelOption;
    if (labelIndex < 0 || labelIndex >= width) {
      throw new OptionError(`labelColumn ${labelOption} is outside the ${width} columns of ${path} (0..${width - 1}, or -1..-${width})`);
    }
  }

  const d = width - 1;
  const x = new Float32Array(body.length * d);
  const labels: string[] = new Array<string>(body.length);
  const columnName = (j: number): string => (header ? `column ${j + 1} (${describeValue(names[j])})` : `column ${j + 1}`);
  for (const [r, { line, fields }] of body.entries()) {
    if (fields.length !== width) {
      fail(line, `has ${fields.length} fields, but ${header ? 'the header' : `line ${first.line}`} has ${width}`);
    }
    let k = r * d;
    for (let j = 0; j < width; j++) {
      const cell = fields[j]!;
      if (j === labelIndex) {
        if (cell === '') fail(line, `${columnName(j)}: the label is empty`);
        labels[r] = cell;
        continue;
      }
      if (!isNumberText(cell)) {
        fail(line, `${columnName(j)}: ${describeValue(cell)} is not a number (features must be numeric; missing values are not accepted)`);
      }
      const value = float32Cell(cell);
      if (typeof value === 'string') fail(line, `${columnName(j)}: ${value}`);
      x[k++] = value as number;
    }
  }

  const { classNames, indexOf } = encodeClassLabels(labels, options.onWarning ?? defaultWarn(path));
  const y = new Int32Array(body.length);
  for (let r = 0; r < labels.length; r++) y[r] = indexOf.get(labels[r]!)!;
  const features: FeatureInfo[] = names.filter((_, j) => j !== labelIndex).map((name) => ({ name, kind: 'continuous' }));
  return { x, y, shape: [d], classNames, features };
}
