/**
 * `oversample-bench` (`pnpm bench`): parses flags, resolves the preset, datasets, samplers and
 * classifiers, runs the cells with progress bars and Ctrl-C handling, and writes the outputs.
 * Exit codes: 0 done, 1 a run error, 2 a bad command line or missing data, 130 interrupted.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchArgs } from './args';
import { helpText, parseBenchArgs } from './args';
import type { BenchSettings } from './config';
import { resolveSettings } from './config';
import { loadConfigFile } from './config-file';
import { resolveDatasets } from './datasets';
import { publicationNotes } from './deviations';
import { optionsText } from './help-text';
import { inProcessExecutor } from './executor';
import { lockRunDir } from './lock';
import { mergeCommand } from './merge';
import { writeOutputs } from './outputs';
import type { RunPlan } from './plan';
import { classifiersFor, planHash, planRecord, resetCodeFingerprints, runName } from './plan';
import { createPool } from './pool';
import { DEFAULT_PRESET, presetConfig } from './presets';
import type { ProgressSink, TextStream } from './progress';
import { createProgress, formatDuration } from './progress';
import { classifierRecord, optionTargets, samplerRecord } from './registry';
import type { RunInfo } from './report-input';
import { cellGroup, lookupCache, runPlan } from './runner';
import type { CellResult } from './results';
import { UsageError } from './usage-error';

/** Streams and environment of one CLI run (tests pass their own). */
export interface CliEnv {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: TextStream;
  readonly signal?: AbortSignal;
  /** Progress display override (tests). */
  readonly progress?: (total: number, cached: number) => ProgressSink;
}

/** The plan, the settings it came from, and the name of the configuration (preset or file). */
export interface PlannedRun {
  readonly plan: RunPlan;
  readonly settings: BenchSettings;
  /** `quick`, or `config FILE` (on top of preset NAME). */
  readonly configName: string;
  /** The start of the run folder's name: the preset, or the config file's name. */
  readonly runBase: string;
  /** Things asked for that will not run, and why. */
  readonly skipped: string[];
}

/** Builds the run plan from the arguments; throws `UsageError` for anything the user must fix. */
export async function planFromArgs(args: BenchArgs, env: NodeJS.ProcessEnv, cwd: string): Promise<PlannedRun> {
  const config = args.config !== undefined ? loadConfigFile(args.config, args.preset) : presetConfig(args.preset ?? DEFAULT_PRESET);
  const configName =
    args.config !== undefined ? `config ${args.config}${args.preset !== undefined ? ` on preset ${args.preset}` : ''}` : (args.preset ?? DEFAULT_PRESET);
  const settings = resolveSettings(config, {
    ...(args.datasets ? { datasets: args.datasets } : {}),
    ...(args.samplers ? { samplers: args.samplers } : {}),
    ...(args.classifiers ? { classifiers: args.classifiers } : {}),
    ...(args.folds !== undefined ? { folds: args.folds } : {}),
    ...(args.repeats !== undefined ? { repeats: args.repeats } : {}),
    ...(args.seeds ? { seeds: args.seeds } : {}),
    ...(args.epochs !== undefined ? { epochs: args.epochs } : {}),
    sets: args.sets,
  });
  if (settings.datasets.length === 0) throw new UsageError(`${configName} names no datasets: add "datasets" to it or pass --dataset`);
  // KEEL tables come from @oversample/datasets; CIFAR-10 is the user's download.
  const cifarDefault = env.OVERSAMPLE_CIFAR10_DIR;
  const datasets = await resolveDatasets(settings.datasets, { cwd, ...(cifarDefault ? { cifar10Dir: cifarDefault } : {}) });
  const skipped: string[] = [];
  for (const s of args.sets) {
    const names = optionTargets(s.target).map((r) => r.name);
    const used = names.some((n) => settings.samplers.includes(n) || settings.tableClassifiers.includes(n) || settings.imageClassifiers.includes(n));
    if (!used) skipped.push(`--set ${s.target}.${s.path.join('.')}: ${s.target} is not in this run`);
  }
  const { description: _d, datasets: _specs, paper: _p, ...grid } = settings;
  const plan: RunPlan = { ...grid, datasets, out: args.out, useCache: !args.noCache, ...(args.shard ? { shard: args.shard } : {}) };

  for (const ds of datasets) {
    if (classifiersFor(plan, ds.kind).length === 0) {
      const names = (ds.kind === 'image' ? settings.imageClassifiers : (args.classifiers ?? [])).join(', ');
      throw new UsageError(`no classifier given can read dataset '${ds.id}' (${ds.kind}): ${names || 'CNNs need images'}; add e.g. --classifier logistic-regression`);
    }
  }
  const runBase = args.config !== undefined ? basename(args.config) : (args.preset ?? DEFAULT_PRESET);
  return { plan, settings, configName, runBase, skipped };
}

