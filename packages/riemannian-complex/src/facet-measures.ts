/**
 * Facet measures of a cell for the self-checks of SPEC §3: for a facet F on a·x ≤ b (a the
 * primitive integer normal), vol_{d−1}(F)/|a| is rational — it equals vol_{d−1}(π_k F)/|a_k|
 * where π_k drops a coordinate k with a_k ≠ 0 — and vol_{d−1}(F) = that ratio · √|a|².
 */
import { Rational, SqrtRational, sqrtInteger } from '@mlgeo/exact-arith';
import { Polytope } from '@mlgeo/exact-polytope';
import type { CellGeometry } from './cells.js';
import { facetPolygon, vectorAreaAlong } from './convex-clip.js';

/** Area of a convex polygon given by unordered vertices (exact, shoelace after angular sort). */
export function convexPolygonArea(points: readonly Rational[][]): Rational {
  if (points.length < 3) return Rational.ZERO;
  const n = Rational.fromBigInt(BigInt(points.length));
  const c = [0, 1].map((k) => points.reduce((s, p) => s.add(p[k]!), Rational.ZERO).div(n));
  const rel = points.map((p) => [p[0]!.sub(c[0]!), p[1]!.sub(c[1]!)] as const);
  const half = (v: readonly [Rational, Rational]): number =>
    v[1].sign() > 0 || (v[1].isZero() && v[0].sign() > 0) ? 0 : 1;
  const order = rel.map((_, i) => i);
  order.sort((i, j) => {
    const u = rel[i]!;
    const v = rel[j]!;
    const h = half(u) - half(v);
    if (h !== 0) return h;
    return -u[0].mul(v[1]).sub(u[1].mul(v[0])).sign(); // counter-clockwise
  });
  let twice = Rational.ZERO;
  for (let t = 0; t < order.length; t++) {
    const p = points[order[t]!]!;
    const q = points[order[(t + 1) % order.length]!]!;
    twice = twice.add(p[0]!.mul(q[1]!).sub(p[1]!.mul(q[0]!)));
  }
  return twice.abs().div(Rational.fromBigInt(2n));
}

/** vol_{d−1}(F)/|a_F| for every facet of the cell (rational). */
export function facetMeasuresOverNorm(cell: CellGeometry, d: number): Rational[] {
  return cell.facets.map((F, f) => {
    // 3-D: Σ p_i × p_{i+1} = λ·a over the cyclic facet polygon, so vol_2(F)/|a| = |λ|/2
    if (d === 3)
      return vectorAreaAlong(facetPolygon(cell, f), F.ints.slice(0, 3))
        .abs()
        .div(Rational.fromBigInt(2n));
    const k = F.ints.findIndex((v, idx) => idx < d && v !== 0n);
    const pts = F.vertices.map((v) => cell.vertices[v]!.filter((_, idx) => idx !== k));
    let projected: Rational;
    if (d === 1) projected = Rational.ONE;
    else if (d === 2) {
      const ys = pts.map((p) => p[0]!).sort((x, y) => x.cmp(y));
      projected = ys[ys.length - 1]!.sub(ys[0]!);
    } else projected = Polytope.fromVRep(pts).volume();
    const ak = F.ints[k]!;
    return projected.div(Rational.fromBigInt(ak < 0n ? -ak : ak));
  });
}

/** vol_{d−1}(F) for every facet (r·√q). */
export function facetVolumes(cell: CellGeometry, d: number): SqrtRational[] {
  return facetMeasuresOverNorm(cell, d).map((r, f) => sqrtInteger(cell.facets[f]!.norm2).mul(r));
}
