// Training and inference throughput of the DeepSMOTE autoencoder on random 28x28 images.
//   pnpm --filter @oversample/autoencoder build && pnpm --filter @oversample/autoencoder bench -- --dims 8,16,64 --rows 300
// Prints images/s per dimH. The CPU may be shared: the load average is printed alongside.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Autoencoder } from '@oversample/autoencoder';
import { initBackend } from '@oversample/tf';

const { values: args } = parseArgs({
  options: {
    dims: { type: 'string', default: '8,16' },
    rows: { type: 'string', default: '300' },
    penalty: { type: 'string', default: 'paper' },
    backend: { type: 'string' },
  },
});
const info = await initBackend(args.backend ? { prefer: args.backend } : {});
const n = Number(args.rows);
console.log(`backend ${info.name}; ${n} rows, batch 100, penalty '${args.penalty}'; load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const x = new Float32Array(n * 784);
for (let i = 0; i < x.length; i++) x[i] = Math.sin(i * 0.61) * 0.9;
const y = new Int32Array(n).map((_, i) => i % 10);
for (const dimH of args.dims.split(',').map(Number)) {
  const ae = await Autoencoder.create({ inputShape: [28, 28, 1], dimH, latentDim: 300, seed: 1 });
  const t0 = performance.now();
  await ae.fit(x, y, { epochs: 1, penalty: args.penalty });
  const train = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const z = await ae.encode(x);
  await ae.decode(z);
  const infer = (performance.now() - t1) / 1000;
  console.log(
    `dimH ${String(dimH).padStart(3)}: train ${(n / train).toFixed(1)} rows/s (one epoch ${train.toFixed(1)} s), ` +
      `encode+decode ${(n / infer).toFixed(0)} rows/s`,
  );
  ae.dispose();
}
