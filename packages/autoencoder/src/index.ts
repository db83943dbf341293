export { Autoencoder, BATCH_NORM_MODES, DEFAULT_TRAIN_CONFIG, resolveTrainConfig, TRAIN_OPTION_NAMES } from './autoencoder';
export type { AutoencoderFitOptions, AutoencoderOptions, BatchNormMode, InferenceOptions } from './autoencoder';
export { architectureKind, buildArchitecture } from './architecture';
export type { Architecture, ArchitectureKind, LayerSpec, NetworkConfig } from './architecture';
export { PENALTY_VARIANTS } from './penalty';
export type { PenaltyVariant } from './penalty';
export type { EpochLoss, TrainConfig, TrainMonitor, TrainResult } from './train';
