export { DeepSMOTE } from './deepsmote';
export type { DeepSMOTEOptions } from './deepsmote';
