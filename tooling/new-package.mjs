#!/usr/bin/env node
// Scaffolds a workspace package with the house layout: `node tooling/new-package.mjs NAME "description"`.
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const [name, description = ''] = process.argv.slice(2);
if (!name || !/^[a-z][a-z0-9-]*$/.test(name)) {
  console.error(`usage: node tooling/new-package.mjs NAME "description" (NAME in kebab-case, got ${JSON.stringify(name)})`);
  process.exit(2);
}
const dir = join('packages', name);
if (existsSync(dir)) {
  console.error(`${dir} exists already`);
  process.exit(2);
}
mkdirSync(join(dir, 'src'), { recursive: true });
const pkg = {
  name: `@oversample/${name}`,
  version: '0.1.0',
  description,
  license: 'MIT',
  type: 'module',
  sideEffects: false,
  exports: {
    '.': { types: './dist/index.d.ts', import: './dist/index.js' },
    './package.json': './package.json',
  },
  main: './dist/index.js',
  types: './dist/index.d.ts',
  files: ['dist', 'README.md'],
  engines: { node: '>=20' },
  scripts: {
    build: 'tsup',
    typecheck: 'tsc --noEmit',
    lint: 'eslint . && publint --strict',
    test: 'vitest run',
  },
  dependencies: { '@oversample/core': 'workspace:^' },
  devDependencies: {
    '@oversample/eslint-config': 'workspace:*',
    '@oversample/tsconfig': 'workspace:*',
    '@oversample/vitest-config': 'workspace:*',
  },
};
const files = {
  'package.json': JSON.stringify(pkg, null, 2) + '\n',
  'tsconfig.json': JSON.stringify({ extends: '@oversample/tsconfig/base.json', include: ['src', '*.ts'] }, null, 2) + '\n',
  'tsup.config.ts': `import { defineConfig } from 'tsup';\n\nexport default defineConfig({ entry: ['src/index.ts'], format: ['esm'], dts: true, sourcemap: true, clean: true, target: 'node20' });\n`,
  'vitest.config.ts': `export { default } from '@oversample/vitest-config';\n`,
  'eslint.config.js': `export { default } from '@oversample/eslint-config';\n`,
  'README.md': `# @oversample/${name}\n\n${description}\n`,
  'src/index.ts': '',
};
for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
console.log(`created ${dir}`);
