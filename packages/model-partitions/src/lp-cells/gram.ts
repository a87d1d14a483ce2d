/**
 * Norms of a ReLU MLP cell's rows and output map without forming the float layer maps (docs/math.md
 * "LP tier"; float screens only, every decision stays certified by the callers). On a cell with
 * activation pattern D_l, unit j of hidden layer l has the input map m_j·W_1 (plus a constant), where
 * M_l = W_l D_{l−1} ⋯ W_2 D_1 is an n_l × n_1 matrix. With the Gram matrix G_1 = W_1 W_1ᵀ (built once)
 * ‖m_j W_1‖² = m_j G_1 m_jᵀ costs O(n_1²) per row instead of O(n_1·d) for the map itself
 * (784-D Fashion: 128×128 instead of 128×784 per row, and no 128×128×784 product per cell). The
 * rows' values at a data point are the pre-activations of the cell's masked forward pass.
 */
import type { SqrtRational } from '@mlgeo/exact-arith';
import type { MlpFaceContext } from '../engines/mlp-faces.js';
import type { AffineMap } from '../partition.js';
import type { HVertex } from '../engines/vcell.js';
import { type MarginPoint, type OutputValues, type PointMargin, marginsOf } from './margins.js';

/** Per-partition data: G_1 = W_1 W_1ᵀ and the domain rows' norms and 1-sparse indices. */
export interface GramContext {
  ctx: MlpFaceContext;
  sizes: number[];
  G1: Float64Array;
  domainNorm: Float64Array;
  domainSingle: Int32Array;
}

export function gramContext(ctx: MlpFaceContext): GramContext {
  const d = ctx.model.inputDimension;
  const sizes = [d, ...ctx.model.layers.map((l) => l.bias.length)];
  const n1 = sizes[1]!;
  const W1 = ctx.W[0]!;
  const G1 = new Float64Array(n1 * n1);
  for (let a = 0; a < n1; a++)
    for (let c = a; c < n1; c++) {
      let s = 0;
      const oa = a * d;
      const oc = c * d;
      for (let i = 0; i < d; i++) s += W1[oa + i]! * W1[oc + i]!;
      G1[a * n1 + c] = s;
      G1[c * n1 + a] = s;
    }
  const domainNorm = new Float64Array(ctx.domainRows.length);
  const domainSingle = new Int32Array(ctx.domainRows.length).fill(-1);
  ctx.domainRows.forEach((g, r) => {
    let s = 0;
    let nz = 0;
    let at = -1;
    for (let k = 0; k < g.wf.length; k++)
      if (g.wf[k] !== 0) {
        s += g.wf[k]! ** 2;
        nz++;
        at = k;
      }
    domainNorm[r] = Math.sqrt(s);
    if (nz === 1) domainSingle[r] = at;
  });
  return { ctx, sizes, G1, domainNorm, domainSingle };
}

/** One cell: the row norms (unit rows in layer order, zero rows dropped as in floatMlpRows). */
export interface GramCell {
  /** Per hidden unit (flat position): the norm of its input map (0: constant unit, no row). */
  unitNorm: Float64Array;
  /** Row index of each flat unit position (−1: no row), then domain rows follow the unit rows. */
  rowOf: Int32Array;
  unitRows: number;
  /** Q = B G_1 Bᵀ for the output map A = B W_1 (n_out × n_out): ‖a_k − a_j‖² = Q_kk + Q_jj − 2Q_kj. */
  Q: Float64Array;
  outputs: number;
  /** Active units A of layer 1 (M's columns). */
  active: Int32Array;
  /** Per hidden layer l ≥ 2 (index l − 1): M_l restricted to A, n_l × |A| row-major (index 0 unused). */
  maps: Float64Array[];
}

/**
 * The cell's Gram matrix on the active units of layer 1, G_A = G_1[A, A] (a × a, contiguous): rows
 * of M vanish outside A (M = ⋯ W_2 D_1), so every quadratic form of the cell lives on A.
 */
