/**
 * The float path's points (issue 11, `measures: 'float'`): the complex's combinatorics from
 * combinatorial identities and filtered predicates, exact arithmetic only for a decision the
 * filter cannot certify.
 *
 * - Hyperplane ids: every facet (cells and domain) gets the integer id of its canonical hyperplane
 *   key (equal ids ⇔ the same hyperplane, exactly).
 * - Float vertices: vertex v of a cell is the solution of d of its tight facet rows (the primitive
 *   integer rows rounded, relative error ≤ u each), in midpoint–radius arithmetic (float-values.ts):
 *   a proven bound, usually a few ulps — far tighter than an enumeration's running bound. When no
 *   choice of d tight rows certifies a non-zero determinant, the exact vertex is rounded.
 * - Point classes: the vertices of all cells are grouped into distinct points. Two vertices solved
 *   from the same d hyperplanes (a certified non-singular system) are one point (combinatorial);
 *   two whose float boxes are disjoint are distinct; only vertices with overlapping boxes and
 *   different hyperplanes are compared exactly. Per point, the hyperplanes it lies on (the tight
 *   facets of its cells) certify a zero sign without arithmetic.
 * - Signs of a point against a facet: 0 when the facet's hyperplane is one the point is known to
 *   lie on; else the float value when it exceeds its proven bound; else exactly.
 */
import {
  type IntegerPoint,
  Rational,
  integerPointToRationals,
  toIntegerPoint,
} from '@mlgeo/exact-arith';
import { knownExactVertex, knownVertexIds } from '@mlgeo/exact-polytope';
import {
  type CellGeometry,
  type FacetInfo,
  facetHomogeneous,
  facetVertexAt,
  facetVertexCount,
} from './cells.js';
import { type Ball, add, div, mul, sub } from './float-values.js';
import { solve3, solve3Into } from './cos3.js';
import { float64Slice, int32Slice } from './typed-slices.js';
import { IntPairTable } from './pair-table.js';
import { doubled } from './typed-growth.js';

const U = 2 ** -53;

/** Scratch: a float's bits as two 32-bit integers (the hash table's key of a float hash). */
const hashBits = new Float64Array(1);
const hashWords = new Int32Array(hashBits.buffer);

/**
 * Interns hyperplane keys as small integers (one table per complex), in the order first seen.
 * Rows are bucketed by a float hash of the canonical row (a typed table from the hash's bits to
 * the bucket's first id, ids chained in order); within a bucket a row is compared with the
 * canonical float rows first (distinct floats: distinct rows; equal floats below 2⁵³: equal
 * integers, Number being exact there), exactly only beyond — no negated row or list per id.
 */
export class HyperplaneIds {
  private ids = new Map<string, number>();
  private readonly heads = new IntPairTable();
  /** Per id: the next id of its bucket (−1: the last). */
  private next = new Int32Array(256);
  /**
   * Per id: a facet on it (its integer row), its float row and side (the canonical row is
   * side · row).
   */
  private readonly facets: FacetInfo[] = [];
  private readonly floats: Float64Array[] = [];
  private sides = new Int32Array(256);
  private count = 0;
  of(F: FacetInfo): number {
    if (F.hid !== undefined) return F.hid;
    const row = facetRowF(F);
    let id: number | undefined;
    if (row) {
      let h = 0;
      for (let k = 0; k < row.length; k++) h = h * 1.0000003 + row[k]! * F.side * (k + 1.5);
      if (Number.isFinite(h)) {
        // (Map keys: −0 is +0)
        hashBits[0] = h + 0;
        const x = hashWords[0]!;
        const y = hashWords[1]!;
        let last = -1;
        for (let c = this.heads.get(x, y); c >= 0; c = this.next[c]!) {
          if (this.sameRow(F, row, c)) {
            id = c;
            break;
          }
          last = c;
        }
        if (id === undefined) {
          id = this.count++;
          if (id === this.next.length) {
            this.next = doubled(this.next);
            this.sides = doubled(this.sides);
          }
          this.next[id] = -1;
          if (last < 0) this.heads.set(x, y, id);
          else this.next[last] = id;
          this.facets[id] = F;
          this.floats[id] = row;
          this.sides[id] = F.side;
        }
      }
    }
    if (id === undefined) {
      // a row beyond float range: by its exact key (string ids never meet float-hash ids)
      const key = F.key;
      id = this.ids.get(key);
      if (id === undefined) {
        id = this.count++;
        if (id === this.next.length) {
          this.next = doubled(this.next);
          this.sides = doubled(this.sides);
        }
        this.ids.set(key, id);
      }
    }
    F.hid = id;
    return id;
  }
  /** F's canonical row (float row `row`) is that of id c, exactly. */
  private sameRow(F: FacetInfo, row: Float64Array, c: number): boolean {
    const r = this.floats[c]!;
    const n = row.length;
    if (r.length !== n) return false;
    const flip = F.side !== this.sides[c];
    let exact = true;
    for (let k = 0; k < n; k++) {
      const a = row[k]!;
      if (a !== (flip ? -r[k]! : r[k]!)) return false;
      if (!(Math.abs(a) < 2 ** 53)) exact = false;
    }
    if (exact) return true;
    // beyond 2⁵³ equal floats may round distinct integers: compared exactly — on the rows h =
    // (b, −a) the facets were read from when both have one ((a, b) = (−h', h0): the same relation
    // between the rows as between their integers), without making the integers
    const G = this.facets[c]!;
    const hf = facetHomogeneous(F);
    const hg = facetHomogeneous(G);
    if (hf !== undefined && hg !== undefined) {
      if (hf === hg && !flip) return true;
      for (let k = 0; k < n; k++) if (hf[k] !== (flip ? -hg[k]! : hg[k]!)) return false;
      return true;
    }
    const ints = F.ints;
    const other = G.ints;
    for (let k = 0; k < n; k++) if (ints[k] !== (flip ? -other[k]! : other[k]!)) return false;
    return true;
  }
}

