export { kNearestNeighbors } from './knn';
export type { KNearestNeighborsOptions, KNeighborsResult } from './knn';
export { kMeans } from './kmeans';
export type { KMeansResult } from './kmeans';
