/**
 * Approximate-then-exact (CGAL's `Filtered_predicate`): run a cheap predicate that may answer
 * "uncertain" (undefined), and only then the exact one. Counting in one {@link FilterStats}: every
 * call is a sign test, every exact run an exact fallback (SPEC §1: the result is always the exact one).
 */
import type { FilterStats } from './types.js';

/** Combines an approximate predicate (undefined = uncertain) with its exact version. */
export function filtered<A extends unknown[], R>(
  approx: (...args: A) => R | undefined,
  exact: (...args: A) => R,
  stats?: FilterStats,
): (...args: A) => R {
  return (...args: A): R => {
    if (stats) stats.signTests++;
    const r = approx(...args);
    if (r !== undefined) return r;
    if (stats) stats.exactFallbacks++;
    return exact(...args);
  };
}

/** Adds the counters of `from` to `into`. */
export function addFilterStats(into: FilterStats, from: Readonly<FilterStats>): void {
  into.signTests += from.signTests;
  into.exactFallbacks += from.exactFallbacks;
}
