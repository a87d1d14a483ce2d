/**
 * Rays of the double description method and their arithmetic (issue 11; lrs's "small integers
 * first, promote when a bound is exceeded" as the model). A ray stands for an exact primitive
 * integer vector z and is held in one of three lanes:
 *
 * - **small**: z itself in float64 (every |z_t| < 2^53, `e = 0`). A new ray sp·zn − sn·zp from two
 *   small rays with exact dot values stays small while |sp|·max|zn| + |sn|·max|zp| < 2^53: then
 *   every product and difference is an exact float64 integer, and the gcd is taken in float64.
 * - **big**: z as BigInt (exact mode, or once computed), with a float copy `f` for the sign filter.
 * - **approximate** (filtered mode): only a float64 vector f with a proven bound e: there is λ > 0
 *   with |f_t − λ·z_t| ≤ e for every t. f is computed fresh from the ray's zero set (fresh.ts: a
 *   float64 null-space solve with an a-posteriori proven bound), never from the parents' float
 *   copies, so its error does not grow over the generations. z is computed only when a sign
 *   decision needs it (lazily, as the integer null space of the zero set: CGAL's lazy-exact idea),
 *   so the combinatorics are those of the exact path.
 *
 * Bounds (u = 2^-53, Higham §2.2; error-bound.ts of @mlgeo/exact-arith for the dot product). For a
 * row g (integers; gf its correctly rounded float copy) the computed ŝ = fl(Σ gf_t f_t) satisfies
 * |ŝ − g·(λz)| ≤ sumErrorBound(k, Σ|gf_t f_t|) + e·Σ|g_t| =: δ. If |ŝ| > δ the sign is certified.
 * A new ray may also be combined from its parents in float when that is accurate enough (one
 * generation from exact parents, typically): for rp (ŝp > δp) and rn (ŝn < −δn), with
 * Sp = g·(λp zp), Sn = g·(λn zn), Sp·λn·zn − Sn·λp·zp = λp·λn·(vp·zn − vn·zp) is a positive
 * multiple of the exact new ray, and f_t = fl(ŝp·fn_t − ŝn·fp_t) is within
 *   δp·Mn + (|ŝp| + δp)·en + δn·Mp + (|ŝn| + δn)·ep + 3u·(|ŝp|·Mn + |ŝn|·Mp)
 * of it (M = max|f_t|; the two products and the difference round by at most u each, relative).
 * Over generations this bound grows (cancellation), so beyond 2^-24·max|f| the fresh solve is used.
 * The bound is computed in float64 and enlarged by the factor 1 + 2^-40, which covers the rounding
 * of its own few operations; scaling f and e by a power of two is exact (subnormal slack added).
 *
 * Storage (session 7): the rays live in one {@link RayStore} — struct-of-arrays, a ray is an
 * integer id: its float vector is k entries of one Float64Array, its zero set W words of one
 * Uint32Array, its scalars entries of typed arrays, and ids of rays cut off are reused. A new ray
 * costs no allocation (only BigInt rays keep a `bigint[]`), which removed most of the garbage
 * collection of the per-ray objects (two typed arrays and an object each).
 */
import {
  EXACT_INTEGER_LIMIT,
  UNDERFLOW_SLACK,
  UNIT_ROUNDOFF,
  bitLength,
  gcdOfList,
  integerNullSpace,
  sumErrorBound,
} from '@mlgeo/exact-arith';
import type { FreshSolver } from './fresh.js';

const U = UNIT_ROUNDOFF;
/** Enlargement of a bound computed in float64 (covers the rounding of its own operations). */
const INFLATE = 1 + 2 ** -40;

/**
 * All rays of one double description run, struct-of-arrays: ray `id` has the float vector
 * F[id·k … id·k + k − 1] and the zero set Z[id·W … id·W + W − 1]. Field meanings:
 * - F: z exactly (small lane) or λ·z within E (other lanes); E: that bound (0 in the small lane);
 *   MX: max_t |F_t|; SMALL: 1 iff F holds the exact primitive vector (integers below 2^53);
 * - big[id]: the exact primitive vector once known (always known outside the filtered mode, except
 *   in the small lane, where F is it);
 * - ORIENT: an approximate ray's row (input index) positive on it, which orients the null space of
 *   its zero set when z is computed (−1 for the other lanes);
 * - Z: the rows (processed so far, by insertion rank) tight on the ray; COUNT = |Z|; HA, HB:
 *   Zobrist hashes of Z;
 * - for the row being inserted: S ≈ g·(λz), DS its bound (0: exact), sv[id] g·z once computed.
 * The arrays are reallocated when the store grows: never keep a reference across {@link alloc}.
 */
