/**
 * Hodge, extended and Dirac operators (docs/math.md §7) on random simplicial complexes with random
 * positive rational weights: d∘d = 0 exactly, symmetry of the stiffness forms (M_k-self-adjointness),
 * positive semidefiniteness (exact LDLᵀ pivots ≥ 0), D² = ⊕ Δ_k, Δ_0 1 = 0, and the closed forms
 * on small complexes.
 */
import { CsrMatrix, Rational, RationalField } from '@mlgeo/exact-arith';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simplicialComplex } from './complexes.test-helper.js';
import { LaplacianInputError } from './errors.js';
import { diracOperator, extendedLaplacian, hodgeLaplacian } from './laplacians.js';
import { ldlFactor } from './ldl.js';
import type { WeightedComplex } from './weighted-complex.js';

const q = (x: number | string) => Rational.from(x);

/** Random complexes: up to 7 vertices, random triangles/edges/tetrahedra, weights in {1/3 … 5}. */
const randomComplex = fc
  .record({
    simplices: fc.array(
      fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 4 }),
      { minLength: 1, maxLength: 8 },
    ),
    weights: fc.array(fc.integer({ min: 1, max: 15 }), { minLength: 64, maxLength: 64 }),
  })
  .map(({ simplices, weights }) =>
    simplicialComplex(simplices, (k, s) => Rational.of(weights[(7 * k + s) % 64]!, 3)),
  );

function isSymmetric(A: CsrMatrix<Rational>): boolean {
  return A.add(A.transpose(), q(-1)).nnz === 0;
}

/**
 * Exactly positive semidefinite: the semidefinite LDLᵀ (symmetric elimination, zero pivots skipped)
 * has no negative pivot — Sylvester's law of inertia — and the quadratic form is ≥ 0 on a few
 * vectors (an independent check of the factorisation).
 */
function isPsd(A: CsrMatrix<Rational>): boolean {
  if (ldlFactor(A, { semidefinite: true }).negativePivots !== 0) return false;
  const n = A.rows;
  for (let trial = 0; trial < 10; trial++) {
    const x = Array.from({ length: n }, (_, i) => q(((i * 7 + trial * 13) % 5) - 2));
    const Ax = A.mulVec(x);
    if (x.reduce((s, xi, i) => s.add(xi.mul(Ax[i]!)), Rational.ZERO).sign() < 0) return false;
  }
  return true;
}

