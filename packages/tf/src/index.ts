export { BACKEND_ENV_VAR, BACKEND_ORDER, getBackendInfo, initBackend, WASM_THREADS_ENV_VAR } from './backend';
export type { BackendInfo, BackendName, InitBackendOptions } from './backend';
export { registerWasmKernels } from './kernels/register';
