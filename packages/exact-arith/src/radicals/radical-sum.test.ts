/**
 * Exact sums of radicals and the rotation products used by the angle-sum check.
 */
import { Rational } from '../rational.js';
import { SqrtRational } from '../sqrt-rational.js';
import { describe, expect, it } from 'vitest';
import { RadicalSum, complexMul, unitFromCos } from './radical-sum.js';

const r = (s: string) => RadicalSum.of(SqrtRational.parse(s));

describe('RadicalSum', () => {
  it('(√2 + √3)² = 5 + 2√6 and √2·√8 = 4', () => {
    const s = r('sqrt(2)').add(r('sqrt(3)'));
    expect(
      s
        .mul(s)
        .sub(RadicalSum.of(Rational.of(5n)))
        .sub(r('2*sqrt(6)'))
        .isZero(),
    ).toBe(true);
    expect(r('sqrt(2)').mul(r('sqrt(8)')).toString()).toBe('4');
    expect(s.isZero()).toBe(false);
    expect(s.toNumber()).toBeCloseTo(Math.SQRT2 + Math.sqrt(3), 14);
  });

  it('merges radicands that differ by a square beyond the trial-division bound', () => {
    const p = 10007n; // prime > 10^4: SqrtRational keeps √(p²·3) unreduced
    const big = SqrtRational.of(Rational.ONE, p * p * 3n);
    expect(big.q).toBe(p * p * 3n);
    const diff = RadicalSum.of(big).sub(RadicalSum.of(SqrtRational.of(Rational.fromBigInt(p), 3n)));
    expect(diff.isZero()).toBe(true);
  });

  it('e^{iπ/4} to the 8th is 1, e^{i3π/4}·e^{iπ/4} = −1 (exact)', () => {
    const e = unitFromCos(SqrtRational.parse('1/2*sqrt(2)'));
    let z = { re: RadicalSum.of(Rational.ONE), im: RadicalSum.ZERO };
    for (let k = 0; k < 8; k++) z = complexMul(z, e);
    expect(z.re.sub(RadicalSum.of(Rational.ONE)).isZero()).toBe(true);
    expect(z.im.isZero()).toBe(true);
    const w = complexMul(unitFromCos(SqrtRational.parse('-1/2*sqrt(2)')), e);
    expect(w.re.add(RadicalSum.of(Rational.ONE)).isZero()).toBe(true);
    expect(w.im.isZero()).toBe(true);
  });

  it('a rotation that is off by a tiny angle is detected exactly', () => {
    // 4 angles arccos(0) = π/2 vs 3·(π/2) + arccos(−1/10^6) ≠ 2π
    const q = unitFromCos(SqrtRational.fromRational(Rational.ZERO));
    const off = unitFromCos(SqrtRational.fromRational(Rational.of(-1n, 1_000_000n)));
    const z = complexMul(complexMul(complexMul(q, q), q), off);
    expect(z.re.sub(RadicalSum.of(Rational.ONE)).isZero()).toBe(false);
  });
});
