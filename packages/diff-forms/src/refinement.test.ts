/**
 * The layer-wise refinement (SPEC §5): SPEC §9 D by hand, and for random networks the invariants
 * that make P_1 ≥ P_2 ≥ … a refinement — children's volumes add up to their parent's exactly, the
 * last level is partitionOf(model) itself, and data counts split without loss.
 */
import { Rational } from '@mlgeo/exact-arith';
import { partitionOf } from '@mlgeo/model-partitions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layerRefinement } from './refinement.js';
import { arbitraryMlp, specD } from './test-helpers.js';

describe('SPEC §9 D', () => {
  const levels = layerRefinement(specD());

  it('P_1 = two halves split by x = 1/2 (unit 2 is on everywhere); P_2 = the four cells of §9 D', () => {
    expect(levels.map((l) => l.partition.cells.map((c) => c.label))).toEqual([
      ['01', '11'],
      ['010', '011', '110', '111'],
    ]);
    expect(levels[0]!.partition.cells.map((c) => String(c.polytope.volume()))).toEqual([
      '1/2',
      '1/2',
    ]);
    expect(levels[0]!.children).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(levels[1]!.parent).toEqual([0, 0, 1, 1]);
  });

  it('the complex at every level: P_1 is one edge, P_2 the 4-cycle with the shared faces of §9 D', () => {
    expect(levels[0]!.complex().fVector).toEqual([2, 1]);
    const c = levels[1]!.complex();
    expect(c.fVector).toEqual([4, 4]);
    expect(c.sharedFaces.map((f) => `${f.i}|${f.j}=${f.volume}`)).toEqual([
      '0|1=1/2',
      '0|2=3/4',
      '1|3=1/4',
      '2|3=1/2*sqrt(2)',
    ]);
    expect(levels[1]!.complex()).toBe(c);
  });

  it('data-holding levels on the SPEC §9 grid: counts split from parent to children', () => {
    const grid: string[][] = [];
    for (let a = 0; a < 10; a++)
      for (let b = 0; b < 10; b++) grid.push([`${2 * a + 1}/20`, `${2 * b + 1}/20`]);
    const data = layerRefinement(specD(), { points: grid });
    expect(data[0]!.partition.cells.map((c) => c.dataCount)).toEqual([50, 50]);
    const counts = data[1]!.partition.cells.map((c) => c.dataCount!);
    expect(counts.reduce((a, b) => a + b)).toBe(100);
    data[0]!.children.forEach((kids, p) =>
      expect(kids.reduce((s, k) => s + counts[k]!, 0)).toBe(data[0]!.partition.cells[p]!.dataCount),
    );
  });
});

describe('random networks', () => {
  it('children tile their parent exactly; the last level is the partition of the whole network', () => {
    fc.assert(
      fc.property(arbitraryMlp(2, [2, 2, 2]), (model) => {
        const levels = layerRefinement(model, { predicates: 'filtered' });
        expect(levels).toHaveLength(3);
        const total = Rational.sum(levels[0]!.partition.cells.map((c) => c.polytope.volume()));
        expect(total.equals(Rational.ONE)).toBe(true);
        for (let l = 0; l + 1 < levels.length; l++) {
          const [up, down] = [levels[l]!, levels[l + 1]!];
          expect(down.parent.every((p) => p >= 0)).toBe(true);
          up.partition.cells.forEach((cell, p) => {
            const kids = up.children[p]!;
            expect(kids.length).toBeGreaterThan(0);
            for (const k of kids)
              expect(down.partition.cells[k]!.label.startsWith(cell.label)).toBe(true);
            const sum = Rational.sum(kids.map((k) => down.partition.cells[k]!.polytope.volume()));
            expect(sum.equals(cell.polytope.volume())).toBe(true);
          });
        }
        expect(levels[2]!.partition.cells.map((c) => c.label)).toEqual(
          partitionOf(model).cells.map((c) => c.label),
        );
      }),
      { numRuns: 15, seed: 21 },
    );
  });
});
