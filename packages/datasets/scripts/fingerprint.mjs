// Fingerprints of a loaded KEEL table, shared by the generator (which takes them with `loadKeel` on
// the original files) and the test (which checks `loadDataset` against them), so both sides are
// computed by one function. Node-only (node:crypto): used by the maintainer's script and by tests.
import { createHash } from 'node:crypto';

/** The load options every table is fingerprinted under (missing-value variants only where a row has one). */
export const ENCODINGS = /** @type {const} */ (['onehot', 'categorical']);
export const MISSING = /** @type {const} */ (['drop', 'impute']);

/** @param {ArrayBufferView} view */
function sha256(view) {
  return createHash('sha256').update(new Uint8Array(view.buffer, view.byteOffset, view.byteLength)).digest('hex');
}

/**
 * What identifies a loaded table: its shape, class names and counts, rows dropped, relation, and
 * SHA-256 hashes of x (float32 bytes), y (int32 bytes) and the feature list (as JSON).
 * @param {{ x: Float32Array, y: Int32Array, shape: readonly number[], classNames?: readonly string[],
 *   features?: readonly unknown[], relation: string, droppedRows: number }} ds
 */
export function fingerprint(ds) {
  const counts = new Array(ds.classNames?.length ?? 0).fill(0);
  for (const c of ds.y) counts[c] = (counts[c] ?? 0) + 1;
  return {
    relation: ds.relation,
    rows: ds.y.length,
    droppedRows: ds.droppedRows,
    shape: [...ds.shape],
    classNames: [...(ds.classNames ?? [])],
    classCounts: counts,
    features: createHash('sha256').update(JSON.stringify(ds.features ?? null)).digest('hex'),
    x: sha256(ds.x),
    y: sha256(ds.y),
  };
}
