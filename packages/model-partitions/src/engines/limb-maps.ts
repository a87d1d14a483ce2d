/**
 * Exact integer layer maps in float64 limbs (issue 11): the rows of H_l (mlp-maps.ts `nextMap`,
 * ReLU) and of single unit maps as integers in base 2^21, every limb a float64. A product of two
 * limbs has |p| < 2^42 and is exact; up to 2^11 of them are summed exactly (< 2^53) before the
 * carries are propagated, so a dot product of two integer vectors costs float multiply–adds instead
 * of BigInt operations (which allocate). Values are converted to BigInt once, at the end of a unit
 * row. Rows of H_l are computed lazily, when a unit map reads them.
 *
 * Representation: an integer x as T limbs x = Σ_t l_t·2^(21t). Normalised limbs have
 * 0 ≤ l_t < 2^21 for t < T − 1 and a signed top limb; inputs (weights) may have signed limbs
 * |l_t| < 2^21. Sizes T are chosen from bit bounds so that the top limb of a normalised value has
 * |l_{T−1}| < 2^21 as well.
 */
import { gcdDouble, limbGcd, limbTop, limbsMod } from '@mlgeo/exact-arith';
import type { IntLayer } from './mlp-maps.js';

const LB = 21;
const BASE = 2 ** LB;
const INV_BASE = 2 ** -LB;
const LB_BIG = 21n;
const MASK_BIG = (1n << LB_BIG) - 1n;
/** Largest sum of limb products that stays below 2^53 (each |product| < 2^42, plus a limb). */
const MAX_PRODUCTS = 2047;

/** ±2^53: integers strictly between them are exact doubles (module constants: no BigInt per use). */
const EXACT_LIMIT = 1n << 53n;
const NEG_EXACT_LIMIT = -EXACT_LIMIT;

/** Bit length of |x|. */
export function bitLength(x: bigint): number {
  if (x > NEG_EXACT_LIMIT && x < EXACT_LIMIT) {
    // a double: no BigInt made (no negation)
    const n = Math.abs(Number(x));
    if (n === 0) return 0;
    let b = Math.floor(Math.log2(n)) + 1;
    // log2 may round across an integer: 2^(b−1) ≤ n < 2^b
    while (2 ** b <= n) b++;
    while (b > 1 && 2 ** (b - 1) > n) b--;
    return b;
  }
  return (x < 0n ? -x : x).toString(2).length;
}

/** Limbs needed for values of at most `bits` bits (the top limb then holds < 2^20 in magnitude). */
function limbsFor(bits: number): number {
  return Math.max(1, Math.ceil((bits + 1) / LB));
}

/** Writes x into out[at … at + T − 1] as signed limbs (sign on every limb). Throws if x needs more. */
export function toLimbs(x: bigint, T: number, out: Float64Array, at: number): void {
  const neg = x < 0n;
  if (x > NEG_EXACT_LIMIT && x < EXACT_LIMIT) {
    // a double: no BigInt made (no negation)
    let n = Math.abs(Number(x));
    for (let t = 0; t < T; t++) {
      const hi = Math.floor(n * INV_BASE);
      const l = n - hi * BASE;
      out[at + t] = neg ? -l : l;
      n = hi;
    }
    if (n !== 0) throw new Error(`limb overflow: ${x} in ${T} limbs`);
    return;
  }
  let a = neg ? -x : x;
  for (let t = 0; t < T; t++) {
    const l = Number(a & MASK_BIG);
    out[at + t] = neg ? -l : l;
    a >>= LB_BIG;
  }
  if (a !== 0n) throw new Error(`limb overflow: ${x} in ${T} limbs`);
}

/**
 * Propagates carries in acc[at … at + T − 1] (exact: every entry is an integer below 2^53): the low
 * limbs into [0, 2^21), the top limb keeps the rest with its sign.
 */
function normalize(acc: Float64Array, at: number, T: number): void {
  let carry = 0;
  for (let t = 0; t < T - 1; t++) {
    const v = acc[at + t]! + carry;
    carry = Math.floor(v * INV_BASE);
    acc[at + t] = v - carry * BASE;
  }
  acc[at + T - 1] = acc[at + T - 1]! + carry;
}

