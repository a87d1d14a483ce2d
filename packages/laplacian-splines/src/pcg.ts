/**
 * Preconditioned conjugate gradients for sparse symmetric positive definite float64 systems, with
 * a Jacobi (diagonal) or an incomplete Cholesky IC(0) preconditioner (the factor keeps the pattern
 * of the lower triangle of A; a breakdown — a non-positive pivot — is retried with a diagonal
 * shift α·diag(A), α doubling from 1e-3).
 */
import { CsrMatrix } from '@mlgeo/exact-arith';
import { LaplacianInputError, SolverError } from './errors.js';
import { FLOAT64 } from './weighted-complex.js';

/** Options of {@link pcg}. */
export interface PcgOptions {
  preconditioner?: 'jacobi' | 'ic0' | 'none';
  /** Stop when ‖b − Ax‖₂ ≤ tolerance·‖b‖₂ (default 1e-10). */
  tolerance?: number;
  /** Default 10·n + 100. */
  maxIterations?: number;
  /** Start vector (default 0). */
  initial?: Float64Array;
}

/** Solution and convergence record. */
export interface PcgResult {
  x: Float64Array;
  iterations: number;
  /** Final ‖b − Ax‖₂ / ‖b‖₂ (recurrence value). */
  relativeResidual: number;
  converged: boolean;
}

/** z = P⁻¹ r. */
type Preconditioner = (r: Float64Array, z: Float64Array) => void;

/** Systems at least this large are renumbered for memory locality before a diagonal PCG. */
const LOCALITY_MIN_ROWS = 20000;

/**
 * A breadth-first renumbering (Cuthill–McKee without the degree sort): neighbours get nearby
 * numbers, so the sparse product A·p reads p almost sequentially. Returns the permuted matrix
 * arrays (rows keep their entries in any order: the product does not need them sorted) and the
 * order (order[new] = old).
 */
function localityRenumbering(A: CsrMatrix<number>): {
  order: Int32Array;
  rowStart: Int32Array;
  colIndex: Int32Array;
  values: Float64Array;
} {
  const n = A.rows;
  const rs = A.rowStart;
  const ci = A.colIndex;
  const av = A.values as Float64Array;
  const order = new Int32Array(n);
  const position = new Int32Array(n).fill(-1);
  let head = 0;
  let tail = 0;
  for (let s = 0; s < n; s++) {
    if (position[s] !== -1) continue;
    position[s] = tail;
    order[tail++] = s;
    while (head < tail) {
      const v = order[head++]!;
      for (let p = rs[v]!; p < rs[v + 1]!; p++) {
        const u = ci[p]!;
        if (position[u] === -1) {
          position[u] = tail;
          order[tail++] = u;
        }
      }
    }
  }
  const rowStart = new Int32Array(n + 1);
  const colIndex = new Int32Array(ci.length);
  const values = new Float64Array(ci.length);
  let q = 0;
  for (let k = 0; k < n; k++) {
    const v = order[k]!;
    for (let p = rs[v]!; p < rs[v + 1]!; p++) {
      colIndex[q] = position[ci[p]!]!;
      values[q++] = av[p]!;
    }
    rowStart[k + 1] = q;
  }
  return { order, rowStart, colIndex, values };
}

/** 1/A_ii (1 where A_ii ≤ 0), read straight from the CSR arrays. */
function inverseDiagonal(A: CsrMatrix<number>): Float64Array {
  const n = A.rows;
  const rs = A.rowStart;
  const ci = A.colIndex;
  const av = A.values as Float64Array;
  const inv = new Float64Array(n).fill(1);
  for (let i = 0; i < n; i++)
    for (let k = rs[i]!; k < rs[i + 1]!; k++)
      if (ci[k] === i) {
        if (av[k]! > 0) inv[i] = 1 / av[k]!;
        break;
      }
  return inv;
}

