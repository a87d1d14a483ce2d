/**
 * Seeded random ReLU networks shared by the benchmarks: He-initialised, with float32 weights (as a
 * trained network would store them), each converted to the rational it exactly is (SPEC §1).
 */
import { Rational, seededRandom } from '@mlgeo/exact-arith';
import type { ReluMlpModel } from '@mlgeo/model-partitions';

/** Layer sizes [d, h_1, …, out]; the same seed gives the same network on every machine. */
export function randomMlp(sizes: number[], seed: number): ReluMlpModel {
  const rnd = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const layers = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const n = sizes[l]!;
    const m = sizes[l + 1]!;
    const s = Math.sqrt(2 / n);
    layers.push({
      weights: Array.from({ length: m }, () =>
        Array.from({ length: n }, () => Rational.fromFloat32(gauss() * s)),
      ),
      bias: Array.from({ length: m }, () => Rational.fromFloat32(gauss() * 0.1)),
    });
  }
  return { kind: 'mlp', inputDimension: sizes[0]!, layers };
}

/** The model as an `mlgeo-mlp` file with JSON numbers (each the float32 value, exactly). */
export function modelFileText(model: ReluMlpModel, description: string): string {
  return JSON.stringify({
    format: 'mlgeo-mlp',
    version: 1,
    description,
    inputDimension: model.inputDimension,
    layers: model.layers.map((l) => ({
      weights: l.weights.map((row) => row.map((x) => x.toNumber())),
      bias: l.bias.map((x) => x.toNumber()),
    })),
  });
}
