/**
 * Issue 11 (s12-exact2): `reducedVertexPoint` is exact-arith's `reducedIntegerPoint` (the same
 * reduced point), and the coordinates `pointRationals` reads from it — the first one registered
 * at reduction — are the reduced Rationals num_k/den (fast-check: common factors, zeros, signs).
 */
import { Rational, reducedIntegerPoint } from '@mlgeo/exact-arith';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pointRationals, reducedVertexPoint } from './vertex-rationals.js';

const big = fc
  .tuple(fc.bigInt({ min: -(1n << 180n), max: 1n << 180n }), fc.nat(180))
  .map(([x, s]) => x >> BigInt(s));

describe('reducedVertexPoint (issue 11, s12-exact2)', () => {
  it('is reducedIntegerPoint; its Rationals are the coordinates reduced', () => {
    fc.assert(
      fc.property(
        fc.array(big, { minLength: 1, maxLength: 4 }),
        big.filter((d) => d !== 0n),
        fc.bigInt({ min: 1n, max: 1n << 70n }),
        fc.boolean(),
        (num, den, factor, scale) => {
          // a common factor (of the point, or of the first coordinate and den only)
          const n = scale ? num.map((v) => v * factor) : [num[0]! * factor, ...num.slice(1)];
          const d = den * factor;
          const p = reducedVertexPoint(n, d);
          const q = reducedIntegerPoint(n, d);
          expect(p.den).toBe(q.den);
          expect(p.num).toEqual(q.num);
          const r = pointRationals(p);
          // the caller's own point object is the one registered
          const own = reducedVertexPoint(n, d, (num, den) => ({ num, den, tag: 1 }));
          expect(own.tag).toBe(1);
          expect(pointRationals(own)[0]!.den).toBe(r[0]!.den);
          n.forEach((v, k) => {
            const want = Rational.of(v, d);
            expect(r[k]!.num).toBe(want.num);
            expect(r[k]!.den).toBe(want.den);
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps the Rationals on points with slots, and reads points without them (frozen) alike', () => {
    const p = reducedVertexPoint([6n, -4n, 0n], 8n);
    const slots = p as { first?: Rational; rationals?: readonly Rational[] };
    expect(slots.first?.equals(Rational.of(3n, 4n))).toBe(true);
    const r = pointRationals(p);
    expect(slots.rationals).toBe(r);
    expect(pointRationals(p)).toBe(r);
    expect(r.map(String)).toEqual(['3/4', '-1/2', '0']);
    const frozen = Object.freeze({ num: [3n, -2n, 0n], den: 4n });
    const q = pointRationals(frozen);
    expect(q.map(String)).toEqual(['3/4', '-1/2', '0']);
    expect(pointRationals(frozen)).toBe(q);
  });
});
