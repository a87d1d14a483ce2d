/**
 * Memo of the costly recomputations of `mlgeo verify`, keyed by the report content they depend on
 * (an H-representation, a pair of them, a cell's label and H-representation with the model, the
 * whole geometry with the complex options). Verifying one report fills it; verifying an edited copy
 * of the same report with the same cache redoes only what the edit touched (the fuzz test verifies
 * thousands of edits this way). A cache belongs to one model and one data file.
 */
import type { Polytope } from '@mlgeo/exact-polytope';

export class VerifyCache {
  private readonly memo = new Map<string, unknown>();
  private ids = 0;

  /** A fresh small number (ids of long keys). */
  nextId(): number {
    return ++this.ids;
  }

  /** The value stored under `key`, computed by `compute` on first use. */
  get<T>(key: string, compute: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const value = compute();
    this.memo.set(key, value);
    return value;
  }

  /**
   * A verified section of a report: `verify` runs once per distinct `key` (the JSON of everything
   * the section's verification reads); later calls with the same key add the claims it confirmed
   * to `counter` and return its result. A failing verification is not stored (it throws again).
   */
  section<T>(key: string, counter: { count: number }, verify: () => T): T {
    const stored = this.memo.get(`section:${key}`) as { value: T; claims: number } | undefined;
    if (stored !== undefined) {
      counter.count += stored.claims;
      return stored.value;
    }
    const before = counter.count;
    const value = verify();
    this.memo.set(`section:${key}`, { value, claims: counter.count - before });
    return value;
  }

  /** The polytope of an H-representation (its vertices, volume and centroid are cached on it). */
  polytope(key: string, build: () => Polytope): Polytope {
    return this.get(`hrep:${key}`, build);
  }
}
