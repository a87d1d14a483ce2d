/**
 * The vertex pool of the float MLP enumeration (issue 11; SPEC §1 float fast path, docs/
 * float-enumeration.md): every vertex is an index into growable typed arrays — float64
 * coordinates with a proven bound on their absolute error, the pre-activations of the hidden layer
 * being processed (each with its own bound), and how the vertex was made (its two parents and the
 * cutting unit) so that its exact rational point can be rebuilt when, and only when, a decision or
 * a reader needs it (CGAL's lazy-exact idea). No object is allocated per vertex on the float path;
 * exact points and exact pre-activations live in sparse side arrays filled on demand.
 *
 * Bounds (u = 2^-53, round to nearest; the proofs are those of docs/float-enumeration.md):
 * - a forward step z = W relu(ẑ_prev) + b (or W x̂ + b): for the recursive float sum of the n + 1
 *   terms, |ẑ_j − z_j| ≤ (n + 3)u·M_j + (1 + (n + 3)u)·P_j with M_j = |b̂_j| + Σ_k|Ŵ_jk ĥ_k| and
 *   P_j = Σ_k |Ŵ_jk| e_k (exact-arith's `affineWithError`; |W − Ŵ| ≤ u|Ŵ| is absorbed by taking
 *   twice the float value of the right-hand side, which also covers its own roundings), plus the
 *   underflow slack. ReLU is 1-Lipschitz, so relu(ẑ) carries ẑ's bound; a unit certainly inactive
 *   (ẑ < −e) contributes an exact 0 and is skipped.
 * - a crossing of the edge (a, b) by unit j with float-certified opposite strict signs: for every y
 *   affine on the cell, ŷ = fl(ŷa + t̂·fl(ŷb − ŷa)), t̂ = fl(ẑa/(ẑa − ẑb)), and
 *   |ŷ − y| ≤ max(e_ya, e_yb) + (δt + γ₂)|Δ̂|/(1 − u) + u|ŷ|/(1 − u) with
 *   δt = (ea + eb)/D, D = |ẑa| + |ẑb| − ea − eb > 0 (a lower bound of |za − zb|).
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
/** +∞ as a float64 value (read from a typed array, so selects with it stay unboxed). */
const INF_BOX = new Float64Array([Infinity]);

/** Float copies of the integer layers: W row-major and b, each entry the correctly rounded value. */
export interface PoolLayer {
  W: Float64Array;
  /** |Ŵ| (exact: the absolute value of a float). */
  WA: Float64Array;
  b: Float64Array;
  inputs: number;
  outputs: number;
}

const TWO_53 = 2n ** 53n;

/** The enumeration-only arrays of the last finished pool, for the next one (one set is kept). */
let spareScratch:
  | {
      zv: Float64Array;
      ze: Float64Array;
      zLayer: Int32Array;
      memoLayer: Int32Array;
      memoHead: Int32Array;
      memoNext: Int32Array;
    }
  | undefined;
/** The coordinate, bound, parent and cut arrays of the last finished enumeration, for the next. */
let spareKept:
  | {
      x: Float64Array;
      ex: Float64Array;
      pa: Int32Array;
      pb: Int32Array;
      cutLayer: Int32Array;
      cutUnit: Int32Array;
    }
  | undefined;
/** Largest layer-value arrays kept for reuse (float64 entries: 64 MB). */
const SPARE_LIMIT = 1 << 23;
const MIN_NORMAL = 2 ** -1022;

/** Correctly rounded value of a rational (NaN below the normal range: never certified). */
function roundFast(x: Rational): number {
  const { num, den } = x;
  if (den < TWO_53 && num < TWO_53 && num > -TWO_53) {
    // both exact doubles: one IEEE division rounds correctly
    const v = Number(num) / Number(den);
    return num !== 0n && Math.abs(v) < MIN_NORMAL ? NaN : v;
  }
  return roundFraction(num, den);
}

export function poolLayers(model: ReluMlpModel): PoolLayer[] {
  return model.layers.map((l) => {
    const outputs = l.bias.length;
    const inputs = l.weights[0]?.length ?? 0;
    const W = new Float64Array(outputs * inputs);
    const WA = new Float64Array(outputs * inputs);
    const b = new Float64Array(outputs);
    for (let j = 0; j < outputs; j++) {
      b[j] = roundFast(l.bias[j]!);
      const row = l.weights[j]!;
      for (let k = 0; k < inputs; k++) {
        // |W| in the same loop (a typed-array map boxes every value it returns)
        const w = roundFast(row[k]!);
        W[j * inputs + k] = w;
        WA[j * inputs + k] = Math.abs(w);
      }
    }
    return { W, WA, b, inputs, outputs };
  });
}

