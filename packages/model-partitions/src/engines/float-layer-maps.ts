/**
 * The layer maps of a cell in float64 with a proven entrywise error bound: the exact enumeration's
 * filter (issue 11; engines/mlp.ts). SPEC §1's filter of sign decisions — float only where a
 * proven bound certifies the sign, exact otherwise — used inside the exact path, whose values
 * (vertices, cut rows, maps) all stay exact rationals; the maps are SPEC §2's z_l on a cell.
 * H_l on a cell prefix is affine, z_l(x) = A x + c; its float copy holds Â, ĉ and a bound E with
 * |Â − A| ≤ E, |ĉ − c| ≤ E entrywise, in real units (the exact map's integers divided by its scale
 * S > 0, so the signs are the same).
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
 * over the active units k (an inactive unit contributes an exact 0), evaluated with one multiply–add
 * per term ({@link inputBounds}). H_0 = (W_0 | b_0): the
 * correctly rounded weights, E = u·|Ŵ| (|W − Ŵ| ≤ u|Ŵ|; a value below the normal range is NaN,
 * float-pool.ts `roundFast`, and is never certified).
 *
 * The sign of z(x) = a·x + c at an exact point x of a cell, from its correctly rounded x̂ and one
 * bound per row and cell ({@link boundRows}): with M_i the largest |x̂_i| over the cell's vertices,
 * every point of the (convex) cell has |x_i| ≤ M_i/(1 − u) and |x̂_i| ≤ X_i = M_i·(1 + 4u) + 2^-1073
 * (below the normal range a rounding is off by at most 2^-1075), and |x̂_i − x_i| ≤ δ_i = 2u·X_i +
 * 2^-1074. With ŝ = fl(ĉ + Σ â_i x̂_i),
 *
 *     ŝ − z(x) = (ŝ − ĉ − Σ â_i x̂_i) + Σ â_i (x̂_i − x_i) + Σ (â_i − a_i) x_i + (ĉ − c),
 *
 * the first part ≤ (d + 3)u·fl(|ĉ| + Σ|fl(â_i x̂_i)|) ≤ (d + 4)u·M with M = |ĉ| + Σ|â_i|·X_i, the
 * rest ≤ P = E_c + Σ (|â_i| δ_i + E_i X_i); so B = 2·(κ·M + (1 + κ)·P) + slack, κ = (d + 4)u, bounds
 * |ŝ − z(x)| at every point of the cell (the doubling covers the roundings of B's own evaluation, as
 * in running-error.ts), and |ŝ| > B certifies the sign. A non-finite value or bound certifies
 * nothing.
 */
import { MAX_TERMS, UNDERFLOW_SLACK, UNIT_ROUNDOFF } from '@mlgeo/exact-arith';
import type { PoolLayer } from './float-pool.js';
import { activeUnits, changedUnits } from './limb-maps.js';

const U = UNIT_ROUNDOFF;
/** 2^-1074, the smallest positive float64: the absolute error of a rounding below the normal range. */
const TINY = Number.MIN_VALUE;

/**
 * H_l in float64: `rows` rows of `width` = d + 1 entries (A_j1 … A_jd, c_j); values at
 * data[j·width + e], their bounds at data[rows·width + j·width + e], and the rows' sign bounds on
 * the cell last given to {@link boundRows} at data[2·rows·width + j] (one array per map).
 */
export class FloatLayerMap {
  /** The entries as inputs of the next layer's maps ({@link inputBounds}), made on first use. */
  inputBound: Float64Array | undefined = undefined;
  constructor(
    readonly rows: number,
    readonly width: number,
    readonly data: Float64Array,
  ) {}
}

/**
 * Per entry of `m` as an input of the next layer's maps (n = m.rows inputs):
 * β = κ⁺·|ĥ| + (1 + κ⁺)·E with κ⁺ = (n + 4)u. The forward step's bound of an output entry is then
 * 2·(κ|b̂_j| + Σ_k |Ŵ_jk|·β_k) + slack: κ·M + (1 + κ)·P with M ≤ |b̂_j| + (1 + u)·Σ|Ŵ_jk||ĥ_k| and
 * κ(1 + u) ≤ κ⁺ — one multiply–add per term for the bound, shared by every map made from `m`. A map
 * made from a sibling's uses the same β: its c + 1 terms need κ' = (c + 4)u, and κ'(1 + u) ≤ κ⁺
 * since c < n.
 */
function inputBounds(m: FloatLayerMap): Float64Array {
  if (m.inputBound !== undefined) return m.inputBound;
  const size = m.rows * m.width;
  const v = m.data;
  const out = new Float64Array(size);
  const kp = (m.rows + 4) * U;
  for (let i = 0; i < size; i++) {
    const beta = kp * Math.abs(v[i]!) + (1 + kp) * v[size + i]!;
    // NaN or ∞ (an entry not certified): every output using it gets an infinite bound
    out[i] = beta < Infinity ? beta : Infinity;
  }
  m.inputBound = out;
  return out;
}

