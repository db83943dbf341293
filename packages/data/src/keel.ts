import type { Dataset, FeatureInfo } from '@oversample/core';
import { FileFormatError, OptionError, PlatformError, checkKnownOptions, checkOneOf, describeValue, joinPath, listDirectory } from '@oversample/core';
import { defaultWarn, encodeClassLabels, float32Cell, isNumberText } from './class-labels';
import { readText } from './read-file';

/** Options of `loadKeel`. */
export interface KeelOptions {
  /**
   * Nominal input attributes: `'onehot'` (default) gives one 0/1 column per declared value, named
   * `attribute=value`; `'categorical'` keeps one column of codes (the declared order, from 0) with
   * `kind: 'categorical'` and the `categories` in `features`, for SMOTE-NC and friends.
   */
  readonly nominal?: 'onehot' | 'categorical';
  /**
   * Rows with a missing input value (`<null>` or `?`): `'drop'` (default) removes them;
   * `'impute'` fills numeric attributes with the column mean and nominal ones with the most
   * frequent value (ties: the first declared). Rows without a class are always dropped.
   */
  readonly missing?: 'drop' | 'impute';
  /**
   * Called with a message when class labels look alike but make different classes (`Pos` and
   * `pos`); default: Node's `process.emitWarning` (type `OversampleWarning`), naming the file.
   */
  readonly onWarning?: (message: string) => void;
}

/** A dataset read from a KEEL file, with the file's `@relation` name and how many rows were dropped. */
export interface KeelDataset extends Dataset {
  /** The `@relation` name (the file name without `.dat` when the header has none). */
  readonly relation: string;
  /** Rows dropped for missing values (see `KeelOptions.missing`). */
  readonly droppedRows: number;
}

/** One KEEL file found by `listKeelDatasets`. */
export interface KeelEntry {
  /** The file name without `.dat`, e.g. `'ecoli1'`. */
  readonly name: string;
  readonly path: string;
}

interface Attribute {
  readonly name: string;
  /** Declared values of a nominal attribute; undefined for real/integer. */
  readonly values?: readonly string[];
}

const NUMERIC_TYPE = /^(real|integer|numeric)\s*(\[[^\]]*\])?$/i;
const MISSING = new Set(['<null>', '?']);

function unquote(text: string): string {
  const t = text.trim();
  return t.length >= 2 && (t[0] === "'" || t[0] === '"') && t[t.length - 1] === t[0] ? t.slice(1, -1) : t;
}