/**
 * Growable structure-of-arrays of vertices. Vertex v's coordinates are x[v·d … v·d + d − 1]; its
 * layer values (ẑ and bounds) of hidden layer `zLayer[v]` are zv/ze[v·S … v·S + n − 1] with S the
 * widest hidden layer. `pa[v] = −1` for a given (exact) vertex.
 */
export class VertexPool {
  readonly d: number;
  /** Stride of the layer-value slots (widest hidden layer, ≥ 1). */
  readonly S: number;
  count = 0;
  /** Capacity of the kept arrays (coordinates, bounds, parents, cutting units). */
  cap: number;
  /**
   * Capacity of the enumeration-only arrays (layer values, zLayer, the crossing memo): reused from
   * one enumeration to the next ({@link dropLayerValues} hands them back), so a run neither
   * allocates nor copies them once warm.
   */
  scap: number;
  x: Float64Array;
  ex: Float64Array;
  pa: Int32Array;
  pb: Int32Array;
  cutLayer: Int32Array;
  cutUnit: Int32Array;
  zLayer: Int32Array;
  zv: Float64Array;
  ze: Float64Array;
  /** Crossing memo: first crossing made from v (as positive end) in layer memoLayer[v]; chained. */
  memoLayer: Int32Array;
  memoHead: Int32Array;
  memoNext: Int32Array;
  /** Exact points and exact pre-activation numerators (sparse, on demand). */
  exact: (IntegerPoint | undefined)[] = [];
  exactZs: (bigint[][] | undefined)[] = [];

  constructor(d: number, widest: number, capacity = 256) {
    this.d = d;
    this.S = Math.max(1, widest);
    const kept = spareKept;
    if (kept && kept.pa.length >= capacity && kept.x.length >= kept.pa.length * d) {
      // the kept arrays of an earlier pool's enumeration (copied out at its end): reused until
      // this pool's enumeration ends ({@link dropLayerValues}), then trimmed to a copy
      spareKept = undefined;
      this.cap = kept.pa.length;
      this.x = kept.x;
      this.ex = kept.ex;
      this.pa = kept.pa;
      this.pb = kept.pb;
      this.cutLayer = kept.cutLayer;
      this.cutUnit = kept.cutUnit;
    } else {
      this.cap = Math.max(4, capacity);
      const c = this.cap;
      this.x = new Float64Array(c * d);
      this.ex = new Float64Array(c);
      this.pa = new Int32Array(c);
      this.pb = new Int32Array(c);
      this.cutLayer = new Int32Array(c);
      this.cutUnit = new Int32Array(c);
    }
    const c = this.cap;
    const spare = spareScratch;
    if (spare && spare.zLayer.length >= c) {
      // the enumeration-only arrays of an earlier pool (their old contents are never read: every
      // slot is initialised by alloc, forward steps and crossings before it is read)
      spareScratch = undefined;
      this.scap = spare.zLayer.length;
      this.zLayer = spare.zLayer;
      this.memoLayer = spare.memoLayer;
      this.memoHead = spare.memoHead;
      this.memoNext = spare.memoNext;
      const want = this.scap * this.S;
      this.zv = spare.zv.length >= want ? spare.zv : new Float64Array(want);
      this.ze = spare.ze.length >= want ? spare.ze : new Float64Array(want);
    } else {
      this.scap = c;
      this.zLayer = new Int32Array(c);
      this.zv = new Float64Array(c * this.S);
      this.ze = new Float64Array(c * this.S);
      this.memoLayer = new Int32Array(c);
      this.memoHead = new Int32Array(c);
      this.memoNext = new Int32Array(c);
    }
  }

  private grow(): void {
    const c = this.cap * 2;
    const g64 = (a: Float64Array, w: number) => {
      const b = new Float64Array(c * w);
      b.set(a);
      return b;
    };
    const g32 = (a: Int32Array) => {
      const b = new Int32Array(c);
      b.set(a);
      return b;
    };
    this.x = g64(this.x, this.d);
    this.ex = g64(this.ex, 1);
    this.pa = g32(this.pa);
    this.pb = g32(this.pb);
    this.cutLayer = g32(this.cutLayer);
    this.cutUnit = g32(this.cutUnit);
    this.cap = c;
  }

