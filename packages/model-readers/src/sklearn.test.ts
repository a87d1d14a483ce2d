import { readFileSync } from 'node:fs';
import { Rational } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import type { DecisionTreeModel } from '@mlgeo/model-partitions';
import { detectJsonModelFormat } from './detect.js';
import { readSklearnForest, readSklearnTree } from './sklearn.js';
import { expectModelError } from './expect-model-error.test.util.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

/** Independent oracle: walk from the root with the SPEC §2 rule x_f ≤ t → left, exactly. */
function leafOf(tree: DecisionTreeModel, point: number[]): number {
  let i = 0;
  for (;;) {
    const node = tree.nodes[i]!;
    if (node.kind === 'leaf') return i;
    i = Rational.fromDouble(point[node.feature]!).cmp(node.threshold) <= 0 ? node.left : node.right;
  }
}

// the tree of docs/formats.md: x0 ≤ 0.5 → leaf 1, else x1 ≤ 0.25 → leaf 3, else leaf 4
const small = () => ({
  children_left: [1, -1, 3, -1, -1],
  children_right: [2, -1, 4, -1, -1],
  feature: [0, -2, 1, -2, -2],
  threshold: [0.5, -2, 0.25, -2, -2],
  value: [[[4, 4]], [[3, 1]], [[1, 3]], [[0, 2]], [[1, 1]]],
  n_features: 2,
});

describe('readSklearnTree', () => {
  it('matches scikit-learn’s own apply() and predict_proba on a fixture it exported', () => {
    const json = fixture('sklearn-tree.json');
    const { model, format } = readSklearnTree(json);
    expect(format).toBe('sklearn-tree');
    expect(model.inputDimension).toBe(2);
    expect(model.task).toBe('classification');
    const { points, leaf, proba } = json.check as {
      points: number[][];
      leaf: number[];
      proba: number[][];
    };
    points.forEach((p, k) => {
      const i = leafOf(model, p);
      expect(i).toBe(leaf[k]);
      const node = model.nodes[i]!;
      if (node.kind !== 'leaf') throw new Error('not a leaf');
      node.value.forEach((v, c) => expect(v).toBeCloseTo(proba[k]![c]!, 12));
    });
    // thresholds are the exact doubles sklearn stored (SPEC §1)
    const root = model.nodes[0]!;
    if (root.kind !== 'split') throw new Error('root');
    expect(root.threshold.equals(Rational.fromDouble(json.threshold[0]))).toBe(true);
  });

  it('reads a regression tree (value n × 1 × 1)', () => {
    const json = fixture('sklearn-regressor.json');
    const { model } = readSklearnTree(json);
    expect(model.task).toBe('regression');
    expect(model.inputDimension).toBe(3);
    const { points, leaf, prediction } = json.check as {
      points: number[][];
      leaf: number[];
      prediction: number[];
    };
    points.forEach((p, k) => {
      const i = leafOf(model, p);
      expect(i).toBe(leaf[k]);
      expect((model.nodes[i] as { value: number[] }).value[0]).toBeCloseTo(prediction[k]!, 12);
    });
  });

  it('reads the small documented tree and infers n_features when absent', () => {
    const { n_features: _drop, ...noDim } = small();
    const { model } = readSklearnTree(JSON.stringify(noDim));
    expect(model.inputDimension).toBe(2);
    expect(model.nodes[1]).toEqual({ kind: 'leaf', value: [0.75, 0.25] });
    expect(leafOf(model, [0.5, 0.9])).toBe(1); // x0 = t goes left (sklearn's rule, SPEC §2)
    expect(leafOf(model, [0.6, 0.25])).toBe(3);
  });

  it('rejects bad trees naming the sklearn array and index', () => {
    const dangling = small();
    dangling.children_right[2] = 9;
    expectModelError(() => readSklearnTree(dangling), 'TREE_STRUCTURE', 'children_right[2]');
    const cycle = small();
    cycle.children_left[2] = 0;
    expectModelError(() => readSklearnTree(cycle), 'TREE_STRUCTURE', 'children_left[2]');
    const oneChild = small();
    oneChild.children_right[1] = 3;
    expectModelError(() => readSklearnTree(oneChild), 'TREE_STRUCTURE', 'children_right[1]');
    const feature = small();
    feature.feature[2] = 5;
    expectModelError(() => readSklearnTree(feature), 'FEATURE_RANGE', 'feature[2]');
    const negFeature = small();
    negFeature.feature[0] = -2;
    expectModelError(() => readSklearnTree(negFeature), 'FEATURE_RANGE', 'feature[0]');
    const lengths = small();
    lengths.threshold.pop();
    expectModelError(() => readSklearnTree(lengths), 'SHAPE', 'threshold');
    const nan = { ...small(), threshold: [0.5, -2, 'NaN', -2, -2] };
    expectModelError(() => readSklearnTree(nan), 'NON_FINITE', 'threshold[2]');
    const multi = small();
    multi.value[3] = [
      [0, 2],
      [1, 1],
    ];
    expectModelError(() => readSklearnTree(multi), 'SHAPE', 'value[3]');
    const empty = { children_left: [], children_right: [], feature: [], threshold: [], value: [] };
    expectModelError(() => readSklearnTree(empty), 'EMPTY_MODEL', 'children_left');
    const missing = { ...small(), value: undefined };
    expectModelError(() => readSklearnTree(missing), 'INVALID', 'value');
    expectModelError(
      () => readSklearnTree({ ...small(), domain: { box: [[0, 1]] } }),
      'DOMAIN',
      'domain.box',
    );
  });
});

