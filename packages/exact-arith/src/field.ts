/**
 * The Field interface: generic numeric code (linear algebra, LP, geometry) is written once against
 * it and runs exactly on rationals or fast on float64 (mathjs-style pluggable number types).
 */
import { Rational } from './rational.js';

/** Number type for generic numeric code: ring operations, exact or epsilon-based comparisons. */
export interface Field<T> {
  /**
   * Which field this is: `'rational'` (exact BigInt rationals, `T` = Rational) or `'float64'`
   * (`T` = number). Dispatch on it (or on {@link isRationalField} / {@link isFloat64Field}), never
   * on object identity or a display name.
   */
  readonly kind: 'rational' | 'float64';
  /** True when every operation is exact (decisions taken in this field are final). */
  readonly exact: boolean;
  /** Magnitude below which a float is treated as zero in pivoting/rank decisions (0 when exact). */
  readonly epsilon: number;
  readonly zero: T;
  readonly one: T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  div(a: T, b: T): T;
  neg(a: T): T;
  abs(a: T): T;
  sign(a: T): -1 | 0 | 1;
  isZero(a: T): boolean;
  cmp(a: T, b: T): -1 | 0 | 1;
  eq(a: T, b: T): boolean;
  fromInt(n: number | bigint): T;
  fromRational(r: Rational): T;
  toNumber(a: T): number;
  toString(a: T): string;
}

/** Exact field of BigInt rationals (linear algebra over it uses the Bareiss kernels). */
export const RationalField: Field<Rational> = {
  kind: 'rational',
  exact: true,
  epsilon: 0,
  zero: Rational.ZERO,
  one: Rational.ONE,
  add: (a, b) => a.add(b),
  sub: (a, b) => a.sub(b),
  mul: (a, b) => a.mul(b),
  div: (a, b) => a.div(b),
  neg: (a) => a.neg(),
  abs: (a) => a.abs(),
  sign: (a) => a.sign(),
  isZero: (a) => a.isZero(),
  cmp: (a, b) => a.cmp(b),
  eq: (a, b) => a.equals(b),
  fromInt: (n) => Rational.fromBigInt(BigInt(n)),
  fromRational: (r) => r,
  toNumber: (a) => a.toNumber(),
  toString: (a) => a.toString(),
};

/** A float64 field whose zero test is |a| ≤ epsilon. */
export function createFloat64Field(epsilon = 1e-12): Field<number> {
  const isZero = (a: number) => Math.abs(a) <= epsilon;
  return {
    kind: 'float64',
    exact: false,
    epsilon,
    zero: 0,
    one: 1,
    add: (a, b) => a + b,
    sub: (a, b) => a - b,
    mul: (a, b) => a * b,
    div: (a, b) => a / b,
    neg: (a) => -a,
    abs: (a) => Math.abs(a),
    sign: (a) => (isZero(a) ? 0 : a > 0 ? 1 : -1),
    isZero,
    cmp: (a, b) => (isZero(a - b) ? 0 : a < b ? -1 : 1),
    eq: (a, b) => isZero(a - b),
    fromInt: (n) => Number(n),
    fromRational: (r) => r.toNumber(),
    toNumber: (a) => a,
    toString: (a) => String(a),
  };
}

/** float64 with a 1e-12 absolute zero threshold. */
export const Float64Field: Field<number> = createFloat64Field();

/** True when `F` is the exact rational field (narrows `T` to Rational). */
export function isRationalField(F: Field<unknown>): F is Field<Rational> {
  return F.kind === 'rational';
}

/** True when `F` is a float64 field, whatever its zero threshold (narrows `T` to number). */
export function isFloat64Field(F: Field<unknown>): F is Field<number> {
  return F.kind === 'float64';
}
