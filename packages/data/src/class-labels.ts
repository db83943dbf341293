const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** True when `text` is a plain decimal number such as `3`, `-0.5` or `5.0E-4` (no hex, no `Infinity`). */
export function isNumberText(text: string): boolean {
  return NUMBER.test(text);
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
