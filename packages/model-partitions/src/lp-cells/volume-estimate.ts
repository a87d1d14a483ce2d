/**
 * Volume estimates of LP-tier cells (tier `estimate`, docs/math.md "LP tier"): the multiphase Monte
 * Carlo method with hit-and-run sampling (Dyer, Frieze and Kannan 1991; Lovász and Vempala 2006;
 * the scheme volesti implements as "sequence of balls"), seeded, with a stated confidence interval.
 *
 * With an inscribed ball B(c, r₀) ⊂ K (the cell's Chebyshev ball) and K ⊂ B(c, R) (R from the
 * domain box), the radii r_i = r₀·2^{i/d} (i = 0 … m, r_m ≥ R) give K_i = K ∩ B(c, r_i) with
 * K_0 = B(c, r₀) and K_m = K, so
 *
 *   vol(K) = vol(B(c, r₀)) · Π_{i=1..m} 1/ρ_i,   ρ_i = vol(K_{i−1}) / vol(K_i) ∈ [1/2, 1].
 *
 * Each ρ_i is estimated by the fraction of hit-and-run points of K_i (uniform stationary
 * distribution; every `thin`-th step kept) that lie in B(c, r_{i−1}). The interval treats the kept
 * points as independent: Var(log ρ̂_i) ≈ (1 − ρ_i)/(ρ_i n), summed over the phases, and a normal
 * quantile on log vol — an approximation (hit-and-run points are correlated), stated as such with
 * the estimate. Everything is float; nothing here is a claim of the exact tiers.
 */
import { seededRandom } from '@mlgeo/exact-arith';
import type { RowTable } from './float-rows.js';

/** Options of {@link estimateVolume}. */
export interface VolumeEstimateOptions {
  /** Seed of the random stream (default 1): the same seed gives the same estimate. */
  seed?: number;
  /** Kept points per phase (default 2,000). */
  samples?: number;
  /** Hit-and-run steps per kept point (default 2d + 2). */
  thin?: number;
  /** Two-sided confidence of the interval (default 0.95). */
  confidence?: number;
}

/** A volume estimate with its interval. */
export interface VolumeEstimate {
  tier: 'estimate';
  method: 'multiphase Monte Carlo, hit-and-run (balls r0·2^(i/d))';
  volume: number;
  /** Approximate interval at `confidence` (independent-sample approximation, see above). */
  low: number;
  high: number;
  confidence: number;
  phases: number;
  samplesPerPhase: number;
  seed: number;
}

/** Inverse of the standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
function normalQuantile(p: number): number {
  const a = [
    -39.6968302866538, 220.946098424521, -275.928510446969, 138.357751867269, -30.6647980661472,
    2.50662827745924,
  ];
  const b = [
    -54.4760987982241, 161.585836858041, -155.698979859887, 66.8013118877197, -13.2806815528857,
  ];
  const c = [
    -0.00778489400243029, -0.322396458041136, -2.40075827716184, -2.54973253934373,
    4.37466414146497, 2.93816398269878,
  ];
  const d = [0.00778469570904146, 0.32246712907004, 2.445134137143, 3.75440866190742];
  const lowP = 0.02425;
  if (p < lowP) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - lowP) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/** Volume of the d-ball of radius r. */
export function ballVolume(d: number, r: number): number {
  // V_d = π^{d/2} / Γ(d/2 + 1) r^d, by the recursion V_d = 2π/d · V_{d−2}
  let v = d % 2 === 0 ? 1 : 2;
  for (let k = d % 2 === 0 ? 2 : 3; k <= d; k += 2) v *= (2 * Math.PI) / k;
  return v * r ** d;
}

/**
 * Estimates vol(K) for K = {x : w_i·x + c_i ≤ 0} (see the module comment). `centre`, `r0`: a ball
 * inside K; `R`: a radius with K ⊂ B(centre, R).
 */