/** The integer of normalised limbs src[at … at + T − 1]. */
export function fromLimbs(src: Float64Array, at: number, T: number): bigint {
  let t = T - 1;
  let x = BigInt(src[at + t]!);
  // two limbs per BigInt step: hi·2^21 + lo < 2^42 + 2^21 is exact
  for (t--; t >= 1; t -= 2) x = (x << 42n) + BigInt(src[at + t]! * BASE + src[at + t - 1]!);
  if (t === 0) x = (x << LB_BIG) + BigInt(src[at]!);
  return x;
}

/** A ReLU layer's weights as limbs: W[j][k] at ((j·inputs + k)·KW …). */
export interface LimbLayer {
  W: Float64Array;
  KW: number;
  inputs: number;
  outputs: number;
  /** Bit bound of |W| entries. */
  bitsW: number;
  /** Bit bound of |b| entries. */
  bitsB: number;
  /** nonzero[j·inputs + k] = 1 iff W_jk ≠ 0. */
  nonzero: Uint8Array;
  layer: IntLayer;
  /**
   * The constants b_j·S of the rows over maps whose scale is `constS`, as `constT` limbs each at
   * constLimbs[j·constT …] (made when a row first needs one: every map of one layer has the same
   * S and limbs, so one BigInt product per unit instead of one per row).
   */
  constS: bigint | undefined;
  constT: number;
  constLimbs: Float64Array | undefined;
  constHave: Uint8Array | undefined;
}

/**
 * The largest bit length of the entries of `rows`: the bit length of the largest and of the
 * smallest entry (comparisons only; no bit length per entry, which for long entries makes a string).
 */
function bitsOfList(rows: readonly (readonly bigint[])[]): number {
  let hi = 0n;
  let lo = 0n;
  for (const row of rows)
    for (let k = 0; k < row.length; k++) {
      const x = row[k]!;
      if (x > hi) hi = x;
      else if (x < lo) lo = x;
    }
  return Math.max(bitLength(hi), bitLength(lo));
}

export function limbLayer(layer: IntLayer): LimbLayer {
  const outputs = layer.W.length;
  const inputs = layer.W[0]?.length ?? 0;
  const bitsW = bitsOfList(layer.W);
  const bitsB = bitsOfList([layer.b]);
  const KW = limbsFor(bitsW);
  const W = new Float64Array(outputs * inputs * KW);
  const nonzero = new Uint8Array(outputs * inputs);
  for (let j = 0; j < outputs; j++)
    for (let k = 0; k < inputs; k++) {
      toLimbs(layer.W[j]![k]!, KW, W, (j * inputs + k) * KW);
      nonzero[j * inputs + k] = layer.W[j]![k]! !== 0n ? 1 : 0;
    }
  return {
    W,
    KW,
    inputs,
    outputs,
    bitsW,
    bitsB,
    nonzero,
    layer,
    constS: undefined,
    constT: 0,
    constLimbs: undefined,
    constHave: undefined,
  };
}

/**
 * H_l on a cell prefix, rows computed on demand: z_l = (A x + c)/S with row j stored as `width`
 * entries (A_j1 … A_jd, c_j) of T limbs each at data[(j·width + e)·T …]. H_0 has every row at once.
 */
export class LimbMap {
  readonly data: Float64Array;
  /** Where the rows' computed flags start in `data` (1: row j is made; after the rows). */
  readonly haveAt: number;
  /** Bit length of S. */
  readonly bitsS: number;
  /** Limbs of the rows of the next layer over this map, by that layer (rowLimbs). */
  nextT = 0;
  nextFor: LimbLayer | undefined = undefined;
  constructor(
    readonly rows: number,
    readonly width: number,
    readonly T: number,
    /** Bit bound of every entry. */
    readonly bits: number,
    readonly S: bigint,
    /** Layer l's weights (rows from `prev`); undefined for H_0. */
    readonly layer: LimbLayer | undefined,
    readonly prev: LimbMap | undefined,
    /** Bits of layer l − 1 (the label characters '0'/'1' from maskAt). */
    readonly label: string,
    readonly maskAt: number,
  ) {
    // the rows, then one flag per row (one view per map, not two)
    this.haveAt = rows * width * T;
    this.data = mapLimbs.take(this.haveAt + rows);
    this.bitsS = bitLength(S);
  }

