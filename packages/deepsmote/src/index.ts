export { DeepSMOTE } from './deepsmote';
export type { DeepSMOTEFitOptions, DeepSMOTEOptions, DeepSMOTESampleOptions } from './deepsmote';
export { DEFAULT_GENERATION, GENERATION_OPTION_NAMES, NEIGHBOR_SPACES, PUBLISHED_GENERATION, SYNTHESES } from './generation';
export type { Generation, GenerationOptions, NeighborSpace, Synthesis } from './generation';
