/**
 * Sinkhorn is approximate: its [lower, upper] bracket must contain the exact W_1 of the (certified)
 * network simplex, and tighten as ε shrinks.
 */
import { seededRandom } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import { cycle, completeGraph } from '../graphs.test-helper.js';
import { ollivierCurvature } from '../ollivier.js';
import { bigintAmounts, solveTransport } from './network-simplex.js';
import { sinkhornW1 } from './sinkhorn.js';

describe('sinkhornW1', () => {
  it('brackets the exact W_1 on random problems; the bracket narrows with ε', () => {
    const r = seededRandom(11);
    for (let t = 0; t < 100; t++) {
      const m = 1 + Math.floor(r() * 6);
      const n = 1 + Math.floor(r() * 6);
      const a = Array.from({ length: m }, () => BigInt(1 + Math.floor(r() * 9)) * BigInt(n));
      const S = a.reduce((s, x) => s + x, 0n);
      const b = Array.from({ length: n }, () => S / BigInt(n));
      const cost = Array.from({ length: m * n }, () => 1 + Math.floor(r() * 3));
      const exact = Number(solveTransport(bigintAmounts, a, b, cost).cost) / Number(S);
      const fa = a.map((x) => Number(x) / Number(S));
      const fb = b.map((x) => Number(x) / Number(S));
      const coarse = sinkhornW1(fa, fb, cost, { epsilon: 0.1 });
      const fine = sinkhornW1(fa, fb, cost, { epsilon: 1e-3 });
      for (const s of [coarse, fine]) {
        expect(s.lower).toBeLessThanOrEqual(exact + 1e-12);
        expect(s.upper).toBeGreaterThanOrEqual(exact - 1e-12);
      }
      expect(fine.upper - fine.lower).toBeLessThanOrEqual(coarse.upper - coarse.lower + 1e-12);
      expect(fine.upper - fine.lower).toBeLessThan(0.05);
    }
  });

  it('Ollivier in sinkhorn mode reports bounds around the exact κ', () => {
    for (const g of [completeGraph(6), cycle(8)]) {
      const exact = ollivierCurvature(g, { mode: 'exact' });
      const s = ollivierCurvature(g, { mode: 'sinkhorn', sinkhorn: { epsilon: 1e-3 } });
      s.bounds!.kappa.forEach(([lo, hi], e) => {
        const k = exact.exact!.kappa[e]!.toNumber();
        expect(lo).toBeLessThanOrEqual(k + 1e-12);
        expect(hi).toBeGreaterThanOrEqual(k - 1e-12);
        expect(Math.abs(s.kappa[e]! - k)).toBeLessThanOrEqual((hi - lo) / 2 + 1e-12);
      });
    }
  });
});
