import { availableCores, busyCores, loadAverage, OptionError, OversampleError, readEnv } from '@oversample/core';
import * as tf from '@tensorflow/tfjs-core';
// A platform module (docs/design.md, "Platforms"): Node's backends here, the browser's in its build.
import { importBackend, PLATFORM_BACKENDS, startWasmBackend, unavailableReason } from './backend-platform.node.js';
import { registerWasmKernels } from './kernels/register';

/**
 * The backends `initBackend` knows. In Node, fastest first: `tensorflow-gpu`
 * (`@tensorflow/tfjs-node-gpu`, CUDA), `tensorflow` (`@tensorflow/tfjs-node`, native CPU), `wasm`
 * (`@tensorflow/tfjs-backend-wasm`, XNNPACK, with this package's gradient kernels), `cpu`
 * (`@tensorflow/tfjs-backend-cpu`, plain JS). In browsers: `webgpu`
 * (`@tensorflow/tfjs-backend-webgpu`), `webgl` (`@tensorflow/tfjs-backend-webgl`), `wasm`, `cpu`.
 */
export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** What `initBackend` chose, why, and why each faster backend was passed over. */
export interface BackendInfo {
  /** The backend in use. */
  name: BackendName;
  /** The name TensorFlow.js knows it by (`tf.getBackend()`): `tensorflow`, `webgpu`, `webgl`, `wasm` or `cpu`. */
  tfBackend: string;
  /** Why this one: forced by the environment, preferred, or the fastest that loaded and computed right. */
  reason: string;
  /**
   * The backends tried before it, in order, each with the reason it was not used: not available
   * here, its package did not load, it did not start, or it failed the test computation.
   */
  skipped: { name: BackendName; reason: string }[];
  /** wasm only: how many threads XNNPACK computes on, and why that many. */
  threads?: { count: number; reason: string };
}

/** A wasm thread count and where it came from. */
export interface ThreadRequest {
  count: number;
  why: string;
}

/** What this package uses of `@tensorflow/tfjs-backend-wasm`'s exports. */
export interface WasmModule {
  setWasmPaths?: (prefixOrFileMap: string | Record<string, string>) => void;
  getThreadsCount?: () => number;
}

/** Options of {@link initBackend}. */
export interface InitBackendOptions {
  /** Try this backend first; if it does not load, the usual order follows. */
  prefer?: BackendName;
  /**
   * Replace how a backend's package is loaded (the default is a dynamic `import()` of it).
   * Meant for tests and for bundlers that need a static import; the loader must make the
   * backend registered with TensorFlow.js (importing the package does that).
   */
  loaders?: Partial<Record<BackendName, () => Promise<unknown>>>;
  /**
   * wasm only: XNNPACK threads. Default: `OVERSAMPLE_TF_WASM_THREADS`, else one per core that
   * other work leaves free (at most 8, at least 1), measured over 150 ms when `initBackend`
   * runs (threads on busy cores wait on each other and slow down). 1 keeps the single-threaded build.
   */
  wasmThreads?: number;
  /**
   * wasm only: where its `.wasm` binaries are served, passed to the wasm package's `setWasmPaths`
   * (a URL prefix ending in `/`, or a map from file name to URL). In Node the default is the
   * package's own folder; in a browser, the folder of the page's script (copy
   * `node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm` there, or point this at a CDN).
   */
  wasmPaths?: string | Record<string, string>;
}

/**
 * The backends tried on this platform, in order: `tensorflow-gpu`, `tensorflow`, `wasm`, `cpu` in
 * Node; `webgpu`, `webgl`, `wasm`, `cpu` in browsers (the `browser` build of this package).
 */
export const BACKEND_ORDER: readonly BackendName[] = PLATFORM_BACKENDS;

/** The environment variable that forces one backend (one of {@link BACKEND_ORDER}). */
export const BACKEND_ENV_VAR = 'OVERSAMPLE_TF_BACKEND';

/** The environment variable that sets the wasm backend's thread count (1 = single-threaded). */
export const WASM_THREADS_ENV_VAR = 'OVERSAMPLE_TF_WASM_THREADS';

