/**
 * "Did you mean": the known names closest to a misspelt one, so an error can name the fix (an
 * unknown dataset, sampler, preset or option). One ranking for the whole project.
 */

/**
 * Edit distance (insertions, deletions, substitutions), ignoring case.
 *
 * @example
 * editDistance('glas1', 'Glass1'); // 1
 */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    for (let j = 1; j <= t.length; j++) {
      row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1)));
    }
    previous = row;
  }
  return previous[t.length]!;
}

/**
 * The `count` candidates nearest to `word`, nearest first, case ignored: names that start with it
 * (shortest first), then names that contain it (a word of 3 or more characters; shortest first),
 * then the rest by edit distance; equals keep the candidates' order.
 *
 * @example
 * nearestNames('kNeighbours', ['kNeighbors', 'mNeighbors']); // ['kNeighbors']
 * nearestNames('glas1', ['glass0', 'glass1', 'pima'], 2);   // ['glass1', 'glass0']
 */
export function nearestNames(word: string, candidates: readonly string[], count = 1): string[] {
  const w = word.toLowerCase();
  const scored = candidates.map((name, index) => {
    const n = name.toLowerCase();
    // A name that extends the word beats any spelling fix; then one containing it.
    const extra = (n.length - w.length) / 1000;
    const score = w.length > 0 && n.startsWith(w) ? 0.5 + extra : w.length >= 3 && n.includes(w) ? 0.75 + extra : editDistance(w, n);
    return { name, score, index };
  });
  scored.sort((a, b) => a.score - b.score || a.index - b.index);
  return scored.slice(0, Math.max(0, count)).map((s) => s.name);
}
