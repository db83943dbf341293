import { checkpoint, throwIfAborted } from '@oversample/core';
import type { QMatrix } from './svm-kernel';

/** One binary C-SVC dual problem: `min 1/2 a'Qa - e'a`, `y'a = 0`, `0 <= a_i <= C_i`, `Q_ij = y_i y_j K_ij`. */
export interface SmoProblem {
  /** +1 or -1 per row. */
  readonly y: Int8Array;
  /** Upper bound of each row's multiplier (`C` times its class weight). */
  readonly C: Float64Array;
  /** `Q` of the problem (built on the same rows and signs as `y`); its positions get permuted. */
  readonly Q: QMatrix;
  /** Stopping tolerance on the maximal violating pair (scikit-learn's `tol`, libsvm's `-e`). */
  readonly tol: number;
  /** libsvm's shrinking heuristic. */
  readonly shrinking: boolean;
  /** Iterations at most. */
  readonly maxIter: number;
  readonly signal?: AbortSignal;
}

/** The solution: multipliers (unsigned, in problem order), the offset and how it ended. */
export interface SmoSolution {
  readonly alpha: Float64Array;
  /** `f(x) = sum_i alpha_i y_i K(x_i, x) - rho`. */
  readonly rho: number;
  readonly iterations: number;
  /** False when `maxIter` stopped it before the tolerance was met. */
  readonly converged: boolean;
}

const TAU = 1e-12;
const LOWER = 0;
const UPPER = 1;
const FREE = 2;

/** Yield to the event loop at most this often (ms), so an abort can land during a long solve. */
const YIELD_MS = 40;

/**
 * libsvm's SMO solver (Fan, Chen & Lin, 2005) for one binary C-SVC problem: the working set is
 * the maximal violating `i` and the `j` that most decreases the objective by a second-order
 * estimate (WSS3), with libsvm's shrinking and gradient reconstruction. Positions are swapped as
 * libsvm swaps them (in `Q` too), so ties resolve the same way and the answers agree to rounding.
 */
