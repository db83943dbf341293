export { AutoSMOTE } from './autosmote';
export type { AutoSMOTEOptions, ClassDecisions, UnitDecision } from './autosmote';
export { AGGREGATIONS } from './aggregation';
export type { AggregationName } from './aggregation';
export { annealedTemperature, gumbelNoise, gumbelSoftmax } from './gumbel';
