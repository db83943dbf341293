// Bundle 1 of the browser test page: SMOTE, ADASYN and the metrics (no TensorFlow), the typed
// errors of bad input, and what Node-only calls say in a browser.
import { PlatformError, readFileBytes } from '@oversample/core';
import { imageGridPng, loadMnist } from '@oversample/data';
import { badInputScenario, blobs, classicScenario, type ErrorOutcome } from '../scenarios';
import { publish, show } from './report';

async function platformErrors(): Promise<ErrorOutcome[]> {
  const out: ErrorOutcome[] = [];
  for (const [label, run] of [
    ['readFileBytes', () => readFileBytes('model/weights.bin')],
    ['loadMnist', () => loadMnist()],
  ] as const) {
    try {
      await run();
      out.push({ label, name: 'none', typed: false, message: 'did not throw' });
    } catch (error) {
      const e = error as Error;
      out.push({ label, name: e.name, typed: error instanceof PlatformError, message: e.message });
    }
  }
  return out;
}

async function main(): Promise<void> {
  const classic = await classicScenario();
  const errors = await badInputScenario();
  const platform = await platformErrors();
  // A PNG encoded in the browser: the blobs' first 16 rows as 4 x 4 "images".
  const png = await imageGridPng(blobs().x.subarray(0, 16 * 4), { shape: [2, 2, 1], rows: 4, cols: 4, scale: 8 });
  show('SMOTE + ADASYN + metrics', [
    `SMOTE: ${JSON.stringify(classic.smote.counts)}, ${classic.smote.synthetic} synthetic rows, finite ${classic.smote.allFinite}, in range ${classic.smote.inRange}`,
    `ADASYN: ${JSON.stringify(classic.adasyn.counts)}, ${classic.adasyn.synthetic} synthetic rows, finite ${classic.adasyn.allFinite}, in range ${classic.adasyn.inRange}`,
    `metrics: ${JSON.stringify(classic.metrics)}`,
    ...errors.map((e) => `${e.label}: ${e.name} — ${e.message}`),
    ...platform.map((e) => `${e.label}: ${e.name} — ${e.message}`),
  ], png);
  publish('classic', { classic, errors, platform, pngBytes: png.length });
}

main().catch((error: unknown) => publish('classic', { failure: String((error as Error).stack ?? error) }));
