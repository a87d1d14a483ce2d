/**
 * The layer maps of a cell in float64 with a proven entrywise error bound: the exact enumeration's
 * filter (issue 11; engines/mlp.ts). H_l on a cell prefix is affine, z_l(x) = A x + c; its float
 * copy holds Â, ĉ and a bound E with |Â − A| ≤ E, |ĉ − c| ≤ E entrywise, in real units (the exact
 * map's integers divided by its scale S > 0, so the signs are the same).
 *
 * A unit that cuts none of a cell's parts — every vertex strictly on one side — is the common case
 * (a few units of 64 cut a cell); certified by the float rows, it needs no exact row at all. Only
 * a unit with a vertex the bound cannot certify, or one that cuts, is decided on the exact limb
 * row (limb-maps.ts), so every decision is the exact one (CGAL's filtered predicates).
 *
 * Bounds (u = 2^-53, round to nearest), the forward step of exact-arith running-error.ts applied
 * to each entry e of the rows: row j of H_{l+1} is Σ_k Ŵ_jk·[bit k]·H_l[k] (+ b̂_j in the constant
 * entry), a float sum of at most n + 1 terms of float inputs with bounds E_l[k]; so
 *
 *     |Ĥ_{l+1}[j]_e − H_{l+1}[j]_e| ≤ 2·(κ·M + (1 + κ)·P) + slack,   κ = (n + 3)·u,
 *
 * M = |b̂_j| + Σ_k |fl(Ŵ_jk·Ĥ_l[k]_e)| (b̂_j in the constant entry only), P = Σ_k |Ŵ_jk|·E_l[k]_e,
 * over the active units k (an inactive unit contributes an exact 0). H_0 = (W_0 | b_0): the
 * correctly rounded weights, E = u·|Ŵ| (|W − Ŵ| ≤ u|Ŵ|; a value below the normal range is NaN,
 * float-pool.ts `roundFast`, and is never certified).
 *
 * The sign of z(x) = a·x + c at an exact vertex x with correctly rounded x̂ (|x − x̂| ≤ u|x| ≤
 * 2u|x̂|, plus 2^-1074 below the normal range: δ_i = 2u|x̂_i| + 2^-1074): with ŝ = fl(ĉ + Σ â_i x̂_i),
 *
 *     ŝ − z(x) = (ŝ − ĉ − Σ â_i x̂_i) + Σ â_i (x̂_i − x_i) + Σ (â_i − a_i) x_i + (ĉ − c),
 *
 * the first part ≤ κ_d·M (κ_d = (d + 3)u, M = |ĉ| + Σ|fl(â_i x̂_i)|), the rest ≤ P = E_c +
 * Σ (|â_i| δ_i + E_i (|x̂_i| + δ_i)); twice the float value of κ_d·M + (1 + κ_d)·P plus the slack
 * bounds |ŝ − z(x)| (the doubling covers the roundings of its own evaluation, as in
 * running-error.ts). |ŝ| above it certifies the sign. A non-finite value or bound certifies nothing.
 */
import { MAX_TERMS, UNDERFLOW_SLACK, UNIT_ROUNDOFF } from '@mlgeo/exact-arith';
import type { PoolLayer } from './float-pool.js';

const U = UNIT_ROUNDOFF;
/** 2^-1074, the smallest positive float64: the absolute error of a rounding below the normal range. */
const TINY = Number.MIN_VALUE;

/**
 * H_l in float64: `rows` rows of `width` = d + 1 entries (A_j1 … A_jd, c_j); values at
 * data[j·width + e], their bounds at data[rows·width + j·width + e] (one array per map).
 */
export class FloatLayerMap {
  constructor(
    readonly rows: number,
    readonly width: number,
    readonly data: Float64Array,
  ) {}
}

/** H_0 = (W_0 | b_0) of the float layer, with the bound u·|Ŵ| of the correctly rounded weights. */
export function firstFloatMap(layer: PoolLayer): FloatLayerMap {
  const rows = layer.outputs;
  const d = layer.inputs;
  const width = d + 1;
  const data = new Float64Array(2 * rows * width);
  const eAt = rows * width;
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i <= d; i++) {
      const v = i < d ? layer.W[j * d + i]! : layer.b[j]!;
      data[j * width + i] = v;
      const e = U * Math.abs(v);
      // NaN (below the normal range) or ∞: nothing certified with this row
      data[eAt + j * width + i] = e === e ? e : Infinity;
    }
  }
  return new FloatLayerMap(rows, width, data);
}

let activeScratch = new Int32Array(64);

/**
 * H_{l+1} from H_l = `prev` and the bits of layer l in `label` from `maskAt` ('1': active), with
 * `layer` = layer l + 1 in float64. Written into `into` when it is large enough (the caller's
 * scratch), else into a new map.
 */