function activeGram(G: Float64Array, n: number, active: Int32Array): Float64Array {
  const a = active.length;
  const GA = new Float64Array(a * a);
  for (let i = 0; i < a; i++) {
    const row = active[i]! * n;
    for (let j = 0; j < a; j++) GA[i * a + j] = G[row + active[j]!]!;
  }
  return GA;
}

/** mᵀ G_A m for m on the active units (length a), by symmetry: Σ_i m_i (G_ii m_i + 2 Σ_{j<i} G_ij m_j). */
function quadFormActive(GA: Float64Array, m: Float64Array): number {
  const a = m.length;
  let s = 0;
  for (let i = 0; i < a; i++) {
    const mi = m[i]!;
    if (mi === 0) continue;
    const o = i * a;
    let t = 0;
    for (let j = 0; j < i; j++) t += GA[o + j]! * m[j]!;
    s += mi * (GA[o + i]! * mi + 2 * t);
  }
  return s;
}

export function gramCell(g: GramContext, pattern: readonly (readonly boolean[])[]): GramCell {
  const { ctx, sizes, G1 } = g;
  const n1 = sizes[1]!;
  const hidden = sizes.length - 2;
  let total = 0;
  for (let l = 1; l <= hidden; l++) total += sizes[l]!;
  const unitNorm = new Float64Array(total);
  const rowOf = new Int32Array(total).fill(-1);
  // rows of M are zero outside the active units A of layer 1 (M = ⋯ W_2 D_1): M is kept on A only
  const active = Int32Array.from(pattern[0]!.flatMap((bit, k) => (bit ? [k] : [])));
  const a = active.length;
  const GA = activeGram(G1, n1, active);
  // M: rows of the current layer's map in layer-1 coordinates restricted to A (n_l × a), flat
  let M = new Float64Array(0);
  const maps: Float64Array[] = [M];
  let pos = 0;
  let rows = 0;
  for (let l = 0; l < hidden; l++) {
    const n = sizes[l + 1]!;
    for (let j = 0; j < n; j++) {
      const q = l === 0 ? G1[j * n1 + j]! : quadFormActive(GA, M.subarray(j * a, (j + 1) * a));
      const norm = Math.sqrt(Math.max(0, q));
      unitNorm[pos + j] = norm;
      if (norm > 0) rowOf[pos + j] = rows++;
    }
    // next layer: M' = W_{l+1} D_l M
    const bits = pattern[l]!;
    const m = sizes[l + 2]!;
    const Wl = ctx.W[l + 1]!;
    const next = new Float64Array(m * a);
    for (let i = 0; i < m; i++) {
      const o = i * a;
      if (l === 0) {
        // M = I on A: the row of W_2 on the active columns
        for (let t = 0; t < a; t++) next[o + t] = Wl[i * n + active[t]!]!;
        continue;
      }
      for (let k = 0; k < n; k++) {
        if (!bits[k]) continue;
        const w = Wl[i * n + k]!;
        if (w === 0) continue;
        const ok = k * a;
        for (let t = 0; t < a; t++) next[o + t]! += w * M[ok + t]!;
      }
    }
    M = next;
    if (l + 1 < hidden) maps.push(M);
    pos += n;
  }
  // output: Q = M G_A Mᵀ
  const outputs = sizes[hidden + 1]!;
  const MG = new Float64Array(outputs * a);
  for (let r = 0; r < outputs; r++)
    for (let p = 0; p < a; p++) {
      const rp = M[r * a + p]!;
      if (rp === 0) continue;
      const row = p * a;
      const o = r * a;
      for (let q = 0; q < a; q++) MG[o + q]! += rp * GA[row + q]!;
    }
  const Q = new Float64Array(outputs * outputs);
  for (let x = 0; x < outputs; x++)
    for (let c = x; c < outputs; c++) {
      let s = 0;
      for (let t = 0; t < a; t++) s += MG[x * a + t]! * M[c * a + t]!;
      Q[x * outputs + c] = s;
      Q[c * outputs + x] = s;
    }
  return { unitNorm, rowOf, unitRows: rows, Q, outputs, active, maps };
}

