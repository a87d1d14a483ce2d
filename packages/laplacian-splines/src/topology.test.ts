/**
 * Betti numbers by exact rank against complexes of known topology (simplex boundaries, the
 * adjacency complex of an arrangement, an annulus-shaped partial partition, a T-junction) and
 * against dim ker Δ_k (nullity from the exact semidefinite LDLᵀ: an independent computation);
 * Hodge decomposition: parts orthogonal for M_1 and summing to the input, exactly.
 */
import { CsrMatrix, Rational, RationalField, bareissRank } from '@mlgeo/exact-arith';
import { buildComplex } from '@mlgeo/riemannian-complex';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleA, exampleC, gridPartition, simplicialComplex } from './complexes.test-helper.js';
import { hodgeDecomposition } from './hodge-decomposition.js';
import { hodgeLaplacian } from './laplacians.js';
import { ldlFactor } from './ldl.js';
import { bettiNumbers, connectedComponents, exactRank } from './rank.js';
import { type WeightedComplex, fromRiemannianComplex } from './weighted-complex.js';

function kernelDimensions(c: WeightedComplex<Rational>): number[] {
  return c.counts.map(
    (_, k) => ldlFactor(hodgeLaplacian(c, k).stiffness, { semidefinite: true }).zeroPivots,
  );
}

const exact = (c: ReturnType<typeof fromRiemannianComplex>) => c as WeightedComplex<Rational>;

describe('Betti numbers of complexes with known topology', () => {
  it('boundary of the k-simplex is a (k−1)-sphere: β = (1, 0, …, 0, 1)', () => {
    for (let k = 2; k <= 5; k++) {
      const vertices = Array.from({ length: k + 1 }, (_, i) => i);
      const facets = vertices.map((v) => vertices.filter((u) => u !== v));
      const { complex } = simplicialComplex(facets, (j, s) => Rational.of(1 + ((j + s) % 4), 2));
      const expected = Array.from({ length: k }, (_, i) => (i === 0 || i === k - 1 ? 1 : 0));
      expect(bettiNumbers(complex), `∂Δ^${k}`).toEqual(expected);
      expect(kernelDimensions(complex)).toEqual(expected);
    }
  });

  it('the full simplex is contractible: β = (1, 0, 0, 0)', () => {
    const { complex } = simplicialComplex([[0, 1, 2, 3]]);
    expect(bettiNumbers(complex)).toEqual([1, 0, 0, 0]);
    expect(kernelDimensions(complex)).toEqual([1, 0, 0, 0]);
  });

  it('a triangulated torus (7 vertices, Möbius–Kantor): β = (1, 2, 1)', () => {
    // Császár's minimal 7-vertex torus: triangles {i, i+1, i+3} and {i, i+2, i+3} mod 7
    const tris = Array.from({ length: 7 }, (_, i) => [
      [i, (i + 1) % 7, (i + 3) % 7],
      [i, (i + 2) % 7, (i + 3) % 7],
    ]).flat();
    const { complex } = simplicialComplex(tris, (k, s) => Rational.of(2 + ((3 * s + k) % 5), 3));
    expect(complex.counts).toEqual([7, 21, 14]);
    expect(bettiNumbers(complex)).toEqual([1, 2, 1]);
    expect(kernelDimensions(complex)).toEqual([1, 2, 1]);
  });

  it('SPEC §9 A: the adjacency complex of an arrangement is a 4-cycle, β = (1, 1, 0)', () => {
    const c = exact(fromRiemannianComplex(buildComplex(exampleA(), { edgeLength: 'unit' })));
    expect(c.counts).toEqual([4, 4, 0]);
    expect(bettiNumbers(c)).toEqual([1, 1, 0]);
    expect(kernelDimensions(c)).toEqual([1, 1, 0]);
  });

  it('SPEC §9 C: the T-junction is a 2-simplex, β = (1, 0, 0)', () => {
    const c = exact(fromRiemannianComplex(buildComplex(exampleC(), { edgeLength: 'unit' })));
    expect(c.counts).toEqual([3, 3, 1]);
    expect(bettiNumbers(c)).toEqual([1, 0, 0]);
    expect(kernelDimensions(c)).toEqual([1, 0, 0]);
  });

  it('annulus: a 3×3 grid without its centre is a ring of 8 cells, β = (1, 1, 0)', () => {
    const c = exact(
      fromRiemannianComplex(buildComplex(gridPartition(3, [[1, 1]]), { edgeLength: 'unit' })),
    );
    expect(c.counts.slice(0, 2)).toEqual([8, 8]);
    expect(bettiNumbers(c)[1]).toBe(1);
    expect(kernelDimensions(c)[1]).toBe(1);
  });

  it('a 3×3 grid has one 4-cycle per interior vertex (β_1 = 4); two separated cells give β_0 = 2', () => {
    const grid = exact(
      fromRiemannianComplex(buildComplex(gridPartition(3), { edgeLength: 'unit' })),
    );
    expect(bettiNumbers(grid).slice(0, 2)).toEqual([1, 4]);
    expect(kernelDimensions(grid).slice(0, 2)).toEqual([1, 4]);
    const apart = exact(
      fromRiemannianComplex(
        buildComplex(
          gridPartition(3, [
            [0, 1],
            [1, 0],
            [1, 1],
            [1, 2],
            [2, 1],
            [2, 2],
            [0, 2],
          ]),
          {
            edgeLength: 'unit',
          },
        ),
      ),
    );
    expect(apart.counts[0]).toBe(2);
    expect(bettiNumbers(apart)[0]).toBe(2);
    expect(connectedComponents(apart).count).toBe(2);
  });

  it('exact sparse rank equals dense Bareiss rank on random integer matrices', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }).chain((r) =>
          fc.integer({ min: 1, max: 7 }).chain((c) =>
            fc.array(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: c, maxLength: c }), {
              minLength: r,
              maxLength: r,
            }),
          ),
        ),
        (m) => {
          const M = CsrMatrix.fromDense(
            RationalField,
            m.map((row) => row.map((x) => Rational.of(x))),
          );
          expect(exactRank(M)).toBe(bareissRank(m.map((row) => row.map(BigInt))));
        },
      ),
    );
  });
});

