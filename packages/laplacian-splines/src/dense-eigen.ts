/**
 * Eigen-decomposition of a small dense symmetric matrix by the cyclic Jacobi method: plane
 * rotations annihilate off-diagonal entries until their norm is below 1e-15 of the matrix norm.
 * Slow (O(n³) per sweep) but simple and accurate to high relative precision; used for the dense
 * spectrum of small complexes and for the tridiagonal matrices of Lanczos.
 */

/** Eigenvalues (ascending) and orthonormal eigenvectors (vectors[i] belongs to values[i]). */
export interface SymmetricEigen {
  values: number[];
  vectors: Float64Array[];
}

/** All eigenpairs of the symmetric matrix a (array of rows; only read, not modified). */
export function symmetricEigen(a: readonly ArrayLike<number>[]): SymmetricEigen {
  const n = a.length;
  const A = a.map((row) => Float64Array.from(row));
  const V = Array.from({ length: n }, (_, i) => {
    const r = new Float64Array(n);
    r[i] = 1;
    return r;
  });
  let norm = 0;
  for (const row of A) for (const x of row) norm += x * x;
  const tol = 1e-30 * norm;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += A[p]![q]! ** 2;
    if (off <= tol) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = A[p]![q]!;
        if (apq === 0) continue;
        const app = A[p]![p]!;
        const aqq = A[q]![q]!;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k]![p]!;
          const akq = A[k]![q]!;
          A[k]![p] = c * akp - s * akq;
          A[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p]![k]!;
          const aqk = A[q]![k]!;
          A[p]![k] = c * apk - s * aqk;
          A[q]![k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[p]![k]!;
          const vkq = V[q]![k]!;
          V[p]![k] = c * vkp - s * vkq;
          V[q]![k] = s * vkp + c * vkq;
        }
      }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => A[i]![i]! - A[j]![j]!);
  return { values: order.map((i) => A[i]![i]!), vectors: order.map((i) => V[i]!) };
}