export function nextFloatMap(
  prev: FloatLayerMap,
  layer: PoolLayer,
  label: string,
  maskAt: number,
  into?: FloatLayerMap,
): FloatLayerMap {
  const n = layer.inputs;
  const rows = layer.outputs;
  const width = prev.width;
  const size = rows * width;
  const out =
    into && into.data.length >= 2 * size && into.width === width && into.rows === rows
      ? into
      : new FloatLayerMap(rows, width, new Float64Array(2 * size));
  const o = out.data;
  const h = prev.data;
  const hE = prev.rows * width;
  if (activeScratch.length < n) activeScratch = new Int32Array(2 * n);
  const active = activeScratch;
  let count = 0;
  for (let k = 0; k < n; k++) if (label.charCodeAt(maskAt + k) === 49) active[count++] = k;
  const kappa = (n + 3) * U;
  const finite = n + 1 < MAX_TERMS;
  const W = layer.W;
  const WA = layer.WA;
  for (let j = 0; j < rows; j++) {
    const wRow = j * n;
    for (let e = 0; e < width; e++) {
      let s = e === width - 1 ? layer.b[j]! : 0;
      let mag = Math.abs(s);
      let prop = 0;
      for (let t = 0; t < count; t++) {
        const k = active[t]!;
        const p = W[wRow + k]! * h[k * width + e]!;
        s += p;
        mag += Math.abs(p);
        prop += WA[wRow + k]! * h[hE + k * width + e]!;
      }
      const bound = 2 * (kappa * mag + (1 + kappa) * prop) + UNDERFLOW_SLACK;
      o[j * width + e] = s;
      // s − s is 0 only for a finite s; a NaN or infinite bound fails `bound < ∞`
      o[size + j * width + e] = finite && s - s === 0 && bound < Infinity ? bound : Infinity;
    }
  }
  return out;
}

let changedScratch = new Int32Array(64);

/**
 * H_{l+1} of a cell whose layer-l bits (`label` from `maskAt`) differ from those of a sibling
 * (`baseLabel` from `baseMaskAt`; the same H_l = `prev`, the same layer) in at most a quarter of the
 * units, from the sibling's map `base`: its entries plus (now active) or minus (now inactive) the
 * changed units' terms, Ĥ' = fl(Ĥ_base ± Σ Ŵ_jk·Ĥ_l[k]). The bound is the forward step's with the
 * base entry as one more input of weight 1 and error E_base: 2·(κ·M + (1 + κ)·P) + slack over the
 * c + 1 terms, κ = (c + 4)·u, M = |Ĥ_base| + Σ|fl(Ŵ_jk·Ĥ_l[k])|, P = E_base + Σ|Ŵ_jk|·E_l[k].
 * Undefined when more units changed (the caller makes the map in full).
 */
export function nextFloatMapFrom(
  base: FloatLayerMap,
  baseLabel: string,
  baseMaskAt: number,
  prev: FloatLayerMap,
  layer: PoolLayer,
  label: string,
  maskAt: number,
  into?: FloatLayerMap,
): FloatLayerMap | undefined {
  const n = layer.inputs;
  if (changedScratch.length < n) changedScratch = new Int32Array(2 * n);
  const changed = changedScratch;
  let c = 0;
  for (let k = 0; k < n; k++) {
    const now = label.charCodeAt(maskAt + k);
    if (now === baseLabel.charCodeAt(baseMaskAt + k)) continue;
    if (4 * ++c > n) return undefined;
    // + k + 1: now active (add the term); −(k + 1): now inactive (subtract it)
    changed[c - 1] = now === 49 ? k + 1 : -(k + 1);
  }
  const rows = layer.outputs;
  const width = prev.width;
  const size = rows * width;
  const out =
    into &&
    into !== base &&
    into.data.length >= 2 * size &&
    into.width === width &&
    into.rows === rows
      ? into
      : new FloatLayerMap(rows, width, new Float64Array(2 * size));
  const o = out.data;
  const bv = base.data;
  const h = prev.data;
  const hE = prev.rows * width;
  const kappa = (c + 4) * U;
  const W = layer.W;
  const WA = layer.WA;
  for (let j = 0; j < rows; j++) {
    const wRow = j * n;
    for (let e = 0; e < width; e++) {
      let s = bv[j * width + e]!;
      let mag = Math.abs(s);
      let prop = bv[size + j * width + e]!;
      for (let t = 0; t < c; t++) {
        const ck = changed[t]!;
        const k = ck > 0 ? ck - 1 : -ck - 1;
        const w = ck > 0 ? W[wRow + k]! : -W[wRow + k]!;
        const p = w * h[k * width + e]!;
        s += p;
        mag += Math.abs(p);
        prop += WA[wRow + k]! * h[hE + k * width + e]!;
      }
      const bound = 2 * (kappa * mag + (1 + kappa) * prop) + UNDERFLOW_SLACK;
      o[j * width + e] = s;
      o[size + j * width + e] = s - s === 0 && bound < Infinity ? bound : Infinity;
    }
  }
  return out;
}

/**
 * The sign of row j of `m` at the exact point whose correctly rounded coordinates are `x`, when the
 * bound (module comment) certifies it; 0 when it does not (the caller decides exactly).
 */
export function floatRowSign(m: FloatLayerMap, j: number, x: Float64Array): -1 | 0 | 1 {
  const width = m.width;
  const d = width - 1;
  const v = m.data;
  const o = j * width;
  const eo = m.rows * width + o;
  let s = v[o + d]!;
  let mag = Math.abs(s);
  let prop = v[eo + d]!;
  for (let i = 0; i < d; i++) {
    const a = v[o + i]!;
    const xi = x[i]!;
    const p = a * xi;
    s += p;
    mag += Math.abs(p);
    const ax = Math.abs(xi);
    const delta = 2 * U * ax + TINY;
    prop += Math.abs(a) * delta + v[eo + i]! * (ax + delta);
  }
  const kappa = (d + 3) * U;
  const bound = 2 * (kappa * mag + (1 + kappa) * prop) + UNDERFLOW_SLACK;
  // NaN compares false both ways: not certified
  return s > bound ? 1 : s < -bound ? -1 : 0;
}
