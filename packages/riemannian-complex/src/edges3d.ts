/**
 * The edge arrangement of a 3-D partition (SPEC §4 ridges): cell edges on common lines, cut where
 * other edges meet them.
 */
import {
  type IntegerPoint,
  Rational,
  UNDERFLOW_SLACK,
  UNIT_ROUNDOFF,
  commonDenominator,
  gcdOfList,
  primitiveVector,
  toIntegerPoint,
} from '@mlgeo/exact-arith';
import type { CellGeometry } from './cells.js';
import { boxOf, overlappingPairs } from './spatial.js';

interface Segment {
  p: Rational[];
  q: Rational[];
  /** p and q rounded to float64 (correctly rounded). */
  pf: number[];
  qf: number[];
  /** p and q as integers over their common denominators. */
  P: IntegerPoint;
  Q: IntegerPoint;
  line: string;
  /** pointKey of p and q. */
  pk: string;
  qk: string;
  /** Cells having this segment as an edge. */
  owners: number[];
}

interface Line {
  /** Index of the first non-zero entry of the (positive-first) direction. */
  axis: number;
  segs: Segment[];
  cuts: Map<string, Rational[]>;
}

/** (x + y) / 2 with one reduction. */
function midpoint(x: Rational, y: Rational): Rational {
  return Rational.of(x.num * y.den + y.num * x.den, 2n * x.den * y.den);
}

const pointKey = (p: readonly Rational[]): string => p.map((x) => x.toString()).join(',');

/**
 * Float filter for the coplanarity test of two segments (SPEC §1): w·(e1 × e2) with w = p2 − p1,
 * e_i = q_i − p_i, in float64 from the rounded endpoints. Each difference has absolute error at
 * most 2u·(|a| + |b|) of its operands, so with magnitudes W, E1, E2 (sums of endpoint absolute
 * values) the float determinant is within 32u·Σ_perm W_i E1_j E2_k of the exact one (a generous
 * first-order bound); beyond it the segments are certainly skew. Returns false when undecided.
 * A specialisation kept beside the predicate kernel (exact-arith error-bound.ts) for speed: its
 * operands are differences of rounded coordinates, not rounded values, so the kernel's dot-product
 * bound does not apply directly; u and the underflow guard come from the kernel.
 */
function clearlySkew(p1: number[], q1: number[], p2: number[], q2: number[]): boolean {
  const e1 = [0, 1, 2].map((k) => q1[k]! - p1[k]!);
  const e2 = [0, 1, 2].map((k) => q2[k]! - p2[k]!);
  const w = [0, 1, 2].map((k) => p2[k]! - p1[k]!);
  const E1 = [0, 1, 2].map((k) => Math.abs(q1[k]!) + Math.abs(p1[k]!));
  const E2 = [0, 1, 2].map((k) => Math.abs(q2[k]!) + Math.abs(p2[k]!));
  const W = [0, 1, 2].map((k) => Math.abs(p2[k]!) + Math.abs(p1[k]!));
  let det = 0;
  let mag = 0;
  for (const [i, j, k] of [
    [0, 1, 2],
    [1, 2, 0],
    [2, 0, 1],
  ] as const) {
    det += w[i]! * (e1[j]! * e2[k]! - e1[k]! * e2[j]!);
    mag += W[i]! * (E1[j]! * E2[k]! + E1[k]! * E2[j]!);
  }
  if (!Number.isFinite(det) || !Number.isFinite(mag) || mag > 1e300 || mag < 1e-280) return false;
  return Math.abs(det) > 32 * UNIT_ROUNDOFF * mag + UNDERFLOW_SLACK;
}

/** A segment on integers: p = P/D, q = Q/D with one denominator D > 0, and E = Q − P. */
interface IntSegment {
  P: bigint[];
  E: bigint[];
  D: bigint;
}

function intSegment(s: { P: IntegerPoint; Q: IntegerPoint }): IntSegment {
  const a = s.P;
  const b = s.Q;
  const D = commonDenominator([a.den, b.den]);
  const fa = D / a.den;
  const fb = D / b.den;
  const P = a.num.map((x) => x * fa);
  return { P, E: b.num.map((x, k) => x * fb - P[k]!), D };
}

