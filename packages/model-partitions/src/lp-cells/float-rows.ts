/**
 * Float helpers of the LP tier: row values, norms, Gram entries with 1-sparse rows (box rows) done in
 * O(1), and exact moves of a float point onto one or two hyperplanes (the certificates are exact
 * rational points; the float values only choose where to look).
 */
import { Rational } from '@mlgeo/exact-arith';
import type { IntAffine } from '../engines/affine.js';
import type { FloatRow } from '../engines/cell-rows.js';
import { projectOntoHyperplane } from '../engines/mlp-certify.js';
import { type HVertex, makeVertex, vertexFromRationals } from '../engines/vcell.js';

/** g(x) = w·x + c in float. */
export function rowValue(g: FloatRow, x: ArrayLike<number>): number {
  let s = g.cf;
  const w = g.wf;
  for (let i = 0; i < w.length; i++) s += w[i]! * x[i]!;
  return s;
}

/**
 * Float rows with their Euclidean norms, a flat copy (row-major m × d, monomorphic for the hot
 * loops) and, for 1-sparse rows, the index of the non-zero.
 */
export interface RowTable {
  rows: readonly FloatRow[];
  norm: Float64Array;
  /** Index of the only non-zero coefficient, or −1 (dense row). */
  single: Int32Array;
  /** Input dimension. */
  d: number;
  /** w_i at [i·d, (i+1)·d). */
  w: Float64Array;
  /** c_i. */
  c: Float64Array;
}

export function rowTable(rows: readonly FloatRow[]): RowTable {
  const d = rows[0]?.wf.length ?? 0;
  const norm = new Float64Array(rows.length);
  const single = new Int32Array(rows.length).fill(-1);
  const w = new Float64Array(rows.length * d);
  const c = new Float64Array(rows.length);
  rows.forEach((g, i) => {
    let s = 0;
    let nz = 0;
    let at = -1;
    c[i] = g.cf;
    for (let k = 0; k < d; k++) {
      const v = g.wf[k]!;
      w[i * d + k] = v;
      if (v !== 0) {
        s += v * v;
        nz++;
        at = k;
      }
    }
    norm[i] = Math.sqrt(s);
    if (nz === 1) single[i] = at;
  });
  return { rows, norm, single, d, w, c };
}

/** g_i(x) in float from the table (O(1) for a 1-sparse row). */
export function tableValue(t: RowTable, i: number, x: ArrayLike<number>): number {
  const d = t.d;
  const o = i * d;
  const si = t.single[i]!;
  if (si >= 0) return t.c[i]! + t.w[o + si]! * x[si]!;
  let s = t.c[i]!;
  const w = t.w;
  for (let k = 0; k < d; k++) s += w[o + k]! * x[k]!;
  return s;
}

/** w_i·u (no constant). */
export function tableDot(t: RowTable, i: number, u: ArrayLike<number>): number {
  const d = t.d;
  const o = i * d;
  const si = t.single[i]!;
  if (si >= 0) return t.w[o + si]! * u[si]!;
  let s = 0;
  const w = t.w;
  for (let k = 0; k < d; k++) s += w[o + k]! * u[k]!;
  return s;
}

/** w_i·w_j in float (O(1) when either row is 1-sparse). */
export function rowDot(t: RowTable, i: number, j: number): number {
  const d = t.d;
  const w = t.w;
  const si = t.single[i]!;
  if (si >= 0) return w[i * d + si]! * w[j * d + si]!;
  const sj = t.single[j]!;
  if (sj >= 0) return w[i * d + sj]! * w[j * d + sj]!;
  let s = 0;
  const oi = i * d;
  const oj = j * d;
  for (let k = 0; k < d; k++) s += w[oi + k]! * w[oj + k]!;
  return s;
}

/** A float point rounded to the rationals it is, as a homogeneous integer point. */
export function exactPoint(x: ArrayLike<number>): HVertex {
  return vertexFromRationals(Array.from(x, (v) => Rational.fromDouble(v)));
}

/** The float point moved exactly onto g = 0 (along its largest coordinate); undefined if g is constant. */
export function ontoHyperplane(g: IntAffine, x: ArrayLike<number>): HVertex | undefined {
  return projectOntoHyperplane(g, exactPoint(x));
}

const abs = (v: bigint) => (v < 0n ? -v : v);

/**
 * The float point moved exactly onto g_a = g_b = 0 by changing two coordinates k, l (those of the
 * largest float 2×2 minor of (w_a, w_b)): a rational point on both hyperplanes, undefined when the
 * normals are parallel.
 */
export function ontoTwoHyperplanes(
  ga: IntAffine,
  gb: IntAffine,
  x: ArrayLike<number>,
): HVertex | undefined {
  const d = ga.w.length;
  let best = 0;
  let K = -1;
  let L = -1;
  // candidate coordinates: the few largest of each normal (a full O(d²) search is not needed)
  const top = (w: Float64Array) =>
    Array.from(w.keys())
      .sort((i, j) => Math.abs(w[j]!) - Math.abs(w[i]!))
      .slice(0, 4);
  const cand = [...new Set([...top(ga.wf), ...top(gb.wf)])];
  for (const k of cand)
    for (const l of cand) {
      if (k >= l) continue;
      const m = Math.abs(ga.wf[k]! * gb.wf[l]! - ga.wf[l]! * gb.wf[k]!);
      if (m > best) {
        best = m;
        K = k;
        L = l;
      }
    }
  if (K < 0) return undefined;
  const y = exactPoint(x);
  // solve a_K Y_K + a_L Y_L = −(c D + Σ_{i≠K,L} a_i Y_i), same for b, by Cramer over integers
  let ra = ga.c * y.den;
  let rb = gb.c * y.den;
  for (let i = 0; i < d; i++) {
    if (i === K || i === L) continue;
    if (ga.w[i] !== 0n) ra += ga.w[i]! * y.num[i]!;
    if (gb.w[i] !== 0n) rb += gb.w[i]! * y.num[i]!;
  }
  const det = ga.w[K]! * gb.w[L]! - ga.w[L]! * gb.w[K]!;
  if (det === 0n || abs(det) === 0n) return undefined;
  // Y_K = (−ra·b_L + rb·a_L)/det, Y_L = (−a_K·rb + b_K·ra)/det, everything over den·det
  const YK = -ra * gb.w[L]! + rb * ga.w[L]!;
  const YL = -ga.w[K]! * rb + gb.w[K]! * ra;
  const num = y.num.map((v, i) => (i === K ? YK : i === L ? YL : v * det));
  const den = y.den * det;
  return den < 0n
    ? makeVertex(
        num.map((v) => -v),
        -den,
      )
    : makeVertex(num, den);
}
