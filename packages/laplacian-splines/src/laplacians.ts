/**
 * Weighted Hodge Laplacians, the extended Laplacian and the Dirac operator (docs/math.md §7).
 *
 * With d_k = B_{k+1}ᵀ and d_k* = M_k⁻¹ B_{k+1} M_{k+1}:
 *   Δ_k = M_k⁻¹ B_{k+1} M_{k+1} B_{k+1}ᵀ + B_kᵀ M_{k−1}⁻¹ B_k M_k.
 * Every operator is also returned in its symmetric "stiffness" form K = M_k Δ_k, which is what the
 * solvers and eigensolvers use (Δ_k is M_k-self-adjoint iff K_k is symmetric). Simplices of weight
 * 0 are left out (§4): M⁻¹ is the pseudo-inverse (0 ↦ 0). All products are sparse (B·M·Bᵀ by
 * `CsrMatrix.congruenceByDiagonal`), exact over the rationals.
 */
import { CsrMatrix, type Field } from '@mlgeo/exact-arith';
import { LaplacianInputError } from './errors.js';
import { type WeightedComplex, topDegree } from './weighted-complex.js';

/** Diagonal pseudo-inverse: 1/w, and 0 for w = 0. */
export function pseudoInverse<T>(F: Field<T>, w: readonly T[]): T[] {
  return w.map((x) => (F.isZero(x) ? F.zero : F.div(F.one, x)));
}

/** The n × n diagonal matrix diag(w). */
export function diagonalMatrix<T>(F: Field<T>, w: readonly T[]): CsrMatrix<T> {
  return CsrMatrix.fromTriplets(
    F,
    w.length,
    w.length,
    w.map((value, i) => ({ row: i, col: i, value })),
  );
}

function checkDegree<T>(c: WeightedComplex<T>, k: number): void {
  if (!Number.isInteger(k) || k < 0 || k > topDegree(c))
    throw new LaplacianInputError(
      'OPTION_INVALID',
      `degree ${k} is outside 0…${topDegree(c)}`,
      'k',
      `ask for a degree between 0 and ${topDegree(c)} (the complex's top degree)`,
    );
}

/** The parts of Δ_k, each as an operator and in stiffness form. */
export interface HodgeLaplacian<T> {
  degree: number;
  /** B_{k+1} M_{k+1} B_{k+1}ᵀ (the zero matrix in the top degree). */
  upStiffness: CsrMatrix<T>;
  /** M_k B_kᵀ M_{k−1}⁻¹ B_k M_k (the zero matrix in degree 0). */
  downStiffness: CsrMatrix<T>;
  /** K_k = M_k Δ_k = up + down: symmetric positive semidefinite. */
  stiffness: CsrMatrix<T>;
  /** Δ_k^up = M_k⁻¹ B_{k+1} M_{k+1} B_{k+1}ᵀ. */
  up: CsrMatrix<T>;
  /** Δ_k^down = B_kᵀ M_{k−1}⁻¹ B_k M_k. */
  down: CsrMatrix<T>;
  /** Δ_k = up + down. */
  operator: CsrMatrix<T>;
}

/** Δ_k of the weighted complex, in every form (docs/math.md §7). */
export function hodgeLaplacian<T>(c: WeightedComplex<T>, k: number): HodgeLaplacian<T> {
  checkDegree(c, k);
  const F = c.field;
  const n = c.counts[k]!;
  const Mk = c.mass[k]!;
  const MkInv = pseudoInverse(F, Mk);
  const zero = CsrMatrix.fromTriplets(F, n, n, []);
  const upStiffness =
    k < topDegree(c) ? c.boundaries[k + 1]!.congruenceByDiagonal(c.mass[k + 1]!) : zero;
  let downStiffness = zero;
  let down = zero;
  if (k > 0) {
    // Bᵀ M_{k−1}⁻¹ B, then scaled by M_k on the side(s)
    const core = c.boundaries[k]!.transpose().congruenceByDiagonal(
      pseudoInverse(F, c.mass[k - 1]!),
    );
    downStiffness = core.scale(Mk, Mk);
    down = core.scale(undefined, Mk);
  }
  const up = upStiffness.scale(MkInv);
  return {
    degree: k,
    upStiffness,
    downStiffness,
    stiffness: upStiffness.add(downStiffness),
    up,
    down,
    operator: up.add(down),
  };
}

/**
 * P_k: vertex values ↦ the mean of the k+1 vertex values on each k-simplex (f_k × f_0). The
 * vertices of a k-simplex are read off the boundary matrices (those of its faces, recursively).
 */