/** The facet row (a, b) of the primitive integers rounded (relative error ≤ u each), or null. */
export function facetRowF(F: FacetInfo): Float64Array | null {
  if (F.rowF !== undefined) return F.rowF;
  const n = F.ints.length;
  const row = float64Slice(n);
  let ok = true;
  for (let k = 0; k < n; k++) {
    const x = Number(F.ints[k]!);
    if (!Number.isFinite(x)) ok = false;
    row[k] = x;
  }
  F.rowF = ok ? row : null;
  return F.rowF;
}

const rb = (x: number): Ball => ({ v: x, r: U * Math.abs(x) });
/** Radius of a product of two inputs within u relative each, with its own rounding (4.0001u). */
const P4 = 4.0001 * U;
const U2 = 2 * U;

/** Scratch for {@link solve2Into}: x1, r1, x2, r2. */
const solved2 = new Float64Array(4);

/**
 * The 2-D case of {@link solveBalls} into out = (x1, r1, x2, r2) without objects; false when the
 * determinant's ball contains 0. The ball operations of float-values.ts written out: inputs within
 * u relative; a product of such inputs within (2u + u²)·|p||s| ≤ 2.0001u|fl(ps)| plus its own
 * rounding 2u·|fl(ps)|.
 */
function solve2Into(p: Float64Array, s: Float64Array, out: Float64Array): boolean {
  const p1 = p[0]!;
  const p2 = p[1]!;
  const q = p[2]!;
  const s1 = s[0]!;
  const s2 = s[1]!;
  const t = s[2]!;
  const A = p1 * s2;
  const B = p2 * s1;
  const det = A - B;
  const rdet = P4 * (Math.abs(A) + Math.abs(B)) + U2 * Math.abs(det);
  const adet = Math.abs(det);
  if (!(adet > rdet)) return false;
  const C = q * s2;
  const E = p2 * t;
  const n1 = C - E;
  const r1 = P4 * (Math.abs(C) + Math.abs(E)) + U2 * Math.abs(n1);
  const F = p1 * t;
  const G = q * s1;
  const n2 = F - G;
  const r2 = P4 * (Math.abs(F) + Math.abs(G)) + U2 * Math.abs(n2);
  const x1 = n1 / det;
  const x2 = n2 / det;
  const den = adet - rdet;
  out[0] = x1;
  out[1] = (r1 + Math.abs(x1) * rdet) / den + U2 * Math.abs(x1);
  out[2] = x2;
  out[3] = (r2 + Math.abs(x2) * rdet) / den + U2 * Math.abs(x2);
  return true;
}

/**
 * x solving the d rows a_i·x = b_i (d = 2, 3) in ball arithmetic (Cramer's rule), or null when
 * the determinant's ball contains 0.
 */
function solveBalls(rows: readonly Float64Array[], d: number): Ball[] | null {
  if (d === 2) {
    const out = solved2;
    if (!solve2Into(rows[0]!, rows[1]!, out)) return null;
    return [
      { v: out[0]!, r: out[1]! },
      { v: out[2]!, r: out[3]! },
    ];
  }
  if (d === 3) {
    // cos3.ts: the same ball operations on scalars (bit for bit, no ball per operation)
    if (rows.length === 3) return solve3(rows);
    const a = Array.from(rows[0]!.subarray(0, 3), rb);
    const c = Array.from(rows[1]!.subarray(0, 3), rb);
    const f = Array.from(rows[2]!.subarray(0, 3), rb);
    const b = [rb(rows[0]![3]!), rb(rows[1]![3]!), rb(rows[2]![3]!)];
    const cf = cross(c, f);
    const fa = cross(f, a);
    const ac = cross(a, c);
    const det = add(add(mul(a[0]!, cf[0]!), mul(a[1]!, cf[1]!)), mul(a[2]!, cf[2]!));
    if (!(Math.abs(det.v) > det.r)) return null;
    return [0, 1, 2].map((k) =>
      div(add(add(mul(b[0]!, cf[k]!), mul(b[1]!, fa[k]!)), mul(b[2]!, ac[k]!)), det),
    );
  }
  return null;
}

