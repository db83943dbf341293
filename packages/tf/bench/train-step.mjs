// Images per second for one Adam step of DeepSMOTE's MNIST autoencoder, per backend.
//
//   pnpm --filter @oversample/tf bench [-- --backends wasm,cpu --dims 64,32,16 --batch 100 --steps 3 --profile]
//   OVERSAMPLE_TF_WASM_THREADS=1 pnpm --filter @oversample/tf bench   (single-threaded wasm)
//
// Each (backend, dim_h) runs in its own child process, so its peak RSS is its own. Needs
// `pnpm --filter @oversample/tf build` first. The CPU is shared: the load average is printed.
// Where `--python` (default /usr/bin/python3) has PyTorch, bench/torch_step.py runs the same step
// in the same process tree after ours (`--peer-threads` sets torch's threads, 0 its default),
// `--rounds` times alternating, and the ratio of images/s is printed per dim_h.
// The ceiling: both sides also time one matrix product of the step's largest layer (the decoder's
// first transposed conv as a GEMM, [batch*49, 16*4*dimH] x [16*4*dimH, 8*dimH]), and the step's
// GFLOP/s (multiply-adds x 2 of every forward and backward product, counted from the architecture)
// is printed against it: a step near its backend's own matrix-multiply rate cannot get much faster
// by rearranging kernels, only by a faster multiply.
import { execFileSync, fork, spawn } from 'node:child_process';
import os from 'node:os';
import process from 'node:process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    backends: { type: 'string', default: 'tensorflow-gpu,tensorflow,wasm,cpu' },
    dims: { type: 'string', default: '64,32,16' },
    batch: { type: 'string', default: '100' },
    // Plain JS takes minutes per image at dim_h 64: a tiny batch of the smallest model.
    'cpu-batch': { type: 'string', default: '2' },
    'cpu-dims': { type: 'string', default: '16' },
    steps: { type: 'string', default: '3' },
    nz: { type: 'string', default: '300' },
    profile: { type: 'boolean', default: false },
    python: { type: 'string', default: '/usr/bin/python3' },
    'peer-threads': { type: 'string', default: '0' },
    rounds: { type: 'string', default: '1' },
    'no-ceiling': { type: 'boolean', default: false },
    child: { type: 'string' },
  },
});

if (values.child !== undefined) {
  await runChild(JSON.parse(values.child));
} else {
  await runParent();
}

