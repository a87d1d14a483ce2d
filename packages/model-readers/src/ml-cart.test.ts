import { Rational } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import { readMlCartJson } from './ml-cart.js';
import { expectModelError } from './expect-model-error.test.util.js';

const common = {
  kind: 'classifier',
  gainFunction: 'gini',
  splitFunction: 'mean',
  minNumSamples: 3,
  maxDepth: null,
  gainThreshold: 0.01,
};

/** Shaped like JSON.stringify(new DecisionTreeClassifier().train(…).toJSON()) of ml-cart 2.x. */
function mlCartClassifier() {
  return {
    options: {
      gainFunction: 'gini',
      splitFunction: 'mean',
      minNumSamples: 3,
      maxDepth: null,
      gainThreshold: 0.01,
      kind: 'classifier',
    },
    root: {
      ...common,
      splitValue: 2.45,
      splitColumn: 2,
      gain: 0.33,
      numberSamples: 150,
      left: { ...common, distribution: [[1, 0, 0]] },
      right: {
        ...common,
        splitValue: 1.75,
        splitColumn: 3,
        gain: 0.39,
        numberSamples: 100,
        left: {
          ...common,
          splitValue: 4.95,
          splitColumn: 2,
          gain: 0.1,
          numberSamples: 54,
          distribution: [[0, 0.907, 0.093]],
        },
        right: { ...common, distribution: [[0, 0.022, 0.978]] },
      },
    },
    name: 'DTClassifier',
  };
}

describe('readMlCartJson', () => {
  it('turns the nested tree into a pre-order node list with exact thresholds', () => {
    const { model, format } = readMlCartJson(JSON.stringify(mlCartClassifier()), {
      inputDimension: 4,
    });
    expect(format).toBe('ml-cart');
    expect(model.inputDimension).toBe(4);
    expect(model.task).toBe('classification');
    expect(model.nodes).toEqual([
      { kind: 'split', feature: 2, threshold: Rational.fromDouble(2.45), left: 1, right: 2 },
      { kind: 'leaf', value: [1, 0, 0] },
      { kind: 'split', feature: 3, threshold: Rational.fromDouble(1.75), left: 3, right: 4 },
      // a node that has a distribution is a leaf even if training left split fields on it
      { kind: 'leaf', value: [0, 0.907, 0.093] },
      { kind: 'leaf', value: [0, 0.022, 0.978] },
    ]);
    expect(readMlCartJson(mlCartClassifier()).model.inputDimension).toBe(4); // largest splitColumn + 1
  });

  it('reads a regression tree (numeric distribution)', () => {
    const reg = {
      options: { kind: 'regression' },
      name: 'DTRegression',
      root: {
        splitValue: '1/2',
        splitColumn: 0,
        left: { distribution: 1.5 },
        right: { distribution: -2 },
      },
    };
    const { model } = readMlCartJson(reg);
    expect(model.task).toBe('regression');
    expect(model.nodes.map((n) => (n.kind === 'leaf' ? n.value : n.threshold.toString()))).toEqual([
      '1/2',
      [1.5],
      [-2],
    ]);
  });

  it('rejects missing children, bad split columns, NaN thresholds, shared nodes and feature range', () => {
    const noRight = mlCartClassifier();
    delete (noRight.root.right as { right?: unknown }).right;
    expectModelError(() => readMlCartJson(noRight), 'TREE_STRUCTURE', 'root.right.right');
    const column = mlCartClassifier();
    column.root.right.splitColumn = -1;
    expectModelError(() => readMlCartJson(column), 'FEATURE_RANGE', 'root.right.splitColumn');
    const nan = mlCartClassifier();
    (nan.root as { splitValue: unknown }).splitValue = 'NaN';
    expectModelError(() => readMlCartJson(nan), 'NON_FINITE', 'root.splitValue');
    const shared = mlCartClassifier();
    const leaf = { distribution: [[1, 0, 0]] };
    (shared.root as { left: unknown }).left = leaf;
    (shared.root.right as { right: unknown }).right = leaf;
    expectModelError(() => readMlCartJson(shared), 'TREE_STRUCTURE', 'root.right.right');
    expectModelError(
      () => readMlCartJson(mlCartClassifier(), { inputDimension: 3 }),
      'FEATURE_RANGE',
      'nodes[2] (splitColumn)',
    );
    expectModelError(() => readMlCartJson({ name: 'KNN', root: {} }), 'INVALID', 'name');
    const badLeaf = mlCartClassifier();
    badLeaf.root.left.distribution = [['a']] as unknown as number[][];
    expectModelError(() => readMlCartJson(badLeaf), 'INVALID', 'root.left.distribution');
  });
});
