/**
 * `oversample-bench` (`pnpm bench`): parses flags, resolves the preset, datasets, samplers and
 * classifiers, runs the cells with progress bars and Ctrl-C handling, and writes the outputs.
 * Exit codes: 0 done, 1 a run error, 2 a bad command line or missing data, 130 interrupted.
 */
import { cpus, totalmem } from 'node:os';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchArgs } from './args';
import { helpText, parseBenchArgs } from './args';
import type { ClassifierName, SamplerName } from './names';
import { DEEP_SAMPLERS } from './names';
import { writeOutputs } from './outputs';
import type { Preset } from './presets';
import { PRESETS } from './presets';
import type { ProgressSink, TextStream } from './progress';
import { createProgress, formatDuration } from './progress';
import { classifierFits, resolveDatasets, samplerAvailable } from './registry';
import type { RunPlan } from './runner';
import { classifiersFor, countCells, runPlan } from './runner';
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

/** Builds the run plan from the arguments; throws `UsageError` for anything the user must fix. */
export async function planFromArgs(args: BenchArgs, env: NodeJS.ProcessEnv, cwd: string): Promise<{ plan: RunPlan; preset: Preset; skipped: string[] }> {
  const preset = PRESETS[args.preset]!;
  // KEEL tables come from @oversample/datasets; CIFAR-10 is the user's download.
  const cifarDefault = env.OVERSAMPLE_CIFAR10_DIR;
  const datasets = await resolveDatasets(args.datasets ?? preset.datasets, {
    cwd,
    image: preset.image,
    seed: 42,
    ...(cifarDefault ? { cifar10Dir: cifarDefault } : {}),
  });
  const skipped: string[] = [];
  const samplers: SamplerName[] = [];
  for (const name of (args.samplers ?? preset.samplers) as SamplerName[]) {
    const why = DEEP_SAMPLERS.includes(name) ? await samplerAvailable(name) : undefined;
    if (why === undefined) samplers.push(name);
    else if (args.samplers) throw new UsageError(`sampler '${name}' is not available in this build: ${why}`);
    else skipped.push(`${name}: ${why}`);
  }
  const userClassifiers = args.classifiers as ClassifierName[] | undefined;
  const tableClassifiers = (userClassifiers ?? (preset.tableClassifiers as ClassifierName[])).filter((c) => classifierFits(c, 'table'));
  const imageClassifiers = userClassifiers ?? (preset.imageClassifiers as ClassifierName[]);
  const epochs: Record<string, number> = { ...preset.epochs };
  if (args.epochs !== undefined) for (const k of Object.keys(epochs)) epochs[k] = args.epochs;
  const plan: RunPlan = {
    datasets,
    samplers,
    tableClassifiers,
    imageClassifiers,
    folds: args.folds ?? preset.folds,
    repeats: args.repeats ?? preset.repeats,
    seeds: args.seeds ?? preset.seeds,
    epochs,
    image: preset.image,
    tableDeep: preset.tableDeep,
    imageDeep: preset.imageDeep,
    out: args.out,
    useCache: !args.noCache,
  };
  for (const ds of datasets) {
    if (classifiersFor(plan, ds.kind).length === 0) {
      const names = (ds.kind === 'image' ? imageClassifiers : userClassifiers ?? []).join(', ');
      throw new UsageError(`no classifier given can read dataset '${ds.id}' (${ds.kind}): ${names || 'CNNs need images'}; add e.g. --classifier logistic-regression`);
    }
  }
  if (samplers.length === 0) throw new UsageError('no sampler left to run');
  return { plan, preset, skipped };
}

async function backendName(plan: RunPlan): Promise<string> {
  const needsTf =
    plan.datasets.some((d) => d.kind === 'image') ||
    plan.samplers.some((s) => DEEP_SAMPLERS.includes(s)) ||
    plan.tableClassifiers.some((c) => c === 'mlp');
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

/** Runs the CLI with `argv` (flags only) and resolves with the exit code. */
export async function main(argv: readonly string[], io: CliEnv): Promise<number> {
  const started = Date.now();
  let args: BenchArgs;
  let planned: Awaited<ReturnType<typeof planFromArgs>>;
  try {
    args = parseBenchArgs(argv, io.cwd);
    if (args.help) {
      io.stdout.write(`${helpText()}\n`);
      return 0;
    }
    planned = await planFromArgs(args, io.env, io.cwd);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`oversample-bench: ${err.message.replace(/\s*\n\s*/g, ' ')}\n`);
      return 2;
    }
    throw err;
  }
  const { plan, preset, skipped } = planned;
  const { planned: total, cached, pendingGroups } = countCells(plan);
  const progress = io.progress
    ? io.progress(total - cached, cached)
    : createProgress({ total: total - cached, cached, stream: io.stderr, pendingGroups });
  for (const s of skipped) progress.note(`skipping ${s}`);
  progress.note(
    `preset ${preset.name}${args.datasets || args.samplers || args.classifiers ? ' (lists overridden by flags)' : ''}: ${plan.datasets.length} dataset(s), ${plan.samplers.length} sampler(s), ${total} cells (${cached} cached) -> ${plan.out}`,
  );
  const backend = await backendName(plan);
  const outcome = await runPlan(plan, { progress, ...(io.signal ? { signal: io.signal } : {}) });
  progress.finish();
  const wallSeconds = (Date.now() - started) / 1000;
  const written = writeOutputs(
    plan.out,
    outcome.cells,
    {
      preset: preset.name,
      paper: preset.paper,
      startedAt: new Date(started).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC'),
      wallSeconds,
      cellSeconds: computeSeconds(outcome.cells),
      folds: plan.folds,
      repeats: plan.repeats,
      seeds: plan.seeds,
      computed: outcome.computed,
      cached: outcome.cached,
      interrupted: outcome.interrupted,
      planned: outcome.interrupted ? total : outcome.planned,
      machine: `${cpus().length} CPU cores (${cpus()[0]?.model.trim() ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`,
      backend,
      datasetNotes: outcome.datasetNotes,
      skipped,
    },
    outcome.images,
    {
      samplers: plan.samplers,
      datasets: plan.datasets.map((d) => d.id),
      classifiers: [...new Set([...plan.tableClassifiers, ...plan.imageClassifiers])],
    },
  );
  const rel = (p: string): string => {
    const r = relative(io.cwd, p);
    return r === '' || r.startsWith('..') ? p : r;
  };
  io.stdout.write(
    `${outcome.interrupted ? 'interrupted; partial results' : 'done'} in ${formatDuration(wallSeconds)}: ${outcome.cells.length}/${total} cells ` +
      `(${outcome.computed} computed, ${outcome.cached} cached, ${written.summary.failures.length} failed)\n` +
      `  ${rel(written.html)}\n  ${rel(written.markdown)}\n  ${rel(written.csv)}\n  ${rel(written.json)}\n`,
  );
  if (outcome.interrupted) return 130;
  return outcome.cells.length > 0 && written.summary.failures.length === outcome.cells.length ? 1 : 0;
}

// TensorFlow.js's backends keep handles open, so the process would not end by itself: exit
// explicitly once stdout and stderr have drained.
function exitWhenFlushed(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

// Run when executed as the bin (not when imported by tests).
const invokedPath = process.argv[1] ? resolve(process.argv[1]) : '';
if (invokedPath === fileURLToPath(import.meta.url) || invokedPath.endsWith('/oversample-bench')) {
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