/**
 * The masked forward pass at x in float: the pre-activations of every hidden unit (flat) and the
 * outputs.
 */
export function maskedForward(
  g: GramContext,
  pattern: readonly (readonly boolean[])[],
  x: ArrayLike<number> | undefined,
): { z: Float64Array; out: Float64Array } {
  const { ctx, sizes } = g;
  const hidden = sizes.length - 2;
  let total = 0;
  for (let l = 1; l <= hidden; l++) total += sizes[l]!;
  const z = new Float64Array(total);
  let h: ArrayLike<number> | undefined = x;
  let pos = 0;
  for (let l = 0; l <= hidden; l++) {
    const n = sizes[l]!;
    const m = sizes[l + 1]!;
    const Wl = ctx.W[l]!;
    const bl = ctx.b[l]!;
    const nh = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      if (h === undefined) {
        // x = 0 (the map's constant): no product with the first layer's weights
        nh[j] = bl[j]!;
        continue;
      }
      let s = bl[j]!;
      const o = j * n;
      for (let k = 0; k < n; k++) s += Wl[o + k]! * h[k]!;
      nh[j] = s;
    }
    if (l === hidden) return { z, out: nh };
    const bits = pattern[l]!;
    for (let j = 0; j < m; j++) {
      z[pos + j] = nh[j]!;
      if (!bits[j]) nh[j] = 0;
    }
    pos += m;
    h = nh;
  }
  return { z, out: new Float64Array(0) };
}

/** The row tags of a Gram cell (as CellSystem.tags: unit positions, then −1 per domain row). */
export function gramTags(c: GramCell, domainRows: number): number[] {
  const tags: number[] = [];
  c.rowOf.forEach((r, p) => {
    if (r >= 0) tags.push(p);
  });
  for (let r = 0; r < domainRows; r++) tags.push(-1);
  return tags;
}

/** Margins of a cell's points from the Gram norms and the masked forward pass (margins.ts). */
export function gramMargins(
  g: GramContext,
  c: GramCell,
  pattern: readonly (readonly boolean[])[],
  points: readonly MarginPoint[],
  exactMap: () => AffineMap,
  nearestRow: (x: HVertex) => { row: number; distance: SqrtRational },
): PointMargin[] {
  const bits = pattern.flat();
  let last: { x: ArrayLike<number>; f: ReturnType<typeof maskedForward> } | undefined;
  const forward = (x: ArrayLike<number>) => {
    if (last?.x !== x) last = { x, f: maskedForward(g, pattern, x) };
    return last.f;
  };
  const rows = g.ctx.domainRows;
  const boundaryOf = (x: ArrayLike<number>) => {
    const { z } = forward(x);
    let boundary = Infinity;
    let row = -1;
    for (let p = 0; p < z.length; p++) {
      const r = c.rowOf[p]!;
      if (r < 0) continue;
      // row = bit ? −z : z, so −row = bit ? z : −z
      const dist = (bits[p] ? z[p]! : -z[p]!) / c.unitNorm[p]!;
      if (dist < boundary) {
        boundary = dist;
        row = r;
      }
    }
    for (let k = 0; k < rows.length; k++) {
      const n = g.domainNorm[k]!;
      if (n === 0) continue;
      const h = rows[k]!;
      const s = g.domainSingle[k]!;
      let v = h.cf;
      if (s >= 0) v += h.wf[s]! * x[s]!;
      else for (let i = 0; i < h.wf.length; i++) v += h.wf[i]! * x[i]!;
      const dist = -v / n;
      if (dist < boundary) {
        boundary = dist;
        row = c.unitRows + k;
      }
    }
    return { boundary, row };
  };
  const m = c.outputs;
  const output: OutputValues = {
    at: (x) => forward(x).out,
    norm2: (k, j) => (m === 1 ? c.Q[0]! : c.Q[k * m + k]! + c.Q[j * m + j]! - 2 * c.Q[k * m + j]!),
    c0: maskedForward(g, pattern, undefined).out[0]!,
    exact: exactMap,
  };
  return marginsOf(boundaryOf, points, output, { exact: false, nearestRow });
}