async function runParent() {
  const torch = torchVersion();
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, ${os.cpus().length} cpus, node ${process.version}`);
  console.log(`peer: ${torch ? `PyTorch ${torch} (${values.python})` : `none (${values.python} has no torch)`}`);
  // Best images/s per dim_h over rounds and the medians of the means, ours (each backend) and the peer's.
  const seen = new Map();
  const note = (key, dimH, r) => {
    const k = `${key} ${dimH}`;
    if (!seen.has(k)) seen.set(k, { key, dimH, means: [], gemms: [], rss: 0, threads: r.threads });
    const e = seen.get(k);
    e.means.push(r.imagesPerSecond);
    if (r.gemmGflops !== undefined && r.gemmGflops !== null) e.gemms.push(r.gemmGflops);
    e.rss = Math.max(e.rss, r.peakRssMiB);
  };
  const ceilingText = (r, dimH, batch) =>
    r.gemmGflops == null
      ? ''
      : `  step ${stepGflops(dimH, batch, r.imagesPerSecond).toFixed(1)} GFLOP/s, matMul ${r.gemmGflops.toFixed(1)} GFLOP/s`;
  for (let round = 0; round < Number(values.rounds); round++) {
    console.log('backend         threads dim_h  batch  step_s   images/s  best_images/s  peak_rss_MiB  loss');
    for (const backend of values.backends.split(',')) {
      for (const dimH of (backend === 'cpu' ? values['cpu-dims'] : values.dims).split(',').map(Number)) {
        const batch = Number(backend === 'cpu' ? values['cpu-batch'] : values.batch);
        // Plain JS would take minutes over the ceiling's product: it is timed on the fast backends only.
        const job = { backend, dimH, batch, nZ: Number(values.nz), steps: backend === 'cpu' ? 1 : Number(values.steps), profile: values.profile, ceiling: !values['no-ceiling'] && backend !== 'cpu' };
        const result = await new Promise((resolve) => {
          const child = fork(new URL(import.meta.url), ['--child', JSON.stringify(job)], {
            env: { ...process.env, OVERSAMPLE_TF_BACKEND: backend },
            stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
          });
          let stderr = '';
          child.stderr.on('data', (d) => (stderr += d));
          child.on('message', resolve);
          child.on('exit', (code) => {
            const lines = stderr.trim().split('\n');
            resolve({ error: `exit ${code}: ${lines.find((l) => /^\w*Error: /.test(l)) ?? lines.at(-1) ?? ''}` });
          });
        });
        if (result.error !== undefined) {
          console.log(`${backend.padEnd(15)} ${'-'.padStart(7)} ${String(dimH).padStart(5)}  unavailable (${result.error.slice(0, 160)})`);
          if (result.error.includes('did not load')) break;
          continue;
        }
        if (batch === Number(values.batch)) note(backend, dimH, result);
        console.log(
          `${backend.padEnd(15)} ${String(result.threads).padStart(7)} ${String(dimH).padStart(5)} ${String(batch).padStart(6)} ${result.stepSeconds.toFixed(2).padStart(7)} ${result.imagesPerSecond.toFixed(2).padStart(10)} ${result.bestImagesPerSecond.toFixed(2).padStart(14)} ${String(Math.round(result.peakRssMiB)).padStart(13)}  ${result.loss.toFixed(5)}${ceilingText(result, dimH, batch)}`,
        );
      }
    }
    if (torch) {
      for (const r of await runTorch()) {
        note('pytorch', r.dimH, r);
        console.log(
          `${'pytorch'.padEnd(15)} ${String(r.threads).padStart(7)} ${String(r.dimH).padStart(5)} ${String(values.batch).padStart(6)} ${r.stepSeconds.toFixed(2).padStart(7)} ${r.imagesPerSecond.toFixed(2).padStart(10)} ${r.bestImagesPerSecond.toFixed(2).padStart(14)} ${String(Math.round(r.peakRssMiB)).padStart(13)}         ${ceilingText(r, r.dimH, Number(values.batch))}`,
        );
      }
    }
    console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  }
  if (torch) {
    const median = (a) => {
      const s = [...a].sort((p, q) => p - q);
      return s.length % 2 === 1 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    };
    console.log(`\nimages/s, median over ${values.rounds} round(s): ours / PyTorch (batch ${values.batch})`);
    console.log('| backend | dim_h | ours images/s | PyTorch images/s | ratio | ours step / own matMul GFLOP/s | PyTorch step / own matMul GFLOP/s | ours peak MiB | PyTorch peak MiB |');
    console.log('|---|---|---|---|---|---|---|---|---|');
    const gflops = (e, imagesPerSecond) =>
      e.gemms.length === 0
        ? '-'
        : `${stepGflops(e.dimH, Number(values.batch), imagesPerSecond).toFixed(1)} / ${median(e.gemms).toFixed(1)}`;
    for (const e of seen.values()) {
      const peer = seen.get(`pytorch ${e.dimH}`);
      if (e.key === 'pytorch' || !peer) continue;
      const ours = median(e.means);
      const theirs = median(peer.means);
      console.log(`| ${e.key} (${e.threads} threads) | ${e.dimH} | ${ours.toFixed(1)} | ${theirs.toFixed(1)} (${peer.threads} threads) | ${(ours / theirs).toFixed(2)}x | ${gflops(e, ours)} | ${gflops(peer, theirs)} | ${Math.round(e.rss)} | ${Math.round(peer.rss)} |`);
    }
  }
  try {
    console.log(execFileSync('uptime', { encoding: 'utf8' }).trim());
  } catch {
    // uptime is informative only
  }
}

/** PyTorch's version under `--python`, or '' where it has none. */
function torchVersion() {
  try {
    return execFileSync(values.python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

/** bench/torch_step.py on the same dims, batch and steps: its JSON lines. */
function runTorch() {
  const script = new URL('./torch_step.py', import.meta.url).pathname;
  const args = [script, '--json', '--dims', values.dims, '--batch', values.batch, '--steps', values.steps, '--nz', values.nz, '--threads', values['peer-threads'], ...(values['no-ceiling'] ? [] : ['--ceiling'])];
  return new Promise((resolve, reject) => {
    const child = spawn(values.python, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`torch_step.py exited with ${code}`));
      else resolve(out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)));
    });
  });
}

/**
 * Floating-point operations of one training step of the reference autoencoder: 2 per
 * multiply-add of every conv, transposed conv and dense product, forward, input gradient and
 * weight gradient (the first conv has no input gradient: the images are not trained).
 */
function stepFlops(dimH, nZ, batch) {
  const d = dimH;
  // [output positions (encoder) or input positions (decoder, transposed), taps x in x out channels]
  const encoder = [[14 * 14, 16 * 1 * d], [7 * 7, 16 * d * 2 * d], [3 * 3, 16 * 2 * d * 4 * d], [1, 16 * 4 * d * 8 * d]];
  const decoder = [[7 * 7, 16 * 8 * d * 4 * d], [10 * 10, 16 * 4 * d * 2 * d], [13 * 13, 16 * 2 * d * 1]];
  const dense = [8 * d * nZ, nZ * 8 * d * 49];
  const macs = (layers) => layers.reduce((sum, [positions, weights]) => sum + positions * weights, 0);
  const firstConv = 14 * 14 * 16 * d;
  return 2 * batch * (3 * (macs(encoder) + macs(decoder) + dense[0] + dense[1]) - firstConv);
}

/** GFLOP/s of training steps of `batch` images at `imagesPerSecond` (the n_z of `--nz`). */
function stepGflops(dimH, batch, imagesPerSecond) {
  return (stepFlops(dimH, Number(values.nz), batch) * imagesPerSecond) / batch / 1e9;
}

/** Best GFLOP/s of 3 matMuls of the decoder's first transposed conv as a GEMM (after a warm-up). */
function gemmGflops(tf, dimH, batch) {
  const [m, k, n] = [batch * 49, 16 * 4 * dimH, 8 * dimH];
  const a = tf.randomNormal([m, k], 0, 1, 'float32', 1);
  const b = tf.randomNormal([k, n], 0, 1, 'float32', 2);
  let best = Infinity;
  for (let r = 0; r < 4; r++) {
    const start = performance.now();
    const c = tf.matMul(a, b);
    c.dataSync();
    if (r > 0) best = Math.min(best, (performance.now() - start) / 1000);
    c.dispose();
  }
  a.dispose();
  b.dispose();
  return (2 * m * k * n) / best / 1e9;
}

async function runChild({ dimH, nZ, batch, steps, profile, ceiling }) {
  const tf = await import('@tensorflow/tfjs-core');
  const { initBackend } = await import('../dist/index.js');
  const { buildReferenceAutoencoder, referenceTrainStep } = await import('../dist/reference-autoencoder.js');
  const info = await initBackend();
  const model = buildReferenceAutoencoder({ dimH, nZ });
  const optimizer = tf.train.adam(2e-4, 0.9, 0.999);
  const images = tf.tidy(() => tf.sub(tf.mul(tf.randomUniform([batch, 28, 28, 1], 0, 1, 'float32', 7), 2), 1));
  let loss = referenceTrainStep(model, optimizer, images); // warm-up: XNNPACK setup, kernel caches
  if (profile) {
    const info = await tf.profile(() => {
      loss = referenceTrainStep(model, optimizer, images);
    });
    const perKernel = new Map();
    for (const k of info.kernels) perKernel.set(k.name, (perKernel.get(k.name) ?? 0) + k.kernelTimeMs);
    const top = [...perKernel].sort((a, b) => b[1] - a[1]).slice(0, 12);
    console.log(`  profile dim_h ${dimH} (ms): ${top.map(([n, ms]) => `${n} ${Math.round(ms)}`).join(', ')}`);
  }
  const times = [];
  for (let s = 0; s < steps; s++) {
    const start = performance.now();
    loss = referenceTrainStep(model, optimizer, images);
    times.push((performance.now() - start) / 1000);
  }
  const stepSeconds = times.reduce((a, b) => a + b, 0) / steps;
  const gemm = ceiling ? gemmGflops(tf, dimH, batch) : undefined;
  process.send({
    stepSeconds,
    imagesPerSecond: batch / stepSeconds,
    bestImagesPerSecond: batch / Math.min(...times),
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    threads: info.threads?.count ?? '-',
    loss,
    gemmGflops: gemm,
  });
  process.disconnect();
}
