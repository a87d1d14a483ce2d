/**
 * Issue 11: the 2-D float path's exact fallback rounds the integer shoelace sums directly
 * (roundedPolygonMeasures) — the same doubles as the exact Rationals' toNumber().
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational, integerPointToRationals } from '@mlgeo/exact-arith';
import { cyclicOrder, polygonAreaCentroid, roundedPolygonMeasures } from './cell-measures.js';
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

describe('cyclicOrder (issue 11: typed-array neighbours)', () => {
  /** The cycle of a polygon's edges, walked by hand: the oracle. */
  function walk(n: number, edges: number[][]): number[] | null {
    const nbrs: number[][] = Array.from({ length: n }, () => []);
    for (const [a, b] of edges) {
      nbrs[a!]!.push(b!);
      nbrs[b!]!.push(a!);
    }
    if (nbrs.some((x) => x.length !== 2)) return null;
    const order = [0];
    let prev = -1;
    let cur = 0;
    for (let k = 1; k < n; k++) {
      const step = nbrs[cur]![0] !== prev ? nbrs[cur]![0]! : nbrs[cur]![1]!;
      prev = cur;
      cur = step;
      if (cur === 0) return null;
      order.push(cur);
    }
    return nbrs[cur]!.includes(0) ? order : null;
  }

  it('a shuffled polygon incidence gives its cycle; other incidences (two cycles, a path, a vertex of degree 3) give null, as the walk by hand', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 12 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.constantFrom('polygon', 'two cycles', 'path', 'chord'),
        (n, seed, kind) => {
          const perm = Array.from({ length: n }, (_, i) => i);
          let r = seed;
          for (let i = n - 1; i > 0; i--) {
            r = (r * 1103515245 + 12345) % 2 ** 31;
            const j = r % (i + 1);
            [perm[i], perm[j]] = [perm[j]!, perm[i]!];
          }
          let edges = perm.map((v, i) => [v, perm[(i + 1) % n]!]);
          if (kind === 'path') edges = edges.slice(1);
          if (kind === 'chord') edges.push([perm[0]!, perm[2]!]);
          if (kind === 'two cycles' && n >= 6)
            edges = [
              ...perm.slice(0, 3).map((v, i) => [v, perm[(i + 1) % 3]!]),
              ...perm.slice(3).map((v, i) => [v, perm[3 + ((i + 1) % (n - 3))]!]),
            ];
          const got = cyclicOrder(n, edges);
          expect(got).toEqual(walk(n, edges));
          if (kind === 'polygon')
            expect(got!.slice().sort((a, b) => a - b)).toEqual(perm.slice().sort((a, b) => a - b));
          else if (kind !== 'two cycles' || n >= 6) expect(got).toBeNull();
        },
      ),
      { numRuns: 400 },
    );
  });
});
