/**
 * Integer affine functions g(x) = w·x + c, the currency of the cell kernel. A rational function is
 * scaled by a positive factor to a primitive integer vector (same sign everywhere, SPEC §2 labels
 * depend only on signs); a float copy scaled into [−1, 1] feeds the float filter (SPEC §1).
 */
import {
  Rational,
  commonDenominator,
  fractionToDouble,
  gcdOfList,
  isFilterOperand,
} from '@mlgeo/exact-arith';
import { type HalfspaceRow, halfspaceRow } from '@mlgeo/exact-polytope';

/** g(x) = w·x + c with integer coefficients; `wf`, `cf` are the same divided by max |coefficient|. */
export interface IntAffine {
  w: bigint[];
  c: bigint;
  wf: Float64Array;
  cf: number;
  /**
   * Every float coefficient is the correctly rounded w_i/max with relative error ≤ 2^-53 (no entry
   * fell into the subnormal range), as the predicate kernel's filter requires; otherwise signs of
   * this row are always decided exactly.
   */
  filterSafe: boolean;
}

/** An {@link IntAffine} made by `new`, so born young (docs/contributing.md, "Objects a run keeps"). */
export class IntAffineRow implements IntAffine {
  constructor(
    public w: bigint[],
    public c: bigint,
    public wf: Float64Array,
    public cf: number,
    public filterSafe: boolean,
  ) {}
}

const absBig = (a: bigint): bigint => (a < 0n ? -a : a);

/** Builds the primitive integer form of w·x + c from integers (scaled down by their gcd). */
export function affineFromIntegers(w: readonly bigint[], c: bigint): IntAffine {
  const g = gcdOfList([...w, c]);
  return affineOfIntegers(g > 1n ? w.map((v) => v / g) : w.slice(), g > 1n ? c / g : c);
}

/**
 * w·x + c as given, not divided by the gcd (not primitive): the same float copies as
 * {@link affineFromIntegers} (they depend only on the ratios); for sign tests of rows that may
 * never be stored.
 */
export function affineOfIntegers(ws: bigint[], cs: bigint): IntAffine {
  let max = absBig(cs);
  for (const v of ws) if (absBig(v) > max) max = absBig(v);
  const wf = new Float64Array(ws.length);
  if (max === 0n) return new IntAffineRow(ws, cs, wf, 0, true);
  for (let i = 0; i < ws.length; i++) wf[i] = fractionToDouble(ws[i]!, max);
  const cf = fractionToDouble(cs, max);
  let filterSafe = isFilterOperand(cf, cs === 0n);
  for (let i = 0; i < ws.length && filterSafe; i++)
    filterSafe = isFilterOperand(wf[i]!, ws[i] === 0n);
  return new IntAffineRow(ws, cs, wf, cf, filterSafe);
}

/** Positive integer multiple of the rational affine function w·x + c. */
export function affineFromRationals(w: readonly Rational[], c: Rational): IntAffine {
  const lcm = commonDenominator([c.den, ...w.map((v) => v.den)]);
  return affineFromIntegers(
    w.map((v) => v.num * (lcm / v.den)),
    c.num * (lcm / c.den),
  );
}

/** −g (a row without float copies stays without: its empty list is shared). */
export function negateAffine(g: IntAffine): IntAffine {
  return new IntAffineRow(
    g.w.map((v) => -v),
    -g.c,
    g.wf.length === 0 ? g.wf : g.wf.map((v) => -v),
    -g.cf,
    g.filterSafe,
  );
}

/** True when w = 0 (g is constant). */
export function isConstantAffine(g: IntAffine): boolean {
  return g.w.every((v) => v === 0n);
}

/** An integer row a·x ≤ b, made by `new`, so born young (docs/contributing.md, "Objects a run keeps"). */
class IntegerRow {
  constructor(
    readonly a: readonly bigint[],
    readonly b: bigint,
  ) {}
}

/** The row a·x ≤ b meaning g(x) ≤ 0 in integers (a = w, b = −c; the same object kind every call). */
export function affineIntegerRow(g: IntAffine): {
  readonly a: readonly bigint[];
  readonly b: bigint;
} {
  return new IntegerRow(g.w, -g.c);
}

/** The row a·x ≤ b meaning g(x) ≤ 0, as rationals (a = w, b = −c). */
export function affineToRow(g: IntAffine): HalfspaceRow {
  return halfspaceRow(
    g.w.map((v) => Rational.fromBigInt(v)),
    Rational.fromBigInt(-g.c),
  );
}