/** H_0 = (W_0 | b_0) of the float layer, with the bound u·|Ŵ| of the correctly rounded weights. */
export function firstFloatMap(layer: PoolLayer): FloatLayerMap {
  const rows = layer.outputs;
  const d = layer.inputs;
  const width = d + 1;
  const data = new Float64Array(2 * rows * width + rows);
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
/** Accumulators of {@link nextFloatMap}: the sums and the bounds of one row's entries. */
let acc = new Float64Array(12);

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
    into && into.width === width && into.rows === rows
      ? into
      : new FloatLayerMap(rows, width, new Float64Array(2 * size + rows));
  const o = out.data;
  const h = prev.data;
  if (activeScratch.length < n) activeScratch = new Int32Array(2 * n);
  const active = activeScratch;
  const count = activeUnits(label, maskAt, n, active);
  const kappa = (n + 3) * U;
  const finite = n + 1 < MAX_TERMS;
  const W = layer.W;
  const WA = layer.WA;
  const beta = inputBounds(prev);
  if (width === 3) {
    plane(layer, h, beta, active, count, kappa, finite, o, size);
    return out;
  }
  if (acc.length < 2 * width) acc = new Float64Array(2 * width);
  const a = acc;
  const c = width - 1;
  for (let j = 0; j < rows; j++) {
    const wRow = j * n;
    // per entry e: the sum at a[e] (its terms added in input order after the bias), its bound's
    // accumulator at a[width + e]
    a.fill(0, 0, 2 * width);
    a[c] = layer.b[j]!;
    a[width + c] = kappa * Math.abs(a[c]!);
    for (let t = 0; t < count; t++) {
      const k = active[t]!;
      const w = W[wRow + k]!;
      const wa = WA[wRow + k]!;
      const hv = k * width;
      for (let e = 0; e < width; e++) {
        a[e] = a[e]! + w * h[hv + e]!;
        a[width + e] = a[width + e]! + wa * beta[hv + e]!;
      }
    }
    for (let e = 0; e < width; e++) {
      o[j * width + e] = a[e]!;
      o[size + j * width + e] = entryBound(a[e]!, a[width + e]!, finite);
    }
  }
  return out;
}

/**
 * {@link nextFloatMap}'s rows for d = 2 (width 3), the sums and bounds in locals: the same float
 * operations in the same order as the general loop.
 */
function plane(
  layer: PoolLayer,
  h: Float64Array,
  beta: Float64Array,
  active: Int32Array,
  count: number,
  kappa: number,
  finite: boolean,
  o: Float64Array,
  size: number,
): void {
  const n = layer.inputs;
  const W = layer.W;
  const WA = layer.WA;
  for (let j = 0; j < layer.outputs; j++) {
    const wRow = j * n;
    let s0 = 0;
    let s1 = 0;
    let s2 = layer.b[j]!;
    let b0 = 0;
    let b1 = 0;
    let b2 = kappa * Math.abs(s2);
    for (let t = 0; t < count; t++) {
      const k = active[t]!;
      const w = W[wRow + k]!;
      const wa = WA[wRow + k]!;
      const hv = 3 * k;
      s0 += w * h[hv]!;
      s1 += w * h[hv + 1]!;
      s2 += w * h[hv + 2]!;
      b0 += wa * beta[hv]!;
      b1 += wa * beta[hv + 1]!;
      b2 += wa * beta[hv + 2]!;
    }
    const at = 3 * j;
    o[at] = s0;
    o[at + 1] = s1;
    o[at + 2] = s2;
    o[size + at] = entryBound(s0, b0, finite);
    o[size + at + 1] = entryBound(s1, b1, finite);
    o[size + at + 2] = entryBound(s2, b2, finite);
  }
}

/** 2·acc + slack for a finite sum s (∞ otherwise, or when the bound is not finite). */
function entryBound(s: number, acc: number, finite: boolean): number {
  const bound = 2 * acc + UNDERFLOW_SLACK;
  // s − s is 0 only for a finite s; a NaN or infinite bound fails `bound < ∞`
  return finite && s - s === 0 && bound < Infinity ? bound : Infinity;
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
  // k + 1: now active (add the term); −(k + 1): now inactive (subtract it)
  const c = changedUnits(label, maskAt, baseLabel, baseMaskAt, n, changed);
  if (c < 0) return undefined;
  const rows = layer.outputs;
  const width = prev.width;
  const size = rows * width;
  const out =
    into && into !== base && into.width === width && into.rows === rows
      ? into
      : new FloatLayerMap(rows, width, new Float64Array(2 * size + rows));
  const o = out.data;
  const bv = base.data;
  const h = prev.data;
  const kappa = (c + 4) * U;
  const W = layer.W;
  const WA = layer.WA;
  const beta = inputBounds(prev);
  for (let j = 0; j < rows; j++) {
    const wRow = j * n;
    for (let e = 0; e < width; e++) {
      let s = bv[j * width + e]!;
      let bnd = kappa * Math.abs(s) + (1 + kappa) * bv[size + j * width + e]!;
      for (let t = 0; t < c; t++) {
        const ck = changed[t]!;
        const k = ck > 0 ? ck - 1 : -ck - 1;
        const w = ck > 0 ? W[wRow + k]! : -W[wRow + k]!;
        s += w * h[k * width + e]!;
        bnd += WA[wRow + k]! * beta[k * width + e]!;
      }
      o[j * width + e] = s;
      o[size + j * width + e] = entryBound(s, bnd, true);
    }
  }
  return out;
}

