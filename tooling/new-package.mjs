#!/usr/bin/env node
// Scaffolds a workspace package in the house layout, from any directory:
//   node tooling/new-package.mjs NAME "description"
// creates packages/NAME of this repository (found from this script's own location): package.json
// with the repository metadata, ESM + CommonJS build (tsup), one-line tsconfig / eslint / vitest
// configs, a README, the barrel src/index.ts and a first test that checks the public surface.
// Then: pnpm install && pnpm --filter @oversample/NAME build && pnpm --filter @oversample/NAME test
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [name, description = ''] = process.argv.slice(2);
if (!name || !/^[a-z][a-z0-9-]*$/.test(name)) {
  console.error(`usage: node tooling/new-package.mjs NAME "description" (NAME in kebab-case, got ${JSON.stringify(name)})`);
  process.exit(2);
}
if (!existsSync(join(root, 'pnpm-workspace.yaml'))) {
  console.error(`${root} is not the monorepo root (no pnpm-workspace.yaml): run the script from the repository's tooling/ folder`);
  process.exit(2);
}
const dir = join(root, 'packages', name);
if (existsSync(dir)) {
  console.error(`${dir} exists already`);
  process.exit(2);
}
const fullName = `@oversample/${name}`;
const repo = 'https://github.com/oversample/oversample';
const pkg = {
  name: fullName,
  version: '0.1.0',
  description,
  license: 'MIT',
  repository: { type: 'git', url: `git+${repo}.git`, directory: `packages/${name}` },
  homepage: `${repo}/tree/main/packages/${name}#readme`,
  bugs: `${repo}/issues`,
  type: 'module',
  sideEffects: false,
  // Dual ESM/CommonJS build (tooling/tsup-config); docs/design.md, "Platforms".
  exports: {
    '.': {
      import: { types: './dist/index.d.ts', default: './dist/index.js' },
      require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
    },
    './package.json': './package.json',
  },
  main: './dist/index.cjs',
  module: './dist/index.js',
  types: './dist/index.d.cts',
  files: ['dist', 'README.md', 'LICENSE'],
  engines: { node: '>=20' },
  scripts: {
    build: 'tsup',
    typecheck: 'tsc --noEmit',
    lint: 'eslint . && publint --strict && attw --pack .',
    test: 'vitest run',
    // The root LICENSE goes into the tarball (tooling/pack-license.mjs).
    prepack: 'node ../../tooling/pack-license.mjs',
  },
  dependencies: { '@oversample/core': 'workspace:^' },
  devDependencies: {
    '@oversample/eslint-config': 'workspace:*',
    '@oversample/tsconfig': 'workspace:*',
    '@oversample/tsup-config': 'workspace:*',
    '@oversample/vitest-config': 'workspace:*',
  },
};
const files = {
  'package.json': JSON.stringify(pkg, null, 2) + '\n',
  'tsconfig.json': JSON.stringify({ extends: '@oversample/tsconfig/base.json', include: ['src', '*.ts'] }, null, 2) + '\n',
  'tsup.config.ts': `import { packageConfig } from '@oversample/tsup-config';\n\nexport default packageConfig({ entry: ['src/index.ts'] });\n`,
  'vitest.config.ts': "export { default } from '@oversample/vitest-config';\n",
  'eslint.config.js': "export { default } from '@oversample/eslint-config';\n",
  'README.md':
    `# ${fullName}\n\n${description}\n\n` +
    '```sh\n' +
    `npm install ${fullName}\n` +
    '```\n\n' +
    '```ts\n' +
    `import { PACKAGE_NAME } from '${fullName}';\n` +
    '```\n\n' +
    '## API\n\n| export | what |\n|---|---|\n| `PACKAGE_NAME` | this package\'s npm name |\n',
  'src/index.ts':
    '// The whole public surface of the package: named exports only (see CONTRIBUTING.md).\n' +
    `export { PACKAGE_NAME } from './package-name';\n`,
  'src/package-name.ts': `/** This package's name on npm. */\nexport const PACKAGE_NAME = '${fullName}';\n`,
  'src/index.test.ts':
    "import { readFileSync } from 'node:fs';\n" +
    "import { describe, expect, it } from 'vitest';\n" +
    "import * as barrel from './index';\n\n" +
    "describe('the public surface', () => {\n" +
    "  it('is exactly the named exports of the barrel, and names the package as published', () => {\n" +
    "    // Adding an export is a decision: list it here, in the README and in a changeset.\n" +
    "    expect(Object.keys(barrel).sort()).toEqual(['PACKAGE_NAME']);\n" +
    "    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string };\n" +
    '    expect(barrel.PACKAGE_NAME).toBe(pkg.name);\n' +
    '  });\n' +
    '});\n',
};
mkdirSync(join(dir, 'src'), { recursive: true });
for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
const shown = relative(process.cwd(), dir) || '.';
console.log(`created ${shown}
next:
  pnpm install
  pnpm --filter ${fullName} build && pnpm --filter ${fullName} test
  add a row to the packages table of README.md, and a changeset (.changeset/${name}-initial.md)`);
