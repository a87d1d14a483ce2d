/**
 * The bounded face LP (face-lp.ts) against an independent oracle: the exact LP on the cell's exact
 * H-representation (`strictPointExact`: a point on z_u = 0 strictly inside every other row of the
 * cell and the domain), on random ReLU nets in 6–40 D. Its decisions must never contradict the
 * oracle; `adjacent` carries an exact point checked here row by row, `absent` an exact dual bound.
 * Every row u of a data-holding cell is asked (is z_u = 0 a facet of the cell?), so both kinds of
 * answers occur (most rows of a cell are redundant); the one-bit candidates of the data are asked
 * too, and certifiedMlpAdjacency is compared with the exact adjacency. A hand-made degenerate face
 * (z_u = 0 touches the cell only at a vertex) must never be called adjacent.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rational } from '@mlgeo/exact-arith';
import type { ReluMlpModel } from '../models.js';
import { facetAdjacency, faceTasks } from '../engines/adjacency.js';
import { dataHoldingPartition, dataHoldingState, rowsOf } from '../engines/data-holding.js';
import { oneBitPairs } from '../engines/face-candidates.js';
import { strictPointExact } from '../engines/lp-bridge.js';
import { certifiedMlpAdjacency, mlpWorkerJob } from '../engines/mlp-adjacency.js';
import { type MlpFaceTask, mlpFaceContext } from '../engines/mlp-faces.js';
import { exactValue } from '../engines/vcell.js';
import { box } from '../domain.js';
import { randomMlp, randomPoints } from '../testing/random-nets.js';
import { boundedFaceLP, faceLpContext } from './face-lp.js';

function setup(sizes: number[], seed: number, n: number) {
  const model = randomMlp(sizes, seed);
  const p = dataHoldingPartition(model, randomPoints(sizes[0]!, n, seed), { keepIndices: true });
  const state = dataHoldingState(p)!;
  const candidates = oneBitPairs(p.cells.map((c) => c.label));
  const job = mlpWorkerJob(p, state, candidates);
  const ctx = mlpFaceContext(job.model, job.domainRows);
  const lc = faceLpContext(ctx, state.domain.box)!;
  return { model, p, state, candidates, job, lc };
}

type Setup = ReturnType<typeof setup>;

/** Asks whether z_u = 0 is a facet of cell `cell` by the bounded LP and by the exact LP. */
function askRow(s: Setup, cell: number, position: number, startCheck: boolean) {
  const label = s.p.cells[cell]!.label;
  const { rows, tags } = rowsOf(s.state, label);
  const at = tags.indexOf(position);
  const task: MlpFaceTask = {
    a: cell,
    b: cell,
    labelA: label,
    labelB: label,
    position,
    samplesA: s.job.tasks.find((t) => t.a === cell)?.samplesA ?? [],
    samplesB: [],
  };
  const r = boundedFaceLP(s.lc, task, { startCheck });
  if (at < 0) {
    // a unit constant on the cell has no hyperplane there
    expect(r.decision).not.toBe('adjacent');
    return { r, oracle: false };
  }
  const others = rows.filter((_, k) => k !== at);
  const oracle = strictPointExact(others, [rows[at]!]) !== undefined;
  if (r.decision === 'adjacent') {
    expect(oracle).toBe(true);
    const y = r.point!;
    expect(exactValue(rows[at]!, y)).toBe(0n);
    for (const g of others) expect(exactValue(g, y) < 0n).toBe(true);
  }
  if (r.decision === 'absent') expect(oracle).toBe(false);
  return { r, oracle };
}