export function estimateVolume(
  table: RowTable,
  centre: ArrayLike<number>,
  r0: number,
  R: number,
  options: VolumeEstimateOptions = {},
): VolumeEstimate {
  const d = table.d;
  const seed = options.seed ?? 1;
  const n = options.samples ?? 2000;
  const thin = options.thin ?? 2 * d + 2;
  const confidence = options.confidence ?? 0.95;
  const rnd = seededRandom(seed);
  const gauss = () => {
    const u = 1 - rnd();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
  };
  const m = Math.max(0, Math.ceil(d * Math.log2(R / r0)));
  const m_rows = table.c.length;
  // row values at the current point, updated along each chord
  const x = Float64Array.from(centre);
  const g = new Float64Array(m_rows);
  for (let i = 0; i < m_rows; i++) {
    let s = table.c[i]!;
    for (let k = 0; k < d; k++) s += table.w[i * d + k]! * x[k]!;
    g[i] = s;
  }
  const u = new Float64Array(d);
  const wu = new Float64Array(m_rows);
  /** One hit-and-run step in K ∩ B(c, r). */
  const step = (r: number) => {
    let nu = 0;
    for (let k = 0; k < d; k++) {
      u[k] = gauss();
      nu += u[k]! ** 2;
    }
    nu = Math.sqrt(nu);
    for (let k = 0; k < d; k++) u[k]! /= nu;
    let lo = -Infinity;
    let hi = Infinity;
    for (let i = 0; i < m_rows; i++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += table.w[i * d + k]! * u[k]!;
      wu[i] = s;
      // g_i + t s ≤ 0
      if (s > 0) hi = Math.min(hi, -g[i]! / s);
      else if (s < 0) lo = Math.max(lo, -g[i]! / s);
    }
    // ‖x + t u − c‖ ≤ r: t² + 2 t (u·(x − c)) + ‖x − c‖² − r² ≤ 0
    let b = 0;
    let q = 0;
    for (let k = 0; k < d; k++) {
      const y = x[k]! - centre[k]!;
      b += u[k]! * y;
      q += y * y;
    }
    const disc = b * b - (q - r * r);
    if (disc > 0) {
      const sq = Math.sqrt(disc);
      lo = Math.max(lo, -b - sq);
      hi = Math.min(hi, -b + sq);
    }
    if (!(hi > lo)) return;
    const t = lo + (hi - lo) * rnd();
    for (let k = 0; k < d; k++) x[k]! += t * u[k]!;
    for (let i = 0; i < m_rows; i++) g[i]! += t * wu[i]!;
  };
  const dist2 = () => {
    let s = 0;
    for (let k = 0; k < d; k++) s += (x[k]! - centre[k]!) ** 2;
    return s;
  };
  let logVol = Math.log(ballVolume(d, r0));
  let variance = 0;
  for (let i = 1; i <= m; i++) {
    const ri = Math.min(r0 * 2 ** (i / d), Math.max(R, r0));
    const rPrev = r0 * 2 ** ((i - 1) / d);
    // warm start: the previous phase's point is in K_{i−1} ⊂ K_i; a burn-in of a few chains
    for (let s = 0; s < 10 * thin; s++) step(ri);
    let inside = 0;
    for (let s = 0; s < n; s++) {
      for (let t = 0; t < thin; t++) step(ri);
      if (dist2() <= rPrev * rPrev) inside++;
    }
    const rho = Math.max(inside, 1) / n;
    logVol -= Math.log(rho);
    variance += (1 - rho) / (rho * n);
  }
  const z = normalQuantile(0.5 + confidence / 2);
  const sd = Math.sqrt(variance);
  return {
    tier: 'estimate',
    method: 'multiphase Monte Carlo, hit-and-run (balls r0·2^(i/d))',
    volume: Math.exp(logVol),
    low: Math.exp(logVol - z * sd),
    high: Math.exp(logVol + z * sd),
    confidence,
    phases: m,
    samplesPerPhase: n,
    seed,
  };
}