const EMPTY_F64 = new Float64Array(0);
const EMPTY_I32 = new Int32Array(0);
const EMPTY_U32 = new Uint32Array(0);
const EMPTY_U8 = new Uint8Array(0);

export class RayStore {
  readonly k: number;
  readonly W: number;
  cap = 0;
  /** 1 + the largest id ever allocated. */
  top = 0;
  private readonly freeIds: number[] = [];
  F: Float64Array = EMPTY_F64;
  Z: Uint32Array = EMPTY_U32;
  E: Float64Array = EMPTY_F64;
  MX: Float64Array = EMPTY_F64;
  S: Float64Array = EMPTY_F64;
  DS: Float64Array = EMPTY_F64;
  COUNT: Int32Array = EMPTY_I32;
  HA: Int32Array = EMPTY_I32;
  HB: Int32Array = EMPTY_I32;
  ORIENT: Int32Array = EMPTY_I32;
  SMALL: Uint8Array = EMPTY_U8;
  readonly big: (bigint[] | undefined)[] = [];
  readonly sv: (bigint | undefined)[] = [];

  constructor(k: number, words: number, capacity = 64) {
    this.k = k;
    this.W = words;
    this.ranks = new Int32Array(words * 32);
    this.grow(Math.max(capacity, 16));
  }

  /**
   * All arrays as views of one ArrayBuffer (small runs are many: one buffer per store instead of
   * eleven kept the garbage collector's array-buffer work down), old contents copied.
   */
  private grow(cap: number): void {
    const { k, W } = this;
    const buf = new ArrayBuffer(cap * (8 * (k + 4) + 4 * (W + 4) + 1));
    let off = 0;
    const f64 = (old: Float64Array, len: number): Float64Array => {
      const a = new Float64Array(buf, off, len);
      a.set(old);
      off += 8 * len;
      return a;
    };
    const i32 = (old: Int32Array): Int32Array => {
      const a = new Int32Array(buf, off, cap);
      a.set(old);
      off += 4 * cap;
      return a;
    };
    this.F = f64(this.F, cap * k);
    this.E = f64(this.E, cap);
    this.MX = f64(this.MX, cap);
    this.S = f64(this.S, cap);
    this.DS = f64(this.DS, cap);
    this.COUNT = i32(this.COUNT);
    this.HA = i32(this.HA);
    this.HB = i32(this.HB);
    this.ORIENT = i32(this.ORIENT);
    const z = new Uint32Array(buf, off, cap * W);
    z.set(this.Z);
    this.Z = z;
    off += 4 * cap * W;
    const small = new Uint8Array(buf, off, cap);
    small.set(this.SMALL);
    this.SMALL = small;
    this.cap = cap;
  }

  /** A new ray: zero set empty, small lane off, no exact vector, every scalar 0 (ORIENT −1). */
  alloc(): number {
    let id = this.freeIds.pop();
    if (id === undefined) {
      id = this.top++;
      if (id >= this.cap) this.grow(2 * this.cap);
    }
    this.Z.fill(0, id * this.W, (id + 1) * this.W);
    this.E[id] = 0;
    this.MX[id] = 0;
    this.S[id] = 0;
    this.DS[id] = 0;
    this.COUNT[id] = 0;
    this.HA[id] = 0;
    this.HB[id] = 0;
    this.ORIENT[id] = -1;
    this.SMALL[id] = 0;
    this.big[id] = undefined;
    this.sv[id] = undefined;
    return id;
  }

  /** The id may be reused by a later {@link alloc}. */
  release(id: number): void {
    this.big[id] = undefined;
    this.sv[id] = undefined;
    this.freeIds.push(id);
  }

  /** Scratch of {@link zeroRanks}: W·32 entries, the most a zero set can hold. */
  readonly ranks: Int32Array;

  /**
   * The rows (by insertion rank) in the zero set of `id`, increasing, written to {@link ranks};
   * returns how many. The one walk over a zero set's bits (callers read `ranks[0 … n − 1]` before
   * the next call).
   */
  zeroRanks(id: number): number {
    const { Z, W, ranks } = this;
    let n = 0;
    for (let w = 0; w < W; w++) {
      let x = Z[id * W + w]!;
      while (x !== 0) {
        const low = x & -x;
        ranks[n++] = (w << 5) + 31 - Math.clz32(low);
        x ^= low;
      }
    }
    return n;
  }
}

