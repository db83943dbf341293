export { DeepSMOTE } from './deepsmote';
export type { DeepSMOTEFitOptions, DeepSMOTEOptions, DeepSMOTEPreview } from './deepsmote';
export type { Scaling } from './scaling';
