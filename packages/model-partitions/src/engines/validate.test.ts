import { MlgeoError, Rational } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import type { Model } from '../models.js';
import { partitionOf } from './enumerate.js';
import { TreeStructureError } from './tree.js';
import { mlp, tree } from './test-helpers.js';

function errorOf(f: () => unknown): MlgeoError {
  try {
    f();
  } catch (e) {
    return e as MlgeoError;
  }
  throw new Error('expected an error');
}

describe('bad models get typed errors naming the field', () => {
  it('layer size mismatch', () => {
    const m = mlp(2, [
      [
        [
          [1, 0],
          [0, 1],
        ],
        [0, 0],
      ],
      [[[1, 1, 1]], [0]],
    ]);
    const e = errorOf(() => partitionOf(m));
    expect(e.code).toBe('SHAPE');
    expect(e.field).toBe('layers[1].weights[0]');
  });
  it('bias count mismatch', () => {
    const m = mlp(2, [[[[1, 0]], [0, 1]]]);
    expect(errorOf(() => partitionOf(m)).field).toBe('layers[0].weights');
  });
  it('a non-Rational entry', () => {
    const m = mlp(1, [[[[1]], [0]]]);
    (m.layers[0]!.weights[0] as unknown[])[0] = 0.5;
    expect(errorOf(() => partitionOf(m)).field).toBe('layers[0].weights[0][0]');
  });
  it('cyclic and dangling trees, bad features', () => {
    const cyclic = tree(2, [[0, '1/2', 1, 2], { leaf: [0] }, [1, '1/2', 0, 1]]);
    const e1 = errorOf(() => partitionOf(cyclic));
    expect(e1).toBeInstanceOf(TreeStructureError);
    expect(e1.field).toMatch(/^nodes\[\d\]$/);
    const dangling = tree(2, [[0, '1/2', 1, 7], { leaf: [0] }]);
    expect(errorOf(() => partitionOf(dangling)).field).toBe('nodes[0].right');
    const badFeature = tree(2, [[2, '1/2', 1, 2], { leaf: [0] }, { leaf: [1] }]);
    expect(errorOf(() => partitionOf(badFeature)).field).toBe('nodes[0].feature');
  });
  it('sites and classes of the wrong dimension', () => {
    const v: Model = { kind: 'voronoi', inputDimension: 2, sites: [[Rational.ONE]] };
    expect(errorOf(() => partitionOf(v)).field).toBe('sites[0]');
    const l: Model = { kind: 'linear', inputDimension: 1, weights: [[Rational.ONE]], bias: [] };
    expect(errorOf(() => partitionOf(l)).field).toBe('bias');
  });
  it('forest trees over other inputs', () => {
    const f: Model = {
      kind: 'forest',
      inputDimension: 2,
      trees: [tree(3, [{ leaf: [0] }])],
      aggregate: 'sum',
      task: 'regression',
    };
    expect(errorOf(() => partitionOf(f)).field).toBe('trees[0].inputDimension');
  });
});
