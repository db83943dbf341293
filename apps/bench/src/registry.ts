/**
 * `@oversample/bench/registry`: every sampler and classifier the bench knows, with option schemas,
 * and the helpers that resolve options against them. Browser-safe (no Node built-ins; packages
 * load lazily in `create`), so a playground can build its forms and run samplers from it.
 *
 * @example
 * import { SAMPLERS, resolveSamplerOptions } from '@oversample/bench/registry';
 * const smote = SAMPLERS.find((s) => s.name === 'smote')!;
 * const sampler = await smote.create(resolveSamplerOptions(smote, [{ kNeighbors: 3 }]), { seed: 0, categoricalFeatures: [] });
 */
import type { ClassifierRecord } from './classifiers';
import { CLASSIFIERS } from './classifiers';
import type { OptionValues } from './option-schema';
import { resolveOptions } from './option-schema';
import { suggestion } from './nearest-name';
import type { SamplerRecord } from './samplers';
import { SAMPLERS } from './samplers';
import { UsageError } from './usage-error';

export { CLASSIFIERS } from './classifiers';
export type { ClassifierBuildContext, ClassifierRecord } from './classifiers';
export { SAMPLERS } from './samplers';
export type { SamplerBuildContext, SamplerRecord } from './samplers';
export { NAMED_STRATEGIES, acceptsText, checkOptionValue, formatOptionValue, parseOptionText, resolveOptions, specAt } from './option-schema';
export type {
  BooleanSpec,
  EnumSpec,
  IntegerSpec,
  ListItemSpec,
  ListSpec,
  NumberSpec,
  ObjectSpec,
  OptionSchema,
  OptionSpec,
  OptionValues,
  StrategySpec,
} from './option-schema';
export { nearestName, suggestion } from './nearest-name';
export { UsageError } from './usage-error';

/** Every sampler name, in display order. */
export const SAMPLER_NAMES: readonly string[] = SAMPLERS.map((s) => s.name);

/** Every classifier name. */
export const CLASSIFIER_NAMES: readonly string[] = CLASSIFIERS.map((c) => c.name);

/** The sampler record of `name`; `UsageError` naming the nearest name when unknown. */
export function samplerRecord(name: string): SamplerRecord {
  const r = SAMPLERS.find((s) => s.name === name);
  if (!r) throw new UsageError(`unknown sampler '${name}'${suggestion(name, SAMPLER_NAMES)}`);
  return r;
}

/** The classifier record of `name`; `UsageError` naming the nearest name when unknown. */
export function classifierRecord(name: string): ClassifierRecord {
  const r = CLASSIFIERS.find((c) => c.name === name);
  if (!r) throw new UsageError(`unknown classifier '${name}'${suggestion(name, CLASSIFIER_NAMES)}`);
  return r;
}

/** Names that options can be set for: every sampler, family and classifier name. */
export function optionTargetNames(): string[] {
  return [...new Set([...SAMPLERS.flatMap((s) => [s.name, s.family]), ...CLASSIFIER_NAMES])];
}

/**
 * The records an options key applies to: a sampler name, a sampler family (every member, e.g.
 * `deepsmote` -> `deepsmote-paper` and `deepsmote-code`) or a classifier name. `UsageError`
 * naming the nearest valid key when none matches.
 */
export function optionTargets(key: string): (SamplerRecord | ClassifierRecord)[] {
  const samplers = SAMPLERS.filter((s) => s.name === key || s.family === key);
  const classifiers = CLASSIFIERS.filter((c) => c.name === key);
  if (samplers.length + classifiers.length === 0) {
    throw new UsageError(`no sampler, sampler family or classifier is called '${key}'${suggestion(key, optionTargetNames())}`);
  }
  return [...samplers, ...classifiers];
}

/**
 * A sampler's full options: schema defaults, then `layers` in order (later wins), then the
 * options its name fixes. Throws `OptionError` for an unknown option or a bad value.
 */
export function resolveSamplerOptions(record: SamplerRecord, layers: readonly OptionValues[]): Record<string, unknown> {
  for (const layer of layers) {
    for (const key of Object.keys(layer)) {
      if (key in record.fixed) {
        throw new UsageError(`${record.name}: option '${key}' is fixed by the name (${key} = ${JSON.stringify(record.fixed[key])}); pick another sampler of family '${record.family}'`);
      }
    }
  }
  return { ...resolveOptions(record.name, record.options, layers), ...record.fixed };
}

/** A classifier's full options: schema defaults, then `layers` in order (later wins). */
export function resolveClassifierOptions(record: ClassifierRecord, layers: readonly OptionValues[]): Record<string, unknown> {
  return resolveOptions(record.name, record.options, layers);
}

/** Whether a classifier can read a kind of data (CNNs need images). */
export function classifierReads(record: ClassifierRecord, kind: 'table' | 'image'): boolean {
  return kind === 'image' || record.reads === 'any';
}
