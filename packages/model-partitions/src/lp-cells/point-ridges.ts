/**
 * Ridge angles at data points (docs/math.md "LP tier", "point ridges"): for a data point x of a
 * ReLU MLP cell P in a box, the k unit hyperplanes of P nearest to x, and for each pair (i, j) of
 * them whether the facets F_i, F_j of P meet in a (d−2)-face, with the dihedral angle there. No LP
 * and no row of P is formed: everything lives in layer-1 coordinates through G_1 = W_1 W_1ᵀ (gram.ts).
 *
 * Certificate of a ridge (no false positive; a pair that fails is "not certified", never "absent").
 * Let Q be the open set where every row of P except i and j is negative (the masks of P held fixed,
 * inside the open box); Q is convex. Four points of Q forming a parallelogram c ± a ± b, with the
 * sign patterns (g_i, g_j) = (−,−), (+,−), (−,+), (+,+) at c − a − b, c + a − b, c − a + b, c + a + b,
 * prove the ridge: in the plane Π of the parallelogram the lines g_i = 0 and g_j = 0 cannot be
 * parallel (parallel lines leave at most three sign patterns), so they meet in one point r, and r is
 * in the parallelogram (an open half-plane through r misses a whole open quadrant at r, so a point
 * outside the hull could be separated from all four corners), hence r ∈ Q with g_i(r) = g_j(r) = 0:
 * H_i ∩ H_j ∩ Q is a non-empty relatively open part of a (d−2)-flat, i.e. F_i ∩ F_j is a
 * (d−2)-face of cl P (and F_i, F_j are facets).
 *
 * The corners are y = x₀ + W_1ᵀ ρ with x₀ a double vector (x moved by 2^-8 of the way to the box’s
 * centre; 2^-4 on a second try when a corner leaves the box) and ρ = ρ_c ± ρ_a ± ρ_b double vectors in layer-1 space, so the four points are an exact
 * parallelogram of rationals. Their layer-1 pre-activations are W_1 x₀ + b_1 + G_1 ρ: one float pass
 * of W_1 per point with exact-arith's running error bound, plus G_1 ρ with the bound
 * |Ĝ_1 − G_1| ≤ 2(d + 6)u·|W_1||W_1|ᵀ, then the deeper layers with `affineWithError`; a sign counts
 * only when it exceeds its bound. The box is checked with |(W_1ᵀ ρ)_k| ≤ Σ_j |W_1|_jk |ρ_j|.
 *
 * cos θ = −n_i·n_j/(‖n_i‖‖n_j‖) from the outward normals n = ∇g (float, through G_1): θ is the
 * interior dihedral angle of P at the ridge.
 */
import { UNDERFLOW_SLACK, UNIT_ROUNDOFF, affineWithError, signBeyond } from '@mlgeo/exact-arith';
import type { GramCell, GramContext } from './gram.js';

/** One certified ridge at a data point. */
export interface PointRidge {
  /** Label positions of the two units (rows g = ∓z_u of the cell). */
  a: number;
  b: number;
  /** cos θ of the interior dihedral angle (float). */
  cos: number;
  angle: number;
}

/** The ridges among the nearest facets of one data point. */
export interface PointRidges {
  /** Unit positions of the k nearest hyperplanes (nearest first) and their distances (float). */
  nearest: number[];
  distances: number[];
  pairs: number;
  ridges: PointRidge[];
  /**
   * Pairs not certified, by reason: near-parallel normals, a corner outside the box (a data point
   * on the box, e.g. a pixel at 0, leaves little room), another row's sign wrong or unsure.
   */
  stats: { parallel: number; box: number; signs: number };
}

/** Per-partition data for point ridges (built once). */
export interface PointRidgeContext {
  g: GramContext;
  /** |W_1||W_1|ᵀ (n_1 × n_1), bounds the rounding of G_1. */
  Gabs: Float64Array;
  /** max_k ‖W_1[:, k]‖₂ (rounded up): |(W_1ᵀ ρ)_k| ≤ this · ‖|ρ_c| + |ρ_a| + |ρ_b|‖₂ (Cauchy–Schwarz). */
  colAbs: number;
  lo: Float64Array;
  hi: Float64Array;
}

export function pointRidgeContext(
  g: GramContext,
  box: { lo: ArrayLike<number>; hi: ArrayLike<number> },
): PointRidgeContext {
  const d = g.sizes[0]!;
  const n1 = g.sizes[1]!;
  const W1 = g.ctx.W[0]!;
  const Gabs = new Float64Array(n1 * n1);
  for (let a = 0; a < n1; a++)
    for (let c = a; c < n1; c++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += Math.abs(W1[a * d + k]! * W1[c * d + k]!);
      Gabs[a * n1 + c] = s;
      Gabs[c * n1 + a] = s;
    }
  let colAbs = 0;
  for (let k = 0; k < d; k++) {
    let s = 0;
    for (let j = 0; j < n1; j++) s += W1[j * d + k]! ** 2;
    colAbs = Math.max(colAbs, Math.sqrt(s));
  }
  return {
    g,
    Gabs,
    colAbs: colAbs * (1 + 1e-9),
    lo: Float64Array.from(box.lo),
    hi: Float64Array.from(box.hi),
  };
}

