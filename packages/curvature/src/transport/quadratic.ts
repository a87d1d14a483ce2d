/**
 * Numbers a + b·√q of one real quadratic field Q(√q) (q a square-free integer > 1, or q = 1 for
 * Q itself), with exact order: the walk masses of SPEC §8 when the M_1 weights are r·√q with a
 * single radicand, so W_1 stays exact (example B of SPEC §9: κ = −8 + 6√2).
 */
import { RadicalSum, Rational, SqrtRational } from '@mlgeo/exact-arith';
import type { Amounts } from './network-simplex.js';

export class Quadratic {
  constructor(
    readonly a: Rational,
    readonly b: Rational,
    readonly q: bigint,
  ) {}

  static rational(a: Rational, q: bigint): Quadratic {
    return new Quadratic(a, Rational.ZERO, q);
  }

  /** r·√s as an element of Q(√q); s must be 1 or q up to a rational square (checked). */
  static fromSqrtRational(x: SqrtRational, q: bigint): Quadratic {
    if (x.isZero() || x.q === 1n)
      return new Quadratic(x.toRational() ?? Rational.ZERO, Rational.ZERO, q);
    if (x.q !== q) throw new RangeError(`√${x.q} is not in Q(√${q})`);
    return new Quadratic(Rational.ZERO, x.r, q);
  }

  add(o: Quadratic): Quadratic {
    return new Quadratic(this.a.add(o.a), this.b.add(o.b), this.q);
  }
  sub(o: Quadratic): Quadratic {
    return new Quadratic(this.a.sub(o.a), this.b.sub(o.b), this.q);
  }
  mul(o: Quadratic): Quadratic {
    const Q = Rational.fromBigInt(this.q);
    return new Quadratic(
      this.a.mul(o.a).add(this.b.mul(o.b).mul(Q)),
      this.a.mul(o.b).add(this.b.mul(o.a)),
      this.q,
    );
  }
  scale(r: Rational): Quadratic {
    return new Quadratic(this.a.mul(r), this.b.mul(r), this.q);
  }
  /** x / y = x·(s − t√q) / (s² − t²q) for y = s + t√q ≠ 0 (the norm is nonzero as q is square-free). */
  div(o: Quadratic): Quadratic {
    const norm = o.a.mul(o.a).sub(o.b.mul(o.b).mul(Rational.fromBigInt(this.q)));
    return this.mul(new Quadratic(o.a, o.b.neg(), this.q)).scale(norm.inv());
  }
  /** Exact sign: a and b√q of one sign, or compare a² with b²q. */
  sign(): -1 | 0 | 1 {
    const sa = this.a.sign();
    const sb = this.b.sign();
    if (sb === 0) return sa;
    if (sa === 0 || sa === sb) return sb;
    const c = this.a.mul(this.a).cmp(this.b.mul(this.b).mul(Rational.fromBigInt(this.q)));
    return c === 0 ? 0 : c > 0 ? sa : sb;
  }
  cmp(o: Quadratic): -1 | 0 | 1 {
    return this.sub(o).sign();
  }
  isZero(): boolean {
    return this.a.isZero() && this.b.isZero();
  }
  isRational(): boolean {
    return this.b.isZero();
  }
  toNumber(): number {
    return this.a.toNumber() + this.b.toNumber() * Math.sqrt(Number(this.q));
  }
  toRadicalSum(): RadicalSum {
    const r = RadicalSum.of(this.a);
    return this.b.isZero() ? r : r.add(RadicalSum.of(SqrtRational.of(this.b, this.q)));
  }
  toString(): string {
    return this.toRadicalSum().toString();
  }
}

/** Q(√q) amounts for the network simplex. */
export function quadraticAmounts(q: bigint): Amounts<Quadratic> {
  return {
    zero: Quadratic.rational(Rational.ZERO, q),
    add: (x, y) => x.add(y),
    sub: (x, y) => x.sub(y),
    cmp: (x, y) => x.cmp(y),
    scale: (f, c) => f.scale(Rational.fromBigInt(BigInt(c))),
  };
}