export function vertexMeanMap<T>(c: WeightedComplex<T>, k: number): CsrMatrix<T> {
  checkDegree(c, k);
  const F = c.field;
  let vertices: number[][] = Array.from({ length: c.counts[0]! }, (_, i) => [i]);
  for (let j = 1; j <= k; j++) {
    const Bt = c.boundaries[j]!.transpose();
    const next: number[][] = [];
    for (let s = 0; s < Bt.rows; s++) {
      const set = new Set<number>();
      for (let p = Bt.rowStart[s]!; p < Bt.rowStart[s + 1]!; p++)
        for (const v of vertices[Bt.colIndex[p]!]!) set.add(v);
      next.push([...set].sort((a, b) => a - b));
    }
    vertices = next;
  }
  const w = F.div(F.one, F.fromInt(k + 1));
  return CsrMatrix.fromTriplets(
    F,
    vertices.length,
    c.counts[0]!,
    vertices.flatMap((vs, s) => vs.map((v) => ({ row: s, col: v, value: w }))),
  );
}

/** The extended Laplacian in both forms. */
export interface ExtendedLaplacian<T> {
  /** M_0 L = K_0 + Σ γ_k P_kᵀ M_k Δ_k P_k: symmetric positive semidefinite. */
  stiffness: CsrMatrix<T>;
  /** L = Δ_0 + Σ_{k≥1} γ_k M_0⁻¹ P_kᵀ M_k Δ_k P_k (M_0-self-adjoint). */
  operator: CsrMatrix<T>;
}

/**
 * The extended Laplacian of docs/math.md §7 with user weights γ = (γ_1, γ_2, …) ≥ 0 (missing
 * entries are 0; γ_k for k above the top degree must be 0).
 */
export function extendedLaplacian<T>(
  c: WeightedComplex<T>,
  gamma: readonly T[],
): ExtendedLaplacian<T> {
  const F = c.field;
  let stiffness = hodgeLaplacian(c, 0).stiffness;
  gamma.forEach((g, i) => {
    const k = i + 1;
    if (F.sign(g) < 0 || (typeof g === 'number' && !Number.isFinite(g)))
      throw new LaplacianInputError(
        'WEIGHT_NEGATIVE',
        `γ_${k} = ${F.toString(g)} is negative`,
        `gamma[${i}]`,
        'give weights γ_k ≥ 0',
      );
    if (F.isZero(g)) return;
    if (k > topDegree(c))
      throw new LaplacianInputError(
        'OPTION_INVALID',
        `γ_${k} is given but the complex has no ${k}-simplices in its top degree ${topDegree(c)}`,
        `gamma[${i}]`,
        `give at most ${topDegree(c)} weights`,
      );
    const P = vertexMeanMap(c, k);
    const Kk = hodgeLaplacian(c, k).stiffness;
    const term = P.transpose().mul(Kk).mul(P);
    stiffness = stiffness.add(term, g);
  });
  return { stiffness, operator: stiffness.scale(pseudoInverse(F, c.mass[0]!)) };
}

/** The Dirac operator and the layout of its blocks. */
export interface DiracOperator<T> {
  /** D = d + d* on C^0 ⊕ … ⊕ C^K (square, Σ f_k). */
  matrix: CsrMatrix<T>;
  /** offsets[k] = index of the first k-simplex in the stacked cochain. */
  offsets: number[];
}

/**
 * The Dirac operator D = d + d*: block (k+1, k) is d_k = B_{k+1}ᵀ and block (k, k+1) is
 * d_k* = M_k⁻¹ B_{k+1} M_{k+1}. D² is block diagonal with blocks Δ_k (d∘d = 0).
 */
export function diracOperator<T>(c: WeightedComplex<T>): DiracOperator<T> {
  const F = c.field;
  const offsets = [0];
  for (const n of c.counts) offsets.push(offsets[offsets.length - 1]! + n);
  const size = offsets[offsets.length - 1]!;
  const triplets: { row: number; col: number; value: T }[] = [];
  for (let k = 0; k < topDegree(c); k++) {
    const B = c.boundaries[k + 1]!;
    const adj = B.scale(pseudoInverse(F, c.mass[k]!), c.mass[k + 1]!);
    for (const e of B.entries())
      triplets.push({ row: offsets[k + 1]! + e.col, col: offsets[k]! + e.row, value: e.value });
    for (const e of adj.entries())
      triplets.push({ row: offsets[k]! + e.row, col: offsets[k + 1]! + e.col, value: e.value });
  }
  return { matrix: CsrMatrix.fromTriplets(F, size, size, triplets), offsets: offsets.slice(0, -1) };
}
