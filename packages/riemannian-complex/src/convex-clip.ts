/**
 * Exact clipping of low-dimensional convex sets in R^3 (and R^2) by half-spaces: the fast path for
 * shared faces and higher intersections I(σ) in d = 3 (SPEC §3, §4). A face is kept as its vertex
 * list (a polygon in cyclic order, a segment, or a point); measures are r·√q with a small radicand
 * (the squared norm of the primitive normal or direction).
 */
import {
  type IntegerPoint,
  Rational,
  SqrtRational,
  primitiveVector,
  reducedIntegerPoint,
  sqrtInteger,
  toIntegerPoint,
  toPrimitiveIntegers,
  lazyProperty,
} from '@mlgeo/exact-arith';
import { segmentCrossing } from '@mlgeo/exact-polytope';
import {
  type CellGeometry,
  type FacetInfo,
  TestPoint,
  filteredSign,
  scaledResidual,
} from './cells.js';
import type { Intersection } from './types.js';
import { cyclicOrder } from './cell-measures.js';
import {
  type FloatValue,
  certifyFloat,
  distance,
  pointBalls,
  polygonArea3,
  toValue,
} from './float-values.js';
import { exactMeasure } from './lazy.js';

/** I(σ) whose exact and float volumes are computed on first read. */
export function lazyIntersection<T extends { dimension: number; vertices?: Rational[][] }>(
  base: T,
  exact: () => SqrtRational,
  float: () => FloatValue,
): T & Intersection {
  const withExact = lazyProperty(base, 'volume', exactMeasure(exact));
  // SPEC §1: the float volume certified to FLOAT_MEASURE_TOLERANCE, else the exact one rounded
  return lazyProperty(withExact, 'floatVolume', () =>
    certifyFloat(float(), () => withExact.volume.toNumber()),
  );
}

const ZERO_F: FloatValue = { value: 0, error: 0 };
const ONE_F: FloatValue = { value: 1, error: 0 };

/**
 * The intersections below are made by `new`, their vertex lists by builtins (`Array.of`), so they
 * are born young (docs/contributing.md, "Objects a run keeps").
 */
class KnownIntersection implements Intersection {
  constructor(
    readonly dimension: number,
    readonly volume: SqrtRational,
    readonly floatVolume: FloatValue,
    readonly vertices: Rational[][],
  ) {}
}

/** A convex set's dimension and vertices, to which `lazyIntersection` adds its volumes. */
class Shape {
  constructor(
    readonly dimension: number,
    readonly vertices: Rational[][],
  ) {}
}

/** The empty set and a point as I(σ) (volumes 0 and vol_0 = 1, exact in both forms). */
export const emptyIntersection = (): Intersection =>
  new KnownIntersection(-1, SqrtRational.ZERO, ZERO_F, Array.of<Rational[]>());
export const pointIntersection = (p: Rational[]): Intersection =>
  new KnownIntersection(0, SqrtRational.ONE, ONE_F, Array.of(p));

/** Correctly rounded float forms of exact points with their common error bound. */
function roundedBalls(points: readonly Rational[][]) {
  const f = points.map((p) => p.map((x) => x.toNumber()));
  let max = 0;
  for (const p of f) for (const x of p) max = Math.max(max, Math.abs(x));
  return f.map((p) => pointBalls(p, 2 ** -52 * max));
}

/** The segment [p, q] as I(σ), its length on demand. */
export function segmentIntersection(p: Rational[], q: Rational[]): Intersection {
  return lazyIntersection(
    new Shape(1, Array.of(p, q)),
    () => segmentLength(p, q),
    () => {
      const [a, b] = roundedBalls([p, q]);
      return toValue(distance(a!, b!));
    },
  );
}

const sub = (u: readonly Rational[], v: readonly Rational[]): Rational[] =>
  u.map((x, k) => x.sub(v[k]!));

function cross(u: readonly Rational[], v: readonly Rational[]): Rational[] {
  return [
    u[1]!.mul(v[2]!).sub(u[2]!.mul(v[1]!)),
    u[2]!.mul(v[0]!).sub(u[0]!.mul(v[2]!)),
    u[0]!.mul(v[1]!).sub(u[1]!.mul(v[0]!)),
  ];
}

/**
 * Vertices of a 3-D convex polygon (given unordered, all in one plane with normal n) in cyclic
 * order: angular sort in the coordinate plane that drops the largest |n_k|, by exact orientation.
 */