describe('Hodge decomposition', () => {
  const torus = Array.from({ length: 7 }, (_, i) => [
    [i, (i + 1) % 7, (i + 3) % 7],
    [i, (i + 2) % 7, (i + 3) % 7],
  ]).flat();
  const complexes = fc.constantFrom(
    torus,
    [
      [0, 1, 2],
      [2, 3],
      [3, 4],
      [4, 0],
      [1, 5],
      [5, 6],
      [6, 1],
    ],
    [
      [0, 1, 2],
      [1, 2, 3],
      [2, 3, 4],
      [4, 5],
      [5, 0],
    ],
  );

  it('parts sum to ω, are M_1-orthogonal, lie in im d_0, im d_1*, ker Δ_1 (exact)', () => {
    fc.assert(
      fc.property(
        complexes,
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 60, maxLength: 60 }),
        fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 30, maxLength: 30 }),
        (maximal, w, values) => {
          const { complex: c } = simplicialComplex(maximal, (k, s) =>
            Rational.of(w[(11 * k + s) % 60]!, 2),
          );
          const omega = Array.from({ length: c.counts[1]! }, (_, e) =>
            Rational.of(values[e % 30]!, 3),
          );
          const { gradient, curl, harmonic, potential } = hodgeDecomposition(c, omega);
          const M1 = c.mass[1]!;
          const inner = (a: Rational[], b: Rational[]) =>
            a.reduce((s, x, e) => s.add(x.mul(M1[e]!).mul(b[e]!)), Rational.ZERO);
          omega.forEach((x, e) =>
            expect(gradient[e]!.add(curl[e]!).add(harmonic[e]!).equals(x)).toBe(true),
          );
          expect(inner(gradient, curl).isZero()).toBe(true);
          expect(inner(gradient, harmonic).isZero()).toBe(true);
          expect(inner(curl, harmonic).isZero()).toBe(true);
          // gradient = B_1ᵀ φ; harmonic part is killed by Δ_1
          const g = c.boundaries[1]!.transpose().mulVec(potential);
          g.forEach((x, e) => expect(x.equals(gradient[e]!)).toBe(true));
          expect(
            hodgeLaplacian(c, 1)
              .operator.mulVec(harmonic)
              .every((x) => x.isZero()),
          ).toBe(true);
          // curl is co-closed from above: B_1 M_1 curl = 0; gradient is closed: B_2ᵀ gradient = 0
          expect(
            c.boundaries[1]!.mulVec(curl.map((x, e) => x.mul(M1[e]!))).every((x) => x.isZero()),
          ).toBe(true);
          if (c.counts[2])
            expect(
              c.boundaries[2]!.transpose()
                .mulVec(gradient)
                .every((x) => x.isZero()),
            ).toBe(true);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('on the torus the harmonic space has dimension 2: random ω have a non-zero harmonic part', () => {
    const { complex: c } = simplicialComplex(torus);
    const omega = Array.from({ length: c.counts[1]! }, (_, e) => Rational.of((e * 5) % 7));
    const { harmonic } = hodgeDecomposition(c, omega);
    expect(harmonic.some((x) => !x.isZero())).toBe(true);
  });
});
