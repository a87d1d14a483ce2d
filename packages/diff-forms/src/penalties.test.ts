/**
 * The float fast path against independent oracles: the polygons of planeCells against the exact
 * cells of model-partitions (labels and areas), and every penalty gradient — with respect to line
 * parameters and, chained through the cell maps, to every weight — against central differences.
 */
import { Rational } from '@mlgeo/exact-arith';
import { type ReluMlpModel, partitionOf } from '@mlgeo/model-partitions';
import { describe, expect, it } from 'vitest';
import { type FloatMlp, cloneMlp, modelOfFloatMlp, type MlpGradient } from './float-net.js';
import { type PenaltyOptions, cellMasses, networkPenalty, planePenalty } from './penalties.js';
import { planeCells } from './plane-cells.js';
import { leakyFloatMlp, randomFloatMlp } from './test-helpers.js';

describe('planeCells', () => {
  for (const [seed, widths] of [
    [1, [4, 3]],
    [2, [5]],
    [3, [3, 3, 2]],
  ] as const) {
    it(`seed ${seed}, 2→${widths.join('→')}→1: same cells and areas as the exact partition`, () => {
      const net = randomFloatMlp(seed, 2, [...widths]);
      const cells = planeCells(net);
      const exact = partitionOf(modelOfFloatMlp(net), { predicates: 'filtered' });
      expect(cells.map((c) => c.label)).toEqual(exact.cells.map((c) => c.label));
      cells.forEach((c, i) => {
        const area = exact.cells[i]!.polytope.volume({ measures: 'float' });
        expect(Math.abs(c.area - area)).toBeLessThan(1e-12 + 1e-9 * area);
        expect(c.vertices.length).toBe(exact.cells[i]!.polytope.facets().length);
      });
      expect(cells.reduce((s, c) => s + c.area, 0)).toBeCloseTo(1, 12);
    });
  }
});

/** Central differences of the penalty with respect to every weight and bias. */
function finiteDifferences(
  net: FloatMlp,
  options: Parameters<typeof networkPenalty>[1],
  h = 1e-6,
): MlpGradient {
  const f = (n: FloatMlp) => networkPenalty(n, options).value;
  const at = (mutate: (n: FloatMlp, s: number) => void) => {
    const plus = cloneMlp(net);
    const minus = cloneMlp(net);
    mutate(plus, h);
    mutate(minus, -h);
    return (f(plus) - f(minus)) / (2 * h);
  };
  return {
    weights: net.layers.map((l, li) =>
      l.weights.map((row, j) =>
        row.map((_, i) => at((n, s) => (n.layers[li]!.weights[j]![i]! += s))),
      ),
    ),
    bias: net.layers.map((l, li) =>
      l.bias.map((_, j) => at((n, s) => (n.layers[li]!.bias[j]! += s))),
    ),
  };
}

function expectClose(analytic: MlpGradient, numeric: MlpGradient): number {
  const a = [...analytic.weights.flat(2), ...analytic.bias.flat()];
  const n = [...numeric.weights.flat(2), ...numeric.bias.flat()];
  const scale = Math.max(1e-3, ...n.map(Math.abs));
  a.forEach((v, i) =>
    expect(Math.abs(v - n[i]!), `entry ${i}: ${v} vs ${n[i]}`).toBeLessThan(1e-6 * scale),
  );
  return n.filter((v) => Math.abs(v) > 1e-8 * scale).length;
}

const points = Array.from({ length: 200 }, (_, i) => [
  ((i * 37) % 200) / 200 + 0.0025,
  ((i * 91) % 200) / 200 + 0.0025,
]);

const cases: [string, PenaltyOptions & { points?: number[][] }][] = [
  ['angle', { kind: 'angle', thetaMin: 1.4 }],
  ['sliver', { kind: 'sliver', vMin: 0.08 }],
  ['boundary', { kind: 'boundary' }],
  ['boundary, data-weighted', { kind: 'boundary', weighting: 'mass', points }],
  ['angle, data-weighted', { kind: 'angle', thetaMin: 1.2, weighting: 'mass', points }],
  ['sliver, data-weighted', { kind: 'sliver', vMin: 0.1, weighting: 'mass', points }],
];