function cross(u: readonly Ball[], w: readonly Ball[]): Ball[] {
  return [
    sub(mul(u[1]!, w[2]!), mul(u[2]!, w[1]!)),
    sub(mul(u[2]!, w[0]!), mul(u[0]!, w[2]!)),
    sub(mul(u[0]!, w[1]!), mul(u[1]!, w[0]!)),
  ];
}

/** Safety factor on the ball radii (their own float sums, as float-values.ts). */
const SAFE = 1 + 2 ** -30;

/** The float vertices of a cell with per-vertex bounds, and the d rows each was solved from. */
export interface FloatVertices {
  /** The dimension d (coordinates per vertex). */
  readonly d: number;
  /** The number of vertices. */
  readonly count: number;
  /** The coordinates in one list: vertex v's are xf[d·v] … xf[d·v + d − 1]. */
  readonly xf: ArrayLike<number>;
  /** points[v][k] = xf[d·v + k], within radius[v] of the exact coordinate (made on first read). */
  readonly points: number[][];
  radius: Float64Array;
  /** Facet indices (of the cell) tight at each vertex, increasing (made on first read). */
  readonly tight: number[][];
  /** The number of facets tight at vertex v (without the lists of `tight`). */
  tightCount(v: number): number;
  /** The i-th facet tight at vertex v (increasing in i). */
  tightAt(v: number, i: number): number;
  /** Sorted hyperplane ids of the d rows v was solved from (null: rounded from the exact vertex). */
  readonly basis: (number[] | null)[];
  /** The k-th id of vertex v's basis (−1: rounded from the exact vertex). */
  basisAt(v: number, k: number): number;
}

/**
 * {@link FloatVertices} in two flat lists per cell (issue 11: no small arrays per vertex kept with
 * the complex): the coordinates `xf`, and `topo` = the tight facets in CSR form — topo[v] …
 * topo[v + 1] − 1 are the positions of vertex v's tight facets in topo (topo[0] = count + 1) —
 * followed by the bases, d ids per vertex (−1 for none) from topo[count] on. The lists per vertex
 * (`points`, `tight`, `basis`) are made only when read.
 */
/** The 3-D cell (its `xf`) whose `points` lists were made last, and those lists (SolvedVertices.points). */
let lastPointsOf: ArrayLike<number> | undefined;
let lastPoints: number[][] = [];

class SolvedVertices implements FloatVertices {
  private pointLists: number[][] | undefined;
  private lists: (number[] | null)[] | undefined;
  private tightLists: number[][] | undefined;
  constructor(
    readonly d: number,
    readonly xf: Float64Array,
    readonly radius: Float64Array,
    private readonly topo: Int32Array,
  ) {}
  get count(): number {
    return this.radius.length;
  }
  /**
   * 2-D: made once and kept (the 2-D measures and stars read them anyway). 3-D: made on read and
   * not kept with the cell — only the last cell's lists are memoised (module-wide), so a reader
   * going through one cell's vertices makes them once (the complex itself reads `xf`).
   */
  get points(): number[][] {
    if (this.pointLists !== undefined) return this.pointLists;
    if (this.d !== 3) return (this.pointLists = this.makePoints());
    if (lastPointsOf !== this.xf) {
      lastPoints = this.makePoints();
      lastPointsOf = this.xf;
    }
    return lastPoints;
  }
  private makePoints(): number[][] {
    const { d, xf } = this;
    const out: number[][] = new Array(this.radius.length);
    for (let v = 0; v < out.length; v++) {
      const at = d * v;
      if (d === 2) out[v] = [xf[at]!, xf[at + 1]!];
      else if (d === 3) out[v] = [xf[at]!, xf[at + 1]!, xf[at + 2]!];
      else out[v] = Array.from(xf.subarray(at, at + d));
    }
    return out;
  }
  get tight(): number[][] {
    if (this.tightLists === undefined) {
      const topo = this.topo;
      const out: number[][] = new Array(this.radius.length);
      for (let v = 0; v < out.length; v++)
        out[v] = Array.from(topo.subarray(topo[v]!, topo[v + 1]!));
      this.tightLists = out;
    }
    return this.tightLists;
  }
  tightCount(v: number): number {
    return this.topo[v + 1]! - this.topo[v]!;
  }
  tightAt(v: number, i: number): number {
    return this.topo[this.topo[v]! + i]!;
  }
  basisAt(v: number, k: number): number {
    const topo = this.topo;
    return topo[topo[this.radius.length]! + this.d * v + k]!;
  }
  get basis(): (number[] | null)[] {
    if (this.lists === undefined) {
      const { d, topo } = this;
      const nv = this.radius.length;
      const at = topo[nv]!;
      const out: (number[] | null)[] = new Array(nv);
      for (let v = 0; v < nv; v++)
        out[v] =
          topo[at + d * v]! < 0 ? null : Array.from(topo.subarray(at + d * v, at + d * v + d));
      this.lists = out;
    }
    return this.lists;
  }
}

