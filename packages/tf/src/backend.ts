import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { OptionError, OversampleError } from '@oversample/core';
import * as tf from '@tensorflow/tfjs-core';
import { registerWasmKernels } from './kernels/register';
import { startThreadedWasm, threadsUnsupportedReason } from './wasm-threads';

/**
 * The backends `initBackend` knows, fastest first: `tensorflow-gpu` (`@tensorflow/tfjs-node-gpu`,
 * CUDA), `tensorflow` (`@tensorflow/tfjs-node`, native CPU), `wasm` (`@tensorflow/tfjs-backend-wasm`,
 * XNNPACK, with this package's gradient kernels), `cpu` (`@tensorflow/tfjs-backend-cpu`, plain JS).
 */
export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';

/** What `initBackend` chose, why, and why each faster backend was passed over. */
export interface BackendInfo {
  /** The backend in use. */
  name: BackendName;
  /** The name TensorFlow.js knows it by (`tf.getBackend()`): `tensorflow`, `wasm` or `cpu`. */
  tfBackend: string;
  /** Why this one: forced by the environment, preferred, or the fastest that loaded. */
  reason: string;
  /** The backends tried before it, in order, each with the reason it was not used. */
  skipped: { name: BackendName; reason: string }[];
  /** wasm only: how many threads XNNPACK computes on, and why that many. */
  threads?: { count: number; reason: string };
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
   * wasm only: XNNPACK threads. Default: `OVERSAMPLE_TF_WASM_THREADS`, else one per core (at
   * most 8), or 1 when the load average already reaches the core count (threads then slow
   * down). 1 keeps the single-threaded build.
   */
  wasmThreads?: number;
}

/** Every backend name, in the order they are tried. */
export const BACKEND_ORDER: readonly BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

/** The environment variable that forces one backend (one of {@link BACKEND_ORDER}). */
export const BACKEND_ENV_VAR = 'OVERSAMPLE_TF_BACKEND';

/** The environment variable that sets the wasm backend's thread count (1 = single-threaded). */
export const WASM_THREADS_ENV_VAR = 'OVERSAMPLE_TF_WASM_THREADS';

const PACKAGES: Record<BackendName, string> = {
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
  tensorflow: '@tensorflow/tfjs-node',
  wasm: '@tensorflow/tfjs-backend-wasm',
  cpu: '@tensorflow/tfjs-backend-cpu',
};

const TF_NAMES: Record<BackendName, string> = {
  'tensorflow-gpu': 'tensorflow',
  tensorflow: 'tensorflow',
  wasm: 'wasm',
  cpu: 'cpu',
};

let chosen: Promise<BackendInfo> | undefined;
let chosenInfo: BackendInfo | undefined;

/**
 * Picks the fastest TensorFlow.js backend that loads and makes it the active one:
 * `tensorflow-gpu`, then `tensorflow`, then `wasm` (with this package's gradient kernels
 * registered), then `cpu`. `OVERSAMPLE_TF_BACKEND=<name>` forces one (and fails loudly if it
 * does not load). Idempotent: later calls return the first call's result, whatever their options.
 * It also registers tfjs-core's gradient functions, which its Node build leaves out.
 *
 * @example
 * const info = await initBackend();
 * console.log(`training on ${info.name}: ${info.reason}`);
 */
