/**
 * Issue 11, float path: the scalar 2-D cosine equals the ball-arithmetic one (same operations),
 * the float vertices solved from tight rows contain the exact vertices, and the float path's
 * point identities agree with exact equality.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Polytope } from '@mlgeo/exact-polytope';
import { Rational } from '@mlgeo/exact-arith';
import { floatCosAngle, floatCosAngleBalls } from './angles.js';
import {
  distance,
  distanceF,
  pointBalls,
  polygonAreaCentroid2,
  polygonAreaCentroid2F,
} from './float-values.js';
import { facetInfos } from './cells.js';
import { HyperplaneIds, floatSign, floatVertices } from './float-points.js';
import type { CellGeometry } from './cells.js';

const int = fc.integer({ min: -(2 ** 40), max: 2 ** 40 });

/** A random polygon/polyhedron: the box [−1, 1]^d cut by random half-spaces through near 0. */
function randomCell(d: number, rows: [number[], number][]): Polytope | null {
  const A: Rational[][] = [];
  const b: Rational[] = [];
  for (let k = 0; k < d; k++) {
    const e = Array.from({ length: d }, (_, i) => Rational.of(i === k ? 1 : 0));
    A.push(
      e,
      e.map((x) => x.neg()),
    );
    b.push(Rational.ONE, Rational.ONE);
  }
  for (const [a, c] of rows) {
    A.push(a.map((x) => Rational.of(BigInt(x))));
    b.push(Rational.of(BigInt(c), 1000n));
  }
  const P = Polytope.fromHRep(A, b);
  return P.isEmpty() || P.dimension() !== d ? null : P;
}

describe('float path primitives (issue 11)', () => {
  it('2-D cosine: scalar code = ball arithmetic, bit for bit', () => {
    fc.assert(
      fc.property(int, int, int, int, (a0, a1, b0, b1) => {
        fc.pre((a0 !== 0 || a1 !== 0) && (b0 !== 0 || b1 !== 0));
        const P = randomCell(2, [
          [[a0, a1], 1],
          [[b0, b1], 1],
        ]);
        fc.pre(P !== null);
        const F = facetInfos(P!);
        for (const f of F)
          for (const g of F) {
            if (f === g) continue;
            expect(floatCosAngle(f, g, 2)).toEqual(floatCosAngleBalls(f, g, 2));
          }
      }),
      { numRuns: 200 },
    );
  });

  it('2-D area and centroid: scalar code = ball arithmetic, bit for bit', () => {
    const pt = fc.tuple(
      fc.double({ min: -10, max: 10, noNaN: true }),
      fc.double({ min: -10, max: 10, noNaN: true }),
    );
    fc.assert(
      fc.property(
        fc.array(pt, { minLength: 3, maxLength: 9 }),
        fc.array(fc.double({ min: 0, max: 1e-12, noNaN: true }), { minLength: 9, maxLength: 9 }),
        (points, radii) => {
          const pts = points.map(([x, y]) => [x, y]);
          const order = pts.map((_, i) => pts.length - 1 - i);
          const ref = polygonAreaCentroid2(order.map((i) => pointBalls(pts[i]!, radii[i]!)));
          expect(polygonAreaCentroid2F(pts, radii, order)).toEqual(ref);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('distance of float points: scalar code = ball arithmetic, bit for bit', () => {
    const coord = fc.double({ min: -10, max: 10, noNaN: true });
    const rad = fc.double({ min: 0, max: 1e-9, noNaN: true });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.tuple(coord, coord, rad, rad), { minLength: 3, maxLength: 3 }),
        rad,
        (d, cs, r) => {
          const p = cs.slice(0, d).map((c) => c[0]);
          const q = cs.slice(0, d).map((c) => c[1]);
          const pr = cs.slice(0, d).map((c) => c[2]);
          const qr = cs.slice(0, d).map((c) => c[3]);
          const balls = (x: number[], e: number[]) => x.map((v, k) => ({ v, r: e[k]! }));
          expect(distanceF(p, pr, q, qr)).toEqual(distance(balls(p, pr), balls(q, qr)));
          expect(distanceF(p, r, q, r)).toEqual(distance(pointBalls(p, r), pointBalls(q, r)));
        },
      ),
      { numRuns: 300 },
    );
  });

  for (const d of [2, 3])
    it(`${d}-D: float vertices from tight rows contain the exact vertices; signs agree`, () => {
      const row = fc.tuple(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: d, maxLength: d }),
        fc.integer({ min: -300, max: 900 }),
      );
      fc.assert(
        fc.property(fc.array(row, { minLength: 1, maxLength: 5 }), (rows) => {
          fc.pre(rows.every(([a]) => a.some((x) => x !== 0)));
          const P = randomCell(d, rows as [number[], number][]);
          fc.pre(P !== null);
          const facets = facetInfos(P!);
          const exact = P!.vertices();
          const cell = { polytope: P!, facets, vertices: exact } as unknown as CellGeometry;
          const ids = new HyperplaneIds();
          for (const F of facets) ids.of(F);
          const fv = floatVertices(cell, exact.length, d, ids);
          exact.forEach((v, t) => {
            v.forEach((x, k) =>
              expect(Math.abs(fv.points[t]![k]! - x.toNumber())).toBeLessThanOrEqual(
                fv.radius[t]! + 2 ** -52 * Math.abs(x.toNumber()),
              ),
            );
            // a decided float sign is the exact sign
            for (const F of facets) {
              const s = floatSign(F, fv.points[t]!, fv.radius[t]!);
              let e = -F.ints[d]!;
              const den = v.reduce((m, x) => (m * x.den) / gcd(m, x.den), 1n);
              e *= den;
              for (let k = 0; k < d; k++) e += F.ints[k]! * ((v[k]!.num * den) / v[k]!.den);
              const exactSign = e > 0n ? 1 : e < 0n ? -1 : 0;
              if (s !== undefined) expect(s).toBe(exactSign);
              if (F.vertices.includes(t)) expect(exactSign).toBe(0);
            }
          });
        }),
        { numRuns: 150 },
      );
    });
});

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}
