/**
 * Cross-check against Debian's scipy: fixtures written by
 * tools/fixtures/laplacian/make-scipy-fixtures.py (scipy.linalg.eigh generalized, eigsh
 * shift-invert, spsolve) on seeded random Delaunay graphs with random weights.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { graphComplex } from './complexes.test-helper.js';
import { simplicialSpline } from './spline.js';
import { generalizedSpectrum } from './spectrum.js';

interface Case {
  seed: number;
  n: number;
  edges: [number, number][];
  M0: number[];
  M1: number[];
  eigenvalues: number[];
  eigshSmallest: number[];
  y: number[];
  mask: boolean[];
  splines: { lambda: number; f: number[] }[];
}

const fixtures = JSON.parse(
  readFileSync(new URL('../fixtures/scipy-crosscheck.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

const complexOf = (c: Case) => graphComplex(c.n, c.edges, c.M0, c.M1);

describe('scipy cross-check fixtures', () => {
  for (const c of fixtures.cases) {
    it(`seed ${c.seed}, ${c.n} sites: eigenvalues (dense and sparse) and splines`, () => {
      const wc = complexOf(c);
      const K = wc.boundaries[1]!.congruenceByDiagonal(c.M1);
      const M = Float64Array.from(c.M0);
      const lmax = c.eigenvalues[c.eigenvalues.length - 1]!;
      const dense = generalizedSpectrum(K, M, { method: 'dense' });
      dense.pairs.forEach((p, i) =>
        expect(Math.abs(p.value - c.eigenvalues[i]!)).toBeLessThan(1e-10 * lmax),
      );
      const sparse = generalizedSpectrum(K, M, { method: 'sparse', count: 6 });
      sparse.pairs.forEach((p, i) =>
        expect(Math.abs(p.value - c.eigshSmallest[i]!)).toBeLessThan(1e-8 * lmax),
      );
      for (const s of c.splines) {
        for (const solver of ['direct', 'pcg'] as const) {
          const r = simplicialSpline(wc, c.y, { mask: c.mask, lambda: s.lambda, solver });
          const scale = Math.max(...s.f.map(Math.abs));
          r.values.forEach((v, i) =>
            expect(Math.abs((v as number) - s.f[i]!)).toBeLessThan(1e-8 * scale),
          );
        }
      }
    });
  }
});