export function orderPolygon(
  points: readonly Rational[][],
  normal: readonly bigint[],
): Rational[][] {
  if (points.length < 3) return points.slice();
  let k = 0;
  for (let i = 1; i < 3; i++)
    if ((normal[i]! < 0n ? -normal[i]! : normal[i]!) > (normal[k]! < 0n ? -normal[k]! : normal[k]!))
      k = i;
  const [i0, i1] = [0, 1, 2].filter((i) => i !== k) as [number, number];
  const n = Rational.fromBigInt(BigInt(points.length));
  const c0 = points.reduce((s, p) => s.add(p[i0]!), Rational.ZERO).div(n);
  const c1 = points.reduce((s, p) => s.add(p[i1]!), Rational.ZERO).div(n);
  const rel = points.map((p) => [p[i0]!.sub(c0), p[i1]!.sub(c1)] as const);
  const half = (v: readonly [Rational, Rational]): number =>
    v[1].sign() > 0 || (v[1].isZero() && v[0].sign() > 0) ? 0 : 1;
  const order = rel.map((_, i) => i);
  order.sort((a, b) => {
    const u = rel[a]!;
    const v = rel[b]!;
    const h = half(u) - half(v);
    if (h !== 0) return h;
    return -u[0].mul(v[1]).sub(u[1].mul(v[0])).sign();
  });
  return order.map((i) => points[i]!);
}

type ClipPoint = TestPoint;
const withFloat = (p: Rational[]): ClipPoint => new TestPoint(p);

/** Equality of clip points on their integer forms (canonical: primitive (num, den), den > 0). */
function sameIntPoint(u: ClipPoint, v: ClipPoint): boolean {
  const a = u.int;
  const b = v.int;
  return a.den === b.den && a.num.every((x, k) => x === b.num[k]);
}

/**
 * The point where segment PQ crosses a·x = b, on integers (exact-polytope's `segmentCrossing` of
 * the residuals s_P = (a·P − b)·den_P and s_Q, of opposite signs), reduced to its canonical form.
 */
function crossing(P: ClipPoint, Q: ClipPoint, F: FacetInfo): ClipPoint {
  const a = P.int;
  const b = Q.int;
  const c = segmentCrossing(a, b, scaledResidual(F, a), scaledResidual(F, b));
  return TestPoint.fromInt(reducedIntegerPoint(c.num, c.den));
}

/**
 * Sutherland–Hodgman step: the part of a cyclic polygon (or segment, point) with a·x ≤ b. Signs
 * are decided by the filtered test; exact crossings on integers only where an edge crosses.
 *
 * A specialisation of exact-polytope's cutter (`splitVertexCell`), kept because it walks the
 * polygon in cyclic order and returns the clipped polygon in that order, which the area formulas
 * need (the cutter works from incidence and returns vertices unordered); its crossing points are
 * the cutter's `segmentCrossing`.
 */
function clipByFacet(poly: readonly ClipPoint[], F: FacetInfo): ClipPoint[] {
  const sign = poly.map((q) => filteredSign(F, q));
  if (sign.every((v) => v <= 0)) return poly.slice();
  if (sign.every((v) => v > 0)) return [];
  const out: ClipPoint[] = [];
  const n = poly.length;
  const closed = n >= 3;
  for (let i = 0; i < n; i++) {
    const P = poly[i]!;
    if (sign[i]! <= 0) out.push(P);
    if (!closed && i === n - 1) break;
    const j = (i + 1) % n;
    if (sign[i]! * sign[j]! < 0) out.push(crossing(P, poly[j]!, F));
  }
  // drop consecutive duplicates
  const dedup: ClipPoint[] = [];
  for (const q of out)
    if (dedup.length === 0 || !sameIntPoint(dedup[dedup.length - 1]!, q)) dedup.push(q);
  while (dedup.length > 1 && sameIntPoint(dedup[0]!, dedup[dedup.length - 1]!)) dedup.pop();
  return dedup;
}

/** Clips a convex point set (cyclic polygon / segment / point) by the closure of a cell. */
export function clipByCell(poly: readonly Rational[][], cell: CellGeometry): Rational[][] {
  return clipPointsByCell(poly.map(withFloat), cell).map((q) => q.p);
}

/** {@link clipByCell} on points that keep their integer forms (no conversion back). */
export function clipPointsByCell(poly: readonly TestPoint[], cell: CellGeometry): TestPoint[] {
  let cur = poly.slice();
  for (const F of cell.facets) {
    cur = clipByFacet(cur, F);
    if (cur.length === 0) break;
  }
  return cur;
}

