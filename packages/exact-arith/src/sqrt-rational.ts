/**
 * r·√q values (SPEC §1): r rational carrying the sign, q a positive integer with small square
 * factors moved into r. Equality and order are decided by the sign and r²q, never by comparing q.
 */
import { bitLength, gcdBig, isqrt } from './bigint.js';
import { DivisionByZeroError, NegativeRadicandError, NumberParseError } from './errors.js';
import { fractionToDouble } from './float.js';
import { brandSymbol, hasBrand, setBrand } from './brand.js';
import { Rational, isRational } from './rational.js';

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

/**
 * Groups of PRIME_GROUPS multiplied together (about 8 · 53 bits each): a large radicand is first
 * reduced modulo these, so the many per-group remainders are taken of short numbers (SPEC §1 trial
 * division, same result, fewer long BigInt divisions).
 */
const GROUPS_PER_BLOCK = 8;
const PRIME_BLOCKS: readonly { product: bigint; bits: number; first: number; end: number }[] =
  (() => {
    const blocks: { product: bigint; bits: number; first: number; end: number }[] = [];
    for (let first = 0; first < PRIME_GROUPS.length; first += GROUPS_PER_BLOCK) {
      const end = Math.min(first + GROUPS_PER_BLOCK, PRIME_GROUPS.length);
      let product = 1n;
      for (let g = first; g < end; g++) product *= PRIME_GROUPS[g]!.product;
      blocks.push({ product, bits: bitLength(product), first, end });
    }
    return blocks;
  })();

/** p | r for an integer-valued double 0 ≤ r < 2^53 and a small prime p (no float `%` call). */
function dividesExactly(r: number, p: number): boolean {
  const k = r / p;
  // when p | r the quotient is representable, so the division is exact; otherwise k·p ≠ r
  return Math.floor(k) === k && k * p === r;
}

/** Primes whose quadratic residues filter perfect squares before an isqrt (product < 2^53). */
const QR_PRIMES = [3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43] as const;
const QR_PRODUCT = QR_PRIMES.reduce((s, p) => s * BigInt(p), 1n);
const QR_TABLES: readonly Uint8Array[] = QR_PRIMES.map((p) => {
  const t = new Uint8Array(p);
  for (let x = 0; x < p; x++) t[(x * x) % p] = 1;
  return t;
});

/**
 * floor(√n) when n is a perfect square, else undefined. Most non-squares are rejected by their
 * residues mod 8 and mod small primes (a square is a quadratic residue mod every p) without
 * computing a square root.
 */
function exactSquareRoot(n: bigint): bigint | undefined {
  if (n < 0n) return undefined;
  if (n < 2n) return n;
  const low = Number(BigInt.asUintN(8, n));
  // squares mod 256: odd squares are ≡ 1 mod 8; an even square is divisible by 4
  if ((low & 1) === 1 ? (low & 7) !== 1 : (low & 3) !== 0) return undefined;
  if (n >= QR_PRODUCT) {
    const r = Number(n % QR_PRODUCT);
    for (let i = 0; i < QR_PRIMES.length; i++)
      if (!QR_TABLES[i]![r % QR_PRIMES[i]!]) return undefined;
  }
  const root = isqrt(n);
  return root * root === n ? root : undefined;
}

/** Moves square factors p² (p ≤ 10^4) and a perfect-square remainder of q into the coefficient. */
function extractSquares(q: bigint): { outside: bigint; inside: bigint } {
  if (q < SMALL_LIMIT) return extractSquaresSmall(Number(q));
  let outside = 1n;
  let inside = q;
  const qBits = bitLength(q);
  for (const block of PRIME_BLOCKS) {
    // a long radicand is first reduced by the block's product (the remainders are short)
    const reduced = qBits > block.bits + 64 ? q % block.product : q;
    for (let g = block.first; g < block.end; g++) {
      const group = PRIME_GROUPS[g]!;
      const residue = Number(reduced % group.product);
      for (const p of group.primes) {
        if (!dividesExactly(residue, p)) continue;
        // p divides q: divide out p² as often as it goes (exact BigInt work only for these primes)
        const bp = BigInt(p);
        const p2 = bp * bp;
        while (inside % p2 === 0n) {
          inside /= p2;
          outside *= bp;
        }
      }
    }
  }
  const root = exactSquareRoot(inside);
  if (root !== undefined) {
    outside *= root;
    inside = 1n;
  }
  return { outside, inside };
}

