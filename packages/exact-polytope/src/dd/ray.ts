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
import { bitsToList } from './bitset.js';
import type { FreshSolver } from './fresh.js';

const U = UNIT_ROUNDOFF;
/** Enlargement of a bound computed in float64 (covers the rounding of its own operations). */
const INFLATE = 1 + 2 ** -40;

export interface Ray {
  /** Float vector: z exactly (small lane) or λ·z within `e` (others). */
  f: Float64Array;
  /** Bound on |f_t − λ z_t| (0 in the small lane). */
  e: number;
  /** max_t |f_t|. */
  mx: number;
  /** f holds the exact primitive vector z (every entry an integer below 2^53). */
  small: boolean;
  /** The exact primitive vector, once known (always known outside the filtered mode). */
  z: bigint[] | undefined;
  /**
   * An approximate ray: a row (input index) positive on it, which orients the null space of its
   * zero set when z is computed (−1 for the other lanes).
   */
  orient: number;
  /** Rows (processed so far, by insertion rank) tight on the ray. */
  zero: Uint32Array;
  /** |zero|. */
  count: number;
  /** Zobrist hashes of `zero`. */
  ha: number;
  hb: number;
  /** Slot in the tight index (−1 while not indexed). */
  slot: number;
  /** For the row being inserted: ŝ ≈ g·(λz), its bound δ (0: exact), and g·z exactly once known. */
  s: number;
  ds: number;
  sv: bigint | undefined;
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

function blankRay(f: Float64Array, zero: Uint32Array): Ray {
  return {
    f,
    e: 0,
    mx: 0,
    small: false,
    z: undefined,
    orient: -1,
    zero,
    count: 0,
    ha: 0,
    hb: 0,
    slot: -1,
    s: 0,
    ds: 0,
    sv: undefined,
  };
}

/** 2^p for an integer p (exact in the normal range). */
function pow2(p: number): number {
  return 2 ** p;
}

/** Sets the float part of `r` from its exact vector `r.z` (small lane when it fits). */
function setFloatFromExact(r: Ray): void {
  const z = r.z!;
  const k = z.length;
  const f = r.f;
  let mx = 0;
  let fits = true;
  for (let t = 0; t < k; t++) {
    const v = z[t]!;
    if (v >= 9007199254740992n || v <= -9007199254740992n) {
      fits = false;
      break;
    }
    const x = Number(v);
    f[t] = x;
    const a = x < 0 ? -x : x;
    if (a > mx) mx = a;
  }
  if (fits) {
    r.small = true;
    r.e = 0;
    r.mx = mx;
    return;
  }
  r.small = false;
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
    f[t] = x;
    const a = x < 0 ? -x : x;
    if (a > mx) mx = a;
  }
  let e = (U * mx + (sh > 0 ? 1 : 0)) * INFLATE;
  const scale = pow2(-Math.floor(Math.log2(mx)));
  for (let t = 0; t < k; t++) f[t] = f[t]! * scale;
  e = e * scale + UNDERFLOW_SLACK;
  r.e = e;
  r.mx = mx * scale;
}