const PACKAGES: Record<BackendName, string> = {
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
  tensorflow: '@tensorflow/tfjs-node',
  webgpu: '@tensorflow/tfjs-backend-webgpu',
  webgl: '@tensorflow/tfjs-backend-webgl',
  wasm: '@tensorflow/tfjs-backend-wasm',
  cpu: '@tensorflow/tfjs-backend-cpu',
};

const TF_NAMES: Record<BackendName, string> = {
  'tensorflow-gpu': 'tensorflow',
  tensorflow: 'tensorflow',
  webgpu: 'webgpu',
  webgl: 'webgl',
  wasm: 'wasm',
  cpu: 'cpu',
};

let chosen: Promise<BackendInfo> | undefined;
let chosenInfo: BackendInfo | undefined;

/**
 * Picks the fastest TensorFlow.js backend that loads and makes it the active one. In Node:
 * `tensorflow-gpu`, then `tensorflow`, then `wasm` (with this package's gradient kernels
 * registered), then `cpu`; `OVERSAMPLE_TF_BACKEND=<name>` forces one (and fails loudly if it
 * does not load). In a browser: `webgpu`, then `webgl`, then `wasm`, then `cpu`. The result says
 * which it took and why each faster one was skipped. Each backend that starts must then compute a
 * small matrix product and a convolution gradient right, or it is skipped too (with the reason)
 * and the next one tried. Idempotent: later calls return the first
 * call's result, whatever their options. It also registers tfjs-core's gradient functions, which
 * its Node build leaves out.
 *
 * @example
 * const info = await initBackend();
 * console.log(`training on ${info.name}: ${info.reason}`);
 */
export function initBackend(options: InitBackendOptions = {}): Promise<BackendInfo> {
  if (chosen === undefined) {
    const attempt = selectBackend(options, readEnv(BACKEND_ENV_VAR));
    chosen = attempt.then((info) => {
      chosenInfo = info;
      return info;
    });
    // A failed selection (a forced backend that does not load) may be retried after a fix.
    chosen.catch(() => {
      chosen = undefined;
    });
  }
  return chosen;
}

/**
 * tfjs-core's Node build leaves out the gradient functions (the `@tensorflow/tfjs` bundle adds
 * them), so `tf.grad` on tfjs-core alone fails with "gradient function not found". The
 * tfjs-layers bundle registers all of them, in the same global registry.
 */
async function registerGradients(): Promise<void> {
  await import('@tensorflow/tfjs-layers');
}

/** The result of the {@link initBackend} call that has completed, or `undefined` before one has. */
export function getBackendInfo(): BackendInfo | undefined {
  return chosenInfo;
}

/**
 * The selection itself, without the once-only cache: tries each candidate in turn and
 * activates the first that loads. Exported for tests, which inject loaders and the
 * environment value; use {@link initBackend}.
 */
export async function selectBackend(options: InitBackendOptions, forced: string | undefined): Promise<BackendInfo> {
  const { prefer, loaders = {} } = options;
  if (prefer !== undefined && !BACKEND_ORDER.includes(prefer)) {
    throw new OptionError(`prefer must be one of this platform's backends, ${BACKEND_ORDER.join(', ')}, got ${JSON.stringify(prefer)}`);
  }
  const threads = await wasmThreads(options.wasmThreads);
  // Before any backend is tried: the test computation takes a gradient.
  await registerGradients();
  const forcedValue = forced?.trim();
  if (forcedValue !== undefined && forcedValue !== '') {
    if (!isBackendName(forcedValue)) {
      throw new OptionError(
        `${BACKEND_ENV_VAR} must be one of ${BACKEND_ORDER.join(', ')}, got ${JSON.stringify(forced)}`,
      );
    }
    const outcome = await tryBackend(forcedValue, loaders[forcedValue], threads, options.wasmPaths);
    if ('failure' in outcome) {
      throw new OversampleError(`${BACKEND_ENV_VAR}=${forcedValue} forces a backend that did not load or compute right: ${outcome.failure}`);
    }
    return info(forcedValue, `forced by ${BACKEND_ENV_VAR}`, [], outcome.threads);
  }
  const order = prefer === undefined ? [...BACKEND_ORDER] : [prefer, ...BACKEND_ORDER.filter((n) => n !== prefer)];
  const skipped: BackendInfo['skipped'] = [];
  for (const name of order) {
    const outcome = await tryBackend(name, loaders[name], threads, options.wasmPaths);
    if (!('failure' in outcome)) {
      const reason =
        name === prefer
          ? 'preferred by the caller'
          : skipped.length === 0
            ? 'the fastest backend'
            : 'the fastest backend that loaded';
      return info(name, reason, skipped, outcome.threads);
    }
    skipped.push({ name, reason: outcome.failure });
  }
  throw new OversampleError(
    `no TensorFlow.js backend could be loaded: ${skipped.map((s) => `${s.name} (${s.reason})`).join('; ')}`,
  );
}