  /** H_0 = (W_0 | b_0) / s_0. */
  static first(layer: IntLayer): LimbMap {
    const rows = layer.W.length;
    const d = layer.W[0]?.length ?? 0;
    let bits = 0;
    for (let j = 0; j < rows; j++) {
      bits = Math.max(bits, bitLength(layer.b[j]!));
      for (const w of layer.W[j]!) bits = Math.max(bits, bitLength(w));
    }
    const T = limbsFor(bits);
    const m = new LimbMap(rows, d + 1, T, bits, layer.s, undefined, undefined, '', 0);
    for (let j = 0; j < rows; j++) {
      for (let i = 0; i < d; i++) toLimbs(layer.W[j]![i]!, T, m.data, (j * (d + 1) + i) * T);
      toLimbs(layer.b[j]!, T, m.data, (j * (d + 1) + d) * T);
      m.data[m.haveAt + j] = 1;
    }
    return m;
  }

  /** H_l from H_{l−1} (`prev`) and the bits of layer l − 1 in `label` from `maskAt`. */
  static next(prev: LimbMap, layer: LimbLayer, label: string, maskAt: number): LimbMap {
    const T = rowLimbs(prev, layer);
    const bits = T * LB - 1;
    return new LimbMap(
      layer.outputs,
      prev.width,
      T,
      bits,
      prev.S * layer.layer.s,
      layer,
      prev,
      label,
      maskAt,
    );
  }

  /**
   * H_l of a cell whose layer l − 1 bits differ from a sibling's `base` (same H_{l−1}, same layer)
   * in a few units: its rows are the base's rows plus (bit now 1) or minus (bit now 0) those units'
   * terms; a plain {@link next} map when more than a quarter of the units changed.
   */
  static nextFrom(base: LimbMap, label: string, maskAt: number): LimbMap {
    const prev = base.prev!;
    const n = prev.rows;
    if (changedBuf.length < n) changedBuf = new Int32Array(2 * n);
    const changed = base.base
      ? -1
      : changedUnits(label, maskAt, base.label, base.maskAt, n, changedBuf);
    const m = LimbMap.next(prev, base.layer!, label, maskAt);
    if (changed < 0) return m;
    // the changed units, in exact-size lists (a list grown by push has room for 17)
    let up = 0;
    for (let t = 0; t < changed; t++) if (changedBuf[t]! > 0) up++;
    const plus = new Array<number>(up);
    const minus = new Array<number>(changed - up);
    for (let t = 0, p = 0, q = 0; t < changed; t++) {
      const ck = changedBuf[t]!;
      if (ck > 0) plus[p++] = ck - 1;
      else minus[q++] = -ck - 1;
    }
    m.base = base;
    m.plus = plus;
    m.minus = minus;
    return m;
  }

  /** A sibling map whose rows this one's differ from by the terms of `plus` and `minus`. */
  private base: LimbMap | undefined = undefined;
  /** True when made from a sibling ({@link nextFrom}). */
  get derived(): boolean {
    return this.base !== undefined;
  }
  private plus: number[] = [];
  private minus: number[] = [];

  /** The active units of layer l − 1 (inputs of this map's rows), made on first use. */
  private active: Int32Array | undefined;
  private activeCount = 0;

  /** Offset of row j's limbs in `data` (computed on first use). */
  row(j: number): number {
    const made = this.haveAt + j;
    // from the sibling's row when it has it (a unit the float filter decided was never made there:
    // one full row here is cheaper than the sibling's and a difference)
    const base = this.base;
    if (!this.data[made] && base && base.data[base.haveAt + j]) {
      diffRow(base, this.prev!, this.layer!, j, this.plus, this.minus, this.T, this.data);
      this.data[made] = 1;
    }
    if (!this.data[made]) {
      const prev = this.prev!;
      if (!this.active) {
        this.active = mapInts.take(prev.rows);
        this.activeCount = activeUnits(this.label, this.maskAt, prev.rows, this.active);
      }
      combineRow(
        prev,
        this.layer!,
        j,
        this.active,
        this.activeCount,
        this.T,
        this.data,
        j * this.width * this.T,
      );
      this.data[made] = 1;
    }
    return j * this.width * this.T;
  }
}

/**
 * Maps' zeroed storage carved from shared slabs (views, never reused): a typed array of a few KB
 * has its own off-heap buffer, whose allocation and release cost more than its rows' arithmetic.
 */
const SLAB = 1 << 16;

