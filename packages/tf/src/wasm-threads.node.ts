import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';

// The wasm backend ships a threaded build (XNNPACK on a pthread pool) but never uses it in
// Node, for three reasons, each worked around here for the duration of the backend's start:
// 1. its WASM_HAS_MULTITHREAD_SUPPORT flag answers false whenever IS_NODE; we set it true;
// 2. it starts each pthread worker from a `blob:` URL, which Node's worker_threads rejects
//    (ERR_WORKER_PATH), and sends the worker the main script as a Blob it cannot load
//    synchronously; we write both scripts to files (the worker's loader patched to read the
//    main one from its file, the main one given the bundle's require shims) and hand out paths;
// 3. its C++ sizes the pool as min(requested, hardwareConcurrency / 2), assuming two
//    hyper-threads per core: 1 thread on a 2-core machine. In Node, hardwareConcurrency is
//    `os.cpus().length`, so os.cpus() reports 2x the threads wanted while the module starts.
// Idle workers are unref'd by the glue, but the ones running XNNPACK's pool threads (which
// never end) are ref'd, and would keep the process alive forever: we unref those too.

const WORKER_LOADER =
  'var objectUrl=URL.createObjectURL(e.data.urlOrBlob);importScripts(objectUrl);URL.revokeObjectURL(objectUrl)';
const MAIN_SCRIPT_PREFIX = 'var WasmBackendModuleThreadedSimd';
// The bundle-level names the threaded factory refers to (see the check below).
const MAIN_SCRIPT_SHIMS =
  "var require$$0=require('fs'),require$$1=require('path'),require$$3=require('perf_hooks')," +
  "require$$4=require('os');var commonjsGlobal=globalThis;var __dirname=";

/**
 * Why the threaded build cannot be used with the installed wasm package, or `undefined` when
 * it can: the workarounds above depend on details of its bundle, checked here first.
 */
export function threadsUnsupportedReason(): string | undefined {
  if (typeof SharedArrayBuffer === 'undefined') return 'SharedArrayBuffer is not available';
  let bundle: string;
  try {
    bundle = fs.readFileSync(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'), 'utf8');
  } catch (error) {
    return `cannot read the wasm bundle (${error instanceof Error ? error.message : String(error)})`;
  }
  if (!bundle.includes(WORKER_LOADER) || !bundle.includes(`${MAIN_SCRIPT_PREFIX} = (function`)) {
    return 'the installed @tensorflow/tfjs-backend-wasm bundle is not the one these workarounds were written for';
  }
  for (const name of ['require$$0', 'require$$1', 'require$$3', 'require$$4']) {
    if (!bundle.includes(`var ${name} = require(`)) return `the wasm bundle has no ${name}`;
  }
  return undefined;
}

function writeOnce(dir: string, name: string, text: string): string {
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const file = path.join(dir, `${hash}-${name}`);
  if (!fs.existsSync(file)) {
    // Written under a unique name then renamed, so concurrent processes never read half a file.
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, text);
    fs.renameSync(temp, file);
  }
  return file;
}

/**
 * Starts the `wasm` backend (`tf.setBackend('wasm')`) on its threaded build with `threads`
 * XNNPACK threads. Resolves to whether the backend started; the caller checks the count
 * with the wasm package's `getThreadsCount()`.
 */
export async function startThreadedWasm(threads: number): Promise<boolean> {
  const dir = path.join(os.tmpdir(), 'oversample-tfjs-wasm-threads');
  fs.mkdirSync(dir, { recursive: true });
  const texts = new WeakMap<Blob, string>();
  let mainScript: string | undefined;
  const RealBlob = globalThis.Blob;
  const realCreateObjectURL = URL.createObjectURL;
  const realCpus = os.cpus;

  globalThis.Blob = class RecordingBlob extends RealBlob {
    constructor(...args: ConstructorParameters<typeof Blob>) {
      super(...args);
      const text = (args[0] ?? []).map((p) => (typeof p === 'string' ? p : '')).join('');
      texts.set(this, text);
      if (text.startsWith(MAIN_SCRIPT_PREFIX)) {
        mainScript = writeOnce(dir, 'main.js', `${MAIN_SCRIPT_SHIMS}${JSON.stringify(dir)};\n${text}`);
      }
    }
  };
  URL.createObjectURL = (blob: Blob): string => {
    const text = texts.get(blob);
    if (text === undefined || mainScript === undefined || !text.includes(WORKER_LOADER)) {
      return realCreateObjectURL(blob);
    }
    return writeOnce(dir, 'worker.js', text.replace(WORKER_LOADER, `importScripts(${JSON.stringify(mainScript)})`));
  };
  const cpus = realCpus();
  os.cpus = () => Array.from({ length: 2 * threads }, (_, i) => cpus[i % cpus.length] as os.CpuInfo);
  const flag = tf.env().getFlags()['WASM_HAS_MULTITHREAD_SUPPORT'];
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  try {
    const started = await tf.setBackend('wasm');
    if (started) unrefPoolThreads();
    return started;
  } finally {
    globalThis.Blob = RealBlob;
    URL.createObjectURL = realCreateObjectURL;
    os.cpus = realCpus;
    // What the flag answers in Node; nothing reads it after the backend has started.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', flag ?? false);
  }
}

interface EmscriptenThreads {
  PThread?: { runningWorkers?: { unref?: () => void }[] };
}

/** Lets the process exit while XNNPACK's pool threads wait for work. */
function unrefPoolThreads(): void {
  const module = (tf.backend() as unknown as { wasm?: EmscriptenThreads }).wasm;
  for (const worker of module?.PThread?.runningWorkers ?? []) worker.unref?.();
}
