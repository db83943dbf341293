// Writes docs/research/keel-halves.json: the fixed split of the 100 KEEL tables into the half the
// deep samplers may be tuned on and the half held back for reporting (issue #16's protocol).
// Rule: the table names sorted by code point, shuffled by @oversample/core's Rng seeded 16 (the
// issue's number); the first 50 are the tuning half, the other 50 the held-back half.
//
//   node packages/autosmote/bench/keel-halves.mjs DIR_OF_KEEL_DAT_FILES
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng } from '@oversample/core';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node packages/autosmote/bench/keel-halves.mjs DIR_OF_KEEL_DAT_FILES');
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.dat'))
  .map((f) => f.slice(0, -4))
  .sort();
const shuffled = new Rng(16).shuffle([...names]);
const half = Math.floor(shuffled.length / 2);
const out = {
  rule: 'names sorted by code point, shuffled by new Rng(16) from @oversample/core; first half tune, second half report',
  tune: shuffled.slice(0, half).sort(),
  report: shuffled.slice(half).sort(),
};
const file = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/research/keel-halves.json');
writeFileSync(file, `${JSON.stringify(out, null, 1)}\n`);
console.log(`wrote ${file}: ${out.tune.length} tuning tables, ${out.report.length} held back`);
