import type { ScanTask } from './scan-task';

/**
 * A rough single-thread time (ms) for a scan, to decide whether workers pay for their start-up
 * and copies. Rates measured on this package's benchmarks (order of magnitude is enough):
 * float32 wasm tiles ~10 GFLOP/s, float64 ~5, JavaScript ~2, plus ~2 ns a pair for the
 * candidate lists; a KD-tree query ~1 us times 2^(d/2).
 */
export function scanCostMs(task: ScanTask): number {
  if (task.kind === 'tree') return task.m * 1e-3 * 2 ** (task.tree.d / 2);
  const pairs = (task.m * task.n) / (task.self ? 2 : 1);
  const gflops = task.kernel === 'wasm32' ? 10 : task.kernel === 'wasm' ? 5 : 2;
  return pairs * ((2 * task.d) / (gflops * 1e6) + 2e-6);
}
