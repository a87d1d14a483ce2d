/**
 * Cross-check of the GCV-chosen order-1 spline against R's mgcv: fixtures written by
 * tools/fixtures/laplacian/make-mgcv-fixture.R (Debian r-cran-mgcv, s(region, bs = "mrf") with the
 * penalty K = B_1 M_1 B_1ᵀ, prior weights M_0, method "GCV.Cp") on seeded weighted grid complexes,
 * every cell observed (mgcv's full-rank MRF needs at least as many data as regions). The script
 * explains why the two problems are the same. Two checks per case:
 * - at mgcv's λ (its sp divided by its internal penalty scale S.scale) the fitted values agree to
 *   1e-10 of their range, the effective degrees of freedom and the GCV score to 1e-10 relative
 *   (measured: 7e-15, 2e-16, 2.5e-13);
 * - the λ our GCV search chooses agrees with mgcv's to 1e-3 relative (ours stops its
 *   golden-section search at 10⁻³ in log10 λ; measured ≤ 1.6e-4), then the fitted values to 1e-4
 *   of their range, the degrees of freedom to 5e-4 and the GCV score to 1e-8 relative (the minimum
 *   is flat; measured 8e-6, 4e-5, 5e-10).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { graphComplex } from './complexes.test-helper.js';
import { simplicialSpline } from './spline.js';

interface Case {
  seed: number;
  n: number;
  edges: [number, number][];
  M0: number[];
  M1: number[];
  y: number[];
  mask: boolean[];
  f: number[];
  edf: number;
  gcv: number;
  lambda: number;
}

const fixtures = JSON.parse(
  readFileSync(new URL('../fixtures/mgcv-crosscheck.json', import.meta.url), 'utf8'),
) as { mgcv: string; cases: Case[] };

describe(`mgcv ${fixtures.mgcv} cross-check (GCV-chosen spline)`, () => {
  for (const c of fixtures.cases) {
    it(`seed ${c.seed}, ${c.n} cells: λ, fitted values, degrees of freedom and GCV score`, () => {
      const wc = graphComplex(c.n, c.edges, c.M0, c.M1);
      const r = simplicialSpline(wc, c.y, {
        mask: c.mask,
        gcvGrid: { from: 1e-6, to: 1e6, points: 49 },
      });
      const lambda = r.lambda as number;
      expect(Math.abs(Math.log(lambda / c.lambda))).toBeLessThan(0.02);
      const range = Math.max(...c.f) - Math.min(...c.f);
      (r.values as number[]).forEach((v, i) =>
        expect(Math.abs(v - c.f[i]!)).toBeLessThan(1e-3 * range),
      );
      expect(Math.abs(r.dof! - c.edf)).toBeLessThan(1e-3 * c.edf);
      expect(Math.abs(r.gcv! - c.gcv)).toBeLessThan(1e-6 * c.gcv);
    });
  }
});
