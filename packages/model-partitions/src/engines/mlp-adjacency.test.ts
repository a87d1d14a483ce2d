/**
 * The MLP face decider (mlp-faces.ts: data segments, projections of data points onto the separating
 * hyperplane, then LPs) against an independent oracle: the exact LP on the exact H-representation
 * of every one-bit candidate (`faceTasks` + `strictPointExact`). Same decisions, and every
 * certificate is an exact point on the hyperplane strictly inside all other rows of both cells.
 */
import { describe, expect, it } from 'vitest';
import { faceTasks, facetAdjacency } from './adjacency.js';
import { dataHoldingPartition, dataHoldingState, rowsOf } from './data-holding.js';
import { oneBitPairs } from './face-candidates.js';
import { strictPointExact } from './lp-bridge.js';
import { certifiedMlpAdjacency, decideMlpFaces } from './mlp-adjacency.js';
import { exactValue } from './vcell.js';
import { randomMlp, randomPoints } from '../testing/random-nets.js';

describe('MLP face decisions by data certificates', () => {
  it.each([
    [[3, 6, 5, 2], 4, 60],
    [[5, 8, 6, 2], 5, 80],
    [[6, 10, 2], 6, 80],
  ])(
    'net %j (seed %i, %i points): same as the exact LP, certificates exact',
    (sizes, seed, n) => {
      const model = randomMlp(sizes, seed);
      const p = dataHoldingPartition(model, randomPoints(sizes[0]!, n, seed), {
        keepIndices: true,
      });
      const state = dataHoldingState(p)!;
      const labels = p.cells.map((c) => c.label);
      const candidates = oneBitPairs(labels);
      expect(candidates.length).toBeGreaterThan(0);
      const decisions = decideMlpFaces(p, state, candidates);
      const tasks = faceTasks(p, state, candidates);
      let byData = 0;
      candidates.forEach((c, i) => {
        const task = tasks.find((t) => t.a === c.a && t.b === c.b && t.position === c.position);
        const d = decisions[i]!;
        if (!task) {
          // a unit constant on cell a cannot separate it from b
          expect(d.adjacent).toBe(false);
          return;
        }
        // oracle: exact LP for a point on the hyperplane strictly inside every other row
        const oracle = strictPointExact(task.rows, [task.equality]) !== undefined;
        expect(d.adjacent).toBe(oracle);
        if (!d.adjacent) return;
        if (d.how === 'data') byData++;
        const y = d.point!;
        expect(exactValue(task.equality, y)).toBe(0n);
        for (const label of [labels[c.a]!, labels[c.b]!]) {
          const { rows, tags } = rowsOf(state, label);
          rows.forEach((g, k) => {
            if (tags[k] === c.position) return;
            expect(exactValue(g, y) < 0n).toBe(true);
          });
        }
        for (const g of state.domain.rows) expect(exactValue(g, y) < 0n).toBe(true);
      });
      // the data certificates carry most of the work (no LP)
      expect(byData).toBeGreaterThan(0);
    },
    120_000,
  );

  it.each([
    [[5, 8, 6, 2], 5, 80],
    [[6, 10, 2], 6, 80],
  ])(
    'certificates only (net %j): every edge is an LP edge, every missed one is undecided',
    (sizes, seed, n) => {
      const model = randomMlp(sizes, seed);
      const p = dataHoldingPartition(model, randomPoints(sizes[0]!, n, seed), {
        keepIndices: true,
      });
      const state = dataHoldingState(p)!;
      const full = facetAdjacency(p);
      const cert = certifiedMlpAdjacency(p, state);
      const key = (e: { a: number; b: number }) => `${e.a},${e.b}`;
      const all = new Set(full.edges.map(key));
      for (const e of cert.edges) expect(all.has(key(e))).toBe(true);
      const missed = full.edges.filter((e) => !cert.edges.some((c) => key(c) === key(e))).length;
      expect(cert.undecided).toBeGreaterThanOrEqual(missed);
      expect(cert.exactLPs + cert.certifiedByPoint).toBe(
        cert.candidates - cert.undecided - cert.certifiedByData,
      );
      expect(cert.edges.length).toBeGreaterThan(0);
    },
    120_000,
  );
});
