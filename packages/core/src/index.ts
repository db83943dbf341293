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
  NotFittedError,
  OptionError,
  OversampleError,
  PlatformError,
  SamplerInputError,
} from './errors';
export { readEnv } from './env';
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
export { availableCores, loadAverage } from './machine.node.js';
export { checkpoint, throwIfAborted, yieldToEventLoop } from './progress';
export type { Progress, RunOptions } from './progress';
export { Rng, toRng } from './rng';
export type { SeedLike } from './rng';
export { toCountMap } from './sampler';
export type { ClassCounts, GenerativeSampler, Sampler, SamplerOptions } from './sampler';
export { resolveSamplingStrategy, targetCounts } from './sampling-strategy';
export type { SamplingStrategy } from './sampling-strategy';
export { checkInteger, checkKnownOptions, checkNumber, checkOneOf, describeValue } from './validate';
