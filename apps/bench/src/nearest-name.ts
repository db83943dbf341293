/**
 * "Did you mean": the known name closest to a misspelt one, so an error can name the fix.
 * Browser-safe (part of the registry subpath).
 */

/** Edit distance (insertions, deletions, substitutions; case-insensitive). */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    for (let j = 1; j <= t.length; j++) {
      row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1)));
    }
    prev = row;
  }
  return prev[t.length]!;
}

/**
 * The candidate nearest to `word`: the shortest that starts with it, else the shortest that
 * contains it, else the smallest edit distance (the first of equals); `undefined` only when there
 * are no candidates.
 *
 * @example
 * nearestName('kNeighbours', ['kNeighbors', 'mNeighbors']) // 'kNeighbors'
 */
export function nearestName(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  const w = word.toLowerCase();
  for (const c of candidates) {
    const lc = c.toLowerCase();
    // A name that extends the word (the shortest first) beats any spelling fix; then one containing it.
    const extra = (lc.length - w.length) / 1000;
    const score = w.length > 0 && lc.startsWith(w) ? 0.5 + extra : w.length >= 3 && lc.includes(w) ? 0.75 + extra : editDistance(word, c);
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/**
 * The tail of an "unknown name" message: `; did you mean 'x'? (valid: a, b, c)`, the nearest
 * valid name first, then every valid one (up to 30).
 */
export function suggestion(word: string, candidates: readonly string[]): string {
  const near = nearestName(word, candidates);
  if (near === undefined) return '; nothing is valid here';
  const all = candidates.length <= 30 ? candidates.join(', ') : `${candidates.slice(0, 30).join(', ')}, ...`;
  return `; did you mean '${near}'? (valid: ${all})`;
}
