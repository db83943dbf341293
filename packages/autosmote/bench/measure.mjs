// AutoSMOTE (self, cohort) against SMOTE + the same MLP and the plain MLP on KEEL tables,
// repeated stratified 5-fold x 2. Every method trains the identical classifier (AutoSMOTE's MLP:
// same layers, optimiser, epochs); the baselines are AutoSMOTE with nothing to oversample.
// Usage: pnpm --filter @oversample/autosmote measure [-- --half report --methods mlp,smote+mlp,self,self-joint
//          --tables a,b --epochs 20 --repeats 2 --json out.json]
// --half tune|report takes the tables of that half of docs/research/keel-halves.json (issue #16:
// tune on one half, report on the other); --rule numeric-small keeps the tables whose attributes
// are all numeric with at most 1,004 rows (the rule issue #16's tables were cut by, for CPU
// reasons); --tables names tables explicitly; --json writes every fold's scores and seconds (for
// a Wilcoxon test over tables). --variants '{"NAME":{AutoSMOTE options}}' adds methods by name,
// e.g. '{"self-joint-pools":{"variant":"self","objective":"joint","neighborPools":["class","all"]}}'.
import { repeatedStratifiedKFold, StandardScaler } from '@oversample/data';
import { datasetInfo, loadDataset } from '@oversample/datasets';
import { balancedAccuracyScore, f1Score, geometricMeanScore } from '@oversample/metrics';
import { SMOTE } from '@oversample/smote';
import { subsetDataset, classCounts } from '@oversample/core';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AutoSMOTE } from '../dist/index.js';

const DEFAULT_TABLES = [
  'glass-0-1-5_vs_2', 'cleveland-0_vs_4', 'glass-0-1-6_vs_2', 'ecoli-0-3-4_vs_5', 'glass-0-1-4-6_vs_2', 'glass4', 'glass2',
  'glass6', 'new-thyroid1', 'ecoli-0-6-7_vs_3-5', 'ecoli-0-1_vs_2-3-5', 'haberman', 'ecoli4', 'ecoli3', 'ecoli1',
  'dermatology-6', 'led7digit-0-2-4-5-6-7-8-9_vs_1', 'yeast-1_vs_7', 'page-blocks-1-3_vs_4', 'yeast-2_vs_8', 'abalone9-18',
  'pima',
];
const { values } = parseArgs({
  options: {
    tables: { type: 'string' },
    half: { type: 'string' },
    rule: { type: 'string' },
    variants: { type: 'string', default: '{}' },
    methods: { type: 'string', default: 'mlp,smote+mlp,self,cohort' },
    json: { type: 'string' },
    epochs: { type: 'string', default: '20' },
    folds: { type: 'string', default: '5' },
    repeats: { type: 'string', default: '2' },
    seed: { type: 'string', default: '0' },
    // JSON of extra AutoSMOTE options for the two AutoSMOTE rows, e.g. '{"lookaheadLearningRate":0.5}'.
    autosmote: { type: 'string', default: '{}' },
  },
});
const epochs = Number(values.epochs);
let root = dirname(fileURLToPath(import.meta.url));
while (!existsSync(join(root, 'pnpm-workspace.yaml'))) root = dirname(root);
const halves = JSON.parse(readFileSync(join(root, 'docs/research/keel-halves.json'), 'utf8'));
if (values.half && !(values.half in halves)) throw new Error(`--half must be tune or report, got ${values.half}`);
if (values.rule && values.rule !== 'numeric-small') throw new Error(`--rule must be numeric-small, got ${values.rule}`);
const named = values.tables ? values.tables.split(',') : values.half ? halves[values.half] : DEFAULT_TABLES;
const tables = values.rule ? named.filter(numericSmall) : named;

/** Every attribute but the class is `real` or `integer`, and there are at most 1,004 data rows (the bundled catalog says). */
function numericSmall(table) {
  const info = datasetInfo(table);
  return info.features.nominal === 0 && info.rows + info.droppedRows <= 1004;
}

