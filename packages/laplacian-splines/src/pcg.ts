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

function jacobi(A: CsrMatrix<number>): Preconditioner {
  const d = A.diagonal();
  const inv = Float64Array.from(d, (x) => (x > 0 ? 1 / x : 1));
  return (r, z) => {
    for (let i = 0; i < r.length; i++) z[i] = r[i]! * inv[i]!;
  };
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
  const precond: Preconditioner =
    kind === 'ic0' ? ic0(A) : kind === 'jacobi' ? jacobi(A) : (r, z) => z.set(r);
  const tol = options.tolerance ?? 1e-10;
  const maxIt = options.maxIterations ?? 10 * n + 100;
  const x = options.initial ? Float64Array.from(options.initial) : new Float64Array(n);
  const r = Float64Array.from(b);
  const Ap = new Float64Array(n);
  if (options.initial) {
    A.mulVecFloat(x, Ap);
    for (let i = 0; i < n; i++) r[i]! -= Ap[i]!;
  }
  let bnorm = 0;
  for (let i = 0; i < n; i++) bnorm += b[i]! * b[i]!;
  bnorm = Math.sqrt(bnorm);
  if (bnorm === 0)
    return { x: new Float64Array(n), iterations: 0, relativeResidual: 0, converged: true };
  const z = new Float64Array(n);
  precond(r, z);
  const p = Float64Array.from(z);
  let rz = 0;
  for (let i = 0; i < n; i++) rz += r[i]! * z[i]!;
  let rr = 0;
  for (let i = 0; i < n; i++) rr += r[i]! * r[i]!;
  let rel = Math.sqrt(rr) / bnorm;
  let it = 0;
  for (; it < maxIt; it++) {
    if (rel <= tol) break;
    A.mulVecFloat(p, Ap);
    let pAp = 0;
    for (let i = 0; i < n; i++) pAp += p[i]! * Ap[i]!;
    if (!(pAp > 0))
      throw new SolverError(
        'SOLVER_BREAKDOWN',
        `pᵀAp = ${pAp} at iteration ${it}: the matrix is not positive definite`,
        'matrix',
        'check that every connected component has an observed cell',
      );
    const alpha = rz / pAp;
    rr = 0;
    for (let i = 0; i < n; i++) {
      x[i]! += alpha * p[i]!;
      const ri = r[i]! - alpha * Ap[i]!;
      r[i] = ri;
      rr += ri * ri;
    }
    rel = Math.sqrt(rr) / bnorm;
    precond(r, z);
    let rzNew = 0;
    for (let i = 0; i < n; i++) rzNew += r[i]! * z[i]!;
    const beta = rzNew / rz;
    rz = rzNew;
    for (let i = 0; i < n; i++) p[i] = z[i]! + beta * p[i]!;
  }
  return { x, iterations: it, relativeResidual: rel, converged: rel <= tol };
}
