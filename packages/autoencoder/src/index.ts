export { Autoencoder, DEFAULT_TRAIN_CONFIG } from './autoencoder';
export type { AutoencoderOptions, FitOptions, InferenceOptions } from './autoencoder';
export { architectureKind, buildArchitecture } from './architecture';
export type { Architecture, ArchitectureKind, LayerSpec, NetworkConfig } from './architecture';
export { PENALTY_VARIANTS } from './penalty';
export type { PenaltyVariant } from './penalty';
export type { EpochLoss, TrainConfig, TrainMonitor, TrainResult } from './train';
export { MODEL_FILE, WEIGHTS_FILE } from './serialize';
