export { RegressionSMOTE } from './regression-smote';
export { REGRESSION_SMOTE_VARIANTS } from './options';
export type { Gap, Pairing, RegressionLoss, RegressionSMOTEOptions, ResolvedOptions } from './options';
export type { TrainingHistory } from './train';
