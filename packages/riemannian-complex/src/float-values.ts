/**
 * Float64 measures with a proven error bound (SPEC §1 float path, issue 11): midpoint–radius
 * ("ball") arithmetic as in exact-polytope's measures/float-measures.ts (Higham §3; u = 2⁻⁵³).
 * A ball (v, r) stands for an exact value x with |x − v| ≤ r. Every operation adds the
 * propagated radius of its operands and 2u·|result| for its own rounding:
 *
 * - a ± b: ra + rb;  a·b: |a|·rb + ra·|b| + ra·rb;  a / b: (ra + |a/b|·rb)/(|b| − rb) (|b| > rb);
 * - √a: ra/(√(a − ra) + √a) when a > ra, else √(a + ra) (the ball then contains 0).
 *
 * The radii are float sums of a few non-negative terms, so they are low by at most a relative
 * γ_m (m operations); `FloatValue.error` is the radius times (1 + 2⁻³⁰), which covers that for every
 * formula here (m < 10⁶).
 */
import { FLOAT_CENTROID_SCALE_TOLERANCE, FLOAT_MEASURE_TOLERANCE } from '@mlgeo/exact-polytope';

/** A float64 value and a bound on its distance to the exact value it stands for. */
export interface FloatValue {
  value: number;
  /** |value − exact| ≤ error. */
  error: number;
}

/** A float vector (point, centroid) with one error bound per coordinate. */
export interface FloatVector {
  value: number[];
  error: number[];
}

/** Twice the unit roundoff: the radius added for one rounding (covers second-order terms). */
const U2 = 2 ** -52;
/** Safety factor on the float sums of radii (see the module comment). */
const SAFE = 1 + 2 ** -30;

export interface Ball {
  v: number;
  r: number;
}

export const ball = (v: number, r = 0): Ball => ({ v, r });

export function add(a: Ball, b: Ball): Ball {
  const v = a.v + b.v;
  return { v, r: a.r + b.r + U2 * Math.abs(v) };
}

export function sub(a: Ball, b: Ball): Ball {
  const v = a.v - b.v;
  return { v, r: a.r + b.r + U2 * Math.abs(v) };
}

export function mul(a: Ball, b: Ball): Ball {
  const v = a.v * b.v;
  return { v, r: Math.abs(a.v) * b.r + a.r * Math.abs(b.v) + a.r * b.r + U2 * Math.abs(v) };
}

/** a / b; a radius of Infinity when b's ball contains 0. */
export function div(a: Ball, b: Ball): Ball {
  const v = a.v / b.v;
  const den = Math.abs(b.v) - b.r;
  if (!(den > 0)) return { v, r: Infinity };
  return { v, r: (a.r + Math.abs(v) * b.r) / den + U2 * Math.abs(v) };
}

export function sqrt(a: Ball): Ball {
  const v = Math.sqrt(Math.max(a.v, 0));
  if (a.v > a.r) {
    const lo = Math.sqrt(a.v - a.r);
    return { v, r: a.r / (lo + v) + U2 * v };
  }
  return { v, r: Math.sqrt(Math.max(a.v, 0) + a.r) * (1 + U2) };
}

export const abs = (a: Ball): Ball => ({ v: Math.abs(a.v), r: a.r });

export const scale = (a: Ball, s: number): Ball => {
  const v = a.v * s;
  return { v, r: a.r * Math.abs(s) + U2 * Math.abs(v) };
};

/** The ball as a public value (radius with the safety factor). */
export const toValue = (a: Ball): FloatValue => ({ value: a.v, error: a.r * SAFE });

/** A float point with a common per-coordinate error bound, as balls. */
export const pointBalls = (p: ArrayLike<number>, error: number): Ball[] =>
  Array.from(p, (v) => ({ v, r: error }));

/** Σ balls. */
export function sum(xs: readonly Ball[]): Ball {
  let s = ball(0);
  for (const x of xs) s = add(s, x);
  return s;
}

/** |p − q| of two float points with their radii. */
export function distance(p: readonly Ball[], q: readonly Ball[]): Ball {
  let s = ball(0);
  for (let k = 0; k < p.length; k++) {
    const dk = sub(p[k]!, q[k]!);
    s = add(s, mul(dk, dk));
  }
  return sqrt(s);
}

/** 3-D cross product of balls. */
export function cross3(u: readonly Ball[], w: readonly Ball[]): Ball[] {
  return [
    sub(mul(u[1]!, w[2]!), mul(u[2]!, w[1]!)),
    sub(mul(u[2]!, w[0]!), mul(u[0]!, w[2]!)),
    sub(mul(u[0]!, w[1]!), mul(u[1]!, w[0]!)),
  ];
}

/** Dot product of balls. */
export function dot(u: readonly Ball[], w: readonly Ball[]): Ball {
  let s = ball(0);
  for (let k = 0; k < u.length; k++) s = add(s, mul(u[k]!, w[k]!));
  return s;
}

/**
 * Area of a planar convex polygon in R^3 (points in cyclic order): ½|Σ (p_i − p_0) × (p_{i+1} − p_0)|.
 * Works for any cyclic order direction; a degenerate polygon gives a ball around 0.
 */