/** The exact vertex v of a cell, alone when the polytope allows it. */
export function exactVertex(cell: CellGeometry, v: number): IntegerPoint {
  if (cell.known) return cell.known.exactVertex(v);
  return knownExactVertex(cell.polytope, v) ?? toIntegerPoint(cell.vertices[v]!);
}

/** The exact vertex v of a cell as rationals (alone when the polytope allows it). */
export function exactVertexR(cell: CellGeometry, v: number): Rational[] {
  const p = cell.known ? cell.known.exactVertex(v) : knownExactVertex(cell.polytope, v);
  return p ? integerPointToRationals(p) : cell.vertices[v]!;
}

/** Rounded exact vertex with its bound (the fallback). */
function roundedVertex(cell: CellGeometry, v: number): { x: number[]; r: number } {
  const p = exactVertex(cell, v);
  const x = p.num.map((n) => Rational.of(n, p.den).toNumber());
  let m = 0;
  for (const c of x) m = Math.max(m, Math.abs(c));
  return { x, r: 2 * U * m + 1e-300 };
}

/** Float vertices of a cell from its tight facet rows (d = 2, 3). */
export function floatVertices(
  cell: CellGeometry,
  nv: number,
  d: number,
  ids: HyperplaneIds,
): FloatVertices {
  // the tight facets in CSR form, then the bases (SolvedVertices), in one exact-size list
  const facets = cell.facets;
  let total = 0;
  for (let f = 0; f < facets.length; f++) total += facetVertexCount(facets[f]!);
  const at = nv + 1 + total;
  const topo = int32Slice(at + d * nv);
  for (let f = 0; f < facets.length; f++) {
    const F = facets[f]!;
    const n = facetVertexCount(F);
    for (let i = 0; i < n; i++) topo[facetVertexAt(F, i) + 1]!++;
  }
  topo[0] = nv + 1;
  for (let v = 0; v < nv; v++) topo[v + 1]! += topo[v]!;
  for (let v = nv; v > 0; v--) topo[v] = topo[v - 1]!;
  for (let f = 0; f < facets.length; f++) {
    const F = facets[f]!;
    const n = facetVertexCount(F);
    // vertex v's next free place is topo[v + 1] (shifted back by one above)
    for (let i = 0; i < n; i++) topo[topo[facetVertexAt(F, i) + 1]!++] = f;
  }
  for (let k = at; k < topo.length; k++) topo[k] = -1;
  // the coordinates and bounds as views of shared chunks (typed-slices.ts)
  const xf = float64Slice(d * nv);
  const radius = float64Slice(nv);
  const rows: Float64Array[] = [];
  for (let v = 0; v < nv; v++) {
    const from = topo[v]!;
    const n = topo[v + 1]! - from;
    if (d === 2 && vertex2(cell, topo, from, n, v, ids, xf, radius, topo, at)) continue;
    if (d === 3 && vertex3(cell, topo, from, n, v, ids, xf, radius, topo, at)) continue;
    const T = Array.from(topo.subarray(from, from + n));
    let best: Ball[] | null = null;
    let bestR = Infinity;
    let bestSet: number[] | null = null;
    // the first d tight rows, then (degenerate vertices) further choices until one certifies
    const choices = combinations(T.length, d, 16);
    for (const choice of choices) {
      rows.length = 0;
      let ok = true;
      for (const t of choice) {
        const r = facetRowF(cell.facets[T[t]!]!);
        if (!r) {
          ok = false;
          break;
        }
        rows.push(r);
      }
      if (!ok) continue;
      const x = solveBalls(rows, d);
      if (!x) continue;
      let r = 0;
      for (const c of x) r = Math.max(r, c.r);
      r *= SAFE;
      if (Number.isFinite(r) && r < bestR) {
        best = x;
        bestR = r;
        // the d hyperplane ids in increasing order (insertion sort: no work array per call)
        bestSet = choice.map((t) => ids.of(cell.facets[T[t]!]!));
        for (let i = 1; i < bestSet.length; i++) {
          const h = bestSet[i]!;
          let j = i - 1;
          for (; j >= 0 && bestSet[j]! > h; j--) bestSet[j + 1] = bestSet[j]!;
          bestSet[j + 1] = h;
        }
        if (T.length === d) break;
      }
    }
    let m = 0;
    if (best) for (const c of best) m = Math.max(m, Math.abs(c.v));
    if (best && bestR <= 2 ** -30 * Math.max(m, 1e-300)) {
      for (let k = 0; k < d; k++) xf[d * v + k] = best[k]!.v;
      radius[v] = bestR;
      for (let k = 0; k < d; k++) topo[at + d * v + k] = bestSet![k]!;
    } else {
      const { x, r } = roundedVertex(cell, v);
      for (let k = 0; k < d; k++) xf[d * v + k] = x[k]!;
      radius[v] = r;
    }
  }
  return new SolvedVertices(d, xf, radius, topo);
}

