/**
 * The cell kernel of full enumeration: a bounded full-dimensional polytope held as constraint rows
 * g_k(x) ≤ 0, its vertices (exact homogeneous integer coordinates X/D plus a float copy) and the
 * vertex–row incidence. Splitting by a hyperplane is one double-description step: vertices are
 * classified by the sign of g, and a new vertex is created on every edge whose ends have opposite
 * strict signs (edges found by the combinatorial adjacency test). A cell splits exactly when g takes
 * both strict signs on its vertices, i.e. on its interior (SPEC §2: only vol_d > 0 cells count).
 *
 * Signs are exact (integer arithmetic) or filtered: the float value decides when it exceeds a proven
 * error bound, otherwise the exact value is computed (SPEC §1 float fast path).
 */
import { Rational, fractionToDouble, gcdOfList } from '@mlgeo/exact-arith';
import type { Predicates } from '../partition.js';
import { type IntAffine, negateAffine } from './affine.js';

/** A vertex x = X / D (D > 0) with its correctly rounded float coordinates. */
export interface HVertex {
  X: bigint[];
  D: bigint;
  xf: Float64Array;
}

/** Counters for the float filter (how many sign decisions needed the exact fallback). */
export interface FilterStats {
  floatDecisions: number;
  exactDecisions: number;
}

export function newFilterStats(): FilterStats {
  return { floatDecisions: 0, exactDecisions: 0 };
}

/** Makes a vertex from homogeneous integer coordinates, reduced by their gcd. */
export function makeVertex(X: bigint[], D: bigint): HVertex {
  if (D < 0n) {
    X = X.map((v) => -v);
    D = -D;
  }
  const g = gcdOfList([...X, D]);
  if (g > 1n) {
    X = X.map((v) => v / g);
    D = D / g;
  }
  const xf = new Float64Array(X.length);
  for (let i = 0; i < X.length; i++) xf[i] = fractionToDouble(X[i]!, D);
  return { X, D, xf };
}

/** Vertex from rationals. */
export function vertexFromRationals(x: readonly Rational[]): HVertex {
  let lcm = 1n;
  for (const v of x) lcm = (lcm / gcdOfList([lcm, v.den])) * v.den;
  return makeVertex(
    x.map((v) => v.num * (lcm / v.den)),
    lcm,
  );
}

/** Exact rational coordinates of a vertex. */
export function vertexToRationals(v: HVertex): Rational[] {
  return v.X.map((x) => Rational.of(x, v.D));
}

/** D · g(v): an integer with the sign of g(v). */
export function exactValue(g: IntAffine, v: HVertex): bigint {
  let s = g.c * v.D;
  const w = g.w;
  for (let i = 0; i < w.length; i++) if (w[i] !== 0n) s += w[i]! * v.X[i]!;
  return s;
}

const U = 2 ** -52;

/**
 * Sign of g(v), decided in float when |value| exceeds the error bound. The float operands are the
 * correctly rounded coefficients (scaled into [−1, 1]) and coordinates, each with relative error
 * ≤ 2^-53; the dot product of n = d + 1 terms adds ≤ γ_n · Σ|terms|. (d + 6)·2^-52·Σ|terms| covers
 * all of these with room to spare; a tiny absolute term covers underflow.
 */
export function filteredSign(g: IntAffine, v: HVertex, stats?: FilterStats): -1 | 0 | 1 {
  const wf = g.wf;
  const xf = v.xf;
  let s = g.cf;
  let mag = Math.abs(g.cf);
  for (let i = 0; i < wf.length; i++) {
    const t = wf[i]! * xf[i]!;
    s += t;
    mag += Math.abs(t);
  }
  const bound = (wf.length + 6) * U * mag + 1e-300;
  if (Number.isFinite(s) && Number.isFinite(mag)) {
    if (s > bound) {
      if (stats) stats.floatDecisions++;
      return 1;
    }
    if (s < -bound) {
      if (stats) stats.floatDecisions++;
      return -1;
    }
  }
  if (stats) stats.exactDecisions++;
  const e = exactValue(g, v);
  return e > 0n ? 1 : e < 0n ? -1 : 0;
}

function intersectSorted(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push(a[i]!);
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return out;
}

function isSubsetSorted(small: readonly number[], big: readonly number[]): boolean {
  let j = 0;
  for (const x of small) {
    while (j < big.length && big[j]! < x) j++;
    if (j >= big.length || big[j] !== x) return false;
    j++;
  }
  return true;
}

/** Result of splitting a cell by g: the parts with g ≤ 0 and g ≥ 0 that are full-dimensional. */
export interface SplitResult {
  neg: VCell | undefined;
  pos: VCell | undefined;
}

/** A bounded full-dimensional polytope {x : g_k(x) ≤ 0} with its vertices and incidence. */
export class VCell {
  constructor(
    readonly dimension: number,
    /** Constraint rows g_k(x) ≤ 0 (facets only, after pruning). */
    readonly rows: IntAffine[],
    readonly vertices: HVertex[],
    /** incidence[v] = sorted indices of the rows on which vertex v lies. */
    readonly incidence: number[][],
  ) {}

