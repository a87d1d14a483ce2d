/**
 * The one cutter: split a bounded convex cell given by its vertices and vertex–row incidence by a
 * hyperplane a·x = b into the parts a·x ≤ b ("below") and a·x ≥ b ("above"), exactly on integers.
 *
 * This is one step of the double description method (SPEC §3) on the V side: vertices keep their
 * side, vertices on the hyperplane go to both parts, and a new vertex is created on every edge whose
 * ends lie strictly on opposite sides. Edges are found by the combinatorial adjacency test — p, q
 * span an edge iff no third vertex lies on every row through both (Fukuda–Prodon; valid for any
 * bounded polytope whose incidence includes all its facet rows, redundant valid rows allowed).
 *
 * Signs may come from a float filter (the caller's, already certified); the crossing points are
 * always exact. Half-spaces use exact-arith's convention {@link IntegerHalfSpace}: a·x ≤ b.
 */
import type { IntegerHalfSpace, IntegerPoint } from '@mlgeo/exact-arith';

/** den·(a·x − b) for x = num/den (den > 0): an integer with the sign of a·x − b. */
export function halfSpaceResidual(h: IntegerHalfSpace, p: IntegerPoint): bigint {
  let s = -h.b * p.den;
  const a = h.a;
  for (let i = 0; i < a.length; i++) if (a[i] !== 0n) s += a[i]! * p.num[i]!;
  return s;
}

/** Exact side of x: −1 strictly below (a·x < b), 0 on the hyperplane, 1 strictly above. */
export function halfSpaceSign(h: IntegerHalfSpace, p: IntegerPoint): -1 | 0 | 1 {
  const s = halfSpaceResidual(h, p);
  return s > 0n ? 1 : s < 0n ? -1 : 0;
}

/**
 * The point where segment PQ meets the hyperplane, from the residuals rP, rQ (of opposite strict
 * signs) of {@link halfSpaceResidual}: with v = a·x − b, x = (v_P·Q − v_Q·P)/(v_P − v_Q), and
 * multiplying through by den_P·den_Q gives num = rP·num_Q − rQ·num_P, den = rP·den_Q − rQ·den_P.
 * Not reduced: den may be negative and num, den share factors (callers reduce to their canonical
 * form).
 */
export function segmentCrossing(
  p: IntegerPoint,
  q: IntegerPoint,
  rP: bigint,
  rQ: bigint,
): { num: bigint[]; den: bigint } {
  return {
    num: p.num.map((x, k) => rP * q.num[k]! - rQ * x),
    den: rP * q.den - rQ * p.den,
  };
}

/** A bounded convex cell: its vertices and, per vertex, the sorted indices of the rows it lies on. */
export interface VertexCell<P> {
  /** Dimension d of the cell (an edge is the intersection of ≥ d − 1 tight rows). */
  readonly dimension: number;
  readonly vertices: readonly P[];
  readonly incidence: readonly (readonly number[])[];
}

/**
 * One part of a split: its vertices and incidence (the cutting row has index `newRow`). Incidence
 * lists may be shared with the input cell and the other part: treat them as read-only.
 */
export interface CellPart<P> {
  vertices: P[];
  incidence: (readonly number[])[];
}

/** Outcome of a split: the whole cell on one side, or both parts (each with interior points). */
export type CellSplit<P> =
  { kind: 'below' } | { kind: 'above' } | { kind: 'split'; below: CellPart<P>; above: CellPart<P> };

/** How the cutter reads and makes the caller's vertex type P. */
export interface SplitOptions<P> {
  /** The row index the cutting hyperplane gets in both parts' incidence. */
  newRow: number;
  /** Integer form of a vertex (identity when P is an IntegerPoint). */
  integer: (v: P) => IntegerPoint;
  /** A new vertex from the unreduced crossing of {@link segmentCrossing}. */
  make: (num: bigint[], den: bigint) => P;
  /** Sign of a·x − b at each vertex if the caller already has them (e.g. float-filtered). */
  signs?: ArrayLike<number>;
  /**
   * The new vertex on the edge pq from the rows tight at both (`common`, row indices as in the
   * incidence) and the cutting hyperplane, when the caller can make it more cheaply than from the
   * crossing of p and q (e.g. by Cramer's rule on the rows' shorter integers); undefined falls back
   * to {@link segmentCrossing} and `make`. It must be the same point.
   */
  edgeVertex?: { onEdge(common: readonly number[], p: P, q: P): P | undefined };
}

/** Scratch of {@link intersectSorted}: most vertex pairs span no edge, so nothing is allocated for them. */
let commonScratch = new Int32Array(64);

/** The sorted intersection of a and b into {@link commonScratch}; returns its length. */
function intersectSorted(a: readonly number[], b: readonly number[]): number {
  if (commonScratch.length < a.length) commonScratch = new Int32Array(2 * a.length);
  const out = commonScratch;
  let m = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out[m++] = a[i]!;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return m;
}

/** The first m entries of {@link commonScratch} as an array, then `extra` when given. */
function commonArray(m: number, extra?: number): number[] {
  const out = new Array<number>(extra === undefined ? m : m + 1);
  for (let k = 0; k < m; k++) out[k] = commonScratch[k]!;
  if (extra !== undefined) out[m] = extra;
  return out;
}