describe('Hodge Laplacians on random weighted simplicial complexes', () => {
  it('d∘d = 0 exactly (B_k B_{k+1} = 0)', () => {
    fc.assert(
      fc.property(randomComplex, ({ complex: c }) => {
        for (let k = 1; k + 1 < c.counts.length; k++)
          expect(c.boundaries[k]!.mul(c.boundaries[k + 1]!).nnz).toBe(0);
      }),
    );
  });

  it('K_k = M_k Δ_k is symmetric (Δ_k is M_k-self-adjoint), up + down, and Δ_0 1 = 0', () => {
    fc.assert(
      fc.property(randomComplex, ({ complex: c }) => {
        for (let k = 0; k < c.counts.length; k++) {
          const L = hodgeLaplacian(c, k);
          expect(isSymmetric(L.stiffness)).toBe(true);
          expect(L.operator.scale(c.mass[k]).add(L.stiffness, q(-1)).nnz).toBe(0);
          expect(L.up.add(L.down).add(L.operator, q(-1)).nnz).toBe(0);
        }
        const ones = new Array<Rational>(c.counts[0]!).fill(Rational.ONE);
        expect(
          hodgeLaplacian(c, 0)
            .operator.mulVec(ones)
            .every((x) => x.isZero()),
        ).toBe(true);
      }),
    );
  });

  it('semidefinite LDLᵀ pivots of every K_k are ≥ 0 (exact PSD) and the quadratic form is ≥ 0', () => {
    fc.assert(
      fc.property(randomComplex, ({ complex: c }) => {
        for (let k = 0; k < c.counts.length; k++) {
          const K = hodgeLaplacian(c, k).stiffness;
          expect(isPsd(K)).toBe(true);
          // and the test can fail: −K has a negative pivot unless K = 0
          if (K.nnz > 0) expect(isPsd(K.map(RationalField, (x) => x.neg()))).toBe(false);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('extended Laplacian: M_0 L symmetric and PSD for random γ ≥ 0; γ = 0 gives Δ_0', () => {
    fc.assert(
      fc.property(
        randomComplex,
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 3, maxLength: 3 }),
        ({ complex: c }, g) => {
          const top = c.counts.length - 1;
          const gamma = g.slice(0, top).map((x) => Rational.of(x, 2));
          const E = extendedLaplacian(c, gamma);
          expect(isSymmetric(E.stiffness)).toBe(true);
          expect(isPsd(E.stiffness)).toBe(true);
          expect(E.operator.scale(c.mass[0]).add(E.stiffness, q(-1)).nnz).toBe(0);
          const E0 = extendedLaplacian(
            c,
            gamma.map(() => Rational.ZERO),
          );
          expect(E0.operator.add(hodgeLaplacian(c, 0).operator, q(-1)).nnz).toBe(0);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('Dirac operator: D² = ⊕ Δ_k exactly', () => {
    fc.assert(
      fc.property(randomComplex, ({ complex: c }) => {
        const { matrix: D, offsets } = diracOperator(c);
        const D2 = D.mul(D);
        const blocks: { row: number; col: number; value: Rational }[] = [];
        c.counts.forEach((_, k) => {
          for (const e of hodgeLaplacian(c, k).operator.entries())
            blocks.push({ row: offsets[k]! + e.row, col: offsets[k]! + e.col, value: e.value });
        });
        const expected = CsrMatrix.fromTriplets(RationalField, D.rows, D.cols, blocks);
        expect(D2.add(expected, q(-1)).nnz).toBe(0);
      }),
    );
  });
});

describe('closed forms', () => {
  it('Δ_0 of the unit-weight path 0–1–2 is the graph Laplacian; Δ_1 of a filled triangle', () => {
    const { complex: c } = simplicialComplex([[0, 1, 2]]);
    // K_0 = L(K_3) = 3I − J; K_1 = B_2 B_2ᵀ + B_1ᵀ B_1; Δ_1 of a filled triangle is 3I
    const show = (A: CsrMatrix<Rational>) => A.toDense().map((r) => r.map((x) => x.toNumber()));
    expect(show(hodgeLaplacian(c, 0).operator)).toEqual([
      [2, -1, -1],
      [-1, 2, -1],
      [-1, -1, 2],
    ]);
    expect(show(hodgeLaplacian(c, 1).operator)).toEqual([
      [3, 0, 0],
      [0, 3, 0],
      [0, 0, 3],
    ]);
    expect(show(hodgeLaplacian(c, 2).operator)).toEqual([[3]]);
  });

  it('weights enter as M_k⁻¹ B M Bᵀ: two vertices of mass 2 and 1/2 joined by an edge of weight 3', () => {
    const { complex: c } = simplicialComplex([[0, 1]], (k, s) => (k === 0 ? [2, '1/2'][s]! : 3));
    const show = (A: CsrMatrix<Rational>) => A.toDense().map((r) => r.map((x) => x.toString()));
    expect(show(hodgeLaplacian(c, 0).operator)).toEqual([
      ['3/2', '-3/2'],
      ['-6', '6'],
    ]);
    // Δ_1 = B_1ᵀ M_0⁻¹ B_1 M_1 = (1/2 + 2)·3
    expect(show(hodgeLaplacian(c, 1).operator)).toEqual([['15/2']]);
  });

  it('rejects a degree outside the complex and negative γ', () => {
    const { complex: c } = simplicialComplex([[0, 1]]);
    expect(() => hodgeLaplacian(c, 2)).toThrow(LaplacianInputError);
    expect(() => extendedLaplacian(c, [q(-1)])).toThrow(LaplacianInputError);
    expect(() => extendedLaplacian(c as WeightedComplex<Rational>, [q(0), q(1)])).toThrow(
      LaplacianInputError,
    );
  });
});