  private growScratch(): void {
    const c = Math.max(4, 2 * this.scap, this.count + 1);
    const n = this.count;
    const S = this.S;
    const g64 = (a: Float64Array) => {
      const b = new Float64Array(c * S);
      b.set(a.subarray(0, n * S));
      return b;
    };
    const g32 = (a: Int32Array) => {
      const b = new Int32Array(c);
      b.set(a.subarray(0, n));
      return b;
    };
    this.zLayer = g32(this.zLayer);
    if (this.zv.length) {
      this.zv = g64(this.zv);
      this.ze = g64(this.ze);
    }
    this.memoLayer = g32(this.memoLayer);
    this.memoHead = g32(this.memoHead);
    this.memoNext = g32(this.memoNext);
    this.scap = c;
  }

  /** A new vertex index with no parents, no layer values and an empty memo. */
  alloc(): number {
    if (this.count === this.cap) this.grow();
    if (this.count >= this.scap) this.growScratch();
    const v = this.count++;
    this.pa[v] = -1;
    this.pb[v] = -1;
    this.cutLayer[v] = -1;
    this.cutUnit[v] = -1;
    this.zLayer[v] = -1;
    this.memoLayer[v] = -1;
    this.memoNext[v] = -1;
    return v;
  }

  /**
   * A new vertex made as the crossing of edge (a, b) by unit `unit` of hidden layer `layer`: its
   * parents and cutting unit recorded (how {@link exactPoint} rebuilds it); values still to set.
   */
  private allocCrossing(a: number, b: number, layer: number, unit: number): number {
    const v = this.alloc();
    this.pa[v] = a;
    this.pb[v] = b;
    this.cutLayer[v] = layer;
    this.cutUnit[v] = unit;
    return v;
  }

  /** A vertex from an exact point (correctly rounded coordinates, error ≤ 2u|x̂|). */
  addExact(p: IntegerPoint): number {
    const v = this.alloc();
    this.setFromExact(v, p);
    return v;
  }

  private setFromExact(v: number, p: IntegerPoint): void {
    const d = this.d;
    let ex = 0;
    for (let i = 0; i < d; i++) {
      const c = roundFraction(p.num[i]!, p.den);
      this.x[v * d + i] = c;
      // |x̂ − x| ≤ u|x| < 2u|x̂|; NaN (subnormal) makes the bound infinite
      const e = Number.isFinite(c) ? 2 * U * Math.abs(c) : Infinity;
      if (e > ex) ex = e;
    }
    this.ex[v] = ex;
    this.exact[v] = p;
  }

  /** The float coordinates of v (a copy). */
  point(v: number): Float64Array {
    return this.x.slice(v * this.d, v * this.d + this.d);
  }

  /**
   * Frees the layer values, zLayer and the crossing memo (after the enumeration; exact values come
   * from exact points): they are kept for the next pool unless they are large.
   */
  dropLayerValues(): void {
    if (this.zv.length && this.zv.length + this.ze.length <= SPARE_LIMIT)
      spareScratch = {
        zv: this.zv,
        ze: this.ze,
        zLayer: this.zLayer,
        memoLayer: this.memoLayer,
        memoHead: this.memoHead,
        memoNext: this.memoNext,
      };
    // the kept arrays: trimmed copies; the large ones go to the next pool
    const n = this.count;
    if (this.cap > n && this.pa.length <= SPARE_LIMIT) {
      spareKept = {
        x: this.x,
        ex: this.ex,
        pa: this.pa,
        pb: this.pb,
        cutLayer: this.cutLayer,
        cutUnit: this.cutUnit,
      };
      this.x = this.x.slice(0, n * this.d);
      this.ex = this.ex.slice(0, n);
      this.pa = this.pa.slice(0, n);
      this.pb = this.pb.slice(0, n);
      this.cutLayer = this.cutLayer.slice(0, n);
      this.cutUnit = this.cutUnit.slice(0, n);
      this.cap = n;
    }
    this.zv = new Float64Array(0);
    this.ze = new Float64Array(0);
    this.zLayer = new Int32Array(0);
    this.memoLayer = new Int32Array(0);
    this.memoHead = new Int32Array(0);
    this.memoNext = new Int32Array(0);
    this.scap = 0;
  }

