/**
 * Hodge decomposition of an edge cochain ω ∈ C^1 (docs/math.md §7):
 *   ω = d_0 φ + d_1* ψ + h,
 * gradient d_0 φ = B_1ᵀ φ, curl d_1* ψ = M_1⁻¹ B_2 M_2 ψ, harmonic h ∈ ker Δ_1; the three parts
 * are orthogonal for ⟨a, b⟩ = aᵀ M_1 b.
 *
 * Gradient: the M_1-orthogonal projection onto im B_1ᵀ solves the normal equations
 * (B_1 M_1 B_1ᵀ) φ = B_1 M_1 ω. Curl: with u = M_2 ψ, the projection onto im M_1⁻¹ B_2 solves
 * (B_2ᵀ M_1⁻¹ B_2) u = B_2ᵀ ω. Both are consistent positive semidefinite systems, solved by LDLᵀ
 * with skipped zero pivots — exactly when the weights are rational.
 */
import { LaplacianInputError } from './errors.js';
import { ldlFactor } from './ldl.js';
import { pseudoInverse } from './laplacians.js';
import { type WeightedComplex, topDegree } from './weighted-complex.js';

/** The three parts of an edge cochain. */
export interface HodgeParts<T> {
  gradient: T[];
  curl: T[];
  harmonic: T[];
  /** φ with gradient = B_1ᵀ φ (one choice: the kernel of B_1ᵀ is the constants per component). */
  potential: T[];
}

/** Splits an edge cochain (one value per edge) into gradient, curl and harmonic parts. */
export function hodgeDecomposition<T>(c: WeightedComplex<T>, omega: readonly T[]): HodgeParts<T> {
  const F = c.field;
  if (topDegree(c) < 1 || omega.length !== c.counts[1])
    throw new LaplacianInputError(
      'VALUES_SHAPE',
      `the cochain has ${omega.length} values, the complex ${c.counts[1] ?? 0} edges`,
      'omega',
      'give one value per edge, in the order of the complex’s edges',
    );
  const B1 = c.boundaries[1]!;
  const M1 = c.mass[1]!;
  const weighted = omega.map((x, e) => F.mul(M1[e]!, x));
  const K0 = B1.congruenceByDiagonal(M1);
  const potential = ldlFactor(K0, { semidefinite: true }).solve(B1.mulVec(weighted));
  const gradient = B1.transpose().mulVec(potential);
  let curl: T[] = omega.map(() => F.zero);
  if (topDegree(c) >= 2 && c.counts[2]! > 0) {
    const B2 = c.boundaries[2]!;
    const M1inv = pseudoInverse(F, M1);
    const G = B2.transpose().congruenceByDiagonal(M1inv);
    const u = ldlFactor(G, { semidefinite: true }).solve(B2.transpose().mulVec(omega));
    curl = B2.mulVec(u).map((x, e) => F.mul(M1inv[e]!, x));
  }
  const harmonic = omega.map((x, e) => F.sub(F.sub(x, gradient[e]!), curl[e]!));
  return { gradient, curl, harmonic, potential };
}