function info(
  name: BackendName,
  reason: string,
  skipped: BackendInfo['skipped'],
  threads: BackendInfo['threads'],
): BackendInfo {
  return { name, tfBackend: tf.getBackend(), reason, skipped, ...(threads === undefined ? {} : { threads }) };
}

function isBackendName(value: string): value is BackendName {
  return (BACKEND_ORDER as readonly string[]).includes(value);
}

/**
 * The default wasm thread count: one per core that other work leaves free (<= 8), at least 1.
 * On a saturated machine XNNPACK's threads wait on each other at every parallel step: with a
 * load average of ~9 on 2 cores, 2 threads trained DeepSMOTE's autoencoder at 4.6 images/s and
 * 1 thread at 9.6; on an idle machine 2 threads gave 20 and 1 gave 14.5. `busy` is measured
 * (cores busy over the last 150 ms, {@link busyCores}); only where it cannot be measured does the
 * one-minute load average stand in for it, all or nothing as before, since it lags by a minute:
 * right after a job ended it still reads busy, and 1 thread then trained at 114 images/s where
 * 2 gave 152 (dim_h 16, idle machine, `bench/train-step.mjs`). Exported for tests.
 */
export function freeCoreThreads(cores: number, busy: number | undefined, load: number | undefined): ThreadRequest {
  const n = Math.min(cores, 8);
  const override = `set ${WASM_THREADS_ENV_VAR} to override`;
  if (busy !== undefined) {
    const count = Math.max(1, Math.min(n, Math.round(n - busy)));
    return {
      count,
      why: `one per free core: ${busy.toFixed(1)} of ${n} core(s) measured busy with other work; ${override}`,
    };
  }
  if (n > 1 && load !== undefined && load >= n) {
    return { count: 1, why: `the machine is busy (load average ${load.toFixed(1)} on ${n} cores), where threads slow XNNPACK down; ${override}` };
  }
  return { count: n, why: `one per core (${n})` };
}

/** The wasm thread count: the option, else the environment, else {@link freeCoreThreads}. */
async function wasmThreads(option: number | undefined): Promise<ThreadRequest> {
  const fromEnv = readEnv(WASM_THREADS_ENV_VAR)?.trim();
  if (option === undefined && (fromEnv === undefined || fromEnv === '')) {
    return freeCoreThreads(availableCores(), await busyCores(), loadAverage());
  }
  const [value, source] = option !== undefined ? [option, 'wasmThreads'] : [Number(fromEnv), WASM_THREADS_ENV_VAR];
  if (!Number.isInteger(value) || value < 1 || value > 8) {
    throw new OptionError(`${source} must be an integer from 1 to 8, got ${JSON.stringify(option ?? fromEnv)}`);
  }
  return { count: value, why: `${value} asked for by ${source}` };
}

type Outcome = { failure: string } | { threads?: BackendInfo['threads'] };