/** IC(0): L with the pattern of tril(A), A ≈ L Lᵀ. */
export function incompleteCholesky(A: CsrMatrix<number>, shift = 0): CsrMatrix<number> | null {
  const n = A.rows;
  const rs = new Int32Array(n + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  const av = A.values as Float64Array;
  for (let i = 0; i < n; i++) {
    for (let p = A.rowStart[i]!; p < A.rowStart[i + 1]!; p++) {
      const j = A.colIndex[p]!;
      if (j > i) break;
      cols.push(j);
      vals.push(j === i ? av[p]! * (1 + shift) : av[p]!);
    }
    rs[i + 1] = cols.length;
  }
  const ci = Int32Array.from(cols);
  const v = Float64Array.from(vals);
  const diagPos = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const start = rs[i]!;
    const end = rs[i + 1]!;
    for (let p = start; p < end; p++) {
      const k = ci[p]!;
      // s = Σ_{j<k} L_ij L_kj over the common pattern of rows i and k
      let s = 0;
      let a = start;
      let b = rs[k]!;
      const bEnd = k === i ? p : diagPos[k]!;
      while (a < p && b < bEnd) {
        const ca = ci[a]!;
        const cb = ci[b]!;
        if (ca === cb) s += v[a++]! * v[b++]!;
        else if (ca < cb) a++;
        else b++;
      }
      if (k < i) v[p] = (v[p]! - s) / v[diagPos[k]!]!;
      else {
        const d = v[p]! - s;
        if (!(d > 0)) return null;
        v[p] = Math.sqrt(d);
        diagPos[i] = p;
      }
    }
    if (end === start || ci[end - 1] !== i) return null; // missing diagonal
  }
  return new CsrMatrix(FLOAT64, n, n, rs, ci, v);
}

function ic0(A: CsrMatrix<number>): Preconditioner {
  let L: CsrMatrix<number> | null = incompleteCholesky(A);
  for (let alpha = 1e-3; L === null && alpha < 1e3; alpha *= 2) L = incompleteCholesky(A, alpha);
  if (L === null)
    throw new SolverError(
      'SOLVER_BREAKDOWN',
      'incomplete Cholesky broke down even with a diagonal shift',
      'options.preconditioner',
      "use the 'jacobi' preconditioner or a direct solve",
    );
  const n = A.rows;
  const rs = L.rowStart;
  const ci = L.colIndex;
  const v = L.values as Float64Array;
  return (r, z) => {
    // L y = r (row-oriented), then Lᵀ z = y (column sweep over the rows of L)
    for (let i = 0; i < n; i++) {
      let s = r[i]!;
      const end = rs[i + 1]! - 1;
      for (let p = rs[i]!; p < end; p++) s -= v[p]! * z[ci[p]!]!;
      z[i] = s / v[end]!;
    }
    for (let i = n - 1; i >= 0; i--) {
      const end = rs[i + 1]! - 1;
      const zi = z[i]! / v[end]!;
      z[i] = zi;
      for (let p = rs[i]!; p < end; p++) z[ci[p]!]! -= v[p]! * zi;
    }
  };
}

/** Solves A x = b for a symmetric positive definite float64 CSR matrix A. */
export function pcg(A: CsrMatrix<number>, b: Float64Array, options: PcgOptions = {}): PcgResult {
  const n = A.rows;
  if (b.length !== n)
    throw new LaplacianInputError(
      'VALUES_SHAPE',
      `the right-hand side has ${b.length} entries, the matrix ${n} rows`,
      'b',
      'give one entry per row',
    );
  const kind = options.preconditioner ?? 'jacobi';
  const tol = options.tolerance ?? 1e-10;
  const maxIt = options.maxIterations ?? 10 * n + 100;
  const rs = A.rowStart;
  const ci = A.colIndex;
  const av = A.values as Float64Array;
  let bnorm = 0;
  for (let i = 0; i < n; i++) bnorm += b[i]! * b[i]!;
  bnorm = Math.sqrt(bnorm);
  if (bnorm === 0)
    return { x: new Float64Array(n), iterations: 0, relativeResidual: 0, converged: true };
  const x = options.initial ? Float64Array.from(options.initial) : new Float64Array(n);
  const r = Float64Array.from(b);
  if (options.initial)
    for (let i = 0; i < n; i++) {
      let t = 0;
      for (let k = rs[i]!; k < rs[i + 1]!; k++) t += av[k]! * x[ci[k]!]!;
      r[i]! -= t;
    }
  if (kind === 'ic0') {
    const pre = ic0(A);
    const state = startState(x, r, null, pre);
    iterate(rs, ci, av, null, pre, state, maxIt, tol * bnorm);
    return finish(state, bnorm, tol);
  }
  // a diagonal preconditioner is applied inside the update sweep (fused)
  const dinv = kind === 'jacobi' ? inverseDiagonal(A) : new Float64Array(n).fill(1);
  const state = startState(x, r, dinv, null);
  // large systems that do not converge quickly continue on a renumbering with better memory
  // locality (the CG state is permuted, not restarted: the iterates are the same)
  const first = n < LOCALITY_MIN_ROWS ? maxIt : Math.min(maxIt, LOCALITY_AFTER);
  iterate(rs, ci, av, dinv, null, state, first, tol * bnorm);
  if (state.iterations >= maxIt || state.rr <= (tol * bnorm) ** 2) return finish(state, bnorm, tol);
  const { order, rowStart, colIndex, values } = localityRenumbering(A);
  const permute = (v: Float64Array): Float64Array => {
    const out = new Float64Array(n);
    for (let k = 0; k < n; k++) out[k] = v[order[k]!]!;
    return out;
  };
  const moved: CgState = {
    ...state,
    x: permute(state.x),
    r: permute(state.r),
    z: permute(state.z),
    p: permute(state.p),
    Ap: new Float64Array(n),
  };
  iterate(rowStart, colIndex, values, permute(dinv), null, moved, maxIt, tol * bnorm);
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[order[k]!] = moved.x[k]!;
  return finish({ ...moved, x: out }, bnorm, tol);
}

