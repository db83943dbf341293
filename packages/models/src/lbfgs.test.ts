import { CancelledError } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import { minimizeLbfgs } from './lbfgs';

describe('minimizeLbfgs', () => {
  it('finds the minimum of the Rosenbrock function', async () => {
    const rosenbrock = (w: Float64Array, g: Float64Array): number => {
      const [a, b] = [w[0]!, w[1]!];
      g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      g[1] = 200 * (b - a * a);
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    };
    const result = await minimizeLbfgs(rosenbrock, new Float64Array([-1.2, 1]), { gradTol: 1e-8, relTol: 0 });
    expect(result.converged).toBe(true);
    expect(result.w[0]).toBeCloseTo(1, 5);
    expect(result.w[1]).toBeCloseTo(1, 5);
  });

  it('solves an ill-conditioned quadratic in few iterations', async () => {
    // f = sum_i s_i (w_i - i)^2 / 2 with scales 1..1000.
    const scales = [1, 10, 100, 1000];
    const quadratic = (w: Float64Array, g: Float64Array): number => {
      let f = 0;
      scales.forEach((s, i) => {
        g[i] = s * (w[i]! - i);
        f += (s * (w[i]! - i) ** 2) / 2;
      });
      return f;
    };
    const result = await minimizeLbfgs(quadratic, new Float64Array(4), { gradTol: 1e-9, relTol: 0 });
    expect(Array.from(result.w, (v) => Math.round(v * 1e6) / 1e6)).toEqual([0, 1, 2, 3]);
    expect(result.iterations).toBeLessThan(40);
  });

  it('stops on abort', async () => {
    const controller = new AbortController();
    controller.abort();
    const f = (w: Float64Array, g: Float64Array): number => {
      g[0] = 2 * (w[0]! - 1);
      return (w[0]! - 1) ** 2;
    };
    await expect(minimizeLbfgs(f, new Float64Array(1), { signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
  });
});