describe('penalty gradients equal central differences (float64)', () => {
  for (const [name, options] of cases) {
    it(`${name}: one hidden layer (the gradient with respect to the lines themselves)`, () => {
      const net = randomFloatMlp(11, 2, [5]);
      const { value, gradient } = networkPenalty(net, options);
      expect(value).toBeGreaterThan(0);
      expect(expectClose(gradient, finiteDifferences(net, options))).toBeGreaterThanOrEqual(2);
    });
    it(`${name}: two hidden layers (chained through the bent lines of layer 2)`, () => {
      const net = randomFloatMlp(12, 2, [4, 4]);
      const { value, gradient } = networkPenalty(net, options);
      expect(value).toBeGreaterThan(0);
      // layer-2 weights must receive gradient too
      expect(gradient.weights[1]!.flat().some((v) => v !== 0)).toBe(true);
      expectClose(gradient, finiteDifferences(net, options));
    });
  }
});

describe('leaky hidden layers (inactive units pass α·z)', () => {
  it('planeCells: the same cells and areas as the exact partition of the leaky net', () => {
    const net = leakyFloatMlp(randomFloatMlp(4, 2, [3, 3, 2]));
    const cells = planeCells(net);
    // the exact leaky model written here from the numbers (not through modelOfFloatMlp)
    const model: ReluMlpModel = {
      kind: 'mlp',
      inputDimension: 2,
      layers: net.layers.map((layer) => ({
        weights: layer.weights.map((row) => row.map((v) => Rational.fromDouble(v))),
        bias: layer.bias.map((v) => Rational.fromDouble(v)),
        ...(layer.negativeSlopes
          ? { negativeSlopes: layer.negativeSlopes.map((v) => Rational.fromDouble(v)) }
          : {}),
      })),
    };
    const exact = partitionOf(model, { predicates: 'filtered' });
    // the slopes move the second-layer lines: the ReLU net's cells differ
    const relu = partitionOf(modelOfFloatMlp(randomFloatMlp(4, 2, [3, 3, 2])));
    expect(relu.cells.map((c) => c.label)).not.toEqual(exact.cells.map((c) => c.label));
    expect(cells.map((c) => c.label)).toEqual(exact.cells.map((c) => c.label));
    cells.forEach((c, i) => {
      const area = exact.cells[i]!.polytope.volume({ measures: 'float' });
      expect(Math.abs(c.area - area)).toBeLessThan(1e-12 + 1e-9 * area);
    });
  });
  for (const [name, options] of [cases[0]!, cases[1]!, cases[3]!]) {
    it(`${name}: gradients equal central differences on a 2→4→4→1 leaky net`, () => {
      const net = leakyFloatMlp(randomFloatMlp(12, 2, [4, 4]));
      const { value, gradient } = networkPenalty(net, options);
      expect(value).toBeGreaterThan(0);
      // the value on the leaky net's cells (planeCells, checked against the exact partition above)
      const cells = planeCells(net);
      const masses = options.points ? cellMasses(net, cells, options.points) : undefined;
      expect(value).toBeCloseTo(planePenalty(cells, { ...options, masses }).value, 12);
      expect(gradient.weights[1]!.flat().some((v) => v !== 0)).toBe(true);
      expectClose(gradient, finiteDifferences(net, options));
    });
  }
});

describe('closed forms', () => {
  it('the unit square cut by x = 1/2 and y = 1/2: angles π/2, boundary length 2, areas 1/4', () => {
    const net: FloatMlp = {
      inputDimension: 2,
      layers: [
        {
          weights: [
            [1, 0],
            [0, 1],
          ],
          bias: [-0.5, -0.5],
        },
        { weights: [[1, 1]], bias: [0] },
      ],
    };
    const cells = planeCells(net);
    expect(cells.map((c) => c.area)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(planePenalty(cells, { kind: 'boundary' }).value).toBeCloseTo(2, 15);
    // every vertex angle is π/2: no penalty below, (π/2 + 0.1 − π/2)² per vertex above
    expect(planePenalty(cells, { kind: 'angle', thetaMin: Math.PI / 2 - 0.1 }).value).toBe(0);
    expect(planePenalty(cells, { kind: 'angle', thetaMin: Math.PI / 2 + 0.1 }).value).toBeCloseTo(
      16 * 0.01,
      12,
    );
    expect(planePenalty(cells, { kind: 'sliver', vMin: 0.3 }).value).toBeCloseTo(4 * 0.05 ** 2, 15);
  });

  it('bad options are typed errors', () => {
    const cells = planeCells(randomFloatMlp(1, 2, [2]));
    expect(() => planePenalty(cells, { kind: 'sliver' })).toThrow(/vMin > 0/);
    expect(() => planePenalty(cells, { kind: 'angle', thetaMin: 4 })).toThrow(/outside \(0, π\)/);
    expect(() => planePenalty(cells, { kind: 'boundary', weighting: 'mass' })).toThrow(
      /one mass per cell/,
    );
    expect(() => planeCells(randomFloatMlp(1, 3, [2]))).toThrow(/needs 2 inputs/);
  });
});