export async function solveSmo(problem: SmoProblem): Promise<SmoSolution> {
  const { Q, tol: eps, shrinking, maxIter, signal } = problem;
  const l = problem.y.length;
  const y = Int8Array.from(problem.y);
  const C = Float64Array.from(problem.C);
  const qd = Q.diagonal;
  const alpha = new Float64Array(l);
  const status = new Uint8Array(l).fill(LOWER);
  // G = Q alpha + p with p = -1; G_bar = sum over upper-bound j of C_j Q_ij (for reconstruction).
  const G = new Float64Array(l).fill(-1);
  const Gbar = new Float64Array(l);
  let activeSize = l;
  let unshrink = false;

  const updateStatus = (i: number): void => {
    status[i] = alpha[i]! >= C[i]! ? UPPER : alpha[i]! <= 0 ? LOWER : FREE;
  };

  const swapF64 = (a: Float64Array, i: number, j: number): void => {
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  };
  const swap = (i: number, j: number): void => {
    Q.swap(i, j);
    let t = y[i]!;
    y[i] = y[j]!;
    y[j] = t;
    t = status[i]!;
    status[i] = status[j]!;
    status[j] = t;
    swapF64(C, i, j);
    swapF64(alpha, i, j);
    swapF64(G, i, j);
    swapF64(Gbar, i, j);
  };

  const reconstructGradient = (): void => {
    if (activeSize === l) return;
    for (let j = activeSize; j < l; j++) G[j] = Gbar[j]! - 1;
    let nrFree = 0;
    for (let j = 0; j < activeSize; j++) if (status[j] === FREE) nrFree++;
    if (nrFree * l > 2 * activeSize * (l - activeSize)) {
      for (let i = activeSize; i < l; i++) {
        const Qi = Q.row(i, activeSize);
        let g = G[i]!;
        for (let j = 0; j < activeSize; j++) if (status[j] === FREE) g += alpha[j]! * Qi[j]!;
        G[i] = g;
      }
    } else {
      for (let i = 0; i < activeSize; i++) {
        if (status[i] !== FREE) continue;
        const Qi = Q.row(i, l);
        const ai = alpha[i]!;
        for (let j = activeSize; j < l; j++) G[j] = G[j]! + ai * Qi[j]!;
      }
    }
  };

  const beShrunk = (i: number, gmax1: number, gmax2: number): boolean => {
    if (status[i] === UPPER) return y[i] === 1 ? -G[i]! > gmax1 : -G[i]! > gmax2;
    if (status[i] === LOWER) return y[i] === 1 ? G[i]! > gmax2 : G[i]! > gmax1;
    return false;
  };

  const doShrinking = (): void => {
    let gmax1 = -Infinity; // max { -y_i grad_i : i in I_up }
    let gmax2 = -Infinity; // max { y_i grad_i : i in I_low }
    for (let i = 0; i < activeSize; i++) {
      if (y[i] === 1) {
        if (status[i] !== UPPER && -G[i]! >= gmax1) gmax1 = -G[i]!;
        if (status[i] !== LOWER && G[i]! >= gmax2) gmax2 = G[i]!;
      } else {
        if (status[i] !== UPPER && -G[i]! >= gmax2) gmax2 = -G[i]!;
        if (status[i] !== LOWER && G[i]! >= gmax1) gmax1 = G[i]!;
      }
    }
    if (!unshrink && gmax1 + gmax2 <= eps * 10) {
      unshrink = true;
      reconstructGradient();
      activeSize = l;
    }
    for (let i = 0; i < activeSize; i++) {
      if (!beShrunk(i, gmax1, gmax2)) continue;
      activeSize--;
      while (activeSize > i) {
        if (!beShrunk(activeSize, gmax1, gmax2)) {
          swap(i, activeSize);
          break;
        }
        activeSize--;
      }
    }
  };

  // Working set (libsvm's select_working_set); false when the tolerance is met.
  let outI = -1;
  let outJ = -1;
  const selectWorkingSet = (): boolean => {
    let gmax = -Infinity;
    let gmax2 = -Infinity;
    let gmaxIdx = -1;
    let gminIdx = -1;
    let objDiffMin = Infinity;
    for (let t = 0; t < activeSize; t++) {
      if (y[t] === 1) {
        if (status[t] !== UPPER && -G[t]! >= gmax) {
          gmax = -G[t]!;
          gmaxIdx = t;
        }
      } else if (status[t] !== LOWER && G[t]! >= gmax) {
        gmax = G[t]!;
        gmaxIdx = t;
      }
    }
    const i = gmaxIdx;
    const Qi = i !== -1 ? Q.row(i, activeSize) : undefined;
    const qdi = i !== -1 ? qd[i]! : 0;
    const yi = i !== -1 ? y[i]! : 0;
    for (let j = 0; j < activeSize; j++) {
      let gradDiff: number;
      let quad: number;
      if (y[j] === 1) {
        if (status[j] === LOWER) continue;
        gradDiff = gmax + G[j]!;
        if (G[j]! >= gmax2) gmax2 = G[j]!;
        if (gradDiff <= 0) continue;
        quad = qdi + qd[j]! - 2 * yi * Qi![j]!;
      } else {
        if (status[j] === UPPER) continue;
        gradDiff = gmax - G[j]!;
        if (-G[j]! >= gmax2) gmax2 = -G[j]!;
        if (gradDiff <= 0) continue;
        quad = qdi + qd[j]! + 2 * yi * Qi![j]!;
      }
      const objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : TAU);
      if (objDiff <= objDiffMin) {
        gminIdx = j;
        objDiffMin = objDiff;
      }
    }
    if (gmax + gmax2 < eps || gminIdx === -1) return false;
    outI = gmaxIdx;
    outJ = gminIdx;
    return true;
  };

  let iter = 0;
  let counter = Math.min(l, 1000) + 1;
  let lastYield = performance.now();
  throwIfAborted(signal);
  let converged = false;
  while (iter < maxIter) {
    if ((iter & 255) === 0 && performance.now() - lastYield > YIELD_MS) {
      await checkpoint(signal);
      lastYield = performance.now();
    }
    if (--counter === 0) {
      counter = Math.min(l, 1000);
      if (shrinking) doShrinking();
    }
    if (!selectWorkingSet()) {
      reconstructGradient();
      activeSize = l;
      if (!selectWorkingSet()) {
        converged = true;
        break;
      }
      counter = 1; // shrink at the next iteration
    }
    iter++;
    const i = outI;
    const j = outJ;
    const Qi = Q.row(i, activeSize);
    const Qj = Q.row(j, activeSize);
    const Ci = C[i]!;
    const Cj = C[j]!;
    const oldAi = alpha[i]!;
    const oldAj = alpha[j]!;
    let ai = oldAi;
    let aj = oldAj;
    if (y[i] !== y[j]) {
      let quad = qd[i]! + qd[j]! + 2 * Qi[j]!;
      if (quad <= 0) quad = TAU;
      const delta = (-G[i]! - G[j]!) / quad;
      const diff = ai - aj;
      ai += delta;
      aj += delta;
      if (diff > 0) {
        if (aj < 0) {
          aj = 0;
          ai = diff;
        }
      } else if (ai < 0) {
        ai = 0;
        aj = -diff;
      }
      if (diff > Ci - Cj) {
        if (ai > Ci) {
          ai = Ci;
          aj = Ci - diff;
        }
      } else if (aj > Cj) {
        aj = Cj;
        ai = Cj + diff;
      }
    } else {
      let quad = qd[i]! + qd[j]! - 2 * Qi[j]!;
      if (quad <= 0) quad = TAU;
      const delta = (G[i]! - G[j]!) / quad;
      const sum = ai + aj;
      ai -= delta;
      aj += delta;
      if (sum > Ci) {
        if (ai > Ci) {
          ai = Ci;
          aj = sum - Ci;
        }
      } else if (aj < 0) {
        aj = 0;
        ai = sum;
      }
      if (sum > Cj) {
        if (aj > Cj) {
          aj = Cj;
          ai = sum - Cj;
        }
      } else if (ai < 0) {
        ai = 0;
        aj = sum;
      }
    }
    alpha[i] = ai;
    alpha[j] = aj;
    const di = ai - oldAi;
    const dj = aj - oldAj;
    // Parenthesised as libsvm's `G[k] += Q_i[k] * dA_i + Q_j[k] * dA_j`, so the rounding matches.
    for (let k = 0; k < activeSize; k++) G[k] = G[k]! + (Qi[k]! * di + Qj[k]! * dj);
    const upperI = status[i] === UPPER;
    const upperJ = status[j] === UPPER;
    updateStatus(i);
    updateStatus(j);
    if (upperI !== (status[i] === UPPER)) {
      const row = Q.row(i, l);
      const s = upperI ? -Ci : Ci;
      for (let k = 0; k < l; k++) Gbar[k] = Gbar[k]! + s * row[k]!;
    }
    if (upperJ !== (status[j] === UPPER)) {
      const row = Q.row(j, l);
      const s = upperJ ? -Cj : Cj;
      for (let k = 0; k < l; k++) Gbar[k] = Gbar[k]! + s * row[k]!;
    }
  }
  if (activeSize < l) {
    reconstructGradient();
    activeSize = l;
  }

  // rho: the mean of y_i G_i over free multipliers, else the middle of the feasible interval.
  let ub = Infinity;
  let lb = -Infinity;
  let nrFree = 0;
  let sumFree = 0;
  for (let i = 0; i < l; i++) {
    const yG = y[i]! * G[i]!;
    if (status[i] === UPPER) {
      if (y[i] === -1) ub = Math.min(ub, yG);
      else lb = Math.max(lb, yG);
    } else if (status[i] === LOWER) {
      if (y[i] === 1) ub = Math.min(ub, yG);
      else lb = Math.max(lb, yG);
    } else {
      nrFree++;
      sumFree += yG;
    }
  }
  const rho = nrFree > 0 ? sumFree / nrFree : (ub + lb) / 2;
  const out = new Float64Array(l);
  for (let k = 0; k < l; k++) out[Q.order[k]!] = alpha[k]!;
  return { alpha: out, rho, iterations: iter, converged };
}
