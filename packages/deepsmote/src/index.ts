export { DeepSMOTE } from './deepsmote';
export type { DeepSMOTEFitOptions, DeepSMOTEOptions } from './deepsmote';
