/**
 * The presets: named configurations, each a JSON file under `apps/bench/presets/` in the same
 * shape as `--config FILE` (see config.ts). They are bundled into the CLI and validated on use.
 */
import keel from '../presets/keel.json';
import paperCifar10 from '../presets/paper-cifar10.json';
import paperCpu from '../presets/paper-cpu.json';
import paperMnist from '../presets/paper-mnist.json';
import quick from '../presets/quick.json';
import smoke from '../presets/smoke.json';
import type { BenchConfig } from './config';
import { mergeConfigs, validateConfig } from './config';
import { suggestion } from './nearest-name';
import { UsageError } from './usage-error';

/** The preset files by name, in `--help` order. */
export const PRESET_FILES: Readonly<Record<string, unknown>> = {
  quick,
  keel,
  'paper-mnist': paperMnist,
  'paper-cifar10': paperCifar10,
  'paper-cpu': paperCpu,
  // CI runs this one in a bare clone (.ci/run); the README's default stays quick.
  smoke,
};

/** Every preset name. */
export const PRESET_NAMES: readonly string[] = Object.keys(PRESET_FILES);

/** The preset used when neither `--preset` nor `--config` is given. */
export const DEFAULT_PRESET = 'quick';

/**
 * Follows `extends` from `config` down to a preset, merging on the way (each later level wins).
 * `source` names the config in errors. Throws `UsageError` for an unknown preset or a cycle.
 */
export function expandConfig(config: BenchConfig, source: string, seen: readonly string[] = []): BenchConfig {
  if (config.extends === undefined) return config;
  const name = config.extends;
  if (seen.includes(name)) throw new UsageError(`${source}: 'extends' goes round in a circle (${[...seen, name].join(' -> ')})`);
  return mergeConfigs(presetConfig(name, [...seen, name]), config);
}

/** A preset's configuration with its `extends` expanded. Throws `UsageError` naming the nearest preset when unknown. */
export function presetConfig(name: string, seen: readonly string[] = [name]): BenchConfig {
  const file = PRESET_FILES[name];
  if (file === undefined) throw new UsageError(`unknown preset '${name}'${suggestion(name, PRESET_NAMES)}`);
  return expandConfig(validateConfig(file, `preset ${name}`), `preset ${name}`, seen);
}
