/**
 * The domain X = {x : A x ≤ b} intersected with a slicing plane, as an exact 2-D H-representation in
 * plane coordinates: row a·x ≤ b becomes (a·e1, a·e2)·(u, v) ≤ b − a·p0 (docs/math.md §2, slices).
 * Rows constant on the plane are dropped (or prove the plane misses X), rows with the same direction
 * keep the tightest, and the rest is made irredundant by the exact polygon.
 */
import { Rational, type RationalLike } from '@mlgeo/exact-arith';
import { Polytope } from '@mlgeo/exact-polytope';
import { type SlicePlane, SliceError, dotExact } from './plane.js';

/** An exact 2-D H-representation {(u, v) : A (u, v) ≤ b}. */
export interface PlaneHRep {
  A: Rational[][];
  b: Rational[];
}

function missError(detail: string): SliceError {
  return new SliceError(
    'SLICE_MISSES_DOMAIN',
    `the plane through p0, p1, p2 ${detail}`,
    'slice',
    'choose points inside the domain (e.g. data rows), or enlarge the domain',
  );
}

/**
 * X ∩ plane in plane coordinates, irredundant (its polygon's edges). Throws {@link SliceError}
 * `SLICE_MISSES_DOMAIN` when the intersection is empty or has no area (the plane only touches X).
 */
export function sliceDomain(
  plane: SlicePlane,
  A: readonly (readonly RationalLike[])[],
  b: readonly RationalLike[],
): PlaneHRep {
  const [e1, e2] = plane.directions;
  // one row per direction: key = the direction scaled so that its largest |entry| is 1
  const tightest = new Map<string, { a: Rational[]; b: Rational; scale: Rational }>();
  A.forEach((rowIn, k) => {
    if (rowIn.length !== plane.dimension)
      throw new SliceError(
        'SLICE_DIMENSION',
        `domain row ${k} has ${rowIn.length} entries, the plane lies in R^${plane.dimension}`,
        `domain.A[${k}]`,
        `give rows with ${plane.dimension} entries`,
      );
    const row = rowIn.map((x) => Rational.from(x));
    const a = [dotExact(row, e1), dotExact(row, e2)];
    const rhs = Rational.from(b[k]!).sub(dotExact(row, plane.origin));
    if (a[0]!.isZero() && a[1]!.isZero()) {
      if (rhs.sign() < 0) throw missError(`misses the domain (row ${k} of X fails on all of it)`);
      return;
    }
    const scale = Rational.max(a[0]!.abs(), a[1]!.abs());
    const key = a.map((x) => x.div(scale).toString()).join(',');
    const bound = rhs.div(scale);
    const seen = tightest.get(key);
    if (!seen || bound.cmp(seen.b.div(seen.scale)) < 0) tightest.set(key, { a, b: rhs, scale });
  });
  const rows = [...tightest.values()];
  const polytope = Polytope.fromHRep(
    rows.map((r) => r.a),
    rows.map((r) => r.b),
  );
  if (polytope.isEmpty()) throw missError('misses the domain');
  if (polytope.dimension() < 2)
    throw missError(
      `meets the domain in a ${polytope.dimension() === 0 ? 'point' : 'segment'} only`,
    );
  const facets = polytope.facets();
  return { A: facets.map((f) => [...f.a]), b: facets.map((f) => f.b) };
}
