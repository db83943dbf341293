import { BruteRunner, bruteUnits, type BruteTask } from './brute-search';
import { querySelf, queryRows, type KdTree } from './kd-tree';
import { TopK, mergeTopK } from './top-k';

/**
 * One KD-tree scan: every query's k nearest rows of a built tree. Plain data, so it can be
 * posted to a worker. Its result rows are tree positions for a self search (the tree's own rows),
 * query rows otherwise.
 */
export interface TreeTask {
  readonly kind: 'tree';
  readonly tree: KdTree;
  /** Query rows (`m x d`), or undefined for the tree's own rows. */
  readonly q: Float32Array | undefined;
  readonly m: number;
  readonly k: number;
  readonly excludeSelf: boolean;
}

/** The part of a search that runs in units, on any thread: the costly middle of either algorithm. */
export type ScanTask = BruteTask | TreeTask;

/** Queries per unit of a tree scan: a few milliseconds even where the tree prunes badly. */
export const TREE_UNIT = 64;

/**
 * What a thread hands back: the lists of result rows `row0 ..` (a tree scan's slice), or a whole
 * `m x keep` list of partial results to merge (a brute-force scan's, once at the end).
 */
export interface ScanPart {
  readonly row0: number;
  readonly whole: boolean;
  readonly dist: Float64Array;
  readonly index: Int32Array;
}

/** A scan opened on one thread: runs units, then hands back what it kept. */
export interface ScanWork {
  readonly units: number;
  /** Units `from..to-1`, yielding between units; returns rows to absorb, if the task makes them per unit. */
  run(from: number, to: number): Generator<void, ScanPart | undefined>;
  /** What the thread kept over all its units, if the task keeps it. */
  collect(): ScanPart | undefined;
}

/** Units of work of a task. */
export function scanUnits(task: ScanTask): number {
  return task.kind === 'brute' ? bruteUnits(task) : Math.ceil(task.m / TREE_UNIT);
}

/** Opens `task` on this thread. */
export function openScan(task: ScanTask): ScanWork {
  if (task.kind === 'brute') {
    const runner = new BruteRunner(task);
    let ran = false;
    return {
      units: scanUnits(task),
      *run(from, to) {
        ran = true;
        yield* runner.run(from, to);
        return undefined;
      },
      collect: () => (ran ? { row0: 0, whole: true, dist: runner.top.dist, index: runner.top.index } : undefined),
    };
  }
  const { tree, m, k, excludeSelf } = task;
  const d = tree.d;
  return {
    units: scanUnits(task),
    *run(from, to) {
      const r0 = from * TREE_UNIT;
      const r1 = Math.min(m, to * TREE_UNIT);
      const out = { dist: new Float64Array((r1 - r0) * k).fill(Infinity), index: new Int32Array((r1 - r0) * k).fill(0x7fffffff), k, rowBase: r0 };
      const q = task.q ? Float64Array.from(task.q.subarray(r0 * d, r1 * d)) : undefined;
      for (let a = r0; a < r1; a += TREE_UNIT) {
        const b = Math.min(r1, a + TREE_UNIT);
        if (q) queryRows(tree, out, a, b, q, r0);
        else querySelf(tree, out, a, b, excludeSelf);
        if (b < r1) yield;
      }
      return { row0: r0, whole: false, dist: out.dist, index: out.index };
    },
    collect: () => undefined,
  };
}

/** Rows and places per row of a task's result. */
export function resultShape(task: ScanTask): { rows: number; k: number } {
  return task.kind === 'brute' ? { rows: task.m, k: task.keep } : { rows: task.m, k: task.k };
}

/**
 * Absorbs a thread's part into the result so far (`undefined` before the first): slices are
 * copied into place, whole lists merged (the order is total, so merging the threads' lists gives
 * exactly one thread's list).
 */
export function absorb(top: TopK | undefined, part: ScanPart, shape: { rows: number; k: number }): TopK {
  if (part.whole) {
    if (!top) return new TopK(shape.rows, shape.k, part.dist, part.index);
    mergeTopK(top, new TopK(shape.rows, shape.k, part.dist, part.index));
    return top;
  }
  const into = top ?? new TopK(shape.rows, shape.k);
  into.dist.set(part.dist, part.row0 * shape.k);
  into.index.set(part.index, part.row0 * shape.k);
  return into;
}
