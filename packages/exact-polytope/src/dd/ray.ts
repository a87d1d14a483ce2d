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
 *   with |f_t − λ·z_t| ≤ e for every t. z is computed only when a sign decision needs it (lazily,
 *   from the two parent rays and the row that made the ray: CGAL's lazy-exact idea), so the
 *   combinatorics are those of the exact path.
 *
 * Bounds (u = 2^-53, Higham §2.2; error-bound.ts of @mlgeo/exact-arith for the dot product). For a
 * row g (integers; gf its correctly rounded float copy) the computed ŝ = fl(Σ gf_t f_t) satisfies
 * |ŝ − g·(λz)| ≤ sumErrorBound(k, Σ|gf_t f_t|) + e·Σ|g_t| =: δ. If |ŝ| > δ the sign is certified.
 * For a new ray from rp (ŝp > δp) and rn (ŝn < −δn), with Sp = g·(λp zp), Sn = g·(λn zn):
 * Sp·λn·zn − Sn·λp·zp = λp·λn·(vp·zn − vn·zp), a positive multiple of the exact new ray, and
 * f_t = fl(ŝp·fn_t − ŝn·fp_t) is within
 *   δp·Mn + (|ŝp| + δp)·en + δn·Mp + (|ŝn| + δn)·ep + 3u·(|ŝp|·Mn + |ŝn|·Mp)
 * of it (M = max|f_t|; the two products and the difference round by at most u each, relative).
 * The bound is computed in float64 and enlarged by the factor 1 + 2^-40, which covers the rounding
 * of its own few operations; scaling f and e by a power of two is exact (subnormal slack added).
 */
import {
  EXACT_INTEGER_LIMIT,
  UNDERFLOW_SLACK,
  UNIT_ROUNDOFF,
  bitLength,
  gcdOfList,
  sumErrorBound,
} from '@mlgeo/exact-arith';

const U = UNIT_ROUNDOFF;
/** Enlargement of a bound computed in float64 (covers the rounding of its own operations). */
const INFLATE = 1 + 2 ** -40;
/** An approximate ray whose relative error exceeds this is recomputed exactly (precision guard). */
const MAX_RELATIVE_ERROR = 2 ** -20;

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
  /** Provenance of an approximate ray: z = primitive(vp·zn − vn·zp) for the row `row`. */
  pp: Ray | undefined;
  pn: Ray | undefined;
  row: number;
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
}

export function newRayStats(): RayStats {
  return { smallRays: 0, bigRays: 0, approxRays: 0, lazyExactRays: 0 };
}

function blankRay(f: Float64Array, zero: Uint32Array): Ray {
  return {
    f,
    e: 0,
    mx: 0,
    small: false,
    z: undefined,
    pp: undefined,
    pn: undefined,
    row: -1,
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
 * The exact primitive vector of `r`, computed when unknown: from the small lane by conversion, or
 * from the provenance chain (iteratively, each ray once; parents' vectors are cached).
 */
export function exactRay(r: Ray, rows: readonly (readonly bigint[])[], stats: RayStats): bigint[] {
  if (r.z !== undefined) return r.z;
  const stack: Ray[] = [r];
  while (stack.length > 0) {
    const x = stack[stack.length - 1]!;
    if (x.z !== undefined) {
      stack.pop();
      continue;
    }
    if (x.small) {
      const z = new Array<bigint>(x.f.length);
      for (let t = 0; t < z.length; t++) z[t] = BigInt(x.f[t]!);
      x.z = z;
      stack.pop();
      continue;
    }
    const a = x.pp!;
    const b = x.pn!;
    if (a.z === undefined) {
      stack.push(a);
      continue;
    }
    if (b.z === undefined) {
      stack.push(b);
      continue;
    }
    const g = rows[x.row]!;
    const va = dot(g, a.z);
    const vb = dot(g, b.z);
    const z = new Array<bigint>(a.z.length);
    for (let t = 0; t < z.length; t++) z[t] = va * b.z[t]! - vb * a.z[t]!;
    x.z = primitive(z);
    x.pp = undefined;
    x.pn = undefined;
    stats.lazyExactRays++;
    stack.pop();
  }
  return r.z!;
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
  rows: readonly (readonly bigint[])[],
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
  h: number,
  row: SignRow,
  rows: readonly (readonly bigint[])[],
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
  sp = rp.s;
  sn = rn.s;
  if (approximate && sp > rp.ds && -sn > rn.ds) {
    const dp = rp.ds;
    const dn = rn.ds;
    const asn = -sn;
    const f = new Float64Array(k);
    let mx = 0;
    for (let t = 0; t < k; t++) {
      const x = sp * fn[t]! - sn * fp[t]!;
      f[t] = x;
      const ax = x < 0 ? -x : x;
      if (ax > mx) mx = ax;
    }
    const Mp = rp.mx;
    const Mn = rn.mx;
    let e =
      (dp * Mn +
        (sp + dp) * rn.e +
        dn * Mp +
        (asn + dn) * rp.e +
        3 * U * (sp * Mn + asn * Mp) +
        UNDERFLOW_SLACK) *
      INFLATE;
    if (mx > 0 && Number.isFinite(mx) && Number.isFinite(e) && e <= mx * MAX_RELATIVE_ERROR) {
      const scale = pow2(-Math.floor(Math.log2(mx)));
      for (let t = 0; t < k; t++) f[t] = f[t]! * scale;
      e = e * scale + UNDERFLOW_SLACK;
      const r = blankRay(f, zero);
      r.e = e;
      r.mx = mx * scale;
      r.pp = rp;
      r.pn = rn;
      r.row = h;
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

/** max_t |f_t| of a float vector. */
export function maxAbs(f: Float64Array): number {
  let m = 0;
  for (let t = 0; t < f.length; t++) {
    const a = Math.abs(f[t]!);
    if (a > m) m = a;
  }
  return m;
}
