import { SLACK, finishExact, finishVerified, tileRows, type BruteTask } from './brute-search';
import { treeCandidate, treePays, treeWorkPerQuery } from './choose-algorithm';
import { resolveKernel, type KernelChoice } from './gram-kernel';
import { buildKdTree, type KdTree } from './kd-tree';
import type { ScanTask } from './scan-task';
import type { SearchProblem } from './search-problem';
import type { TopK } from './top-k';

/** The k nearest neighbours of each query row, `m x k` row-major, nearest first. */
export interface KNeighborsResult {
  /** Candidate row index of each neighbour. */
  readonly indices: Int32Array;
  /** Euclidean distance to each neighbour (computed in float64, stored as float32). */
  readonly distances: Float32Array;
  /** The algorithm that ran (`'auto'` resolved). */
  readonly algorithm: 'kd-tree' | 'brute';
}

/**
 * What a search asks of its driver: nothing (a point where it may yield to the event loop), or
 * a scan to run — on this thread or spread over workers — whose merged result it gets back.
 */
export type SearchStep = ScanTask | void;

/** A search, step by step; drivers run it synchronously, with yields, or with workers. */
export type Search = Generator<SearchStep, KNeighborsResult, TopK | undefined>;

function* scan(task: ScanTask): Generator<SearchStep, TopK, TopK | undefined> {
  const top = yield task;
  if (!top) throw new Error('kNearestNeighbors: a scan step was not given its result');
  return top;
}

/**
 * The whole search for a prepared problem: the KD-tree (build, scan, rows back to the caller's
 * order) or brute force (float32 tiles verified in float64 where that is safe, else float64
 * tiles; see brute-search.ts). `kernel` forces a brute-force kernel (tests and benchmarks).
 */
export function* search(p: SearchProblem, kernel: KernelChoice = 'auto'): Search {
  const { m, k } = p;
  let tree: KdTree | undefined;
  if (p.algorithm === 'kd-tree' || (p.algorithm === 'auto' && treeCandidate(p.n, p.d, k))) {
    // 'auto' builds the tree, then measures whether it beats brute force on these rows.
    const built = yield* buildKdTree(p.x, p.d);
    const q = p.self ? undefined : p.q;
    if (p.algorithm === 'kd-tree' || treePays(treeWorkPerQuery(built, k, q, m, p.excludeSelf), p.n, p.d, p.self)) tree = built;
  }
  if (tree) {
    const top = yield* scan({ kind: 'tree', tree, q: p.self ? undefined : p.q, m, k, excludeSelf: p.excludeSelf });
    // Result rows are tree positions for a self search: put them back in row order.
    const indices = new Int32Array(m * k);
    const distances = new Float32Array(m * k);
    for (let r = 0; r < m; r++) {
      const qi = p.self ? tree.order[r]! : r;
      for (let j = 0; j < k; j++) {
        indices[qi * k + j] = top.index[r * k + j]!;
        distances[qi * k + j] = Math.sqrt(top.dist[r * k + j]!);
      }
    }
    return { indices, distances, algorithm: 'kd-tree' };
  }
  // float32 sums pay off on long rows; values up to 2^40 keep every product and sum far from
  // float32 overflow, so the error bound of finishVerified holds.
  const f32Safe = p.d >= 16 && p.maxAbs <= 2 ** 40;
  const name = resolveKernel(kernel, f32Safe);
  const base = {
    kind: 'brute',
    q: p.q,
    x: p.x,
    qNorm: p.qNorm,
    cNorm: p.cNorm,
    m,
    n: p.n,
    d: p.d,
    self: p.self,
    excludeSelf: p.excludeSelf,
    t: tileRows(p.d),
  } as const;
  if (name === 'wasm32') {
    // With float32 sums, a few spare candidates per query let the verification succeed without a rescan.
    const task: BruteTask = { ...base, keep: Math.min(p.available, k + SLACK), kernel: name };
    const verified = yield* finishVerified(yield* scan(task), p);
    if (verified) return { ...verified, algorithm: 'brute' };
    // Too many near-ties for float32 (e.g. rows far from the origin): redo it in float64.
  }
  const task: BruteTask = { ...base, keep: k, kernel: name === 'wasm32' ? 'wasm' : name };
  return { ...(yield* finishExact(yield* scan(task), p)), algorithm: 'brute' };
}