/** Zeroed storage handed out as views of shared slabs (never reused); large requests alone. */
class Slab<A extends Float64Array | Int32Array | Uint8Array> {
  private buf: A;
  private free = 0;
  constructor(private readonly make: (size: number) => A) {
    this.buf = make(SLAB);
  }
  take(size: number): A {
    if (size > SLAB >> 3) return this.make(size);
    if (this.free + size > SLAB) {
      this.buf = this.make(SLAB);
      this.free = 0;
    }
    this.free += size;
    return this.buf.subarray(this.free - size, this.free) as A;
  }
}

const mapLimbs = new Slab((n) => new Float64Array(n));
const mapInts = new Slab((n) => new Int32Array(n));
/** The vertices' limbs (kept as long as their vertices, apart from the maps'). */
const pointLimbs = new Slab((n) => new Float64Array(n));

/** Limbs of a row of layer `layer` over H_{l−1} = prev (bit bound of Σ_k w_k·h_k + b·S). */
export function rowLimbs(prev: LimbMap, layer: LimbLayer): number {
  if (prev.nextFor === layer) return prev.nextT;
  const terms = Math.ceil(Math.log2(layer.inputs + 2));
  // + 2: the sums' own bound and a factor 2 for the partial sums of a row made from a sibling's
  // (its terms plus and minus the changed ones: {@link LimbMap.nextFrom})
  const bits = Math.max(layer.bitsW + prev.bits, layer.bitsB + prev.bitsS) + terms + 2;
  prev.nextFor = layer;
  prev.nextT = limbsFor(bits);
  return prev.nextT;
}

let scratch = new Float64Array(64);

/** The inputs k < n whose label character at maskAt + k is '1' (active units), into `out`. */
export function activeUnits(label: string, maskAt: number, n: number, out: Int32Array): number {
  let count = 0;
  for (let k = 0; k < n; k++) if (label.charCodeAt(maskAt + k) === 49) out[count++] = k;
  return count;
}

/**
 * The units k < n whose bit (label character at maskAt + k) differs from a sibling's (at
 * baseMaskAt + k in baseLabel), into `out` as k + 1 when now active and −(k + 1) when now inactive;
 * their count, or −1 as soon as more than a quarter of the units differ (a sibling's map is then
 * no cheaper to start from than a map made in full).
 */
export function changedUnits(
  label: string,
  maskAt: number,
  baseLabel: string,
  baseMaskAt: number,
  n: number,
  out: Int32Array,
): number {
  let c = 0;
  for (let k = 0; k < n; k++) {
    const now = label.charCodeAt(maskAt + k);
    if (now === baseLabel.charCodeAt(baseMaskAt + k)) continue;
    if (4 * ++c > n) return -1;
    out[c - 1] = now === 49 ? k + 1 : -(k + 1);
  }
  return c;
}

let changedBuf = new Int32Array(64);

/**
 * Row j of layer `layer` on H_{l−1} = prev over the active inputs active[0 … count − 1] (the bits
 * of layer l − 1): Σ_k W_jk·H_{l−1}[k] + (0, …, 0, b_j·S_{l−1}), into out[at …] as `width` entries
 * of T normalised limbs. The same integers as mlp-maps.ts `nextMap` (ReLU).
 */
