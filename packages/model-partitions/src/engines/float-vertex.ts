/**
 * Lazy-exact vertices of the float MLP enumeration (SPEC §1 float fast path, docs/math.md §1 and
 * "Float enumeration of MLP cells" in docs/float-enumeration.md): every vertex carries float64
 * coordinates and the current layer's pre-activations, each with a proven bound on its absolute
 * error, and knows how it was made (its two parent vertices and the unit whose zero set cut the edge
 * between them), so that its exact rational coordinates can be recomputed when — and only when — a
 * decision or a reader needs them (CGAL's lazy-exact idea).
 *
 * Bounds (u = 2^-53, all floats round to nearest; see docs/float-enumeration.md for the proof):
 * - a forward step z = W relu(ẑ_prev) + b uses exact-arith's `affineWithError` bound (ReLU is
 *   1-Lipschitz, so relu(ẑ) carries ẑ's bound);
 * - a crossing on the edge (a, b) of a cell on which the cutting unit's pre-activation z_j is affine,
 *   with float-certified opposite signs of ẑ_j(a), ẑ_j(b) (bounds e_a, e_b), is
 *   y(v) = y(a) + t (y(b) − y(a)) for every quantity y affine on the cell (coordinates, the layer's
 *   pre-activations), t = z_j(a) / (z_j(a) − z_j(b)) ∈ (0, 1), and {@link crossingBound} bounds the
 *   error of the float interpolation.
 */
import {
  type IntegerPoint,
  type Rational,
  UNDERFLOW_SLACK,
  UNIT_ROUNDOFF,
  reducedIntegerPoint,
  roundFraction,
} from '@mlgeo/exact-arith';
import type { ReluMlpModel } from '../models.js';
import type { IntLayer } from './mlp-maps.js';

const U = UNIT_ROUNDOFF;

/** A vertex of the float enumeration. */
export class FVertex {
  // declared fields assigned in the constructor (plain stores: enumeration makes many vertices)
  /** Float coordinates. */
  declare x: Float64Array;
  /** Bound on |x̂_i − x_i| for every coordinate i. */
  declare ex: number;
  /** The hidden layer whose pre-activations `z` holds (−1: none yet). */
  declare layer: number;
  /** ẑ (first n entries) and their error bounds (next n entries) of layer `layer`. */
  declare z: Float64Array | null;
  /** Exact point, when known or computed. */
  declare exact: IntegerPoint | null;
  /** Parents and the cutting unit (layer, unit) of a crossing vertex (null for given vertices). */
  declare pa: FVertex | null;
  declare pb: FVertex | null;
  declare cutLayer: number;
  declare cutUnit: number;
  /** Memo of the exact pre-activation numerators of layers 0..k (common positive scale). */
  declare exactZs: bigint[][] | null;
  /** Crossings made on edges from this vertex (as `pa`) during hidden layer `cutsLayer`. */
  declare cuts: FVertex[] | null;
  declare cutsLayer: number;

  constructor(x: Float64Array, ex: number, exact: IntegerPoint | null) {
    this.x = x;
    this.ex = ex;
    this.layer = -1;
    this.z = null;
    this.exact = exact;
    this.pa = null;
    this.pb = null;
    this.cutLayer = -1;
    this.cutUnit = -1;
    this.exactZs = null;
    this.cuts = null;
    this.cutsLayer = -1;
  }
}

/** A vertex from an exact point (correctly rounded coordinates, relative error ≤ u). */
export function vertexFromExact(p: IntegerPoint): FVertex {
  const d = p.num.length;
  const x = new Float64Array(d);
  let ex = 0;
  for (let i = 0; i < d; i++) {
    const v = roundFraction(p.num[i]!, p.den);
    x[i] = v;
    // |x̂ − x| ≤ u|x| ≤ u|x̂|/(1 − u) < 2u|x̂|; NaN (subnormal) makes the bound infinite
    const e = Number.isFinite(v) ? 2 * U * Math.abs(v) : Infinity;
    if (e > ex) ex = e;
  }
  return new FVertex(x, ex, p);
}

/** Float copies of the integer layers: W row-major and b, each entry the correctly rounded value. */
export interface FloatLayer {
  W: Float64Array;
  b: Float64Array;
  inputs: number;
  outputs: number;
}

