import { checkpoint } from '@oversample/core';

/** Computes the objective at `w` and writes its gradient into `grad`. */
export type ObjectiveFn = (w: Float64Array, grad: Float64Array) => number;

/** Options of `minimizeLbfgs`. */
export interface LbfgsOptions {
  /** Most iterations; default 200. */
  readonly maxIter?: number;
  /** Stops when the largest gradient component falls below this; default 1e-5. */
  readonly gradTol?: number;
  /** Stops when an iteration lowers f by less than this, relative to |f|; default 1e-12. */
  readonly relTol?: number;
  /** Correction pairs kept; default 10. */
  readonly memory?: number;
  readonly signal?: AbortSignal;
  /** Called after each iteration with the objective value. */
  readonly onIteration?: (iteration: number, f: number) => void;
}

/** What `minimizeLbfgs` returns. */
export interface LbfgsResult {
  readonly w: Float64Array;
  readonly f: number;
  readonly iterations: number;
  readonly converged: boolean;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}

/**
 * Limited-memory BFGS with an Armijo backtracking line search, in plain Float64Array math:
 * deterministic, and enough for smooth convex objectives such as regularised logistic loss.
 * Yields to the event loop every few iterations so `signal` can stop it.
 */
export async function minimizeLbfgs(fg: ObjectiveFn, w0: Float64Array, options: LbfgsOptions = {}): Promise<LbfgsResult> {
  const maxIter = options.maxIter ?? 200;
  const gradTol = options.gradTol ?? 1e-5;
  const relTol = options.relTol ?? 1e-12;
  const m = options.memory ?? 10;
  const p = w0.length;
  const w = Float64Array.from(w0);
  const g = new Float64Array(p);
  let f = fg(w, g);
  const sHist: Float64Array[] = [];
  const yHist: Float64Array[] = [];
  const rhoHist: number[] = [];
  const dir = new Float64Array(p);
  const wNew = new Float64Array(p);
  const gNew = new Float64Array(p);
  const alpha = new Float64Array(m);
  let iterations = 0;
  let converged = maxAbs(g) <= gradTol;
  while (!converged && iterations < maxIter) {
    if (iterations % 10 === 0) await checkpoint(options.signal);
    // Two-loop recursion: dir = -H g.
    for (let i = 0; i < p; i++) dir[i] = -g[i]!;
    const k = sHist.length;
    for (let j = k - 1; j >= 0; j--) {
      const a = rhoHist[j]! * dot(sHist[j]!, dir);
      alpha[j] = a;
      const yj = yHist[j]!;
      for (let i = 0; i < p; i++) dir[i] = dir[i]! - a * yj[i]!;
    }
    if (k > 0) {
      const yLast = yHist[k - 1]!;
      const gamma = dot(sHist[k - 1]!, yLast) / dot(yLast, yLast);
      for (let i = 0; i < p; i++) dir[i] = dir[i]! * gamma;
    }
    for (let j = 0; j < k; j++) {
      const b = rhoHist[j]! * dot(yHist[j]!, dir);
      const sj = sHist[j]!;
      const coef = alpha[j]! - b;
      for (let i = 0; i < p; i++) dir[i] = dir[i]! + coef * sj[i]!;
    }
    let slope = dot(g, dir);
    if (!(slope < 0)) {
      // Not a descent direction (curvature pairs went stale): restart from steepest descent.
      sHist.length = 0;
      yHist.length = 0;
      rhoHist.length = 0;
      for (let i = 0; i < p; i++) dir[i] = -g[i]!;
      slope = dot(g, dir);
    }
    // The first step has no curvature information, so keep it short relative to the gradient.
    let step = k === 0 ? Math.min(1, 1 / Math.max(maxAbs(g), 1e-12)) : 1;
    let fNew = Infinity;
    let accepted = false;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < p; i++) wNew[i] = w[i]! + step * dir[i]!;
      fNew = fg(wNew, gNew);
      if (Number.isFinite(fNew) && fNew <= f + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    iterations++;
    if (!accepted) break;
    const s = new Float64Array(p);
    const yv = new Float64Array(p);
    for (let i = 0; i < p; i++) {
      s[i] = wNew[i]! - w[i]!;
      yv[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(s, yv);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(yv, yv))) {
      if (sHist.length === m) {
        sHist.shift();
        yHist.shift();
        rhoHist.shift();
      }
      sHist.push(s);
      yHist.push(yv);
      rhoHist.push(1 / sy);
    }
    const decrease = f - fNew;
    w.set(wNew);
    g.set(gNew);
    f = fNew;
    options.onIteration?.(iterations, f);
    converged = maxAbs(g) <= gradTol || decrease <= relTol * Math.max(Math.abs(f), 1);
  }
  return { w, f, iterations, converged };
}
