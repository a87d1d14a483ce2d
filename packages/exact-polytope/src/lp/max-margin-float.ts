/**
 * A small dense float64 simplex for one LP shape that partition engines solve many times — the
 * strict-feasibility (max-margin) LP:
 *
 *   maximise t  subject to  a_i·x + n_i t ≤ b_i (n_i > 0),  t ≤ 1,  h_k·x = β_k,  x free.
 *
 * Why a specialisation of `solveLP` and not `solveLP(Float64Field, …)`: this shape has a feasible
 * start basis for free (t basic in the row minimising b_i / n_i, every n_i > 0), so there is no
 * phase 1 and no slack/split columns for free variables; equalities are eliminated up front. On the
 * 64-D data-holding benchmark (tools/bench/partitions-bench.ts) the general float simplex took
 * 3.3× as long for the cells (5.5 s against 1.6 s).
 *
 * Its answers are never trusted on their own: callers certify a positive margin with an exact
 * rational point and decide everything else with the exact LP (SPEC §1 filtered decisions). It is a
 * dictionary simplex with free nonbasic variables: Dantzig pricing, with Bland's rule after
 * degenerate pivots.
 */

/** Result: status, optimal t and x (when optimal). */
export interface MarginLP {
  status: 'optimal' | 'infeasible' | 'unbounded' | 'failed';
  t: number;
  x: number[] | undefined;
}

const EPS = 1e-11;

/**
 * Solves max t over {a_i·x + n_i t ≤ b_i, t ≤ 1, h_k·x = β_k}. `rows[i] = a_i` (length d), `norms[i]`
 * = n_i > 0, `rhs[i] = b_i`; `eqRows[k] = h_k`, `eqRhs[k] = β_k`. With `stopAt`, the simplex stops
 * at the first feasible basis with t ≥ stopAt (status `optimal`, t a lower bound of the optimum).
 */