  /**
   * Makes sure v holds the pre-activations of hidden layer `layer`: one forward step from the
   * previous layer's values, or from the coordinates (walking up when v skipped layers).
   */
  ensure(v: number, layer: number, fl: readonly PoolLayer[]): void {
    const have = this.zLayer[v]!;
    if (have === layer) return;
    if (have !== layer - 1 || have > layer) {
      for (let l = 0; l <= layer; l++) this.forward(v, l, fl);
      return;
    }
    this.forward(v, layer, fl);
  }

  private forward(v: number, layer: number, fl: readonly PoolLayer[]): void {
    if (layer === 0)
      step(fl[0]!, this.x, this.x, v * this.d, this.ex[v]!, this.zv, this.ze, v * this.S);
    else step(fl[layer]!, this.zv, this.ze, v * this.S, -1, this.zv, this.ze, v * this.S);
    this.zLayer[v] = layer;
  }

  /** The crossing of (a, b) by unit j of `layer` made earlier in this layer, or −1. */
  memo(a: number, b: number, layer: number, unit: number): number {
    if (this.memoLayer[a] !== layer) return -1;
    for (let c = this.memoHead[a]!; c >= 0; c = this.memoNext[c]!)
      if (this.pb[c] === b && this.cutUnit[c] === unit) return c;
    return -1;
  }

  private remember(a: number, c: number, layer: number): void {
    if (this.memoLayer[a] !== layer) {
      this.memoLayer[a] = layer;
      this.memoHead[a] = -1;
    }
    this.memoNext[c] = this.memoHead[a]!;
    this.memoHead[a] = c;
  }

  /**
   * The crossing of edge (a, b) (a positive, b negative, both float-certified, both holding the
   * layer's values) by unit `unit` of hidden layer `layer` of width n; −1 when the bound's
   * denominator is not certified positive (the caller then builds it exactly).
   */
  crossing(a: number, b: number, layer: number, unit: number, n: number): number {
    const INF = INF_BOX[0]!;
    const S = this.S;
    let zv = this.zv;
    let ze = this.ze;
    const ia = a * S + unit;
    const ib = b * S + unit;
    const va = zv[ia]!;
    const vb = zv[ib]!;
    const Sab = Math.abs(va) + Math.abs(vb);
    const E = ze[ia]! + ze[ib]!;
    // every float operation above and below has relative error ≤ u: 8u(S + E) covers them
    const D = Sab - E - 8 * U * (Sab + E);
    if (!(D > 0)) return -1;
    const t = va / (va - vb);
    // δt + γ₂ (γ₂ < 3u), enlarged for the rounding of its own evaluation
    const dt = (E / D) * (1 + 8 * U) + 3 * U;
    if (!Number.isFinite(dt)) return -1;
    const v = this.allocCrossing(a, b, layer, unit);
    // the arrays may have grown
    zv = this.zv;
    ze = this.ze;
    const d = this.d;
    const x = this.x;
    const exab = this.ex[a]! > this.ex[b]! ? this.ex[a]! : this.ex[b]!;
    let ex = 0;
    for (let i = 0; i < d; i++) {
      const ai = x[a * d + i]!;
      const delta = x[b * d + i]! - ai;
      const xi = ai + t * delta;
      x[v * d + i] = xi;
      const e = exab + dt * Math.abs(delta) + 2 * U * Math.abs(xi);
      if (e > ex) ex = e;
    }
    // the bound's own evaluation: a few roundings of non-negative terms
    ex = ex * (1 + 16 * U) + UNDERFLOW_SLACK;
    this.ex[v] = ex < INF ? ex : INF;
    const A = a * S;
    const B = b * S;
    const V = v * S;
    for (let k = 0; k < n; k++) {
      if (k === unit) {
        // z_j(v) = 0 exactly, error 0
        zv[V + k] = 0;
        ze[V + k] = 0;
        continue;
      }
      const ak = zv[A + k]!;
      const delta = zv[B + k]! - ak;
      const zk = ak + t * delta;
      zv[V + k] = zk;
      const eab = ze[A + k]! > ze[B + k]! ? ze[A + k]! : ze[B + k]!;
      const e =
        (eab + dt * Math.abs(delta) + 2 * U * Math.abs(zk)) * (1 + 16 * U) + UNDERFLOW_SLACK;
      // e ≥ 0: e < ∞ is false for ∞ and NaN (a float64 select: no boxed number per unit)
      ze[V + k] = e < INF ? e : INF;
    }
    this.zLayer[v] = layer;
    this.remember(a, v, layer);
    return v;
  }