/** Iterations of {@link pcg} after which a large diagonal-preconditioned system is renumbered. */
const LOCALITY_AFTER = 60;

/** The state of a conjugate gradient iteration. */
interface CgState {
  x: Float64Array;
  r: Float64Array;
  z: Float64Array;
  p: Float64Array;
  Ap: Float64Array;
  rz: number;
  rr: number;
  iterations: number;
}

function startState(
  x: Float64Array,
  r: Float64Array,
  dinv: Float64Array | null,
  precond: Preconditioner | null,
): CgState {
  const n = x.length;
  const z = new Float64Array(n);
  if (precond) precond(r, z);
  else for (let i = 0; i < n; i++) z[i] = r[i]! * dinv![i]!;
  let rz = 0;
  let rr = 0;
  for (let i = 0; i < n; i++) {
    rz += r[i]! * z[i]!;
    rr += r[i]! * r[i]!;
  }
  return { x, r, z, p: Float64Array.from(z), Ap: new Float64Array(n), rz, rr, iterations: 0 };
}

function finish(state: CgState, bnorm: number, tol: number): PcgResult {
  const rel = Math.sqrt(state.rr) / bnorm;
  return { x: state.x, iterations: state.iterations, relativeResidual: rel, converged: rel <= tol };
}

/**
 * Conjugate gradient steps on a CSR matrix given by its arrays, preconditioned by the diagonal
 * `dinv` (fused into the update sweep) or by `precond`, until ‖r‖ ≤ stop or `maxIt` iterations.
 */
function iterate(
  rs: Int32Array,
  ci: Int32Array,
  av: Float64Array,
  dinv: Float64Array | null,
  precond: Preconditioner | null,
  state: CgState,
  maxIt: number,
  stop: number,
): void {
  const { x, r, z, p, Ap } = state;
  const n = x.length;
  let { rz, rr, iterations: it } = state;
  const stop2 = stop * stop;
  for (; it < maxIt; it++) {
    if (rr <= stop2) break;
    // Ap = A p and pᵀAp in one sweep over the rows
    let pAp = 0;
    let start = rs[0]!;
    for (let i = 0; i < n; i++) {
      const end = rs[i + 1]!;
      let t = 0;
      for (let k = start; k < end; k++) t += av[k]! * p[ci[k]!]!;
      Ap[i] = t;
      pAp += p[i]! * t;
      start = end;
    }
    if (!(pAp > 0))
      throw new SolverError(
        'SOLVER_BREAKDOWN',
        `pᵀAp = ${pAp} at iteration ${it}: the matrix is not positive definite`,
        'matrix',
        'check that every connected component has an observed cell',
      );
    const alpha = rz / pAp;
    rr = 0;
    let rzNew = 0;
    if (dinv) {
      for (let i = 0; i < n; i++) {
        x[i]! += alpha * p[i]!;
        const ri = r[i]! - alpha * Ap[i]!;
        r[i] = ri;
        rr += ri * ri;
        const zi = ri * dinv[i]!;
        z[i] = zi;
        rzNew += ri * zi;
      }
    } else {
      for (let i = 0; i < n; i++) {
        x[i]! += alpha * p[i]!;
        const ri = r[i]! - alpha * Ap[i]!;
        r[i] = ri;
        rr += ri * ri;
      }
      precond!(r, z);
      for (let i = 0; i < n; i++) rzNew += r[i]! * z[i]!;
    }
    const beta = rzNew / rz;
    rz = rzNew;
    for (let i = 0; i < n; i++) p[i] = z[i]! + beta * p[i]!;
  }
  state.rz = rz;
  state.rr = rr;
  state.iterations = it;
}