/**
 * Twice the vector area of a cyclic polygon lying in a plane with integer normal n, as λ with
 * Σ p_i × p_{i+1} = λ·n: on integers over P = Π D_i (p_i = X_i/D_i), one reduction at the end.
 */
export function vectorAreaAlong(
  points: readonly Rational[][],
  n: readonly bigint[],
  ints?: readonly IntegerPoint[],
): Rational {
  const k = [0, 1, 2].reduce((best, i) => (absB(n[i]!) > absB(n[best]!) ? i : best), 0);
  const [i0, i1] = [(k + 1) % 3, (k + 2) % 3] as [number, number];
  const ip = ints ?? points.map((p) => toIntegerPoint(p));
  let P = 1n;
  for (const q of ip) P *= q.den;
  let S = 0n;
  for (let i = 0; i < ip.length; i++) {
    const u = ip[i]!;
    const v = ip[(i + 1) % ip.length]!;
    // k-th component of X_u × X_v
    const c = u.num[i0]! * v.num[i1]! - u.num[i1]! * v.num[i0]!;
    if (c !== 0n) S += c * (P / (u.den * v.den));
  }
  return Rational.of(S, P * n[k]!);
}

const absB = (x: bigint): bigint => (x < 0n ? -x : x);

/**
 * Area of a cyclic polygon (≥ 3 points) in a plane with integer normal `normal`, or null when the
 * points are collinear: |λ n|/2 = |λ|/2·√(n·n) for the primitive n (see vectorAreaAlong).
 */
export function planarPolygonArea(
  points: readonly Rational[][],
  normal: readonly bigint[],
  ints?: readonly IntegerPoint[],
): SqrtRational | null {
  const n = primitiveVector(normal.slice(0, 3));
  const lambda = vectorAreaAlong(points, n, ints).abs();
  if (lambda.isZero()) return null;
  const n2 = n.reduce((s, x) => s + x * x, 0n);
  return sqrtInteger(n2).mul(lambda.div(Rational.fromBigInt(2n)));
}

/**
 * Dimension, relative volume and vertices of a convex set in R^3 given by cyclic vertices; `normal`
 * (optional) is the primitive integer normal of a plane known to contain it (faster area), `ints`
 * (optional) the points' integer forms.
 */
export function describeConvex3(
  points: readonly Rational[][],
  normal?: readonly bigint[],
  ints?: readonly IntegerPoint[],
): Intersection {
  if (points.length === 0) return emptyIntersection();
  if (points.length === 1) return pointIntersection(points[0]!);
  if (points.length >= 3) {
    // a polygon when its float area certainly is not 0 (the exact area on demand), else decided
    // exactly below
    const floatArea = polygonArea3(roundedBalls(points));
    const vertices = points.slice();
    if (floatArea.v > floatArea.r)
      return lazyIntersection(
        new Shape(2, vertices),
        () =>
          normal !== undefined ? planarPolygonArea(vertices, normal, ints)! : exactArea(vertices)!,
        () => toValue(floatArea),
      );
    if (normal !== undefined) {
      if (planarPolygonArea(points, normal, ints) !== null)
        return lazyIntersection(
          new Shape(2, vertices),
          () => planarPolygonArea(vertices, normal, ints)!,
          () => toValue(floatArea),
        );
      return collinearSegment(points);
    }
    if (exactArea(vertices) !== null)
      return lazyIntersection(
        new Shape(2, vertices),
        () => exactArea(vertices)!,
        () => toValue(floatArea),
      );
  }
  return collinearSegment(points);
}

/** Area of a cyclic polygon in R^3 exactly; null when it is 0 (collinear points). */
export function exactArea(points: readonly Rational[][]): SqrtRational | null {
  // twice the vector area Σ p_i × p_{i+1}
  let A = [Rational.ZERO, Rational.ZERO, Rational.ZERO];
  if (points.length >= 3)
    for (let i = 0; i < points.length; i++) {
      const c = cross(points[i]!, points[(i + 1) % points.length]!);
      A = A.map((x, k) => x.add(c[k]!));
    }
  if (A.every((x) => x.isZero())) return null;
  // |A|/2 with A = λ·n, n primitive integer: area = |λ|/2 · √(n·n)
  const n = toPrimitiveIntegers(A);
  const k = n.findIndex((x) => x !== 0n);
  const lambda = A[k]!.div(Rational.fromBigInt(n[k]!)).abs();
  const n2 = n.reduce((s, x) => s + x * x, 0n);
  return sqrtInteger(n2).mul(lambda.div(Rational.fromBigInt(2n)));
}

