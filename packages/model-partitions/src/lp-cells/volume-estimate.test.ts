/**
 * Volume estimates (multiphase Monte Carlo, hit-and-run) against the exact volumes of
 * exact-polytope (double description) of the same cells: the data-holding cells of random 2-D and
 * 3-D ReLU nets, and the closed form of a box. The estimates are seeded, so the test is
 * deterministic; it asks the stated 99 % intervals to hold the exact volume for at least 90 % of the
 * cells and every estimate to be within 25 % of it.
 */
import { Rational, seededRandom } from '@mlgeo/exact-arith';
import { Polytope } from '@mlgeo/exact-polytope';
import { describe, expect, it } from 'vitest';
import { dataHoldingPartition, dataHoldingState } from '../engines/data-holding.js';
import { chebyshevBall } from './facets.js';
import { rowTable } from './float-rows.js';
import { cellSystem, systemContext } from './system.js';
import { ballVolume, estimateVolume } from './volume-estimate.js';
import { arrangement } from '../engines/test-helpers.js';
import { lpGeometry } from './geometry.js';
import { randomMlp } from '../testing/random-nets.js';

describe('volume estimates (tier estimate)', () => {
  it('ball volumes: V_2 = πr², V_3 = 4/3 πr³', () => {
    expect(ballVolume(2, 2)).toBeCloseTo(4 * Math.PI, 12);
    expect(ballVolume(3, 1)).toBeCloseTo((4 / 3) * Math.PI, 12);
    expect(ballVolume(1, 1)).toBe(2);
  });

  it('the unit box in 3-D: volume 1 within the interval', () => {
    const rows = [0, 1, 2].flatMap((k) => [
      { wf: Float64Array.from([0, 1, 2], (j) => (j === k ? 1 : 0)), cf: -1 },
      { wf: Float64Array.from([0, 1, 2], (j) => (j === k ? -1 : 0)), cf: 0 },
    ]);
    const e = estimateVolume(rowTable(rows), [0.5, 0.5, 0.5], 0.5, Math.sqrt(3) / 2, { seed: 7 });
    expect(e.low).toBeLessThanOrEqual(1);
    expect(e.high).toBeGreaterThanOrEqual(1);
    expect(Math.abs(e.volume - 1)).toBeLessThan(0.1);
  });

  it('cells of random 2-D and 3-D nets: exact volumes inside the stated intervals', () => {
    let cells = 0;
    let inside = 0;
    for (const [sizes, seed] of [
      [[2, 6, 4, 1], 1],
      [[2, 5, 5, 2], 2],
      [[3, 5, 4, 1], 3],
      [[3, 4, 4, 2], 4],
    ] as const) {
      const d = sizes[0];
      const model = randomMlp([...sizes], seed);
      const rnd = seededRandom(10 + seed);
      const points = Array.from({ length: 8 }, () =>
        Array.from({ length: d }, () => (1 + Math.floor(rnd() * 254)) / 256),
      );
      const partition = dataHoldingPartition(model, points);
      const ctx = systemContext(dataHoldingState(partition)!);
      for (const cell of partition.cells) {
        const sys = cellSystem(ctx, cell.label);
        const table = rowTable(sys.rows);
        const ball = chebyshevBall(sys, table)!;
        const c = ball.centreFloat;
        // K ⊂ [0, 1]^d ⊂ B(c, R)
        const R = Math.sqrt(c.reduce((s, x) => s + Math.max(x, 1 - x) ** 2, 0));
        const est = estimateVolume(table, c, ball.radius.toNumber() * (1 - 1e-9), R, {
          seed: 100 * seed + cells,
          confidence: 0.99,
        });
        const rows = sys.rows.map((_, i) => sys.exactRow(i));
        const exact = Polytope.fromHRep(
          rows.map((g) => g.w.map((v) => Rational.fromBigInt(v))),
          rows.map((g) => Rational.fromBigInt(-g.c)),
        )
          .volume()
          .toNumber();
        cells++;
        if (est.low <= exact && exact <= est.high) inside++;
        expect(Math.abs(est.volume / exact - 1)).toBeLessThan(0.25);
        expect(est.tier).toBe('estimate');
      }
    }
    expect(cells).toBeGreaterThanOrEqual(12);
    expect(inside / cells).toBeGreaterThanOrEqual(0.9);
  }, 120_000);

  it('lpGeometry: the halves of [0,1]^3 cut at x = 1/4 have volumes 1/4 and 3/4 (seeded, per cell)', () => {
    const model = arrangement(3, [[[1, 0, 0], '-1/4']]);
    const partition = dataHoldingPartition(model, [
      [0.1, 0.5, 0.5],
      [0.7, 0.5, 0.5],
    ]);
    const geo = lpGeometry(partition, { volumeEstimate: { seed: 3 } });
    const again = lpGeometry(partition, { volumeEstimate: { seed: 3 } });
    const vols = geo.cells.map((c) => c.volumeEstimate!);
    expect(vols.map((v) => v.volume)).toEqual(again.cells.map((c) => c.volumeEstimate!.volume));
    const expected = geo.cells.map((c) => (c.chebyshev!.centreFloat[0]! < 0.25 ? 0.25 : 0.75));
    vols.forEach((v, k) => {
      expect(v.low).toBeLessThanOrEqual(expected[k]!);
      expect(v.high).toBeGreaterThanOrEqual(expected[k]!);
    });
  });
});
