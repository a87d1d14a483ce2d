/**
 * A dense float64 dual simplex for LPs whose columns have bounds (a box) and few general rows:
 *
 *   maximise c·x  subject to  rowLo ≤ A x ≤ rowHi,  colLo ≤ x ≤ colHi
 *
 * with A an m × n row-major matrix (m ≪ n is the case it is made for: the face LPs of 784-D ReLU
 * cells, ≈ 256 rows over 784 bounded pixels). The box is kept as variable bounds, never as rows, so
 * the basis is m × m (the general rows' logicals) however many columns there are: one iteration is
 * one row of B⁻¹A (O(nnz(ρ)·n)) plus rank-one updates of an explicit B⁻¹ (O(m²)).
 *
 * Method: the bounded dual simplex (Dantzig–Orchard-Hays; the bound-flipping "long-step" ratio test
 * of Fourer 1994 and Maros 2003, as described in A. Koberstein, "The dual simplex method, techniques
 * for a fast and stable implementation", PhD thesis, Paderborn 2005, §3.1–3.2), started from the
 * logical basis (B = −I for the logicals r = A x). The start must be dual feasible: a column with
 * c_j > 0 starts at a finite upper bound, c_j < 0 at a finite lower bound, c_j = 0 anywhere
 * (`start` gives its value; a nonbasic column strictly between its bounds with zero reduced cost is
 * allowed and enters at ratio 0). Pricing: the largest primal infeasibility; B⁻¹ is refactored from
 * scratch every `refactorEvery` iterations.
 *
 * Float throughout: callers certify what it says (a primal point exactly, or the row multipliers
 * `y` as a weak-duality bound evaluated exactly); it never decides anything by itself.
 */

/**
 * The matrix of the rows as an operator (for a structured A that is cheaper to apply than to form,
 * e.g. the unit maps of a ReLU network: products of the layers' weights).
 */
export interface LinearOperator {
  /** out (length m) = A x (x of length n). */
  times(x: Float64Array, out: Float64Array): void;
  /** out (length n) = Aᵀ y (y of length m). */
  transposeTimes(y: Float64Array, out: Float64Array): void;
  /** out (length m) = column j of A. */
  column(j: number, out: Float64Array): void;
}

/** A dense row-major m × n matrix as a {@link LinearOperator}. */
export function denseOperator(A: Float64Array, m: number, n: number): LinearOperator {
  return {
    times(x, out) {
      for (let k = 0; k < m; k++) {
        let s = 0;
        const o = k * n;
        for (let j = 0; j < n; j++) s += A[o + j]! * x[j]!;
        out[k] = s;
      }
    },
    transposeTimes(y, out) {
      out.fill(0);
      for (let k = 0; k < m; k++) {
        const f = y[k]!;
        if (f === 0) continue;
        const o = k * n;
        for (let j = 0; j < n; j++) out[j]! += f * A[o + j]!;
      }
    },
    column(j, out) {
      for (let k = 0; k < m; k++) out[k] = A[k * n + j]!;
    },
  };
}

/** An LP for {@link boundedDualSimplex}. */
export interface BoundedLP {
  /** Rows (general constraints). */
  m: number;
  /** Columns. */
  n: number;
  /** m × n, row-major, or an operator applying it. */
  A: Float64Array | LinearOperator;
  rowLo: Float64Array;
  rowHi: Float64Array;
  colLo: Float64Array;
  colHi: Float64Array;
  /** Objective (maximised). */
  cost: Float64Array;
  /** Start values of the columns (clamped into their bounds); default: the bound the cost needs, else colLo. */
  start?: ArrayLike<number>;
}

/** Options of {@link boundedDualSimplex}. */
export interface BoundedOptions {
  /** Iteration limit (default 20·(m + n)). */
  maxIterations?: number;
  /** Refactor B⁻¹ every this many iterations (default 100). */
  refactorEvery?: number;
  /** Primal feasibility tolerance (absolute, on rows and columns; default 1e-9). */
  feasibilityTol?: number;
}

