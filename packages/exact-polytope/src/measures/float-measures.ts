/**
 * Float64 measures of a polytope with exact vertices (SPEC §1 `measures: 'float'`), certified to be
 * within 1e-10 of the exact values, and recomputed exactly when that cannot be certified.
 *
 * Why not simply round the vertices: two exact vertices of a sliver cell may round to the same
 * double (the pulling triangulation then meets a zero row, "not a face lattice"), and differences
 * of rounded coordinates lose every digit of a cell 1e-13 thin. Here the combinatorics (face
 * lattice, pulling chains, affine frame) stay exact, the vertices are translated exactly (v − a₀,
 * a₀ the pulling apex) before rounding, and every float quantity carries a bound on its distance
 * to the exact value it stands for (midpoint–radius arithmetic, Higham §3; u = 2⁻⁵³):
 *
 * - a correctly rounded input x̂ of x: |x̂ − x| ≤ u·|x̂|·(1 + u), radius 2u·|x̂|;
 * - fl(a ± b), fl(a·b), fl(a / b) of balls (â, ra), (b̂, rb): the propagated radius
 *   ra + rb, |â|·rb + ra·|b̂| + ra·rb, (ra + |â/b̂|·rb)/(|b̂| − rb), plus 2u·|result| for the rounding.
 *
 * The radii are themselves float sums of a few non-negative terms, so they are low by at most a
 * relative (1 + γ_m) with m the number of operations; the acceptance thresholds below are 10× (for
 * centroids near 0, 1000×) tighter than SPEC's 1e-9 promise, which absorbs that. A pivot of the
 * elimination whose ball contains 0 cannot be certified non-zero: that simplex (a sliver, e.g.
 * two vertices that round to the same double) is then computed exactly on the exact differences
 * and rounded. When a measure's radius still exceeds its threshold, the whole cell's measures are
 * recomputed exactly and rounded (`exactFallback`).
 */
import { Rational, fractionToDouble } from '@mlgeo/exact-arith';
import type { FaceLattice } from './face-lattice.js';
import { RowScaledElimination, pullingSums, type EliminationKernel } from './pulling.js';

/** Twice the unit roundoff: the radius added for one rounding (covers second-order terms). */
const ROUNDING = 2 ** -52;

/**
 * Relative radius accepted for volumes and centroid coordinates: 10× below SPEC §1's 1e-9 for the
 * float path.
 */
export const FLOAT_MEASURE_TOLERANCE = 1e-10;

/**
 * A centroid coordinate c_j near 0 (a cell straddling the hyperplane x_j = 0) cannot be certified
 * relative to |c_j|; it is accepted when its radius is below this fraction of s_j = max_v |v_j|
 * over the cell's vertices (the scale of that coordinate in the cell).
 */
export const FLOAT_CENTROID_SCALE_TOLERANCE = 1e-13;

/**
 * A float64 value and a bound on its distance to the exact value it approximates; an input
 * coordinate also carries that exact value as the fraction n/d (d > 0, not reduced).
 */
export interface Ball {
  v: number;
  r: number;
  n?: bigint;
  d?: bigint;
}

function ballAdd(a: Ball, b: Ball): Ball {
  const v = a.v + b.v;
  return { v, r: a.r + b.r + ROUNDING * Math.abs(v) };
}

/**
 * Gaussian elimination of ball rows (largest certified pivot per row, as FieldElimination does),
 * keeping for every entry a radius around the entry of the exact elimination with the same pivots.
 * |det| is the product of the pivots, with its radius. When no pivot of a pushed row can be
 * certified non-zero (a sliver simplex), the chain is continued exactly: the rows pushed so far
 * and every deeper row go through the exact Bareiss kernel until the DFS pops back above that
 * row, so only the sliver simplices are computed exactly.
 */
