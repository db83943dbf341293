import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dataset } from '@oversample/core';
import { classCounts } from '@oversample/core';
import { describe, expect, it } from 'vitest';
import { oneHotEncode } from './encoding';
import {
  CLASSIFIERS,
  SAMPLERS,
  optionTargetNames,
  optionTargets,
  resolveClassifierOptions,
  resolveSamplerOptions,
  samplerRecord,
} from './registry';
import { UsageError } from './usage-error';

const here = dirname(fileURLToPath(import.meta.url));

/** 60 rows of two continuous columns and one categorical (3 codes); classes 40 / 14 / 6. */
function imbalancedTable(): Dataset {
  const n = [40, 14, 6];
  const x: number[] = [];
  const y: number[] = [];
  let s = 1;
  const rand = (): number => ((s = (s * 16807) % 2147483647) / 2147483647);
  n.forEach((count, c) => {
    for (let i = 0; i < count; i++) {
      x.push(c * 0.3 + rand(), c * 0.2 - rand(), (i + c) % 3); // overlapping classes
      y.push(c);
    }
  });
  return {
    x: Float32Array.from(x),
    y: Int32Array.from(y),
    shape: [3],
    features: [
      { name: 'a', kind: 'continuous' },
      { name: 'b', kind: 'continuous' },
      { name: 'c', kind: 'categorical', categories: ['p', 'q', 'r'] },
    ],
  };
}

// Deep samplers trained for a moment: the test is about wiring, not quality.
const SMALL: Record<string, Record<string, unknown>> = {
  deepsmote: { epochs: 1, dimH: 4, batchSize: 32 },
  'regression-smote': { epochs: 1, pairsPerEpoch: 32 },
  autosmote: { epochs: 1, refitEpochs: 1, cohorts: 2 },
  // 60 overlapping rows: two clusters, each open to every class, so the 6 rows of class 2 find one.
  'kmeans-smote': { kmeansEstimator: 2, clusterBalanceThreshold: 0 },
};

/**
 * `name`'s sampler built from `options` (seed 1), run once on the imbalanced table (one-hot unless
 * the sampler reads category codes) and disposed; the table, what the sampler saw, and its output.
 */
async function resampleTable(name: string, options: Record<string, unknown>): Promise<{ table: Dataset; input: Dataset; out: Dataset }> {
  const r = samplerRecord(name);
  const table = imbalancedTable();
  const input = r.categorical ? table : oneHotEncode(table);
  const sampler = await r.create(options, { seed: 1, categoricalFeatures: [2] });
  const out = await sampler.fitResample(input);
  (sampler as { dispose?: () => void }).dispose?.();
  return { table, input, out };
}