describe('readSklearnForest', () => {
  it('matches scikit-learn’s apply() per tree and predict_proba as the mean of leaf fractions', () => {
    const json = fixture('sklearn-forest.json');
    const { model, format } = readSklearnForest(json);
    expect(format).toBe('sklearn-forest');
    expect(model.trees.length).toBe(3);
    expect(model.aggregate).toBe('mean');
    const { points, leaves, proba } = json.check as {
      points: number[][];
      leaves: number[][];
      proba: number[][];
    };
    points.forEach((p, k) => {
      const ids = model.trees.map((t) => leafOf(t, p));
      expect(ids).toEqual(leaves[k]);
      const mean = proba[k]!.map(
        (_, c) =>
          ids.reduce(
            (s, i, t) => s + (model.trees[t]!.nodes[i] as { value: number[] }).value[c]!,
            0,
          ) / ids.length,
      );
      mean.forEach((v, c) => expect(v).toBeCloseTo(proba[k]![c]!, 12));
    });
  });

  it('names errors inside a tree and rejects an empty forest', () => {
    const bad = small();
    bad.children_left[0] = 7;
    expectModelError(
      () => readSklearnForest({ estimators: [small(), bad] }),
      'TREE_STRUCTURE',
      'estimators[1].children_left[0]',
    );
    expectModelError(
      () => readSklearnForest({ estimators: [small(), 3] }),
      'INVALID',
      'estimators[1]',
    );
    expectModelError(() => readSklearnForest({ estimators: [] }), 'EMPTY_MODEL', 'estimators');
  });

  it('accepts the trees keyed "trees" as well as "estimators", never both', () => {
    const json = fixture('sklearn-forest.json');
    const { estimators, ...rest } = json as { estimators: unknown[] };
    const viaTrees = { ...rest, trees: estimators };
    expect(detectJsonModelFormat(viaTrees)).toBe('sklearn-forest');
    const a = readSklearnForest(json).model;
    const b = readSklearnForest(viaTrees).model;
    // same trees either way: each fixture point reaches the same leaf as sklearn's apply()
    const { points, leaves } = json.check as { points: number[][]; leaves: number[][] };
    points.forEach((p, k) => {
      expect(b.trees.map((t) => leafOf(t, p))).toEqual(leaves[k]);
      expect(a.trees.map((t) => leafOf(t, p))).toEqual(leaves[k]);
    });
    const bad = small();
    bad.children_left[0] = 7;
    expectModelError(
      () => readSklearnForest({ trees: [small(), bad] }),
      'TREE_STRUCTURE',
      'trees[1].children_left[0]',
    );
    expectModelError(
      () => readSklearnForest({ trees: [small()], estimators: [small()] }),
      'INVALID',
      'trees',
    );
    expectModelError(() => readSklearnForest({ n_features: 2 }), 'INVALID', 'estimators');
    // with a format field, "trees" is our mlgeo-forest, not a scikit-learn forest
    expect(detectJsonModelFormat({ format: 'mlgeo-forst', trees: [] })).toBeUndefined();
  });
});

describe('readSklearnForest: gradient boosting', () => {
  const stump = (value: number) => ({
    children_left: [1, -1, -1],
    children_right: [2, -1, -1],
    feature: [0, -2, -2],
    threshold: [0.5, -2, -2],
    value: [[[0]], [[-value]], [[value]]],
  });
  it('reads learning rate and init; stage trees stay regression trees', () => {
    const { model } = readSklearnForest({
      estimators: [stump(1), stump(2), stump(3), stump(4)],
      learning_rate: 0.5,
      init: [0.1, -0.2],
      n_features: 2,
      task: 'classification',
    });
    expect(model.boosting).toEqual({ learningRate: 0.5, init: [0.1, -0.2] });
    expect(model.aggregate).toBe('sum');
    expect(model.task).toBe('classification');
    expect(model.trees.every((t) => t.task === 'regression')).toBe(true);
    // leaf values kept as they are (not normalised to fractions)
    expect(model.trees[3]!.nodes[2]).toEqual({ kind: 'leaf', value: [4] });
  });
  it('names the missing half, a tree count that does not fit the outputs, and aggregate', () => {
    expectModelError(
      () => readSklearnForest({ estimators: [stump(1)], learning_rate: 0.1 }),
      'INVALID',
      'init',
    );
    expectModelError(
      () => readSklearnForest({ estimators: [stump(1)], init: [0] }),
      'INVALID',
      'learning_rate',
    );
    expectModelError(
      () =>
        readSklearnForest({
          estimators: [stump(1), stump(2), stump(3)],
          learning_rate: 0.1,
          init: [0, 0],
        }),
      'SHAPE',
      'estimators',
    );
    expectModelError(
      () =>
        readSklearnForest({
          estimators: [stump(1)],
          learning_rate: 0.1,
          init: [0],
          aggregate: 'mean',
        }),
      'INVALID',
      'aggregate',
    );
  });
});
