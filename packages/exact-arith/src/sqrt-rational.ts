/**
 * r·√q values (SPEC §1): r rational carrying the sign, q a positive integer with small square
 * factors moved into r. Equality and order are decided by the sign and r²q, never by comparing q.
 */
import { isqrt } from './bigint.js';
import { DivisionByZeroError } from './errors.js';
import { Rational } from './rational.js';

const TRIAL_DIVISION_LIMIT = 10_000n;

/** Moves square factors p² (p ≤ 10^4) and a perfect-square remainder of q into the coefficient. */
function extractSquares(q: bigint): { outside: bigint; inside: bigint } {
  let outside = 1n;
  let inside = q;
  for (let p = 2n; p <= TRIAL_DIVISION_LIMIT && p * p <= inside; p += p === 2n ? 1n : 2n) {
    const p2 = p * p;
    while (inside % p2 === 0n) {
      inside /= p2;
      outside *= p;
    }
  }
  const root = isqrt(inside);
  if (root * root === inside) {
    outside *= root;
    inside = 1n;
  }
  return { outside, inside };
}

export class SqrtRational {
  /** Rational coefficient (carries the sign). */
  readonly r: Rational;
  /** Positive integer radicand (1 when the value is rational). */
  readonly q: bigint;

  private constructor(r: Rational, q: bigint) {
    this.r = r;
    this.q = q;
  }

  static readonly ZERO = new SqrtRational(Rational.ZERO, 1n);
  static readonly ONE = new SqrtRational(Rational.ONE, 1n);

  /** r·√q in normal form; q may be any non-negative rational. */
  static of(r: Rational, q: Rational | bigint = 1n): SqrtRational {
    const qr = typeof q === 'bigint' ? Rational.fromBigInt(q) : q;
    if (qr.sign() < 0) throw new RangeError('SqrtRational radicand must be non-negative');
    if (r.isZero() || qr.isZero()) return SqrtRational.ZERO;
    // √(a/b) = √(ab)/b
    const { outside, inside } = extractSquares(qr.num * qr.den);
    return new SqrtRational(r.mul(Rational.of(outside, qr.den)), inside);
  }

  static fromRational(r: Rational): SqrtRational {
    return r.isZero() ? SqrtRational.ZERO : new SqrtRational(r, 1n);
  }

  /** √x for a rational x ≥ 0. */
  static sqrt(x: Rational): SqrtRational {
    return SqrtRational.of(Rational.ONE, x);
  }

  /** The exact rational r²·q (= value²); with the sign it decides equality and order. */
  squared(): Rational {
    return this.r.mul(this.r).mul(Rational.fromBigInt(this.q));
  }

  sign(): -1 | 0 | 1 {
    return this.r.sign();
  }

  isZero(): boolean {
    return this.r.isZero();
  }

  isRational(): boolean {
    return this.q === 1n;
  }

  /** The rational value, or undefined when the value is irrational (q > 1 in normal form). */
  toRational(): Rational | undefined {
    return this.q === 1n ? this.r : undefined;
  }

  neg(): SqrtRational {
    return new SqrtRational(this.r.neg(), this.q);
  }

  abs(): SqrtRational {
    return this.r.sign() < 0 ? this.neg() : this;
  }

  mul(o: SqrtRational | Rational): SqrtRational {
    if (o instanceof Rational) return SqrtRational.of(this.r.mul(o), this.q);
    return SqrtRational.of(this.r.mul(o.r), this.q * o.q);
  }

  div(o: SqrtRational | Rational): SqrtRational {
    if (o.isZero()) throw new DivisionByZeroError();
    if (o instanceof Rational) return SqrtRational.of(this.r.div(o), this.q);
    // r1√q1 / (r2√q2) = (r1/(r2 q2)) √(q1 q2)
    return SqrtRational.of(this.r.div(o.r.mul(Rational.fromBigInt(o.q))), this.q * o.q);
  }

  /**
   * Sum when it is again an r·√q value (both radicands equal up to a rational square), else
   * undefined: sums of unlike radicals are not r·√q values (SPEC §1, "Sums of radicals").
   */
  tryAdd(o: SqrtRational): SqrtRational | undefined {
    if (this.isZero()) return o;
    if (o.isZero()) return this;
    if (this.q === o.q) return SqrtRational.of(this.r.add(o.r), this.q);
    const prod = this.q * o.q;
    const root = isqrt(prod);
    if (root * root !== prod) return undefined;
    // √q2 = (root/q1)·√q1
    return SqrtRational.of(this.r.add(o.r.mul(Rational.of(root, this.q))), this.q);
  }

  cmp(o: SqrtRational): -1 | 0 | 1 {
    const s1 = this.sign();
    const s2 = o.sign();
    if (s1 !== s2) return s1 < s2 ? -1 : 1;
    if (s1 === 0) return 0;
    const c = this.squared().cmp(o.squared());
    return (s1 > 0 ? c : -c) as -1 | 0 | 1;
  }

  equals(o: SqrtRational): boolean {
    return this.cmp(o) === 0;
  }

  /** Float value, accurate to a few ulps (computed as sign·√(r²q) from the exact square). */
  toNumber(): number {
    if (this.q === 1n) return this.r.toNumber();
    const sq = this.squared();
    return this.sign() * Math.sqrt(sq.toNumber());
  }

  /** SPEC §1 string form: `r`, `sqrt(q)`, `-sqrt(q)` or `r*sqrt(q)`. */
  toString(): string {
    if (this.q === 1n) return this.r.toString();
    if (this.r.equals(Rational.ONE)) return `sqrt(${this.q})`;
    if (this.r.equals(Rational.MINUS_ONE)) return `-sqrt(${this.q})`;
    return `${this.r.toString()}*sqrt(${this.q})`;
  }

  /** SPEC §1 JSON form. */
  toJSON(): { exact: string; r: string; q: string; float: number; sign: number; squared: string } {
    return {
      exact: this.toString(),
      r: this.r.toString(),
      q: this.q.toString(),
      float: this.toNumber(),
      sign: this.sign(),
      squared: this.squared().toString(),
    };
  }

  /** Parses the SPEC §1 string form back (`1/2*sqrt(2)`, `-sqrt(3)`, `3/8`). */
  static parse(text: string): SqrtRational {
    const s = text.trim();
    const m = /^(?:(.+?)\*)?(-)?sqrt\((\d+)\)$/.exec(s);
    if (!m) return SqrtRational.fromRational(Rational.parse(s));
    let r = m[1] !== undefined ? Rational.parse(m[1]) : Rational.ONE;
    if (m[2] === '-') r = r.neg();
    return SqrtRational.of(r, BigInt(m[3]!));
  }
}
