/**
 * The edit distance behind R-CAT-1's "did you mean", against a plain full-matrix reference on many random
 * pairs: the same distance whenever it is within the budget, and "over budget" whenever it is not.
 */
import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/domain/shared/fuzzy.js';

/** Optimal string alignment distance, the textbook way: the whole matrix, no early exit. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
      }
    }
  }
  return d[a.length]![b.length]!;
}

/** A small deterministic generator, so a failure names a pair that can be replayed. */
function pairs(count: number): Array<[string, string]> {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const word = () =>
    Array.from({ length: Math.floor(next() * 9) }, () => 'abcde'[Math.floor(next() * 5)]).join('');
  return Array.from({ length: count }, () => {
    const a = word();
    // Half the pairs are a word and a few edits of it, so distances within the budget are common.
    if (next() < 0.5) return [a, word()];
    const chars = [...a];
    for (let k = Math.floor(next() * 3); k > 0; k--) {
      const at = Math.floor(next() * (chars.length + 1));
      const edit = next();
      if (edit < 0.33) chars.splice(at, 1);
      else if (edit < 0.66) chars.splice(at, 0, 'x');
      else if (at + 1 < chars.length) [chars[at], chars[at + 1]] = [chars[at + 1]!, chars[at]!];
    }
    return [a, chars.join('')];
  });
}

describe('editDistance (R-CAT-1 did you mean)', () => {
  it('R-CAT-1: agrees with the full-matrix distance, within any budget, on 5,000 random pairs', () => {
    for (const [a, b] of pairs(5000)) {
      const exact = reference(a, b);
      expect(editDistance(a, b), `${a} ${b}`).toBe(exact);
      for (const max of [0, 1, 2]) {
        const bounded = editDistance(a, b, max);
        if (exact <= max) expect(bounded, `${a} ${b} ≤ ${max}`).toBe(exact);
        else expect(bounded, `${a} ${b} > ${max}`).toBeGreaterThan(max);
      }
    }
  });

  it('R-CAT-1: counts a swap of neighbours as one edit', () => {
    expect(editDistance('fabrikam', 'fabirkam')).toBe(1);
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
});
