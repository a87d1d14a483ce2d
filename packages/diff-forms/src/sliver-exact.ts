/**
 * The sliver penalty of SPEC §6 exactly, in any dimension: Σ_cells max(0, v_min − vol_d(C))² and its
 * gradient with respect to the hyperplane (w_F, c_F) of every facet, C ⊂ {w_F·x + c_F ≥ 0}:
 * ∂vol_d(C)/∂c_F = vol_{d−1}(F)/|w_F| (a rational: the √ of the facet volume cancels, SPEC §3) and
 * ∂vol_d(C)/∂w_F = ∂vol_d(C)/∂c_F · centroid(F) (moving w by δw shifts the facet by δw·x/|w| at x).
 */
import { Rational, SqrtRational } from '@mlgeo/exact-arith';
import { Polytope } from '@mlgeo/exact-polytope';
import { DiffFormsError } from './errors.js';

/** ∂vol/∂(w, c) of one facet (w·x + c = 0, the cell on the side ≥ 0: the row a·x ≤ b is w = −a, c = b). */
export interface FacetVolumeGradient {
  facet: number;
  w: Rational[];
  c: Rational;
  gw: Rational[];
  gc: Rational;
}

const dot = (a: readonly Rational[], b: readonly Rational[]) =>
  a.reduce((s, v, i) => s.add(v.mul(b[i]!)), Rational.ZERO);

/** The exact centroid of a facet given its vertices (on the hyperplane a·x = b). */
export function facetCentroid(
  vertices: readonly (readonly Rational[])[],
  a: readonly Rational[],
  b: Rational,
): Rational[] {
  const d = a.length;
  if (d === 1 || vertices.length === 1) return vertices[0]!.slice();
  // drop a coordinate k with a_k ≠ 0: an affine bijection of the hyperplane onto R^{d−1}, which
  // maps centroids to centroids
  const k = a.findIndex((v) => !v.isZero());
  const projected = vertices.map((v) => v.filter((_, i) => i !== k));
  const centre = Polytope.fromVRep(projected).centroid();
  const x = [...centre.slice(0, k), Rational.ZERO, ...centre.slice(k)];
  x[k] = b.sub(dot(a, x)).div(a[k]!);
  return x;
}

/** ∂vol_d(C)/∂(w_F, c_F) for every facet of a full-dimensional bounded polytope, exact. */
export function volumeGradient(polytope: Polytope): FacetVolumeGradient[] {
  const facets = polytope.facets();
  const areas = polytope.facetVolumes();
  const vertices = polytope.vertices();
  const incidence = polytope.incidence();
  return facets.map((row, f) => {
    const norm = SqrtRational.sqrt(dot(row.a, row.a));
    const gc = areas[f]!.div(norm).toRational();
    if (gc === undefined)
      throw new Error('facet volume / |a| is not rational (SPEC §3 says it is)');
    const centre = facetCentroid(
      incidence[f]!.map((i) => vertices[i]!),
      row.a,
      row.b,
    );
    return {
      facet: f,
      w: row.a.map((v) => v.neg()),
      c: row.b,
      gw: centre.map((x) => x.mul(gc)),
      gc,
    };
  });
}

/** The exact sliver penalty and its gradient per cell and facet. */
export function exactSliverPenalty(
  cells: readonly { polytope: Polytope }[],
  vMin: Rational,
): { value: Rational; gradients: { cell: number; facets: FacetVolumeGradient[] }[] } {
  if (vMin.sign() <= 0)
    throw new DiffFormsError(
      'OPTION_INVALID',
      `vMin ${vMin} is not > 0`,
      'vMin',
      'give the smallest cell volume not penalised',
    );
  let value = Rational.ZERO;
  const gradients: { cell: number; facets: FacetVolumeGradient[] }[] = [];
  cells.forEach((cell, i) => {
    const gap = vMin.sub(cell.polytope.volume());
    if (gap.sign() <= 0) return;
    value = value.add(gap.mul(gap));
    const k = gap.mul(Rational.of(-2));
    gradients.push({
      cell: i,
      facets: volumeGradient(cell.polytope).map((g) => ({
        ...g,
        gw: g.gw.map((v) => v.mul(k)),
        gc: g.gc.mul(k),
      })),
    });
  });
  return { value, gradients };
}
