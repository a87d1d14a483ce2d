/**
 * Data points: the float copy drives the filters, the exact rational value (what the point *is*,
 * SPEC §1) is computed only when a decision needs it.
 */
import {
  MlgeoError,
  Rational,
  type RationalLike,
  UNIT_ROUNDOFF,
  approxAffineSign,
  exactAffineSign,
  roundRational,
} from '@mlgeo/exact-arith';
import type { IntAffine } from '../engines/affine.js';
import { type HVertex, vertexFromRationals } from '../engines/vcell.js';
import type { ModelPartitionsErrorCode } from '../errors.js';

/**
 * Doubles of rationals by object: data files repeat few values and their readers share the Rational
 * objects (a Rational is immutable), so each distinct value is converted once, not per coordinate.
 */
const doubles = new WeakMap<Rational, { value: number; rounded: number }>();
const conversionOf = (r: Rational) => {
  let c = doubles.get(r);
  if (!c) doubles.set(r, (c = { value: r.toNumber(), rounded: roundRational(r) }));
  return c;
};
const doubleOf = (r: Rational) => conversionOf(r).value;
const roundedOf = (r: Rational) => conversionOf(r).rounded;

/** A point with float coordinates (exact when the input was a JavaScript number). */
export class DataPoint {
  private exactCache: Rational[] | undefined;
  private vertexCache: HVertex | undefined;
  /** Relative error bound of `xf` against the exact value (0 when the input was floats). */
  readonly relError: number;
  /**
   * `xf` meets the predicate kernel's operand condition (exact floats, or rationals correctly
   * rounded into the normal range); otherwise every decision about the point is exact.
   */
  readonly filterable: boolean;

  private constructor(
    readonly xf: Float64Array,
    exact: Rational[] | undefined,
  ) {
    this.exactCache = exact;
    this.relError = exact === undefined ? 0 : UNIT_ROUNDOFF;
    this.filterable = exact === undefined || exact.every((r) => !Number.isNaN(roundedOf(r)));
  }

  /** Reads a point; numbers are taken as the rationals they exactly are (SPEC §1). */
  static from(x: readonly RationalLike[], dimension: number, field = 'point'): DataPoint {
    if (!Array.isArray(x) || x.length !== dimension)
      throw new MlgeoError<ModelPartitionsErrorCode>(
        'SHAPE',
        `expected ${dimension} coordinates, got ${Array.isArray(x) ? x.length : typeof x}`,
        { field, fix: `give ${dimension} numbers per point` },
      );
    if (x.every((v) => typeof v === 'number')) {
      const xf = Float64Array.from(x as number[]);
      xf.forEach((v, i) => {
        if (!Number.isFinite(v)) Rational.fromDouble(v, `${field}[${i}]`); // throws NonFiniteNumberError
      });
      return new DataPoint(xf, undefined);
    }
    const exact = x.map((v, i) => Rational.from(v, `${field}[${i}]`));
    return new DataPoint(
      Float64Array.from(exact, (r) => doubleOf(r)),
      exact,
    );
  }

  /** Exact coordinates. */
  exact(): Rational[] {
    return (this.exactCache ??= Array.from(this.xf, (v) => Rational.fromDouble(v)));
  }

  /** Exact coordinates in homogeneous integer form. */
  vertex(): HVertex {
    return (this.vertexCache ??= vertexFromRationals(this.exact()));
  }

  /** Sign of g at the point: float when the kernel's error bound allows, exact otherwise. */
  sign(g: IntAffine): -1 | 0 | 1 {
    if (this.filterable && g.filterSafe) {
      const s = approxAffineSign(g.wf, g.cf, this.xf);
      if (s !== undefined) return s;
    }
    return exactAffineSign(g.w, g.c, this.vertex());
  }
}
