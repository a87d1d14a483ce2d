/**
 * Issue 11: the 2-D float path's exact fallback rounds the integer shoelace sums directly
 * (roundedPolygonMeasures) — the same doubles as the exact Rationals' toNumber().
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational, integerPointToRationals } from '@mlgeo/exact-arith';
import { polygonAreaCentroid, roundedPolygonMeasures } from './cell-measures.js';
import { roundingError } from './float-values.js';

const point = fc
  .tuple(
    fc.bigInt({ min: -(1n << 80n), max: 1n << 80n }),
    fc.bigInt({ min: -(1n << 80n), max: 1n << 80n }),
    fc.bigInt({ min: 1n, max: 1n << 70n }),
  )
  .map(([x, y, den]) => ({ num: [x, y], den }));

describe('roundedPolygonMeasures (issue 11)', () => {
  it('equals the exact area and centroid rounded, either orientation', () => {
    fc.assert(
      fc.property(fc.array(point, { minLength: 3, maxLength: 7 }), fc.boolean(), (pts, rev) => {
        const ip = rev ? pts.slice().reverse() : pts;
        const exact = polygonAreaCentroid(ip.map(integerPointToRationals));
        const r = roundedPolygonMeasures(ip);
        if (exact.area.isZero()) {
          expect(r).toBeUndefined();
          return;
        }
        expect(r!.area).toBe(exact.area.toNumber());
        expect(r!.centroid).toEqual(exact.centroid.map((c) => c.toNumber()));
      }),
      { numRuns: 300 },
    );
  });
});

describe('roundingError (issue 11)', () => {
  it('bounds the error of a correctly rounded rational, subnormals included', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(1n << 200n), max: 1n << 200n }),
        fc.bigInt({ min: 1n, max: 1n << 1200n }),
        (num, den) => {
          const x = Rational.of(num, den);
          const v = x.toNumber();
          if (!Number.isFinite(v)) return;
          const err = Rational.fromDouble(roundingError(v));
          expect(x.sub(Rational.fromDouble(v)).abs().cmp(err) <= 0).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