/** A ray from its exact primitive integer vector. */
export function rayFromExact(z: bigint[], zero: Uint32Array, stats: RayStats): Ray {
  const r = blankRay(new Float64Array(z.length), zero);
  r.z = z;
  setFloatFromExact(r);
  stats.bigRays++;
  return r;
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
 * The exact primitive vector of `r`, computed when unknown: from the small lane by conversion, or
 * (an approximate ray) as the integer null space of its zero set, oriented by its row `orient`.
 */
export function exactRay(r: Ray, rows: RayRows, stats: RayStats): bigint[] {
  if (r.z !== undefined) return r.z;
  const k = r.f.length;
  if (r.small) {
    const z = new Array<bigint>(k);
    for (let t = 0; t < k; t++) z[t] = BigInt(r.f[t]!);
    r.z = z;
    return z;
  }
  const zeroRows = bitsToList(r.zero).map((b) => rows.g[rows.rowOfRank[b]!]!);
  const basis = integerNullSpace(zeroRows, k);
  if (basis.length !== 1)
    throw new Error(
      `internal: an extreme ray's zero set has a ${basis.length}-dimensional null space`,
    );
  const z = basis[0]!;
  if (dot(rows.g[r.orient]!, z) < 0n) for (let t = 0; t < k; t++) z[t] = -z[t]!;
  r.z = z;
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
 * Records the exact g·z on a small-lane ray (f = z, λ = 1): ŝ = v rounded, δ = 0 when exact.
 * (Other lanes recompute ŝ and δ from their float copy; see {@link raySign}.)
 */
function setSmallValue(r: Ray, v: bigint): void {
  r.sv = v;
  r.s = Number(v);
  r.ds = v < 9007199254740992n && v > -9007199254740992n ? 0 : U * Math.abs(r.s) * INFLATE;
}

/**
 * Sign of g·z for the ray: float64 when certified (or exact in the small lane), otherwise exact
 * (computing z lazily in the filtered mode). Leaves ŝ, δ (and g·z when computed) on the ray for
 * the creation of new rays. `countFallback`: count uncertified decisions (filtered mode).
 */
export function raySign(
  r: Ray,
  row: SignRow,
  rows: RayRows,
  stats: RayStats & { exactFallbacks: number },
  countFallback: boolean,
): -1 | 0 | 1 {
  const gf = row.gf;
  const f = r.f;
  const k = gf.length;
  let s = 0;
  let a = 0;
  for (let t = 0; t < k; t++) {
    const p = gf[t]! * f[t]!;
    s += p;
    a += p < 0 ? -p : p;
  }
  r.sv = undefined;
  if (r.small && row.exact && a < EXACT_INTEGER_LIMIT) {
    r.s = s;
    r.ds = 0;
    return s > 0 ? 1 : s < 0 ? -1 : 0;
  }
  const d = (sumErrorBound(k, a) + r.e * row.g1) * INFLATE;
  r.s = s;
  r.ds = d;
  if (d < Infinity && Number.isFinite(s)) {
    if (s > d) return 1;
    if (s < -d) return -1;
  }
  if (countFallback) stats.exactFallbacks++;
  const wasApproximate = r.z === undefined && !r.small;
  const z = exactRay(r, rows, stats);
  // refresh the float copy from z (a tighter bound for the new rays made from this one)
  if (wasApproximate) setFloatFromExact(r);
  const v = dot(row.g, z);
  if (r.small) setSmallValue(r, v);
  else {
    r.sv = v;
    // the float value of g·(λz) for the refreshed f, with its bound (the sign is known exactly)
    let s2 = 0;
    let a2 = 0;
    for (let t = 0; t < k; t++) {
      const p = gf[t]! * r.f[t]!;
      s2 += p;
      a2 += p < 0 ? -p : p;
    }
    r.s = s2;
    r.ds = (sumErrorBound(k, a2) + r.e * row.g1) * INFLATE;
  }
  return v > 0n ? 1 : v < 0n ? -1 : 0;
}

function gcdNum(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/**
 * The new ray from rp (g·zp > 0) and rn (g·zn < 0) for the row `h`: small lane when the bound
 * allows, else approximate (filtered mode, both signs certified by float) or exact BigInt.
 */
export function combineRays(
  rp: Ray,
  rn: Ray,
  row: SignRow,
  rows: RayRows,
  zero: Uint32Array,
  approximate: boolean,
  stats: RayStats,
): Ray {
  const k = rp.f.length;
  const fp = rp.f;
  const fn = rn.f;
  let sp = rp.s;
  let sn = rn.s;
  if (rp.small && rn.small && rp.ds === 0 && rn.ds === 0) {
    // (sp/c)·zn − (sn/c)·zp with c = gcd(sp, sn) is still a positive multiple of the new ray;
    // it is computed in exact float64 integers while |sp/c|·Mn + |sn/c|·Mp < 2^53 (rounding is
    // monotone, so the test computed in float64 is conservative at the threshold)
    if (sp * rn.mx - sn * rp.mx >= EXACT_INTEGER_LIMIT) {
      const c = gcdNum(sp, -sn);
      sp /= c;
      sn /= c;
    }
    if (sp * rn.mx - sn * rp.mx < EXACT_INTEGER_LIMIT) {
      const f = new Float64Array(k);
      let g = 0;
      for (let t = 0; t < k; t++) {
        const x = sp * fn[t]! - sn * fp[t]!;
        f[t] = x;
        if (g !== 1 && x !== 0) g = gcdNum(x < 0 ? -x : x, g);
      }
      let mx = 0;
      for (let t = 0; t < k; t++) {
        const x = g > 1 ? f[t]! / g : f[t]!;
        f[t] = x;
        const ax = x < 0 ? -x : x;
        if (ax > mx) mx = ax;
      }
      const r = blankRay(f, zero);
      r.small = true;
      r.mx = mx;
      stats.smallRays++;
      return r;
    }
  }
  if (approximate) {
    let r = combinedRay(rp, rn, rows, zero);
    if (r === undefined && rows.solver !== undefined) {
      r = freshRay(rp, rn, rows, zero, rows.solver);
      if (r !== undefined) stats.freshRays++;
    }
    if (r !== undefined) {
      stats.approxRays++;
      return r;
    }
  }
  // exact BigInt
  const zp = exactRay(rp, rows, stats);
  const zn = exactRay(rn, rows, stats);
  let vp: bigint;
  let vn: bigint;
  if (rp.ds === 0 && rn.ds === 0 && rp.small && rn.small) {
    // exact float64 dot values (small lane): divide by their gcd before going to BigInt
    const c = gcdNum(rp.s, -rn.s);
    vp = BigInt(rp.s / c);
    vn = BigInt(rn.s / c);
  } else {
    vp = rp.sv ??= dot(row.g, zp);
    vn = rn.sv ??= dot(row.g, zn);
  }
  const z = new Array<bigint>(k);
  for (let t = 0; t < k; t++) z[t] = vp * zn[t]! - vn * zp[t]!;
  return rayFromExact(primitive(z), zero, stats);
}

/**
 * The row (input index) orienting the new ray of (rp, rn): a row tight on exactly one parent is 0
 * on it, positive on the other, so positive on the new ray, a positive combination of the two.
 */
function orientRow(rp: Ray, rn: Ray, rows: RayRows): number {
  for (let w = 0; w < rp.zero.length; w++) {
    const x = rp.zero[w]! ^ rn.zero[w]!;
    if (x !== 0) return rows.rowOfRank[(w << 5) + 31 - Math.clz32(x & -x)]!;
  }
  return -1;
}

/**
 * The new ray as the float combination f = fl(ŝp·fn − ŝn·fp) of its parents, when both signs are
 * certified and the propagated bound (module comment) is below {@link COMBINED_RELATIVE_ERROR} of
 * max|f| — typically one generation away from exact parents. Its exact vector, when needed, is the
 * null space of its zero set, like a fresh ray's. Undefined otherwise (then the fresh solve).
 */
function combinedRay(rp: Ray, rn: Ray, rows: RayRows, zero: Uint32Array): Ray | undefined {
  const sp = rp.s;
  const sn = rn.s;
  const dp = rp.ds;
  const dn = rn.ds;
  if (!(sp > dp && -sn > dn)) return undefined;
  const k = rp.f.length;
  const fp = rp.f;
  const fn = rn.f;
  const asn = -sn;
  const Mp = rp.mx;
  const Mn = rn.mx;
  const e0 = dp * Mn + (sp + dp) * rn.e + dn * Mp + (asn + dn) * rp.e;
  const f = new Float64Array(k);
  let mx = 0;
  for (let t = 0; t < k; t++) {
    const x = sp * fn[t]! - sn * fp[t]!;
    f[t] = x;
    const ax = x < 0 ? -x : x;
    if (ax > mx) mx = ax;
  }
  let e = (e0 + 3 * U * (sp * Mn + asn * Mp) + UNDERFLOW_SLACK) * INFLATE;
  if (!(mx > 0 && Number.isFinite(mx) && e <= mx * COMBINED_RELATIVE_ERROR)) return undefined;
  const orient = orientRow(rp, rn, rows);
  if (orient < 0) return undefined;
  const scale = pow2(-Math.floor(Math.log2(mx)));
  for (let t = 0; t < k; t++) f[t] = f[t]! * scale;
  e = e * scale + UNDERFLOW_SLACK;
  const r = blankRay(f, zero);
  r.e = e;
  r.mx = mx * scale;
  r.orient = orient;
  return r;
}

/** Largest relative error of a combined float ray (beyond it, the fresh solve is used). */
const COMBINED_RELATIVE_ERROR = 2 ** -24;

/**
 * The new ray of the adjacent pair (rp, rn) in float64 from its zero set (fresh.ts), or undefined
 * when the solver cannot prove a bound. Orientation: a row tight on exactly one of the parents is
 * positive on the new ray (it is 0 on one parent, positive on the other, and the new ray is a
 * positive combination of the two).
 */
function freshRay(
  rp: Ray,
  rn: Ray,
  rows: RayRows,
  zero: Uint32Array,
  solver: FreshSolver,
): Ray | undefined {
  const k = rp.f.length;
  const orient = orientRow(rp, rn, rows);
  if (orient < 0) return undefined;
  const hint = new Float64Array(k);
  const sp = rp.s;
  const sn = rn.s;
  for (let t = 0; t < k; t++) hint[t] = sp * rn.f[t]! - sn * rp.f[t]!;
  // the zero set's rows (float copies, exact), in the solver's reused list
  const zeroRows = solver.rowList;
  zeroRows.length = 0;
  for (let w = 0; w < zero.length; w++) {
    let x = zero[w]!;
    while (x !== 0) {
      const low = x & -x;
      x ^= low;
      zeroRows.push(rows.signRows[rows.rowOfRank[(w << 5) + 31 - Math.clz32(low)]!]!.gf);
    }
  }
  const o = rows.signRows[orient]!;
  // the solver reads the hint before it writes the result into the same array
  const f = hint;
  const e = solver.solve(zeroRows, hint, o.gf, o.g1 * INFLATE, f);
  if (e === undefined) return undefined;
  const r = blankRay(f, zero);
  r.e = e;
  r.mx = maxAbs(f);
  r.orient = orient;
  return r;
}

/** max_t |f_t| of a float vector. */
export function maxAbs(f: Float64Array): number {
  let m = 0;
  for (let t = 0; t < f.length; t++) {
    const a = Math.abs(f[t]!);
    if (a > m) m = a;
  }
  return m;
}
