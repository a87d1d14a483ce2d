/**
 * The float Jacobians against the exact per-cell output maps of model-partitions' data-holding cells
 * (5-D random networks, points away from every hyperplane so float and exact patterns agree).
 */
import { Rational } from '@mlgeo/exact-arith';
import { dataHoldingPartition } from '@mlgeo/model-partitions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floatMlpOf } from './float-net.js';
import { outputJacobiansFloat } from './jacobians-float.js';
import { cellLayerMaps } from './layer-maps.js';
import { arbitraryMlp } from './test-helpers.js';

describe('outputJacobiansFloat', () => {
  it('equals the exact output map A_L of every data-holding cell', () => {
    fc.assert(
      fc.property(
        arbitraryMlp(5, [4, 3]),
        fc.array(fc.array(fc.integer({ min: 1, max: 96 }), { minLength: 5, maxLength: 5 }), {
          minLength: 3,
          maxLength: 15,
        }),
        (model, raw) => {
          // coordinates k/97: no integer-weight quarter-bias hyperplane passes through them exactly
          const points = raw.map((p) => p.map((v) => Rational.of(v, 97)));
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
      { numRuns: 20, seed: 23 },
    );
  });
});