  /**
   * The crossing of (a, b) by unit `unit` of `layer` built exactly (when a sign next to it was
   * decided exactly, or the float bound fails): the exact point, its correctly rounded coordinates
   * and layer values.
   */
  exactCrossing(
    a: number,
    b: number,
    layer: number,
    unit: number,
    layers: readonly IntLayer[],
  ): number {
    const v = this.allocCrossing(a, b, layer, unit);
    const p = this.exactPoint(v, layers);
    this.setFromExact(v, p);
    const Z = this.exactZ(v, layers, layer);
    const n = Z.length;
    let scale = p.den;
    for (let l = 0; l <= layer; l++) scale *= layers[l]!.s;
    const S = this.S;
    for (let k = 0; k < n; k++) {
      const zk = roundFraction(Z[k]!, scale);
      this.zv[v * S + k] = zk;
      this.ze[v * S + k] = Number.isFinite(zk) ? 2 * U * Math.abs(zk) : Infinity;
    }
    this.zLayer[v] = layer;
    this.remember(a, v, layer);
    return v;
  }

  /**
   * The crossing of (a, b) by unit `unit` of `layer` at its exact point p, known to the caller:
   * correctly rounded coordinates (bound 2u|x̂|), the layer values by float forward steps from them
   * (each with its proven bound), the cutting unit 0 with error 0 (p lies on its zero set). No
   * integer forward pass.
   */
  exactCrossingAt(
    a: number,
    b: number,
    layer: number,
    unit: number,
    p: IntegerPoint,
    fl: readonly PoolLayer[],
  ): number {
    const v = this.allocCrossing(a, b, layer, unit);
    this.setFromExact(v, p);
    for (let l = 0; l <= layer; l++) this.forward(v, l, fl);
    this.zv[v * this.S + unit] = 0;
    this.ze[v * this.S + unit] = 0;
    this.zLayer[v] = layer;
    this.remember(a, v, layer);
    return v;
  }

  /**
   * The exact point of v: given, or the crossing of its parents' exact points by its cutting
   * unit's zero set, x = (Za·b − Zb·a)/(Za·den_b − Zb·den_a) with the exact numerators of
   * {@link exactPreActivations} (the same positive scale on both sides; the unit is affine on the
   * edge).
   */
  exactPoint(v: number, layers: readonly IntLayer[]): IntegerPoint {
    const known = this.exact[v];
    if (known) return known;
    const a = this.exactPoint(this.pa[v]!, layers);
    const b = this.exactPoint(this.pb[v]!, layers);
    const Za = this.exactZ(this.pa[v]!, layers, this.cutLayer[v]!)[this.cutUnit[v]!]!;
    const Zb = this.exactZ(this.pb[v]!, layers, this.cutLayer[v]!)[this.cutUnit[v]!]!;
    const num = a.num.map((ai, k) => Za * b.num[k]! - Zb * ai);
    const p = reducedIntegerPoint(num, Za * b.den - Zb * a.den);
    this.exact[v] = p;
    return p;
  }

  /** Exact pre-activation numerators of `layer` at v (memoised for every layer computed). */
  exactZ(v: number, layers: readonly IntLayer[], layer: number): bigint[] {
    let zs = this.exactZs[v];
    if (!zs || zs.length <= layer) {
      zs = exactPreActivations(this.exactPoint(v, layers), layers, layer);
      this.exactZs[v] = zs;
    }
    return zs[layer]!;
  }
}

/**
 * One forward step: the pre-activations of layer L with their bounds into outZ/outE[outBase …]
 * from inputs inZ[inBase …] — coordinates with the common error bound `coordErr` when it is ≥ 0,
 * otherwise the previous layer's pre-activations with their bounds inE (ReLU applied here). The
 * output may overwrite the input (it is written at the end).
 */
