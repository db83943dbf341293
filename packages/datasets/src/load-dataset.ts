import { FileFormatError, checkKnownOptions, checkOneOf, throwIfAborted } from '@oversample/core';
import type { KeelDataset, KeelOptions } from '@oversample/data';
import { parseKeel } from '@oversample/data';
import type { CatalogEntry } from './dataset-info';
import { datasetInfo } from './dataset-info';
import { bundledSource, decodeTable } from './decode-table';
import { TABLE_MODULES } from './table-modules';

/** Options of `loadDataset`. */
export interface LoadDatasetOptions {
  /**
   * Nominal attributes: `'onehot'` (default) gives one 0/1 column per value, named
   * `attribute=value`; `'categorical'` keeps one column of category codes marked
   * `kind: 'categorical'` in `features` (for SMOTE-NC). As `loadKeel`'s `nominal`.
   */
  readonly encoding?: NonNullable<KeelOptions['nominal']>;
  /** Rows with a missing value: `'drop'` (default) or `'impute'` (mean / most frequent). As `loadKeel`'s. */
  readonly missing?: NonNullable<KeelOptions['missing']>;
  /** Stops the load with `CancelledError`. */
  readonly signal?: AbortSignal;
}

/**
 * The original `.dat` text of a bundled table, byte for byte as the KEEL file (for other tools, or
 * to write the file out). Only this table's module is imported. Throws `UnknownDatasetError` for a
 * name that is not bundled, `FileFormatError` for damaged data, `CancelledError` when `signal` aborts.
 *
 * @example
 * await writeFile('glass1.dat', await datasetText('glass1'));
 */
export async function datasetText(name: string, options: { readonly signal?: AbortSignal } = {}): Promise<string> {
  checkKnownOptions('datasetText', options, ['signal']);
  throwIfAborted(options.signal);
  const entry = datasetInfo(name);
  const module = await TABLE_MODULES[entry.name]!();
  throwIfAborted(options.signal);
  return decodeTable(entry, module.default);
}

/** Holds a parsed table to what the generator recorded, so damage that still parses is caught. */
function checkAgainstCatalog(data: KeelDataset, entry: CatalogEntry, encoding: 'onehot' | 'categorical'): void {
  const problems: string[] = [];
  if (data.y.length + data.droppedRows !== entry.rows + entry.droppedRows) {
    problems.push(`${data.y.length + data.droppedRows} rows where the catalog has ${entry.rows + entry.droppedRows}`);
  }
  if (data.shape[0] !== entry.columns[encoding]) problems.push(`${data.shape[0]} columns where the catalog has ${entry.columns[encoding]}`);
  const names = entry.classes.map((c) => c.name);
  if (data.classNames?.join('\n') !== names.join('\n')) problems.push(`classes ${JSON.stringify(data.classNames)} where the catalog has ${JSON.stringify(names)}`);
  if (problems.length > 0) {
    throw new FileFormatError(bundledSource(entry.name), `the bundled data is damaged: ${problems.join('; ')}; reinstall @oversample/datasets`);
  }
}

/**
 * Loads one bundled KEEL table: the same `Dataset` (with `relation` and `droppedRows`) that
 * `loadKeel` from `@oversample/data` gives for the original `.dat` file, offline, in Node (ESM or
 * CommonJS) and in browsers. Only this table's module is loaded and decompressed.
 * An unknown name throws `UnknownDatasetError` (an `OptionError`) listing the nearest names;
 * damaged bundled data throws `FileFormatError`; a bad option throws `OptionError`.
 *
 * @example
 * const glass = await loadDataset('glass1');                             // one-hot, rows with missing values dropped
 * const abalone = await loadDataset('abalone19', { encoding: 'categorical' }); // Sex as category codes
 */
export async function loadDataset(name: string, options: LoadDatasetOptions = {}): Promise<KeelDataset> {
  checkKnownOptions('loadDataset', options, ['encoding', 'missing', 'signal']);
  const encoding = checkOneOf('encoding', options.encoding ?? 'onehot', ['onehot', 'categorical'] as const);
  const missing = checkOneOf('missing', options.missing ?? 'drop', ['drop', 'impute'] as const);
  throwIfAborted(options.signal);
  const entry = datasetInfo(name);
  const text = await datasetText(entry.name);
  throwIfAborted(options.signal);
  const data = parseKeel(text, bundledSource(entry.name), { nominal: encoding, missing });
  checkAgainstCatalog(data, entry, encoding);
  return data;
}
