/**
 * The affine plane through three points p0, p1, p2 of R^d, parametrised exactly by plane
 * coordinates (u, v): x(u, v) = p0 + u·(p1 − p0) + v·(p2 − p0) (docs/math.md §2, slices). So
 * p0, p1, p2 have plane coordinates (0, 0), (1, 0), (0, 1). Everything is rational: no
 * orthonormalisation (which would need square roots).
 */
import { MlgeoError, Rational, type RationalLike } from '@mlgeo/exact-arith';
import type { ModelPartitionsErrorCode } from '../errors.js';

/** A slice that cannot be made: wrong dimension, collinear points, a plane missing the domain. */
export class SliceError extends MlgeoError<ModelPartitionsErrorCode> {
  constructor(code: ModelPartitionsErrorCode, message: string, field: string, fix: string) {
    super(code, message, { field, fix });
  }
}

/** The plane x(u, v) = origin + u·directions[0] + v·directions[1] in R^dimension. */
export interface SlicePlane {
  readonly dimension: number;
  /** p0, p1, p2 as given (exact). */
  readonly points: readonly [Rational[], Rational[], Rational[]];
  /** p0. */
  readonly origin: Rational[];
  /** p1 − p0 and p2 − p0 (linearly independent). */
  readonly directions: readonly [Rational[], Rational[]];
  /** The Gram matrix [[e1·e1, e1·e2], [e1·e2, e2·e2]] of the directions (positive definite). */
  readonly gram: readonly [[Rational, Rational], [Rational, Rational]];
}

/** Σ a_i b_i exactly, skipping zero entries (image data are mostly zeros). */
export function dotExact(a: readonly Rational[], b: readonly Rational[]): Rational {
  let s = Rational.ZERO;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.isZero() || y.isZero()) continue;
    s = s.add(x.mul(y));
  }
  return s;
}

const sub = (a: readonly Rational[], b: readonly Rational[]) => a.map((x, i) => x.sub(b[i]!));

/**
 * The plane through p0, p1, p2 (each with `dimension` coordinates). Throws {@link SliceError}
 * `SLICE_DIMENSION` for a point of the wrong length and `SLICE_DEGENERATE` when two points coincide
 * or the three are collinear (the Gram determinant of p1 − p0, p2 − p0 is exactly 0).
 */
export function slicePlane(
  p0: readonly RationalLike[],
  p1: readonly RationalLike[],
  p2: readonly RationalLike[],
  dimension: number,
): SlicePlane {
  const given = [p0, p1, p2];
  given.forEach((p, k) => {
    if (p.length !== dimension)
      throw new SliceError(
        'SLICE_DIMENSION',
        `p${k} has ${p.length} coordinates, the model ${dimension} inputs`,
        `slice.p${k}`,
        `give three points with ${dimension} coordinates each`,
      );
  });
  const points = given.map((p, k) => p.map((x, i) => Rational.from(x, `slice.p${k}[${i}]`))) as [
    Rational[],
    Rational[],
    Rational[],
  ];
  const [q0, q1, q2] = points;
  const e1 = sub(q1, q0);
  const e2 = sub(q2, q0);
  const same = (a: Rational[], b: Rational[]) => a.every((x, i) => x.equals(b[i]!));
  for (const [i, j] of [
    [0, 1],
    [0, 2],
    [1, 2],
  ] as const) {
    if (same(points[i], points[j]))
      throw new SliceError(
        'SLICE_DEGENERATE',
        `p${i} and p${j} coincide: three points span a plane only when they are distinct and not collinear`,
        `slice.p${j}`,
        'pick three distinct points (e.g. three different data rows) not on one line',
      );
  }
  const g11 = dotExact(e1, e1);
  const g12 = dotExact(e1, e2);
  const g22 = dotExact(e2, e2);
  if (g11.mul(g22).sub(g12.mul(g12)).isZero())
    throw new SliceError(
      'SLICE_DEGENERATE',
      'p0, p1 and p2 are collinear: they span a line, not a plane',
      'slice.p2',
      'pick a third point off the line through p0 and p1',
    );
  return {
    dimension,
    points,
    origin: q0,
    directions: [e1, e2],
    gram: [
      [g11, g12],
      [g12, g22],
    ],
  };
}

/** x(u, v) = p0 + u·(p1 − p0) + v·(p2 − p0), exactly. */
export function pointOnPlane(plane: SlicePlane, u: RationalLike, v: RationalLike): Rational[] {
  const U = Rational.from(u);
  const V = Rational.from(v);
  const [e1, e2] = plane.directions;
  return plane.origin.map((o, i) => o.add(U.mul(e1[i]!)).add(V.mul(e2[i]!)));
}

