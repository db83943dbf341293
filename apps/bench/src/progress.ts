/**
 * Progress display on stderr: on a terminal, two live bars (overall cells with ETA, and the
 * current cell's stage); elsewhere (pipes, CI) one plain line per finished cell and a stage line at
 * most every `plainIntervalMs`, so logs stay readable.
 */
import type { Progress } from '@oversample/core';

/**
 * Where progress goes; the runner calls these, tests can pass a silent one. With `--jobs N`
 * several cells run at once: `update` names the cell it is about.
 */
export interface ProgressSink {
  /** A cell starts; `label` names it. */
  startCell(label: string): void;
  /** Progress inside a running cell (`phase` is load, resample, fit, predict...); `label` as given to `startCell` (default: the latest). */
  update(phase: string, progress?: Progress, label?: string): void;
  /**
   * The current cell ended (`ok` false when it failed); `seconds` it took. `group` names its kind
   * of work (see `ProgressOptions.pendingGroups`) for the time estimate.
   */
  endCell(label: string, ok: boolean, seconds: number, summary: string, group?: string): void;
  /** A message line (warnings, notes) that must not be torn by the bars. */
  note(line: string): void;
  /** Clears the live display. */
  finish(): void;
}

/** A text stream that may be a terminal (process.stderr, or a test's stand-in). */
export type TextStream = NodeJS.WritableStream & { readonly isTTY?: boolean; readonly columns?: number };

/** Options of `createProgress`. */
export interface ProgressOptions {
  /** Cells to compute (cached ones excluded). */
  readonly total: number;
  /** Cells already cached, shown as done. */
  readonly cached: number;
  readonly stream?: TextStream;
  /** Force plain lines (default: plain unless the stream is a TTY and CI is unset). */
  readonly plain?: boolean;
  readonly plainIntervalMs?: number;
  /**
   * The group of each cell to compute (e.g. `image|deepsmote`), so the ETA prices the cells left
   * by what finished cells of the same group took, not by one average over cheap and costly cells.
   */
  readonly pendingGroups?: readonly string[];
  /** Cells computed at once (`--jobs`): the ETA divides the work left by it. */
  readonly parallel?: number;
  readonly now?: () => number;
}

/** Formats seconds as `1h02m`, `3m05s` or `12s`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--';
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/** A text bar `[#####-----]` of `width` characters for a fraction 0..1. */
export function bar(fraction: number, width = 24): string {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const full = Math.round(f * width);
  return `[${'#'.repeat(full)}${'-'.repeat(width - full)}]`;
}

/**
 * The estimated seconds left: mean seconds per computed cell times cells left, blended with the
 * fraction of the current cell done so a long cell does not freeze the estimate.
 */
export function estimateRemaining(doneCells: number, elapsedOnDone: number, remainingCells: number, currentFraction: number): number {
  if (doneCells === 0) return Number.NaN;
  const perCell = elapsedOnDone / doneCells;
  return Math.max(0, perCell * (remainingCells - currentFraction));
}

/**
 * Seconds left when cells of different cost remain: each remaining cell is priced at the mean time
 * of finished cells of its group, else of its kind (the group's prefix before `|`), else of all.
 * NaN until some cell has finished.
 */
export function estimateByGroup(
  finished: ReadonlyMap<string, { n: number; seconds: number }>,
  remaining: ReadonlyMap<string, number>,
): number {
  let n = 0;
  let seconds = 0;
  const byKind = new Map<string, { n: number; seconds: number }>();
  for (const [g, f] of finished) {
    n += f.n;
    seconds += f.seconds;
    const kind = g.split('|')[0]!;
    const k = byKind.get(kind) ?? { n: 0, seconds: 0 };
    byKind.set(kind, { n: k.n + f.n, seconds: k.seconds + f.seconds });
  }
  if (n === 0) return Number.NaN;
  let eta = 0;
  for (const [g, count] of remaining) {
    if (count <= 0) continue;
    const same = finished.get(g) ?? byKind.get(g.split('|')[0]!) ?? { n, seconds };
    eta += (count * same.seconds) / same.n;
  }
  return eta;
}

/** One running cell of the display. */
interface Running {
  readonly start: number;
  stage: string;
  fraction: number;
}

// Phases weigh unequally; within a phase, progress moves the bar.
const PHASE_WEIGHTS: Readonly<Record<string, readonly [number, number]>> = { load: [0, 0.05], resample: [0.05, 0.5], fit: [0.5, 0.95], predict: [0.95, 1] };

