#!/usr/bin/env node
// Puts the repository's one LICENSE into a package's tarball: `prepack` copies it into the
// package folder (git ignores the copy), so the text is kept once (root LICENSE) and `npm pack`,
// `pnpm pack`, `pnpm publish` and `attw --pack` all ship it. The copy is left in place rather than
// removed after packing: turbo runs lint's `attw --pack` and consumer-test's pack of one package at
// the same time, and a removal by one would strip the other's tarball. It is written to a temporary
// name and renamed, so a concurrent pack reads either no file or the whole text, never half of it.
// Run from a package folder: `node ../../tooling/pack-license.mjs`.
import { copyFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

if (process.argv.length > 2) {
  console.error(`usage: node tooling/pack-license.mjs (takes no arguments; got ${JSON.stringify(process.argv.slice(2))})`);
  process.exit(2);
}
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(process.cwd(), 'LICENSE');
const temporary = `${target}.${process.pid}.tmp`;
copyFileSync(join(root, 'LICENSE'), temporary);
renameSync(temporary, target);
