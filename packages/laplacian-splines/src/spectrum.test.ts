/**
 * Spectra of Δ_0: the SPEC §9 eigenvalues of examples A–D (complexes built by riemannian-complex
 * from the partitions), closed forms (cycle and path graphs), dense against sparse on random
 * grids with random weights, exact kernel per component, residuals.
 */
import { CsrMatrix, seededRandom } from '@mlgeo/exact-arith';
import { buildComplex } from '@mlgeo/riemannian-complex';
import { describe, expect, it } from 'vitest';
import { exampleA, exampleB, exampleC, exampleD } from './complexes.test-helper.js';
import { generalizedSpectrum, laplacianSpectrum } from './spectrum.js';
import { FLOAT64, fromRiemannianComplex } from './weighted-complex.js';

function values(p: Parameters<typeof buildComplex>[0], edgeLength: 'unit' | 'centroid'): number[] {
  const c = fromRiemannianComplex(buildComplex(p, { edgeLength }));
  const s = laplacianSpectrum(c);
  for (const pair of s.pairs) expect(pair.residual).toBeLessThan(1e-10);
  return s.pairs.map((x) => x.value);
}

function expectClose(actual: number[], expected: number[], tol = 1e-10): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((x, i) => expect(Math.abs(x - expected[i]!), `λ_${i} = ${x}`).toBeLessThan(tol));
}

describe('SPEC §9 eigenvalues of Δ_0', () => {
  it('A: unit {0, 4, 4, 8}, centroid {0, 8, 8, 16}', () => {
    expectClose(values(exampleA(), 'unit'), [0, 4, 4, 8]);
    expectClose(values(exampleA(), 'centroid'), [0, 8, 8, 16]);
  });
  it('B: unit {0, 3.07982249500, 9.79598317099, 12.8758056660}; centroid {0, 6.36…, 20.8…, 27.1…}', () => {
    expectClose(values(exampleB(), 'unit'), [0, 3.079822495, 9.79598317099, 12.875805666], 1e-9);
    expectClose(
      values(exampleB(), 'centroid'),
      [0, 6.3605727046, 20.8364177611, 27.1969904657],
      1e-8,
    );
  });
  it('C: unit {0, 4, 6}', () => {
    expectClose(values(exampleC(), 'unit'), [0, 4, 6]);
  });
  it('D: unit {0, 3.42306270298, 6.12221539688, 9.44490948297}', () => {
    expectClose(values(exampleD(), 'unit'), [0, 3.42306270298, 6.12221539688, 9.44490948297], 1e-9);
  });
});

/** Weighted graph Laplacian K (CSR) of an edge list. */
function graphLaplacian(n: number, edges: [number, number, number][]): CsrMatrix<number> {
  const t: { row: number; col: number; value: number }[] = [];
  for (const [i, j, w] of edges) {
    t.push({ row: i, col: i, value: w }, { row: j, col: j, value: w });
    t.push({ row: i, col: j, value: -w }, { row: j, col: i, value: -w });
  }
  for (let i = 0; i < n; i++) t.push({ row: i, col: i, value: 0 });
  return CsrMatrix.fromTriplets(FLOAT64, n, n, t);
}

/** A random-weight grid graph (rows × cols), optionally as two disjoint copies. */
function randomGrid(rows: number, cols: number, seed: number, copies = 1) {
  const rand = seededRandom(seed);
  const n = rows * cols;
  const edges: [number, number, number][] = [];
  for (let c = 0; c < copies; c++)
    for (let r = 0; r < rows; r++)
      for (let k = 0; k < cols; k++) {
        const v = c * n + r * cols + k;
        if (k + 1 < cols) edges.push([v, v + 1, 0.5 + rand()]);
        if (r + 1 < rows) edges.push([v, v + cols, 0.5 + rand()]);
      }
  const M = Float64Array.from({ length: n * copies }, () => 0.2 + rand());
  return { K: graphLaplacian(n * copies, edges), M };
}

describe('dense and sparse eigensolvers', () => {
  it('closed form: the unit cycle C_n has eigenvalues 2 − 2cos(2πk/n)', () => {
    const n = 40;
    const K = graphLaplacian(
      n,
      Array.from({ length: n }, (_, i) => [i, (i + 1) % n, 1] as [number, number, number]),
    );
    const M = new Float64Array(n).fill(1);
    const exact = Array.from({ length: n }, (_, k) => 2 - 2 * Math.cos((2 * Math.PI * k) / n)).sort(
      (a, b) => a - b,
    );
    const dense = generalizedSpectrum(K, M, { method: 'dense' });
    expectClose(
      dense.pairs.map((p) => p.value),
      exact.map((x) => (x < 1e-12 * 4 ? 0 : x)),
      1e-12,
    );
    const sparse = generalizedSpectrum(K, M, { method: 'sparse', count: 7 });
    expectClose(
      sparse.pairs.map((p) => p.value),
      exact.slice(0, 7).map((x, i) => (i === 0 ? 0 : x)),
      1e-10,
    );
  });

  it('agree on random weighted grids (values and residuals), two components → λ = 0 twice', () => {
    for (const [rows, cols, seed, copies] of [
      [12, 15, 1, 1],
      [9, 11, 2, 2],
    ] as const) {
      const { K, M } = randomGrid(rows, cols, seed, copies);
      const dense = generalizedSpectrum(K, M, { method: 'dense', count: 8 });
      const sparse = generalizedSpectrum(K, M, { method: 'sparse', count: 8 });
      expect(sparse.converged).toBe(true);
      expect(sparse.components).toBe(copies);
      expect(sparse.pairs.filter((p) => p.value === 0).length).toBe(copies);
      const lmax = 4 * 1.5 * 5;
      sparse.pairs.forEach((p, i) => {
        expect(Math.abs(p.value - dense.pairs[i]!.value)).toBeLessThan(1e-9 * lmax);
        expect(p.residual).toBeLessThan(1e-8);
        expect(dense.pairs[i]!.residual).toBeLessThan(1e-10);
      });
      // eigenvectors M-orthonormal
      for (let a = 0; a < sparse.pairs.length; a++)
        for (let b = 0; b <= a; b++) {
          let s = 0;
          const va = sparse.pairs[a]!.vector;
          const vb = sparse.pairs[b]!.vector;
          for (let i = 0; i < va.length; i++) s += va[i]! * M[i]! * vb[i]!;
          expect(Math.abs(s - (a === b ? 1 : 0))).toBeLessThan(1e-8);
        }
    }
  });
});