describe('sampler registry', () => {
  it('has unique names, and no sampler, family and classifier share a name', () => {
    const samplerNames = SAMPLERS.map((s) => s.name);
    const classifierNames = CLASSIFIERS.map((c) => c.name);
    expect(new Set(samplerNames).size).toBe(samplerNames.length);
    expect(new Set(classifierNames).size).toBe(classifierNames.length);
    const families = new Set(SAMPLERS.map((s) => s.family));
    for (const c of classifierNames) {
      expect(samplerNames).not.toContain(c);
      expect(families.has(c)).toBe(false);
    }
    // A family name that is also a sampler name belongs to that sampler's own family.
    for (const f of families) if (samplerNames.includes(f)) expect(samplerRecord(f).family).toBe(f);
    expect(optionTargetNames()).toContain('deepsmote');
    expect(optionTargets('deepsmote').map((r) => r.name)).toEqual(['deepsmote-paper', 'deepsmote-code']);
    expect(() => optionTargets('deepsmot')).toThrow(UsageError);
  });

  it('every record builds from its own defaults, and every default passes its own schema', async () => {
    for (const r of SAMPLERS) {
      const options = resolveSamplerOptions(r, []);
      for (const [k, v] of Object.entries(r.fixed)) expect(options[k]).toEqual(v);
      const s = await r.create(options, { seed: 0, categoricalFeatures: [2] });
      expect(typeof s.fitResample).toBe('function');
    }
    for (const r of CLASSIFIERS) {
      const c = await r.create(resolveClassifierOptions(r, []), { seed: 0 });
      expect(c.nClasses).toBe(0);
      c.dispose();
    }
  }, 120_000);

  it('names the publication-configured variants by their fixed options (issue #16)', () => {
    expect(resolveSamplerOptions(samplerRecord('autosmote-self-joint'), [])).toMatchObject({ variant: 'self', objective: 'joint' });
    expect(resolveSamplerOptions(samplerRecord('autosmote-cohort-joint'), [])).toMatchObject({ variant: 'cohort', objective: 'joint' });
    expect(resolveSamplerOptions(samplerRecord('regression-smote-paper'), [])).toMatchObject({ pairing: 'random', gap: 'uniform' });
    expect(resolveSamplerOptions(samplerRecord('regression-smote'), [])).toMatchObject({ pairing: 'knn' });
    // The joint loss would skip every class, so only the look-ahead records offer class shares.
    expect(Object.keys(samplerRecord('autosmote-self').options)).toContain('classShares');
    expect(Object.keys(samplerRecord('autosmote-self-joint').options)).not.toContain('classShares');
    expect(optionTargets('autosmote').map((r) => r.name)).toEqual(['autosmote-self', 'autosmote-cohort', 'autosmote-self-joint', 'autosmote-cohort-joint']);
  });

  it("DeepSMOTE records state where the publication's generation departs from the package's default", async () => {
    const { DEFAULT_GENERATION, PUBLISHED_GENERATION } = await import('@oversample/deepsmote');
    const departures = Object.fromEntries(Object.entries(PUBLISHED_GENERATION).filter(([k, v]) => DEFAULT_GENERATION[k as keyof typeof DEFAULT_GENERATION] !== v));
    expect(departures).toEqual({ synthesis: 'decode' });
    for (const r of optionTargets('deepsmote')) expect(samplerRecord(r.name).published, r.name).toEqual(departures);
  });

  // The schema's defaults restate each package's defaults (for --help, the cache key and the
  // report). A record built from them must resample exactly as the package does with no options,
  // so a package default that changes cannot leave the benchmark on the old one.
  it.each(SAMPLERS.map((s) => [s.name]))('%s: the schema defaults are the package defaults (same rows either way)', async (name) => {
    const r = samplerRecord(name);
    const small = SMALL[r.family] ?? {};
    const { out: withSchemaDefaults } = await resampleTable(name, resolveSamplerOptions(r, [small]));
    const { out: packageDefaults } = await resampleTable(name, { ...small, ...r.fixed });
    expect(Array.from(withSchemaDefaults.y)).toEqual(Array.from(packageDefaults.y));
    expect(Array.from(withSchemaDefaults.x)).toEqual(Array.from(packageDefaults.x));
  }, 120_000);

  // The trap this guards against: a name listed without a working constructor would train on the
  // un-resampled fold and report it under the new name.
  it.each(SAMPLERS.map((s) => [s.name]))('%s changes the class counts of an imbalanced table (none keeps them)', async (name) => {
    const r = samplerRecord(name);
    const { table, input, out } = await resampleTable(name, resolveSamplerOptions(r, SMALL[r.family] ? [SMALL[r.family]!] : []));
    const before = classCounts(input.y);
    const after = classCounts(out.y);
    if (!r.resamples) {
      expect(after).toEqual(before);
      return;
    }
    expect(after, name).not.toEqual(before);
    expect(Array.from(table.y)).toEqual(Array.from(imbalancedTable().y)); // input untouched
    if (r.removes) {
      // Cleaners only remove; combinations add, then remove (original rows too).
      if (r.name === 'tomek-links' || r.name === 'enn') for (const [c, n] of after) expect(n, `${name}: class ${c}`).toBeLessThanOrEqual(before.get(c)!);
      return;
    }
    for (const [c, n] of before) expect(after.get(c)!, `${name}: class ${c}`).toBeGreaterThanOrEqual(n);
    expect(out.y.length).toBeGreaterThan(input.y.length);
  }, 120_000);
});

/** Static and dynamic import specifiers of a TypeScript file, with whether each is type-only. */
function importsOf(file: string): { spec: string; typeOnly: boolean; dynamic: boolean }[] {
  const text = readFileSync(file, 'utf8');
  const out: { spec: string; typeOnly: boolean; dynamic: boolean }[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?\sfrom\s+'([^']+)'/gm)) out.push({ spec: m[3]!, typeOnly: Boolean(m[2]), dynamic: false });
  for (const m of text.matchAll(/^\s*import\s+'([^']+)'/gm)) out.push({ spec: m[1]!, typeOnly: false, dynamic: false });
  for (const m of text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)) out.push({ spec: m[1]!, typeOnly: false, dynamic: true });
  return out;
}

describe('registry module (@oversample/bench/registry)', () => {
  it('is browser-safe: no Node built-in anywhere in its module graph, packages only through lazy import()', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const seen = new Set<string>();
    const eager = new Set<string>();
    const lazy = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const { spec, typeOnly, dynamic } of importsOf(file)) {
        expect(builtins.has(spec) || spec.startsWith('node:'), `${file} imports ${spec}`).toBe(false);
        if (spec.startsWith('.')) visit(resolve(dirname(file), `${spec}.ts`));
        else if (dynamic) lazy.add(spec);
        else if (!typeOnly) eager.add(spec);
      }
    };
    visit(join(here, 'registry.ts'));
    expect(seen.size).toBeGreaterThan(4);
    // Only the browser-safe core is loaded eagerly; sampler and model packages load on demand.
    expect([...eager]).toEqual(['@oversample/core']);
    for (const pkg of ['@oversample/smote', '@oversample/deepsmote', '@oversample/models']) expect(lazy).toContain(pkg);
  });
});