export function initBackend(options: InitBackendOptions = {}): Promise<BackendInfo> {
  if (chosen === undefined) {
    const attempt = registerGradients().then(() => selectBackend(options, process.env[BACKEND_ENV_VAR]));
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
    throw new OptionError(`prefer must be one of ${BACKEND_ORDER.join(', ')}, got ${JSON.stringify(prefer)}`);
  }
  const threads = wasmThreads(options.wasmThreads);
  const forcedValue = forced?.trim();
  if (forcedValue !== undefined && forcedValue !== '') {
    if (!isBackendName(forcedValue)) {
      throw new OptionError(
        `${BACKEND_ENV_VAR} must be one of ${BACKEND_ORDER.join(', ')}, got ${JSON.stringify(forced)}`,
      );
    }
    const outcome = await tryBackend(forcedValue, loaders[forcedValue], threads);
    if ('failure' in outcome) {
      throw new OversampleError(`${BACKEND_ENV_VAR}=${forcedValue} forces a backend that did not load: ${outcome.failure}`);
    }
    return info(forcedValue, `forced by ${BACKEND_ENV_VAR}`, [], outcome.threads);
  }
  const order = prefer === undefined ? [...BACKEND_ORDER] : [prefer, ...BACKEND_ORDER.filter((n) => n !== prefer)];
  const skipped: BackendInfo['skipped'] = [];
  for (const name of order) {
    const outcome = await tryBackend(name, loaders[name], threads);
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

/** A wasm thread count and where it came from. */
interface ThreadRequest {
  count: number;
  why: string;
}

/**
 * The wasm thread count: the option, else the environment, else one per core (<= 8) unless
 * the machine is already busy. On a saturated machine XNNPACK's threads wait on each other at
 * every parallel step: with a load average of ~9 on 2 cores, 2 threads trained DeepSMOTE's
 * autoencoder at 4.6 images/s and 1 thread at 9.6; on an idle machine 2 threads gave 20 and 1 gave 14.5.
 */
function wasmThreads(option: number | undefined): ThreadRequest {
  const fromEnv = process.env[WASM_THREADS_ENV_VAR]?.trim();
  if (option === undefined && (fromEnv === undefined || fromEnv === '')) {
    const cores = Math.min(os.availableParallelism(), 8);
    const load = os.loadavg()[0] ?? 0;
    if (cores > 1 && load >= cores) {
      return {
        count: 1,
        why: `the machine is busy (load average ${load.toFixed(1)} on ${cores} cores), where threads slow XNNPACK down; set ${WASM_THREADS_ENV_VAR} to override`,
      };
    }
    return { count: cores, why: `one per core (${cores})` };
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
): Promise<Outcome> {
  let loaded: unknown;
  try {
    loaded = await (loader ?? (() => defaultLoad(name)))();
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
      const wasm = (loaded ?? (await import(PACKAGES.wasm))) as WasmModule;
      threadInfo = await startWasm(threads, wasm);
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
  return { threads: threadInfo };
}

/**
 * Starts the wasm backend, on its threaded build when more than one thread is wanted and
 * possible (see wasm-threads.ts), else single-threaded; says how many threads it got and why.
 */
async function startWasm({ count: threads, why }: ThreadRequest, wasm: WasmModule): Promise<BackendInfo['threads']> {
  const started = tf.engine().registry['wasm'] !== undefined;
  const count = () => wasm.getThreadsCount?.() ?? 1;
  if (started) {
    if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend failed to start');
    return { count: count(), reason: 'the wasm backend had already been started' };
  }
  let reason = threads === 1 ? why : threadsUnsupportedReason();
  if (reason === undefined) {
    try {
      if (await startThreadedWasm(threads)) {
        return { count: count(), reason: why };
      }
      reason = 'the threaded build failed to start';
    } catch (error) {
      reason = `the threaded build failed to start (${describeError(error)})`;
    }
  }
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend failed to start');
  return { count: count(), reason };
}

/** The native GPU build falls back to the CPU silently when CUDA is missing; ask it. */
async function nativeSeesGpu(): Promise<boolean> {
  const backend = tf.backend() as unknown as { isUsingGpuDevice?: boolean };
  return backend.isUsingGpuDevice !== false;
}

async function defaultLoad(name: BackendName): Promise<unknown> {
  // A variable specifier keeps bundlers and tsc from resolving the optional native packages.
  const specifier: string = PACKAGES[name];
  const loaded: unknown = await import(specifier);
  if (name === 'wasm') pointWasmAtItsBinaries(loaded as WasmModule);
  return loaded;
}

/** What this file uses of `@tensorflow/tfjs-backend-wasm`'s exports. */
interface WasmModule {
  setWasmPaths?: (prefix: string) => void;
  getThreadsCount?: () => number;
}

/**
 * Points the wasm backend at its own dist folder for the `.wasm` binaries, so they are found
 * wherever this package is bundled (the default is relative to the running script). Only
 * before the backend has started: the wasm package refuses new paths after.
 */
function pointWasmAtItsBinaries(wasm: WasmModule): void {
  if (tf.engine().registry['wasm'] !== undefined || wasm.setWasmPaths === undefined) return;
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(PACKAGES.wasm);
  } catch {
    return; // resolvable by import but not by require: keep the package's own default
  }
  wasm.setWasmPaths(path.dirname(entry) + path.sep);
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}
