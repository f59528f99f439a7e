/** Name matching for R-CAT-1: case-insensitive, partial, and tolerant of a typo or two. */

export const normalize = (text: string): string =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-_.,'’]+/g, ' ')
    .trim();

/**
 * Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions), stopping as soon as
 * it must exceed `max`. Three rolling rows instead of a matrix: it runs for every candidate of every search.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const cols = b.length + 1;
  let beforePrevious = new Array<number>(cols).fill(0);
  let previous = Array.from({ length: cols }, (_, j) => j);
  let current = new Array<number>(cols).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, beforePrevious[j - 2]! + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return previous[b.length]!;
}

/** Typos tolerated for a query of this length: none for very short words, one, then two. */
export const typoBudget = (length: number): number => (length <= 3 ? 0 : length <= 6 ? 1 : 2);

export type MatchQuality = 'exact' | 'partial' | 'fuzzy';

/**
 * How well `query` names `candidate`: exactly, as a part (a word prefix or substring), or with typos in
 * the whole name, one of its words, or its beginning. Undefined when it does not.
 */
export function matchName(
  query: string,
  candidate: string,
): { quality: MatchQuality; distance: number } | undefined {
  const q = normalize(query);
  const c = normalize(candidate);
  if (!q || !c) return undefined;
  if (q === c) return { quality: 'exact', distance: 0 };
  if (c.includes(q)) return { quality: 'partial', distance: 0 };
  const budget = typoBudget(q.length);
  if (budget === 0) return undefined;
  const pieces = [
    c,
    ...c.split(' '),
    c.slice(0, q.length),
    c.slice(0, q.length + 1),
    c.slice(0, Math.max(0, q.length - 1)),
  ];
  let best = Number.POSITIVE_INFINITY;
  for (const piece of pieces) {
    if (!piece) continue;
    best = Math.min(best, editDistance(q, piece, budget));
  }
  return best <= budget ? { quality: 'fuzzy', distance: best } : undefined;
}
