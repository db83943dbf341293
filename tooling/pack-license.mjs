#!/usr/bin/env node
// Puts the repository's one LICENSE into a package's tarball: `prepack` copies it into the
// package folder, `postpack` removes the copy, so the text is kept once (root LICENSE) and
// `npm pack`, `pnpm pack`, `pnpm publish` and `attw --pack` all ship it. Run from a package folder:
// `node ../../tooling/pack-license.mjs copy|remove`.
import { copyFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(process.cwd(), 'LICENSE');
const mode = process.argv[2];
if (mode === 'copy') copyFileSync(join(root, 'LICENSE'), target);
else if (mode === 'remove') rmSync(target, { force: true });
else {
  console.error(`usage: node tooling/pack-license.mjs copy|remove (got ${JSON.stringify(mode)})`);
  process.exit(2);
}