/**
 * Normal form of √(q1·q2) for two radicands already in normal form: with g = gcd(q1, q2),
 * q1·q2 = g²·(q1/g)(q2/g), and (q1/g)(q2/g) again has no square factor p² with p ≤ 10^4 (each
 * small prime divides q1 and q2 at most once), so only the final perfect-square test is left.
 */
function productOfRadicands(q1: bigint, q2: bigint): { outside: bigint; inside: bigint } {
  const g = gcdBig(q1, q2);
  let outside = g;
  let inside = (q1 / g) * (q2 / g);
  const root = exactSquareRoot(inside);
  if (root !== undefined) {
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

const SQRT_RATIONAL = brandSymbol('@mlgeo/exact-arith.SqrtRational');

/**
 * True for a SqrtRational from any copy of @mlgeo/exact-arith: use it instead of
 * `instanceof SqrtRational` on values from other packages.
 */
export function isSqrtRational(x: unknown): x is SqrtRational {
  return hasBrand(x, SQRT_RATIONAL);
}

/** An exact value r·√q (SPEC §1), immutable and in normal form. */
export class SqrtRational {
  /** Rational coefficient (carries the sign). */
  readonly r: Rational;
  /** Positive integer radicand (1 when the value is rational). */
  readonly q: bigint;

  /** r²q, computed on first use (toNumber, toJSON, cmp and squared all need it). */
  private squaredCache: Rational | undefined;

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
    if (this.squaredCache === undefined) {
      // r is in lowest terms, so r² is too: only q and den² can share factors (q is short, so
      // gcd(q, den²) costs one long remainder)
      const num2 = this.r.num * this.r.num;
      const den2 = this.r.den * this.r.den;
      const g = this.q === 1n || den2 === 1n ? 1n : gcdBig(this.q, den2);
      this.squaredCache = Rational.unsafe(num2 * (this.q / g), den2 / g);
    }
    return this.squaredCache;
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
    if (isRational(o)) return SqrtRational.withRadicand(this.r.mul(o), this.q);
    if (o.q === 1n) return SqrtRational.withRadicand(this.r.mul(o.r), this.q);
    if (this.q === 1n) return SqrtRational.withRadicand(this.r.mul(o.r), o.q);
    // √q·√q = q: skip the trial division of q²
    if (this.q === o.q)
      return SqrtRational.fromRational(this.r.mul(o.r).mul(Rational.fromBigInt(this.q)));
    // both radicands are in normal form: no new trial division is needed
    const { outside, inside } = productOfRadicands(this.q, o.q);
    return SqrtRational.withRadicand(this.r.mul(o.r).mul(Rational.fromBigInt(outside)), inside);
  }

  div(o: SqrtRational | Rational): SqrtRational {
    if (o.isZero()) throw new DivisionByZeroError();
    if (isRational(o)) return SqrtRational.withRadicand(this.r.div(o), this.q);
    if (o.q === 1n) return SqrtRational.withRadicand(this.r.div(o.r), this.q);
    // r1√q1 / (r2√q2) = (r1/(r2 q2)) √(q1 q2), and √(q1 q2) from the normal forms of q1, q2
    const scale = o.r.mul(Rational.fromBigInt(o.q));
    if (this.q === 1n) return SqrtRational.withRadicand(this.r.div(scale), o.q);
    if (this.q === o.q) return SqrtRational.fromRational(this.r.div(o.r));
    const { outside, inside } = productOfRadicands(this.q, o.q);
    return SqrtRational.withRadicand(this.r.div(scale).mul(Rational.fromBigInt(outside)), inside);
  }

  /**
   * Sum when it is again an r·√q value (both radicands equal up to a rational square), else
   * undefined: sums of unlike radicals are not r·√q values (SPEC §1, "Sums of radicals").
   */
  tryAdd(o: SqrtRational): SqrtRational | undefined {
    if (this.isZero()) return o;
    if (o.isZero()) return this;
    if (this.q === o.q) return SqrtRational.withRadicand(this.r.add(o.r), this.q);
    const root = exactSquareRoot(this.q * o.q);
    if (root === undefined) return undefined;
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
    // r²q need not be in lowest terms for its square root: skip the gcd unless it is cached
    const sq = this.squaredCache;
    return sq !== undefined
      ? this.sign() * sqrtOfFraction(sq.num, sq.den)
      : this.sign() * sqrtOfFraction(this.r.num * this.r.num * this.q, this.r.den * this.r.den);
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
setBrand(SqrtRational, SQRT_RATIONAL);
