// Shared flat config: every package's eslint.config.js is one line that re-exports this.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const base = [
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '*.config.*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Sources, tests, bench and demo scripts may run on Node; browser safety is checked below.
  { languageOptions: { globals: { ...globals.node } } },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
];

const WHY =
  'Node-only: published code runs in browsers too. Use @oversample/core (readFileBytes, joinPath, readEnv, availableCores, ...) or a platform module x.node.ts with an x.browser.ts twin (docs/design.md, "Platforms").';

/**
 * Browser safety by construction: a package's sources import no Node built-in and touch no Node
 * global, except in platform modules (`*.node.ts`, swapped for `*.browser.ts` in the browser build)
 * and in test code (`*.test.ts`, `test-*.ts`, `testing/`, the core testkit).
 */
export const browserSafe = {
  files: ['src/**/*.ts'],
  ignores: ['src/**/*.node.ts', 'src/**/*.test.ts', 'src/**/test-*.ts', 'src/**/testing/**', 'src/testkit.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: builtinModules.filter((m) => !m.startsWith('_')).map((name) => ({ name, message: WHY })),
        patterns: [
          { group: ['node:*'], message: WHY },
          {
            regex: '^\\..*\\.node$',
            message: "import a platform module as './x.node.js': tsup takes a specifier ending in '.node' for a native addon",
          },
        ],
      },
    ],
    'no-restricted-syntax': [
      'error',
      { selector: 'ImportExpression[source.value=/^node:/]', message: WHY },
      { selector: 'MetaProperty[property.name="url"]', message: `import.meta.url: ${WHY}` },
    ],
    'no-restricted-globals': [
      'error',
      ...['process', 'Buffer', 'setImmediate', 'clearImmediate', '__dirname', '__filename', 'require', 'global'].map((name) => ({
        name,
        message: WHY,
      })),
    ],
  },
};

/** For Node applications (apps/bench): the shared rules without the browser-safety check. */
export const nodeApp = tseslint.config(...base);

export default tseslint.config(...base, browserSafe);
