/** Reading `--config FILE`: JSON, validated, with its `extends` preset expanded. */
import { readFileSync, statSync } from 'node:fs';
import type { BenchConfig } from './config';
import { validateConfig } from './config';
import { expandConfig } from './presets';
import { UsageError } from './usage-error';

/**
 * Reads and validates a config file. With `basePreset` (`--preset` beside `--config`), the file
 * applies on top of that preset; a file that `extends` another preset then is a contradiction.
 * Throws `UsageError` for a missing, unreadable or invalid file.
 */
export function loadConfigFile(path: string, basePreset?: string): BenchConfig {
  let text: string;
  try {
    if (!statSync(path).isFile()) throw new UsageError(`--config ${path} is not a regular file`);
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`--config ${path} cannot be read: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (err) {
    throw new UsageError(`--config ${path} is not valid JSON: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
  const config = validateConfig(json, `--config ${path}`);
  if (basePreset !== undefined) {
    if (config.extends !== undefined && config.extends !== basePreset) {
      throw new UsageError(`--config ${path} extends preset '${config.extends}' but --preset ${basePreset} was given; keep one`);
    }
    return expandConfig({ ...config, extends: basePreset }, `--config ${path}`, []);
  }
  // Without a preset the file stands alone (its own defaults), unless it extends one.
  return expandConfig(config, `--config ${path}`);
}
