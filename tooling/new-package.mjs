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
  files: ['dist', 'README.md'],
  engines: { node: '>=20' },
  scripts: {
    build: 'tsup',
    typecheck: 'tsc --noEmit',
    lint: 'eslint . && publint --strict && attw --pack .',
    test: 'vitest run',
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
  'vitest.config.ts': `export { default } from '@oversample/vitest-config';\n`,
  'eslint.config.js': `export { default } from '@oversample/eslint-config';\n`,
  'README.md': `# @oversample/${name}\n\n${description}\n`,
  'src/index.ts': '',
};
for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
console.log(`created ${dir}`);
