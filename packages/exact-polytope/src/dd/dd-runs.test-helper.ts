/**
 * Inputs and runs shared by the DD engine's tests (ray lanes, fresh float rays): H-representations
 * {x : A x ≤ b} as homogeneous rows, one run's combinatorics as comparable values, and seeded
 * sphere-like polytopes. Test-only (excluded from the build).
 */
import type { IntegerHRep } from '../hrep.js';
import type { SignMode } from './cone.js';
import { analyzeHRep } from './hside.js';

/** {x : A x ≤ b} as homogeneous rows (b, −a) for the DD engine. */
export function hrep(A: readonly (readonly bigint[])[], b: readonly bigint[]): IntegerHRep {
  return {
    d: A[0]!.length,
    ineq: A.map((a, i) => [b[i]!, ...a.map((x) => -x)]),
    eq: [],
    infeasible: false,
  };
}

/** Combinatorics and exact vertices of one run, as comparable strings, with its stats. */
export function outcome(A: bigint[][], b: bigint[], mode: SignMode) {
  const r = analyzeHRep(hrep(A, b), mode);
  return {
    result: {
      vertices: r.vertexRays.map((y) => y.join(',')),
      facets: r.facetRows,
      incidence: r.incidence,
      dimension: r.dimension,
    },
    stats: r.stats,
    analysis: r,
  };
}

/** A seeded xorshift32 generator of numbers in [0, 1). */
export function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/** Seeded random directions of norm ≈ R (integers), rows a·x ≤ R², inside the box |x_i| ≤ R. */
export function sphereRows(d: number, m: number, seed: number, R: number) {
  const rand = xorshift(seed);
  const A: bigint[][] = [];
  const b: bigint[] = [];
  for (let i = 0; i < d; i++)
    for (const sign of [1, -1]) {
      const row = new Array<bigint>(d).fill(0n);
      row[i] = BigInt(sign * R);
      A.push(row);
      b.push(BigInt(R) * BigInt(R));
    }
  while (A.length < m) {
    const g = Array.from({ length: d }, () => rand() * 2 - 1);
    const norm = Math.hypot(...g);
    if (norm < 1e-3) continue;
    A.push(g.map((x) => BigInt(Math.round((x / norm) * R))));
    b.push(BigInt(R) * BigInt(R));
  }
  return { A, b };
}