/**
 * The float maps of the cells of one enumeration, in the order their cells are split: a cell's map
 * is made from its previous sibling's ({@link nextFloatMapFrom}) when they share H_l and differ in
 * few bits, else in full. `scratch`: the map serves its cell's split only (the last split layer),
 * so it is written into one of two reused maps (the last one made in full and one made from it).
 */
export class CellFloatMaps {
  private base: FloatLayerMap | undefined = undefined;
  private baseLabel = '';
  private basePrev: FloatLayerMap | undefined = undefined;
  private scratchFull: FloatLayerMap | undefined = undefined;
  private scratchFrom: FloatLayerMap | undefined = undefined;

  /** H_{l+1} of the cell `label` (its layer-l bits from `maskAt`) from its parent's H_l = `prev`. */
  next(
    prev: FloatLayerMap,
    layer: PoolLayer,
    label: string,
    maskAt: number,
    scratch: boolean,
  ): FloatLayerMap {
    if (this.basePrev === prev) {
      const into = scratch ? this.scratchFrom : undefined;
      const m = nextFloatMapFrom(
        this.base!,
        this.baseLabel,
        maskAt,
        prev,
        layer,
        label,
        maskAt,
        into,
      );
      if (m !== undefined) {
        if (scratch) this.scratchFrom = m;
        return m;
      }
    }
    const m = nextFloatMap(prev, layer, label, maskAt, scratch ? this.scratchFull : undefined);
    if (scratch) this.scratchFull = m;
    this.base = m;
    this.baseLabel = label;
    this.basePrev = prev;
    return m;
  }
}

/**
 * The rows' sign bounds B_j (module comment) for the points of a cell whose vertices have the
 * correctly rounded coordinates `points`, into the map (read by {@link floatRowSign}).
 */
export function boundRows(
  m: FloatLayerMap,
  points: readonly { readonly xf: Float64Array }[],
): void {
  const width = m.width;
  const d = width - 1;
  if (boxScratch.length < d) boxScratch = new Float64Array(2 * d);
  const X = boxScratch;
  X.fill(0, 0, d);
  for (const p of points)
    for (let i = 0; i < d; i++) {
      const v = Math.abs(p.xf[i]!);
      // NaN stays (never certified): max would drop it
      X[i] = v > X[i]! || v !== v ? v : X[i]!;
    }
  for (let i = 0; i < d; i++) X[i] = X[i]! * (1 + 4 * U) + 2 * TINY;
  const v = m.data;
  const size = m.rows * width;
  const kappa = (d + 4) * U;
  for (let j = 0; j < m.rows; j++) {
    const o = j * width;
    let mag = Math.abs(v[o + d]!);
    let prop = v[size + o + d]!;
    for (let i = 0; i < d; i++) {
      const a = Math.abs(v[o + i]!);
      mag += a * X[i]!;
      prop += a * (2 * U * X[i]! + TINY) + v[size + o + i]! * X[i]!;
    }
    const bound = 2 * (kappa * mag + (1 + kappa) * prop) + UNDERFLOW_SLACK;
    // NaN or ∞: nothing certified (s > B fails both ways)
    v[2 * size + j] = bound < Infinity ? bound : Infinity;
  }
}

let boxScratch = new Float64Array(4);

/**
 * The sign of row j of `m` at an exact point of the cell last given to {@link boundRows}, from its
 * correctly rounded coordinates `x`, when the row's bound certifies it; 0 when it does not (the
 * caller decides exactly).
 */
export function floatRowSign(m: FloatLayerMap, j: number, x: Float64Array): -1 | 0 | 1 {
  const width = m.width;
  const d = width - 1;
  const v = m.data;
  const o = j * width;
  let s = v[o + d]!;
  for (let i = 0; i < d; i++) s += v[o + i]! * x[i]!;
  const bound = v[2 * m.rows * width + j]!;
  // NaN compares false both ways: not certified
  return s > bound ? 1 : s < -bound ? -1 : 0;
}