export function combineRow(
  prev: LimbMap,
  layer: LimbLayer,
  j: number,
  active: Int32Array,
  count: number,
  T: number,
  out: Float64Array,
  at: number,
): void {
  const width = prev.width;
  const KW = layer.KW;
  const KH = prev.T;
  const n = layer.inputs;
  const W = layer.W;
  const nz = layer.nonzero;
  const size = width * T;
  const wRow = j * n;
  // the rows of H_{l−1} first (computing one may use the scratch accumulator)
  for (let t = 0; t < count; t++) {
    const k = active[t]!;
    if (nz[wRow + k] && !prev.data[prev.haveAt + k]) prev.row(k);
  }
  if (scratch.length < size) scratch = new Float64Array(2 * size);
  const acc = scratch;
  acc.fill(0, 0, size);
  // products per output limb per term ≤ min(KW, KH): carries propagated every `chunk` terms
  const chunk = Math.max(1, Math.floor(MAX_PRODUCTS / Math.min(KW, KH)) - 1);
  let pending = 0;
  const h = prev.data;
  const rowSize = width * KH;
  for (let t = 0; t < count; t++) {
    const k = active[t]!;
    if (!nz[wRow + k]) continue;
    const wo = (wRow + k) * KW;
    const ho = k * rowSize;
    for (let a = 0; a < KW; a++) {
      const wa = W[wo + a]!;
      if (wa === 0) continue;
      for (let e = 0; e < width; e++) {
        const src = ho + e * KH;
        const dst = e * T + a;
        for (let b = 0; b < KH; b++) acc[dst + b] = acc[dst + b]! + wa * h[src + b]!;
      }
    }
    if (++pending >= chunk) {
      for (let e = 0; e < width; e++) normalize(acc, e * T, T);
      pending = 0;
    }
  }
  // the constant b_j·S_{l−1} (one BigInt product per unit and scale)
  const cAt = constantLimbs(layer, j, prev.S, T);
  if (cAt >= 0) {
    const c = layer.constLimbs!;
    const dst = (width - 1) * T;
    for (let t = 0; t < T; t++) acc[dst + t] = acc[dst + t]! + c[cAt + t]!;
  }
  for (let e = 0; e < width; e++) {
    normalize(acc, e * T, T);
    for (let t = 0; t < T; t++) out[at + e * T + t] = acc[e * T + t]!;
  }
}

/**
 * Offset in layer.constLimbs of b_j·S as T signed limbs (`toLimbs`), made on first use; −1 when it
 * is 0.
 */
function constantLimbs(layer: LimbLayer, j: number, S: bigint, T: number): number {
  const b = layer.layer.b[j]!;
  if (b === 0n || S === 0n) return -1;
  if (layer.constS !== S || layer.constT !== T) {
    layer.constS = S;
    layer.constT = T;
    layer.constLimbs = new Float64Array(layer.outputs * T);
    layer.constHave = new Uint8Array(layer.outputs);
  }
  if (!layer.constHave![j]) {
    toLimbs(b * S, T, layer.constLimbs!, j * T);
    layer.constHave![j] = 1;
  }
  return j * T;
}
let diffBuf = new Float64Array(64);

/**
 * Row j of a map made from a sibling (`base`, same H_{l−1} = prev and layer): the base's row j plus
 * W_jk·H_{l−1}[k] for k in `plus`, minus it for k in `minus`, into data at row j (normalised). The
 * same integers as a full {@link combineRow}: the terms of the active inputs and the constant.
 */
function diffRow(
  base: LimbMap,
  prev: LimbMap,
  layer: LimbLayer,
  j: number,
  plus: readonly number[],
  minus: readonly number[],
  T: number,
  data: Float64Array,
): void {
  const width = prev.width;
  const KW = layer.KW;
  const KH = prev.T;
  const n = layer.inputs;
  const W = layer.W;
  const nz = layer.nonzero;
  const wRow = j * n;
  // the base row and the rows of H_{l−1} first (computing them uses the scratch accumulators)
  const bo = base.row(j);
  for (const k of plus) if (nz[wRow + k] && !prev.data[prev.haveAt + k]) prev.row(k);
  for (const k of minus) if (nz[wRow + k] && !prev.data[prev.haveAt + k]) prev.row(k);
  const size = width * T;
  if (diffBuf.length < size) diffBuf = new Float64Array(2 * size);
  const acc = diffBuf;
  for (let t = 0; t < size; t++) acc[t] = base.data[bo + t]!;
  const chunk = Math.max(1, Math.floor(MAX_PRODUCTS / Math.min(KW, KH)) - 1);
  let pending = 0;
  const h = prev.data;
  const rowSize = width * KH;
  for (let side = 0; side < 2; side++) {
    const list = side === 0 ? plus : minus;
    for (let t = 0; t < list.length; t++) {
      const k = list[t]!;
      if (!nz[wRow + k]) continue;
      const wo = (wRow + k) * KW;
      const ho = k * rowSize;
      for (let a = 0; a < KW; a++) {
        const wa = side === 0 ? W[wo + a]! : -W[wo + a]!;
        if (wa === 0) continue;
        for (let e = 0; e < width; e++) {
          const src = ho + e * KH;
          const dst = e * T + a;
          for (let b = 0; b < KH; b++) acc[dst + b] = acc[dst + b]! + wa * h[src + b]!;
        }
      }
      if (++pending >= chunk) {
        for (let e = 0; e < width; e++) normalize(acc, e * T, T);
        pending = 0;
      }
    }
  }
  const at = j * size;
  for (let e = 0; e < width; e++) {
    normalize(acc, e * T, T);
    for (let t = 0; t < T; t++) data[at + e * T + t] = acc[e * T + t]!;
  }
}