export function floatLayers(model: ReluMlpModel): FloatLayer[] {
  return model.layers.map((l) => {
    const outputs = l.bias.length;
    const inputs = l.weights[0]?.length ?? 0;
    const W = new Float64Array(outputs * inputs);
    const b = new Float64Array(outputs);
    for (let j = 0; j < outputs; j++) {
      b[j] = roundFast(l.bias[j]!);
      const row = l.weights[j]!;
      // NaN (a weight below the normal range) makes every value NaN: never certified
      for (let k = 0; k < inputs; k++) W[j * inputs + k] = roundFast(row[k]!);
    }
    return { W, b, inputs, outputs };
  });
}

const TWO_53 = 2n ** 53n;
const MIN_NORMAL = 2 ** -1022;

/**
 * exact-arith's `roundRational` (correctly rounded, NaN below the normal range) with a fast path:
 * when |num| and den are below 2^53 both are exact doubles and one IEEE division rounds correctly.
 */
function roundFast(x: Rational): number {
  const { num, den } = x;
  if (den < TWO_53 && num < TWO_53 && num > -TWO_53) {
    const v = Number(num) / Number(den);
    return num !== 0n && Math.abs(v) < MIN_NORMAL ? NaN : v;
  }
  return roundFraction(num, den);
}

/**
 * Makes sure `v.z` holds the pre-activations of hidden layer `layer` (0-based), by a forward step
 * from the coordinates (layer 0) or from the previous layer's values (which must be there).
 *
 * Bound (exact-arith running-error.ts, Higham §3.1): for z_j = b_j + Σ_k W_jk h_k computed as the
 * recursive float sum of n + 1 terms of correctly rounded operands b̂, Ŵ and inputs ĥ_k with
 * |ĥ_k − h_k| ≤ e_k, |ẑ_j − z_j| ≤ (n + 3)u·M_j + (1 + (n + 3)u)·P_j for any M_j ≥ |b̂_j| +
 * Σ_k|Ŵ_jk ĥ_k| and P_j ≥ Σ_k |Ŵ_jk| e_k (the exact |W_jk| ≤ |Ŵ_jk|(1 + u) is absorbed by the
 * doubling below): exactly `affineWithError`'s Ŝ_j and P_j, accumulated in the same loop; we take
 * twice the float value of the right-hand side (which covers its own roundings) plus the underflow
 * slack. ReLU is 1-Lipschitz, so relu(ẑ) carries ẑ's bound; a unit certainly inactive (ẑ_k < −e_k,
 * so z_k < 0) has h_k = 0 exactly and is skipped (its term is exactly 0, error 0).
 */
export function ensureLayer(v: FVertex, layer: number, fl: readonly FloatLayer[]): void {
  if (v.layer === layer) return;
  if (v.layer !== layer - 1) {
    // a given vertex reached late: walk up from the coordinates
    v.layer = -1;
    for (let l = 0; l < layer; l++) ensureLayer(v, l, fl);
  }
  const L = fl[layer]!;
  const n = L.inputs;
  const m = L.outputs;
  // the inputs that are not 0 (an inactive ReLU unit contributes an exact 0) or carry an error
  const h = scratch(n);
  const he = scratchErr(n);
  const idx = scratchIdx(n);
  let nnz = 0;
  if (layer === 0) {
    const x = v.x;
    for (let k = 0; k < n; k++) {
      h[nnz] = x[k]!;
      he[nnz] = v.ex;
      idx[nnz++] = k;
    }
  } else {
    const z = v.z!;
    for (let k = 0; k < n; k++) {
      const zk = z[k]!;
      const e = z[n + k]!;
      // certainly inactive (ẑ < −e, the sign test's own criterion): h = 0 exactly, no error
      if (zk > 0 || !(zk < -e)) {
        h[nnz] = zk > 0 ? zk : 0;
        he[nnz] = e;
        idx[nnz++] = k;
      }
    }
  }
  const out = v.z && v.z.length === 2 * m ? v.z : new Float64Array(2 * m);
  const W = L.W;
  const b = L.b;
  const k3 = (n + 3) * U;
  for (let j = 0; j < m; j++) {
    const bj = b[j]!;
    let s = bj;
    let mag = Math.abs(bj);
    let prop = 0;
    const off = j * n;
    for (let t = 0; t < nnz; t++) {
      const w = W[off + idx[t]!]!;
      const p = w * h[t]!;
      s += p;
      mag += Math.abs(p);
      prop += Math.abs(w) * he[t]!;
    }
    const bound = 2 * (k3 * mag + (1 + k3) * prop) + UNDERFLOW_SLACK;
    out[j] = s;
    out[m + j] = Number.isFinite(s) && Number.isFinite(bound) ? bound : Infinity;
  }
  v.z = out;
  v.layer = layer;
}

