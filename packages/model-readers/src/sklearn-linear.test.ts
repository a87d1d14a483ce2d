import { readFileSync } from 'node:fs';
import { Rational } from '@mlgeo/exact-arith';
import { partitionOf } from '@mlgeo/model-partitions';
import { describe, expect, it } from 'vitest';
import { readMlgeoJson } from './mlgeo-json.js';
import { expectModelError } from './expect-model-error.test.util.js';

/** Fixtures written by tools/fixtures/readers/make-linear-fixtures.py with scikit-learn itself. */
const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as {
    weights: number[][];
    bias: number[];
    check: { points: number[][]; predict: number[]; decision: number[] };
  };

/** Independent oracle: argmax_j (w_j·x + b_j) in exact arithmetic, ties to the lowest index. */
function argmax(weights: Rational[][], bias: Rational[], x: number[]): number {
  let best = -1;
  let bestScore: Rational | undefined;
  weights.forEach((w, j) => {
    const s = w.reduce((acc, wi, i) => acc.add(wi.mul(Rational.fromDouble(x[i]!))), bias[j]!);
    if (bestScore === undefined || s.cmp(bestScore) > 0) [best, bestScore] = [j, s];
  });
  return best;
}

describe('binary scikit-learn linear classifiers (coef_ of shape 1×d)', () => {
  for (const name of ['sklearn-logistic-binary.json', 'sklearn-linear-svc-binary.json']) {
    it(`${name}: two classes split by one hyperplane, as sklearn's predict()`, () => {
      const { check, ...file } = fixture(name);
      expect(file.weights).toHaveLength(1); // the shape sklearn exports
      const { model } = readMlgeoJson(file);
      if (model.kind !== 'linear') throw new Error('kind');
      expect(model.weights).toHaveLength(2);
      let compared = 0;
      check.points.forEach((p, k) => {
        if (Math.abs(check.decision[k]!) < 1e-9) return; // too close to call in floats
        expect(argmax(model.weights, model.bias, p)).toBe(check.predict[k]);
        compared++;
      });
      expect(compared).toBeGreaterThan(50);
      expect(new Set(check.predict).size).toBe(2);
      // the fitted line x0 + 2 x1 ≈ 1.2 crosses the unit box: two cells, one per class
      expect(partitionOf(model).cells).toHaveLength(2);
    });
  }

  it('puts the boundary w·x + b = 0 in class 0 (sklearn: class 1 iff decision > 0)', () => {
    const { model } = readMlgeoJson({
      format: 'mlgeo-linear',
      version: 1,
      weights: [[1, 1]],
      bias: [-1],
    });
    if (model.kind !== 'linear') throw new Error('kind');
    expect(argmax(model.weights, model.bias, [0.5, 0.5])).toBe(0);
    expect(argmax(model.weights, model.bias, [0.5, 0.75])).toBe(1);
    expect(argmax(model.weights, model.bias, [0.25, 0.5])).toBe(0);
  });

  it('asks for one intercept when a single row has more biases', () => {
    const e = expectModelError(
      () => readMlgeoJson({ format: 'mlgeo-linear', version: 1, weights: [[1, 0]], bias: [0, 1] }),
      'SHAPE',
      'bias',
    );
    expect(e.message).toContain('intercept_');
  });
});
