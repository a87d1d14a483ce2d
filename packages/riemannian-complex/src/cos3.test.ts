/**
 * cos3.ts: the scalar 3-D solve and volume/centroid equal the ball arithmetic of float-values.ts
 * bit for bit (values and radii), and the solved vertex's ball holds the exact solution.
 */
import { describe, expect, it } from 'vitest';
import { Rational, seededRandom } from '@mlgeo/exact-arith';
import { distanceInto, polygonArea3S, solve3, volumeCentroid3 } from './cos3.js';
import { floatCosAngle, floatCosAngleBalls } from './angles.js';
import type { FacetInfo } from './cells.js';
import {
  type Ball,
  add,
  cross3,
  distanceF,
  div,
  mul,
  pointBalls,
  polygonArea3,
  polytopeVolumeCentroid3,
} from './float-values.js';

const U = 2 ** -53;
const rb = (x: number): Ball => ({ v: x, r: U * Math.abs(x) });

/** float-points.ts's ball-object Cramer solve (the reference). */
function solveBallsRef(rows: Float64Array[]): Ball[] | null {
  const a = Array.from(rows[0]!.subarray(0, 3), rb);
  const c = Array.from(rows[1]!.subarray(0, 3), rb);
  const f = Array.from(rows[2]!.subarray(0, 3), rb);
  const b = [rb(rows[0]![3]!), rb(rows[1]![3]!), rb(rows[2]![3]!)];
  const cf = cross3(c, f);
  const fa = cross3(f, a);
  const ac = cross3(a, c);
  const det = add(add(mul(a[0]!, cf[0]!), mul(a[1]!, cf[1]!)), mul(a[2]!, cf[2]!));
  if (!(Math.abs(det.v) > det.r)) return null;
  return [0, 1, 2].map((k) =>
    div(add(add(mul(b[0]!, cf[k]!), mul(b[1]!, fa[k]!)), mul(b[2]!, ac[k]!)), det),
  );
}

describe('cos3.ts scalar ball arithmetic', () => {
  const rnd = seededRandom(7);
  const int = (bits: number) => Math.round((rnd() - 0.5) * 2 ** bits);

  it('solve3 = the ball solve bit for bit, and its balls hold the exact vertex', () => {
    for (let t = 0; t < 300; t++) {
      const bits = t % 3 === 0 ? 60 : 20; // some rows beyond 2^53 (rounded)
      const ints = [0, 1, 2].map(() => [int(bits), int(bits), int(bits), int(bits)]);
      if (t % 50 === 0) ints[2] = ints[0]!.map((x, k) => x + ints[1]![k]!); // singular
      const rows = ints.map((r) => Float64Array.from(r));
      const got = solve3(rows);
      const ref = solveBallsRef(rows);
      expect(got).toEqual(ref);
      if (!got) continue;
      // the exact solution of the integer rows (rows as exactly rounded: the floats are integers)
      const R = rows.map((r) => Array.from(r, (x) => Rational.fromDouble(x)));
      const det3 = (m: Rational[][]) =>
        m[0]![0]!
          .mul(m[1]![1]!.mul(m[2]![2]!).sub(m[1]![2]!.mul(m[2]![1]!)))
          .sub(m[0]![1]!.mul(m[1]![0]!.mul(m[2]![2]!).sub(m[1]![2]!.mul(m[2]![0]!))))
          .add(m[0]![2]!.mul(m[1]![0]!.mul(m[2]![1]!).sub(m[1]![1]!.mul(m[2]![0]!))));
      const A = R.map((r) => r.slice(0, 3));
      const D = det3(A);
      for (let k = 0; k < 3; k++) {
        const Ak = A.map((r, i) => r.map((x, j) => (j === k ? R[i]![3]! : x)));
        const x = det3(Ak).div(D);
        const lo = Rational.fromDouble(got[k]!.v - got[k]!.r);
        const hi = Rational.fromDouble(got[k]!.v + got[k]!.r);
        expect(x.lt(lo) || x.gt(hi)).toBe(false);
      }
    }
  });

  it('volumeCentroid3 = polytopeVolumeCentroid3 bit for bit', () => {
    for (let t = 0; t < 200; t++) {
      const n = 4 + (t % 6);
      const xs = Array.from({ length: n }, () => [rnd() * 2 - 1, rnd(), rnd() * 1e-3]);
      const radius = Float64Array.from(xs, () => rnd() * 1e-15);
      const cycles: number[][] = [];
      for (let f = 0; f < 3 + (t % 4); f++) {
        const m = 3 + (f % 3);
        cycles.push(Array.from({ length: m }, () => Math.floor(rnd() * n)));
      }
      const balls = xs.map((p, v) => pointBalls(p, radius[v]!));
      const ref = polytopeVolumeCentroid3(
        balls[0]!,
        cycles.map((c) => c.map((v) => balls[v]!)),
      );
      expect(volumeCentroid3(xs.flat(), radius, cycles)).toEqual(ref);
    }
  });

  it('the 3-D cosine of two facets = floatCosAngleBalls bit for bit', () => {
    const facet = (a: number[]): FacetInfo => {
      const ints = [...a.map(BigInt), 0n];
      return {
        a: [],
        b: Rational.ZERO,
        ints,
        key: ints.join(','),
        side: 1,
        norm2: ints.slice(0, 3).reduce((s, x) => s + x * x, 0n),
        vertices: [],
        aF: a,
        bF: 0,
        floatSafe: true,
      };
    };
    for (let t = 0; t < 300; t++) {
      const bits = t % 2 === 0 ? 30 : 60;
      const a = [int(bits), int(bits), int(bits)].map(Number);
      const b = t % 7 === 0 ? a.map((x) => -x) : [int(bits), int(bits), int(bits)].map(Number);
      if (a.every((x) => x === 0) || b.every((x) => x === 0)) continue;
      expect(floatCosAngle(facet(a), facet(b), 3)).toEqual(
        floatCosAngleBalls(facet(a), facet(b), 3),
      );
    }
  });

  it('polygonArea3S = polygonArea3 bit for bit', () => {
    for (let t = 0; t < 200; t++) {
      const n = 2 + (t % 7);
      const xs = Array.from({ length: n + 2 }, () => [rnd(), rnd() * 2 - 1, rnd() * 1e-4]);
      const rs = Float64Array.from(xs, () => rnd() * 1e-15);
      const order = Array.from({ length: n }, (_, i) => (i * 3 + t) % (n + 2));
      const ref = polygonArea3(order.map((v) => pointBalls(xs[v]!, rs[v]!)));
      expect(polygonArea3S(xs.flat(), rs, order)).toEqual(ref);
    }
  });

  it('distanceInto = distanceF bit for bit (values and radii)', () => {
    const out = new Float64Array(2);
    for (let t = 0; t < 200; t++) {
      const d = 2 + (t % 2);
      const p = Array.from({ length: d }, () => rnd() * 2 - 1);
      const q = t % 9 === 0 ? p.slice() : Array.from({ length: d }, () => rnd() * 2 - 1);
      const pr = Array.from({ length: d }, () => rnd() * 1e-12);
      const qr = Array.from({ length: d }, () => rnd() * 1e-12);
      const ref = distanceF(p, pr, q, qr);
      distanceInto(p, 0, pr, 0, q, 0, qr, 0, d, out);
      expect([out[0], out[1]]).toEqual([ref.v, ref.r]);
    }
  });
});