class BallElimination implements EliminationKernel<Ball> {
  readonly zero: Ball = { v: 0, r: 0 };
  /** The exact kernel while a chain is continued exactly, and the float depth it started at. */
  private exact: RowScaledElimination | undefined;
  private exactFrom = 0;
  private exactDepth = 0;
  /** The input rows of the float part of the chain (to rebuild them exactly). */
  private readonly inputs: (readonly Ball[])[] = [];
  private readonly rows: Float64Array[] = [];
  private readonly radii: Float64Array[] = [];
  private readonly pivotCols: number[] = [];
  private readonly dets: Ball[] = [];
  private readonly used: boolean[];
  constructor(private readonly k: number) {
    this.used = new Array<boolean>(k).fill(false);
  }
  push(input: readonly Ball[]): boolean {
    if (this.exact !== undefined) return this.pushExact(input);
    const k = this.k;
    const x = new Float64Array(k);
    const e = new Float64Array(k);
    for (let j = 0; j < k; j++) {
      x[j] = input[j]!.v;
      e[j] = input[j]!.r;
    }
    for (let s = 0; s < this.rows.length; s++) {
      const c = this.pivotCols[s]!;
      const xc = x[c]!;
      if (xc === 0 && e[c] === 0) continue; // exactly zero: nothing to eliminate
      const r = this.rows[s]!;
      const re = this.radii[s]!;
      const p = r[c]!;
      const f = xc / p;
      const af = Math.abs(f);
      // |f − f*| for the exact multiplier f* = x*_c / p* (|p| > re_c was certified at its push)
      const rf = (e[c]! + af * re[c]!) / (Math.abs(p) - re[c]!) + ROUNDING * af;
      for (let j = 0; j < k; j++) {
        if (j === c) continue;
        const t = f * r[j]!;
        const v = x[j]! - t;
        e[j] =
          e[j]! +
          af * re[j]! +
          rf * (Math.abs(r[j]!) + re[j]!) +
          ROUNDING * (Math.abs(t) + Math.abs(v));
        x[j] = v;
      }
      x[c] = 0; // exactly zero in the exact elimination too
      e[c] = 0;
    }
    // the largest pivot among the columns certified non-zero
    let col = -1;
    let best = 0;
    let anyUncertain = false;
    for (let j = 0; j < k; j++) {
      if (this.used[j]) continue;
      const a = Math.abs(x[j]!);
      if (a <= e[j]!) {
        if (e[j]! > 0) anyUncertain = true;
        continue;
      }
      if (a > best) {
        col = j;
        best = a;
      }
    }
    if (col < 0) {
      if (!anyUncertain) return false; // every candidate is exactly 0: the row is dependent
      // continue this chain exactly from its first row
      this.exact = new RowScaledElimination(k);
      this.exactFrom = this.rows.length;
      this.exactDepth = 0;
      for (const row of this.inputs) {
        if (!this.pushExact(row)) throw new Error('float-certified rows are exactly dependent');
      }
      if (this.pushExact(input)) return true;
      this.exact = undefined; // exactly dependent: the incidence is not a face lattice
      return false;
    }
    const prev = this.dets.length === 0 ? { v: 1, r: 0 } : this.dets[this.dets.length - 1]!;
    const p = x[col]!;
    const pr = e[col]!;
    const v = prev.v * p;
    this.dets.push({
      v,
      r: Math.abs(prev.v) * pr + prev.r * Math.abs(p) + prev.r * pr + ROUNDING * Math.abs(v),
    });
    this.rows.push(x);
    this.radii.push(e);
    this.inputs.push(input);
    this.pivotCols.push(col);
    this.used[col] = true;
    return true;
  }
  private pushExact(input: readonly Ball[]): boolean {
    const row = input.map((b) => Rational.of(b.n!, b.d!));
    if (!this.exact!.push(row)) return false;
    this.exactDepth++;
    return true;
  }
  /** Pops an exact row; leaves exact mode when the chain is back at its float part. */
  private popExact(): void {
    this.exact!.pop();
    this.exactDepth--;
    if (this.exactDepth === this.exactFrom) this.exact = undefined;
  }
  pop(): void {
    if (this.exact !== undefined) {
      this.popExact();
      return;
    }
    this.inputs.pop();
    this.rows.pop();
    this.radii.pop();
    this.dets.pop();
    this.used[this.pivotCols.pop()!] = false;
  }
  absDet(): Ball {
    if (this.exact !== undefined) {
      const v = this.exact.absDet().toNumber();
      return { v, r: ROUNDING * v };
    }
    const D = this.dets.length === 0 ? { v: 1, r: 0 } : this.dets[this.dets.length - 1]!;
    return { v: Math.abs(D.v), r: D.r };
  }
  add(a: Ball, b: Ball): Ball {
    return ballAdd(a, b);
  }
}

/** fl(a − b) of exact rationals, as a ball (no gcd: one rounding of the exact difference). */
function differenceBall(a: Rational, b: Rational): Ball {
  const [n, d] =
    a.den === b.den ? [a.num - b.num, a.den] : [a.num * b.den - b.num * a.den, a.den * b.den];
  const v = fractionToDouble(n, d);
  return { v, r: ROUNDING * Math.abs(v), n, d };
}

function factorial(k: number): number {
  let f = 1;
  for (let i = 2; i <= k; i++) f *= i;
  return f;
}

/** The affine frame the measures need: dimension k, projection coordinates S, √det(UUᵀ). */
export interface FloatFrame {
  k: number;
  S: readonly number[];
  /** √det(UUᵀ) as a float (1 for a full-dimensional polytope). */
  gramRoot: number;
}

