/**
 * Sparse LDLᵀ factorisation of a symmetric matrix, A[p, p] = L D Lᵀ with L unit lower triangular,
 * after a fill-reducing ordering p (approximate minimum degree, postordered; or nested dissection). Up-looking: row k of L is
 * found by a sparse triangular solve whose pattern is the reach of row k in the elimination tree
 * (the classical symbolic/numeric split of sparse Cholesky).
 *
 * Two numeric kernels share the symbolic phase: one over any Field (exact over the rationals) and
 * one on Float64Arrays. In `semidefinite` mode a zero pivot (exactly zero over the rationals;
 * |d_k| ≤ 1e-11·|A_kk| in float64) is skipped: for a positive semidefinite matrix its whole column
 * in the Schur complement is zero, so the number of skipped pivots is the nullity, and a
 * consistent singular system is solved with 0 in the skipped unknowns.
 */
import { type CsrMatrix, isFloat64Field } from '@mlgeo/exact-arith';
import {
  breakdown,
  FLOAT_PIVOT_TOL,
  fillReducingOrdering,
  floatFactorHandle,
  flopsOf,
  symbolic,
} from './ldl-symbolic.js';
import { supernodalLdlFloat } from './ldl-supernodal.js';

/** nnz(L) and the work Σ c_j² of an LDLᵀ of A under an ordering, from the symbolic phase only. */
export function factorStatistics(
  A: CsrMatrix<unknown>,
  perm: Int32Array = fillReducingOrdering(A),
): { nnzL: number; flops: number } {
  const { colStart, n } = symbolic(A, perm);
  return { nnzL: colStart[n]!, flops: flopsOf(colStart) };
}

/** A factorisation A = Pᵀ L D Lᵀ P ready to solve. */
export interface LdlFactor<T> {
  readonly n: number;
  /** Number of nonzeros of L below the diagonal. */
  readonly nnzL: number;
  /** Σ_j c_j², c_j the number of nonzeros below the diagonal in column j (the factorisation's work). */
  readonly flops: number;
  /** Number of zero pivots skipped (semidefinite mode): the nullity of a PSD matrix. */
  readonly zeroPivots: number;
  /** Number of negative pivots (0 for a positive semidefinite matrix, by Sylvester's law). */
  readonly negativePivots: number;
  /** A solution x of A x = b (for a singular PSD A: with 0 in the skipped unknowns). */
  solve(b: readonly T[]): T[];
}

/** Options of {@link ldlFactor}. */
export interface LdlOptions {
  /** Skip zero pivots (positive semidefinite input) instead of failing. */
  semidefinite?: boolean;
  /** A precomputed ordering (perm[new] = old); default {@link fillReducingOrdering}. */
  perm?: Int32Array;
}

/** LDLᵀ over any field (exact over the rationals). */
export function ldlFactor<T>(A: CsrMatrix<T>, options: LdlOptions = {}): LdlFactor<T> {
  if (isFloat64Field(A.field))
    return ldlFactorFloat(A as unknown as CsrMatrix<number>, options) as unknown as LdlFactor<T>;
  const F = A.field;
  const S = symbolic(A, options.perm ?? fillReducingOrdering(A));
  const { n, perm, pinv, parent, colStart } = S;
  const Li = new Int32Array(colStart[n]!);
  const Lx = new Array<T>(colStart[n]!);
  const fill = new Int32Array(n);
  const D = new Array<T>(n);
  const skipped = new Uint8Array(n);
  const Y = new Array<T>(n).fill(F.zero);
  const flag = new Int32Array(n);
  const pattern = new Int32Array(n);
  let zeroPivots = 0;
  let negativePivots = 0;
  for (let k = 0; k < n; k++) {
    let top = n;
    flag[k] = k;
    const row = perm[k]!;
    for (let p = A.rowStart[row]!; p < A.rowStart[row + 1]!; p++) {
      let i = pinv[A.colIndex[p]!]!;
      if (i > k) continue;
      Y[i] = F.add(Y[i]!, A.values[p] as T);
      let len = 0;
      for (; flag[i] !== k; i = parent[i]!) {
        pattern[len++] = i;
        flag[i] = k;
      }
      while (len > 0) pattern[--top] = pattern[--len]!;
    }
    let dk: T = Y[k]!;
    Y[k] = F.zero;
    for (; top < n; top++) {
      const i = pattern[top]!;
      const yi = Y[i]!;
      Y[i] = F.zero;
      const end = colStart[i]! + fill[i]!;
      for (let p = colStart[i]!; p < end; p++) Y[Li[p]!] = F.sub(Y[Li[p]!]!, F.mul(Lx[p]!, yi));
      const lki = skipped[i] ? F.zero : F.div(yi, D[i]!);
      dk = F.sub(dk, F.mul(lki, yi));
      Li[end] = k;
      Lx[end] = lki;
      fill[i]!++;
    }
    if (F.isZero(dk)) {
      if (!options.semidefinite) throw breakdown(k);
      skipped[k] = 1;
      zeroPivots++;
    } else if (F.sign(dk) < 0) negativePivots++;
    D[k] = dk;
  }
  return {
    n,
    nnzL: colStart[n]!,
    flops: flopsOf(colStart),
    zeroPivots,
    negativePivots,
    solve(b: readonly T[]): T[] {
      const x = new Array<T>(n);
      for (let k = 0; k < n; k++) x[k] = b[perm[k]!]!;
      for (let j = 0; j < n; j++) {
        const xj = x[j]!;
        if (F.isZero(xj)) continue;
        for (let p = colStart[j]!; p < colStart[j + 1]!; p++)
          x[Li[p]!] = F.sub(x[Li[p]!]!, F.mul(Lx[p]!, xj));
      }
      for (let j = 0; j < n; j++) x[j] = skipped[j] ? F.zero : F.div(x[j]!, D[j]!);
      for (let j = n - 1; j >= 0; j--) {
        let s: T = x[j]!;
        for (let p = colStart[j]!; p < colStart[j + 1]!; p++)
          s = F.sub(s, F.mul(Lx[p]!, x[Li[p]!]!));
        x[j] = s;
      }
      const out = new Array<T>(n);
      for (let k = 0; k < n; k++) out[perm[k]!] = x[k]!;
      return out;
    },
  };
}

