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
export { compressBytes, decompressBytes } from './compression';
export type { CompressionFormat } from './compression';
export {
  CancelledError,
  FileFormatError,
  MissingPackageError,
  NotFittedError,
  OptionError,
  OversampleError,
  PlatformError,
  SamplerInputError,
} from './errors';
export { checkCleaningStrategy, resolveCleaningStrategy } from './cleaning';
export type { CleaningSampler, CleaningStrategy } from './cleaning';
export { readEnv } from './env';
export { editDistance, nearestNames } from './nearest-names';
// Platform modules (docs/design.md, "Platforms"): the browser build swaps each x.node for x.browser.
export {
  joinPath,
  listDirectory,
  makeDirectory,
  parentPath,
  pathExists,
  readFileBytes,
  readFileText,
  writeFileBytes,
} from './files.node.js';
export type { DirectoryEntry } from './files.node.js';
export { availableCores, busyCores, loadAverage } from './machine.node.js';
export { checkAllocation, MAX_ARRAY_VALUES, maxRows } from './limits';
export { checkpoint, throwIfAborted, yieldToEventLoop } from './progress';
export type { Progress, RunOptions } from './progress';
export { prepareResample, prepareSample, requireNeighborRows, ResamplePlan, sampleStream } from './resample-plan';
export type { ClassPlan, PrepareOptions, SampleContext } from './resample-plan';
export { checkSeed, Rng, toRng } from './rng';
export type { SeedLike } from './rng';
export { argmaxRows, gatherRows } from './rows';
export { samplerSettings } from './sampler-options';
export type { SamplerSettings } from './sampler-options';
export type { GenerativeSampler, Sampler, SamplerOptions } from './sampler';
export { columnMoments, fitScaling, scaleRows, unscaleRows } from './scaling';
export type { ColumnMoments, ColumnScaling, FitScalingOptions } from './scaling';
export { checkSamplingStrategy, resolveSamplingStrategy, strategyToJSON, targetCounts, toCountMap } from './sampling-strategy';
export type { ClassCounts, ClassTotals, SamplingStrategy } from './sampling-strategy';
export { checkInteger, checkKnownOptions, checkNumber, checkOneOf, describeValue } from './validate';