/**
 * {@link floatVertices} for one vertex of a 2-D cell without objects per try: the same choices of
 * two tight rows in the same order, the same values, bounds and basis; false (the general loop
 * then decides, with the exact fallback) when no choice certifies one.
 */
function vertex2(
  cell: CellGeometry,
  T: Int32Array,
  from: number,
  n: number,
  v: number,
  ids: HyperplaneIds,
  xf: Float64Array,
  radius: Float64Array,
  bases: Int32Array,
  at: number,
): boolean {
  let bestR = Infinity;
  let bx = 0;
  let by = 0;
  let bi = -1;
  let bj = -1;
  let tries = 0;
  // the pairs (i, j), i < j, in lexicographic order, at most 16 (as `combinations`)
  for (let i = 0; i < n && tries < 16; i++) {
    const ri = facetRowF(cell.facets[T[from + i]!]!);
    for (let j = i + 1; j < n && tries < 16; j++) {
      tries++;
      if (!ri) continue;
      const rj = facetRowF(cell.facets[T[from + j]!]!);
      if (!rj || !solve2Into(ri, rj, solved2)) continue;
      const r = Math.max(0, solved2[1]!, solved2[3]!) * SAFE;
      if (Number.isFinite(r) && r < bestR) {
        bestR = r;
        bx = solved2[0]!;
        by = solved2[2]!;
        bi = i;
        bj = j;
        if (n === 2) break;
      }
    }
  }
  if (bi < 0) return false;
  const m = Math.max(Math.abs(bx), Math.abs(by));
  if (!(bestR <= 2 ** -30 * Math.max(m, 1e-300))) return false;
  xf[2 * v] = bx;
  xf[2 * v + 1] = by;
  radius[v] = bestR;
  const a = ids.of(cell.facets[T[from + bi]!]!);
  const b = ids.of(cell.facets[T[from + bj]!]!);
  bases[at + 2 * v] = a < b ? a : b;
  bases[at + 2 * v + 1] = a < b ? b : a;
  return true;
}

/** Scratch for {@link vertex3}: x0, r0, x1, r1, x2, r2. */
const solved3 = new Float64Array(6);

/**
 * {@link floatVertices} for one vertex of a 3-D cell without objects per try (as
 * {@link vertex2}): the same choices of three tight rows in the same order (lexicographic, at
 * most 16), the same values (cos3.ts `solve3Into`, bit for bit `solve3`), bounds and basis; false
 * (the general loop then decides, with the exact fallback) when no choice certifies one.
 */
function vertex3(
  cell: CellGeometry,
  T: Int32Array,
  from: number,
  n: number,
  v: number,
  ids: HyperplaneIds,
  xf: Float64Array,
  radius: Float64Array,
  bases: Int32Array,
  at: number,
): boolean {
  const F = cell.facets;
  let bestR = Infinity;
  let bx = 0;
  let by = 0;
  let bz = 0;
  let bi = -1;
  let bj = -1;
  let bk = -1;
  let tries = 0;
  for (let i = 0; i < n && tries < 16; i++)
    for (let j = i + 1; j < n && tries < 16; j++)
      for (let k = j + 1; k < n && tries < 16; k++) {
        tries++;
        const ri = facetRowF(F[T[from + i]!]!);
        const rj = ri && facetRowF(F[T[from + j]!]!);
        const rk = rj && facetRowF(F[T[from + k]!]!);
        if (!rk || !solve3Into(ri!, rj!, rk, solved3)) continue;
        const r = Math.max(0, solved3[1]!, solved3[3]!, solved3[5]!) * SAFE;
        if (Number.isFinite(r) && r < bestR) {
          bestR = r;
          bx = solved3[0]!;
          by = solved3[2]!;
          bz = solved3[4]!;
          bi = i;
          bj = j;
          bk = k;
          if (n === 3) break;
        }
      }
  if (bi < 0) return false;
  const m = Math.max(Math.abs(bx), Math.abs(by), Math.abs(bz));
  if (!(bestR <= 2 ** -30 * Math.max(m, 1e-300))) return false;
  xf[3 * v] = bx;
  xf[3 * v + 1] = by;
  xf[3 * v + 2] = bz;
  radius[v] = bestR;
  // the three hyperplane ids in increasing order
  let a = ids.of(F[T[from + bi]!]!);
  let b = ids.of(F[T[from + bj]!]!);
  let c = ids.of(F[T[from + bk]!]!);
  let t: number;
  if (a > b) {
    t = a;
    a = b;
    b = t;
  }
  if (b > c) {
    t = b;
    b = c;
    c = t;
  }
  if (a > b) {
    t = a;
    a = b;
    b = t;
  }
  bases[at + 3 * v] = a;
  bases[at + 3 * v + 1] = b;
  bases[at + 3 * v + 2] = c;
  return true;
}