/** Counters of the ray arithmetic (added to the DD statistics). */
export interface RayStats {
  /** Rays created by float64-exact integer arithmetic (the small lane). */
  smallRays: number;
  /** Rays created with BigInt arithmetic (then held small again when they fit). */
  bigRays: number;
  /** Rays created approximately (filtered mode). */
  approxRays: number;
  /** Approximate rays whose exact vector was computed afterwards (lazily). */
  lazyExactRays: number;
  /** Approximate rays whose float copy was solved from the zero set (the others: combined). */
  freshRays: number;
}

export function newRayStats(): RayStats {
  return { smallRays: 0, bigRays: 0, approxRays: 0, lazyExactRays: 0, freshRays: 0 };
}

/** 2^p for an integer p (exact in the normal range). */
function pow2(p: number): number {
  return 2 ** p;
}

/** Sets the float part of ray `id` from its exact vector `big[id]` (small lane when it fits). */
function setFloatFromExact(st: RayStore, id: number): void {
  const z = st.big[id]!;
  const k = z.length;
  const f = st.F;
  const o = id * k;
  let mx = 0;
  let fits = true;
  for (let t = 0; t < k; t++) {
    const v = z[t]!;
    if (v >= 9007199254740992n || v <= -9007199254740992n) {
      fits = false;
      break;
    }
    const x = Number(v);
    f[o + t] = x;
    const a = x < 0 ? -x : x;
    if (a > mx) mx = a;
  }
  if (fits) {
    st.SMALL[id] = 1;
    st.E[id] = 0;
    st.MX[id] = mx;
    return;
  }
  st.SMALL[id] = 0;
  let bits = 0;
  for (let t = 0; t < k; t++) {
    const b = bitLength(z[t]!);
    if (b > bits) bits = b;
  }
  // f = z·2^-sh rounded (sh = 0) or floored then rounded (sh > 0), then scaled to max ≈ 1
  const sh = bits > 1000 ? bits - 64 : 0;
  const bsh = BigInt(sh);
  mx = 0;
  for (let t = 0; t < k; t++) {
    const x = sh > 0 ? Number(z[t]! >> bsh) : Number(z[t]!);
    f[o + t] = x;
    const a = x < 0 ? -x : x;
    if (a > mx) mx = a;
  }
  let e = (U * mx + (sh > 0 ? 1 : 0)) * INFLATE;
  const scale = pow2(-Math.floor(Math.log2(mx)));
  for (let t = 0; t < k; t++) f[o + t] = f[o + t]! * scale;
  e = e * scale + UNDERFLOW_SLACK;
  st.E[id] = e;
  st.MX[id] = mx * scale;
}

/** Makes ray `id` (zero set already written) the exact primitive integer vector z. */
export function setRayExact(st: RayStore, id: number, z: bigint[], stats: RayStats): void {
  st.big[id] = z;
  setFloatFromExact(st, id);
  stats.bigRays++;
}

function primitive(v: bigint[]): bigint[] {
  const g = gcdOfList(v);
  if (g > 1n) for (let i = 0; i < v.length; i++) v[i] = v[i]! / g;
  return v;
}

function dot(g: readonly bigint[], z: readonly bigint[]): bigint {
  let s = 0n;
  for (let i = 0; i < g.length; i++) s += g[i]! * z[i]!;
  return s;
}

/**
 * What the ray arithmetic needs to know about the rows: the rows in z-coordinates (by input
 * index), their sign-test form, the input index of each insertion rank (zero sets are indexed by
 * rank), and — filtered mode, rows exact in float64 — the fresh float solver.
 */
export interface RayRows {
  g: readonly (readonly bigint[])[];
  signRows: readonly SignRow[];
  rowOfRank: readonly number[];
  solver: FreshSolver | undefined;
}

/**
 * The exact primitive vector of ray `id`, computed when unknown: from the small lane by
 * conversion, or (an approximate ray) as the integer null space of its zero set, oriented by its
 * row ORIENT.
 */
