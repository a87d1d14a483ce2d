/** Models for the tests: SPEC §9 D and small random integer MLPs. */
import { Rational, type RationalLike } from '@mlgeo/exact-arith';
import type { ReluMlpModel } from '@mlgeo/model-partitions';
import fc from 'fast-check';

/** A ReLU MLP from plain numbers / "p/q" strings. */
export function mlp(
  inputDimension: number,
  layers: { weights: RationalLike[][]; bias: RationalLike[] }[],
): ReluMlpModel {
  return {
    kind: 'mlp',
    inputDimension,
    layers: layers.map((l) => ({
      weights: l.weights.map((r) => r.map((v) => Rational.from(v))),
      bias: l.bias.map((v) => Rational.from(v)),
    })),
  };
}

/** SPEC §9 D: 2→2→1→1. */
export const specD = (): ReluMlpModel =>
  mlp(2, [
    {
      weights: [
        [1, 0],
        [0, 1],
      ],
      bias: ['-1/2', '1/4'],
    },
    { weights: [[1, 1]], bias: [-1] },
    { weights: [[1]], bias: ['-1/8'] },
  ]);

/** Random MLPs d → widths… → 1 with small integer weights and quarter-integer biases. */
export function arbitraryMlp(d: number, widths: number[]): fc.Arbitrary<ReluMlpModel> {
  const sizes = [d, ...widths, 1];
  const layer = (inp: number, out: number) =>
    fc.record({
      weights: fc.array(
        fc.array(fc.integer({ min: -3, max: 3 }), { minLength: inp, maxLength: inp }),
        {
          minLength: out,
          maxLength: out,
        },
      ),
      bias: fc.array(
        fc.integer({ min: -8, max: 8 }).map((v) => `${v}/4`),
        {
          minLength: out,
          maxLength: out,
        },
      ),
    });
  return fc
    .tuple(...sizes.slice(1).map((out, i) => layer(sizes[i]!, out)))
    .map((layers) => mlp(d, layers));
}