/** Up to `limit` d-subsets of 0..n−1 in lexicographic order. */
const IDENTITY = [
  [0, 1],
  [0, 1, 2],
];
function combinations(n: number, d: number, limit: number): number[][] {
  if (n === d && d <= 3) return [IDENTITY[d - 2]!];
  if (n === d) return [Array.from({ length: d }, (_, i) => i)];
  const out: number[][] = [];
  const rec = (start: number, chosen: number[]): void => {
    if (out.length >= limit) return;
    if (chosen.length === d) {
      out.push(chosen.slice());
      return;
    }
    for (let i = start; i < n && out.length < limit; i++) {
      chosen.push(i);
      rec(i + 1, chosen);
      chosen.pop();
    }
  };
  rec(0, []);
  return out;
}

/**
 * Sign of a·x − b for the point with float coordinates x[offset] … x[offset + d − 1] (each within
 * r of the exact one) and the
 * facet row F rounded: Σ âx̂ − b̂ evaluated in float64 is within
 * Σ|â|·r + ((d + 3)u)·(Σ|â|(|x̂| + r) + |b̂|) of the exact value (inputs â, b̂ within u relative,
 * d + 1 roundings of the sum); undefined when that does not decide.
 */
export function floatSign(
  F: FacetInfo,
  x: ArrayLike<number>,
  r: number,
  offset = 0,
): number | undefined {
  const row = facetRowF(F);
  if (!row) return undefined;
  const d = row.length - 1;
  let s = -row[d]!;
  let mag = Math.abs(row[d]!);
  let sa = 0;
  for (let k = 0; k < d; k++) {
    const a = row[k]!;
    const xk = x[offset + k]!;
    s += a * xk;
    const aa = Math.abs(a);
    sa += aa;
    mag += aa * Math.abs(xk);
  }
  const bound = (sa * r + (d + 3) * U * (mag + sa * r)) * (1 + 2 ** -40) + 1e-300;
  if (!Number.isFinite(bound) || !Number.isFinite(s)) return undefined;
  if (s > bound) return 1;
  if (s < -bound) return -1;
  return undefined;
}

/**
 * The distinct points among the vertices of all cells (see the module comment). Slot
 * `base[c] + v` is vertex v of cell c; `cls[slot]` its point.
 */
export class PointIndex {
  readonly base: Int32Array;
  readonly cls: Int32Array;
  /** Number of distinct points. */
  readonly count: number;
  /** Per point: a cell and vertex holding it (the one with the tightest float bound). */
  readonly repCell: Int32Array;
  readonly repVertex: Int32Array;
  /** Per point: float coordinates (point k's at xf[d·k] …) and their bound. */
  readonly xf: Float64Array;
  readonly r: Float64Array;
  /**
   * Per point k: ids of the hyperplanes it lies on (tight facets of its cells, distinct), entries
   * onHStart[k] … onHStart[k] + onHCount[k] − 1 of onHData.
   */
  readonly onHStart: Int32Array;
  readonly onHCount: Int32Array;
  readonly onHData: Int32Array;
  /** Exact comparisons made to merge points (for tests and benchmarks). */
  exactMerges = 0;
  /** Per point: its exact (N_0, N_1, N_2, D) of the refined 3-D tier (float3d.ts exactPoint3). */
  readonly exactCramer = new Map<number, bigint[]>();
  private exactInts: (IntegerPoint | undefined)[] = [];
  private exactRat: (Rational[] | undefined)[] = [];
  private xLists: number[][] | undefined;