let scratchBuf = new Float64Array(64);
let scratchIdxBuf = new Int32Array(64);
let scratchErrBuf = new Float64Array(64);
function scratchErr(n: number): Float64Array {
  if (scratchErrBuf.length < n) scratchErrBuf = new Float64Array(n);
  return scratchErrBuf;
}
function scratchIdx(n: number): Int32Array {
  if (scratchIdxBuf.length < n) scratchIdxBuf = new Int32Array(n);
  return scratchIdxBuf;
}
function scratch(n: number): Float64Array {
  if (scratchBuf.length < n) scratchBuf = new Float64Array(n);
  return scratchBuf;
}

/**
 * The crossing of edge (a, b) by unit `unit` of hidden layer `layer`, whose values at a and b have
 * float-certified opposite strict signs. Returns undefined when the bound's denominator is not
 * certified positive (then the caller builds the vertex exactly).
 *
 * Proof sketch (docs/float-enumeration.md): with za ∈ [ẑa ± ea], zb ∈ [ẑb ± eb] of opposite strict
 * signs, |za − zb| ≥ D = |ẑa| + |ẑb| − ea − eb > 0 and t = za/(za − zb) has |∂t/∂za|, |∂t/∂zb| ≤
 * 1/|za − zb|, so |t − t̃| ≤ (ea + eb)/D for t̃ = ẑa/(ẑa − ẑb); the float t̂ adds ≤ γ₂ (t̃ ∈ [0, 1]).
 * For y affine on the cell, ŷ = fl(ŷa + t̂·fl(ŷb − ŷa)) and
 * |ŷ − y| ≤ max(e_ya, e_yb) + (δt + γ₂)|Δ̂|/(1 − u) + u|ŷ|/(1 − u), δt = (ea + eb)/D.
 */
export function crossing(
  a: FVertex,
  b: FVertex,
  layer: number,
  unit: number,
  n: number,
): FVertex | undefined {
  const za = a.z!;
  const zb = b.z!;
  const va = za[unit]!;
  const vb = zb[unit]!;
  const S = Math.abs(va) + Math.abs(vb);
  const E = za[n + unit]! + zb[n + unit]!;
  // every float operation above and below has relative error ≤ u: 8u(S + E) covers them
  const D = S - E - 8 * U * (S + E);
  if (!(D > 0)) return undefined;
  const t = va / (va - vb);
  // δt + γ₂ (γ₂ < 3u), enlarged for the rounding of its own evaluation
  const dt = (E / D) * (1 + 8 * U) + 3 * U;
  if (!Number.isFinite(dt)) return undefined;
  const d = a.x.length;
  const x = new Float64Array(d);
  let ex = 0;
  const exab = a.ex > b.ex ? a.ex : b.ex;
  for (let i = 0; i < d; i++) {
    const ai = a.x[i]!;
    const delta = b.x[i]! - ai;
    const xi = ai + t * delta;
    x[i] = xi;
    const e = exab + dt * Math.abs(delta) + 2 * U * Math.abs(xi);
    if (e > ex) ex = e;
  }
  // the bound's own evaluation: a few roundings of non-negative terms
  ex = ex * (1 + 16 * U) + UNDERFLOW_SLACK;
  const v = new FVertex(x, Number.isFinite(ex) ? ex : Infinity, null);
  v.pa = a;
  v.pb = b;
  v.cutLayer = layer;
  v.cutUnit = unit;
  const out = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) {
    if (k === unit) continue; // z_j(v) = 0 exactly, error 0
    const ak = za[k]!;
    const delta = zb[k]! - ak;
    const zk = ak + t * delta;
    out[k] = zk;
    const eab = za[n + k]! > zb[n + k]! ? za[n + k]! : zb[n + k]!;
    const e = (eab + dt * Math.abs(delta) + 2 * U * Math.abs(zk)) * (1 + 16 * U) + UNDERFLOW_SLACK;
    out[n + k] = Number.isFinite(e) ? e : Infinity;
  }
  v.z = out;
  v.layer = layer;
  return v;
}