describe('bounded face LP (box as variable bounds), certified both ways', () => {
  it.each([
    [[6, 10, 10, 2], 1, 120],
    [[10, 12, 12, 2], 2, 120],
    [[20, 14, 12, 2], 3, 80],
    [[40, 16, 12, 2], 4, 60],
    [[8, 10, 10, 10, 2], 5, 100],
  ])(
    'net %j (seed %i, %i points): every row of every data cell, same as the exact LP',
    (sizes, seed, n) => {
      const s = setup(sizes, seed, n);
      const units = sizes.slice(1, -1).reduce((a, b) => a + b, 0);
      const tally = { adjacentTrue: 0, absentFalse: 0, undecided: 0, total: 0 };
      for (let cell = 0; cell < Math.min(s.p.cells.length, 12); cell++)
        for (let u = 0; u < units; u++) {
          const { r, oracle } = askRow(s, cell, u, false);
          tally.total++;
          if (r.decision === 'undecided') tally.undecided++;
          else if (oracle) tally.adjacentTrue++;
          else tally.absentFalse++;
        }
      // both certificates occur, and (nearly) everything is decided
      expect(tally.adjacentTrue).toBeGreaterThan(0);
      expect(tally.absentFalse).toBeGreaterThan(0);
      expect(tally.undecided).toBeLessThanOrEqual(Math.ceil(0.02 * tally.total));
    },
    120_000,
  );

  it('fast-check: random nets, cells and rows; never contradicts the exact LP', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 6, max: 14 }),
        fc.integer({ min: 4, max: 10 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.boolean(),
        (d, width, seed, startCheck) => {
          const s = setup([d, width, width, 2], seed, 40);
          const cell = seed % s.p.cells.length;
          for (let u = 0; u < 2 * width; u += 3) askRow(s, cell, u, startCheck);
        },
      ),
      { numRuns: 25, seed: 7 },
    );
  }, 120_000);

  it('one-bit candidates of the data: the same decisions as the exact face LPs', () => {
    for (const [sizes, seed, n] of [
      [[6, 12, 12, 2], 2, 150],
      [[12, 12, 12, 2], 5, 100],
    ] as const) {
      const s = setup([...sizes], seed, n);
      const tasks = faceTasks(s.p, s.state, s.candidates);
      expect(s.candidates.length).toBeGreaterThan(10);
      s.candidates.forEach((c, i) => {
        const task = tasks.find((t) => t.a === c.a && t.b === c.b && t.position === c.position);
        const oracle = task ? strictPointExact(task.rows, [task.equality]) !== undefined : false;
        const r = boundedFaceLP(s.lc, s.job.tasks[i]!, { startCheck: false });
        expect(r.decision).toBe(oracle ? 'adjacent' : 'absent');
        if (r.decision !== 'adjacent') return;
        // the point is on the shared facet: strictly inside every other row of both cells
        for (const label of [s.p.cells[c.a]!.label, s.p.cells[c.b]!.label]) {
          const { rows, tags } = rowsOf(s.state, label);
          rows.forEach((g, k) => {
            if (tags[k] !== c.position) expect(exactValue(g, r.point!) < 0n).toBe(true);
          });
        }
      });
    }
  }, 120_000);

  it('certifiedMlpAdjacency with face LPs equals the exact adjacency', () => {
    for (const [sizes, seed, n] of [
      [[5, 8, 6, 2], 5, 80],
      [[8, 10, 10, 2], 3, 120],
    ] as const) {
      const s = setup([...sizes], seed, n);
      const full = facetAdjacency(s.p);
      const cert = certifiedMlpAdjacency(s.p, s.state);
      const without = certifiedMlpAdjacency(s.p, s.state, { faceLPs: false });
      const key = (e: { a: number; b: number }) => `${e.a},${e.b}`;
      expect(cert.edges.map(key)).toEqual(full.edges.map(key));
      expect(cert.undecided).toBe(0);
      expect(cert.absent).toBe(cert.candidates - cert.edges.length);
      expect(cert.faceLPs).toBe(without.undecided);
      // every edge carries an exact point of the shared facet
      for (const e of cert.edges) expect(e.certificate).toBeDefined();
    }
  }, 120_000);

  it('a face meeting the cell only at a vertex is never adjacent (degenerate: t* = 0)', () => {
    // h1 = relu(x), h2 = relu(y), z = h1 + h2 − c: on the cell x > 0, y > 0, z > 0 the hyperplane
    // z = 0 is x + y = c; c = 0 touches the closed cell only at the origin
    const R = (v: number) => Rational.of(v);
    for (const [c, expected] of [
      [0, 'not-adjacent'],
      [1, 'adjacent'],
      [-1, 'not-adjacent'],
    ] as const) {
      const model: ReluMlpModel = {
        kind: 'mlp',
        inputDimension: 2,
        layers: [
          {
            weights: [
              [R(1), R(0)],
              [R(0), R(1)],
            ],
            bias: [R(0), R(0)],
          },
          { weights: [[R(1), R(1)]], bias: [R(-c)] },
          { weights: [[R(1)]], bias: [R(0)] },
        ],
      };
      const p = dataHoldingPartition(
        model,
        [[0.5, 0.5]].map((q) => q.map((v) => v + c)),
        {
          keepIndices: true,
          domain: box([-2, -2], [2, 2]),
        },
      );
      const state = dataHoldingState(p)!;
      const ctx = mlpFaceContext(model, [...state.domain.rows]);
      const lc = faceLpContext(ctx, state.domain.box)!;
      for (const startCheck of [true, false]) {
        const r = boundedFaceLP(
          lc,
          {
            a: 0,
            b: 0,
            labelA: '111',
            labelB: '110',
            position: 2,
            samplesA: [[0.5 + Math.max(c, 0), 0.5 + Math.max(c, 0)]],
            samplesB: [],
          },
          { startCheck },
        );
        if (expected === 'adjacent') expect(r.decision).toBe('adjacent');
        else expect(r.decision).not.toBe('adjacent');
        // x + y = c < 0 misses the quadrant's closure: the dual bound proves it
        if (c < 0) expect(r.decision).toBe('absent');
      }
    }
  });
});