/** Creates the display for a run of `total` cells. */
export function createProgress(options: ProgressOptions): ProgressSink {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? Date.now;
  const plain = options.plain ?? (!stream.isTTY || Boolean(process.env.CI));
  const interval = options.plainIntervalMs ?? 15_000;
  const parallel = Math.max(1, options.parallel ?? 1);
  const start = now();
  let done = 0;
  let failed = 0;
  let spentOnDone = 0;
  const finishedByGroup = new Map<string, { n: number; seconds: number }>();
  const remainingByGroup = new Map<string, number>();
  for (const g of options.pendingGroups ?? []) remainingByGroup.set(g, (remainingByGroup.get(g) ?? 0) + 1);
  const running = new Map<string, Running>();
  let latest = '';
  let lastEnded: string | undefined;
  const inFlight = (): number => [...running.values()].reduce((a, r) => a + r.fraction, 0);
  const eta = (): number => {
    const fraction = inFlight();
    if (remainingByGroup.size === 0) return estimateRemaining(done, spentOnDone, options.total - done, fraction) / parallel;
    const rest = estimateByGroup(finishedByGroup, remainingByGroup);
    // Running cells are partly done: take those shares of an average cell off.
    return Number.isFinite(rest) ? Math.max(0, rest - fraction * (spentOnDone / Math.max(1, done))) / parallel : rest;
  };
  let drawn = 0;
  let lastPlain = 0;
  let lastDraw = 0;

  const overallLine = (): string => {
    const total = options.total;
    const left = eta();
    const progressed = done + inFlight();
    const pct = total === 0 ? 100 : Math.floor((progressed / total) * 100);
    const cached = options.cached > 0 ? `, ${options.cached} cached` : '';
    const fails = failed > 0 ? `, ${failed} failed` : '';
    const jobs = running.size > 1 ? `, ${running.size} running` : '';
    return `overall ${bar(total === 0 ? 1 : progressed / total)} ${pct}% ${done}/${total} cells${cached}${fails}${jobs}  elapsed ${formatDuration((now() - start) / 1000)}  ETA ${formatDuration(left)}`;
  };
  const cellLines = (): string[] => {
    if (running.size === 0) return lastEnded !== undefined ? [`cell    ${bar(1)} ${lastEnded}`] : [];
    return [...running].map(([label, r]) => `cell    ${bar(r.fraction)} ${label}  ${r.stage}  ${formatDuration((now() - r.start) / 1000)}`);
  };

  const clear = (): void => {
    if (plain || drawn === 0) return;
    stream.write(`\x1b[${drawn}A\x1b[0J`);
    drawn = 0;
  };
  const draw = (force = false): void => {
    if (plain) return;
    const t = now();
    if (!force && t - lastDraw < 100) return;
    lastDraw = t;
    clear();
    const cols = stream.columns || 120;
    const lines = [overallLine(), ...cellLines()].map((l) => (l.length > cols - 1 ? `${l.slice(0, cols - 2)}…` : l));
    stream.write(`${lines.join('\n')}\n`);
    drawn = lines.length;
  };

  return {
    startCell(label) {
      running.set(label, { start: now(), stage: 'starting', fraction: 0 });
      latest = label;
      draw(true);
    },
    update(phase, progress, label) {
      const key = label ?? latest;
      const r = running.get(key);
      if (!r) return;
      const detail = progress ? `${progress.stage} ${progress.done}/${progress.total}${progress.unit ? ` ${progress.unit}` : ''}` : '';
      r.stage = detail ? `${phase}: ${detail}` : phase;
      const [lo, hi] = PHASE_WEIGHTS[phase] ?? [0, 1];
      const inner = progress && progress.total > 0 ? progress.done / progress.total : 0;
      r.fraction = lo + (hi - lo) * Math.min(1, Math.max(0, inner));
      if (plain) {
        const t = now();
        if (t - lastPlain >= interval) {
          lastPlain = t;
          stream.write(`  ${key}: ${r.stage}\n`);
        }
      } else {
        draw();
      }
    },
    endCell(label, ok, seconds, summary, group) {
      done++;
      if (!ok) failed++;
      spentOnDone += seconds;
      running.delete(label);
      lastEnded = `${label}  ${ok ? 'done' : 'failed'} in ${formatDuration(seconds)}`;
      if (group !== undefined) {
        const f = finishedByGroup.get(group) ?? { n: 0, seconds: 0 };
        finishedByGroup.set(group, { n: f.n + 1, seconds: f.seconds + seconds });
        remainingByGroup.set(group, (remainingByGroup.get(group) ?? 1) - 1);
      }
      const line = `${ok ? 'done' : 'FAILED'} ${label} (${formatDuration(seconds)}) ${summary}`;
      if (plain) {
        stream.write(`[${done}/${options.total}] ${line}  ETA ${formatDuration(eta())}\n`);
      } else if (!ok) {
        clear();
        stream.write(`${line}\n`);
        draw(true);
      } else {
        draw(true);
      }
    },
    note(line) {
      clear();
      stream.write(`${line}\n`);
      draw(true);
    },
    finish() {
      clear();
      stream.write(`${overallLine()}\n`);
    },
  };
}

/** A sink that shows nothing (tests, --quiet callers). */
export const silentProgress: ProgressSink = {
  startCell() {},
  update() {},
  endCell() {},
  note() {},
  finish() {},
};