export function exactRay(st: RayStore, id: number, rows: RayRows, stats: RayStats): bigint[] {
  const known = st.big[id];
  if (known !== undefined) return known;
  const k = st.k;
  if (st.SMALL[id] === 1) {
    const z = new Array<bigint>(k);
    for (let t = 0; t < k; t++) z[t] = BigInt(st.F[id * k + t]!);
    st.big[id] = z;
    return z;
  }
  const n = st.zeroRanks(id);
  const zeroRows = new Array<readonly bigint[]>(n);
  for (let i = 0; i < n; i++) zeroRows[i] = rows.g[rows.rowOfRank[st.ranks[i]!]!]!;
  const basis = integerNullSpace(zeroRows, k);
  if (basis.length !== 1)
    throw new Error(
      `internal: an extreme ray's zero set has a ${basis.length}-dimensional null space`,
    );
  const z = basis[0]!;
  if (dot(rows.g[st.ORIENT[id]!]!, z) < 0n) for (let t = 0; t < k; t++) z[t] = -z[t]!;
  st.big[id] = z;
  stats.lazyExactRays++;
  return z;
}

/** A row g in the form the sign test needs. */
export interface SignRow {
  g: readonly bigint[];
  gf: Float64Array;
  /** Σ |gf_t| (an upper bound on Σ|g_t| within a factor 1 + k·u, covered by INFLATE). */
  g1: number;
  /** Every entry of g is below 2^53 (gf = g exactly). */
  exact: boolean;
}

export function signRow(g: readonly bigint[]): SignRow {
  const gf = new Float64Array(g.length);
  let g1 = 0;
  let exact = true;
  for (let t = 0; t < g.length; t++) {
    const v = g[t]!;
    if (v >= 9007199254740992n || v <= -9007199254740992n) exact = false;
    const x = Number(v);
    gf[t] = x;
    g1 += x < 0 ? -x : x;
  }
  return { g, gf, g1, exact };
}

/**
 * Sign of g·z for ray `id`: float64 when certified (or exact in the small lane), otherwise exact
 * (computing z lazily in the filtered mode). Leaves ŝ, δ (and g·z when computed) on the ray for
 * the creation of new rays. `countFallback`: count uncertified decisions (filtered mode).
 */
export function raySign(
  st: RayStore,
  id: number,
  row: SignRow,
  rows: RayRows,
  stats: RayStats & { exactFallbacks: number },
  countFallback: boolean,
): -1 | 0 | 1 {
  const gf = row.gf;
  const f = st.F;
  const k = gf.length;
  const o = id * k;
  let s = 0;
  let a = 0;
  for (let t = 0; t < k; t++) {
    const p = gf[t]! * f[o + t]!;
    s += p;
    a += p < 0 ? -p : p;
  }
  const small = st.SMALL[id] === 1;
  if (small && row.exact && a < EXACT_INTEGER_LIMIT) {
    st.S[id] = s;
    st.DS[id] = 0;
    if (st.sv[id] !== undefined) st.sv[id] = undefined;
    return s > 0 ? 1 : s < 0 ? -1 : 0;
  }
  return raySignSlow(st, id, row, rows, stats, countFallback, s, a);
}

function raySignSlow(
  st: RayStore,
  id: number,
  row: SignRow,
  rows: RayRows,
  stats: RayStats & { exactFallbacks: number },
  countFallback: boolean,
  s: number,
  a: number,
): -1 | 0 | 1 {
  const k = st.k;
  st.sv[id] = undefined;
  const d = (sumErrorBound(k, a) + st.E[id]! * row.g1) * INFLATE;
  st.S[id] = s;
  st.DS[id] = d;
  if (d < Infinity && Number.isFinite(s)) {
    if (s > d) return 1;
    if (s < -d) return -1;
  }
  if (countFallback) stats.exactFallbacks++;
  const wasApproximate = st.big[id] === undefined && st.SMALL[id] === 0;
  const z = exactRay(st, id, rows, stats);
  // refresh the float copy from z (a tighter bound for the new rays made from this one)
  if (wasApproximate) setFloatFromExact(st, id);
  const v = dot(row.g, z);
  st.sv[id] = v;
  if (st.SMALL[id] === 1) {
    // the exact g·z on a small-lane ray (f = z, λ = 1): ŝ = v rounded, δ = 0 when exact
    const sv = Number(v);
    st.S[id] = sv;
    st.DS[id] = v < 9007199254740992n && v > -9007199254740992n ? 0 : U * Math.abs(sv) * INFLATE;
  } else {
    // the float value of g·(λz) for the refreshed f, with its bound (the sign is known exactly)
    const gf = row.gf;
    const f = st.F;
    const o = id * k;
    let s2 = 0;
    let a2 = 0;
    for (let t = 0; t < k; t++) {
      const p = gf[t]! * f[o + t]!;
      s2 += p;
      a2 += p < 0 ? -p : p;
    }
    st.S[id] = s2;
    st.DS[id] = (sumErrorBound(k, a2) + st.E[id]! * row.g1) * INFLATE;
  }
  return v > 0n ? 1 : v < 0n ? -1 : 0;
}

