/**
 * Entropic (Sinkhorn) transport as an explicitly approximate W_1, with a two-sided bound instead
 * of a point estimate:
 * - upper: the Sinkhorn plan rounded onto the transport polytope (Altschuler, Weed & Rigollet,
 *   NeurIPS 2017, Algorithm 2) is feasible, so its cost is ≥ W_1;
 * - lower: the Sinkhorn row potentials f, completed by c-transforms g_j = min_i (c_ij − f_i) and
 *   f_i = min_j (c_ij − g_j), are dual feasible (f_i + g_j ≤ c_ij), so Σ a f + Σ b g ≤ W_1.
 * Both bounds hold up to float rounding; the network simplex (exact or float) is the default.
 * Log-domain iterations keep small ε stable.
 */

export interface SinkhornOptions {
  /** Entropic regularisation ε relative to the largest cost (default 1e-3). */
  epsilon?: number;
  /** Iteration cap (default 2000). */
  maxIterations?: number;
  /** Stop when the column-marginal error Σ_j |Σ_i P_ij − b_j| falls below this (default 1e-12). */
  tolerance?: number;
}

export interface SinkhornBounds {
  lower: number;
  upper: number;
  iterations: number;
}

function logSumExp(values: Float64Array, count: number): number {
  let max = -Infinity;
  for (let k = 0; k < count; k++) if (values[k]! > max) max = values[k]!;
  if (max === -Infinity) return -Infinity;
  let s = 0;
  for (let k = 0; k < count; k++) s += Math.exp(values[k]! - max);
  return max + Math.log(s);
}

/** Bounds on min Σ c f over the transport polytope of a, b (Σ b is rescaled to Σ a). */
export function sinkhornW1(
  a: readonly number[],
  bIn: readonly number[],
  cost: ArrayLike<number>,
  options: SinkhornOptions = {},
): SinkhornBounds {
  const m = a.length;
  const n = bIn.length;
  const sa = a.reduce((s, x) => s + x, 0);
  const sb = bIn.reduce((s, x) => s + x, 0);
  const b = bIn.map((x) => (x * sa) / sb);
  let cmax = 0;
  for (let k = 0; k < m * n; k++) cmax = Math.max(cmax, cost[k]!);
  const eps = (options.epsilon ?? 1e-3) * (cmax > 0 ? cmax : 1);
  const maxIterations = options.maxIterations ?? 2000;
  const tolerance = options.tolerance ?? 1e-12;
  const f = new Float64Array(m);
  const g = new Float64Array(n);
  const buf = new Float64Array(Math.max(m, n));
  const logA = a.map(Math.log);
  const logB = b.map(Math.log);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) buf[j] = (g[j]! - cost[i * n + j]!) / eps;
      f[i] = eps * (logA[i]! - logSumExp(buf, n));
    }
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < m; i++) buf[i] = (f[i]! - cost[i * n + j]!) / eps;
      g[j] = eps * (logB[j]! - logSumExp(buf, m));
    }
    // rows are off after the g update; measure the row error (columns are exact now)
    let err = 0;
    for (let i = 0; i < m; i++) {
      let r = 0;
      for (let j = 0; j < n; j++) r += Math.exp((f[i]! + g[j]! - cost[i * n + j]!) / eps);
      err += Math.abs(r - a[i]!);
    }
    if (err < tolerance) break;
  }
  // upper bound: round the plan onto the polytope
  const P = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) P[i * n + j] = Math.exp((f[i]! + g[j]! - cost[i * n + j]!) / eps);
  for (let i = 0; i < m; i++) {
    let r = 0;
    for (let j = 0; j < n; j++) r += P[i * n + j]!;
    const s = r > a[i]! ? a[i]! / r : 1;
    for (let j = 0; j < n; j++) P[i * n + j] = P[i * n + j]! * s;
  }
  for (let j = 0; j < n; j++) {
    let c = 0;
    for (let i = 0; i < m; i++) c += P[i * n + j]!;
    const s = c > b[j]! ? b[j]! / c : 1;
    for (let i = 0; i < m; i++) P[i * n + j] = P[i * n + j]! * s;
  }
  const ea = new Float64Array(m);
  const eb = new Float64Array(n);
  let ea1 = 0;
  for (let i = 0; i < m; i++) {
    let r = 0;
    for (let j = 0; j < n; j++) r += P[i * n + j]!;
    ea[i] = Math.max(0, a[i]! - r);
    ea1 += ea[i]!;
  }
  for (let j = 0; j < n; j++) {
    let c = 0;
    for (let i = 0; i < m; i++) c += P[i * n + j]!;
    eb[j] = Math.max(0, b[j]! - c);
  }
  let upper = 0;
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      const x = P[i * n + j]! + (ea1 > 0 ? (ea[i]! * eb[j]!) / ea1 : 0);
      upper += x * cost[i * n + j]!;
    }
  // lower bound: c-transforms make the potentials dual feasible
  for (let j = 0; j < n; j++) {
    let mn = Infinity;
    for (let i = 0; i < m; i++) mn = Math.min(mn, cost[i * n + j]! - f[i]!);
    g[j] = mn;
  }
  for (let i = 0; i < m; i++) {
    let mn = Infinity;
    for (let j = 0; j < n; j++) mn = Math.min(mn, cost[i * n + j]! - g[j]!);
    f[i] = mn;
  }
  let lower = 0;
  for (let i = 0; i < m; i++) lower += a[i]! * f[i]!;
  for (let j = 0; j < n; j++) lower += b[j]! * g[j]!;
  return { lower, upper, iterations };
}
