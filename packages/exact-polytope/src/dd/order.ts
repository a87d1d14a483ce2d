/** Exact lexicographic orders on integer vectors, used to sort vertices and rays canonically. */

/** Lexicographic order of integer vectors. */
export function compareInts(a: readonly bigint[], b: readonly bigint[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}

/**
 * Lexicographic order of the points x = a'/a0 and y = b'/b0 given homogeneously as (a0, a') and
 * (b0, b') with a0, b0 > 0, compared without division.
 */
export function compareFractions(a: readonly bigint[], b: readonly bigint[]): number {
  for (let i = 1; i < a.length; i++) {
    const l = a[i]! * b[0]!;
    const r = b[i]! * a[0]!;
    if (l !== r) return l < r ? -1 : 1;
  }
  return 0;
}
