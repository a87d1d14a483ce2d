/**
 * Exact rational numbers on BigInt, always in lowest terms with a positive denominator (SPEC §1).
 */
import Fraction from 'fraction.js';
import { absBig, gcdBig } from './bigint.js';
import { brandSymbol, hasBrand, setBrand } from './brand.js';
import { DivisionByZeroError, NumberParseError } from './errors.js';
import { doubleToFraction, fractionToDouble } from './float.js';

/** Anything that names an exact rational: numbers are converted exactly (IEEE-754 bits). */
export type RationalLike = Rational | bigint | number | string | Fraction;

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
/** 2^53: every integer up to this magnitude is an exact double. */
const MAX_EXACT_INT = 9007199254740992n;
const FRACTION = /^([+-]?\d+)\s*\/\s*([+-]?\d+)$/;

const RATIONAL = brandSymbol('@mlgeo/exact-arith.Rational');

/**
 * True for a Rational from any copy of @mlgeo/exact-arith (two installed versions, a bundle and a
 * Node install): use it instead of `instanceof Rational` on values from other packages.
 * `Rational.from(x)` turns such a value into one of this copy.
 */
export function isRational(x: unknown): x is Rational {
  return hasBrand(x, RATIONAL);
}

/** A fraction.js Fraction of any copy: bigint-valued `s`, `n`, `d`. */
function isFractionLike(x: unknown): x is Fraction {
  if (typeof x !== 'object' || x === null) return false;
  const f = x as { s?: unknown; n?: unknown; d?: unknown };
  return typeof f.s === 'bigint' && typeof f.n === 'bigint' && typeof f.d === 'bigint';
}