async function backendName(plan: RunPlan): Promise<string> {
  const needsTf =
    plan.datasets.some((d) => d.kind === 'image') ||
    plan.samplers.some((s) => samplerRecord(s).deep) ||
    plan.tableClassifiers.some((c) => classifierRecord(c).deep);
  if (!needsTf) return 'not loaded (no TensorFlow model in this run)';
  try {
    const { initBackend } = await import('@oversample/tf');
    const b = await initBackend();
    return `${b.name}${b.reason ? ` (${b.reason})` : ''}`;
  } catch (err) {
    return `unavailable (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`;
  }
}

/** Seconds of work in `cells`: each resampling once (classifiers share it), every fit and predict. */
export function computeSeconds(cells: readonly CellResult[]): number {
  const resampled = new Set<string>();
  let ms = 0;
  for (const c of cells) {
    const key = `${c.dataset}|${c.sampler}|${c.repeat}|${c.fold}|${c.seed}`;
    if (!resampled.has(key)) {
      resampled.add(key);
      ms += c.resampleMs;
    }
    ms += c.fitMs + c.predictMs;
  }
  return ms / 1000;
}

/** Creates `dir` if needed and proves it writable; `UsageError` (exit 2) up front when it is not. */
export function checkWritable(dir: string): void {
  const probe = join(dir, `.write-test-${process.pid}`);
  try {
    // One level at a time: a recursive mkdir under /proc retries for ever.
    const missing: string[] = [];
    for (let d = resolve(dir); !existsSync(d); d = dirname(d)) missing.unshift(d);
    for (const d of missing) mkdirSync(d);
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new UsageError(`--out ${dir} is not a writable folder (${e.code ?? 'error'}: ${(e.message ?? String(err)).split('\n')[0]})`);
  }
}

