import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { angleFromCos } from './angle.js';
import { Rational } from './rational.js';
import { SqrtRational } from './sqrt-rational.js';

describe('angleFromCos', () => {
  it('gives the closed forms 0, π/4, π/2, 2π/3, π', () => {
    const half = Rational.of(1, 2);
    expect(angleFromCos(SqrtRational.fromRational(Rational.ONE))).toBe(0);
    expect(angleFromCos(SqrtRational.sqrt(half))).toBeCloseTo(Math.PI / 4, 15);
    expect(angleFromCos(SqrtRational.fromRational(Rational.ZERO))).toBeCloseTo(Math.PI / 2, 15);
    expect(angleFromCos(SqrtRational.fromRational(half.neg()))).toBeCloseTo((2 * Math.PI) / 3, 15);
    expect(angleFromCos(SqrtRational.fromRational(Rational.ONE.neg()))).toBe(Math.PI);
  });

  it('keeps tiny angles where arccos gives 0 (cos θ = 1/√(1 + t²), θ = atan t)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 12 }), (k) => {
        const t = Rational.of(1, 10n ** BigInt(k));
        const cos = SqrtRational.sqrt(Rational.ONE.div(Rational.ONE.add(t.mul(t))));
        const theta = Math.atan(t.toNumber());
        return Math.abs(angleFromCos(cos) - theta) <= 1e-15 * theta;
      }),
    );
  });
});
