/**
 * The supernodal multifrontal LDLᵀ (float64) against independent checks: on random sparse
 * symmetric positive definite matrices (fast-check) the solution's residual is ≤ 1e-10 relative;
 * on a weighted grid it matches the exact rational LDLᵀ's solution; on graph Laplacians with c
 * components (semidefinite mode) it skips exactly c pivots and solves consistent systems; its
 * pivot signs follow Sylvester's law of inertia.
 */
import { CsrMatrix, Rational, RationalField } from '@mlgeo/exact-arith';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ldlFactor, ldlFactorFloat } from './ldl.js';
import { FLOAT64 } from './weighted-complex.js';

type T = { row: number; col: number; value: number };

/** A weighted graph Laplacian plus a diagonal shift (SPD when every shift is > 0). */
function laplacianPlus(edges: [number, number, number][], shift: number[]): T[] {
  const t: T[] = shift.map((value, i) => ({ row: i, col: i, value }));
  for (const [a, b, w] of edges) {
    if (a === b) continue;
    t.push({ row: a, col: a, value: w }, { row: b, col: b, value: w });
    t.push({ row: a, col: b, value: -w }, { row: b, col: a, value: -w });
  }
  return t;
}

function relativeResidual(A: CsrMatrix<number>, x: Float64Array, b: Float64Array): number {
  const r = A.mulVecFloat(x);
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num = Math.max(num, Math.abs(r[i]! - b[i]!));
    den = Math.max(den, Math.abs(b[i]!));
  }
  let anorm = 0;
  for (let i = 0; i < A.rows; i++) {
    let s = 0;
    for (let p = A.rowStart[i]!; p < A.rowStart[i + 1]!; p++) s += Math.abs(A.values[p] as number);
    anorm = Math.max(anorm, s);
  }
  let xnorm = 0;
  for (const v of x) xnorm = Math.max(xnorm, Math.abs(v));
  return num / (anorm * xnorm + den);
}

const spdCase = fc.integer({ min: 1, max: 80 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.array(
      fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.double({ min: 0.01, max: 100, noNaN: true })),
      { maxLength: 5 * n },
    ),
    shift: fc.array(fc.double({ min: 1e-3, max: 10, noNaN: true }), {
      minLength: n,
      maxLength: n,
    }),
    // |b_i| ≥ 1e-3: a residual relative to subnormal data measures underflow, not the solver
    b: fc.array(
      fc
        .tuple(fc.boolean(), fc.double({ min: 1e-3, max: 1, noNaN: true }))
        .map(([negative, v]) => (negative ? -v : v)),
      { minLength: n, maxLength: n },
    ),
  }),
);

describe('supernodal LDLᵀ (float64)', () => {
  it('solves random sparse SPD systems to a relative residual ≤ 1e-10', () => {
    fc.assert(
      fc.property(spdCase, ({ n, edges, shift, b }) => {
        const A = CsrMatrix.fromTriplets(FLOAT64, n, n, laplacianPlus(edges, shift));
        const f = ldlFactorFloat(A);
        expect(f.zeroPivots).toBe(0);
        expect(f.negativePivots).toBe(0);
        const rhs = Float64Array.from(b);
        expect(relativeResidual(A, f.solveInto(rhs, new Float64Array(n)), rhs)).toBeLessThan(1e-10);
      }),
      { numRuns: 150 },
    );
  });

  it('matches the exact rational LDLᵀ on a weighted 16 × 16 grid', () => {
    const k = 16;
    const edges: [number, number, number][] = [];
    const shift: number[] = [];
    for (let r = 0; r < k; r++)
      for (let c = 0; c < k; c++) {
        const v = r * k + c;
        shift.push(((v * 7) % 5) / 8);
        if (c + 1 < k) edges.push([v, v + 1, 1 + ((v * 3) % 4)]);
        if (r + 1 < k) edges.push([v, v + k, 1 + ((v * 5) % 3) / 2]);
      }
    shift[0] = 1; // definite even where the shifts vanish
    const t = laplacianPlus(edges, shift);
    const A = CsrMatrix.fromTriplets(FLOAT64, k * k, k * k, t);
    const Aq = A.map(RationalField, (x) => Rational.fromDouble(x));
    const bq = Array.from({ length: k * k }, (_, i) => Rational.of((i % 11) - 5, 3));
    const exact = ldlFactor(Aq).solve(bq);
    const x = ldlFactorFloat(A).solveInto(
      Float64Array.from(bq, (v) => v.toNumber()),
      new Float64Array(k * k),
    );
    let err = 0;
    let size = 0;
    exact.forEach((v, i) => {
      err = Math.max(err, Math.abs(x[i]! - v.toNumber()));
      size = Math.max(size, Math.abs(v.toNumber()));
    });
    expect(err / size).toBeLessThan(1e-11);
  });

  it('semidefinite mode: one skipped pivot per component of a graph Laplacian', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 2, max: 20 }),
        fc.array(fc.double({ min: 0.1, max: 10, noNaN: true }), {
          minLength: 80,
          maxLength: 80,
        }),
        (copies, size, weights) => {
          // `copies` disjoint cycles of `size` vertices with chords: connected pieces
          const n = copies * size;
          const edges: [number, number, number][] = [];
          let w = 0;
          for (let c = 0; c < copies; c++)
            for (let i = 0; i < size; i++) {
              edges.push([c * size + i, c * size + ((i + 1) % size), weights[w++ % 80]!]);
              if (i % 3 === 0)
                edges.push([c * size + i, c * size + ((i + 5) % size), weights[w++ % 80]!]);
            }
          const A = CsrMatrix.fromTriplets(
            FLOAT64,
            n,
            n,
            laplacianPlus(edges, new Array(n).fill(0)),
          );
          const f = ldlFactorFloat(A, { semidefinite: true });
          expect(f.zeroPivots).toBe(copies);
          expect(f.negativePivots).toBe(0);
          // a consistent right-hand side: zero sum on every component
          const b = new Float64Array(n);
          for (let i = 0; i < n; i++) b[i] = (i % size) - (size - 1) / 2;
          expect(relativeResidual(A, f.solveInto(b, new Float64Array(n)), b)).toBeLessThan(1e-10);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('counts negative pivots by inertia (A − σI with σ between eigenvalues of a path)', () => {
    // path Laplacian tridiag(−1, 2, −1) on m vertices: eigenvalues 2 − 2cos(kπ/(m+1)), k = 1..m
    const m = 30;
    const sigma = 0.9; // no pivot is exactly zero at this shift
    const below = Array.from(
      { length: m },
      (_, k) => 2 - 2 * Math.cos(((k + 1) * Math.PI) / (m + 1)),
    ).filter((l) => l < sigma).length;
    const t: T[] = [];
    for (let i = 0; i < m; i++) {
      t.push({ row: i, col: i, value: 2 - sigma });
      if (i + 1 < m) t.push({ row: i, col: i + 1, value: -1 }, { row: i + 1, col: i, value: -1 });
    }
    const f = ldlFactorFloat(CsrMatrix.fromTriplets(FLOAT64, m, m, t));
    expect(f.negativePivots).toBe(below);
  });
});