/** Runs the CLI with `argv` (flags only) and resolves with the exit code. */
export async function main(argv: readonly string[], io: CliEnv): Promise<number> {
  const started = Date.now();
  let args: BenchArgs;
  let planned: PlannedRun;
  try {
    const rest = argv[0] === '--' ? argv.slice(1) : argv;
    if (rest[0] === 'options') {
      for (const name of rest.slice(1)) optionTargets(name);
      io.stdout.write(optionsText(rest.slice(1)));
      return 0;
    }
    if (rest[0] === 'merge') {
      const m = mergeCommand(rest.slice(1), io.cwd);
      const r = m.written;
      io.stdout.write(
        `merged ${m.shards} result file(s): ${m.cells} cells${m.missing > 0 ? `, ${m.missing} missing` : ''}\n` +
          m.notes.map((n) => `  note: ${n}\n`).join('') +
          `  ${r.html}\n  ${r.markdown}\n  ${r.csv}\n  ${r.json}\n`,
      );
      return 0;
    }
    args = parseBenchArgs(argv, io.cwd);
    if (args.help) {
      io.stdout.write(`${helpText()}\n`);
      return 0;
    }
    checkWritable(args.out);
    resetCodeFingerprints();
    planned = await planFromArgs(args, io.env, io.cwd);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`oversample-bench: ${err.message.replace(/\s*\n\s*/g, ' ')}\n`);
      return 2;
    }
    throw err;
  }
  const { plan, settings, configName, runBase, skipped } = planned;
  const name = runName(runBase, plan);
  const runDir = join(plan.out, name);
  let release: () => void;
  try {
    release = lockRunDir(runDir);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`oversample-bench: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  try {
    const lookup = lookupCache(plan);
    const total = lookup.planned;
    const cached = lookup.found.size;
    const pendingGroups = [...lookup.todo].flatMap(([task, cells]) => cells.map((c) => cellGroup(task.dataset.kind, task.sampler, c.key.classifier)));
    const jobs = Math.max(1, Math.min(args.jobs, lookup.todo.size));
    const progress = io.progress
      ? io.progress(total - cached, cached)
      : createProgress({ total: total - cached, cached, stream: io.stderr, pendingGroups, parallel: jobs });
    for (const s of skipped) progress.note(`note: ${s}`);
    progress.note(
      `${configName.startsWith('config') ? configName : `preset ${configName}`}${args.datasets || args.samplers || args.classifiers ? ' (lists overridden by flags)' : ''}: ` +
        `${plan.datasets.length} dataset(s), ${plan.samplers.length} sampler(s), ${total} cells${plan.shard ? ` (shard ${plan.shard.index}/${plan.shard.count})` : ''} ` +
        `(${cached} cached) -> ${runDir}`,
    );
    const backend = await backendName(plan);
    const executor = jobs > 1 ? createPool(jobs, io.env) : inProcessExecutor();
    const outcome = await runPlan(plan, { progress, executor, ...(io.signal ? { signal: io.signal } : {}) }, lookup);
    progress.finish();
    const wallSeconds = (Date.now() - started) / 1000;
    const info: RunInfo = {
      preset: configName,
      run: name,
      ...(plan.shard ? { shard: `${plan.shard.index}/${plan.shard.count}` } : {}),
      jobs,
      ignoredCacheFiles: outcome.ignoredCacheFiles.length,
      paper: settings.paper,
      startedAt: new Date(started).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC'),
      wallSeconds,
      cellSeconds: computeSeconds(outcome.cells),
      cpuSeconds: outcome.cpuSeconds,
      folds: plan.folds,
      repeats: plan.repeats,
      seeds: plan.seeds,
      computed: outcome.computed,
      cached: outcome.cached,
      interrupted: outcome.interrupted,
      planned: outcome.planned,
      machine: `${cpus().length} CPU cores (${cpus()[0]?.model.trim() ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`,
      backend,
      datasetNotes: outcome.datasetNotes.map((n) => n.note),
      skipped,
      datasetKinds: Object.fromEntries(plan.datasets.map((d) => [d.id, d.kind])),
      imageProtocol: plan.image.protocol,
      publication: publicationNotes(plan.datasets, plan, backend),
    };
    const written = writeOutputs(runDir, {
      run: name,
      planHash: planHash(plan),
      ...(plan.shard ? { shard: plan.shard } : {}),
      plan: planRecord(plan),
      info,
      cells: outcome.cells,
      images: outcome.images,
    });
    const rel = (p: string): string => {
      const r = relative(io.cwd, p);
      return r === '' || r.startsWith('..') ? p : r;
    };
    const failed = written.summary.failures.length;
    io.stdout.write(
      `${outcome.interrupted ? 'interrupted; partial results' : 'done'} in ${formatDuration(wallSeconds)} ` +
        `(CPU ${formatDuration(outcome.cpuSeconds)}, load ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores): ${outcome.cells.length}/${total} cells ` +
        `(${outcome.computed} computed, ${outcome.cached} cached, ${failed} failed)\n` +
        `  ${rel(written.html)}\n  ${rel(written.markdown)}\n  ${rel(written.csv)}\n  ${rel(written.json)}\n`,
    );
    if (outcome.interrupted) return 130;
    return outcome.cells.length > 0 && failed === outcome.cells.length ? 1 : 0;
  } finally {
    release();
  }
}

// TensorFlow.js's backends keep handles open, so the process would not end by itself: exit
// explicitly once stdout and stderr have drained.
function exitWhenFlushed(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
  // A stream whose reader went away may never call back.
  setTimeout(() => process.exit(code), 2000);
}

/**
 * Runs the CLI on this process's arguments and exits with its code: what the `oversample-bench`
 * command (bin/oversample-bench.js) and `node dist/cli.js` do.
 */
export function runCli(): void {
  // A reader that goes away (`... | head -2`) must not kill the run: it keeps computing, caching
  // and writing its outputs; only the lines to that reader are lost.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
    });
  }
  const controller = new AbortController();
  let interrupts = 0;
  process.on('SIGINT', () => {
    interrupts++;
    if (interrupts === 1) {
      process.stderr.write('\nstopping after the current step (Ctrl-C again to quit at once) ...\n');
      controller.abort(new Error('interrupted (Ctrl-C)'));
    } else {
      process.exit(130);
    }
  });
  main(process.argv.slice(2), {
    // pnpm runs scripts in the package folder; INIT_CWD is where the user typed the command.
    cwd: process.env.INIT_CWD ?? process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    signal: controller.signal,
  }).then(
    (code) => exitWhenFlushed(code),
    (err: unknown) => {
      process.stderr.write(`oversample-bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      exitWhenFlushed(1);
    },
  );
}

// Run when executed directly (`node dist/cli.js`), not when imported by tests or by the bin.
const invokedPath = process.argv[1] ? resolve(process.argv[1]) : '';
if (invokedPath === fileURLToPath(import.meta.url)) runCli();
