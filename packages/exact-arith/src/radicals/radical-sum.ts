/**
 * Exact sums of radicals Σ c_i·√q_i (elements of Q(√q_1, …, √q_m), SPEC §1 "Sums of radicals").
 * Terms whose radicands differ by a rational square are merged, so the remaining √q_i are linearly
 * independent over Q and `isZero` is an exact test.
 */
import { gcdBig, isPerfectSquare, isqrt } from '../bigint.js';
import { Rational, isRational } from '../rational.js';
import { SqrtRational } from '../sqrt-rational.js';

/** An exact element Σ c_i·√q_i of Q(√q_1, …, √q_m); zero test, +, −, × are exact. */
export class RadicalSum {
  /** radicand → rational coefficient (no zero coefficients, pairwise non-square-equivalent keys). */
  private readonly terms: Map<bigint, Rational>;

  private constructor(terms: Map<bigint, Rational>) {
    this.terms = terms;
  }

  static readonly ZERO = new RadicalSum(new Map());

  static of(x: SqrtRational | Rational): RadicalSum {
    const s = isRational(x) ? SqrtRational.fromRational(x) : x;
    const m = new Map<bigint, Rational>();
    if (!s.isZero()) m.set(s.q, s.r);
    return new RadicalSum(m);
  }

  /** Number of independent radicals. */
  get size(): number {
    return this.terms.size;
  }

  private static insert(m: Map<bigint, Rational>, c: Rational, q: bigint): void {
    if (c.isZero()) return;
    let key = q;
    let coef = c;
    if (!m.has(q)) {
      for (const k of m.keys()) {
        const prod = k * q;
        if (isPerfectSquare(prod)) {
          // √q = (√(kq)/k)·√k
          coef = c.mul(Rational.of(isqrt(prod), k));
          key = k;
          break;
        }
      }
    }
    const next = (m.get(key) ?? Rational.ZERO).add(coef);
    if (next.isZero()) m.delete(key);
    else m.set(key, next);
  }

  add(o: RadicalSum): RadicalSum {
    const m = new Map(this.terms);
    for (const [q, c] of o.terms) RadicalSum.insert(m, c, q);
    return new RadicalSum(m);
  }

  neg(): RadicalSum {
    const m = new Map<bigint, Rational>();
    for (const [q, c] of this.terms) m.set(q, c.neg());
    return new RadicalSum(m);
  }

  sub(o: RadicalSum): RadicalSum {
    return this.add(o.neg());
  }

  mul(o: RadicalSum): RadicalSum {
    const m = new Map<bigint, Rational>();
    for (const [q1, c1] of this.terms)
      for (const [q2, c2] of o.terms) {
        // q1, q2 are normal forms: q1·q2 = g²·(q1/g)(q2/g) needs no new trial division
        const g = gcdBig(q1, q2);
        let q = (q1 / g) * (q2 / g);
        let c = c1.mul(c2).mul(Rational.fromBigInt(g));
        if (q !== 1n && isPerfectSquare(q)) {
          c = c.mul(Rational.fromBigInt(isqrt(q)));
          q = 1n;
        }
        RadicalSum.insert(m, c, q);
      }
    return new RadicalSum(m);
  }

  isZero(): boolean {
    return this.terms.size === 0;
  }

  toNumber(): number {
    let s = 0;
    for (const [q, c] of this.terms) s += SqrtRational.of(c, q).toNumber();
    return s;
  }

  /** SPEC §1 optional exact form, e.g. `9 - 6*sqrt(2)`. */
  toString(): string {
    if (this.terms.size === 0) return '0';
    const parts = [...this.terms.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([q, c]) => SqrtRational.of(c, q).toString());
    return parts.join(' + ').replace(/\+ -/g, '- ');
  }
}

/** Exact complex numbers with RadicalSum parts: used to compose rotations by dihedral angles. */
export interface RadicalComplex {
  re: RadicalSum;
  im: RadicalSum;
}

export function complexMul(a: RadicalComplex, b: RadicalComplex): RadicalComplex {
  return {
    re: a.re.mul(b.re).sub(a.im.mul(b.im)),
    im: a.re.mul(b.im).add(a.im.mul(b.re)),
  };
}

/**
 * e^{iθ} for θ ∈ [0, π] given cos θ exactly (sin θ = √(1 − cos²θ) ≥ 0); a caller that knows sin θ
 * exactly (e.g. from the facet normals) passes it and saves a square-root normal form.
 */
export function unitFromCos(cos: SqrtRational, sin?: SqrtRational): RadicalComplex {
  const s = sin ?? SqrtRational.sqrt(Rational.ONE.sub(cos.squared()));
  return { re: RadicalSum.of(cos), im: RadicalSum.of(s) };
}