/** Loads and activates one backend, or says why it could not. */
async function tryBackend(
  name: BackendName,
  loader: (() => Promise<unknown>) | undefined,
  threads: ThreadRequest,
  wasmPaths: InitBackendOptions['wasmPaths'],
): Promise<Outcome> {
  if (loader === undefined) {
    const unavailable = await unavailableReason(name);
    if (unavailable !== undefined) return { failure: unavailable };
  }
  let loaded: unknown;
  try {
    loaded = await (loader ?? (() => importBackend(name)))();
  } catch (error) {
    return { failure: `${PACKAGES[name]} did not load (${describeError(error)})` };
  }
  const tfName = TF_NAMES[name];
  if (tf.findBackendFactory(tfName) === null) {
    return { failure: `${PACKAGES[name]} loaded but registered no '${tfName}' backend` };
  }
  let threadInfo: BackendInfo['threads'];
  try {
    if (name === 'wasm') {
      // A custom loader may return nothing: the thread count comes from the package itself.
      const wasm = (loaded ?? (await importBackend('wasm'))) as WasmModule;
      threadInfo = await startWasmBackend(threads, wasm, { wasmPaths });
    } else if (!(await tf.setBackend(tfName))) {
      return { failure: `the '${tfName}' backend failed to start` };
    }
  } catch (error) {
    return { failure: `the '${tfName}' backend failed to start (${describeError(error)})` };
  }
  if (name === 'tensorflow-gpu' && !(await nativeSeesGpu())) {
    return { failure: 'libtensorflow started without a CUDA device (is the CUDA 11.2 / cuDNN 8.1 runtime installed?)' };
  }
  if (name === 'wasm') registerWasmKernels();
  const wrong = await testComputation();
  if (wrong !== undefined) return { failure: `the '${tfName}' backend started but ${wrong}` };
  return { threads: threadInfo };
}

/**
 * A small computation on the backend just activated, checked against known answers: a matrix
 * product, and a convolution with its filter gradient (the kernels a training step uses). A
 * backend can register and start, then fail at its first kernel (a WebGPU adapter whose limits
 * are too small, a WebGL context lost or without float textures, a package built for another
 * tfjs-core); better to find out here and fall through than in the middle of a fit.
 * Says what went wrong, or `undefined` when the answers are right.
 */
async function testComputation(): Promise<string | undefined> {
  let got: number[];
  try {
    const results = tf.tidy(() => {
      const a = tf.tensor2d([1, 2, 3, 4], [2, 2]);
      const b = tf.tensor2d([0.5, -1, 2, 0.25], [2, 2]);
      const x = tf.ones([1, 3, 3, 1]);
      const filter = tf.ones([2, 2, 1, 1]);
      const convSum = (w: tf.Tensor) => tf.sum(tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'valid'));
      const { value, grad } = tf.valueAndGrad(convSum)(filter);
      // Functions, not chained methods: tfjs-core alone registers no chained ops.
      return tf.concat([tf.reshape(tf.matMul(a, b), [-1]), tf.reshape(value, [1]), tf.reshape(grad, [-1])]);
    });
    try {
      got = Array.from(await results.data());
    } finally {
      results.dispose();
    }
  } catch (error) {
    return `failed a test computation (${describeError(error)})`;
  }
  // [[1,2],[3,4]] x [[0.5,-1],[2,0.25]]; a 2x2 all-ones filter over a 3x3 all-ones input gives four
  // 4s (sum 16), and each filter tap sees four input pixels (gradient 4).
  const expected = [4.5, -0.5, 9.5, -2, 16, 4, 4, 4, 4];
  const right = got.length === expected.length && got.every((v, i) => Math.abs(v - expected[i]!) <= 1e-3);
  return right ? undefined : `gave wrong answers to a test computation (expected ${expected.join(', ')}; got ${got.map((v) => String(v)).join(', ')})`;
}

/** The native GPU build falls back to the CPU silently when CUDA is missing; ask it. */
async function nativeSeesGpu(): Promise<boolean> {
  const backend = tf.backend() as unknown as { isUsingGpuDevice?: boolean };
  return backend.isUsingGpuDevice !== false;
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}
