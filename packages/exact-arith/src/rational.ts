/**
 * Exact rational numbers on BigInt, always in lowest terms with a positive denominator (SPEC §1).
 */
import Fraction from 'fraction.js';
import { absBig, gcdBig } from './bigint.js';
import { DivisionByZeroError, NumberParseError } from './errors.js';
import { doubleToFraction, fractionToDouble } from './float.js';

/** Anything that names an exact rational: numbers are converted exactly (IEEE-754 bits). */
export type RationalLike = Rational | bigint | number | string | Fraction;

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const FRACTION = /^([+-]?\d+)\s*\/\s*([+-]?\d+)$/;

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

  /** num/den reduced to lowest terms. */
  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    let n = typeof num === 'bigint' ? num : BigInt(num);
    let d = typeof den === 'bigint' ? den : BigInt(den);
    if (d === 0n) throw new DivisionByZeroError();
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
    let exponent = (expPart ? Number(expPart) : 0) - fracPart.length;
    if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 100_000) {
      throw new NumberParseError(text, field);
    }
    return exponent >= 0
      ? Rational.fromBigInt(num * 10n ** BigInt(exponent))
      : Rational.of(num, 10n ** BigInt(-exponent));
  }

  /** Converts any RationalLike exactly. */
  static from(x: RationalLike, field?: string): Rational {
    if (x instanceof Rational) return x;
    if (typeof x === 'bigint') return Rational.fromBigInt(x);
    if (typeof x === 'number') return Rational.fromDouble(x, field);
    if (typeof x === 'string') return Rational.parse(x, field);
    if (x instanceof Fraction) {
      const s = x.s as unknown as bigint;
      return Rational.of(
        BigInt(s) * BigInt(x.n as unknown as bigint),
        BigInt(x.d as unknown as bigint),
      );
    }
    throw new NumberParseError(String(x), field);
  }

  add(o: Rational): Rational {
    if (this.den === o.den) return Rational.of(this.num + o.num, this.den);
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }

  sub(o: Rational): Rational {
    if (this.den === o.den) return Rational.of(this.num - o.num, this.den);
    return Rational.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }

  mul(o: Rational): Rational {
    if (this.num === 0n || o.num === 0n) return Rational.ZERO;
    // cross-reduce first so the products stay small
    const g1 = gcdBig(this.num, o.den);
    const g2 = gcdBig(o.num, this.den);
    return new Rational((this.num / g1) * (o.num / g2), (this.den / g2) * (o.den / g1));
  }

  div(o: Rational): Rational {
    if (o.num === 0n) throw new DivisionByZeroError();
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
    return new Rational(this.num ** BigInt(k), this.den ** BigInt(k));
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
    return this.den === 1n && absBig(this.num) <= 9007199254740991n
      ? Number(this.num)
      : fractionToDouble(this.num, this.den);
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

/** Shorthand: `rat(1, 2)`, `rat('0.1')`, `rat(0.5)`. */
export function rat(x: RationalLike | bigint, den?: bigint | number): Rational {
  if (den !== undefined) return Rational.of(typeof x === 'bigint' ? x : BigInt(x as number), den);
  return Rational.from(x);
}
