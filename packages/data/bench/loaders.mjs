// Loader timings (run `pnpm --filter @oversample/data build` first). Prints figures; asserts nothing.
// `-- --keel DIR` also times loadKeel on the .dat files of DIR (the 100 KEEL tables are bundled in
// @oversample/datasets, whose own bench times loading them).
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { imageGridPng, listKeelDatasets, loadKeel, loadMnist } from '../dist/index.js';

const { values } = parseArgs({ args: process.argv.slice(2).filter((a) => a !== '--'), options: { keel: { type: 'string' } } });

async function time(label, fn, repeats = 3) {
  const times = [];
  let result;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    result = await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(40)} median ${times[Math.floor(repeats / 2)].toFixed(0).padStart(6)} ms  (min ${times[0].toFixed(0)} ms)`);
  return result;
}

console.log(`node ${process.version}, ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const train = await time('loadMnist train (60,000, raw)', () => loadMnist({ split: 'train' }));
await time('loadMnist train (60,000, unit)', () => loadMnist({ split: 'train', scale: 'unit' }));
await time('loadMnist test (10,000, symmetric)', () => loadMnist({ split: 'test', scale: 'symmetric' }));
if (values.keel) {
  const list = await listKeelDatasets(values.keel);
  await time(`loadKeel x ${list.length} files (one-hot)`, async () => {
    for (const { path } of list) await loadKeel(path);
  });
}
await time('imageGridPng 400 MNIST digits, scale 2', () =>
  imageGridPng(train.x.subarray(0, 400 * 784), { shape: [28, 28, 1], rows: 20, cols: 20, range: [0, 255], scale: 2 }),
);
