export { DeepSMOTE } from './deepsmote';
export type { DeepSMOTEOptions } from './deepsmote';
export type { Scaling } from './scaling';
