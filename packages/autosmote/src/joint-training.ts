import { checkpoint, gatherRows } from '@oversample/core';
import { denseForward } from '@oversample/tf';
import * as tf from '@tensorflow/tfjs-core';
import { aggregateRow } from './aggregation';
import type { FitContext } from './context';
import { initShareLogits } from './class-shares';
import { logitLayout, PRIOR_LOGIT } from './decisions';
import { annealedTemperature, gumbelNoise, gumbelSoftmax } from './gumbel';
import type { Holdout } from './holdout';
import { denseLossAndGrads, initDenseParams, weightedCrossEntropy } from './mlp';
import type { ClassNeighborhood } from './neighborhood';
import { oneHot } from './rows';
import type { PolicyUnits } from './units';

/** What the joint phase works on, besides the fit's context. */
export interface JointSetup {
  readonly holdout: Holdout;
  /** Rows to add per class (the sampling strategy resolved). */
  readonly plan: ReadonlyMap<number, number>;
  /** The labels of the oversampled classes, in the order of `neighborhoods`. */
  readonly oversampled: readonly number[];
  /** Per oversampled class: its training rows (ids into the fit's rows). */
  readonly classTrainRows: readonly number[][];
  readonly neighborhoods: readonly ClassNeighborhood[];
  readonly units: PolicyUnits;
  /** Neighbour choices of the k decision (maxNeighbors, capped). */
  readonly K: number;
}

/** What the joint phase leaves: the policy and classifier weights and the loss per epoch. */
export interface JointResult {
  readonly classifier: tf.Variable[];
  readonly policy: tf.Variable[];
  /** The class-level share logits (oversampled classes x shares), when `classShares` offers a choice. */
  readonly shareLogits: tf.Variable | undefined;
  readonly losses: number[];
}

/**
 * The policies start at SMOTE's decisions (ours) — every row seeds, k = 5, interpolate, its own
 * class's neighbours — as the modes of their first draws, and move away from them only as far as
 * their objective asks.
 */
function smotePrior(policy: readonly tf.Variable[], K: number, aggregations: readonly string[], pools: readonly string[]): void {
  const at = logitLayout(K, aggregations.length, pools.length);
  const prior = new Float32Array(at.size);
  prior[0] = PRIOR_LOGIT;
  prior[at.k + Math.min(5, K) - 1] = PRIOR_LOGIT;
  const interpolate = aggregations.indexOf('interpolate');
  if (interpolate >= 0) prior[at.aggregation + interpolate] = PRIOR_LOGIT;
  const own = pools.indexOf('class');
  if (pools.length > 1 && own >= 0) prior[at.pool + own] = PRIOR_LOGIT;
  tf.tidy(() => policy[policy.length - 1]!.assign(tf.tensor1d(prior)));
}

/**
 * Trains the policies and the classifier together. Each step draws a batch of real rows and
 * synthetic seeds (per class in proportion to its deficit), builds every (aggregation, k) candidate
 * of each seed, and lets hard Gumbel-Softmax draws of the policies pick among them and gate each
 * seed. The policies then learn from the configured objective (`'lookahead'` or `'joint'`); the
 * classifier takes an Adam step on real plus gated synthetic rows. Progress stage `'train'`.
 */