export function polygonArea3(points: readonly (readonly Ball[])[]): Ball {
  const n = points.length;
  if (n < 3) return ball(0);
  const p0 = points[0]!;
  let A = [ball(0), ball(0), ball(0)];
  for (let i = 1; i + 1 < n; i++) {
    const u = points[i]!.map((x, k) => sub(x, p0[k]!));
    const w = points[i + 1]!.map((x, k) => sub(x, p0[k]!));
    const c = cross3(u, w);
    A = A.map((x, k) => add(x, c[k]!));
  }
  return scale(sqrt(dot(A, A)), 0.5);
}

/** Area and centroid of a polygon in R^2 given in cyclic order (shoelace about p_0). */
export function polygonAreaCentroid2(points: readonly (readonly Ball[])[]): {
  area: Ball;
  centroid: Ball[];
} {
  const n = points.length;
  const p0 = points[0]!;
  let A = ball(0);
  let Cx = ball(0);
  let Cy = ball(0);
  for (let i = 1; i + 1 < n; i++) {
    const u = points[i]!.map((x, k) => sub(x, p0[k]!));
    const w = points[i + 1]!.map((x, k) => sub(x, p0[k]!));
    const c = sub(mul(u[0]!, w[1]!), mul(u[1]!, w[0]!)); // twice the signed triangle area
    A = add(A, c);
    Cx = add(Cx, mul(c, add(u[0]!, w[0]!)));
    Cy = add(Cy, mul(c, add(u[1]!, w[1]!)));
  }
  // centroid = p0 + (Σ c·(u + w)) / (3·Σ c); area = |Σ c| / 2
  const den = scale(A, 3);
  const centroid = [add(p0[0]!, div(Cx, den)), add(p0[1]!, div(Cy, den))];
  return { area: scale(abs(A), 0.5), centroid };
}

/**
 * Volume and centroid of a convex polytope in R^3 from its facet polygons (each in cyclic order):
 * tetrahedra from the apex p_0 (a vertex) to a fan of every facet, each |det|/6 (the apex is a
 * vertex of the convex cell, so every tetrahedron has the same orientation up to sign).
 */
export function polytopeVolumeCentroid3(
  apex: readonly Ball[],
  facets: readonly (readonly (readonly Ball[])[])[],
): { volume: Ball; centroid: Ball[] } {
  let V = ball(0);
  const C = [ball(0), ball(0), ball(0)];
  for (const poly of facets) {
    const q0 = poly[0]!.map((x, k) => sub(x, apex[k]!));
    for (let i = 1; i + 1 < poly.length; i++) {
      const q1 = poly[i]!.map((x, k) => sub(x, apex[k]!));
      const q2 = poly[i + 1]!.map((x, k) => sub(x, apex[k]!));
      const det = abs(dot(q0, cross3(q1, q2)));
      V = add(V, det);
      // centroid of the tetrahedron relative to the apex: (q0 + q1 + q2)/4, weighted by det
      for (let k = 0; k < 3; k++) C[k] = add(C[k]!, mul(det, add(add(q0[k]!, q1[k]!), q2[k]!)));
    }
  }
  const volume = div(V, ball(6));
  const den = scale(V, 4);
  return { volume, centroid: C.map((c, k) => add(apex[k]!, div(c, den))) };
}

/** SPEC §1's float measures are certified to this relative error (exact-polytope's bound). */
const CERTIFIED_RELATIVE = FLOAT_MEASURE_TOLERANCE;
/** A centroid coordinate near 0: certified to this fraction of the cell's coordinate scale. */
const CERTIFIED_SCALE = FLOAT_CENTROID_SCALE_TOLERANCE;

let fallbackCount = 0;

/** Float measures recomputed exactly because their ball was too wide (for tests and stats). */
export function floatFallbacks(): number {
  return fallbackCount;
}

/** The ball is within `tolerance` (finite value and error). */
const tight = (f: FloatValue, tolerance: number): boolean =>
  Number.isFinite(f.value) && Number.isFinite(f.error) && f.error <= tolerance;

/**
 * Certify or fall back (SPEC §1: float measures within 1e-9 relative of the exact ones): `f` when
 * its error is at most FLOAT_MEASURE_TOLERANCE (1e-10)·|value|, else the float rounding of the
 * exact value (computed by `exact`, counted in `floatFallbacks`) with that error.
 */
export function certifyFloat(f: FloatValue, exact: () => number): FloatValue {
  if (tight(f, CERTIFIED_RELATIVE * Math.abs(f.value))) return f;
  fallbackCount++;
  const value = exact();
  return { value, error: CERTIFIED_RELATIVE * Math.abs(value) };
}

/**
 * certifyFloat for a point (centroid): every coordinate within 1e-10 relative or, near 0, within
 * 1e-12 of its coordinate scale `scale[k]` (max |v_k| over the cell's vertices); else the exact
 * point rounded.
 */
export function certifyFloatVector(
  f: FloatVector,
  scale: readonly number[],
  exact: () => number[],
): FloatVector {
  const bound = (c: number, k: number) =>
    Math.max(CERTIFIED_RELATIVE * Math.abs(c), CERTIFIED_SCALE * scale[k]!);
  if (f.value.every((c, k) => tight({ value: c, error: f.error[k]! }, bound(c, k)))) return f;
  fallbackCount++;
  const value = exact();
  return { value, error: value.map(bound) };
}
