import { describe, expect, it } from 'vitest';
import { extractBlocks } from './extract';

describe('extractBlocks', () => {
  it('finds ts blocks, their line, and the doc-test comment above each', () => {
    const md = [
      '# x',
      '```ts',
      "const a = 1;",
      '```',
      '<!-- doc-test: context declare const x: Float32Array; -->',
      '',
      '```typescript',
      'x.length;',
      '```',
      '<!-- doc-test: no-run trains for minutes -->',
      '```ts',
      'await train();',
      '```',
      'text',
      '```sh',
      'pnpm test',
      '```',
      '```ts',
      'const b = 2;',
      '```',
    ].join('\n');
    const blocks = extractBlocks('README.md', md);
    expect(blocks.map((b) => [b.line, b.code, b.context.trim(), b.noRun])).toEqual([
      [2, 'const a = 1;', '', undefined],
      [7, 'x.length;', 'declare const x: Float32Array;', 'it uses names defined outside the block'],
      [11, 'await train();', '', 'trains for minutes'],
      [18, 'const b = 2;', '', undefined],
    ]);
  });
});
