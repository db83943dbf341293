// Images per second for one Adam step of DeepSMOTE's MNIST autoencoder, per backend.
//
//   pnpm --filter @oversample/tf bench [-- --backends wasm,cpu --dims 64,32,16 --batch 100 --steps 3 --profile]
//   OVERSAMPLE_TF_WASM_THREADS=1 pnpm --filter @oversample/tf bench   (single-threaded wasm)
//
// Each (backend, dim_h) runs in its own child process, so its peak RSS is its own. Needs
// `pnpm --filter @oversample/tf build` first. The CPU is shared: the load average is printed.
import { execFileSync, fork } from 'node:child_process';
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
    child: { type: 'string' },
  },
});

if (values.child !== undefined) {
  await runChild(JSON.parse(values.child));
} else {
  await runParent();
}

async function runParent() {
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, ${os.cpus().length} cpus, node ${process.version}`);
  console.log('backend         threads dim_h  batch  step_s   images/s  best_images/s  peak_rss_MiB  loss');
  for (const backend of values.backends.split(',')) {
    for (const dimH of (backend === 'cpu' ? values['cpu-dims'] : values.dims).split(',').map(Number)) {
      const batch = Number(backend === 'cpu' ? values['cpu-batch'] : values.batch);
      const job = { backend, dimH, batch, nZ: Number(values.nz), steps: backend === 'cpu' ? 1 : Number(values.steps), profile: values.profile };
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
      console.log(
        `${backend.padEnd(15)} ${String(result.threads).padStart(7)} ${String(dimH).padStart(5)} ${String(batch).padStart(6)} ${result.stepSeconds.toFixed(2).padStart(7)} ${result.imagesPerSecond.toFixed(2).padStart(10)} ${result.bestImagesPerSecond.toFixed(2).padStart(14)} ${String(Math.round(result.peakRssMiB)).padStart(13)}  ${result.loss.toFixed(5)}`,
      );
    }
  }
  try {
    console.log(execFileSync('uptime', { encoding: 'utf8' }).trim());
  } catch {
    // uptime is informative only
  }
}

async function runChild({ dimH, nZ, batch, steps, profile }) {
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
  process.send({
    stepSeconds,
    imagesPerSecond: batch / stepSeconds,
    bestImagesPerSecond: batch / Math.min(...times),
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    threads: info.threads?.count ?? '-',
    loss,
  });
  process.disconnect();
}
