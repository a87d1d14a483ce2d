/**
 * Boundary matrices with the orientation of SPEC §4: B_k[τ, σ] = (−1)^m when τ is σ with its m-th
 * vertex (0-based, vertices in increasing cell index) removed. They are exact sparse matrices
 * (`CsrMatrix` over the rationals, entries ±1), so B_k·B_{k+1} = 0 is the exact test `nnz === 0`.
 */
import { CsrMatrix, Rational, RationalField, type Triplet } from '@mlgeo/exact-arith';
import { InconsistentPartitionError } from './errors.js';
import { simplexKey } from './simplices.js';

export function boundaryMatrix(
  lower: readonly number[][],
  upper: readonly number[][],
  lowerIndex: ReadonlyMap<string, number>,
): CsrMatrix<Rational> {
  const entries: Triplet<Rational>[] = [];
  upper.forEach((sigma, col) => {
    for (let m = 0; m < sigma.length; m++) {
      const tau = sigma.filter((_, idx) => idx !== m);
      const row = lowerIndex.get(simplexKey(tau));
      if (row === undefined)
        throw new InconsistentPartitionError(
          `face (${tau.join(', ')}) of simplex (${sigma.join(', ')}) is missing`,
          'simplices',
          'report this as a bug: the complex must be closed under faces',
        );
      entries.push({ row, col, value: m % 2 === 0 ? Rational.ONE : Rational.MINUS_ONE });
    }
  });
  return CsrMatrix.fromTriplets(RationalField, lower.length, upper.length, entries);
}

/** Dense B_k as numbers (array of rows). */
export function toDenseNumbers(m: CsrMatrix<Rational>): number[][] {
  return m.toDense().map((row) => row.map((x) => x.toNumber()));
}
