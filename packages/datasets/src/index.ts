export { KEEL_CITATION, KEEL_SOURCE, datasetInfo, listDatasets } from './dataset-info';
export type { CatalogEntry, DatasetInfo } from './dataset-info';
export { datasetText, loadDataset } from './load-dataset';
export type { LoadDatasetOptions } from './load-dataset';
export { UnknownDatasetError } from './unknown-dataset-error';
