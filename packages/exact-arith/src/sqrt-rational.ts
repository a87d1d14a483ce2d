/**
 * r·√q values (SPEC §1): r rational carrying the sign, q a positive integer with small square
 * factors moved into r. Equality and order are decided by the sign and r²q, never by comparing q.
 */
import { bitLength, isqrt } from './bigint.js';
import { DivisionByZeroError, NegativeRadicandError, NumberParseError } from './errors.js';
import { fractionToDouble } from './float.js';
import { Rational } from './rational.js';

/** The primes up to 10^4 (SPEC §1 trial-division bound), by a sieve. */
const SMALL_PRIMES: readonly number[] = (() => {
  const limit = 10_000;
  const composite = new Uint8Array(limit + 1);
  const primes: number[] = [];
  for (let p = 2; p <= limit; p++) {
    if (composite[p]) continue;
    primes.push(p);
    for (let m = p * p; m <= limit; m += p) composite[m] = 1;
  }
  return primes;
})();

/**
 * Products of consecutive small primes that stay below 2^53, so one BigInt remainder per group
 * decides divisibility by every prime of the group in float arithmetic (exact on integers < 2^53).
 */
const PRIME_GROUPS: readonly { product: bigint; primes: readonly number[] }[] = (() => {
  const groups: { product: bigint; primes: number[] }[] = [];
  let current: number[] = [];
  let product = 1;
  for (const p of SMALL_PRIMES) {
    if (product * p > Number.MAX_SAFE_INTEGER) {
      groups.push({ product: BigInt(product), primes: current });
      current = [];
      product = 1;
    }
    current.push(p);
    product *= p;
  }
  if (current.length > 0) groups.push({ product: BigInt(product), primes: current });
  return groups;
})();

/** Moves square factors p² (p ≤ 10^4) and a perfect-square remainder of q into the coefficient. */
function extractSquares(q: bigint): { outside: bigint; inside: bigint } {
  if (q < SMALL_LIMIT) return extractSquaresSmall(Number(q));
  let outside = 1n;
  let inside = q;
  for (const group of PRIME_GROUPS) {
    const residue = Number(inside % group.product);
    for (const p of group.primes) {
      if (residue % p !== 0) continue;
      // p divides q: divide out p² as often as it goes (exact BigInt work only for these primes)
      const bp = BigInt(p);
      const p2 = bp * bp;
      while (inside % p2 === 0n) {
        inside /= p2;
        outside *= bp;
      }
    }
  }
  const root = isqrt(inside);
  if (root * root === inside) {
    outside *= root;
    inside = 1n;
  }
  return { outside, inside };
}

/** Radicands below 2^50 are factored with float arithmetic (exact on integers < 2^53). */
const SMALL_LIMIT = 1n << 50n;

/** extractSquares for q < 2^50, on doubles (the hot path: most radicands are small). */
function extractSquaresSmall(q: number): { outside: bigint; inside: bigint } {
  let outside = 1;
  let inside = q;
  for (let p = 2; p <= 10_000 && p * p <= inside; p += p === 2 ? 1 : 2) {
    const p2 = p * p;
    while (inside % p2 === 0) {
      inside /= p2;
      outside *= p;
    }
  }
  const root = Math.round(Math.sqrt(inside));
  if (root * root === inside) {
    outside *= root;
    inside = 1;
  }
  return { outside: BigInt(outside), inside: BigInt(inside) };
}

/** √(n/d) as a double for n, d > 0 without overflow or underflow of the intermediate square. */
function sqrtOfFraction(n: bigint, d: bigint): number {
  // scale n/d by an even power of two 2^(-2k) into [1/4, 4), take the root, rescale by 2^k
  const k = Math.floor((bitLength(n) - bitLength(d)) / 2);
  const scaled =
    k >= 0 ? fractionToDouble(n, d << BigInt(2 * k)) : fractionToDouble(n << BigInt(-2 * k), d);
  // two half-steps so that 2^k itself never overflows/underflows before the product does
  const half = Math.trunc(k / 2);
  return Math.sqrt(scaled) * 2 ** half * 2 ** (k - half);
}

/** An exact value r·√q (SPEC §1), immutable and in normal form. */
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
    if (qr.sign() < 0) throw new NegativeRadicandError(qr.toString(), 'q');
    if (r.isZero() || qr.isZero()) return SqrtRational.ZERO;
    // √(a/b) = √(ab)/b
    const { outside, inside } = extractSquares(qr.num * qr.den);
    return new SqrtRational(r.mul(Rational.of(outside, qr.den)), inside);
  }

  /** r·√q for a q already in normal form (no square extraction). */
  private static withRadicand(r: Rational, q: bigint): SqrtRational {
    return r.isZero() ? SqrtRational.ZERO : new SqrtRational(r, q);
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
    // q is already in normal form: a rational factor needs no new square extraction
    if (o instanceof Rational) return SqrtRational.withRadicand(this.r.mul(o), this.q);
    if (o.q === 1n) return SqrtRational.withRadicand(this.r.mul(o.r), this.q);
    if (this.q === 1n) return SqrtRational.withRadicand(this.r.mul(o.r), o.q);
    // √q·√q = q: skip the trial division of q²
    if (this.q === o.q)
      return SqrtRational.fromRational(this.r.mul(o.r).mul(Rational.fromBigInt(this.q)));
    return SqrtRational.of(this.r.mul(o.r), this.q * o.q);
  }

  div(o: SqrtRational | Rational): SqrtRational {
    if (o.isZero()) throw new DivisionByZeroError();
    if (o instanceof Rational) return SqrtRational.withRadicand(this.r.div(o), this.q);
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
    if (this.q === o.q) return SqrtRational.withRadicand(this.r.add(o.r), this.q);
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

  /**
   * Float value within about one ulp: sign·√(r²q), the square rounded once and rescaled by a power
   * of two so that neither r²q's overflow nor its underflow spoils a representable result.
   */
  toNumber(): number {
    if (this.q === 1n) return this.r.toNumber();
    const sq = this.squared();
    return this.sign() * sqrtOfFraction(sq.num, sq.den);
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

  /**
   * Parses the SPEC §1 string form back (`1/2*sqrt(2)`, `-sqrt(3)`, `3/8`); the radicand may be
   * any non-negative integer (the result is put in normal form). Throws NumberParseError.
   */
  static parse(text: string, field?: string): SqrtRational {
    const s = text.trim();
    const m = /^(?:([^*]+)\*)?(-)?sqrt\(\s*(\d+)\s*\)$/.exec(s);
    if (!m) {
      if (s.includes('sqrt')) throw new NumberParseError(text, field);
      return SqrtRational.fromRational(Rational.parse(s, field));
    }
    if (m[1] !== undefined && m[2] === '-') throw new NumberParseError(text, field);
    let r = m[1] !== undefined ? Rational.parse(m[1], field) : Rational.ONE;
    if (m[2] === '-') r = r.neg();
    return SqrtRational.of(r, BigInt(m[3]!));
  }
}
