const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** True when `text` is a plain decimal number such as `3`, `-0.5` or `5.0E-4` (no hex, no `Infinity`). */
export function isNumberText(text: string): boolean {
  return NUMBER.test(text);
}

/** Largest finite float32, the type `Dataset.x` stores. */
const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * A feature cell's value as stored in a `Float32Array`, or a message saying why it cannot be:
 * a number text whose value overflows float32 (`1e39`, `-4e38`) would become an infinity, which
 * every sampler and model then rejects far from the file that caused it.
 */
export function float32Cell(text: string): number | string {
  const v = Number(text);
  if (Math.abs(v) > FLOAT32_MAX && !Number.isFinite(Math.fround(v))) {
    return `${JSON.stringify(text)} overflows a 32-bit float (largest magnitude 3.4028235e38)`;
  }
  return v;
}

/**
 * The order in which label strings become class indices: numerically when every label is a
 * number (`'2'` before `'10'`), else by UTF-16 code units (`'negative'` before `'positive'`),
 * the same on every machine and locale. Duplicates are removed.
 */
export function sortClassLabels(labels: Iterable<string>): string[] {
  const unique = [...new Set(labels)];
  if (unique.every(isNumberText)) return unique.sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0));
  return unique.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Labels turned into class indices. */
export interface EncodedLabels {
  /** Name per class index, sorted as {@link sortClassLabels} says. */
  readonly classNames: string[];
  /** Class index of each label text. */
  readonly indexOf: ReadonlyMap<string, number>;
}

/**
 * Class indices for label texts, the way a pandas + scikit-learn user expects them:
 *
 * - When every label is a number, labels are compared as numbers, so `1`, `1.0` and `1e0` are one
 *   class (pandas reads such a column as numbers). The class is named by its spelling when the
 *   file spells it one way, else by the number's shortest form (`'1'`).
 * - Otherwise labels are compared as written (as pandas and scikit-learn do), so `Pos` and `pos`
 *   stay two classes; since that is rarely meant, `warn` is called once for each group of labels
 *   that differ only in letter case or that spell one number in two ways.
 *
 * `labels` may hold repeats (one text per row); `declared` (KEEL's `{a, b}`) adds classes no row has.
 */
export function encodeClassLabels(labels: Iterable<string>, warn: (message: string) => void, declared?: readonly string[]): EncodedLabels {
  const unique = [...new Set([...(declared ?? []), ...labels])];
  if (unique.length > 0 && unique.every(isNumberText)) {
    const spellings = new Map<number, string[]>();
    for (const text of unique) {
      const v = Number(text);
      const list = spellings.get(v);
      if (list) list.push(text);
      else spellings.set(v, [text]);
    }
    const values = [...spellings.keys()].sort((a, b) => a - b);
    const classNames = values.map((v) => {
      const list = spellings.get(v)!;
      return list.length === 1 ? list[0]! : String(v);
    });
    const indexOf = new Map<string, number>();
    values.forEach((v, c) => {
      for (const text of spellings.get(v)!) indexOf.set(text, c);
    });
    return { classNames, indexOf };
  }
  const classNames = sortClassLabels(unique);
  const groups = new Map<string, string[]>();
  for (const text of classNames) {
    const key = isNumberText(text) ? `#${Number(text)}` : `s${text.toLowerCase()}`;
    const list = groups.get(key);
    if (list) list.push(text);
    else groups.set(key, [text]);
  }
  for (const list of groups.values()) {
    if (list.length > 1) {
      warn(
        `labels ${list.map((t) => JSON.stringify(t)).join(' and ')} are ${list.length} different classes ` +
          '(labels are compared as written, as in pandas and scikit-learn); if they mean one class, spell them alike',
      );
    }
  }
  return { classNames, indexOf: new Map(classNames.map((name, i) => [name, i])) };
}

/** Where loader warnings go by default: Node's `process.emitWarning`, else the console. */
export function defaultWarn(file: string): (message: string) => void {
  return (message) => {
    const text = `${file}: ${message}`;
    const proc = (globalThis as { process?: { emitWarning?: (m: string, type: string) => void } }).process;
    if (proc?.emitWarning) proc.emitWarning(text, 'OversampleWarning');
    else console.warn(text);
  };
}
