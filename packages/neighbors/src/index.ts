export { kNearestNeighbors, kNearestNeighborsAsync } from './knn';
export type { KNearestNeighborsAsyncOptions } from './knn';
export type { KNeighborsResult } from './search';
export type { Algorithm, KNearestNeighborsOptions } from './search-problem';
export { TREE_MAX_COLUMNS, TREE_MIN_ROWS } from './choose-algorithm';
export { kMeans } from './kmeans';
export type { KMeansResult } from './kmeans';