/** The sorted row list inc with the new row (larger than all of inc's) appended. */
function withRow(inc: readonly number[], row: number): number[] {
  const out = new Array<number>(inc.length + 1);
  for (let k = 0; k < inc.length; k++) out[k] = inc[k]!;
  out[inc.length] = row;
  return out;
}

/** small[0..m) (sorted) ⊆ big (sorted). */
function isSubsetSorted(small: ArrayLike<number>, m: number, big: readonly number[]): boolean {
  let j = 0;
  for (let k = 0; k < m; k++) {
    const x = small[k]!;
    while (j < big.length && big[j]! < x) j++;
    if (j >= big.length || big[j] !== x) return false;
    j++;
  }
  return true;
}

/**
 * True when no vertex other than p, q lies on every row of `common` (the rows tight at both, its
 * first m entries).
 */
function spansEdge(
  incidence: readonly (readonly number[])[],
  common: ArrayLike<number>,
  m: number,
  p: number,
  q: number,
): boolean {
  for (let w = 0; w < incidence.length; w++) {
    if (w === p || w === q) continue;
    const inc = incidence[w]!;
    if (inc.length >= m && isSubsetSorted(common, m, inc)) return false;
  }
  return true;
}

const BELOW = { kind: 'below' } as const;
const ABOVE = { kind: 'above' } as const;

/**
 * Splits the cell by the hyperplane of h. The whole cell lies below when no vertex is strictly
 * above, and above when none is strictly below; otherwise both parts are returned.
 */
export function splitVertexCell<P>(
  cell: VertexCell<P>,
  h: IntegerHalfSpace,
  options: SplitOptions<P>,
): CellSplit<P> {
  const { vertices, incidence, dimension: d } = cell;
  const { newRow, integer, make } = options;
  const n = vertices.length;
  const signs = options.signs ?? vertices.map((v) => halfSpaceSign(h, integer(v)));
  // most hyperplanes miss a given cell: decide that before allocating anything
  let hasAbove = false;
  let hasBelow = false;
  for (let i = 0; i < n && !(hasAbove && hasBelow); i++) {
    if (signs[i]! > 0) hasAbove = true;
    else if (signs[i]! < 0) hasBelow = true;
  }
  if (!hasAbove) return BELOW;
  if (!hasBelow) return ABOVE;
  // edges pq (p strictly above, q strictly below, in vertex order): found before anything is
  // allocated but their list, so the parts' arrays are made at their final lengths
  let edges: number[] | undefined;
  let k = 0;
  for (let p = 0; p < n; p++) {
    if (signs[p]! <= 0) continue;
    const incP = incidence[p]!;
    for (let q = 0; q < n; q++) {
      if (signs[q]! >= 0) continue;
      const m = intersectSorted(incP, incidence[q]!);
      if (m < d - 1 || !spansEdge(incidence, commonScratch, m, p, q)) continue;
      (edges ??= []).push(p, q);
      k++;
    }
  }
  let nAbove = 0;
  let nBelow = 0;
  for (let i = 0; i < n; i++) {
    if (signs[i]! >= 0) nAbove++;
    if (signs[i]! <= 0) nBelow++;
  }
  const lo: CellPart<P> = {
    vertices: new Array<P>(nBelow + k),
    incidence: new Array<readonly number[]>(nBelow + k),
  };
  const hi: CellPart<P> = {
    vertices: new Array<P>(nAbove + k),
    incidence: new Array<readonly number[]>(nAbove + k),
  };
  let l = 0;
  let u = 0;
  for (let i = 0; i < n; i++) {
    const s = signs[i]!;
    const v = vertices[i]!;
    if (s === 0) {
      const inc = withRow(incidence[i]!, newRow);
      lo.vertices[l] = v;
      lo.incidence[l++] = inc;
      hi.vertices[u] = v;
      hi.incidence[u++] = inc;
    } else if (s > 0) {
      hi.vertices[u] = v;
      hi.incidence[u++] = incidence[i]!;
    } else {
      lo.vertices[l] = v;
      lo.incidence[l++] = incidence[i]!;
    }
  }
  // residuals only when a crossing is made from the ends (made once per vertex)
  let residuals: Map<number, bigint> | undefined;
  const residual = (i: number): bigint => {
    residuals ??= new Map();
    let r = residuals.get(i);
    if (r === undefined) residuals.set(i, (r = halfSpaceResidual(h, integer(vertices[i]!))));
    return r;
  };
  for (let e = 0; e < k; e++) {
    const p = edges![2 * e]!;
    const q = edges![2 * e + 1]!;
    // the common rows again (into the scratch), copied before the caller's code runs
    const m = intersectSorted(incidence[p]!, incidence[q]!);
    const inc = commonArray(m, newRow);
    let v = options.edgeVertex?.onEdge(commonArray(m), vertices[p]!, vertices[q]!);
    if (v === undefined) {
      const c = segmentCrossing(
        integer(vertices[p]!),
        integer(vertices[q]!),
        residual(p),
        residual(q),
      );
      v = make(c.num, c.den);
    }
    lo.vertices[l] = v;
    lo.incidence[l++] = inc;
    hi.vertices[u] = v;
    hi.incidence[u++] = inc;
  }
  return { kind: 'split', below: lo, above: hi };
}
