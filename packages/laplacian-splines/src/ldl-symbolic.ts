/**
 * The symbolic side of sparse LDLᵀ: the elimination tree and column counts of L under an ordering
 * (row subtrees of the elimination tree, O(nnz(L))), the postorder of the tree, and the default
 * fill-reducing ordering (approximate minimum degree, exact-arith's `approximateMinimumDegree`,
 * postordered).
 */
import { approximateMinimumDegree, type CsrMatrix } from '@mlgeo/exact-arith';
import { SolverError } from './errors.js';
import type { FloatLdlFactor } from './ldl.js';
import { inversePermutation } from './ordering.js';

/** Symbolic factorisation: ordering, elimination tree, column counts. */
export interface Symbolic {
  n: number;
  perm: Int32Array;
  pinv: Int32Array;
  parent: Int32Array;
  colStart: Int32Array;
}

export function flopsOf(colStart: Int32Array): number {
  let f = 0;
  for (let j = 0; j + 1 < colStart.length; j++) f += (colStart[j + 1]! - colStart[j]!) ** 2;
  return f;
}

/**
 * A float64 factor's handle (both kernels): its statistics, and `solve` on plain arrays through
 * the kernel's in-place `solveInto`.
 */
export function floatFactorHandle(
  colStart: Int32Array,
  zeroPivots: number,
  negativePivots: number,
  solveInto: (b: Float64Array, out: Float64Array) => Float64Array,
): FloatLdlFactor {
  const n = colStart.length - 1;
  return {
    n,
    nnzL: colStart[n]!,
    flops: flopsOf(colStart),
    zeroPivots,
    negativePivots,
    solveInto,
    solve: (b) => Array.from(solveInto(Float64Array.from(b), new Float64Array(n))),
  };
}

export function symbolic(A: CsrMatrix<unknown>, perm: Int32Array): Symbolic {
  const n = A.rows;
  const pinv = inversePermutation(perm);
  const parent = new Int32Array(n).fill(-1);
  const flag = new Int32Array(n);
  const count = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    flag[k] = k;
    const row = perm[k]!;
    for (let p = A.rowStart[row]!; p < A.rowStart[row + 1]!; p++) {
      let i = pinv[A.colIndex[p]!]!;
      if (i >= k) continue;
      for (; flag[i] !== k; i = parent[i]!) {
        if (parent[i] === -1) parent[i] = k;
        count[i]!++;
        flag[i] = k;
      }
    }
  }
  const colStart = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) colStart[k + 1] = colStart[k]! + count[k]!;
  return { n, perm, pinv, parent, colStart };
}

/**
 * The ordering composed with a postorder of its elimination tree: the same fill and work, but every
 * subtree's columns are contiguous, so the factorisation and the triangular solves touch memory
 * in a far more local pattern (and chains of the tree — supernodes — are consecutive).
 */
export function postordered(A: CsrMatrix<unknown>, perm: Int32Array): Int32Array {
  const n = A.rows;
  const { parent } = symbolic(A, perm);
  // children lists (reverse order so that the depth-first walk visits them ascending)
  const firstChild = new Int32Array(n).fill(-1);
  const nextSibling = new Int32Array(n).fill(-1);
  for (let j = n - 1; j >= 0; j--) {
    const p = parent[j]!;
    if (p < 0) continue;
    nextSibling[j] = firstChild[p]!;
    firstChild[p] = j;
  }
  const out = new Int32Array(n);
  const stack = new Int32Array(n);
  let k = 0;
  for (let root = 0; root < n; root++) {
    if (parent[root] !== -1) continue;
    let top = 0;
    stack[top++] = root;
    while (top > 0) {
      const j = stack[top - 1]!;
      const c = firstChild[j]!;
      if (c >= 0) {
        firstChild[j] = nextSibling[c]!;
        stack[top++] = c;
      } else {
        top--;
        out[k++] = perm[j]!;
      }
    }
  }
  return out;
}

/** The default fill-reducing ordering: approximate minimum degree, postordered. */
export function fillReducingOrdering(A: CsrMatrix<unknown>): Int32Array {
  return postordered(A, approximateMinimumDegree(A));
}

export function breakdown(k: number): SolverError {
  return new SolverError(
    'SOLVER_BREAKDOWN',
    `zero pivot at step ${k}: the matrix is singular or not positive definite`,
    'matrix',
    'check that every connected component has an observed cell and the weights are positive',
  );
}

/** Float pivots with |d_k| ≤ FLOAT_PIVOT_TOL·|A_kk| count as zero (semidefinite mode). */
export const FLOAT_PIVOT_TOL = 1e-11;