/** A float64 factorisation that also solves in place on Float64Arrays. */
export interface FloatLdlFactor extends LdlFactor<number> {
  /** x := A⁻¹ b on Float64Arrays (b and x may be the same array). */
  solveInto(b: Float64Array, x: Float64Array): Float64Array;
}

/**
 * LDLᵀ on Float64Arrays (the matrix must be over a float64 field): supernodal multifrontal
 * (ldl-supernodal.ts) by default, or the scalar up-looking kernel (`kernel: 'scalar'`).
 */
export function ldlFactorFloat(
  A: CsrMatrix<number>,
  options: LdlOptions & { kernel?: 'supernodal' | 'scalar' } = {},
): FloatLdlFactor {
  const perm = options.perm ?? fillReducingOrdering(A);
  return options.kernel === 'scalar'
    ? scalarLdlFloat(A, { ...options, perm })
    : supernodalLdlFloat(A, perm, options.semidefinite ?? false);
}

/** The scalar up-looking LDLᵀ on Float64Arrays. */
function scalarLdlFloat(A: CsrMatrix<number>, options: LdlOptions): FloatLdlFactor {
  const S = symbolic(A, options.perm ?? fillReducingOrdering(A));
  const { n, perm, pinv, parent, colStart } = S;
  const Li = new Int32Array(colStart[n]!);
  const Lx = new Float64Array(colStart[n]!);
  const fill = new Int32Array(n);
  const D = new Float64Array(n);
  const Y = new Float64Array(n);
  const flag = new Int32Array(n);
  const pattern = new Int32Array(n);
  const rs = A.rowStart;
  const ci = A.colIndex;
  const av = A.values as Float64Array;
  let zeroPivots = 0;
  let negativePivots = 0;
  for (let k = 0; k < n; k++) {
    let top = n;
    flag[k] = k;
    const row = perm[k]!;
    let akk = 0;
    for (let p = rs[row]!; p < rs[row + 1]!; p++) {
      let i = pinv[ci[p]!]!;
      if (i > k) continue;
      if (i === k) akk = av[p]!;
      Y[i]! += av[p]!;
      let len = 0;
      for (; flag[i] !== k; i = parent[i]!) {
        pattern[len++] = i;
        flag[i] = k;
      }
      while (len > 0) pattern[--top] = pattern[--len]!;
    }
    let dk = Y[k]!;
    Y[k] = 0;
    for (; top < n; top++) {
      const i = pattern[top]!;
      const yi = Y[i]!;
      Y[i] = 0;
      const start = colStart[i]!;
      const end = start + fill[i]!;
      for (let p = start; p < end; p++) Y[Li[p]!]! -= Lx[p]! * yi;
      const di = D[i]!;
      const lki = di === 0 ? 0 : yi / di;
      dk -= lki * yi;
      Li[end] = k;
      Lx[end] = lki;
      fill[i]!++;
    }
    if (options.semidefinite ? !(Math.abs(dk) > FLOAT_PIVOT_TOL * Math.abs(akk)) : dk === 0) {
      if (!options.semidefinite) throw breakdown(k);
      dk = 0;
      zeroPivots++;
    } else if (!Number.isFinite(dk)) throw breakdown(k);
    if (dk < 0) negativePivots++;
    D[k] = dk;
  }
  const work = new Float64Array(n);
  const solveInto = (b: Float64Array, out: Float64Array): Float64Array => {
    const x = work;
    for (let k = 0; k < n; k++) x[k] = b[perm[k]!]!;
    for (let j = 0; j < n; j++) {
      const xj = x[j]!;
      if (xj === 0) continue;
      for (let p = colStart[j]!; p < colStart[j + 1]!; p++) x[Li[p]!]! -= Lx[p]! * xj;
    }
    for (let j = 0; j < n; j++) x[j] = D[j] === 0 ? 0 : x[j]! / D[j]!;
    for (let j = n - 1; j >= 0; j--) {
      let s = x[j]!;
      for (let p = colStart[j]!; p < colStart[j + 1]!; p++) s -= Lx[p]! * x[Li[p]!]!;
      x[j] = s;
    }
    for (let k = 0; k < n; k++) out[perm[k]!] = x[k]!;
    return out;
  };
  return floatFactorHandle(colStart, zeroPivots, negativePivots, solveInto);
}
