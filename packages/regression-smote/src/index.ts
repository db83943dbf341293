export { RegressionSMOTE } from './regression-smote';
export type { Gap, Pairing, RegressionLoss, RegressionSMOTEOptions, ResolvedOptions } from './options';
export type { TrainingHistory } from './train';
