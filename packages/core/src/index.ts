export {
  appendRows,
  classCounts,
  concatDatasets,
  createDataset,
  indicesOfClass,
  numRows,
  rowSize,
  subsetDataset,
  validateDataset,
  withRows,
} from './dataset';
export type { CreateDatasetInput, Dataset, FeatureInfo, ValidateOptions } from './dataset';
export {
  CancelledError,
  FileFormatError,
  MissingPackageError,
  NotFittedError,
  OptionError,
  OversampleError,
  SamplerInputError,
} from './errors';
export { checkpoint, throwIfAborted } from './progress';
export type { Progress, RunOptions } from './progress';
export { Rng, toRng } from './rng';
export type { SeedLike } from './rng';
export { toCountMap } from './sampler';
export type { ClassCounts, GenerativeSampler, Sampler, SamplerOptions } from './sampler';
export { resolveSamplingStrategy, targetCounts } from './sampling-strategy';
export type { SamplingStrategy } from './sampling-strategy';
export { checkInteger, checkKnownOptions, checkNumber, checkOneOf, describeValue } from './validate';