const extra = JSON.parse(values.autosmote);
const common = { epochs, refitEpochs: 30, hiddenLayers: [32], batchSize: 64 };
const auto = (variant, objective) => async (train, seed) => new AutoSMOTE({ ...common, ...extra, variant, objective, seed }).fit(train);
const ALL_METHODS = {
  mlp: async (train, seed) => new AutoSMOTE({ ...common, samplingStrategy: {}, seed }).fit(train),
  'smote+mlp': async (train, seed) => {
    const minority = Math.min(...classCounts(train.y).values());
    const resampled = await new SMOTE({ kNeighbors: Math.min(5, minority - 1), seed }).fitResample(train);
    return new AutoSMOTE({ ...common, samplingStrategy: {}, seed }).fit(resampled);
  },
  self: auto('self', 'lookahead'),
  cohort: auto('cohort', 'lookahead'),
  'self-joint': auto('self', 'joint'),
  'cohort-joint': auto('cohort', 'joint'),
};
for (const [name, options] of Object.entries(JSON.parse(values.variants))) {
  ALL_METHODS[name] = async (train, seed) => new AutoSMOTE({ ...common, ...extra, ...options, seed }).fit(train);
}
const names = values.methods.split(',');
for (const m of names) if (!(m in ALL_METHODS)) throw new Error(`unknown method ${m}; known: ${Object.keys(ALL_METHODS).join(', ')}`);
const METHODS = Object.fromEntries(names.map((m) => [m, ALL_METHODS[m]]));
console.log(`${tables.length} tables, methods ${names.join(', ')}; ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const METRICS = ['f1', 'gmean', 'bacc'];
const results = {}; // table -> method -> metric -> number[]
const seconds = Object.fromEntries(names.map((m) => [m, 0]));
const started = Date.now();

for (const table of tables) {
  const data = await loadDataset(table);
  const counts = classCounts(data.y);
  const minorityClass = [...counts.entries()].sort((a, b) => a[1] - b[1])[0][0];
  const folds = repeatedStratifiedKFold(data.y, Number(values.folds), Number(values.repeats), { seed: Number(values.seed) });
  results[table] = Object.fromEntries(names.map((m) => [m, { f1: [], gmean: [], bacc: [] }]));
  for (const [f, fold] of folds.entries()) {
    const scaler = new StandardScaler();
    const train = scaler.fitTransform(subsetDataset(data, fold.train));
    const test = scaler.transform(subsetDataset(data, fold.test));
    for (const m of names) {
      const t = performance.now();
      const model = await METHODS[m](train, 1000 * f + 7);
      const pred = await model.predict(test);
      model.dispose();
      seconds[m] += (performance.now() - t) / 1000;
      const r = results[table][m];
      r.f1.push(f1Score(test.y, pred, { average: 'binary', posLabel: minorityClass }));
      r.gmean.push(geometricMeanScore(test.y, pred));
      r.bacc.push(balancedAccuracyScore(test.y, pred));
    }
  }
  const line = names.map((m) => `${m} ${mean(results[table][m].f1).toFixed(3)}/${mean(results[table][m].gmean).toFixed(3)}`).join('  ');
  console.log(`${table.padEnd(34)} (${data.y.length} rows, minority ${counts.get(minorityClass)}) F1/GM: ${line}`);
}

function mean(a) {
  return a.reduce((s, v) => s + v, 0) / a.length;
}
function std(a) {
  const m = mean(a);
  return Math.sqrt(a.reduce((s, v) => s + (v - m) ** 2, 0) / Math.max(1, a.length - 1));
}
/** Average ranks (1 = best, ties share the mean rank) of each method over tables, for one metric. */
function averageRanks(metric) {
  const ranks = Object.fromEntries(names.map((m) => [m, 0]));
  for (const table of tables) {
    const scores = names.map((m) => [m, mean(results[table][m][metric])]).sort((a, b) => b[1] - a[1]);
    for (let i = 0; i < scores.length; ) {
      let j = i;
      while (j + 1 < scores.length && Math.abs(scores[j + 1][1] - scores[i][1]) < 1e-12) j++;
      for (let t = i; t <= j; t++) ranks[scores[t][0]] += (i + j) / 2 + 1;
      i = j + 1;
    }
  }
  return Object.fromEntries(names.map((m) => [m, ranks[m] / tables.length]));
}

if (values.json) writeFileSync(values.json, `${JSON.stringify({ tables, methods: names, epochs, folds: Number(values.folds), repeats: Number(values.repeats), results, seconds, load: os.loadavg() }, null, 1)}\n`);
console.log(`\n${tables.length} KEEL tables, ${values.folds}-fold x ${values.repeats} repeats, epochs ${epochs}; ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
console.log(`method            ${METRICS.map((k) => `${k} mean (std over tables)`.padEnd(28)).join('')}avg rank f1/gm/bacc   wins f1/gm/bacc   fit+predict s`);
const ranks = Object.fromEntries(METRICS.map((k) => [k, averageRanks(k)]));
for (const m of names) {
  const cols = METRICS.map((k) => {
    const perTable = tables.map((t) => mean(results[t][m][k]));
    return `${mean(perTable).toFixed(4)} (${std(perTable).toFixed(3)})`.padEnd(28);
  });
  const wins = METRICS.map((k) => tables.filter((t) => names.every((o) => mean(results[t][m][k]) >= mean(results[t][o][k]))).length);
  console.log(`${m.padEnd(18)}${cols.join('')}${METRICS.map((k) => ranks[k][m].toFixed(2)).join('/').padEnd(22)}${wins.join('/').padEnd(18)}${seconds[m].toFixed(1)}`);
}