/**
 * Collinear points (at least two distinct): the segment between the extreme ones. Along the line
 * a coordinate k in which two points differ is monotone, so comparing it orders the points.
 */
function collinearSegment(points: readonly Rational[][]): Intersection {
  const p0 = points[0]!;
  let k = -1;
  for (const p of points) {
    k = p.findIndex((x, i) => !x.equals(p0[i]!));
    if (k >= 0) break;
  }
  if (k < 0) return pointIntersection(p0);
  let lo = p0;
  let hi = p0;
  for (const p of points) {
    if (p[k]!.lt(lo[k]!)) lo = p;
    if (p[k]!.gt(hi[k]!)) hi = p;
  }
  return segmentIntersection(lo, hi);
}

/** |q − p| as r·√q with the radicand taken from the primitive direction (small). */
export function segmentLength(p: readonly Rational[], q: readonly Rational[]): SqrtRational {
  const diff = sub(q, p);
  const dir = toPrimitiveIntegers(diff);
  const k = dir.findIndex((x) => x !== 0n);
  if (k < 0) return SqrtRational.ZERO;
  const mu = diff[k]!.div(Rational.fromBigInt(dir[k]!)).abs();
  return sqrtInteger(dir.reduce((s, x) => s + x * x, 0n)).mul(mu);
}

/**
 * Sign of the turn A → B → C of the first three points in the (i0, i1) plane: in float from the
 * correctly rounded coordinates when |det| exceeds its bound (inputs within u·M, M the largest
 * |coordinate|: the two products of differences and the subtraction err by < 50u·M²; 64u·M² is
 * used), else exactly on integers (u = B·d_A − A·d_B = d_A d_B (b − a), v likewise, same sign).
 */
function orientation(
  f: readonly (readonly number[])[],
  i0: number,
  i1: number,
  exact: () => Rational[][],
): number {
  const [a, b, c] = f as [number[], number[], number[]];
  const M = Math.max(
    Math.abs(a[i0]!),
    Math.abs(a[i1]!),
    Math.abs(b[i0]!),
    Math.abs(b[i1]!),
    Math.abs(c[i0]!),
    Math.abs(c[i1]!),
  );
  const det = (b[i0]! - a[i0]!) * (c[i1]! - a[i1]!) - (b[i1]! - a[i1]!) * (c[i0]! - a[i0]!);
  const err = 64 * 2 ** -53 * M * M * (1 + 2 ** -40) + 1e-300;
  if (Number.isFinite(err) && Math.abs(det) > err) return det > 0 ? 1 : -1;
  const [A, B, C] = exact()
    .slice(0, 3)
    .map((p) => toIntegerPoint(p)) as [IntegerPoint, IntegerPoint, IntegerPoint];
  const u = [i0, i1].map((i) => B.num[i]! * A.den - A.num[i]! * B.den) as [bigint, bigint];
  const v = [i0, i1].map((i) => C.num[i]! * A.den - A.num[i]! * C.den) as [bigint, bigint];
  const x = u[0] * v[1] - u[1] * v[0];
  return x > 0n ? 1 : x < 0n ? -1 : 0;
}

/**
 * The polygon of facet f in the order `orderPolygon` gives (counter-clockwise in the coordinate
 * plane dropping the largest |n_k|, starting at the smallest angle around the vertex average),
 * found from the incidence instead of an angular sort: two vertices of f are consecutive iff they
 * lie on a common second facet (an edge of the cell). Only the orientation (one exact cross
 * product) and the start (comparisons with the average) need arithmetic. Null when the incidence
 * is not a single cycle.
 */
