/** Models for the tests: SPEC §9 D and small random integer MLPs. */
import { Rational, type RationalLike, seededRandom } from '@mlgeo/exact-arith';
import type { ReluMlpModel } from '@mlgeo/model-partitions';
import type { FloatMlp } from './float-net.js';
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

/** {@link arbitraryMlp} with leaky hidden layers: each unit's negative slope in {0, 1/10, 1/4, 1/2, 2}. */
export function arbitraryLeakyMlp(d: number, widths: number[]): fc.Arbitrary<ReluMlpModel> {
  const slope = fc.constantFrom('0', '1/10', '1/4', '1/2', '2').map((v) => Rational.from(v));
  return arbitraryMlp(d, widths).chain((model) =>
    fc
      .tuple(...widths.map((w) => fc.array(slope, { minLength: w, maxLength: w })))
      .map((slopes) => ({
        ...model,
        layers: model.layers.map((layer, l) =>
          l < widths.length ? { ...layer, negativeSlopes: slopes[l]! } : layer,
        ),
      })),
  );
}

/**
 * The exact forward pass written from the layers (the tests' oracle): every layer's pre-activations
 * z_l at x, with h = z for z > 0 and h = α z otherwise (α = 0 for ReLU units).
 */
export function exactPreActivations(model: ReluMlpModel, x: readonly Rational[]): Rational[][] {
  const out: Rational[][] = [];
  let h = x;
  model.layers.forEach((layer) => {
    const z = layer.weights.map((row, j) =>
      row.reduce((s, w, k) => s.add(w.mul(h[k]!)), layer.bias[j]!),
    );
    out.push(z);
    h = z.map((v, j) => (v.sign() > 0 ? v : v.mul(layer.negativeSlopes?.[j] ?? Rational.ZERO)));
  });
  return out;
}

/** The net with leaky hidden layers: unit j of hidden layer l has slope (1 + (j + l) mod 3) / 10. */
export function leakyFloatMlp(net: FloatMlp): FloatMlp {
  return {
    ...net,
    layers: net.layers.map((layer, l) =>
      l < net.layers.length - 1
        ? { ...layer, negativeSlopes: layer.bias.map((_, j) => (1 + ((j + l) % 3)) / 10) }
        : layer,
    ),
  };
}

/** A seeded float64 MLP 2 → widths → 1 with N(0, 1)-ish weights and biases centred on the unit square. */
export function randomFloatMlp(seed: number, d: number, widths: number[]) {
  const rnd = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const sizes = [d, ...widths, 1];
  return {
    inputDimension: d,
    layers: sizes.slice(1).map((out, l) => ({
      weights: Array.from({ length: out }, () => Array.from({ length: sizes[l]! }, gauss)),
      bias: Array.from({ length: out }, () =>
        l === 0 ? -0.5 * gauss() - 0.3 * gauss() : 0.5 * gauss(),
      ),
    })),
  };
}