/**
 * The orthogonal projection of x onto the plane, in plane coordinates (u, v), and the squared
 * Euclidean distance |x − x(u, v)|² from x to the plane, both exact (normal equations with the
 * Gram matrix).
 */
export function planeCoordinates(
  plane: SlicePlane,
  x: readonly RationalLike[],
): { uv: [Rational, Rational]; distanceSquared: Rational } {
  if (x.length !== plane.dimension)
    throw new SliceError(
      'SLICE_DIMENSION',
      `a point with ${x.length} coordinates, the plane lies in R^${plane.dimension}`,
      'point',
      `give ${plane.dimension} coordinates`,
    );
  const r = x.map((xi, i) => Rational.from(xi).sub(plane.origin[i]!));
  const [e1, e2] = plane.directions;
  const c1 = dotExact(e1, r);
  const c2 = dotExact(e2, r);
  const [[g11, g12], [, g22]] = plane.gram;
  const det = g11.mul(g22).sub(g12.mul(g12));
  const u = g22.mul(c1).sub(g12.mul(c2)).div(det);
  const v = g11.mul(c2).sub(g12.mul(c1)).div(det);
  // |r − (u e1 + v e2)|² = |r|² − (u c1 + v c2) for the orthogonal projection
  const distanceSquared = dotExact(r, r).sub(u.mul(c1)).sub(v.mul(c2));
  return { uv: [u, v], distanceSquared };
}

/** A point within the tolerance of the plane: its index, plane coordinates and squared distance. */
export interface PointOnPlane {
  index: number;
  uv: [Rational, Rational];
  distanceSquared: Rational;
}

/**
 * The points within Euclidean distance `tolerance` (≥ 0; 0: exactly on the plane) of the plane,
 * with their exact plane coordinates. A float64 pass on an orthonormal basis discards the points
 * whose distance² exceeds tolerance² by more than 10⁻⁶·(|x − p0|² + tolerance²) + 10⁻³⁰⁰ — a
 * margin far above the rounding error of d·2⁻⁵³·|x − p0|² — and every remaining point is decided
 * exactly ({@link planeCoordinates}), so the result is the exact set.
 */
export function pointsNearPlane(
  plane: SlicePlane,
  points: readonly (readonly RationalLike[])[],
  tolerance: RationalLike = 0,
): PointOnPlane[] {
  const tol = Rational.from(tolerance, 'tolerance');
  if (tol.sign() < 0)
    throw new SliceError(
      'SLICE_TOLERANCE',
      `the tolerance ${tol} is negative`,
      'tolerance',
      'give a distance ≥ 0',
    );
  const tol2 = tol.mul(tol);
  const tol2f = tol2.toNumber();
  const o = plane.origin.map((x) => x.toNumber());
  const [f1, f2] = plane.directions.map((e) => e.map((x) => x.toNumber()));
  // Gram–Schmidt in float64 (filter only)
  const n1 = Math.hypot(...f1!);
  const b1 = f1!.map((x) => x / n1);
  const proj = f2!.reduce((s, x, i) => s + x * b1[i]!, 0);
  const w = f2!.map((x, i) => x - proj * b1[i]!);
  const n2 = Math.hypot(...w);
  const b2 = w.map((x) => x / n2);
  const out: PointOnPlane[] = [];
  points.forEach((x, index) => {
    if (x.length !== plane.dimension)
      throw new SliceError(
        'SLICE_DIMENSION',
        `point ${index} has ${x.length} coordinates, the plane lies in R^${plane.dimension}`,
        `points[${index}]`,
        `give ${plane.dimension} coordinates`,
      );
    let rr = 0;
    let s = 0;
    let t = 0;
    for (let i = 0; i < x.length; i++) {
      const xi = x[i]!;
      const r = (typeof xi === 'number' ? xi : Rational.from(xi).toNumber()) - o[i]!;
      if (r === 0) continue;
      rr += r * r;
      s += r * b1[i]!;
      t += r * b2[i]!;
    }
    const approx = rr - s * s - t * t;
    if (approx - tol2f > 1e-6 * (rr + tol2f) + 1e-300) return;
    const exact = planeCoordinates(plane, x);
    if (exact.distanceSquared.cmp(tol2) <= 0) out.push({ index, ...exact });
  });
  return out;
}
