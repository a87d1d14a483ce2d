/**
 * The float Jacobians against the exact per-cell output maps of model-partitions' data-holding cells
 * (5-D random networks, points away from every hyperplane so float and exact patterns agree).
 */
import { Rational } from '@mlgeo/exact-arith';
import { type ReluMlpModel, dataHoldingPartition } from '@mlgeo/model-partitions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floatMlpOf } from './float-net.js';
import { outputJacobiansFloat } from './jacobians-float.js';
import { cellLayerMaps } from './layer-maps.js';
import {
  arbitraryLeakyMlp,
  arbitraryMlp,
  exactPreActivations,
  randomFloatMlp,
} from './test-helpers.js';

/** True when an exact forward pass at x meets a hidden pre-activation z = 0. */
const onSomeHyperplane = (model: ReluMlpModel, x: readonly Rational[]) =>
  exactPreActivations(model, x)
    .slice(0, -1)
    .some((z) => z.some((v) => v.isZero()));

/** outputJacobiansFloat against the exact output maps of the data-holding cells of random models. */
function checkAgainstExactMaps(models: fc.Arbitrary<ReluMlpModel>, numRuns: number, seed: number) {
  fc.assert(
    fc.property(
      models,
      fc.array(fc.array(fc.integer({ min: 1, max: 96 }), { minLength: 5, maxLength: 5 }), {
        minLength: 3,
        maxLength: 15,
      }),
      (model, raw) => {
        // coordinates k/97, without the points on a hyperplane of any layer (there the float
        // pattern may differ from the exact label: documented); off them |z| is a rational of small
        // denominator, far above the rounding of the float pass
        const points = raw
          .map((p) => p.map((v) => Rational.of(v, 97)))
          .filter((x) => !onSomeHyperplane(model, x));
        const exact = dataHoldingPartition(model, points);
        const fast = outputJacobiansFloat(
          floatMlpOf(model),
          points.map((p) => p.map((v) => v.toNumber())),
        );
        expect(fast.map((g) => g.label)).toEqual(exact.cells.map((c) => c.label));
        fast.forEach((g, i) => {
          expect(g.points).toEqual(exact.cells[i]!.dataIndices);
          const A = cellLayerMaps(exact.cells[i]!).at(-1)!.A;
          g.jacobian.forEach((row, j) =>
            row.forEach((v, k) => expect(Math.abs(v - A[j]![k]!.toNumber())).toBeLessThan(1e-12)),
          );
        });
      },
    ),
    { numRuns, seed },
  );
}

describe('outputJacobiansFloat', () => {
  it('equals the exact output map A_L of every data-holding cell', () => {
    checkAgainstExactMaps(arbitraryMlp(5, [4, 3]), 20, 23);
  });

  it('leaky hidden layers: equals the exact output map of the leaky cells', () => {
    checkAgainstExactMaps(arbitraryLeakyMlp(5, [4, 3]), 12, 29);
  });

  it('six outputs (the four-row blocks and the remainder): W_3 D_2 W_2 D_1 W_1 by hand', () => {
    const net = randomFloatMlp(5, 5, [7, 6]);
    // six outputs instead of one
    const gauss = (k: number) => Math.sin(12.9898 * k) * 1.7;
    net.layers[2] = {
      weights: Array.from({ length: 6 }, (_, j) =>
        Array.from({ length: 6 }, (_, k) => gauss(6 * j + k + 1)),
      ),
      bias: new Array<number>(6).fill(0),
    };
    const points = Array.from({ length: 30 }, (_, n) =>
      Array.from({ length: 5 }, (_, i) => ((n * 7 + i * 3) % 11) / 11 + 0.02),
    );
    const product = (A: number[][], B: number[][]) =>
      A.map((row) => B[0]!.map((_, i) => row.reduce((s, a, k) => s + a * B[k]![i]!, 0)));
    for (const g of outputJacobiansFloat(net, points)) {
      const masked = (l: number) =>
        net.layers[l]!.weights.map((row, j) => row.map((w) => (g.pattern[l]![j] ? w : 0)));
      const J = product(product(net.layers[2]!.weights, masked(1)), masked(0));
      expect(g.jacobian).toHaveLength(6);
      g.jacobian.forEach((row, j) =>
        row.forEach((v, k) =>
          expect(Math.abs(v - J[j]![k]!)).toBeLessThan(1e-12 * (1 + Math.abs(J[j]![k]!))),
        ),
      );
    }
  });
});