/**
 * gcd of two non-negative integers below 2^53 held in float64: Euclid's steps on doubles (`%` on
 * doubles is slow) until both are below 2^31, then on int32.
 */
function gcdNum(a: number, b: number): number {
  while (b !== 0) {
    if (a < 2147483648 && b < 2147483648) {
      let x = a | 0;
      let y = b | 0;
      while (y !== 0) {
        const t = x % y;
        x = y;
        y = t;
      }
      return x;
    }
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/**
 * The new ray `id` (its zero set already written) from ip (g·zp > 0) and iN (g·zn < 0) for the
 * row `row`: small lane when the bound allows, else approximate (filtered mode, both signs
 * certified by float) or exact BigInt.
 */
export function combineRays(
  st: RayStore,
  id: number,
  ip: number,
  iN: number,
  row: SignRow,
  rows: RayRows,
  approximate: boolean,
  stats: RayStats,
): void {
  const k = st.k;
  const F = st.F;
  const op = ip * k;
  const on = iN * k;
  const o = id * k;
  let sp = st.S[ip]!;
  let sn = st.S[iN]!;
  if (st.SMALL[ip] === 1 && st.SMALL[iN] === 1 && st.DS[ip] === 0 && st.DS[iN] === 0) {
    // (sp/c)·zn − (sn/c)·zp with c = gcd(sp, sn) is still a positive multiple of the new ray;
    // it is computed in exact float64 integers while |sp/c|·Mn + |sn/c|·Mp < 2^53 (rounding is
    // monotone, so the test computed in float64 is conservative at the threshold)
    const mp = st.MX[ip]!;
    const mn = st.MX[iN]!;
    if (sp * mn - sn * mp >= EXACT_INTEGER_LIMIT) {
      const c = gcdNum(sp, -sn);
      sp /= c;
      sn /= c;
    }
    if (sp * mn - sn * mp < EXACT_INTEGER_LIMIT) {
      let g = 0;
      for (let t = 0; t < k; t++) {
        const x = sp * F[on + t]! - sn * F[op + t]!;
        F[o + t] = x;
        if (g !== 1 && x !== 0) g = gcdNum(x < 0 ? -x : x, g);
      }
      let mx = 0;
      for (let t = 0; t < k; t++) {
        const x = g > 1 ? F[o + t]! / g : F[o + t]!;
        F[o + t] = x;
        const ax = x < 0 ? -x : x;
        if (ax > mx) mx = ax;
      }
      st.SMALL[id] = 1;
      st.E[id] = 0;
      st.MX[id] = mx;
      stats.smallRays++;
      return;
    }
  }
  if (approximate) {
    let ok = combinedRay(st, id, ip, iN, rows);
    if (!ok && rows.solver !== undefined) {
      ok = freshRay(st, id, ip, iN, rows, rows.solver);
      if (ok) stats.freshRays++;
    }
    if (ok) {
      stats.approxRays++;
      return;
    }
  }
  // exact BigInt
  const zp = exactRay(st, ip, rows, stats);
  const zn = exactRay(st, iN, rows, stats);
  let vp: bigint;
  let vn: bigint;
  if (st.DS[ip] === 0 && st.DS[iN] === 0 && st.SMALL[ip] === 1 && st.SMALL[iN] === 1) {
    // exact float64 dot values (small lane): divide by their gcd before going to BigInt
    const c = gcdNum(st.S[ip]!, -st.S[iN]!);
    vp = BigInt(st.S[ip]! / c);
    vn = BigInt(st.S[iN]! / c);
  } else {
    vp = st.sv[ip] ??= dot(row.g, zp);
    vn = st.sv[iN] ??= dot(row.g, zn);
  }
  const z = new Array<bigint>(k);
  for (let t = 0; t < k; t++) z[t] = vp * zn[t]! - vn * zp[t]!;
  setRayExact(st, id, primitive(z), stats);
}

/**
 * The row (input index) orienting the new ray of (ip, iN): a row tight on exactly one parent is 0
 * on it, positive on the other, so positive on the new ray, a positive combination of the two.
 */
function orientRow(st: RayStore, ip: number, iN: number, rows: RayRows): number {
  const { Z, W } = st;
  for (let w = 0; w < W; w++) {
    const x = Z[ip * W + w]! ^ Z[iN * W + w]!;
    if (x !== 0) return rows.rowOfRank[(w << 5) + 31 - Math.clz32(x & -x)]!;
  }
  return -1;
}

/**
 * The new ray as the float combination f = fl(ŝp·fn − ŝn·fp) of its parents, when both signs are
 * certified and the propagated bound (module comment) is below {@link COMBINED_RELATIVE_ERROR} of
 * max|f| — typically one generation away from exact parents. Its exact vector, when needed, is the
 * null space of its zero set, like a fresh ray's. False otherwise (then the fresh solve; F of `id`
 * may have been written).
 */
function combinedRay(st: RayStore, id: number, ip: number, iN: number, rows: RayRows): boolean {
  const sp = st.S[ip]!;
  const sn = st.S[iN]!;
  const dp = st.DS[ip]!;
  const dn = st.DS[iN]!;
  if (!(sp > dp && -sn > dn)) return false;
  const k = st.k;
  const F = st.F;
  const op = ip * k;
  const on = iN * k;
  const o = id * k;
  const asn = -sn;
  const Mp = st.MX[ip]!;
  const Mn = st.MX[iN]!;
  const ep = st.E[ip]!;
  const en = st.E[iN]!;
  const e0 = dp * Mn + (sp + dp) * en + dn * Mp + (asn + dn) * ep;
  let e = (e0 + 3 * U * (sp * Mn + asn * Mp) + UNDERFLOW_SLACK) * INFLATE;
  let mx = 0;
  for (let t = 0; t < k; t++) {
    const x = sp * F[on + t]! - sn * F[op + t]!;
    F[o + t] = x;
    const ax = x < 0 ? -x : x;
    if (ax > mx) mx = ax;
  }
  if (!(mx > 0 && Number.isFinite(mx) && e <= mx * COMBINED_RELATIVE_ERROR)) return false;
  const orient = orientRow(st, ip, iN, rows);
  if (orient < 0) return false;
  const scale = pow2(-Math.floor(Math.log2(mx)));
  for (let t = 0; t < k; t++) F[o + t] = F[o + t]! * scale;
  e = e * scale + UNDERFLOW_SLACK;
  st.E[id] = e;
  st.MX[id] = mx * scale;
  st.ORIENT[id] = orient;
  st.SMALL[id] = 0;
  return true;
}

/** Largest relative error of a combined float ray (beyond it, the fresh solve is used). */
const COMBINED_RELATIVE_ERROR = 2 ** -24;

/**
 * The new ray `id` of the adjacent pair (ip, iN) in float64 from its zero set (fresh.ts); false
 * when the solver cannot prove a bound. Orientation: a row tight on exactly one of the parents is
 * positive on the new ray (it is 0 on one parent, positive on the other, and the new ray is a
 * positive combination of the two).
 */
function freshRay(
  st: RayStore,
  id: number,
  ip: number,
  iN: number,
  rows: RayRows,
  solver: FreshSolver,
): boolean {
  const k = st.k;
  const orient = orientRow(st, ip, iN, rows);
  if (orient < 0) return false;
  const hint = solver.hint;
  const F = st.F;
  const sp = st.S[ip]!;
  const sn = st.S[iN]!;
  for (let t = 0; t < k; t++) hint[t] = sp * F[iN * k + t]! - sn * F[ip * k + t]!;
  // the zero set's rows (float copies, exact), in the solver's reused list
  const zeroRows = solver.rowList;
  zeroRows.length = 0;
  const nz = st.zeroRanks(id);
  const ranks = st.ranks;
  for (let i = 0; i < nz; i++) zeroRows.push(rows.signRows[rows.rowOfRank[ranks[i]!]!]!.gf);
  const o = rows.signRows[orient]!;
  const f = solver.out;
  const e = solver.solve(zeroRows, hint, o.gf, o.g1 * INFLATE, f);
  if (e === undefined) return false;
  let mx = 0;
  for (let t = 0; t < k; t++) {
    const x = f[t]!;
    F[id * k + t] = x;
    const ax = x < 0 ? -x : x;
    if (ax > mx) mx = ax;
  }
  st.E[id] = e;
  st.MX[id] = mx;
  st.ORIENT[id] = orient;
  st.SMALL[id] = 0;
  return true;
}
