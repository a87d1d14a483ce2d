/**
 * Facet measures of a cell for the self-checks of SPEC §3: for a facet F on a·x ≤ b (a the
 * primitive integer normal), vol_{d−1}(F)/|a| is rational — it equals vol_{d−1}(π_k F)/|a_k|
 * where π_k drops a coordinate k with a_k ≠ 0 — and vol_{d−1}(F) = that ratio · √|a|².
 */
import { Rational, SqrtRational, sqrtInteger } from '@mlgeo/exact-arith';
import { Polytope } from '@mlgeo/exact-polytope';
import { type CellGeometry, facetCycleIndices } from './cells.js';
import { type Ball, ball, distance, pointBalls, polygonArea3 } from './float-values.js';
import { facetPolygon, vectorAreaAlong } from './convex-clip.js';

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

/**
 * vol_{d−1} of every facet in float64 with error bounds (d = 2: the segment, d = 3: the facet
 * polygon in the incidence's cyclic order), from the cell's float vertices; null in other
 * dimensions or when a facet's incidence is not a cycle.
 */
export function floatFacetAreas(cell: CellGeometry, d: number): Ball[] | null {
  const pts = cell.floatPoints.map((p) => pointBalls(p, cell.floatError));
  if (d === 2)
    return cell.facets.map((F) =>
      F.vertices.length === 2 ? distance(pts[F.vertices[0]!]!, pts[F.vertices[1]!]!) : ball(NaN),
    );
  if (d !== 3) return null;
  const out: Ball[] = [];
  for (let f = 0; f < cell.facets.length; f++) {
    const cyc = facetCycleIndices(cell, f);
    if (cyc === null) return null;
    out.push(polygonArea3(cyc.map((v) => pts[v]!)));
  }
  return out.some((b) => Number.isNaN(b.v)) ? null : out;
}