/** Row j of a limb map as integers (A_j, c_j), computed first if needed. */
export function limbRow(m: LimbMap, j: number): { w: bigint[]; c: bigint } {
  const at = m.row(j);
  const T = m.T;
  const w = new Array<bigint>(m.width - 1);
  for (let i = 0; i < w.length; i++) w[i] = fromLimbs(m.data, at + i * T, T);
  return { w, c: fromLimbs(m.data, at + w.length * T, T) };
}

/** The whole map as BigInt rows (mlp-maps.ts `IntMap`: the same integers as `nextMap`). */
export function limbToIntMap(m: LimbMap): { A: bigint[][]; c: bigint[]; S: bigint } {
  const A: bigint[][] = new Array(m.rows);
  const c: bigint[] = new Array(m.rows);
  for (let j = 0; j < m.rows; j++) {
    const r = limbRow(m, j);
    A[j] = r.w;
    c[j] = r.c;
  }
  return { A, c, S: m.S };
}

/**
 * An integer point x = num/den for exact sign tests against limb rows: the d coordinates of `num`
 * and then `den`, each as V signed limbs (`toLimbs`) at data[e·V …].
 */
export interface LimbPoint {
  readonly data: Float64Array;
  readonly V: number;
}

let pointScratch = new Float64Array(64);

/** pointScratch with room for `size` entries (contents kept). */
function growPointScratch(size: number): void {
  if (pointScratch.length >= size) return;
  const grown = new Float64Array(2 * size);
  grown.set(pointScratch);
  pointScratch = grown;
}

/** The limbs of |x| (low first) into pointScratch from `at`; returns how many (0 for x = 0). */
function magnitudeLimbs(x: bigint, at: number): number {
  let a = x < 0n ? -x : x;
  let count = 0;
  // two limbs per BigInt step: the low 42 bits are exact in a double
  while (a >= EXACT_LIMIT) {
    growPointScratch(at + count + 2);
    const lo = Number(BigInt.asUintN(42, a));
    const hi = Math.floor(lo * INV_BASE);
    pointScratch[at + count++] = lo - hi * BASE;
    pointScratch[at + count++] = hi;
    a >>= 42n;
  }
  let n = Number(a);
  while (n !== 0) {
    growPointScratch(at + count + 1);
    const hi = Math.floor(n * INV_BASE);
    pointScratch[at + count++] = n - hi * BASE;
    n = hi;
  }
  return count;
}

let countScratch = new Int32Array(16);

/** num/den as a {@link LimbPoint} (V = limbs of the longest entry). */
export function limbPoint(num: readonly bigint[], den: bigint): LimbPoint {
  const width = num.length + 1;
  // every entry's magnitude limbs one after the other in pointScratch
  if (countScratch.length < 2 * width) countScratch = new Int32Array(4 * width);
  const counts = countScratch; // counts at [0, width), starts at [width, 2·width)
  let offsets = 0;
  for (let e = 0; e < width; e++) {
    counts[width + e] = offsets;
    counts[e] = magnitudeLimbs(e < num.length ? num[e]! : den, offsets);
    offsets += counts[e]!;
  }
  let V = 1;
  for (let e = 0; e < width; e++) V = Math.max(V, counts[e]!);
  const data = pointLimbs.take(width * V);
  for (let e = 0; e < width; e++) {
    const neg = (e < num.length ? num[e]! : den) < 0n;
    for (let t = 0; t < counts[e]!; t++) {
      const l = pointScratch[counts[width + e]! + t]!;
      data[e * V + t] = neg ? -l : l;
    }
  }
  return new LimbPointData(data, V);
}

/** A {@link LimbPoint} made by `new`, so born young (docs/contributing.md, "Objects a run keeps"). */
class LimbPointData implements LimbPoint {
  constructor(
    readonly data: Float64Array,
    readonly V: number,
  ) {}
}