/**
 * Exact pre-activation numerators of hidden layers 0..`layer` at the exact point num/den: integers
 * Z_j = z_j · den · Π_{k ≤ l} s_k (a positive scale common to every point of the same den factor;
 * signs are the signs of z_j). Integer forward pass, ReLU applied exactly.
 */
export function exactPreActivations(
  p: IntegerPoint,
  layers: readonly IntLayer[],
  layer: number,
): bigint[][] {
  let h: readonly bigint[] = p.num;
  let scale = p.den;
  const out: bigint[][] = [];
  for (let l = 0; l <= layer; l++) {
    const L = layers[l]!;
    const z = new Array<bigint>(L.b.length);
    for (let j = 0; j < L.b.length; j++) {
      const row = L.W[j]!;
      let s = L.b[j]! * scale;
      for (let k = 0; k < row.length; k++) if (row[k] !== 0n && h[k] !== 0n) s += row[k]! * h[k]!;
      z[j] = s;
    }
    out.push(z);
    scale *= L.s;
    if (l < layer) h = z.map((v) => (v > 0n ? v : 0n));
  }
  return out;
}

/** Exact pre-activations of `layer` at v (memoised per vertex for every layer computed). */
export function exactZ(v: FVertex, layers: readonly IntLayer[], layer: number): bigint[] {
  if (!v.exactZs || v.exactZs.length <= layer)
    v.exactZs = exactPreActivations(exactPoint(v, layers), layers, layer);
  return v.exactZs[layer]!;
}

/**
 * The exact point of v: given, or the crossing of its parents' exact points by the zero set of its
 * cutting unit, x = (Za·b − Zb·a)/(Za·den_b − Zb·den_a) with the exact numerators of
 * {@link exactPreActivations} (same scale factor Π s_k on both sides; the unit is affine on the edge).
 */
export function exactPoint(v: FVertex, layers: readonly IntLayer[]): IntegerPoint {
  if (v.exact) return v.exact;
  const a = exactPoint(v.pa!, layers);
  const b = exactPoint(v.pb!, layers);
  const Za = exactZ(v.pa!, layers, v.cutLayer)[v.cutUnit]!;
  const Zb = exactZ(v.pb!, layers, v.cutLayer)[v.cutUnit]!;
  const num = a.num.map((ai, k) => Za * b.num[k]! - Zb * ai);
  v.exact = reducedIntegerPoint(num, Za * b.den - Zb * a.den);
  return v.exact;
}

/**
 * A crossing built exactly (when the float bound cannot be used): the exact point, then its
 * correctly rounded coordinates and layer values.
 */
export function exactCrossing(
  a: FVertex,
  b: FVertex,
  layer: number,
  unit: number,
  layers: readonly IntLayer[],
): FVertex {
  const shell = new FVertex(a.x, 0, null);
  shell.pa = a;
  shell.pb = b;
  shell.cutLayer = layer;
  shell.cutUnit = unit;
  const p = exactPoint(shell, layers);
  const v = vertexFromExact(p);
  v.pa = a;
  v.pb = b;
  v.cutLayer = layer;
  v.cutUnit = unit;
  const Z = exactZ(v, layers, layer);
  const n = Z.length;
  let scale = p.den;
  for (let l = 0; l <= layer; l++) scale *= layers[l]!.s;
  const out = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) {
    const zk = roundFraction(Z[k]!, scale);
    out[k] = zk;
    out[n + k] = Number.isFinite(zk) ? 2 * U * Math.abs(zk) : Infinity;
  }
  v.z = out;
  v.layer = layer;
  return v;
}
