/**
 * All eigenpairs of a symmetric tridiagonal matrix by the implicit symmetric QR iteration with
 * Wilkinson shifts (Golub & Van Loan, Matrix Computations, §8.3): each step chases the bulge of one
 * shifted QR step down the unreduced block with plane rotations, accumulated into the eigenvector
 * matrix; off-diagonal entries below ε·(|d_k| + |d_{k+1}|) (or 10⁻³ε·‖T‖, or 1e-290) are set to zero
 * (deflation). O(m²) per
 * sweep instead of the dense Jacobi method's O(m³): Lanczos checks its Ritz values every step.
 */
import type { SymmetricEigen } from './dense-eigen.js';

/**
 * Eigenvalues ascending and orthonormal eigenvectors of the tridiagonal matrix with diagonal
 * `diag` (length m) and off-diagonal `off` (length m − 1).
 */
export function symmetricTridiagonalEigen(
  diag: ArrayLike<number>,
  off: ArrayLike<number>,
): SymmetricEigen {
  const m = diag.length;
  const d = Float64Array.from(diag);
  const e = new Float64Array(Math.max(m, 1));
  for (let k = 0; k + 1 < m; k++) e[k] = off[k]!;
  // V (row-major m × m), V ← V·G for every rotation G
  const V = new Float64Array(m * m);
  for (let i = 0; i < m; i++) V[i * m + i] = 1;
  const eps = 2.220446049250313e-16;
  // off-diagonal entries negligible next to their neighbours, or next to the whole matrix
  let norm = 0;
  for (let k = 0; k < m; k++) norm = Math.max(norm, Math.abs(d[k]!) + 2 * Math.abs(e[k]!));
  // (and below 1e-290 absolutely: sub-normal entries would spoil the shifts and rotations, and
  // dropping them moves no eigenvalue by more than 1e-290)
  const floor = Math.max(1e-3 * eps * norm, 1e-290);
  const negligible = (k: number): boolean =>
    Math.abs(e[k]!) <= eps * (Math.abs(d[k]!) + Math.abs(d[k + 1]!)) || Math.abs(e[k]!) <= floor;
  let hi = m - 1;
  let iterations = 0;
  while (hi > 0) {
    if (negligible(hi - 1)) {
      e[hi - 1] = 0;
      hi--;
      continue;
    }
    let lo = hi - 1;
    while (lo > 0 && !negligible(lo - 1)) lo--;
    if (lo > 0) e[lo - 1] = 0;
    if (++iterations > 60 * m) break; // does not happen in practice (cubic convergence)
    // Wilkinson shift: the eigenvalue of the trailing 2 × 2 block nearer to d[hi]
    const delta = (d[hi - 1]! - d[hi]!) / 2;
    const e2 = e[hi - 1]! * e[hi - 1]!;
    const denominator = delta + (delta >= 0 ? 1 : -1) * Math.sqrt(delta * delta + e2);
    const mu = denominator === 0 ? d[hi]! : d[hi]! - e2 / denominator;
    let x = d[lo]! - mu;
    let z = e[lo]!;
    for (let k = lo; k < hi; k++) {
      const r = Math.hypot(x, z);
      const c = r === 0 ? 1 : x / r;
      const s = r === 0 ? 0 : -z / r;
      if (k > lo) e[k - 1] = r;
      const a = d[k]!;
      const b = e[k]!;
      const cc = d[k + 1]!;
      d[k] = c * c * a - 2 * c * s * b + s * s * cc;
      d[k + 1] = s * s * a + 2 * c * s * b + c * c * cc;
      e[k] = c * s * (a - cc) + (c * c - s * s) * b;
      if (k < hi - 1) {
        x = e[k]!;
        z = -s * e[k + 1]!;
        e[k + 1] = c * e[k + 1]!;
      }
      for (let i = 0; i < m; i++) {
        const vk = V[i * m + k]!;
        const vk1 = V[i * m + k + 1]!;
        V[i * m + k] = c * vk - s * vk1;
        V[i * m + k + 1] = s * vk + c * vk1;
      }
    }
  }
  const order = Array.from({ length: m }, (_, i) => i).sort((i, j) => d[i]! - d[j]!);
  return {
    values: order.map((i) => d[i]!),
    vectors: order.map((k) => {
      const v = new Float64Array(m);
      for (let i = 0; i < m; i++) v[i] = V[i * m + k]!;
      return v;
    }),
  };
}
