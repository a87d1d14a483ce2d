/**
 * The shared vocabulary of the predicate kernel (SPEC §1): integer points and half-spaces in one
 * convention, the filter counters, and the two independent exact-vs-float switches.
 *
 * Every package that decides a sign on integers uses these types; the bound that certifies a float
 * decision is proved once, in this folder, beside its test.
 */

/** A rational point with one common denominator: x = num / den, den > 0, entries integers. */
export interface IntegerPoint {
  readonly num: readonly bigint[];
  readonly den: bigint;
}

/** A closed half-space {x : a·x ≤ b} with integer coefficients (any common positive scaling). */
export interface IntegerHalfSpace {
  readonly a: readonly bigint[];
  readonly b: bigint;
}

/** Counters of a float filter: every decision, and those that fell back to exact arithmetic. */
export interface FilterStats {
  /** Sign decisions made (float-certified or exact). */
  signTests: number;
  /** Decisions the float bound could not certify and that were recomputed exactly. */
  exactFallbacks: number;
}

/** A fresh zeroed {@link FilterStats}. */
export function newFilterStats(): FilterStats {
  return { signTests: 0, exactFallbacks: 0 };
}

/**
 * How combinatorial decisions are taken — speed only, identical results:
 * `'exact'` on exact values throughout (points, rows and maps exact; a ReLU unit that cuts no part
 * of a cell may be decided by a proven float bound on its vertices, model-partitions
 * float-layer-maps.ts), `'filtered'` in float64 with a proven bound and an exact fallback.
 */
export type Predicates = 'filtered' | 'exact';

/**
 * What measures (volumes, centroids, lengths, angles) are returned — a different output type:
 * `'exact'` rationals and r·√q values, `'float'` float64 numbers.
 */
export type Measures = 'exact' | 'float';
