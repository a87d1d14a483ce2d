/**
 * The edge arrangement of a 3-D partition (SPEC §4 ridges): cell edges on common lines, cut where
 * other edges meet them.
 */
import { Rational, toPrimitiveIntegers } from '@mlgeo/exact-arith';
import { type CellGeometry, dotR } from './cells.js';
import { overlappingPairs } from './spatial.js';

interface Segment {
  p: Rational[];
  q: Rational[];
  line: string;
  /** pointKey of p and q. */
  pk: string;
  qk: string;
  /** Cells having this segment as an edge. */
  owners: number[];
}

function cross(u: readonly Rational[], v: readonly Rational[]): Rational[] {
  return [
    u[1]!.mul(v[2]!).sub(u[2]!.mul(v[1]!)),
    u[2]!.mul(v[0]!).sub(u[0]!.mul(v[2]!)),
    u[0]!.mul(v[1]!).sub(u[1]!.mul(v[0]!)),
  ];
}
const sub = (u: readonly Rational[], v: readonly Rational[]): Rational[] =>
  u.map((x, k) => x.sub(v[k]!));
const pointKey = (p: readonly Rational[]): string => p.map((x) => x.toString()).join(',');

const U = 1.1102230246251565e-16; // unit roundoff 2^−53

/**
 * Float filter for the coplanarity test of two segments (SPEC §1): w·(e1 × e2) with w = p2 − p1,
 * e_i = q_i − p_i, in float64 from the rounded endpoints. Each difference has absolute error at
 * most 2u·(|a| + |b|) of its operands, so with magnitudes W, E1, E2 (sums of endpoint absolute
 * values) the float determinant is within 32u·Σ_perm W_i E1_j E2_k of the exact one (a generous
 * first-order bound); beyond it the segments are certainly skew. Returns false when undecided.
 */
