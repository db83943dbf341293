export { kNearestNeighbors } from './knn';
export type { KNearestNeighborsOptions, KNeighborsResult } from './knn';