/**
 * A row of a limb map in sign–magnitude limbs for {@link limbAffineSign}: `width` entries of `T`
 * limbs, every limb of an entry carrying the entry's sign (|l| < 2^21), with T the fewest limbs
 * that hold every entry (leading zero limbs dropped). Normalised limbs of a negative entry carry a
 * −1 top limb over 2^21 − 1 limbs that cancel only in the last ones; here a row's top limbs are its
 * entries' leading digits.
 */
export interface SignMagnitudeRow {
  data: Float64Array;
  width: number;
  T: number;
}

/** Row j of m (at data[at …], {@link LimbMap.row}) into `out` as a {@link SignMagnitudeRow}. */
export function signMagnitudeRow(m: LimbMap, at: number, out: SignMagnitudeRow): void {
  const T = m.T;
  const width = m.width;
  if (out.data.length < width * T) out.data = new Float64Array(2 * width * T);
  const x = out.data;
  const h = m.data;
  let top = 0;
  for (let e = 0; e < width; e++) {
    const o = at + e * T;
    const neg = h[o + T - 1]! < 0;
    // −x normalised (its limbs ≥ 0), then negated back: the sign on every limb
    let carry = 0;
    for (let t = 0; t < T; t++) {
      const v = (neg ? -h[o + t]! : h[o + t]!) + carry;
      if (neg && t < T - 1) {
        carry = Math.floor(v * INV_BASE);
        x[e * T + t] = -(v - carry * BASE);
      } else x[e * T + t] = neg ? -v : v;
    }
    for (let t = T - 1; t >= top; t--)
      if (x[e * T + t] !== 0) {
        top = t + 1;
        break;
      }
  }
  // entries at stride T' = top (the leading zero limbs dropped)
  const Te = Math.max(1, top);
  if (Te < T)
    for (let e = 1; e < width; e++) for (let t = 0; t < Te; t++) x[e * Te + t] = x[e * T + t]!;
  out.width = width;
  out.T = Te;
}

/**
 * The exact sign of w·num + c·den for the row (w, c) = r and (num, den) = p, both in sign–magnitude
 * limbs, from the most significant digits down: with c_k = Σ_{a+b=k} Σ_e r_e[a]·p_e[b] (at most
 * width·m products below 2^42 each, m = min(T, V): |c_k| ≤ C = width·m·(2^21 − 1)^2 exactly in
 * float64) and S = Σ_{k ≥ K} c_k·2^(21(k−K)), the rest Σ_{k<K} c_k·2^(21k) is below C·2^(21K)/(2^21 − 1)
 * in magnitude, so once |S| > width·m·(2^21 − 1) the sign is S's; S stays an exact integer (below
 * 2^53) until then, and is the whole value if that never happens. Exact integer arithmetic
 * throughout; undefined when width·m > 1024 (the caller decides on BigInt).
 */
export function limbAffineSign(r: SignMagnitudeRow, p: LimbPoint): -1 | 0 | 1 | undefined {
  const T = r.T;
  const V = p.V;
  const width = r.width;
  const m = T < V ? T : V;
  if (width * m > 1024) return undefined;
  const threshold = width * m * (BASE - 1);
  const w = r.data;
  const x = p.data;
  let S = 0;
  for (let k = T + V - 2; k >= 0; k--) {
    let c = 0;
    const aLo = k - V + 1 > 0 ? k - V + 1 : 0;
    const aHi = k < T - 1 ? k : T - 1;
    for (let e = 0; e < width; e++) {
      const ro = e * T;
      const po = e * V + k;
      for (let a = aLo; a <= aHi; a++) c += w[ro + a]! * x[po - a]!;
    }
    S = S * BASE + c;
    if (S > threshold) return 1;
    if (S < -threshold) return -1;
  }
  return S > 0 ? 1 : S < 0 ? -1 : 0;
}

/** True when row j of m (at data[at …], {@link LimbMap.row}) has w = 0: all but the last entry 0. */
export function limbRowIsConstant(m: LimbMap, at: number): boolean {
  const end = at + (m.width - 1) * m.T;
  for (let t = at; t < end; t++) if (m.data[t] !== 0) return false;
  return true;
}

/**
 * The sign of the last entry (the constant c) of the row at data[at …]: its highest non-zero
 * limb's (normalised limbs, or H_0's signed ones, which all carry the value's sign).
 */
