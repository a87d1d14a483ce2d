/**
 * The warm simplex and Clarkson's facet search against independent oracles: exact-polytope's exact
 * rational LP (optimal values over random polytopes, objectives in sequence on one warm basis, rows
 * added between them), and, on cells of random 5- to 7-input ReLU nets, the per-row exact LP
 * (`exactRedundancy`, the warm path off) for every row's status.
 */
import { Rational, RationalField, seededRandom } from '@mlgeo/exact-arith';
import { solveLP } from '@mlgeo/exact-polytope';
import { describe, expect, it } from 'vitest';
import { dataHoldingPartition } from '../engines/data-holding.js';
import { chebyshevBall, cellFacets } from './facets.js';
import { rowTable } from './float-rows.js';
import { cellSystem, systemContext } from './system.js';
import { dataHoldingState } from '../engines/data-holding.js';
import { WarmSimplex } from './warm-simplex.js';
import { randomMlp } from '../testing/random-nets.js';

/** Random polytope around the origin: m rows w·x ≤ 1 + small (dyadic, exact as floats). */
function randomRows(d: number, m: number, seed: number) {
  const rnd = seededRandom(seed);
  return Array.from({ length: m }, () => ({
    wf: Float64Array.from({ length: d }, () => Math.round((rnd() * 2 - 1) * 64) / 64),
    cf: -(1 + Math.round(rnd() * 64) / 64),
  }));
}

const exactMax = (rows: { wf: Float64Array; cf: number }[], obj: ArrayLike<number>) => {
  const R = (x: number) => Rational.fromDouble(x);
  const r = solveLP(RationalField, {
    objective: Array.from(obj, R),
    A: rows.map((g) => Array.from(g.wf, R)),
    b: rows.map((g) => R(-g.cf)),
    sense: 'max',
  });
  return r;
};

describe('WarmSimplex', () => {
  it('maximises objectives in sequence and after added rows like the exact LP', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const d = 2 + (seed % 5);
      const m = 3 * d + 4;
      const rows = randomRows(d, m, seed);
      const table = rowTable(rows);
      const lp = new WarmSimplex(table, new Float64Array(d));
      const inQ: number[] = [];
      const rnd = seededRandom(100 + seed);
      for (let j = 0; j < m; j++) {
        expect(lp.addRow(j)).toBe(true);
        inQ.push(j);
        // maximise a few rows' normals over the rows added so far
        for (let t = 0; t < 3; t++) {
          const i = Math.floor(rnd() * m);
          const opt = lp.maximise(i);
          const ex = exactMax(
            inQ.map((k) => rows[k]!),
            rows[i]!.wf,
          );
          if (ex.status === 'unbounded') {
            expect(opt.status).toBe('unbounded');
            const u = opt.ray!;
            // the ray keeps every row of the region non-increasing and raises the objective
            for (const k of inQ)
              expect(
                table.w.subarray(k * d, (k + 1) * d).reduce((s, w, q) => s + w * u[q]!, 0),
              ).toBeLessThanOrEqual(1e-9);
            expect(rows[i]!.wf.reduce((s, w, q) => s + w * u[q]!, 0)).toBeGreaterThan(0);
          } else {
            expect(ex.status).toBe('optimal');
            expect(opt.status).toBe('optimal');
            const value = rows[i]!.wf.reduce((s, w, q) => s + w * opt.x![q]!, 0);
            expect(value).toBeCloseTo(ex.value!.toNumber(), 9);
            // multipliers: w_i = Σ λ_j w_j over tight rows, λ ≥ 0
            const res = Float64Array.from(rows[i]!.wf);
            for (const [k, lam] of opt.duals!) {
              expect(lam).toBeGreaterThan(0);
              for (let q = 0; q < d; q++) res[q]! -= lam * rows[k]!.wf[q]!;
            }
            for (const v of res) expect(Math.abs(v)).toBeLessThan(1e-9);
          }
        }
      }
    }
  });
});

describe("Clarkson's facet search on the warm simplex", () => {
  it('gives every row the status the exact per-row LPs give (random 5–7-D nets)', () => {
    let rows = 0;
    let facets = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const d = 5 + (seed % 3);
      const model = randomMlp([d, 8, 6, 2], seed);
      const rnd = seededRandom(50 + seed);
      const points = Array.from({ length: 6 }, () =>
        Array.from({ length: d }, () => (1 + Math.floor(rnd() * 254)) / 256),
      );
      const partition = dataHoldingPartition(model, points, { predicates: 'filtered' });
      const ctx = systemContext(dataHoldingState(partition)!);
      for (const cell of partition.cells) {
        const sys = cellSystem(ctx, cell.label);
        const table = rowTable(sys.rows);
        const ball = chebyshevBall(sys, table)!;
        const warm = cellFacets(sys, ball.centreFloat, {}, table);
        const exact = cellFacets(
          sys,
          ball.centreFloat,
          { warm: false, exactRedundancy: true },
          table,
        );
        expect(exact.redundancyTier).toBe('exact');
        expect(warm.status).toEqual(exact.status);
        expect(warm.stats.warm).toBeGreaterThan(0);
        // with exactRedundancy the warm path leaves every redundancy to the exact LP
        const warmExact = cellFacets(sys, ball.centreFloat, { exactRedundancy: true }, table);
        expect(warmExact.status).toEqual(exact.status);
        expect(warmExact.redundancyTier).toBe('exact');
        // every certificate: g_i > 0 there and every other row < 0 (exact)
        for (const [i, y] of warm.certificates) {
          const positive = new Set([
            i,
            ...[...warm.duplicateOf].filter(([, v]) => v === i).map(([k]) => k),
          ]);
          expect(sys.signsHold(y, positive)).toBe(true);
        }
        rows += sys.rows.length;
        facets += warm.facets.length;
      }
    }
    expect(facets).toBeGreaterThan(0);
    expect(rows).toBeGreaterThan(facets);
  });
});