function step(
  L: PoolLayer,
  inZ: Float64Array,
  inE: Float64Array,
  inBase: number,
  coordErr: number,
  outZ: Float64Array,
  outE: Float64Array,
  outBase: number,
): void {
  const n = L.inputs;
  const m = L.outputs;
  const INF = INF_BOX[0]!;
  if (hBuf.length < n) {
    hBuf = new Float64Array(2 * n);
    heBuf = new Float64Array(2 * n);
    idxBuf = new Int32Array(2 * n);
  }
  if (oBuf.length < 2 * m) oBuf = new Float64Array(4 * m);
  const h = hBuf;
  const he = heBuf;
  const idx = idxBuf;
  // he[t] = k3·|ĥ_t| + (1 + k3)·e_t, so that k3·Σ|Ŵĥ| + (1 + k3)·Σ|Ŵ|e = Σ|Ŵ|·he (one
  // accumulator; |fl(ŵĥ)| and |ŵ||ĥ| differ by a rounding the doubling covers)
  const k3 = (n + 3) * U;
  const k31 = 1 + k3;
  let nnz = 0;
  if (coordErr >= 0 || Number.isNaN(coordErr)) {
    const e = k31 * coordErr;
    for (let k = 0; k < n; k++) {
      const xk = inZ[inBase + k]!;
      h[nnz] = xk;
      he[nnz] = k3 * Math.abs(xk) + e;
      idx[nnz++] = k;
    }
  } else {
    for (let k = 0; k < n; k++) {
      const zk = inZ[inBase + k]!;
      const e = inE[inBase + k]!;
      // certainly inactive (ẑ < −e, the sign test's own criterion): h = 0 exactly, no error
      if (zk > 0 || !(zk < -e)) {
        const hk = zk > 0 ? zk : 0;
        h[nnz] = hk;
        he[nnz] = k3 * hk + k31 * e;
        idx[nnz++] = k;
      }
    }
  }
  const W = L.W;
  const WA = L.WA;
  const b = L.b;
  // four outputs at a time (eight independent sums share the loads of ĥ and its bound); every
  // output's terms are still added in input order after its bias: the same float sums as one
  // output at a time
  let j = 0;
  for (; j + 3 < m; j += 4) {
    const o0 = j * n;
    const o1 = o0 + n;
    const o2 = o1 + n;
    const o3 = o2 + n;
    let s0 = b[j]!;
    let s1 = b[j + 1]!;
    let s2 = b[j + 2]!;
    let s3 = b[j + 3]!;
    let a0 = k3 * Math.abs(s0);
    let a1 = k3 * Math.abs(s1);
    let a2 = k3 * Math.abs(s2);
    let a3 = k3 * Math.abs(s3);
    for (let t = 0; t < nnz; t++) {
      const k = idx[t]!;
      const ht = h[t]!;
      const et = he[t]!;
      s0 += W[o0 + k]! * ht;
      a0 += WA[o0 + k]! * et;
      s1 += W[o1 + k]! * ht;
      a1 += WA[o1 + k]! * et;
      s2 += W[o2 + k]! * ht;
      a2 += WA[o2 + k]! * et;
      s3 += W[o3 + k]! * ht;
      a3 += WA[o3 + k]! * et;
    }
    out4(j, m, s0, a0, INF);
    out4(j + 1, m, s1, a1, INF);
    out4(j + 2, m, s2, a2, INF);
    out4(j + 3, m, s3, a3, INF);
  }
  for (; j < m; j++) {
    const off = j * n;
    let s = b[j]!;
    let acc = k3 * Math.abs(s);
    for (let t = 0; t < nnz; t++) {
      const k = off + idx[t]!;
      s += W[k]! * h[t]!;
      acc += WA[k]! * he[t]!;
    }
    out4(j, m, s, acc, INF);
  }
  for (let j = 0; j < m; j++) {
    outZ[outBase + j] = oBuf[j]!;
    outE[outBase + j] = oBuf[m + j]!;
  }
}

/** Output j of a step: ẑ_j and its bound 2·acc + slack (∞ unless both are finite) into oBuf. */
function out4(j: number, m: number, s: number, acc: number, INF: number): void {
  const bound = 2 * acc + UNDERFLOW_SLACK;
  oBuf[j] = s;
  // s − s = 0 iff s is finite; bound ≥ 0, so bound < ∞ iff finite (a float64 select)
  oBuf[m + j] = s - s === 0 && bound < INF ? bound : INF;
}

let hBuf = new Float64Array(64);
let heBuf = new Float64Array(64);
let idxBuf = new Int32Array(64);
let oBuf = new Float64Array(128);

/**
 * Exact pre-activation numerators of hidden layers 0..`layer` at the exact point num/den: integers
 * Z_j = z_j · den · Π_{k ≤ l} s_k (a positive scale; signs are the signs of z_j). Integer forward
 * pass, ReLU applied exactly.
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