function crossB(u: readonly bigint[], v: readonly bigint[]): bigint[] {
  return [
    u[1]! * v[2]! - u[2]! * v[1]!,
    u[2]! * v[0]! - u[0]! * v[2]!,
    u[0]! * v[1]! - u[1]! * v[0]!,
  ];
}
const dotB = (u: readonly bigint[], v: readonly bigint[]): bigint =>
  u[0]! * v[0]! + u[1]! * v[1]! + u[2]! * v[2]!;

/**
 * The common point of two segments on distinct lines, or null, exactly on integers (homogeneous
 * coordinates, one division per coordinate at the end). With p_i = P_i/D_i, e_i = E_i/D_i,
 * W = P2·D1 − P1·D2 = D1·D2·(p2 − p1) and n = E1 × E2: the lines meet iff n ≠ 0 and W·n = 0, at
 * p1 + s·e1 = p2 + t·e2 with s = (W × E2)·n / (D2·n·n), t = (W × E1)·n / (D1·n·n).
 */
function meetInteger(a: IntSegment, b: IntSegment): Rational[] | null {
  const n = crossB(a.E, b.E);
  const nn = dotB(n, n);
  if (nn === 0n) return null; // parallel, distinct lines
  const W = b.P.map((x, k) => x * a.D - a.P[k]! * b.D);
  if (dotB(W, n) !== 0n) return null; // skew
  const sN = dotB(crossB(W, b.E), n);
  if (sN < 0n || sN > b.D * nn) return null;
  const tN = dotB(crossB(W, a.E), n);
  if (tN < 0n || tN > a.D * nn) return null;
  // p1 + s·e1 = (P1·D2·nn + sN·E1) / (D1·D2·nn)
  const den = a.D * b.D * nn;
  const m = b.D * nn;
  return a.P.map((x, k) => Rational.of(x * m + sN * a.E[k]!, den));
}

/** Edges of a 3-polytope: pairs of facets sharing at least two vertices (exactly two then). */
function cellEdges(cell: CellGeometry): [number, number][] {
  const out: [number, number][] = [];
  const F = cell.facets;
  for (let f = 0; f < F.length; f++) {
    const vf = new Set(F[f]!.vertices);
    for (let g = f + 1; g < F.length; g++) {
      const common = F[g]!.vertices.filter((v) => vf.has(v));
      if (common.length >= 2) out.push([common[0]!, common[common.length - 1]!]);
    }
  }
  return out;
}

/**
 * 3-D ridges: the cells' edges grouped by supporting line (exact Plücker key), cut at every
 * endpoint and at every point where an edge of another line meets them; pieces covered by an edge
 * are the ridges. `points` lists every cut point: with the cell vertices these are all 0-cells of
 * the common refinement of the cells' boundaries (edges of cells with disjoint interiors cannot
 * cross facets transversally), so every non-empty I(σ) contains one of them.
 */
export function edgeArrangement3d(cells: readonly CellGeometry[]): EdgeArrangement {
  let out = arrangements.get(cells);
  if (!out) arrangements.set(cells, (out = computeEdgeArrangement3d(cells)));
  return out;
}

/** The edge arrangement, its ridges and cut points (results are shared: do not mutate). */
export interface EdgeArrangement {
  ridges: { vertices: Rational[][]; point: Rational[] }[];
  points: Rational[][];
}

// the complex (simplices.ts) and the angles (angles.ts) both need the arrangement of one cell list
const arrangements = new WeakMap<readonly CellGeometry[], EdgeArrangement>();

