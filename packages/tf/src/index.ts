export { BACKEND_ENV_VAR, BACKEND_ORDER, getBackendInfo, initBackend, WASM_THREADS_ENV_VAR } from './backend';
export type { BackendInfo, BackendName, InitBackendOptions } from './backend';
export {
  activate,
  ACTIVATIONS,
  denseForward,
  denseShapes,
  denseVariables,
  glorotUniform,
  heNormal,
  initDense,
  LEAKY_RELU_SLOPE,
  trainableVariables,
} from './dense';
export type { Activation } from './dense';
export { registerWasmKernels } from './kernels/register';
export {
  DecodedModel,
  decodeModel,
  encodeModel,
  loadModel,
  SAVE_FORMAT,
  SAVE_FORMAT_VERSION,
  SAVED_MODEL_LAYOUT,
  saveModel,
} from './save-format';
export type { ModelLocation, SavedArray, SavedModel, SavedValues } from './save-format';