export async function trainJointly(ctx: FitContext, s: JointSetup): Promise<JointResult> {
  const { config, d, nClasses, z, y, rng, run } = ctx;
  const { holdout, plan, oversampled, neighborhoods, units, K } = s;
  const { trainRows, valRows } = holdout;
  const A = config.aggregations.length;
  const pools = config.neighborPools;
  const P = pools.length;
  const nShares = config.classShares.length;
  const n = y.length;
  const at = logitLayout(K, A, P);

  const classifier = initDenseParams([d, ...config.hiddenLayers, nClasses], rng.child('classifier'));
  const policy = initDenseParams([units.f, config.policyHidden, at.size], rng.child('policy'));
  smotePrior(policy, K, config.aggregations, pools);
  const shareLogits = initShareLogits(oversampled.length, config.classShares);
  const policyVariables = shareLogits ? [...policy, shareLogits] : policy;

  const unitsT = tf.tensor2d(units.features, [units.nUnits, units.f]);
  // A class with fewer than K neighbours per row cannot pick the larger k.
  const kMaskValues = new Float32Array(units.nUnits * K);
  for (let u = 0; u < units.nUnits; u++) {
    const kMax = neighborhoods[units.unitClass[u]!]!.kMax;
    for (let k = kMax; k < K; k++) kMaskValues[u * K + k] = -1e9;
  }
  const kMaskT = tf.tensor2d(kMaskValues, [units.nUnits, K]);

  const valX = tf.tensor2d(gatherRows(z, d, valRows), [valRows.length, d]);
  const valY = tf.tensor2d(oneHot(valRows.map((i) => y[i]!), nClasses), [valRows.length, nClasses]);
  const valCounts = new Map<number, number>();
  for (const i of valRows) valCounts.set(y[i]!, (valCounts.get(y[i]!) ?? 0) + 1);
  const valW = tf.tensor1d(valRows.map((i) => 1 / (valCounts.size * valCounts.get(y[i]!)!)));

  const totalDeficit = oversampled.reduce((a, label) => a + plan.get(label)!, 0);
  // A step sees batchSize rows, real and synthetic in the proportions of the resampled set, so an
  // epoch takes as many steps as one over SMOTE's output would.
  const B = Math.max(1, Math.min(trainRows.length, Math.round((config.batchSize * n) / (n + totalDeficit))));
  const seedBudget = Math.max(1, config.batchSize - B);
  const seedsPerClass = oversampled.map((label) => Math.max(1, Math.round((seedBudget * plan.get(label)!) / totalDeficit)));
  const S = seedsPerClass.reduce((a, b) => a + b, 0);
  // Synthetic weight per step for each class: the deficit's share of a batch of B of the nTrain real rows.
  const synthScale = oversampled.map((label) => (plan.get(label)! * B) / trainRows.length);
  const seedClass = new Int32Array(S);
  seedsPerClass.reduce((start, count, c) => (seedClass.fill(c, start, start + count), start + count), 0);
  const seedY = tf.tensor2d(oneHot([...seedClass].map((c) => oversampled[c]!), nClasses), [S, nClasses]);
  const seedClassOneHot = tf.tensor2d(oneHot(seedClass, oversampled.length), [S, oversampled.length]);
  const sharesT = tf.tensor2d([...config.classShares], [nShares, 1]);
  const seedScaleT = tf.tensor1d(Float32Array.from(seedClass, (c) => synthScale[c]!));

  const clfOpt = tf.train.adam(config.learningRate);
  const polOpt = tf.train.adam(config.policyLearningRate);
  const stepsPerEpoch = Math.ceil(trainRows.length / B);
  const totalSteps = config.epochs * stepsPerEpoch;
  const losses: number[] = [];
  const trainRng = rng.child('train');
  const cand = new Float32Array(S * P * A * K * d);
  const candRng = rng.child('candidates');
  const classifierNames = new Set(classifier.map((v) => v.name));

  try {
    let step = 0;
    for (let epoch = 0; epoch < config.epochs; epoch++) {
      const order = trainRng.shuffle([...trainRows]);
      let epochLoss = 0;
      for (let b = 0; b < stepsPerEpoch; b++, step++) {
        const batch = order.slice(b * B, b * B + B);
        if (batch.length < B) batch.push(...order.slice(0, B - batch.length));
        const tau = annealedTemperature(step, totalSteps - 1, config.temperature.start, config.temperature.end);
        // Seeds, their units and every (aggregation, k) candidate row; decisions only weight these.
        const unitIdx = new Int32Array(S);
        for (let t = 0; t < S; t++) {
          const c = seedClass[t]!;
          const nb = neighborhoods[c]!;
          const i = trainRng.int(nb.m);
          unitIdx[t] = units.unitOfRow[c]![i]!;
          const gap = candRng.uniform();
          for (let p = 0; p < P; p++) {
            for (let a = 0; a < A; a++) {
              for (let k = 1; k <= K; k++) {
                aggregateRow(nb, i, config.aggregations[a]!, k, gap, candRng, cand, (((t * P + p) * A + a) * K + (k - 1)) * d, pools[p]!);
              }
            }
          }
        }
        const noiseP = gumbelNoise(trainRng, S, 2);
        const noiseK = gumbelNoise(trainRng, S, K);
        const noiseA = gumbelNoise(trainRng, S, A);
        // Only offered choices draw noise, so SMOTE's pool and whole shares keep the stream they had.
        const noisePool = P > 1 ? gumbelNoise(trainRng, S, P) : undefined;
        const noiseShare = shareLogits ? gumbelNoise(trainRng, S, nShares) : undefined;

        const stepLoss = tf.tidy(() => {
          const realX = tf.tensor2d(gatherRows(z, d, batch), [B, d]);
          const realY = tf.tensor2d(oneHot(batch.map((i) => y[i]!), nClasses), [B, nClasses]);
          const candT = tf.tensor3d(cand, [S, P * A * K, d]);
          const idxT = tf.tensor1d(unitIdx, 'int32');
          const nP = tf.tensor2d(noiseP, [S, 2]);
          const nK = tf.tensor2d(noiseK, [S, K]);
          const nA = tf.tensor2d(noiseA, [S, A]);

          const decide = (): { synth: tf.Tensor2D; sw: tf.Tensor1D } => {
            const logits = denseForward(policy, tf.gather(unitsT, idxT) as tf.Tensor2D, 'tanh');
            const partL = tf.slice(logits, [0, 0], [S, 2]) as tf.Tensor2D;
            const kL = tf.add(tf.slice(logits, [0, at.k], [S, K]), tf.gather(kMaskT, idxT)) as tf.Tensor2D;
            const aggL = tf.slice(logits, [0, at.aggregation], [S, A]) as tf.Tensor2D;
            const gP = gumbelSoftmax(partL, nP, tau);
            const gK = gumbelSoftmax(kL, nK, tau);
            const gA = gumbelSoftmax(aggL, nA, tau);
            let w = tf.reshape(tf.mul(tf.expandDims(gA, 2), tf.expandDims(gK, 1)), [S, A * K]) as tf.Tensor2D;
            if (noisePool) {
              const gPool = gumbelSoftmax(tf.slice(logits, [0, at.pool], [S, P]) as tf.Tensor2D, tf.tensor2d(noisePool, [S, P]), tau);
              w = tf.reshape(tf.mul(tf.expandDims(gPool, 2), tf.expandDims(w, 1)), [S, P * A * K]);
            }
            const synth = tf.reshape(tf.matMul(tf.reshape(w, [S, 1, P * A * K]) as tf.Tensor3D, candT), [S, d]) as tf.Tensor2D;
            const gate = tf.reshape(tf.slice(gP, [0, 0], [S, 1]), [S]) as tf.Tensor1D;
            // Hold each class's synthetic weight at its share of the deficit, however many seeds take
            // part. The division is part of the graph, so a gate's gradient weighs its row against
            // the class's other seeds instead of asking for more synthetic weight overall.
            const seeding = tf.maximum(tf.matMul(tf.reshape(gate, [1, S]), seedClassOneHot), 1);
            const perSeed = tf.reshape(tf.matMul(seedClassOneHot, seeding, false, true), [S]);
            let sw = tf.div(tf.mul(gate, seedScaleT), perSeed) as tf.Tensor1D;
            if (shareLogits && noiseShare) {
              // The class-level decision scales its class's whole synthetic weight by the drawn share.
              // A one-hot product, not a gather: gather's gradient needs UnsortedSegmentSum, which the wasm backend lacks.
              const gS = gumbelSoftmax(tf.matMul(seedClassOneHot, shareLogits) as tf.Tensor2D, tf.tensor2d(noiseShare, [S, nShares]), tau);
              sw = tf.mul(sw, tf.reshape(tf.matMul(gS, sharesT), [S]));
            }
            return { synth, sw };
          };
          const allY = tf.concat([realY, seedY]) as tf.Tensor2D;
          const ones = tf.ones([B]) as tf.Tensor1D;
          const rowsAndWeights = (): { x: tf.Tensor2D; w: tf.Tensor1D } => {
            const { synth, sw } = decide();
            return { x: tf.concat([realX, synth]) as tf.Tensor2D, w: tf.concat([ones, sw]) as tf.Tensor1D };
          };

          if (config.objective === 'joint') {
            // One loss for both: the classifier's weighted cross-entropy on real plus gated synthetic rows.
            const { value, grads } = tf.variableGrads(() => {
              const { x, w } = rowsAndWeights();
              return weightedCrossEntropy(classifier, x, allY, w, B, config.activation);
            }, [...classifier, ...policyVariables]);
            clfOpt.applyGradients(classifier.map((v) => ({ name: v.name, tensor: grads[v.name]! })));
            polOpt.applyGradients(Object.entries(grads).filter(([name]) => !classifierNames.has(name)).map(([name, tensor]) => ({ name, tensor })));
            return value.dataSync()[0]!;
          }

          // Policy step: balanced validation loss after a look-ahead classifier step on the synthetic rows.
          const { grads: policyGrads } = tf.variableGrads(() => {
            const { x, w } = rowsAndWeights();
            const { grads } = denseLossAndGrads(classifier, x, allY, w, B, config.activation);
            const ahead = classifier.map((p, j) => tf.sub(p, tf.mul(grads[j]!, config.lookaheadLearningRate)));
            const logp = tf.logSoftmax(denseForward(ahead, valX, config.activation));
            return tf.neg(tf.sum(tf.mul(tf.mul(logp, valY), tf.reshape(valW, [-1, 1])))) as tf.Scalar;
          }, policyVariables);
          polOpt.applyGradients(Object.entries(policyGrads).map(([name, tensor]) => ({ name, tensor })));

          // Classifier step on real plus gated synthetic rows, decisions held fixed.
          const { x, w } = rowsAndWeights();
          const { loss, grads } = denseLossAndGrads(classifier, x, allY, w, B, config.activation);
          clfOpt.applyGradients(classifier.map((v, j) => ({ name: v.name, tensor: grads[j]! })));
          return loss.dataSync()[0]!;
        });
        epochLoss += stepLoss / stepsPerEpoch;
      }
      losses.push(epochLoss);
      const seedRate = tf.tidy(() => {
        const p = tf.softmax(tf.slice(denseForward(policy, unitsT, 'tanh'), [0, 0], [units.nUnits, 2]));
        const size = tf.tensor1d(units.unitSize, 'float32');
        return tf.div(tf.sum(tf.mul(tf.reshape(tf.slice(p, [0, 0], [units.nUnits, 1]), [-1]), size)), tf.sum(size)).dataSync()[0]!;
      });
      const temperature = annealedTemperature(step, totalSteps - 1, config.temperature.start, config.temperature.end);
      run.onProgress?.({ stage: 'train', done: epoch + 1, total: config.epochs, unit: 'epoch', metrics: { loss: epochLoss, seedRate, temperature } });
      await checkpoint(run.signal);
    }
    return { classifier, policy, shareLogits, losses };
  } catch (err) {
    tf.dispose([...classifier, ...policyVariables]);
    throw err;
  } finally {
    clfOpt.dispose();
    polOpt.dispose();
    tf.dispose([unitsT, kMaskT, valX, valY, valW, seedY, seedClassOneHot, sharesT, seedScaleT]);
  }
}