function facetCycle(cell: CellGeometry, f: number): Rational[][] | null {
  const Vf = cell.facets[f]!.vertices;
  if (Vf.length < 3) return null;
  const local = new Map(Vf.map((v, i) => [v, i]));
  const edges: number[][] = [];
  cell.facets.forEach((G, g) => {
    if (g === f) return;
    const common = G.vertices.filter((v) => local.has(v));
    if (common.length >= 2)
      edges.push([local.get(common[0]!)!, local.get(common[common.length - 1]!)!]);
  });
  const cyc = cyclicOrder(Vf.length, edges);
  if (!cyc) return null;
  let pts = cyc.map((i) => cell.vertices[Vf[i]!]!);
  // the same vertices correctly rounded (|x̂ − x| ≤ u·|x̂|): float decisions with proven bounds
  let fpts = cyc.map((i) => cell.verticesF[Vf[i]!]!);
  const normal = cell.facets[f]!.ints;
  let k = 0;
  for (let i = 1; i < 3; i++) if (absB(normal[i]!) > absB(normal[k]!)) k = i;
  const [i0, i1] = [0, 1, 2].filter((i) => i !== k) as [number, number];
  // counter-clockwise in the (i0, i1) plane: a strictly convex polygon turns the same way everywhere
  if (orientation(fpts, i0, i1, () => pts) < 0) {
    pts = pts.reverse();
    fpts = fpts.reverse();
  }
  // half-plane of p − average: 0 when above (or on the positive i0 side of) the average
  const n = BigInt(pts.length);
  const m0 = pts.length;
  let sum1: Rational | undefined;
  let sum0: Rational | undefined;
  let fs1 = 0;
  let abs1 = 0;
  for (const q of fpts) {
    fs1 += q[i1]!;
    abs1 += Math.abs(q[i1]!);
  }
  const half = (p: Rational[], t: number): number => {
    // n·p̂ vs Σ q̂: inputs within u·|x̂| each, the sum's m − 1 roundings and the product's one
    const lhs = m0 * fpts[t]![i1]!;
    const err = 2 * (m0 + 2) * 2 ** -53 * (abs1 + Math.abs(lhs)) * (1 + 2 ** -40) + 1e-300;
    const diff = lhs - fs1;
    if (Number.isFinite(err) && Math.abs(diff) > err) return diff > 0 ? 0 : 1;
    sum1 ??= pts.reduce((s, q) => s.add(q[i1]!), Rational.ZERO);
    const s = p[i1]!.mul(Rational.fromBigInt(n)).cmp(sum1);
    if (s !== 0) return s > 0 ? 0 : 1;
    sum0 ??= pts.reduce((t2, q) => t2.add(q[i0]!), Rational.ZERO);
    return p[i0]!.mul(Rational.fromBigInt(n)).cmp(sum0) > 0 ? 0 : 1;
  };
  const halves = pts.map((p, t) => half(p, t));
  const m = pts.length;
  const start = halves.findIndex((h, i) => h === 0 && halves[(i + m - 1) % m] === 1);
  if (start < 0) return null;
  return [...pts.slice(start), ...pts.slice(0, start)];
}

/** The polygon of facet f of a 3-D cell, in cyclic order (cached on the geometry). */
export function facetPolygon(cell: CellGeometry, f: number): Rational[][] {
  const cache = (cell.polygons ??= []);
  let poly = cache[f];
  if (!poly) {
    const F = cell.facets[f]!;
    poly =
      facetCycle(cell, f) ??
      orderPolygon(
        F.vertices.map((v) => cell.vertices[v]!),
        F.ints.slice(0, 3),
      );
    cache[f] = poly;
  }
  return poly;
}

/** The polygon of facet f as TestPoints shared by all clips (integer forms computed once). */
export function facetPolygonPoints(cell: CellGeometry, f: number): TestPoint[] {
  const map = (cell.vertexPoints ??= new Map(
    cell.vertices.map((v, i) => [v, new TestPoint(v, cell.verticesF[i])]),
  ));
  return facetPolygon(cell, f).map((p) => map.get(p) ?? new TestPoint(p));
}

/**
 * I(σ) = ⋂ cl C_i for cells of a 3-D partition (|σ| ≥ 2). A convex subset of ∂C lies in one
 * facet of C (the smallest face holding a relative-interior point holds all of it), so I(σ) is the
 * largest of the clips of C's facet polygons by the other cells, for C the cell with fewest facets.
 */
export function intersectCells3(cells: readonly CellGeometry[]): Intersection {
  let base = cells[0]!;
  for (const c of cells) if (c.facets.length < base.facets.length) base = c;
  let best: Intersection = emptyIntersection();
  for (let f = 0; f < base.facets.length; f++) {
    let poly = facetPolygonPoints(base, f);
    for (const c of cells) if (c !== base && poly.length > 0) poly = clipPointsByCell(poly, c);
    if (poly.length === 0) continue;
    const I = describeConvex3(
      poly.map((q) => q.p),
      base.facets[f]!.ints,
      poly.map((q) => q.int),
    );
    if (I.dimension > best.dimension) best = I;
  }
  return best;
}