function computeEdgeArrangement3d(cells: readonly CellGeometry[]): EdgeArrangement {
  const segs = new Map<string, Segment>();
  const lines = new Map<string, Line>();
  for (const c of cells) {
    // per-vertex keys, integer forms (computed once per cell, each vertex is on ≥ 3 edges)
    const keys: (string | undefined)[] = [];
    const ip: (IntegerPoint | undefined)[] = [];
    for (const [u0, v0] of cellEdges(c)) {
      let [u, v] = [u0, v0];
      let pk = (keys[u] ??= pointKey(c.vertices[u]!));
      let qk = (keys[v] ??= pointKey(c.vertices[v]!));
      if (pk > qk) [u, v, pk, qk] = [v, u, qk, pk];
      const key = `${pk}|${qk}`;
      const known = segs.get(key);
      if (known) {
        known.owners.push(c.index);
        continue;
      }
      const P = (ip[u] ??= toIntegerPoint(c.vertices[u]!));
      const Q = (ip[v] ??= toIntegerPoint(c.vertices[v]!));
      // primitive direction of Q/D_Q − P/D_P, first non-zero entry positive
      const dir = primitiveVector(Q.num.map((x, k) => x * P.den - P.num[k]! * Q.den));
      const axis = dir.findIndex((x) => x !== 0n);
      if (dir[axis]! < 0n) for (let k = 0; k < 3; k++) dir[k] = -dir[k]!;
      // the line is determined by dir and the moment p × dir = (P × dir) / D_P (reduced)
      const m = crossB(P.num, dir);
      const g = gcdOfList([P.den, ...m]);
      const lineKey = `${dir.join(',')}|${m.map((x) => x / g).join(',')}/${P.den / g}`;
      const seg: Segment = {
        p: c.vertices[u]!,
        q: c.vertices[v]!,
        pf: c.verticesF[u]!,
        qf: c.verticesF[v]!,
        P,
        Q,
        line: lineKey,
        pk,
        qk,
        owners: [c.index],
      };
      segs.set(key, seg);
      let L = lines.get(lineKey);
      if (!L) lines.set(lineKey, (L = { axis, segs: [], cuts: new Map() }));
      L.segs.push(seg);
      L.cuts.set(pk, seg.p);
      L.cuts.set(qk, seg.q);
    }
  }
  const all = [...segs.values()];
  const boxes = all.map((s) => {
    const lo: number[] = [];
    const hi: number[] = [];
    for (let k = 0; k < 3; k++) {
      const a = s.pf[k]!;
      const b = s.qf[k]!;
      const m = 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
      lo.push(Math.min(a, b) - m);
      hi.push(Math.max(a, b) + m);
    }
    return boxOf(lo, hi);
  });
  for (const [x, y] of overlappingPairs(boxes)) {
    const s1 = all[x]!;
    const s2 = all[y]!;
    if (s1.line === s2.line) continue;
    // segments on distinct lines meet in at most one point: a common endpoint is already a cut
    if (s1.pk === s2.pk || s1.pk === s2.qk || s1.qk === s2.pk || s1.qk === s2.qk) continue;
    // two edges of one convex cell meet only in a common vertex
    if (s1.owners.some((o) => s2.owners.includes(o))) continue;
    if (clearlySkew(s1.pf, s1.qf, s2.pf, s2.qf)) continue;
    const X = meetInteger(intSegment(s1), intSegment(s2));
    if (X === null) continue;
    lines.get(s1.line)!.cuts.set(pointKey(X), X);
    lines.get(s2.line)!.cuts.set(pointKey(X), X);
  }
  const out: { vertices: Rational[][]; point: Rational[]; key: string }[] = [];
  for (const L of lines.values()) {
    // along the line, coordinate `axis` increases strictly with the line parameter
    const k = L.axis;
    const cuts = [...L.cuts.values()].sort((a, b) => a[k]!.cmp(b[k]!));
    const spans = L.segs.map((s) =>
      s.p[k]!.lt(s.q[k]!) ? [s.p[k]!, s.q[k]!] : [s.q[k]!, s.p[k]!],
    );
    for (let i = 0; i + 1 < cuts.length; i++) {
      const a = cuts[i]!;
      const b = cuts[i + 1]!;
      if (!spans.some(([lo, hi]) => !lo!.gt(a[k]!) && !hi!.lt(b[k]!))) continue;
      const point = a.map((v, j) => midpoint(v, b[j]!));
      out.push({ vertices: [a, b], point, key: pointKey(point) });
    }
  }
  out.sort((r1, r2) => (r1.key < r2.key ? -1 : 1));
  const ridges = out.map(({ vertices, point }) => ({ vertices, point }));
  const points = new Map<string, Rational[]>();
  for (const L of lines.values()) for (const [key, p] of L.cuts) points.set(key, p);
  return { ridges, points: [...points.values()] };
}
