// The browser side of files.node.ts (docs/design.md, "Platforms"): same exports; everything that
// touches a file system throws PlatformError, the path helpers work on `/`-separated strings.
import { PlatformError } from './errors';
import type * as NodeFiles from './files.node.js';

export type { DirectoryEntry } from './files.node.js';

/** A function that rejects with a `PlatformError` naming the call and its first argument. */
function needsFiles(name: string): (first: unknown) => Promise<never> {
  return async (first) => {
    throw new PlatformError(
      `${name}(${JSON.stringify(first)})`,
      'needs a file system (Node.js, Deno or Bun), and this is the browser build of @oversample/core',
    );
  };
}

/** Node only: in a browser it throws `PlatformError`. */
export const readFileBytes: typeof NodeFiles.readFileBytes = needsFiles('readFileBytes');
/** Node only: in a browser it throws `PlatformError`. */
export const readFileText: typeof NodeFiles.readFileText = needsFiles('readFileText');
/** Node only: in a browser it throws `PlatformError`. */
export const writeFileBytes: typeof NodeFiles.writeFileBytes = needsFiles('writeFileBytes');
/** Node only: in a browser it throws `PlatformError`. */
export const makeDirectory: typeof NodeFiles.makeDirectory = needsFiles('makeDirectory');
/** Node only: in a browser it throws `PlatformError`. */
export const listDirectory: typeof NodeFiles.listDirectory = needsFiles('listDirectory');
/** Node only: in a browser it throws `PlatformError`. */
export const pathExists: typeof NodeFiles.pathExists = needsFiles('pathExists');

/** Joins path segments with `/`, dropping empty ones and doubled separators. */
export const joinPath: typeof NodeFiles.joinPath = (...parts) =>
  parts
    .filter((p) => p !== '')
    .join('/')
    .replace(/\/{2,}/g, '/') || '.';

/** Everything before the last `/` (`.` when there is none). */
export const parentPath: typeof NodeFiles.parentPath = (file) => {
  const trimmed = file.replace(/\/+$/, '');
  const cut = trimmed.lastIndexOf('/');
  return cut < 0 ? '.' : cut === 0 ? '/' : trimmed.slice(0, cut);
};
