/**
 * An environment variable, or `undefined` where it is unset or the platform has no environment
 * (browsers). Reads `globalThis.process` at call time, so no bundler needs a `process` shim.
 *
 * @example
 * const forced = readEnv('OVERSAMPLE_TF_BACKEND'); // 'wasm' | undefined
 */
export function readEnv(name: string): string | undefined {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return proc?.env?.[name];
}
