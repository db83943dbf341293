import { checkpoint, throwIfAborted, type RunOptions } from '@oversample/core';
import type { ScanExecutor } from './drive';
import { absorb, openScan, resultShape, scanUnits, type ScanPart, type ScanTask } from './scan-task';
import { scanCostMs } from './scan-cost';
import { TopK } from './top-k';
import type { FromWorker, ToWorker } from './worker-protocol';

/** A started worker, whatever the platform (Node `worker_threads`, a Web Worker). */
export interface ThreadPort {
  post(message: ToWorker): void;
  /** Calls `onMessage` with each message from the worker, `onFailure` when it fails or exits. */
  listen(onMessage: (message: FromWorker) => void, onFailure: (error: Error) => void): void;
  /** Whether the worker keeps the process alive (Node: only while it works); no-op elsewhere. */
  keepAlive(on: boolean): void;
}

/** Starts workers on one platform. */
export interface Platform {
  /** Hardware threads of the machine. */
  readonly cores: number;
  /** A worker running `source` (the bundled worker script), or undefined if none can start. */
  spawn(source: string): ThreadPort | undefined;
}

interface Member {
  readonly port: ThreadPort;
  /** Resolves to whether the worker came up. */
  ready: Promise<boolean>;
  /** It came up (said 'ready'). */
  up: boolean;
  /** Message handlers of the scans it works for, by job (scans may run concurrently). */
  readonly handlers: Map<number, (message: FromWorker) => void>;
  /** Requests sent and not yet answered (an abandoned scan's last run still finishes). */
  busy: number;
}

/**
 * Slices aim at this many milliseconds: long enough that a worker's round trips cost little on a
 * busy machine, short enough that the calling thread's slices keep its event loop responsive.
 */
const TARGET_SLICE_MS = 12;

/**
 * Workers kept for k-NN scans, started on first need and reused. A scan's units are handed out a
 * slice at a time to whichever worker is free, so a worker slowed by other processes simply
 * takes fewer; the parts are absorbed so that the result is bit-identical to one thread's
 * whatever the split (see `absorb`).
 */
export class ThreadPool {
  private readonly members: Member[] = [];
  private nextJob = 1;

  constructor(
    private readonly platform: Platform,
    private readonly source: string,
  ) {}

  /** Hardware threads of the machine. */
  get cores(): number {
    return this.platform.cores;
  }

  /**
   * Workers up to `count`, starting those missing; they come up in the background (a scan does
   * not wait for them: each joins when ready).
   */
  private start(count: number): Member[] {
    while (this.members.length < count) {
      const port = this.platform.spawn(this.source);
      if (!port) break;
      const member: Member = { port, ready: Promise.resolve(false), up: false, handlers: new Map(), busy: 0 };
      member.ready = new Promise<boolean>((resolve) => {
        port.listen(
          (message) => {
            if (message.type === 'ready') {
              member.up = true;
              // Started for a scan that no longer needs it: it must not keep the process alive.
              if (member.handlers.size === 0) port.keepAlive(false);
              resolve(true);
              return;
            }
            member.busy = Math.max(0, member.busy - 1);
            member.handlers.get(message.job)?.(message);
            if (member.busy === 0 && member.handlers.size === 0) port.keepAlive(false);
          },
          (error) => {
            resolve(false);
            const i = this.members.indexOf(member);
            if (i >= 0) this.members.splice(i, 1);
            for (const h of [...member.handlers.values()]) h({ type: 'error', job: -1, message: error.message });
          },
        );
      });
      this.members.push(member);
    }
    return this.members.slice(0, count);
  }

  /**
   * Runs scans on the calling thread and up to `workers` workers (started on first need, joining
   * as they come up). Where none starts, the calling thread does it all.
   */
  readonly executor = (workers: number): ScanExecutor => {
    return (task, options) => this.scan(this.start(workers), task, options);
  };

