/**
 * Float geometry for pictures only (never for reported numbers): half-plane clipping of convex
 * polygons and the orthonormal parametrisation of a slicing plane.
 */

/** A half-space a·x ≤ b in float64 (a picture needs no exactness). */
export interface FloatHalfspace {
  a: number[];
  b: number;
}

export type Point2 = [number, number];

/**
 * Clips a convex polygon (counter-clockwise vertex list) by a·p ≤ b (Sutherland–Hodgman, one edge
 * at a time). Returns the clipped polygon, possibly empty.
 */
export function clipPolygon(polygon: readonly Point2[], a: Point2, b: number): Point2[] {
  const out: Point2[] = [];
  const n = polygon.length;
  const scale = Math.max(Math.abs(a[0]), Math.abs(a[1]), Math.abs(b), 1e-300);
  const side = (p: Point2) => (a[0] * p[0] + a[1] * p[1] - b) / scale;
  for (let i = 0; i < n; i++) {
    const p = polygon[i]!;
    const q = polygon[(i + 1) % n]!;
    const sp = side(p);
    const sq = side(q);
    if (sp <= 0) out.push(p);
    if ((sp < 0 && sq > 0) || (sp > 0 && sq < 0)) {
      const t = sp / (sp - sq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return out;
}

/** Area of a polygon by the shoelace formula (positive when counter-clockwise). */
export function polygonArea(polygon: readonly Point2[]): number {
  let s = 0;
  for (let i = 0; i < polygon.length; i++) {
    const p = polygon[i]!;
    const q = polygon[(i + 1) % polygon.length]!;
    s += p[0] * q[1] - q[0] * p[1];
  }
  return s / 2;
}

/** Average of the polygon's vertices (a point inside a convex polygon). */
export function vertexMean(polygon: readonly Point2[]): Point2 {
  let x = 0;
  let y = 0;
  for (const p of polygon) {
    x += p[0];
    y += p[1];
  }
  return [x / polygon.length, y / polygon.length];
}

/**
 * An affine plane x(s, t) = origin + s·u + t·v in R^d with u, v orthonormal (Gram–Schmidt on
 * p1 − p0 and p2 − p0), so the picture of a slice keeps lengths and angles of the plane.
 */
export interface SlicePlane {
  origin: number[];
  u: number[];
  v: number[];
}

/** The plane through three points; throws RangeError when they are collinear. */
export function planeThrough(
  p0: readonly number[],
  p1: readonly number[],
  p2: readonly number[],
): SlicePlane {
  const sub = (x: readonly number[], y: readonly number[]) => x.map((xi, i) => xi - y[i]!);
  const dotp = (x: readonly number[], y: readonly number[]) =>
    x.reduce((s, xi, i) => s + xi * y[i]!, 0);
  const e1 = sub(p1, p0);
  const n1 = Math.sqrt(dotp(e1, e1));
  if (!(n1 > 0)) throw new RangeError('slice points p0 and p1 coincide');
  const u = e1.map((x) => x / n1);
  const e2 = sub(p2, p0);
  const proj = dotp(e2, u);
  const w = e2.map((x, i) => x - proj * u[i]!);
  const n2 = Math.sqrt(dotp(w, w));
  if (!(n2 > 1e-12 * Math.max(1, Math.sqrt(dotp(e2, e2))))) {
    throw new RangeError('slice points p0, p1, p2 are collinear');
  }
  return { origin: [...p0], u, v: w.map((x) => x / n2) };
}

/** The half-space a·x ≤ b restricted to the plane: (a·u) s + (a·v) t ≤ b − a·origin. */
export function restrictToPlane(h: FloatHalfspace, plane: SlicePlane): { a: Point2; b: number } {
  let au = 0;
  let av = 0;
  let ao = 0;
  h.a.forEach((ai, i) => {
    au += ai * plane.u[i]!;
    av += ai * plane.v[i]!;
    ao += ai * plane.origin[i]!;
  });
  return { a: [au, av], b: h.b - ao };
}

/** Plane coordinates of x and its distance from the plane. */
export function projectToPlane(
  plane: SlicePlane,
  x: readonly number[],
): { st: Point2; distance: number } {
  const rel = x.map((xi, i) => xi - plane.origin[i]!);
  const s = rel.reduce((acc, r, i) => acc + r * plane.u[i]!, 0);
  const t = rel.reduce((acc, r, i) => acc + r * plane.v[i]!, 0);
  const residual = rel.map((r, i) => r - s * plane.u[i]! - t * plane.v[i]!);
  return { st: [s, t], distance: Math.sqrt(residual.reduce((acc, r) => acc + r * r, 0)) };
}

/**
 * The polygon {p ∈ R² : a_k·p ≤ b_k for all k} (bounded by the constraints; a far square starts the
 * clipping), vertices counter-clockwise. Empty or degenerate (area ≈ 0) polygons give [].
 */
export function polygonOfHalfplanes(
  halfplanes: readonly { a: Point2; b: number }[],
  far = 1e6,
): Point2[] {
  let poly: Point2[] = [
    [-far, -far],
    [far, -far],
    [far, far],
    [-far, far],
  ];
  for (const h of halfplanes) {
    if (h.a[0] === 0 && h.a[1] === 0) {
      if (h.b < 0) return [];
      continue;
    }
    poly = clipPolygon(poly, h.a, h.b);
    if (poly.length === 0) return [];
  }
  return polygonArea(poly) > 1e-14 ? dedupe(poly) : [];
}

/** Drops consecutive vertices that coincide up to rounding (clipping at a vertex repeats it). */
function dedupe(poly: Point2[]): Point2[] {
  const scale = Math.max(...poly.map((p) => Math.max(Math.abs(p[0]), Math.abs(p[1]))), 1);
  const close = (p: Point2, q: Point2) => Math.hypot(p[0] - q[0], p[1] - q[1]) <= 1e-12 * scale;
  const out: Point2[] = [];
  for (const p of poly) if (out.length === 0 || !close(out[out.length - 1]!, p)) out.push(p);
  while (out.length > 1 && close(out[0]!, out[out.length - 1]!)) out.pop();
  return out;
}
