export { AutoSMOTE } from './autosmote';
export type { AutoSMOTEOptions, PolicyObjective } from './options';
export type { ClassDecisions, UnitDecision } from './decisions';
export { AGGREGATIONS } from './aggregation';
export type { AggregationName } from './aggregation';
export { annealedTemperature, gumbelNoise, gumbelSoftmax } from './gumbel';
