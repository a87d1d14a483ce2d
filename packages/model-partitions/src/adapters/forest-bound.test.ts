/**
 * The cell-count bound of trees and forests (`--cells auto` decides with it): never below the true
 * number of cells (oracle: the enumeration), and for many shallow trees in 2-D far below the
 * product of the leaf counts (the old bound).
 */
import { Rational, seededRandom } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import { partitionOf } from '../engines/enumerate.js';
import { leafCount } from '../engines/tree.js';
import type { DecisionTreeModel, ForestModel, TreeNode } from '../models.js';
import { adapterFor } from './index.js';

function randomTree(rnd: () => number, d: number, depth: number): DecisionTreeModel {
  const nodes: TreeNode[] = [];
  const grow = (level: number): number => {
    const at = nodes.length;
    if (level === depth || rnd() < 0.2) {
      nodes.push({ kind: 'leaf', value: [rnd()] });
      return at;
    }
    nodes.push({ kind: 'leaf', value: [] }); // placeholder
    const feature = Math.floor(rnd() * d);
    // thresholds on a coarse grid, so trees share some of them
    const threshold = Rational.of(BigInt(1 + Math.floor(rnd() * 7)), 8n);
    const left = grow(level + 1);
    const right = grow(level + 1);
    nodes[at] = { kind: 'split', feature, threshold, left, right };
    return at;
  };
  grow(0);
  return { kind: 'tree', inputDimension: d, nodes, task: 'regression' };
}

describe('tree and forest cell-count bounds', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}: bound ≥ enumerated cells, for a tree and a forest`, () => {
      const rnd = seededRandom(seed);
      const d = 2 + (seed % 2);
      const trees = Array.from({ length: 6 }, () => randomTree(rnd, d, 3));
      const forest: ForestModel = {
        kind: 'forest',
        inputDimension: d,
        trees,
        aggregate: 'mean',
        task: 'regression',
      };
      const cells = partitionOf(forest).cells.length;
      expect(adapterFor(forest).cellCountBound(forest)).toBeGreaterThanOrEqual(cells);
      const tree = trees[0]!;
      expect(adapterFor(tree).cellCountBound(tree)).toBeGreaterThanOrEqual(
        partitionOf(tree).cells.length,
      );
    });
  }
  it('20 depth-3 trees in 2-D: the grid bound, not the product of leaf counts', () => {
    const rnd = seededRandom(9);
    const trees = Array.from({ length: 20 }, () => randomTree(rnd, 2, 3));
    const forest: ForestModel = {
      kind: 'forest',
      inputDimension: 2,
      trees,
      aggregate: 'sum',
      task: 'regression',
    };
    const bound = adapterFor(forest).cellCountBound(forest);
    expect(trees.reduce((p, t) => p * leafCount(t), 1)).toBeGreaterThan(1e9);
    expect(bound).toBeLessThanOrEqual(64); // ≤ 7 thresholds per axis: (7 + 1)²
    expect(bound).toBeGreaterThanOrEqual(partitionOf(forest).cells.length);
  });
});
