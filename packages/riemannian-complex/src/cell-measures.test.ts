/**
 * Issue 11: the 2-D float path's exact fallback rounds the integer shoelace sums directly
 * (roundedPolygonMeasures) — the same doubles as the exact Rationals' toNumber().
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { integerPointToRationals } from '@mlgeo/exact-arith';
import { polygonAreaCentroid, roundedPolygonMeasures } from './cell-measures.js';

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
