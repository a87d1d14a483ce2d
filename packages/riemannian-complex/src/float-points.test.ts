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
  distanceValueInto,
  pointBalls,
  polygonAreaCentroid2,
  polygonAreaCentroid2F,
  toValue,
} from './float-values.js';
import { IntPairTable } from './pair-table.js';
import { float64Slice } from './typed-slices.js';
import { facetInfos } from './cells.js';
import { HyperplaneIds, floatSign, floatVertices } from './float-points.js';
import type { CellGeometry, FacetInfo } from './cells.js';

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
          // the flat form (points 0 and 1 of a store): toValue of the same ball, bit for bit
          const out = new Float64Array(2);
          const ref = toValue(distance(pointBalls(p, pr[0]!), pointBalls(q, qr[0]!)));
          distanceValueInto([...p, ...q], [pr[0]!, qr[0]!], 0, 1, d, out);
          expect([out[0], out[1]]).toEqual([ref.value, ref.error]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('IntPairTable = a Map of the pairs (any 32-bit keys, growth)', () => {
    const key = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
    fc.assert(
      fc.property(fc.array(fc.tuple(key, key, fc.nat(1000)), { maxLength: 300 }), (ops) => {
        const table = new IntPairTable(4);
        const ref = new Map<string, number>();
        for (const [x, y, v] of ops) {
          expect(table.get(x, y)).toBe(ref.get(`${x},${y}`) ?? -1);
          table.set(x, y, v);
          ref.set(`${x},${y}`, v);
        }
        for (const [x, y] of ops) expect(table.get(x, y)).toBe(ref.get(`${x},${y}`));
      }),
      { numRuns: 100 },
    );
  });

  it('HyperplaneIds: equal ids ⇔ equal canonical rows (both sides, integers beyond 2^53)', () => {
    const big = fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n });
    const small = fc.bigInt({ min: -3n, max: 3n });
    const entry = fc.oneof(big, small, fc.constant(2n ** 60n), fc.constant(2n ** 60n + 1n));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(entry, { minLength: 3, maxLength: 3 }), fc.boolean()), {
          minLength: 1,
          maxLength: 40,
        }),
        (rows) => {
          const ids = new HyperplaneIds();
          const facets = rows
            .filter(([r]) => r.some((x) => x !== 0n))
            .map(([r, flip]) => {
              const ints = flip ? r.map((x) => -x) : r;
              const first = ints.find((x) => x !== 0n)!;
              const side: 1 | -1 = first < 0n ? -1 : 1;
              const canon = side === 1 ? ints : ints.map((x) => -x);
              return { ints, side, key: canon.join(','), hid: undefined, rowF: undefined };
            }) as unknown as FacetInfo[];
          const got = facets.map((F) => ids.of(F));
          for (let i = 0; i < facets.length; i++)
            for (let j = 0; j < facets.length; j++)
              expect(got[i] === got[j]).toBe(facets[i]!.key === facets[j]!.key);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('float64Slice: zero-filled arrays of the asked length, disjoint', () => {
    const a = float64Slice(5);
    const b = float64Slice(3);
    expect([...a, ...b]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    a.fill(1);
    expect([...b]).toEqual([0, 0, 0]);
    expect(float64Slice(10000).length).toBe(10000);
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
