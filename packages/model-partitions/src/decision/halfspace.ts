/** Small exact helpers on half-spaces a·x ≤ b (comparison rows of SPEC §5, matching facets). */
import { Rational } from '@mlgeo/exact-arith';
import type { HalfspaceRow } from '@mlgeo/exact-polytope';

/** The positive λ with `row = λ·of` (both sides), or undefined when the rows are not so related. */
export function positiveMultiple(row: HalfspaceRow, of: HalfspaceRow): Rational | undefined {
  let lambda: Rational | undefined;
  const entries: [Rational, Rational][] = [
    ...row.a.map((x, i) => [x, of.a[i]!] as [Rational, Rational]),
    [row.b, of.b],
  ];
  for (const [x, y] of entries) {
    if (y.isZero()) {
      if (!x.isZero()) return undefined;
      continue;
    }
    const r = x.div(y);
    if (lambda === undefined) {
      if (r.sign() <= 0) return undefined;
      lambda = r;
    } else if (!r.equals(lambda)) return undefined;
  }
  return lambda;
}

/** Same closed half-space (rows positive multiples of each other). */
export function sameHalfspace(p: HalfspaceRow, q: HalfspaceRow): boolean {
  return positiveMultiple(p, q) !== undefined;
}

/** Σ a_i b_i. */
export function dot(a: readonly Rational[], b: readonly Rational[]): Rational {
  return a.reduce((s, x, i) => s.add(x.mul(b[i]!)), Rational.ZERO);
}
