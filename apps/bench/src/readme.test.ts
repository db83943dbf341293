import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helpText } from './args';
import { classifiersMarkdown, optionsMarkdown, samplersMarkdown } from './help-text';
import { appDir } from './test-support';

// The README's sampler, classifier and option tables are generated from the registry. After a
// registry change, `UPDATE_README=1 pnpm --filter @oversample/bench exec vitest run src/readme.test.ts`
// rewrites them.
const SECTIONS: Record<string, () => string> = { samplers: samplersMarkdown, classifiers: classifiersMarkdown, options: optionsMarkdown };

function withSections(text: string): string {
  let out = text;
  for (const [name, render] of Object.entries(SECTIONS)) {
    const re = new RegExp(`(<!-- registry:${name} -->\\n)[\\s\\S]*?(<!-- /registry:${name} -->)`);
    expect(re.test(out), `README has the ${name} markers`).toBe(true);
    out = out.replace(re, (_m, open: string, close: string) => `${open}${render()}\n${close}`);
  }
  return out;
}

describe('README', () => {
  it('lists exactly the registered samplers, classifiers and options', () => {
    const path = join(appDir, 'README.md');
    const text = readFileSync(path, 'utf8');
    const expected = withSections(text);
    if (process.env.UPDATE_README && expected !== text) writeFileSync(path, expected);
    else expect(text, 'README tables differ from the registry: rerun this test with UPDATE_README=1').toBe(expected);
  });
});

describe('examples for schedulers', () => {
  it('run shards and a merge with flags the CLI knows', () => {
    const help = helpText();
    for (const file of ['slurm-array.sh', 'kubernetes-indexed-job.yaml', 'github-actions-matrix.yml']) {
      const text = readFileSync(join(appDir, 'examples', file), 'utf8');
      expect(text, file).toMatch(/--shard /);
      expect(text, file).toMatch(/cli\.js merge /);
      for (const flag of text.match(/(?<=\s)--[a-z][a-z-]+/g) ?? []) {
        if (['--array', '--cpus-per-task', '--mem', '--time', '--output', '--job-name', '--parsable', '--dependency', '--wrap', '--for', '--timeout', '--frozen-lockfile', '--global'].includes(flag)) continue;
        expect(help, `${file}: ${flag}`).toContain(flag);
      }
    }
  });
});