function parseAttribute(rest: string, fail: (problem: string) => never): Attribute {
  let name: string;
  let type: string;
  const quote = rest[0];
  if (quote === "'" || quote === '"') {
    const end = rest.indexOf(quote, 1);
    if (end < 0) fail(`the attribute name ${rest} has no closing quote`);
    name = rest.slice(1, end);
    type = rest.slice(end + 1).trim();
  } else {
    // The name ends at a space or where a nominal list starts (`Class{a,b}`).
    const match = /^([^\s{]+)\s*(.*)$/.exec(rest);
    if (!match) fail('@attribute needs a name and a type');
    name = match![1]!;
    type = match![2]!.trim();
  }
  if (type === '') fail(`attribute ${describeValue(name)} has no type; KEEL types are real, integer or a nominal list {a, b, ...}`);
  if (NUMERIC_TYPE.test(type)) return { name };
  if (type.startsWith('{') && type.endsWith('}')) {
    const values = type
      .slice(1, -1)
      .split(',')
      .map(unquote)
      .filter((v) => v !== '');
    if (values.length === 0) fail(`nominal attribute ${describeValue(name)} declares no values`);
    const dup = values.find((v, i) => values.indexOf(v) !== i);
    if (dup !== undefined) fail(`nominal attribute ${describeValue(name)} declares ${describeValue(dup)} twice`);
    return { name, values };
  }
  return fail(
    `attribute ${describeValue(name)} has unknown type ${describeValue(type)}; KEEL types are real, integer or a nominal list {a, b, ...}`,
  );
}

function nameList(text: string): string[] {
  return text
    .split(',')
    .map(unquote)
    .filter((s) => s !== '');
}

/**
 * Reads a dataset in KEEL's format (`@relation`, `@attribute NAME real [min, max]` / `integer
 * [..]` / `{a, b}`, optional `@inputs`/`@outputs`, `@data`, comma-separated rows; the keel
 * folder's README describes it). Values and labels are trimmed; `<null>` and `?` are missing.
 * The class is the `@outputs` attribute, else the last one. Class indices follow the sorted
 * class values (see `loadCsv`), so KEEL's imbalanced files give `classNames`
 * `['negative', 'positive']`: negative = 0, positive = 1 (the minority in all but ecoli-0_vs_1).
 * Input columns keep the header's order; `features` describes each output column.
 * An unknown attribute type, a row with the wrong number of values, a non-numeric value for a
 * numeric attribute or an undeclared nominal value throws `FileFormatError` naming file and line.
 * The file may be gzip-compressed. `parseKeel` does the same for text already in memory.
 *
 * @example
 * const ds = await loadKeel('data/abalone19.dat', { nominal: 'categorical' });
 * ds.classNames; // ['negative', 'positive']
 */
export async function loadKeel(path: string, options: KeelOptions = {}): Promise<KeelDataset> {
  checkKeelOptions('loadKeel', options);
  if (typeof path !== 'string' || path === '') throw new OptionError(`loadKeel needs a file path, got ${describeValue(path)}`);
  return parseKeel(await readText(path), path, options);
}

function checkKeelOptions(fn: string, options: KeelOptions): { nominal: 'onehot' | 'categorical'; missing: 'drop' | 'impute' } {
  checkKnownOptions(fn, options, ['nominal', 'missing', 'onWarning']);
  if (options.onWarning !== undefined && typeof options.onWarning !== 'function') {
    throw new OptionError(`onWarning must be a function, got ${describeValue(options.onWarning)}`);
  }
  const nominal = options.nominal === undefined ? 'onehot' : checkOneOf('nominal', options.nominal, ['onehot', 'categorical'] as const);
  const missing = options.missing === undefined ? 'drop' : checkOneOf('missing', options.missing, ['drop', 'impute'] as const);
  return { nominal, missing };
}

/**
 * Parses the text of a KEEL file exactly as `loadKeel` reads the file: the same dataset, the same
 * `FileFormatError`s, which name `source` (a path, or any name for text from elsewhere; without an
 * `@relation` line the relation is `source`'s last path segment without `.dat`). Needs no file
 * system, so it also runs in a browser.
 *
 * @example
 * const ds = parseKeel('@relation t\n@attribute a real\n@attribute c {n, p}\n@data\n1,n\n2,p\n', 't.dat');
 */
export function parseKeel(text: string, source: string, options: KeelOptions = {}): KeelDataset {
  const { nominal, missing } = checkKeelOptions('parseKeel', options);
  if (typeof text !== 'string') throw new OptionError(`parseKeel needs the file's text as a string, got ${describeValue(text)}`);
  const path = source;
  const lines = text.split(/\r?\n/);
  let lineNo = 0;
  const fail = (problem: string): never => {
    throw new FileFormatError(path, `line ${lineNo}: ${problem}`);
  };

  // Header.
  let relation = '';
  const attributes: Attribute[] = [];
  let inputNames: { names: string[]; line: number } | undefined;
  let outputNames: { names: string[]; line: number } | undefined;
  let dataStart = -1;
  for (let i = 0; i < lines.length; i++) {
    lineNo = i + 1;
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('%')) continue;
    let m: RegExpExecArray | null;
    if ((m = /^@relation\s*(.*)$/i.exec(line))) relation = unquote(m[1]!);
    else if ((m = /^@attribute\s*(.*)$/i.exec(line))) attributes.push(parseAttribute(m[1]!, fail));
    else if ((m = /^@inputs?(?:\s+(.*))?$/i.exec(line))) inputNames = { names: nameList(m[1] ?? ''), line: lineNo };
    else if ((m = /^@outputs?(?:\s+(.*))?$/i.exec(line))) outputNames = { names: nameList(m[1] ?? ''), line: lineNo };
    else if (/^@data\s*$/i.test(line)) {
      dataStart = i + 1;
      break;
    } else if (line.startsWith('@')) fail(`unknown header line ${describeValue(line)}; expected @relation, @attribute, @inputs, @outputs or @data`);
    else fail(`data before @data: ${describeValue(line)}`);
  }
  if (dataStart < 0) throw new FileFormatError(path, 'has no @data line: not a KEEL file, or truncated in its header');
  if (attributes.length < 2) throw new FileFormatError(path, `declares ${attributes.length} attribute(s); a class and at least one input are needed`);
  const byName = new Map(attributes.map((a, j) => [a.name, j]));
  const resolve = (list: { names: string[]; line: number }, what: string): number[] =>
    list.names.map((name) => {
      const j = byName.get(name);
      if (j === undefined) {
        lineNo = list.line;
        fail(`${what} names ${describeValue(name)}, which is not a declared attribute`);
      }
      return j!;
    });
  let classIndex = attributes.length - 1;
  if (outputNames) {
    const outs = resolve(outputNames, '@outputs');
    if (outs.length !== 1) {
      lineNo = outputNames.line;
      fail(`@outputs must name exactly one class attribute, got ${outs.length}`);
    }
    classIndex = outs[0]!;
  }
  let inputs = attributes.map((_, j) => j).filter((j) => j !== classIndex);
  if (inputNames) {
    const chosen = new Set(resolve(inputNames, '@inputs'));
    if (chosen.has(classIndex)) {
      lineNo = inputNames.line;
      fail(`@inputs lists the class attribute ${describeValue(attributes[classIndex]!.name)}`);
    }
    inputs = inputs.filter((j) => chosen.has(j));
  }
  if (inputs.length === 0) throw new FileFormatError(path, 'has no input attributes besides the class');
  const classAttr = attributes[classIndex]!;

  // Data: every attribute parsed to a number (nominal: its declared code), NaN when missing.
  const width = attributes.length;
  const codes: Map<string, number>[] = attributes.map((a) => new Map((a.values ?? []).map((v, k) => [v, k])));
  const valueRows: Float64Array[] = [];
  const classTexts: string[] = [];
  let droppedRows = 0;
  for (let i = dataStart; i < lines.length; i++) {
    lineNo = i + 1;
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('%')) continue;
    const cells = line.split(',');
    if (cells.length !== width) fail(`has ${cells.length} values, but the header declares ${width} attributes`);
    const row = new Float64Array(width);
    let classText: string | undefined;
    for (let j = 0; j < width; j++) {
      const cell = cells[j]!.trim();
      const attr = attributes[j]!;
      if (MISSING.has(cell)) {
        row[j] = NaN;
        continue;
      }
      if (attr.values) {
        const code = codes[j]!.get(cell);
        if (code === undefined) {
          fail(`attribute ${describeValue(attr.name)}: unknown nominal value ${describeValue(cell)} (declared: ${attr.values.join(', ')})`);
        }
        row[j] = code!;
      } else {
        if (!isNumberText(cell)) fail(`attribute ${describeValue(attr.name)} (column ${j + 1}): ${describeValue(cell)} is not a number`);
        const value = float32Cell(cell);
        // The class column stays float64 (its text names the class); inputs are stored as float32.
        if (typeof value === 'string' && j !== classIndex) fail(`attribute ${describeValue(attr.name)} (column ${j + 1}): ${value}`);
        row[j] = Number(cell);
      }
      if (j === classIndex) classText = cell;
    }
    if (classText === undefined) {
      droppedRows++;
      continue;
    }
    if (missing === 'drop' && inputs.some((j) => Number.isNaN(row[j]!))) {
      droppedRows++;
      continue;
    }
    valueRows.push(row);
    classTexts.push(classText);
  }
  lineNo = lines.length;
  if (valueRows.length === 0) {
    throw new FileFormatError(path, droppedRows > 0 ? `no rows left after dropping ${droppedRows} with missing values` : 'has no data rows after @data');
  }
  const n = valueRows.length;

  if (missing === 'impute') {
    for (const j of inputs) {
      const attr = attributes[j]!;
      let fill: number;
      if (attr.values) {
        const tally = new Float64Array(attr.values.length);
        for (const row of valueRows) if (!Number.isNaN(row[j]!)) tally[row[j]!]!++;
        fill = tally.indexOf(Math.max(...tally));
        if (tally[fill] === 0) throw new FileFormatError(path, `attribute ${describeValue(attr.name)} has no values to impute from`);
      } else {
        let sum = 0;
        let count = 0;
        for (const row of valueRows) {
          if (!Number.isNaN(row[j]!)) {
            sum += row[j]!;
            count++;
          }
        }
        if (count === 0) throw new FileFormatError(path, `attribute ${describeValue(attr.name)} has no values to impute from`);
        fill = sum / count;
      }
      for (const row of valueRows) if (Number.isNaN(row[j]!)) row[j] = fill;
    }
  }

  // Output columns.
  const features: FeatureInfo[] = [];
  for (const j of inputs) {
    const attr = attributes[j]!;
    if (!attr.values) features.push({ name: attr.name, kind: 'continuous' });
    else if (nominal === 'categorical') features.push({ name: attr.name, kind: 'categorical', categories: [...attr.values] });
    else for (const v of attr.values) features.push({ name: `${attr.name}=${v}`, kind: 'continuous' });
  }
  const d = features.length;
  const x = new Float32Array(n * d);
  for (let r = 0; r < n; r++) {
    const row = valueRows[r]!;
    let k = r * d;
    for (const j of inputs) {
      const attr = attributes[j]!;
      if (attr.values && nominal === 'onehot') {
        // Missing values were dropped or imputed above, so every nominal cell has a code here.
        x[k + row[j]!] = 1;
        k += attr.values.length;
      } else {
        x[k++] = row[j]!;
      }
    }
  }
  const { classNames, indexOf } = encodeClassLabels(classTexts, options.onWarning ?? defaultWarn(path), classAttr.values);
  const y = new Int32Array(n);
  for (let r = 0; r < n; r++) y[r] = indexOf.get(classTexts[r]!)!;
  const fallbackName = path.replace(/^.*[\\/]/, '').replace(/\.dat$/i, '');
  return { x, y, shape: [d], classNames, features, relation: relation || fallbackName, droppedRows };
}

/**
 * The KEEL files (`*.dat`) in `dir`, sorted by name (code-unit order).
 *
 * @example
 * for (const { name, path } of await listKeelDatasets('data/keel')) console.log(name, path);
 */
export async function listKeelDatasets(dir: string): Promise<KeelEntry[]> {
  let entries;
  try {
    entries = await listDirectory(dir);
  } catch (err) {
    if (err instanceof PlatformError) throw err;
    throw new FileFormatError(dir, `cannot list the directory (${(err as Error).message})`, { cause: err });
  }
  return entries
    .filter((e) => e.isFile && /\.dat$/i.test(e.name))
    .map((e) => ({ name: e.name.replace(/\.dat$/i, ''), path: joinPath(dir, e.name) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