  constructor(
    private readonly cells: readonly CellGeometry[],
    private readonly d: number,
  ) {
    const n = cells.length;
    const base = new Int32Array(n + 1);
    for (let c = 0; c < n; c++) base[c + 1] = base[c]! + cells[c]!.float!.count;
    const slots = base[n]!;
    this.base = base;
    const parent = new Int32Array(slots);
    for (let s = 0; s < slots; s++) parent[s] = s;
    const find = (s: number): number => {
      while (parent[s] !== s) {
        parent[s] = parent[parent[s]!]!;
        s = parent[s]!;
      }
      return s;
    };
    const union = (a: number, b: number): void => {
      const x = find(a);
      const y = find(b);
      if (x !== y) parent[x < y ? y : x] = x < y ? x : y;
    };
    // the same vertex of the partition's own vertex pool (an identity the engine gives): first
    // slot per id in a table per id space (ids are small non-negative integers: pool indices)
    const byId = new Map<object, Int32Array>();
    const withIds = new Uint8Array(n);
    for (let c = 0; c < n; c++) {
      const g = cells[c]!;
      const known = g.known ? g.known.vertexIds : knownVertexIds(g.polytope);
      if (!known || known.ids.length !== base[c + 1]! - base[c]!) continue;
      withIds[c] = 1;
      let first = byId.get(known.space);
      for (let v = 0; v < known.ids.length; v++) {
        const id = known.ids[v]!;
        // other ids are left to the box comparison below (only an optimisation is lost)
        if (!(id >= 0 && id < 1 << 26)) continue;
        if (!first || id >= first.length) {
          const grown = new Int32Array(Math.max(1024, 2 * (id + 1), first ? 2 * first.length : 0));
          grown.fill(-1);
          if (first) grown.set(first);
          byId.set(known.space, (first = grown));
        }
        const at = first[id]!;
        if (at < 0) first[id] = base[c]! + v;
        else union(at, base[c]! + v);
      }
    }
    // the same d certified hyperplanes: the same point (cells without pool ids; with them the
    // ids identify the points — two ids of one point, a degenerate net, meet in the box scan)
    const byBasis = new Map<string | number, number>();
    for (let c = 0; c < n; c++) {
      if (withIds[c]) continue;
      const fv = cells[c]!.float!;
      for (let v = 0; v < fv.count; v++) {
        const b0 = fv.basisAt(v, 0);
        if (b0 < 0) continue;
        const b1 = fv.basisAt(v, 1);
        const key =
          d === 2
            ? b1 < 67108864
              ? b0 * 67108864 + b1
              : `${b0},${b1}`
            : `${b0},${b1},${fv.basisAt(v, 2)}`;
        const at = byBasis.get(key);
        if (at === undefined) byBasis.set(key, base[c]! + v);
        else union(at, base[c]! + v);
      }
    }
    // overlapping float boxes of different points: compared exactly
    const slotCell = new Int32Array(slots);
    const X = new Float64Array(slots * d);
    const R = new Float64Array(slots);
    for (let c = 0; c < n; c++) {
      const fv = cells[c]!.float!;
      const xf = fv.xf;
      for (let v = 0; v < fv.count; v++) {
        const s = base[c]! + v;
        slotCell[s] = c;
        R[s] = fv.radius[v]!;
        for (let k = 0; k < d; k++) X[s * d + k] = xf[v * d + k]!;
      }
    }
    // one slot per class made so far (the tightest): every slot of a class holds the same exact
    // point inside its box, so two classes of one point have overlapping representatives
    const rep = new Int32Array(slots).fill(-1);
    for (let s = 0; s < slots; s++) {
      const root = find(s);
      const r = rep[root]!;
      if (r < 0 || R[s]! < R[r]!) rep[root] = s;
    }
    const reps: number[] = [];
    for (let s = 0; s < slots; s++) if (rep[s]! >= 0) reps.push(rep[s]!);
    const lo0 = new Float64Array(slots);
    for (const s of reps) lo0[s] = X[s * d]! - R[s]!;
    // (−1, 0, 1: the order of the difference's sign, NaN as 0, without a float boxed per call)
    reps.sort((a, b) => (lo0[a]! < lo0[b]! ? -1 : lo0[a]! > lo0[b]! ? 1 : 0));
    const exactOfSlot = (s: number): IntegerPoint =>
      exactVertex(cells[slotCell[s]!]!, s - base[slotCell[s]!]!);
    const m = reps.length;
    for (let i = 0; i < m; i++) {
      const a = reps[i]!;
      const ra = R[a]!;
      const hi0 = X[a * d]! + ra;
      for (let j = i + 1; j < m; j++) {
        const b = reps[j]!;
        if (lo0[b]! > hi0) break;
        const rab = (ra + R[b]!) * (1 + 2 ** -40);
        let overlap = true;
        for (let k = 0; k < d && overlap; k++)
          overlap = Math.abs(X[a * d + k]! - X[b * d + k]!) <= rab;
        if (!overlap || find(a) === find(b)) continue;
        this.exactMerges++;
        const p = exactOfSlot(a);
        const q = exactOfSlot(b);
        if (p.den === q.den && p.num.every((x, k) => x === q.num[k])) union(a, b);
      }
    }
    // classes
    const cls = new Int32Array(slots);
    const index = new Int32Array(slots).fill(-1);
    let count = 0;
    for (let s = 0; s < slots; s++) {
      const root = find(s);
      if (index[root] === -1) index[root] = count++;
      cls[s] = index[root]!;
    }
    this.cls = cls;
    this.count = count;
    this.repCell = new Int32Array(count).fill(-1);
    this.repVertex = new Int32Array(count);
    this.r = new Float64Array(count).fill(Infinity);
    // hyperplane ids per point in one array: room for every tight facet of its slots, then the
    // distinct ids
    const onHStart = new Int32Array(count + 1);
    for (let c = 0; c < n; c++) {
      const fv = cells[c]!.float!;
      for (let v = 0; v < fv.count; v++) onHStart[cls[base[c]! + v]! + 1]! += fv.tightCount(v);
    }
    for (let k = 0; k < count; k++) onHStart[k + 1]! += onHStart[k]!;
    const onHCount = new Int32Array(count);
    const onHData = new Int32Array(onHStart[count]!);
    for (let c = 0; c < n; c++) {
      const cell = cells[c]!;
      const fv = cell.float!;
      for (let v = 0; v < fv.count; v++) {
        const k = cls[base[c]! + v]!;
        if (fv.radius[v]! < this.r[k]!) {
          this.r[k] = fv.radius[v]!;
          this.repCell[k] = c;
          this.repVertex[k] = v;
        }
        const from = onHStart[k]!;
        const nt = fv.tightCount(v);
        for (let t = 0; t < nt; t++) {
          // (a facet without an id matches no facet in `sign`: −1, ids are ≥ 0)
          const h = cell.facets[fv.tightAt(v, t)]!.hid ?? -1;
          const end = from + onHCount[k]!;
          let seen = false;
          for (let u = from; u < end && !seen; u++) seen = onHData[u] === h;
          if (!seen) {
            onHData[end] = h;
            onHCount[k]!++;
          }
        }
      }
    }
    this.onHStart = onHStart;
    this.onHCount = onHCount;
    this.onHData = onHData;
    // the representative's coordinates (its slot's)
    const xf = new Float64Array(count * d);
    for (let k = 0; k < count; k++) {
      const s = base[this.repCell[k]!]! + this.repVertex[k]!;
      for (let i = 0; i < d; i++) xf[k * d + i] = X[s * d + i]!;
    }
    this.xf = xf;
  }

