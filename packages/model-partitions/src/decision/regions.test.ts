import { Rational, SqrtRational, seededRandom } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import { partitionOf } from '../engines/enumerate.js';
import { mlp, R } from '../engines/test-helpers.js';
import type { LinearClassifierModel } from '../models.js';
import { decisionPartition } from './regions.js';
import { classAt } from './scores.js';

const exactOf = (v: Rational | SqrtRational | number) => {
  if (typeof v === 'number') throw new Error('expected an exact value');
  return v.toString();
};

describe('decisionPartition (SPEC §5 decision regions)', () => {
  it('splits a one-output net along f = 0: class 1 iff f > 0', () => {
    // f = x − y on [0,1]²: two triangles of area 1/2, a diagonal of length √2
    const model = mlp(2, [[[[1, -1]], [0]]]);
    const dp = decisionPartition(partitionOf(model), model)!;
    expect(dp.cells[0]!.map((p) => [p.label, exactOf(p.volume)])).toEqual([
      [':0', '1/2'],
      [':1', '1/2'],
    ]);
    expect(dp.boundary.map((b) => [b.classes, exactOf(b.volume)])).toEqual([[[0, 1], 'sqrt(2)']]);
    expect(dp.regions.map((r) => [r.class, exactOf(r.volume), r.pieces])).toEqual([
      [0, '1/2', 1],
      [1, '1/2', 1],
    ]);
  });

  it('three classes in one cell: closed-form areas and boundary lengths, ties to the lowest index', () => {
    // z = (x, y, 1/2): class 2 wins only where x < 1/2 and y < 1/2
    const model = mlp(2, [
      [
        [
          [1, 0],
          [0, 1],
          [0, 0],
        ],
        [0, 0, '1/2'],
      ],
    ]);
    const dp = decisionPartition(partitionOf(model), model)!;
    expect(dp.regions.map((r) => [r.class, exactOf(r.volume)])).toEqual([
      [0, '3/8'],
      [1, '3/8'],
      [2, '1/4'],
    ]);
    const lengths = dp.boundary.map((b) => `${b.classes.join('|')}=${exactOf(b.volume)}`).sort();
    expect(lengths).toEqual(['0|1=1/2*sqrt(2)', '0|2=1/2', '1|2=1/2']);
    // on the tie x = y (x > 1/2) the lowest index wins: (3/4, 3/4) is class 0, and in piece 0
    const output = partitionOf(model).cells[0]!.mlp!.output;
    expect(classAt(output, [R('3/4'), R('3/4')])).toBe(0);
    expect(classAt(output, [R('1/2'), R('1/4')])).toBe(0); // z_0 = z_2 = 1/2
    expect(classAt(output, [R('1/4'), R('1/2')])).toBe(1); // z_1 = z_2 = 1/2
  });

  it('bends across a shared facet: arccos(n1·n2) with normals towards the higher class', () => {
    // f = y − 1/4 − relu(x − 1/2) (y enters through a unit that is always on, y + 1 > 0): the
    // boundary turns by π/4 at (1/2, 1/4)
    const withY = mlp(2, [
      [
        [
          [1, 0],
          [0, 1],
        ],
        ['-1/2', 1],
      ],
      [[[-1, 1]], ['-5/4']],
    ]);
    const partition = partitionOf(withY);
    const dp = decisionPartition(partition, withY)!;
    expect(dp.boundary.map((b) => exactOf(b.volume)).sort()).toEqual(['1/2', '1/2*sqrt(2)']);
    expect(dp.bends).toHaveLength(1);
    expect(exactOf(dp.bends[0]!.cos)).toBe('1/2*sqrt(2)');
    expect(dp.bends[0]!.angle).toBeCloseTo(Math.PI / 4, 14);
    const sum = dp.regions.reduce((s, r) => s.add(r.volume as Rational), Rational.ZERO);
    expect(sum.toString()).toBe('1');
    // class 1 (f > 0) area: ∫_0^1 (1 − g(x)) dx with g = 1/4 + relu(x − 1/2): 3/4 − 1/8 = 5/8
    expect(exactOf(dp.regions[1]!.volume)).toBe('5/8');
  });

  it('3-D: a bent boundary in the unit cube, areas and the bend in closed form', () => {
    // f = y − 1/4 − relu(x − 1/2) on [0,1]³: the plane y = 1/4 (x < 1/2, area 1/2) turns by π/4
    // into y = x − 1/4 (x > 1/2, a 1/2 × 1 strip tilted by π/4: area √2/2)
    const model = mlp(3, [
      [
        [
          [1, 0, 0],
          [0, 1, 0],
        ],
        ['-1/2', 1],
      ],
      [[[-1, 1]], ['-5/4']],
    ]);
    const partition = partitionOf(model);
    const dp = decisionPartition(partition, model)!;
    expect(dp.boundary.map((b) => exactOf(b.volume)).sort()).toEqual(['1/2', '1/2*sqrt(2)']);
    expect(dp.bends.map((b) => exactOf(b.cos))).toEqual(['1/2*sqrt(2)']);
    // class 1 (f > 0) volume: the 2-D area 5/8 times the height 1
    expect(exactOf(dp.regions[1]!.volume)).toBe('5/8');
    const sum = dp.regions.reduce((s, r) => s.add(r.volume as Rational), Rational.ZERO);
    expect(sum.toString()).toBe('1');
  });

  it('random 2→6→6→c nets: pieces tile each cell and hold exactly their argmax class', () => {
    const rnd = seededRandom(20261203);
    const q = () => R(`${Math.round((rnd() * 2 - 1) * 64)}/32`);
    for (const c of [2, 3, 4, 5]) {
      const layer = (inp: number, out: number): [Rational[][], Rational[]] => [
        Array.from({ length: out }, () => Array.from({ length: inp }, q)),
        Array.from({ length: out }, q),
      ];
      const model = {
        kind: 'mlp' as const,
        inputDimension: 2,
        layers: [layer(2, 6), layer(6, 6), layer(6, c)].map(([W, b]) => ({ weights: W, bias: b })),
      };
      for (const predicates of ['exact', 'filtered'] as const) {
        const partition = partitionOf(model, { predicates });
        const dp = decisionPartition(partition, model, { predicates })!;
        const total = dp.regions.reduce((s, r) => s.add(r.volume as Rational), Rational.ZERO);
        expect(total.toString()).toBe('1');
        partition.cells.forEach((cell, i) => {
          const sum = dp.cells[i]!.reduce((s, p) => s.add(p.volume as Rational), Rational.ZERO);
          expect(sum.equals(cell.polytope.volume())).toBe(true);
          for (const p of dp.cells[i]!) {
            const x = p.polytope.centroid();
            expect(classAt(cell.mlp!.output, x)).toBe(p.class);
          }
        });
        // float measures agree with the exact ones
        const float = decisionPartition(partition, model, { predicates, measures: 'float' })!;
        float.regions.forEach((r, i) =>
          expect(r.volume as number).toBeCloseTo(
            (dp.regions[i]!.volume as Rational).toNumber(),
            12,
          ),
        );
      }
    }
  });

  it('a linear classifier: one piece per cell, the class is the label', () => {
    const model: LinearClassifierModel = {
      kind: 'linear',
      inputDimension: 2,
      weights: [
        [R(1), R(0)],
        [R(0), R(1)],
      ],
      bias: [R(0), R(0)],
    };
    const dp = decisionPartition(partitionOf(model), model)!;
    expect(dp.cells.map((ps) => ps.map((p) => p.label))).toEqual([['0:0'], ['1:1']]);
    expect(dp.boundary).toEqual([]);
  });
});