  /** Signs of g at every vertex. */
  signs(g: IntAffine, predicates: Predicates, stats?: FilterStats): Int8Array {
    const out = new Int8Array(this.vertices.length);
    for (let i = 0; i < this.vertices.length; i++) {
      const v = this.vertices[i]!;
      if (predicates === 'filtered') out[i] = filteredSign(g, v, stats);
      else {
        if (stats) stats.exactDecisions++;
        const e = exactValue(g, v);
        out[i] = e > 0n ? 1 : e < 0n ? -1 : 0;
      }
    }
    return out;
  }

  /**
   * Splits by the hyperplane g = 0. A side is returned only when it is full-dimensional; when g
   * does not change strict sign on the cell the whole cell is returned on its side.
   */
  split(g: IntAffine, predicates: Predicates, stats?: FilterStats): SplitResult {
    const s = this.signs(g, predicates, stats);
    let hasPos = false;
    let hasNeg = false;
    for (const x of s) {
      if (x > 0) hasPos = true;
      else if (x < 0) hasNeg = true;
    }
    if (!hasPos) return { neg: this, pos: undefined };
    if (!hasNeg) return { neg: undefined, pos: this };
    return this.cut(g, s);
  }

  /** The part with g ≤ 0 if it is full-dimensional (undefined otherwise). */
  clip(g: IntAffine, predicates: Predicates, stats?: FilterStats): VCell | undefined {
    return this.split(g, predicates, stats).neg;
  }

  private cut(g: IntAffine, s: Int8Array): SplitResult {
    const d = this.dimension;
    const n = this.vertices.length;
    const newRow = this.rows.length;
    const negVerts: HVertex[] = [];
    const negInc: number[][] = [];
    const posVerts: HVertex[] = [];
    const posInc: number[][] = [];
    const exact = new Map<number, bigint>();
    const valueAt = (i: number): bigint => {
      let e = exact.get(i);
      if (e === undefined) {
        e = exactValue(g, this.vertices[i]!);
        exact.set(i, e);
      }
      return e;
    };
    const pos: number[] = [];
    const neg: number[] = [];
    for (let i = 0; i < n; i++) {
      const v = this.vertices[i]!;
      const inc = this.incidence[i]!;
      if (s[i] === 0) {
        const withNew = [...inc, newRow];
        negVerts.push(v);
        negInc.push(withNew);
        posVerts.push(v);
        posInc.push(withNew);
      } else if (s[i]! > 0) {
        pos.push(i);
        posVerts.push(v);
        posInc.push(inc);
      } else {
        neg.push(i);
        negVerts.push(v);
        negInc.push(inc);
      }
    }
    // new vertices on edges (p, q) with g(p) > 0 > g(q): combinatorial adjacency test — no third
    // vertex lies on every row through both (valid for any bounded polytope, see Fukuda–Prodon).
    for (const p of pos) {
      const incP = this.incidence[p]!;
      for (const q of neg) {
        const common = intersectSorted(incP, this.incidence[q]!);
        if (common.length < d - 1) continue;
        let adjacent = true;
        for (let w = 0; w < n && adjacent; w++) {
          if (w === p || w === q) continue;
          if (
            this.incidence[w]!.length >= common.length &&
            isSubsetSorted(common, this.incidence[w]!)
          )
            adjacent = false;
        }
        if (!adjacent) continue;
        const gp = valueAt(p);
        const gq = valueAt(q);
        const vp = this.vertices[p]!;
        const vq = this.vertices[q]!;
        // x = (g(p)·q − g(q)·p) / (g(p) − g(q)) in homogeneous integer form
        const X = vp.X.map((xp, k) => gp * vq.X[k]! - gq * xp);
        const v = makeVertex(X, gp * vq.D - gq * vp.D);
        const inc = [...common, newRow];
        negVerts.push(v);
        negInc.push(inc);
        posVerts.push(v);
        posInc.push(inc.slice());
      }
    }
    return {
      neg: VCell.pruned(d, [...this.rows, g], negVerts, negInc),
      pos: VCell.pruned(d, [...this.rows, negateAffine(g)], posVerts, posInc),
    };
  }

  /** Drops rows on fewer than d vertices (they cannot be facets) and renumbers the incidence. */
  static pruned(d: number, rows: IntAffine[], verts: HVertex[], inc: number[][]): VCell {
    const count = new Int32Array(rows.length);
    for (const list of inc) for (const r of list) count[r]!++;
    const remap = new Int32Array(rows.length).fill(-1);
    const kept: IntAffine[] = [];
    for (let r = 0; r < rows.length; r++) {
      if (count[r]! >= d) {
        remap[r] = kept.length;
        kept.push(rows[r]!);
      }
    }
    const newInc = inc.map((list) => {
      const out: number[] = [];
      for (const r of list) if (remap[r]! >= 0) out.push(remap[r]!);
      return out;
    });
    return new VCell(d, kept, verts, newInc);
  }

  /** Exact centroid of the vertices: a strictly interior point of the full-dimensional cell. */
  vertexAverage(): Rational[] {
    const d = this.dimension;
    const sum = new Array<Rational>(d).fill(Rational.ZERO);
    for (const v of this.vertices)
      for (let i = 0; i < d; i++) sum[i] = sum[i]!.add(Rational.of(v.X[i]!, v.D));
    const n = Rational.of(this.vertices.length);
    return sum.map((x) => x.div(n));
  }
}