function clearlySkew(s1: { p: number[]; q: number[] }, s2: { p: number[]; q: number[] }): boolean {
  const e1 = [0, 1, 2].map((k) => s1.q[k]! - s1.p[k]!);
  const e2 = [0, 1, 2].map((k) => s2.q[k]! - s2.p[k]!);
  const w = [0, 1, 2].map((k) => s2.p[k]! - s1.p[k]!);
  const E1 = [0, 1, 2].map((k) => Math.abs(s1.q[k]!) + Math.abs(s1.p[k]!));
  const E2 = [0, 1, 2].map((k) => Math.abs(s2.q[k]!) + Math.abs(s2.p[k]!));
  const W = [0, 1, 2].map((k) => Math.abs(s2.p[k]!) + Math.abs(s1.p[k]!));
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
  return Math.abs(det) > 32 * U * mag;
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

/** 3-D ridges: cell edges on each line, cut at endpoints and at crossings with other edges. */
/**
 * 3-D ridges: the cells' edges grouped by supporting line (exact Plücker key), cut at every
 * endpoint and at every point where an edge of another line meets them; pieces covered by an edge
 * are the ridges. `points` lists every cut point: with the cell vertices these are all 0-cells of
 * the common refinement of the cells' boundaries (edges of cells with disjoint interiors cannot
 * cross facets transversally), so every non-empty I(σ) contains one of them.
 */
export function edgeArrangement3d(cells: readonly CellGeometry[]): {
  ridges: { vertices: Rational[][]; point: Rational[] }[];
  points: Rational[][];
} {
  const segs = new Map<string, Segment>();
  const lines = new Map<
    string,
    { dir: Rational[]; segs: Segment[]; cuts: Map<string, Rational[]> }
  >();
  for (const c of cells)
    for (const [u, v] of cellEdges(c)) {
      let p = c.vertices[u]!;
      let q = c.vertices[v]!;
      let pk = pointKey(p);
      let qk = pointKey(q);
      if (pk > qk) [p, q, pk, qk] = [q, p, qk, pk];
      const key = `${pk}|${qk}`;
      const known = segs.get(key);
      if (known) {
        known.owners.push(c.index);
        continue;
      }
      let dirInts = toPrimitiveIntegers(sub(q, p));
      const first = dirInts.find((x) => x !== 0n)!;
      if (first < 0n) dirInts = dirInts.map((x) => -x);
      const dir = dirInts.map((x) => Rational.fromBigInt(x));
      const lineKey = `${dirInts.join(',')}|${pointKey(cross(p, dir))}`;
      const seg = { p, q, line: lineKey, pk, qk, owners: [c.index] };
      segs.set(key, seg);
      let L = lines.get(lineKey);
      if (!L) lines.set(lineKey, (L = { dir, segs: [], cuts: new Map() }));
      L.segs.push(seg);
      L.cuts.set(pk, p);
      L.cuts.set(qk, q);
    }
  const all = [...segs.values()];
  const boxes = all.map((s) => {
    const lo: number[] = [];
    const hi: number[] = [];
    for (let k = 0; k < 3; k++) {
      const a = s.p[k]!.toNumber();
      const b = s.q[k]!.toNumber();
      const m = 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
      lo.push(Math.min(a, b) - m);
      hi.push(Math.max(a, b) + m);
    }
    return { lo, hi };
  });
  const floats = all.map((s) => ({
    p: s.p.map((v) => v.toNumber()),
    q: s.q.map((v) => v.toNumber()),
  }));
  for (const [x, y] of overlappingPairs(boxes)) {
    const s1 = all[x]!;
    const s2 = all[y]!;
    if (s1.line === s2.line) continue;
    // segments on distinct lines meet in at most one point: a common endpoint is already a cut
    if (s1.pk === s2.pk || s1.pk === s2.qk || s1.qk === s2.pk || s1.qk === s2.qk) continue;
    // two edges of one convex cell meet only in a common vertex
    if (s1.owners.some((o) => s2.owners.includes(o))) continue;
    if (clearlySkew(floats[x]!, floats[y]!)) continue;
    const e1 = sub(s1.q, s1.p);
    const e2 = sub(s2.q, s2.p);
    const n = cross(e1, e2);
    const nn = dotR(n, n);
    if (nn.isZero()) continue; // parallel, distinct lines
    const w = sub(s2.p, s1.p);
    if (!dotR(w, n).isZero()) continue; // skew
    const s = dotR(cross(w, e2), n).div(nn);
    const t = dotR(cross(w, e1), n).div(nn);
    if (s.sign() < 0 || s.gt(Rational.ONE) || t.sign() < 0 || t.gt(Rational.ONE)) continue;
    const X = s1.p.map((v, k) => v.add(e1[k]!.mul(s)));
    lines.get(s1.line)!.cuts.set(pointKey(X), X);
    lines.get(s2.line)!.cuts.set(pointKey(X), X);
  }
  const out: { vertices: Rational[][]; point: Rational[] }[] = [];
  const half = Rational.of(1n, 2n);
  for (const L of lines.values()) {
    const param = (x: readonly Rational[]): Rational => dotR(L.dir, x);
    const cuts = [...L.cuts.values()].map((p) => ({ p, t: param(p) })).sort((a, b) => a.t.cmp(b.t));
    const spans = L.segs.map((s) => {
      const a = param(s.p);
      const b = param(s.q);
      return a.lt(b) ? [a, b] : [b, a];
    });
    for (let k = 0; k + 1 < cuts.length; k++) {
      const a = cuts[k]!;
      const b = cuts[k + 1]!;
      if (!spans.some(([lo, hi]) => !lo!.gt(a.t) && !hi!.lt(b.t))) continue;
      out.push({ vertices: [a.p, b.p], point: a.p.map((v, i) => v.add(b.p[i]!).mul(half)) });
    }
  }
  out.sort((r1, r2) => (pointKey(r1.point) < pointKey(r2.point) ? -1 : 1));
  const points = new Map<string, Rational[]>();
  for (const L of lines.values()) for (const [key, p] of L.cuts) points.set(key, p);
  return { ridges: out, points: [...points.values()] };
}
