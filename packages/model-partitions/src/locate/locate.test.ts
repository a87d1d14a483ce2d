import { MlgeoError } from '@mlgeo/exact-arith';
import { Rational } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import { partitionOf } from '../engines/enumerate.js';
import { arrangement, tree, specExampleD, specGrid } from '../engines/test-helpers.js';
import { OutsideDomainError, countPoints, labelOf, locatePoint, pointLabel } from './locate.js';

const grid = specGrid();

describe('SPEC §9 point counts', () => {
  it('A: 25 points per cell', () => {
    const model = arrangement(2, [
      [[1, 0], '-1/2'],
      [[0, 1], '-1/2'],
    ]);
    expect(countPoints(partitionOf(model), model, grid).counts).toEqual([25, 25, 25, 25]);
  });
  it('B: 40, 10, 15, 35 (points on x + y = 1 get bit 0)', () => {
    const model = arrangement(2, [
      [[1, 0], '-1/2'],
      [[1, 1], -1],
    ]);
    expect(labelOf(model, ['1/4', '3/4'])).toBe('00');
    expect(pointLabel(model, ['1/4', '3/4']).tie).toBe(true);
    expect(countPoints(partitionOf(model), model, grid).counts).toEqual([40, 10, 15, 35]);
  });
  it('C: 50, 25, 25 with the tree rule x_f ≤ t goes left', () => {
    const model = tree(2, [
      [0, '1/2', 1, 2],
      { leaf: [0] },
      [1, '1/2', 3, 4],
      { leaf: [1] },
      { leaf: [2] },
    ]);
    expect(countPoints(partitionOf(model), model, grid).counts).toEqual([50, 25, 25]);
    expect(labelOf(model, ['1/2', '1/2'])).toBe('1');
    expect(labelOf(model, ['3/4', '1/2'])).toBe('3');
  });
  it('D: MLP labels by forward pass agree with the enumerated cells', () => {
    const model = specExampleD();
    const p = partitionOf(model);
    const { counts } = countPoints(p, model, grid);
    // 010: x < 1/2, y < 3/4 → 10·15/… counted independently from the SPEC cell descriptions
    let c010 = 0,
      c011 = 0,
      c110 = 0,
      c111 = 0;
    for (let a = 0; a < 10; a++)
      for (let b = 0; b < 10; b++) {
        const x = (2 * a + 1) / 20,
          y = (2 * b + 1) / 20;
        if (x < 0.5) {
          if (y > 0.75) c011++;
          else c010++;
        } else if (x + y > 1.25) c111++;
        else c110++;
      }
    expect(counts).toEqual([c010, c011, c110, c111]);
  });
});

describe('ties and the domain', () => {
  it('a label that names no cell goes to the lowest-indexed cell whose closure holds the point', () => {
    // h1 = x − 1/2, h2 = 1/2 − x: x = 1/2 has label 00, which is empty
    const model = arrangement(1, [
      [[1], '-1/2'],
      [[-1], '1/2'],
    ]);
    const p = partitionOf(model);
    expect(p.cells.map((c) => c.label)).toEqual(['01', '10']);
    expect(labelOf(model, ['1/2'])).toBe('00');
    expect(locatePoint(p, model, ['1/2'])).toEqual({ index: 0, label: '01' });
    expect(locatePoint(p, model, ['3/4'])).toEqual({ index: 1, label: '10' });
  });
  it('a tree point on a flat leaf (split on the domain boundary) goes to the leaf that holds it', () => {
    // x0 ≤ 0 → leaf 1 (flat in X = [0,1]², no cell) | leaf 2
    const model = tree(2, [[0, 0, 1, 2], { leaf: [0] }, { leaf: [1] }]);
    const p = partitionOf(model);
    expect(p.cells.map((c) => c.label)).toEqual(['2']);
    expect(labelOf(model, [0, 0.5])).toBe('1');
    expect(locatePoint(p, model, [0, 0.5])).toEqual({ index: 0, label: '2' });
  });
  it('Voronoi and argmax ties go to the lowest index', () => {
    const v = {
      kind: 'voronoi' as const,
      inputDimension: 1,
      sites: [['1/4'], ['3/4']].map((s) => s.map((x) => Rational.parse(x))),
    };
    expect(labelOf(v, ['1/2'])).toBe('0');
    expect(labelOf(v, [0.5000001])).toBe('1');
    const lin = {
      kind: 'linear' as const,
      inputDimension: 1,
      weights: [[Rational.ONE], [Rational.ZERO]],
      bias: [Rational.ZERO, Rational.parse('1/2')],
    };
    expect(labelOf(lin, ['1/2'])).toBe('0');
    expect(labelOf(lin, [0.49])).toBe('1');
  });
  it('points outside X are an error naming the point, or are counted with skipOutside', () => {
    const model = arrangement(2, [[[1, 0], '-1/2']]);
    const p = partitionOf(model);
    expect(() => locatePoint(p, model, [1.5, 0.5])).toThrow(OutsideDomainError);
    try {
      locatePoint(p, model, [1.5, 0.5], 'points[7]');
    } catch (e) {
      expect((e as MlgeoError).code).toBe('OUTSIDE_DOMAIN');
      expect((e as MlgeoError).field).toBe('points[7]');
    }
    const r = countPoints(
      p,
      model,
      [
        [0.25, 0.5],
        [2, 2],
        [0.75, 0.5],
        [1, 1],
      ],
      { skipOutside: true },
    );
    expect(r).toEqual({ counts: [1, 2], outside: 1, missing: 0 });
  });
  it('a point of the wrong dimension is a shape error', () => {
    const model = arrangement(2, [[[1, 0], '-1/2']]);
    expect(() => labelOf(model, [0.5])).toThrow(/expected 2 coordinates/);
    expect(() => labelOf(model, [NaN, 0.5])).toThrow(/finite/);
  });
});