/** Certified float measures of a face (or of the whole polytope). */
export interface FloatMeasures {
  /** The affine dimension k of the face. */
  dimension: number;
  /** vol_k within the affine hull (1 for a point). */
  relativeVolume: number;
  /** Centroid as a k-dimensional body (when asked for). */
  centroid?: number[];
  /** True when the float bounds could not be certified and the measures were computed exactly. */
  exactFallback: boolean;
}

/**
 * The pulling sums of `root` in float balls, or undefined when a pivot or a measure could not be
 * certified. `vertices` exact; `frame` the face's exact affine frame.
 */
function certifiedMeasures(
  lattice: FaceLattice,
  vertices: readonly (readonly Rational[])[],
  root: readonly number[],
  frame: FloatFrame,
  withCentroid: boolean,
): { relativeVolume: number; centroid?: number[] } | undefined {
  const { k, S } = frame;
  const d = vertices[0]!.length;
  const a0 = vertices[root[0]!]!;
  // exact translation by the apex, then one rounding per coordinate
  const deltas: Ball[][] = vertices.map(() => []);
  const coords: Ball[][] = vertices.map(() => []);
  const zero: Ball = { v: 0, r: 0 };
  for (const v of root) {
    const row = withCentroid
      ? vertices[v]!.map((x, j) => differenceBall(x, a0[j]!))
      : S.map((j) => differenceBall(vertices[v]![j]!, a0[j]!));
    deltas[v] = row;
    coords[v] = withCentroid ? S.map((j) => row[j]!) : row;
  }
  const sums = pullingSums(
    lattice,
    root,
    k,
    coords,
    (a) => a, // coordinates are already translated: the apex row is exactly 0
    new BallElimination(k),
    withCentroid,
  );
  const T = sums.total;
  if (!(T.v > 0) || !(T.r <= FLOAT_MEASURE_TOLERANCE * T.v)) return undefined;
  const relativeVolume = (T.v / factorial(k)) * frame.gramRoot;
  if (!withCentroid) return { relativeVolume };
  // c = a₀ + Σ_v W_v (v − a₀) / ((k + 1)·T)
  const D: Ball = { v: (k + 1) * T.v, r: (k + 1) * T.r + ROUNDING * (k + 1) * T.v };
  const centroid: number[] = [];
  for (let j = 0; j < d; j++) {
    let N = zero;
    let scale = 0;
    for (const v of root) {
      const W = sums.vertexWeight[v]!;
      const delta = deltas[v]![j]!;
      const t = W.v * delta.v;
      N = ballAdd(N, {
        v: t,
        r:
          Math.abs(W.v) * delta.r +
          W.r * Math.abs(delta.v) +
          W.r * delta.r +
          ROUNDING * Math.abs(t),
      });
      scale = Math.max(scale, Math.abs(vertices[v]![j]!.toNumber()));
    }
    const q = N.v / D.v;
    const rq = (N.r + Math.abs(q) * D.r) / (D.v - D.r) + ROUNDING * Math.abs(q);
    const base = a0[j]!.toNumber();
    const c = base + q;
    const rc = ROUNDING * Math.abs(base) + rq + ROUNDING * Math.abs(c);
    const accepted =
      rc <= FLOAT_MEASURE_TOLERANCE * Math.abs(c) || rc <= FLOAT_CENTROID_SCALE_TOLERANCE * scale;
    if (!accepted || !Number.isFinite(c)) return undefined;
    centroid.push(c);
  }
  return { relativeVolume, centroid };
}

/**
 * Float64 relative volume (and centroid) of the face `root` of a polytope with exact `vertices`
 * and a validated face lattice: certified float arithmetic on exactly translated vertices, and
 * the exact measures rounded to float when the certificate fails (`exactFallback`). The volume is
 * within 1e-10 relative of vol_k; each centroid coordinate c_j within 1e-10·|c_j|, or within
 * 1e-13·max_v |v_j| when c_j is near 0.
 */
export function floatMeasuresOfFace(
  lattice: FaceLattice,
  vertices: readonly (readonly Rational[])[],
  root: readonly number[],
  frame: FloatFrame,
  withCentroid: boolean,
  exact: () => { relativeVolume: number; centroid?: number[] },
): FloatMeasures {
  const { k } = frame;
  if (k === 0) {
    return {
      dimension: 0,
      relativeVolume: 1,
      ...(withCentroid ? { centroid: vertices[root[0]!]!.map((x) => x.toNumber()) } : {}),
      exactFallback: false,
    };
  }
  const certified = certifiedMeasures(lattice, vertices, root, frame, withCentroid);
  if (certified) return { dimension: k, ...certified, exactFallback: false };
  return { dimension: k, ...exact(), exactFallback: true };
}