  /**
   * Per point: its float coordinates as a list (the representative vertex's `points` entry of its
   * cell; made on first read — the index itself reads `xf`).
   */
  get x(): number[][] {
    if (this.xLists === undefined) {
      const out: number[][] = new Array(this.count);
      for (let k = 0; k < this.count; k++)
        out[k] = this.cells[this.repCell[k]!]!.float!.points[this.repVertex[k]!]!;
      this.xLists = out;
    }
    return this.xLists;
  }

  /** Point of vertex v of cell c. */
  of(c: number, v: number): number {
    return this.cls[this.base[c]! + v]!;
  }

  /** The exact point k as integers over a common denominator (computed once, on demand). */
  exactInt(k: number): IntegerPoint {
    return (this.exactInts[k] ??= exactVertex(this.cells[this.repCell[k]!]!, this.repVertex[k]!));
  }

  /** The exact point k (computed once, on demand). */
  exact(k: number): Rational[] {
    return (this.exactRat[k] ??= integerPointToRationals(this.exactInt(k)));
  }

  /** Sign of a·x − b at point k for facet F: hyperplane identity, float filter, else exact. */
  sign(k: number, F: FacetInfo): number {
    const h = F.hid;
    if (h !== undefined) {
      const from = this.onHStart[k]!;
      const end = from + this.onHCount[k]!;
      for (let u = from; u < end; u++) if (this.onHData[u] === h) return 0;
    }
    const s = floatSign(F, this.xf, this.r[k]!, k * this.d);
    if (s !== undefined) return s;
    const p = this.exactInt(k);
    let v = -F.ints[this.d]! * p.den;
    for (let i = 0; i < this.d; i++) v += F.ints[i]! * p.num[i]!;
    return v > 0n ? 1 : v < 0n ? -1 : 0;
  }

  /**
   * {@link tightFacets} without a list: the number of facets of `cell` tight at point k into
   * out[at], the first two of them into out[at + 1], out[at + 2] (−1: none); false when k is
   * outside the cell.
   */
  tightFacetsInto(k: number, cell: CellGeometry, out: Int32Array, at: number): boolean {
    let m = 0;
    out[at + 1] = -1;
    out[at + 2] = -1;
    for (let f = 0; f < cell.facets.length; f++) {
      const s = this.sign(k, cell.facets[f]!);
      if (s > 0) return false;
      if (s === 0) {
        if (m < 2) out[at + 1 + m] = f;
        m++;
      }
    }
    out[at] = m;
    return true;
  }

  /** Facets of `cell` tight at point k; null when k is outside the cell. */
  tightFacets(k: number, cell: CellGeometry): number[] | null {
    const tight: number[] = [];
    for (let f = 0; f < cell.facets.length; f++) {
      const s = this.sign(k, cell.facets[f]!);
      if (s > 0) return null;
      if (s === 0) tight.push(f);
    }
    return tight;
  }
}
