export { loadModel, saveModel } from './model-io';
export type { ModelLocation } from './model-io';
export { DecodedModel, decodeModel, encodeModel, SAVE_FORMAT, SAVE_FORMAT_VERSION, SAVED_MODEL_LAYOUT } from './saved-model';
export type { SavedArray, SavedModel, SavedValues } from './saved-model';