/** Result of {@link boundedDualSimplex}. */
export interface BoundedResult {
  /**
   * `optimal`: x is primal feasible (to the tolerance) and the multipliers dual feasible;
   * `infeasible`: a basic variable cannot be brought within its bounds (`ray`); `limit`: iteration
   * limit; `unsupported`: the start is not dual feasible (a cost needs an infinite bound).
   */
  status: 'optimal' | 'infeasible' | 'limit' | 'unsupported';
  /** Column values (the last basis' solution, also when not optimal). */
  x: Float64Array;
  /** Row values A x. */
  rows: Float64Array;
  /**
   * Row multipliers y with reduced costs c − Aᵀy: y_k ≥ 0 on rows at their upper bound, ≤ 0 at
   * their lower bound (to the tolerance).
   */
  y: Float64Array;
  /** Objective c·x. */
  value: number;
  iterations: number;
  /**
   * With `infeasible`: the row of B⁻¹ (signed) of the basic variable that no flip of the nonbasic
   * ones brings within its bounds — the float Farkas direction (a hint: callers certify
   * infeasibility exactly themselves).
   */
  ray?: Float64Array;
}

/** Solves the LP (see the module comment). */
export function boundedDualSimplex(lp: BoundedLP, options: BoundedOptions = {}): BoundedResult {
  const { m, n, rowLo, rowHi, colLo, colHi, cost } = lp;
  const op = lp.A instanceof Float64Array ? denseOperator(lp.A, m, n) : lp.A;
  const N = n + m;
  const maxIt = options.maxIterations ?? 20 * (m + n);
  const refactorEvery = options.refactorEvery ?? 100;
  const ftol = options.feasibilityTol ?? 1e-9;
  const PIV = 1e-9;
  const DTOL = 1e-9;
  const lo = new Float64Array(N);
  const hi = new Float64Array(N);
  lo.set(colLo, 0);
  hi.set(colHi, 0);
  lo.set(rowLo, n);
  hi.set(rowHi, n);
  // minimisation form: ĉ = −c; logicals cost 0
  const chat = new Float64Array(N);
  for (let j = 0; j < n; j++) chat[j] = -cost[j]!;
  const value = new Float64Array(N);
  const d = new Float64Array(N);
  const head = new Int32Array(m);
  const pos = new Int32Array(N).fill(-1);
  const Binv = new Float64Array(m * m);
  const empty = (status: BoundedResult['status']): BoundedResult => ({
    status,
    x: value.slice(0, n),
    rows: value.slice(n),
    y: new Float64Array(m),
    value: NaN,
    iterations: 0,
  });
  for (let j = 0; j < n; j++) {
    const c = cost[j]!;
    let v: number;
    if (c > 0) v = colHi[j]!;
    else if (c < 0) v = colLo[j]!;
    else {
      const s = lp.start?.[j];
      v = s === undefined || !Number.isFinite(s) ? colLo[j]! : s;
      if (!Number.isFinite(v)) v = Number.isFinite(colHi[j]!) ? colHi[j]! : 0;
    }
    if (!Number.isFinite(v)) return empty('unsupported');
    value[j] = Math.min(colHi[j]!, Math.max(colLo[j]!, v));
    d[j] = chat[j]!;
  }
  for (let k = 0; k < m; k++) {
    head[k] = n + k;
    pos[n + k] = k;
    Binv[k * m + k] = -1;
  }
  // column j of [A | −I] into out (length m)
  const column = (j: number, out: Float64Array) => {
    if (j < n) op.column(j, out);
    else {
      out.fill(0);
      out[j - n] = -1;
    }
  };
  const xn = new Float64Array(n);
  const ftran = (a: Float64Array, out: Float64Array) => {
    for (let i = 0; i < m; i++) {
      let s = 0;
      const o = i * m;
      for (let k = 0; k < m; k++) s += Binv[o + k]! * a[k]!;
      out[i] = s;
    }
  };
  // basic values from the nonbasic ones: B β = −N x_N (the rows read A x − r = 0)
  const tmp = new Float64Array(m);
  const tmp2 = new Float64Array(m);
  const recomputeBasics = () => {
    for (let j = 0; j < n; j++) xn[j] = pos[j]! >= 0 ? 0 : value[j]!;
    op.times(xn, tmp);
    for (let k = 0; k < m; k++) {
      tmp[k] = -tmp[k]!;
      if (pos[n + k]! < 0) tmp[k]! += value[n + k]!;
    }
    ftran(tmp, tmp2);
    for (let i = 0; i < m; i++) value[head[i]!] = tmp2[i]!;
  };
  const pi = new Float64Array(m);
  const recomputeDuals = () => {
    // π = ĉ_B B⁻¹, d_j = ĉ_j − π·a_j
    pi.fill(0);
    for (let i = 0; i < m; i++) {
      const c = chat[head[i]!]!;
      if (c === 0) continue;
      const o = i * m;
      for (let k = 0; k < m; k++) pi[k]! += c * Binv[o + k]!;
    }
    op.transposeTimes(pi, xn);
    for (let j = 0; j < n; j++) d[j] = pos[j]! >= 0 ? 0 : chat[j]! - xn[j]!;
    for (let k = 0; k < m; k++) d[n + k] = pos[n + k]! >= 0 ? 0 : pi[k]!;
  };
  // B⁻¹ from scratch (Gauss–Jordan with partial pivoting); false when B is singular
  const refactor = (): boolean => {
    const M = new Float64Array(m * m);
    const col = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      column(head[i]!, col);
      for (let k = 0; k < m; k++) M[k * m + i] = col[k]!;
    }
    Binv.fill(0);
    for (let i = 0; i < m; i++) Binv[i * m + i] = 1;
    for (let c = 0; c < m; c++) {
      let p = c;
      for (let r = c + 1; r < m; r++) if (Math.abs(M[r * m + c]!) > Math.abs(M[p * m + c]!)) p = r;
      const pv = M[p * m + c]!;
      if (Math.abs(pv) < 1e-12) return false;
      if (p !== c)
        for (let k = 0; k < m; k++) {
          let t = M[p * m + k]!;
          M[p * m + k] = M[c * m + k]!;
          M[c * m + k] = t;
          t = Binv[p * m + k]!;
          Binv[p * m + k] = Binv[c * m + k]!;
          Binv[c * m + k] = t;
        }
      const inv = 1 / pv;
      for (let k = 0; k < m; k++) {
        M[c * m + k]! *= inv;
        Binv[c * m + k]! *= inv;
      }
      for (let r = 0; r < m; r++) {
        if (r === c) continue;
        const f = M[r * m + c]!;
        if (f === 0) continue;
        for (let k = 0; k < m; k++) {
          M[r * m + k]! -= f * M[c * m + k]!;
          Binv[r * m + k]! -= f * Binv[c * m + k]!;
        }
      }
    }
    return true;
  };
  recomputeBasics();
  const rho = new Float64Array(m);
  const alpha = new Float64Array(N);
  const aq = new Float64Array(m);
  const colq = new Float64Array(m);
  const flipSum = new Float64Array(m);
  const cand: number[] = [];
  const ratio = new Float64Array(N);
  let it = 0;
  let status: BoundedResult['status'] = 'limit';
  let ray: Float64Array | undefined;
  for (; it < maxIt; it++) {
    if (it > 0 && it % refactorEvery === 0) {
      if (!refactor()) break;
      recomputeBasics();
      recomputeDuals();
    }
    // 1. pricing: the largest primal infeasibility
    let r = -1;
    let worst = 0;
    for (let i = 0; i < m; i++) {
      const v = head[i]!;
      const b = value[v]!;
      const inf = b < lo[v]! - ftol ? lo[v]! - b : b > hi[v]! + ftol ? b - hi[v]! : 0;
      if (inf > worst) {
        worst = inf;
        r = i;
      }
    }
    if (r < 0) {
      status = 'optimal';
      break;
    }
    const leave = head[r]!;
    const below = value[leave]! < lo[leave]!;
    const target = below ? lo[leave]! : hi[leave]!;
    const s = below ? -1 : 1;
    // 2. row r of B⁻¹[A | −I]
    for (let k = 0; k < m; k++) rho[k] = Binv[r * m + k]!;
    op.transposeTimes(rho, xn);
    alpha.set(xn, 0);
    for (let k = 0; k < m; k++) alpha[n + k] = -rho[k]!;
    // 3. ratio test with bound flipping
    cand.length = 0;
    for (let j = 0; j < N; j++) {
      if (pos[j]! >= 0) continue;
      const a = s * alpha[j]!;
      if (Math.abs(a) <= PIV) continue;
      const l = lo[j]!;
      const h = hi[j]!;
      if (l === h) continue;
      const v = value[j]!;
      const atLo = v === l;
      const atHi = v === h;
      if (atLo && a > 0) ratio[j] = Math.max(d[j]!, 0) / a;
      else if (atHi && a < 0) ratio[j] = Math.max(-d[j]!, 0) / -a;
      else if (!atLo && !atHi) ratio[j] = Math.abs(d[j]!) / Math.abs(a);
      else continue;
      cand.push(j);
    }
    if (cand.length === 0) {
      status = 'infeasible';
      ray = Float64Array.from(rho, (v) => s * v);
      break;
    }
    cand.sort((x, y) => ratio[x]! - ratio[y]! || Math.abs(alpha[y]!) - Math.abs(alpha[x]!));
    let slope = Math.abs(value[leave]! - target);
    let q = -1;
    let flips = 0;
    let c = 0;
    for (; c < cand.length; c++) {
      const j = cand[c]!;
      const l = lo[j]!;
      const h = hi[j]!;
      const v = value[j]!;
      const boxed = Number.isFinite(l) && Number.isFinite(h) && (v === l || v === h);
      if (!boxed) {
        q = j;
        break;
      }
      const next = slope - Math.abs(alpha[j]!) * (h - l);
      // at next ≤ 0 the row reaches its bound before (or when) j reaches its other bound: j enters
      if (next <= ftol) {
        q = j;
        break;
      }
      slope = next;
      flips++;
    }
    if (q < 0) {
      // every breakpoint passed and the row is still infeasible: no point of the box satisfies it
      status = 'infeasible';
      ray = Float64Array.from(rho, (v) => s * v);
      break;
    }
    // Harris-style choice among (near-)ties of the entering ratio: the largest |α|
    {
      const rq = ratio[q]!;
      let best = c;
      for (let k = c + 1; k < cand.length; k++) {
        const j = cand[k]!;
        if (ratio[j]! > rq + DTOL / Math.abs(alpha[j]!)) break;
        if (Math.abs(alpha[j]!) > Math.abs(alpha[cand[best]!]!)) best = k;
      }
      if (best !== c) {
        // the passed candidate at c is not flipped either (its breakpoint equals the entering one)
        q = cand[best]!;
      }
    }
    // 4. flips: the first `flips` candidates move to their other bound
    if (flips > 0) {
      flipSum.fill(0);
      xn.fill(0);
      let structural = false;
      for (let k = 0; k < flips; k++) {
        const j = cand[k]!;
        if (j === q) continue;
        const l = lo[j]!;
        const h = hi[j]!;
        const to = value[j] === l ? h : l;
        const delta = to - value[j]!;
        value[j] = to;
        if (j < n) {
          xn[j] = delta;
          structural = true;
        } else flipSum[j - n]! += delta;
      }
      if (structural) {
        op.times(xn, tmp);
        for (let i = 0; i < m; i++) flipSum[i]! -= tmp[i]!;
      }
      ftran(flipSum, tmp);
      for (let i = 0; i < m; i++) value[head[i]!]! += tmp[i]!;
    }
    // 5. entering column, primal and dual steps, basis update
    column(q, colq);
    ftran(colq, aq);
    const piv = aq[r]!;
    if (Math.abs(piv) <= PIV || Math.abs(piv - alpha[q]!) > 1e-6 * (1 + Math.abs(piv))) {
      // unstable pivot: refactor and try again
      if (!refactor()) break;
      recomputeBasics();
      recomputeDuals();
      continue;
    }
    const thetaP = (value[leave]! - target) / piv;
    for (let i = 0; i < m; i++) value[head[i]!]! -= thetaP * aq[i]!;
    value[q]! += thetaP;
    value[leave] = target;
    const thetaD = d[q]! / alpha[q]!;
    if (thetaD !== 0)
      for (let j = 0; j < N; j++) if (pos[j]! < 0 && alpha[j] !== 0) d[j]! -= thetaD * alpha[j]!;
    d[q] = 0;
    d[leave] = -thetaD;
    pos[leave] = -1;
    pos[q] = r;
    head[r] = q;
    const inv = 1 / piv;
    const ro = r * m;
    for (let k = 0; k < m; k++) Binv[ro + k]! *= inv;
    for (let i = 0; i < m; i++) {
      if (i === r) continue;
      const f = aq[i]!;
      if (f === 0) continue;
      const o = i * m;
      for (let k = 0; k < m; k++) Binv[o + k]! -= f * Binv[ro + k]!;
    }
  }
  if (status === 'optimal' && it >= 20) {
    // fresh values and multipliers from a refactored basis (after a few updates the product-form
    // drift is negligible, and a refactorization costs O(m³))
    if (refactor()) recomputeBasics();
  }
  recomputeDuals();
  const x = value.slice(0, n);
  let obj = 0;
  for (let j = 0; j < n; j++) obj += cost[j]! * x[j]!;
  // y = −π (maximisation form: reduced costs c − Aᵀy = −d)
  const y = Float64Array.from(pi, (v) => -v);
  const rows = new Float64Array(m);
  op.times(x, rows);
  return { status, x, rows, y, value: obj, iterations: it, ...(ray ? { ray } : {}) };
}
