/** The bundled worker script (`src/worker-entry.ts`), as a string; see `worker-source-plugin.ts`. */
declare module 'virtual:knn-worker' {
  const source: string;
  export default source;
}
