/** The H-representation of an axis-parallel box, written once for every package. */
import { Rational, ShapeError, type RationalLike } from '@mlgeo/exact-arith';

/** Rows A x ≤ b of a polyhedron (exact rationals), as `Polytope.fromHRep` takes them. */
export interface RationalHRep {
  A: Rational[][];
  b: Rational[];
}

/**
 * Order of the 2d rows of a box: `'lower-first'` — rows 0…d−1 are −x_i ≤ −lo_i, rows d…2d−1 are
 * x_i ≤ hi_i; `'per-coordinate'` — rows 2i and 2i+1 are −x_i ≤ −lo_i and x_i ≤ hi_i.
 */
export type BoxRowOrder = 'lower-first' | 'per-coordinate';

/**
 * The box {x : lo ≤ x ≤ hi} as A x ≤ b with 2d rows in the given order (default `'lower-first'`).
 * Bounds are not checked against each other (lo_i > hi_i gives an empty box, lo_i = hi_i a flat
 * one).
 */
export function boxHRep(
  lo: readonly RationalLike[],
  hi: readonly RationalLike[],
  order: BoxRowOrder = 'lower-first',
): RationalHRep {
  if (lo.length !== hi.length)
    throw new ShapeError(
      `the lower corner has ${lo.length} entries, the upper corner ${hi.length}`,
      'hi',
      'give one lower and one upper bound per coordinate',
    );
  const d = lo.length;
  const unit = (i: number, s: Rational): Rational[] =>
    Array.from({ length: d }, (_, k) => (k === i ? s : Rational.ZERO));
  const lower = lo.map((v, i) => ({
    a: unit(i, Rational.MINUS_ONE),
    b: Rational.from(v, `lo[${i}]`).neg(),
  }));
  const upper = hi.map((v, i) => ({ a: unit(i, Rational.ONE), b: Rational.from(v, `hi[${i}]`) }));
  const rows =
    order === 'lower-first' ? [...lower, ...upper] : lower.flatMap((r, i) => [r, upper[i]!]);
  return { A: rows.map((r) => r.a), b: rows.map((r) => r.b) };
}