export function limbConstantSign(m: LimbMap, at: number): -1 | 0 | 1 {
  const T = m.T;
  const o = at + (m.width - 1) * T;
  for (let t = T - 1; t >= 0; t--) {
    const l = m.data[o + t]!;
    if (l > 0) return 1;
    if (l < 0) return -1;
  }
  return 0;
}

/** Entry magnitudes of a row (reused). */
let magBuf = new Float64Array(64);

/**
 * The integer of limbs q[at … at + T − 1] ≥ 0 (< 2^21 each), negated when `neg`: its bits in
 * chunks of 53, each chunk a BigInt made from an exact double (chunk · 2^shift), summed (no
 * shifts; one BigInt below 2^53, three up to 2^106).
 */
function bigOfMagnitude(q: Float64Array, at: number, T: number, neg: boolean): bigint {
  const top = limbTop(q, at, T);
  const sign = neg ? -1 : 1;
  let x: bigint | undefined;
  // the chunk being filled: acc < 2^bits, at bit `base` of the value
  let acc = 0;
  let bits = 0;
  let base = 0;
  for (let t = 0; t <= top; t++) {
    const l = q[at + t]!;
    if (bits + LB <= 53) {
      acc += l * 2 ** bits;
      bits += LB;
      continue;
    }
    // the limb's low 53 − bits bits complete the chunk, the rest starts the next one
    const room = 53 - bits;
    const high = Math.floor(l / 2 ** room);
    acc += (l - high * 2 ** room) * 2 ** bits;
    if (acc !== 0) {
      const v = BigInt(sign * acc * 2 ** base);
      x = x === undefined ? v : x + v;
    }
    acc = high;
    bits = LB - room;
    base += 53;
  }
  const v = BigInt(sign * acc * 2 ** base);
  return x === undefined ? v : acc === 0 ? x : x + v;
}

/**
 * The unit row at src[at …] (`width` entries w_1 … w_d, c of T normalised limbs, as
 * {@link combineRow} writes them) made primitive (divided by the gcd of its entries), as the
 * homogeneous row (c, w_1, …, w_d), negated when `negate`: the same integers as BigInts divided
 * by exact-arith `gcdOfList`, with the gcd and the division done on limbs. Undefined when the gcd
 * is not found on limbs (≥ 2^32, or a long division step): the caller then takes BigInts.
 */
export function primitiveHomogeneousRow(
  src: Float64Array,
  at: number,
  width: number,
  T: number,
  negate: boolean,
): bigint[] | undefined {
  if (magBuf.length < width * T) magBuf = new Float64Array(2 * width * T);
  const mag = magBuf;
  // |entry| per entry (normalised limbs: negative iff the top limb is); first two non-zero ones
  let first = -1;
  let second = -1;
  for (let e = 0; e < width; e++) {
    const o = at + e * T;
    const neg = src[o + T - 1]! < 0;
    let carry = 0;
    let zero = true;
    for (let t = 0; t < T; t++) {
      const v = (neg ? -src[o + t]! : src[o + t]!) + carry;
      carry = Math.floor(v * INV_BASE);
      const l = t < T - 1 ? v - carry * BASE : v;
      mag[e * T + t] = l;
      if (l !== 0) zero = false;
    }
    if (zero) continue;
    if (first < 0) first = e;
    else if (second < 0) second = e;
  }
  if (second < 0) return undefined;
  let g = limbGcd(mag, first * T, second * T, T);
  if (g < 1) return undefined;
  for (let e = second + 1; e < width && g > 1; e++)
    if (limbTop(mag, e * T, T) >= 0) g = gcdDouble(g, limbsMod(mag, e * T, T, g));
  const h = new Array<bigint>(width);
  for (let e = 0; e < width; e++) {
    const o = e * T;
    if (g > 1) {
      // exact division by g < 2^32 from the top limb down (r·2^21 + limb < 2^53)
      let r = 0;
      for (let t = T - 1; t >= 0; t--) {
        const cur = r * BASE + mag[o + t]!;
        let q = Math.floor(cur / g);
        r = cur - q * g;
        if (r < 0) {
          q -= 1;
          r += g;
        } else if (r >= g) {
          q += 1;
          r -= g;
        }
        mag[o + t] = q;
      }
    }
    const neg = src[at + o + T - 1]! < 0 !== negate;
    h[e === width - 1 ? 0 : e + 1] = bigOfMagnitude(mag, o, T, neg);
  }
  return h;
}