/** An exact rational on BigInt, immutable and always in lowest terms with a positive denominator. */
export class Rational {
  /** Numerator (carries the sign). */
  readonly num: bigint;
  /** Denominator, always > 0 and coprime to the numerator. */
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);
  static readonly MINUS_ONE = new Rational(-1n, 1n);

  /**
   * num/den reduced to lowest terms. Number arguments that are not integers are converted exactly
   * (IEEE-754 bits, SPEC §1), so `Rational.of(0.5, 3)` is 1/6; NaN/Infinity throw.
   */
  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    if (typeof num === 'number' && !Number.isInteger(num))
      return Rational.fromDouble(num, 'numerator').div(Rational.from(den, 'denominator'));
    if (typeof den === 'number' && !Number.isInteger(den)) {
      const d = Rational.fromDouble(den, 'denominator');
      if (d.isZero()) throw new DivisionByZeroError('denominator');
      return Rational.from(num).div(d);
    }
    let n = typeof num === 'bigint' ? num : BigInt(num);
    let d = typeof den === 'bigint' ? den : BigInt(den);
    if (d === 0n) throw new DivisionByZeroError('denominator');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    if (d === 1n) return Rational.fromBigInt(n);
    const g = gcdBig(n, d);
    return g === 1n ? new Rational(n, d) : new Rational(n / g, d / g);
  }

  /** Trusted constructor for an already-reduced fraction (internal kernels). */
  static unsafe(num: bigint, den: bigint): Rational {
    return new Rational(num, den);
  }

  static fromBigInt(n: bigint): Rational {
    if (n === 0n) return Rational.ZERO;
    if (n === 1n) return Rational.ONE;
    return new Rational(n, 1n);
  }

  /** The rational a finite double exactly is (SPEC §1); NaN/Infinity throw NonFiniteNumberError. */
  static fromDouble(x: number, field?: string): Rational {
    const { num, den } = doubleToFraction(x, field);
    return den === 1n ? Rational.fromBigInt(num) : new Rational(num, den);
  }

  /** The rational the float32 nearest to x exactly is (x is first rounded to float32). */
  static fromFloat32(x: number, field?: string): Rational {
    return Rational.fromDouble(Math.fround(x), field);
  }

  /**
   * Parses `"p/q"`, integers and decimal strings (`"0.1"` is 1/10, `"1.5e-3"` is 3/2000) exactly.
   */
  static parse(text: string, field?: string): Rational {
    const s = text.trim();
    const frac = FRACTION.exec(s);
    if (frac) {
      const den = BigInt(frac[2]!);
      if (den === 0n) throw new DivisionByZeroError(field);
      return Rational.of(BigInt(frac[1]!), den);
    }
    const dec = DECIMAL.exec(s);
    if (!dec || (dec[2] === '' && (dec[3] === undefined || dec[3] === ''))) {
      throw new NumberParseError(text, field);
    }
    const [, sign, intPart, fracPart = '', expPart] = dec;
    let num = BigInt((intPart || '0') + fracPart);
    if (sign === '-') num = -num;
    const exponent = (expPart ? Number(expPart) : 0) - fracPart.length;
    if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 100_000) {
      throw new NumberParseError(text, field);
    }
    return exponent >= 0
      ? Rational.fromBigInt(num * 10n ** BigInt(exponent))
      : Rational.of(num, 10n ** BigInt(-exponent));
  }

  /**
   * Converts any RationalLike exactly. A Rational of another copy of this package (see
   * {@link isRational}) becomes one of this copy; a Fraction of any copy of fraction.js is read
   * by its `s`, `n`, `d`.
   */
  static from(x: RationalLike, field?: string): Rational {
    if (x instanceof Rational) return x;
    if (isRational(x)) return new Rational(x.num, x.den);
    if (typeof x === 'bigint') return Rational.fromBigInt(x);
    if (typeof x === 'number') return Rational.fromDouble(x, field);
    if (typeof x === 'string') return Rational.parse(x, field);
    if (x instanceof Fraction || isFractionLike(x)) {
      const s = x.s as unknown as bigint;
      return Rational.of(
        BigInt(s) * BigInt(x.n as unknown as bigint),
        BigInt(x.d as unknown as bigint),
      );
    }
    throw new NumberParseError(String(x), field);
  }

  add(o: Rational): Rational {
    return Rational.addScaled(this, o.num, o.den);
  }

  sub(o: Rational): Rational {
    return Rational.addScaled(this, -o.num, o.den);
  }

  /**
   * a + n/d for a reduced n/d (Knuth, TAOCP 4.5.1): with g = gcd(a.den, d) only the gcd of the
   * new numerator with g is needed, so the gcds stay on small numbers.
   */
  private static addScaled(a: Rational, n: bigint, d: bigint): Rational {
    if (n === 0n) return a;
    if (a.num === 0n) return Rational.reduced(n, d);
    if (a.den === 1n && d === 1n) return Rational.fromBigInt(a.num + n);
    if (a.den === d) {
      // common denominator: reduce by gcd(num, den) only
      const t = a.num + n;
      if (t === 0n) return Rational.ZERO;
      const g = gcdBig(t, d);
      return g === 1n ? new Rational(t, d) : Rational.reduced(t / g, d / g);
    }
    const g = gcdBig(a.den, d);
    if (g === 1n) return new Rational(a.num * d + n * a.den, a.den * d);
    const dg = d / g;
    const t = a.num * dg + n * (a.den / g);
    if (t === 0n) return Rational.ZERO;
    const g2 = gcdBig(t, g);
    return g2 === 1n
      ? new Rational(t, (a.den / g) * d)
      : Rational.reduced(t / g2, (a.den / g) * (d / g2));
  }

  /** Wraps an already-reduced fraction, sharing the ZERO/ONE instances for integers. */
  private static reduced(n: bigint, d: bigint): Rational {
    return d === 1n ? Rational.fromBigInt(n) : new Rational(n, d);
  }

  mul(o: Rational): Rational {
    if (this.num === 0n || o.num === 0n) return Rational.ZERO;
    // cross-reduce first so the products stay small
    if (this.den === 1n && o.den === 1n) return Rational.fromBigInt(this.num * o.num);
    const g1 = o.den === 1n ? 1n : gcdBig(this.num, o.den);
    const g2 = this.den === 1n ? 1n : gcdBig(o.num, this.den);
    return Rational.reduced(
      (g1 === 1n ? this.num : this.num / g1) * (g2 === 1n ? o.num : o.num / g2),
      (g2 === 1n ? this.den : this.den / g2) * (g1 === 1n ? o.den : o.den / g1),
    );
  }

  div(o: Rational): Rational {
    if (o.num === 0n) throw new DivisionByZeroError();
    if (o.den === 1n && (o.num === 1n || o.num === -1n)) return o.num === 1n ? this : this.neg();
    return this.mul(o.inv());
  }

  neg(): Rational {
    return this.num === 0n ? this : new Rational(-this.num, this.den);
  }

  inv(): Rational {
    if (this.num === 0n) throw new DivisionByZeroError();
    return this.num < 0n ? new Rational(-this.den, -this.num) : new Rational(this.den, this.num);
  }

  abs(): Rational {
    return this.num < 0n ? new Rational(-this.num, this.den) : this;
  }

  /** Integer power (negative exponents allowed for non-zero values). */
  pow(k: number): Rational {
    if (!Number.isInteger(k)) throw new RangeError('Rational.pow needs an integer exponent');
    if (k < 0) return this.inv().pow(-k);
    return Rational.reduced(this.num ** BigInt(k), this.den ** BigInt(k));
  }

  sign(): -1 | 0 | 1 {
    return this.num > 0n ? 1 : this.num < 0n ? -1 : 0;
  }

  isZero(): boolean {
    return this.num === 0n;
  }

  isInteger(): boolean {
    return this.den === 1n;
  }

  cmp(o: Rational): -1 | 0 | 1 {
    // signs first: most comparisons in pivoting and LP ratio tests are decided here
    const s1 = this.sign();
    const s2 = o.sign();
    if (s1 !== s2) return s1 < s2 ? -1 : 1;
    if (this.den === o.den) return this.num < o.num ? -1 : this.num > o.num ? 1 : 0;
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  equals(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }

  lt(o: Rational): boolean {
    return this.cmp(o) < 0;
  }

  gt(o: Rational): boolean {
    return this.cmp(o) > 0;
  }

  floor(): bigint {
    const q = this.num / this.den;
    return this.num < 0n && q * this.den !== this.num ? q - 1n : q;
  }

  ceil(): bigint {
    return -this.neg().floor();
  }

  /** Correctly rounded double (ties to even). */
  toNumber(): number {
    // Both parts exactly representable: one IEEE division is correctly rounded.
    if (absBig(this.num) <= MAX_EXACT_INT && this.den <= MAX_EXACT_INT)
      return Number(this.num) / Number(this.den);
    return fractionToDouble(this.num, this.den);
  }

  /** `"p/q"`, or `"n"` for integers (SPEC §1 JSON form). */
  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }

  /** SPEC §1 JSON form `{"exact": "3/8", "float": 0.375}`. */
  toJSON(): { exact: string; float: number } {
    return { exact: this.toString(), float: this.toNumber() };
  }

  /** fraction.js value for callers that use it at their API edge. */
  toFraction(): Fraction {
    return new Fraction(this.num, this.den);
  }

  static min(a: Rational, b: Rational): Rational {
    return a.cmp(b) <= 0 ? a : b;
  }

  static max(a: Rational, b: Rational): Rational {
    return a.cmp(b) >= 0 ? a : b;
  }

  static sum(values: Iterable<Rational>): Rational {
    let s = Rational.ZERO;
    for (const v of values) s = s.add(v);
    return s;
  }
}
setBrand(Rational, RATIONAL);

/** Shorthand: `rat(1, 2)`, `rat('0.1')`, `rat(0.5)`. */
export function rat(x: RationalLike, den?: bigint | number): Rational {
  if (den === undefined) return Rational.from(x);
  if (typeof x === 'bigint' || typeof x === 'number') return Rational.of(x, den);
  const d = Rational.from(den, 'denominator');
  if (d.isZero()) throw new DivisionByZeroError('denominator');
  return Rational.from(x).div(d);
}