export function maxMarginFloat(
  rows: ArrayLike<number>[],
  norms: ArrayLike<number>,
  rhs: ArrayLike<number>,
  eqRows: ArrayLike<number>[] = [],
  eqRhs: ArrayLike<number> = [],
  stopAt = Infinity,
): MarginLP {
  const d = (rows[0] ?? eqRows[0])?.length ?? 0;
  // eliminate equalities: x_k = (β − Σ_{i≠k} h_i x_i) / h_k, expressed as an affine map of free vars
  // x = x0 + P z with z the remaining free variables
  let P: number[][] = Array.from({ length: d }, (_, i) =>
    Array.from({ length: d }, (_, j) => (i === j ? 1 : 0)),
  );
  let x0 = new Array<number>(d).fill(0);
  for (let k = 0; k < eqRows.length; k++) {
    const h = eqRows[k]!;
    // h·(x0 + P z) = β  →  (hP)·z = β − h·x0
    const n = P[0]?.length ?? 0;
    const hp = new Array<number>(n).fill(0);
    let hx0 = 0;
    for (let i = 0; i < d; i++) {
      hx0 += h[i]! * x0[i]!;
      for (let j = 0; j < n; j++) hp[j]! += h[i]! * P[i]![j]!;
    }
    let piv = -1;
    for (let j = 0; j < n; j++) if (piv < 0 || Math.abs(hp[j]!) > Math.abs(hp[piv]!)) piv = j;
    if (piv < 0 || Math.abs(hp[piv]!) < 1e-300) {
      if (Math.abs(eqRhs[k]! - hx0) > 1e-12)
        return { status: 'infeasible', t: -Infinity, x: undefined };
      continue;
    }
    // z_piv = (β − h·x0 − Σ_{j≠piv} hp_j z_j) / hp_piv
    const r = (eqRhs[k]! - hx0) / hp[piv]!;
    x0 = x0.map((v, i) => v + P[i]![piv]! * r);
    P = P.map((row) => {
      const out: number[] = [];
      for (let j = 0; j < n; j++)
        if (j !== piv) out.push(row[j]! - (row[piv]! * hp[j]!) / hp[piv]!);
      return out;
    });
  }
  const nz = P[0]?.length ?? 0;
  const nv = nz + 1; // free variables z and t (index nz)
  // rows: A' z + n t ≤ b' with A' = a P, b' = b − a x0; plus t ≤ 1
  const m = rows.length + 1;
  const A: Float64Array[] = [];
  const b = new Float64Array(m);
  const nn = new Float64Array(m);
  // the non-zeros of each row of P (after a few equalities P is an identity with a few dense
  // columns: a P costs O(d) per row instead of O(d²))
  const pIdx: Int32Array[] = [];
  const pVal: Float64Array[] = [];
  for (let k = 0; k < d; k++) {
    const pk = P[k]!;
    const idx: number[] = [];
    for (let j = 0; j < nz; j++) if (pk[j] !== 0) idx.push(j);
    pIdx.push(Int32Array.from(idx));
    pVal.push(Float64Array.from(idx, (j) => pk[j]!));
  }
  for (let i = 0; i < rows.length; i++) {
    const a = rows[i]!;
    const row = new Float64Array(nz);
    let ax0 = 0;
    for (let k = 0; k < d; k++) {
      const ak = a[k]!;
      if (ak === 0) continue;
      ax0 += ak * x0[k]!;
      const ik = pIdx[k]!;
      const vk = pVal[k]!;
      for (let q = 0; q < ik.length; q++) row[ik[q]!]! += ak * vk[q]!;
    }
    A.push(row);
    b[i] = rhs[i]! - ax0;
    nn[i] = norms[i]!;
  }
  A.push(new Float64Array(nz));
  b[m - 1] = 1;
  nn[m - 1] = 1;
  // start: t basic in row r = argmin b_i / n_i; x = z = 0 nonbasic free
  let r = 0;
  for (let i = 1; i < m; i++) if (b[i]! / nn[i]! < b[r]! / nn[r]!) r = i;
  // dictionary (flat, stride W): basic_i = T[i,0] + Σ_j T[i,j+1] · nonbasic_j; row m is the objective
  // nonbasic columns: z_0..z_{nz−1}, s_r; variables: 0..nz−1 = z, nz = t, nz+1+i = slack of row i
  const cols = nz + 1;
  const W = cols + 1;
  const T = new Float64Array((m + 1) * W);
  const basic = new Int32Array(m + 1);
  const nonbasic = new Int32Array(cols);
  for (let j = 0; j < nz; j++) nonbasic[j] = j;
  nonbasic[nz] = nv + r; // s_r
  // t = (b_r − A_r z − s_r) / n_r
  const tRow = new Float64Array(W);
  tRow[0] = b[r]! / nn[r]!;
  for (let j = 0; j < nz; j++) tRow[j + 1] = -A[r]![j]! / nn[r]!;
  tRow[nz + 1] = -1 / nn[r]!;
  for (let i = 0; i < m; i++) {
    const o = i * W;
    if (i === r) {
      T.set(tRow, o);
      basic[i] = nz; // t
    } else {
      // s_i = b_i − A_i z − n_i t
      T[o] = b[i]! - nn[i]! * tRow[0]!;
      const Ai = A[i]!;
      for (let j = 0; j < nz; j++) T[o + j + 1] = -Ai[j]! - nn[i]! * tRow[j + 1]!;
      T[o + nz + 1] = -nn[i]! * tRow[nz + 1]!;
      basic[i] = nv + i;
    }
  }
  T.set(tRow, m * W); // objective = t
  basic[m] = -1;
  const isFree = (v: number) => v <= nz;
  const newRow = new Float64Array(W);
  let degenerate = 0;
  for (let iter = 0; iter < 50_000; iter++) {
    const ob = m * W;
    // early exit: a feasible basis with t ≥ stopAt already answers "is there a margin ≥ stopAt"
    if (T[ob]! >= stopAt) break;
    // entering: free nonbasic with |d_j| > eps (either direction), or slack with d_j > eps
    let e = -1;
    let dir = 1;
    let best = 0;
    for (let j = 0; j < cols; j++) {
      const dj = T[ob + j + 1]!;
      const v = nonbasic[j]!;
      let score = 0;
      let sgn = 1;
      if (isFree(v)) {
        score = Math.abs(dj);
        sgn = dj > 0 ? 1 : -1;
      } else if (dj > 0) score = dj;
      if (score <= EPS) continue;
      if (degenerate > 50) {
        if (e < 0 || v < nonbasic[e]!) {
          e = j;
          dir = sgn;
        }
      } else if (score > best) {
        best = score;
        e = j;
        dir = sgn;
      }
    }
    if (e < 0) break;
    // ratio test over rows whose basic variable is a slack (free basics never block)
    let leave = -1;
    let ratio = Infinity;
    for (let i = 0; i < m; i++) {
      if (isFree(basic[i]!)) continue;
      const coef = T[i * W + e + 1]! * dir;
      if (coef < -EPS) {
        const q = T[i * W]! / -coef;
        if (
          q < ratio - 1e-15 ||
          (Math.abs(q - ratio) <= 1e-15 && leave >= 0 && basic[i]! < basic[leave]!)
        ) {
          ratio = q;
          leave = i;
        }
      }
    }
    if (leave < 0) return { status: 'unbounded', t: Infinity, x: undefined };
    degenerate = ratio <= 1e-14 ? degenerate + 1 : 0;
    // pivot: N_e = (B_leave − L_0 − Σ_{j≠e} L_j N_j) / pe
    const lo = leave * W;
    const pe = T[lo + e + 1]!;
    for (let k = 0; k < W; k++) newRow[k] = -T[lo + k]! / pe;
    newRow[e + 1] = 1 / pe;
    for (let i = 0; i <= m; i++) {
      if (i === leave) continue;
      const o = i * W;
      const f = T[o + e + 1]!;
      if (f === 0) continue;
      T[o + e + 1] = 0;
      for (let k = 0; k < W; k++) T[o + k]! += f * newRow[k]!;
    }
    T.set(newRow, lo);
    const entering = nonbasic[e]!;
    nonbasic[e] = basic[leave]!;
    basic[leave] = entering;
  }
  // read the solution: nonbasic variables are 0
  const zval = new Array<number>(nz).fill(0);
  let t = 0;
  for (let i = 0; i < m; i++) {
    const v = basic[i]!;
    if (v < nz) zval[v] = T[i * W]!;
    else if (v === nz) t = T[i * W]!;
  }
  const x = x0.map((v, i) => {
    let s = v;
    for (let j = 0; j < nz; j++) s += P[i]![j]! * zval[j]!;
    return s;
  });
  if (!Number.isFinite(t)) return { status: 'failed', t: NaN, x: undefined };
  return { status: 'optimal', t, x };
}