/** G ρ in float and a bound on |fl(Ĝρ) − G_1ρ| (exact G_1, exact double ρ). */
function gramTimes(
  pc: PointRidgeContext,
  rho: Float64Array,
  out: Float64Array,
  err: Float64Array,
): void {
  const { G1 } = pc.g;
  const n1 = rho.length;
  const d = pc.g.sizes[0]!;
  // rounding of Ĝ: 2(d + 6)u·|W||W|ᵀ; the float sum of n_1 products: (n_1 + 4)u·Σ|Ĝ||ρ| ≤ … ·Σ Gabs|ρ|
  const k = (2 * (d + 6) + n1 + 8) * UNIT_ROUNDOFF * 1.01;
  for (let a = 0; a < n1; a++) {
    let s = 0;
    let m = 0;
    const o = a * n1;
    for (let c = 0; c < n1; c++) {
      const r = rho[c]!;
      if (r === 0) continue;
      s += G1[o + c]! * r;
      m += pc.Gabs[o + c]! * Math.abs(r);
    }
    out[a] = s;
    err[a] = 2 * k * m + UNDERFLOW_SLACK;
  }
}

/**
 * Signs of every unit row at the corner with layer-1 pre-activations z1 ± e1 (masks of the cell
 * fixed): returns, per unit position, +1 / −1 for the sign of g = bit ? −z : z, or 0 when unsure;
 * undefined on overflow.
 */
function rowSigns(
  pc: PointRidgeContext,
  pattern: readonly (readonly boolean[])[],
  z1: Float64Array,
  e1: Float64Array,
  out: Int8Array,
): boolean {
  const { ctx, sizes } = pc.g;
  const hidden = sizes.length - 2;
  let z = z1;
  let e = e1;
  let pos = 0;
  for (let l = 0; l < hidden; l++) {
    const bits = pattern[l]!;
    const m = bits.length;
    for (let j = 0; j < m; j++) {
      const s = signBeyond(z[j]!, e[j]!);
      out[pos + j] = s === undefined ? 0 : bits[j] ? -s : s;
    }
    pos += m;
    if (l + 1 === hidden) break;
    const h = new Float64Array(m);
    const he = new Float64Array(m);
    for (let j = 0; j < m; j++)
      if (bits[j]) {
        h[j] = z[j]!;
        he[j] = e[j]!;
      }
    const nz = new Float64Array(sizes[l + 2]!);
    const ne = new Float64Array(sizes[l + 2]!);
    if (!affineWithError(ctx.W[l + 1]!, ctx.b[l + 1]!, h, he, nz, ne)) return false;
    z = nz;
    e = ne;
  }
  return true;
}

/** Options of {@link pointRidges}. */
export interface PointRidgeOptions {
  /** Nearest unit hyperplanes per point (default 4: 6 pairs). */
  facets?: number;
  /**
   * Try a pair whose corner left the box once more from x moved 2^-4 of the way to the centre
   * (default: in d ≤ 128; on the digits data 161 → 4,077 of 10,782 pairs certified, on Fashion-MNIST
   * 812 → 892 of 6,000 for ≈ 9 % more time).
   */
  retry?: boolean;
}

/**
 * Ridges among the k unit hyperplanes nearest to the data point x (doubles) of a cell with Gram
 * data `gc` and activation `pattern` (ReLU, box domain; see the module comment).
 */
