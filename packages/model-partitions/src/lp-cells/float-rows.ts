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

/** Float rows with their Euclidean norms and, for 1-sparse rows, the index of the non-zero. */
export interface RowTable {
  rows: readonly FloatRow[];
  norm: Float64Array;
  /** Index of the only non-zero coefficient, or −1 (dense row). */
  single: Int32Array;
}

export function rowTable(rows: readonly FloatRow[]): RowTable {
  const norm = new Float64Array(rows.length);
  const single = new Int32Array(rows.length).fill(-1);
  rows.forEach((g, i) => {
    let s = 0;
    let nz = 0;
    let at = -1;
    for (let k = 0; k < g.wf.length; k++) {
      const v = g.wf[k]!;
      if (v !== 0) {
        s += v * v;
        nz++;
        at = k;
      }
    }
    norm[i] = Math.sqrt(s);
    if (nz === 1) single[i] = at;
  });
  return { rows, norm, single };
}

/** w_i·w_j in float (O(1) when either row is 1-sparse). */
export function rowDot(t: RowTable, i: number, j: number): number {
  const a = t.rows[i]!.wf;
  const b = t.rows[j]!.wf;
  const si = t.single[i]!;
  if (si >= 0) return a[si]! * b[si]!;
  const sj = t.single[j]!;
  if (sj >= 0) return a[sj]! * b[sj]!;
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k]! * b[k]!;
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
