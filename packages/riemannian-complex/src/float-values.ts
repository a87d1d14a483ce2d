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

/** A {@link FloatValue} made by `new`, so born young (docs/contributing.md, "Objects a run keeps"): the measures a complex keeps. */
export class FloatNumber implements FloatValue {
  constructor(
    public value: number,
    public error: number,
  ) {}
}

/** A {@link FloatVector} made by `new`, so born young (docs/contributing.md, "Objects a run keeps"). */
export class FloatPoint implements FloatVector {
  constructor(
    public value: number[],
    public error: number[],
  ) {}
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
export const toValue = (a: Ball): FloatValue => new FloatNumber(a.v, a.r * SAFE);

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

/**
 * {@link distance} of two float points with per-coordinate radii (a number: the same radius for
 * every coordinate), the same ball operations on scalars: the same value and radius, bit for bit,
 * without ball objects (the float metric's and shared faces' hot path).
 */
export function distanceF(
  p: ArrayLike<number>,
  pr: ArrayLike<number> | number,
  q: ArrayLike<number>,
  qr: ArrayLike<number> | number,
): Ball {
  let sv = 0;
  let sr = 0;
  for (let k = 0; k < p.length; k++) {
    const dv = p[k]! - q[k]!;
    const dr =
      (typeof pr === 'number' ? pr : pr[k]!) +
      (typeof qr === 'number' ? qr : qr[k]!) +
      U2 * Math.abs(dv);
    const mv = dv * dv;
    const mr = mulRadius(dv, dr, dv, dr, mv);
    sv = sv + mv;
    sr = sr + mr + U2 * Math.abs(sv);
  }
  return sqrt({ v: sv, r: sr });
}

/**
 * toValue({@link distanceF}) of points p and q of a flat store (coordinates x[d·p] … x[d·p + d − 1],
 * radius r[p]) into out = (value, error): the same operations, bit for bit, written out in one
 * frame — no ball objects, and no float boxed as a call's argument or result.
 */
export function distanceValueInto(
  x: ArrayLike<number>,
  r: ArrayLike<number>,
  p: number,
  q: number,
  d: number,
  out: Float64Array,
): void {
  const pr = r[p]!;
  const qr = r[q]!;
  let sv = 0;
  let sr = 0;
  for (let k = 0; k < d; k++) {
    const dv = x[d * p + k]! - x[d * q + k]!;
    const dr = pr + qr + U2 * Math.abs(dv);
    const mv = dv * dv;
    // mul(dk, dk).r
    const mr = Math.abs(dv) * dr + dr * Math.abs(dv) + dr * dr + U2 * Math.abs(mv);
    sv = sv + mv;
    sr = sr + mr + U2 * Math.abs(sv);
  }
  // sqrt({ v: sv, r: sr }), then the radius with the safety factor
  const v = Math.sqrt(Math.max(sv, 0));
  const rv =
    sv > sr ? sr / (Math.sqrt(sv - sr) + v) + U2 * v : Math.sqrt(Math.max(sv, 0) + sr) * (1 + U2);
  out[0] = v;
  out[1] = rv * SAFE;
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

/** The value and bound certify as they are (what {@link certifyFloat} checks first). */
export function isCertified(value: number, error: number): boolean {
  return (
    Number.isFinite(value) &&
    Number.isFinite(error) &&
    error <= CERTIFIED_RELATIVE * Math.abs(value)
  );
}

/** The point certifies as it is (what {@link certifyFloatVector} checks first). */
export function isCertifiedVector(f: FloatVector, scale: readonly number[]): boolean {
  for (let k = 0; k < f.value.length; k++) {
    const c = f.value[k]!;
    const bound = Math.max(CERTIFIED_RELATIVE * Math.abs(c), CERTIFIED_SCALE * scale[k]!);
    if (!tight({ value: c, error: f.error[k]! }, bound)) return false;
  }
  return true;
}

/**
 * Certify or fall back (SPEC §1: float measures within 1e-9 relative of the exact ones): `f` when
 * its error is at most FLOAT_MEASURE_TOLERANCE (1e-10)·|value|, else the float rounding of the
 * exact value (computed by `exact`, counted in `floatFallbacks`) with that error — or, with
 * `rounded` (`exact` returns the correctly rounded value), with the rounding's own bound.
 */
export function certifyFloat(f: FloatValue, exact: () => number, rounded = false): FloatValue {
  if (tight(f, CERTIFIED_RELATIVE * Math.abs(f.value))) return f;
  fallbackCount++;
  const value = exact();
  return { value, error: rounded ? roundingError(value) : CERTIFIED_RELATIVE * Math.abs(value) };
}

/**
 * {@link certifyFloat} whose fallback gives its own value and bound (a tighter float evaluation
 * from exact inputs, proven by the caller; counted in `floatFallbacks`).
 */
export function certifyFloatOr(f: FloatValue, fallback: () => FloatValue): FloatValue {
  if (tight(f, CERTIFIED_RELATIVE * Math.abs(f.value))) return f;
  fallbackCount++;
  return fallback();
}

/**
 * A bound on |fl(x) − x| for x rounded to nearest, from fl(x): u·|x| ≤ 2u·|fl(x)| in the normal
 * range, half the smallest subnormal below it. `rounded` of {@link certifyFloat} and
 * {@link certifyFloatVector}: when `exact` returns the correctly rounded exact value, its error is
 * this (a fallback's value is then as tight as its float64 form allows, so measures computed from
 * it — edge lengths between centroids — certify instead of falling back in turn).
 */
export function roundingError(v: number): number {
  return 2 ** -52 * Math.abs(v) + 2 ** -1074;
}

/**
 * certifyFloat for a point (centroid): every coordinate within 1e-10 relative or, near 0, within
 * 1e-12 of its coordinate scale `scale[k]` (max |v_k| over the cell's vertices); else the exact
 * point rounded (with `rounded`: correctly, error {@link roundingError}).
 */
export function certifyFloatVector(
  f: FloatVector,
  scale: readonly number[],
  exact: () => number[],
  rounded = false,
): FloatVector {
  const bound = (c: number, k: number) =>
    Math.max(CERTIFIED_RELATIVE * Math.abs(c), CERTIFIED_SCALE * scale[k]!);
  if (f.value.every((c, k) => tight({ value: c, error: f.error[k]! }, bound(c, k)))) return f;
  fallbackCount++;
  const value = exact();
  return { value, error: value.map(rounded ? roundingError : bound) };
}

/** mul(x, y).r for scalars: |x|·ry + rx·|y| + rx·ry + U2·|v| (v = fl(xy)). */
function mulRadius(x: number, rx: number, y: number, ry: number, v: number): number {
  return Math.abs(x) * ry + rx * Math.abs(y) + rx * ry + U2 * Math.abs(v);
}

/**
 * {@link polygonAreaCentroid2} on float points with per-point radii (points[order[i]], radius
 * radii[order[i]]), the same ball operations written out on scalars: the same values and radii, bit
 * for bit, without ball objects ({@link polygonAreaCentroid2Into} on the points copied flat).
 */
export function polygonAreaCentroid2F(
  points: readonly (readonly number[])[],
  radii: ArrayLike<number>,
  order: readonly number[],
): { area: Ball; centroid: Ball[] } {
  if (flatScratch.length < 2 * points.length) flatScratch = new Float64Array(4 * points.length);
  const xf = flatScratch;
  for (let t = 0; t < points.length; t++) {
    xf[2 * t] = points[t]![0]!;
    xf[2 * t + 1] = points[t]![1]!;
  }
  const o = measures2Out;
  polygonAreaCentroid2Into(xf, radii, order, o);
  return {
    area: { v: o[0]!, r: o[1]! },
    centroid: [
      { v: o[2]!, r: o[3]! },
      { v: o[4]!, r: o[5]! },
    ],
  };
}

/** Scratch of {@link polygonAreaCentroid2F}: the points flat, the measures. */
let flatScratch = new Float64Array(32);
const measures2Out = new Float64Array(6);

/**
 * {@link polygonAreaCentroid2F} on flat points (point t at xf[2t], xf[2t + 1]) into out = (area,
 * its radius, centroid x, its radius, centroid y, its radius): no object (the float complex's hot
 * path reads a cell's solved vertices in place).
 */
export function polygonAreaCentroid2Into(
  xf: ArrayLike<number>,
  radii: ArrayLike<number>,
  order: readonly number[],
  out: Float64Array,
): void {
  const n = order.length;
  const i0 = 2 * order[0]!;
  const x0 = xf[i0]!;
  const y0 = xf[i0 + 1]!;
  const r0 = radii[order[0]!]!;
  let Av = 0;
  let Ar = 0;
  let Xv = 0;
  let Xr = 0;
  let Yv = 0;
  let Yr = 0;
  for (let i = 1; i + 1 < n; i++) {
    const ip = 2 * order[i]!;
    const iq = 2 * order[i + 1]!;
    const rp = radii[order[i]!]!;
    const rq = radii[order[i + 1]!]!;
    // u = p − p0, w = q − p0 (sub: radii add, plus one rounding)
    const u0 = xf[ip]! - x0;
    const u1 = xf[ip + 1]! - y0;
    const w0 = xf[iq]! - x0;
    const w1 = xf[iq + 1]! - y0;
    const ru0 = rp + r0 + U2 * Math.abs(u0);
    const ru1 = rp + r0 + U2 * Math.abs(u1);
    const rw0 = rq + r0 + U2 * Math.abs(w0);
    const rw1 = rq + r0 + U2 * Math.abs(w1);
    // c = u0·w1 − u1·w0
    const m1 = u0 * w1;
    const m2 = u1 * w0;
    const cv = m1 - m2;
    const cr =
      mulRadius(u0, ru0, w1, rw1, m1) + mulRadius(u1, ru1, w0, rw0, m2) + U2 * Math.abs(cv);
    Av = Av + cv;
    Ar = Ar + cr + U2 * Math.abs(Av);
    // Cx += c·(u0 + w0), Cy += c·(u1 + w1)
    const s0 = u0 + w0;
    const rs0 = ru0 + rw0 + U2 * Math.abs(s0);
    const t0 = cv * s0;
    Xv = Xv + t0;
    Xr = Xr + mulRadius(cv, cr, s0, rs0, t0) + U2 * Math.abs(Xv);
    const s1 = u1 + w1;
    const rs1 = ru1 + rw1 + U2 * Math.abs(s1);
    const t1 = cv * s1;
    Yv = Yv + t1;
    Yr = Yr + mulRadius(cv, cr, s1, rs1, t1) + U2 * Math.abs(Yv);
  }
  // den = 3·A; centroid = p0 + C / den; area = |A| / 2
  const dv = Av * 3;
  const dr = Ar * 3 + U2 * Math.abs(dv);
  const dd = Math.abs(dv) - dr;
  const qx = Xv / dv;
  const qy = Yv / dv;
  // (not conditional expressions with ∞: those boxed qxr, qyr)
  let qxr = Infinity;
  let qyr = Infinity;
  if (dd > 0) {
    qxr = (Xr + Math.abs(qx) * dr) / dd + U2 * Math.abs(qx);
    qyr = (Yr + Math.abs(qy) * dr) / dd + U2 * Math.abs(qy);
  }
  const cx = x0 + qx;
  const cy = y0 + qy;
  const av = Math.abs(Av) * 0.5;
  out[0] = av;
  out[1] = Ar * 0.5 + U2 * Math.abs(av);
  out[2] = cx;
  out[3] = r0 + qxr + U2 * Math.abs(cx);
  out[4] = cy;
  out[5] = r0 + qyr + U2 * Math.abs(cy);
}