  /**
   * The scan's units go a slice at a time to whichever thread is free: each worker holds two
   * slices (the next is there when one ends), and the calling thread takes one whenever it has
   * nothing else to do, yielding to the event loop between its slices. So on a machine busy with
   * other work, threads that get no time simply take fewer slices. Slices aim at
   * ~{@link TARGET_SLICE_MS} (an abort does not wait for them: the promise rejects at once and
   * slices still running are dropped).
   */
  private scan(members: Member[], task: ScanTask, options: RunOptions): Promise<TopK> {
    const { signal, onProgress } = options;
    throwIfAborted(signal);
    const job = this.nextJob++;
    let shared: ScanTask | undefined;
    const units = scanUnits(task);
    const shape = resultShape(task);
    const unit = task.kind === 'tree' ? 'query block' : 'tile pair';
    const local = openScan(task);
    return new Promise<TopK>((resolve, reject) => {
      let top: TopK | undefined;
      let next = 0;
      let done = 0;
      let collecting = 0;
      let settled = false;
      // Seeded with the estimate, then measured as slices end.
      let msPerUnit = scanCostMs(task) / units;
      // Workers that joined this scan, with the slices each holds.
      const queued = new Map<Member, { from: number; to: number }[]>();
      const finish = (error?: Error): void => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        for (const m of queued.keys()) {
          m.handlers.delete(job);
          // An unfinished scan is closed; its runs in flight finish and are ignored.
          if (error) m.port.post({ type: 'close', job });
          if (m.busy === 0 && m.handlers.size === 0) m.port.keepAlive(false);
        }
        if (error) reject(error);
        else resolve(top ?? new TopK(shape.rows, shape.k));
      };
      const onAbort = (): void => {
        try {
          throwIfAborted(signal);
        } catch (e) {
          finish(e as Error);
        }
      };
      signal?.addEventListener('abort', onAbort);
      const take = (part: ScanPart | undefined): void => {
        if (part) top = absorb(top, part, shape);
      };
      /** The next slice: ~TARGET_SLICE_MS, at most an even share of what is left. */
      const slice = (): { from: number; to: number } => {
        const even = Math.max(1, Math.floor((units - next) / (3 * (queued.size + 1))));
        const size = Math.max(1, Math.min(even, Math.round(TARGET_SLICE_MS / msPerUnit)));
        const from = next;
        next = Math.min(units, from + size);
        return { from, to: next };
      };
      const ended = (count: number, ms: number): void => {
        if (ms > 0) msPerUnit = 0.7 * msPerUnit + (0.3 * ms) / count;
        done += count;
        onProgress?.({ stage: 'knn', done, total: units, unit });
        if (done === units && collecting === 0) {
          // Every unit is done: collect what each thread kept.
          take(local.collect());
          collecting = queued.size;
          if (collecting === 0) finish();
          for (const w of queued.keys()) send(w, { type: 'collect', job });
        }
      };
      const send = (m: Member, message: ToWorker): void => {
        m.busy++;
        m.port.post(message);
      };
      const dispatch = (m: Member): void => {
        const mine = queued.get(m)!;
        while (next < units && mine.length < 2) {
          const s = slice();
          mine.push(s);
          send(m, { type: 'run', job, ...s });
        }
      };
      const join = (m: Member): void => {
        // Too late to help: every unit is handed out (or the scan is over).
        if (settled || next >= units) return;
        shared ??= shareTask(task);
        queued.set(m, []);
        m.port.keepAlive(true);
        m.handlers.set(job, (message) => {
          if (settled) return;
          if (message.type === 'error') {
            finish(new Error(`kNearestNeighbors: a worker failed: ${message.message}`));
            return;
          }
          if (message.type === 'ready') return;
          take(message.part);
          if (message.type === 'done') {
            const s = queued.get(m)!.shift();
            dispatch(m);
            if (s) ended(s.to - s.from, message.ms);
          } else if (--collecting === 0) {
            finish();
          }
        });
        m.port.post({ type: 'open', job, task: shared });
        dispatch(m);
      };
      for (const m of members) {
        if (m.up) join(m);
        else void m.ready.then((ok) => ok && join(m));
      }
      // The calling thread's share, between turns of the event loop.
      const runLocal = async (): Promise<void> => {
        while (!settled && next < units) {
          const s = slice();
          const t0 = performance.now();
          const g = local.run(s.from, s.to);
          let r = g.next();
          while (!r.done) r = g.next();
          take(r.value);
          ended(s.to - s.from, performance.now() - t0);
          await yieldTurn();
        }
      };
      runLocal().catch((e: unknown) => finish(e instanceof Error ? e : new Error(String(e))));
    });
  }
}

/** Lets the event loop turn (worker messages, timers, an abort) before the caller's next slice. */
function yieldTurn(): Promise<void> {
  return checkpoint(undefined);
}

/** A copy of `a` in shared memory (workers then read it without a copy each), where there is any. */
function share<T extends Float32Array | Float64Array | Int32Array>(a: T): T {
  // Browsers define it only on cross-origin-isolated pages; elsewhere each worker gets a copy.
  if (typeof SharedArrayBuffer !== 'function') return a;
  const Ctor = a.constructor as new (buffer: ArrayBufferLike) => T;
  const out = new Ctor(new SharedArrayBuffer(a.byteLength));
  out.set(a as never);
  return out;
}

/** The task with its arrays in shared memory. */
function shareTask(task: ScanTask): ScanTask {
  if (task.kind === 'brute') {
    const x = share(task.x);
    const qNorm = share(task.qNorm);
    return {
      ...task,
      x,
      q: task.q === task.x ? x : share(task.q),
      qNorm,
      cNorm: task.cNorm === task.qNorm ? qNorm : share(task.cNorm),
    };
  }
  const t = task.tree;
  return {
    ...task,
    q: task.q && share(task.q),
    tree: { ...t, start: share(t.start), end: share(t.end), lo: share(t.lo), hi: share(t.hi), points: share(t.points), order: share(t.order) },
  };
}