export function pointRidges(
  pc: PointRidgeContext,
  gc: GramCell,
  pattern: readonly (readonly boolean[])[],
  x: ArrayLike<number>,
  options: PointRidgeOptions = {},
): PointRidges {
  const { g, lo, hi } = pc;
  const { G1, sizes, ctx } = g;
  const d = sizes[0]!;
  const n1 = sizes[1]!;
  const k = options.facets ?? 4;
  const bits = pattern.flat();
  const total = bits.length;
  const stats = { parallel: 0, box: 0, signs: 0 };
  const empty: PointRidges = { nearest: [], distances: [], pairs: 0, ridges: [], stats };
  /**
   * Anchor x₀ = x moved `frac` of the way to the box's centre (a data pixel at 0 lies on the box),
   * W_1x₀ + b_1 with its error bound, and every unit's float value at x₀ (masks fixed).
   */
  const anchor = (frac: number) => {
    const x0 = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      const mid = (lo[i]! + hi[i]!) / 2;
      x0[i] = x[i]! + (mid - x[i]!) * frac;
    }
    const base = new Float64Array(n1);
    const baseErr = new Float64Array(n1);
    if (!affineWithError(ctx.W[0]!, ctx.b[0]!, x0, new Float64Array(d), base, baseErr))
      return undefined;
    const zAll = new Float64Array(total);
    let h: Float64Array = base;
    let pos = 0;
    for (let l = 0; l < pattern.length; l++) {
      const b = pattern[l]!;
      const m = b.length;
      if (l > 0) {
        const n = sizes[l]!;
        const W = ctx.W[l]!;
        const nh = new Float64Array(m);
        for (let j = 0; j < m; j++) {
          let s = ctx.b[l]![j]!;
          for (let t = 0; t < n; t++) s += W[j * n + t]! * h[t]!;
          nh[j] = s;
        }
        h = nh;
      }
      for (let j = 0; j < m; j++) zAll[pos + j] = h[j]!;
      const masked = new Float64Array(m);
      for (let j = 0; j < m; j++) if (b[j]) masked[j] = h[j]!;
      h = masked;
      pos += m;
    }
    return { x0, base, baseErr, zAll };
  };
  // the nearest hyperplanes are ranked at x moved 2^-8 of the way to the centre; a pair whose
  // certificate leaves the box there is tried once more from x moved 2^-4 of the way
  const first = anchor(1 / 256);
  if (!first) return empty;
  let second: ReturnType<typeof anchor> | null = null;
  const { zAll } = first;
  const cand: { p: number; dist: number }[] = [];
  for (let p = 0; p < total; p++) {
    if (gc.rowOf[p]! < 0) continue;
    const gval = bits[p] ? -zAll[p]! : zAll[p]!;
    if (!(gval < 0)) continue;
    cand.push({ p, dist: -gval / gc.unitNorm[p]! });
  }
  cand.sort((u, v) => u.dist - v.dist);
  const near = cand.slice(0, k);
  // layer-1 vectors m_p (∇z_p = W_1ᵀ m_p) and G_1 m_p
  const layerOf = (p: number) => {
    let l = 0;
    let q = p;
    while (q >= pattern[l]!.length) q -= pattern[l++]!.length;
    return { l, j: q };
  };
  const a = gc.active.length;
  const mOf = near.map(({ p }) => {
    const { l, j } = layerOf(p);
    const m = new Float64Array(n1);
    if (l === 0) m[j] = 1;
    else {
      const M = gc.maps[l]!;
      for (let t = 0; t < a; t++) m[gc.active[t]!] = M[j * a + t]!;
    }
    const Gm = new Float64Array(n1);
    for (let r = 0; r < n1; r++) {
      let s = 0;
      for (let c = 0; c < n1; c++) if (m[c] !== 0) s += G1[r * n1 + c]! * m[c]!;
      Gm[r] = s;
    }
    return { m, Gm, sign: bits[p] ? -1 : 1 };
  });
  const dot = (u: Float64Array, v: Float64Array) => {
    let s = 0;
    for (let i = 0; i < u.length; i++) s += u[i]! * v[i]!;
    return s;
  };
  const ridges: PointRidge[] = [];
  let pairs = 0;
  const gAt = (A: NonNullable<ReturnType<typeof anchor>>, idx: number) => {
    const p = near[idx]!.p;
    return bits[p] ? -A.zAll[p]! : A.zAll[p]!;
  };
  const rp = new Float64Array(n1);
  const ra = new Float64Array(n1);
  const rb = new Float64Array(n1);
  const P = [new Float64Array(n1), new Float64Array(n1), new Float64Array(n1)];
  const E = [new Float64Array(n1), new Float64Array(n1), new Float64Array(n1)];
  const z1 = new Float64Array(n1);
  const e1 = new Float64Array(n1);
  const signs = new Int8Array(total);
  /** One pair from one anchor: certified ('ok'), a corner outside the box, or a wrong/unsure sign. */
  const attempt = (
    A: NonNullable<ReturnType<typeof anchor>>,
    s1: number,
    s2: number,
    gii: number,
    gjj: number,
    K: number,
    det: number,
  ): 'ok' | 'box' | 'signs' => {
    const I = mOf[s1]!;
    const J = mOf[s2]!;
    const gi = gAt(A, s1);
    const gj = gAt(A, s2);
    const { x0, base, baseErr } = A;
    const eps = 1e-6 * (Math.abs(gi) + Math.abs(gj));
    // ρ = α s_i m_i + β s_j m_j changes (g_i, g_j) by (α g_ii + β K, α K + β g_jj)
    const fill = (out: Float64Array, di: number, dj: number) => {
      const al = (di * gjj - dj * K) / det;
      const be = (dj * gii - di * K) / det;
      for (let t = 0; t < n1; t++) out[t] = al * I.sign * I.m[t]! + be * J.sign * J.m[t]!;
    };
    fill(rp, -gi, -gj);
    fill(ra, eps, 0);
    fill(rb, 0, eps);
    // box: y = x₀ + W_1ᵀρ_c ± W_1ᵀρ_a ± W_1ᵀρ_b; the first in float (its rounding and the two
    // small steps bounded by Cauchy–Schwarz with max_k ‖W_1[:, k]‖₂), checked per coordinate
    let r2 = 0;
    let c2 = 0;
    for (let t = 0; t < n1; t++) {
      r2 += (Math.abs(ra[t]!) + Math.abs(rb[t]!)) ** 2;
      c2 += rp[t]! ** 2;
    }
    const small =
      (Math.sqrt(r2) + (n1 + 4) * UNIT_ROUNDOFF * Math.sqrt(c2)) * pc.colAbs * (1 + 1e-9) +
      UNDERFLOW_SLACK;
    const W1 = ctx.W[0]!;
    const tc = new Float64Array(d);
    for (let j = 0; j < n1; j++) {
      const r = rp[j]!;
      if (r === 0) continue;
      const o = j * d;
      for (let i = 0; i < d; i++) tc[i]! += W1[o + i]! * r;
    }
    let inBox = true;
    for (let i = 0; i < d && inBox; i++) {
      const y = x0[i]! + tc[i]!;
      // the sum x₀ + t: one more rounding, ≤ u·|y| (doubled)
      const slack = small + 2 * UNIT_ROUNDOFF * (Math.abs(x0[i]!) + Math.abs(tc[i]!));
      if (!(y - slack > lo[i]! && y + slack < hi[i]!)) inBox = false;
    }
    if (!inBox) return 'box';
    gramTimes(pc, rp, P[0]!, E[0]!);
    gramTimes(pc, ra, P[1]!, E[1]!);
    gramTimes(pc, rb, P[2]!, E[2]!);
    let ok = true;
    for (const sa of [-1, 1]) {
      for (const sb of [-1, 1]) {
        for (let t = 0; t < n1; t++) {
          const v0 = base[t]!;
          const v1 = P[0]![t]!;
          const v2 = sa * P[1]![t]!;
          const v3 = sb * P[2]![t]!;
          const v = v0 + v1 + v2 + v3;
          z1[t] = v;
          // three float additions: ≤ 3u·(|v0| + |v1| + |v2| + |v3|), doubled for their own rounding
          e1[t] =
            baseErr[t]! +
            E[0]![t]! +
            E[1]![t]! +
            E[2]![t]! +
            6 * UNIT_ROUNDOFF * (Math.abs(v0) + Math.abs(v1) + Math.abs(v2) + Math.abs(v3)) +
            UNDERFLOW_SLACK;
        }
        if (!rowSigns(pc, pattern, z1, e1, signs)) {
          ok = false;
          break;
        }
        // every unit, constant ones included (a unit whose float norm is 0 is still checked)
        for (let p = 0; p < total && ok; p++) {
          const want = p === near[s1]!.p ? sa : p === near[s2]!.p ? sb : -1;
          if (signs[p] !== want) ok = false;
        }
        if (!ok) break;
      }
      if (!ok) break;
    }
    return ok ? 'ok' : 'signs';
  };
  for (let s1 = 0; s1 < near.length; s1++)
    for (let s2 = s1 + 1; s2 < near.length; s2++) {
      pairs++;
      const I = mOf[s1]!;
      const J = mOf[s2]!;
      const gii = dot(I.m, I.Gm);
      const gjj = dot(J.m, J.Gm);
      const K = I.sign * J.sign * dot(I.m, J.Gm);
      const det = gii * gjj - K * K;
      if (!(det > 1e-12 * gii * gjj)) {
        stats.parallel++;
        continue;
      }
      let how = attempt(first, s1, s2, gii, gjj, K, det);
      if (how === 'box' && (options.retry ?? d <= 128)) {
        if (second === null) second = anchor(1 / 16);
        if (second) how = attempt(second, s1, s2, gii, gjj, K, det);
      }
      if (how !== 'ok') {
        stats[how]++;
        continue;
      }
      // outward normals n = ∇g = s W_1ᵀ m: n_i·n_j = s_i s_j m_i G_1 m_jᵀ
      const cos = Math.max(-1, Math.min(1, -K / Math.sqrt(gii * gjj)));
      ridges.push({ a: near[s1]!.p, b: near[s2]!.p, cos, angle: Math.acos(cos) });
    }
  return {
    nearest: near.map((c) => c.p),
    distances: near.map((c) => c.dist),
    pairs,
    ridges,
    stats,
  };
}
