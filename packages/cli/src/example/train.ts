/**
 * Deterministic training of the embedded example's ReLU MLP: full-batch gradient descent on the
 * squared error to targets ±1, fixed seed, fixed iteration count. Only +, −, ×, ÷ and √ (all
 * correctly rounded in IEEE-754) enter, so the trained float64 weights are identical bit for bit on
 * every platform.
 */
import { seededRandom } from '@mlgeo/exact-arith';

/** Float64 weights of a dense layer: `weights[j][i]` from input i to unit j. */
export interface FloatLayer {
  weights: number[][];
  bias: number[];
}

/** Options of {@link trainReluMlp}. */
export interface TrainOptions {
  /** Layer widths, input first, e.g. [2, 8, 8, 1]. */
  sizes: number[];
  seed: number;
  iterations: number;
  learningRate: number;
}

/** Evaluates the MLP (relu on every layer but the last) in float64. */
export function evaluateMlp(layers: readonly FloatLayer[], x: readonly number[]): number[] {
  let h = [...x];
  layers.forEach((layer, l) => {
    const z = layer.weights.map((row, j) =>
      row.reduce((acc, w, i) => acc + w * h[i]!, layer.bias[j]!),
    );
    h = l < layers.length - 1 ? z.map((v) => (v > 0 ? v : 0)) : z;
  });
  return h;
}

/**
 * Trains a ReLU MLP with one output on inputs `xs` and targets `ys` (±1) by full-batch gradient
 * descent on the mean squared error. He-uniform initialisation from seededRandom(seed).
 */
export function trainReluMlp(
  xs: readonly (readonly number[])[],
  ys: readonly number[],
  options: TrainOptions,
): FloatLayer[] {
  const { sizes, iterations, learningRate } = options;
  const random = seededRandom(options.seed);
  const layers: FloatLayer[] = [];
  for (let l = 1; l < sizes.length; l++) {
    const fanIn = sizes[l - 1]!;
    const limit = Math.sqrt(6 / fanIn);
    const weights = Array.from({ length: sizes[l]! }, () =>
      Array.from({ length: fanIn }, () => limit * (2 * random() - 1)),
    );
    const bias = Array.from({ length: sizes[l]! }, () => 0.1 * (2 * random() - 1));
    layers.push({ weights, bias });
  }
  const n = xs.length;
  for (let it = 0; it < iterations; it++) {
    const gradW = layers.map((layer) => layer.weights.map((row) => row.map(() => 0)));
    const gradB = layers.map((layer) => layer.bias.map(() => 0));
    for (let p = 0; p < n; p++) {
      // forward pass keeping the activations of every layer
      const acts: number[][] = [[...xs[p]!]];
      const pre: number[][] = [];
      layers.forEach((layer, l) => {
        const h = acts[l]!;
        const z = layer.weights.map((row, j) =>
          row.reduce((acc, w, i) => acc + w * h[i]!, layer.bias[j]!),
        );
        pre.push(z);
        acts.push(l < layers.length - 1 ? z.map((v) => (v > 0 ? v : 0)) : z);
      });
      // backward pass: d(mean squared error)/d(output) = 2 (f − y) / n
      let delta = acts[layers.length]!.map((f) => (2 * (f - ys[p]!)) / n);
      for (let l = layers.length - 1; l >= 0; l--) {
        const h = acts[l]!;
        for (let j = 0; j < delta.length; j++) {
          gradB[l]![j]! += delta[j]!;
          for (let i = 0; i < h.length; i++) gradW[l]![j]![i]! += delta[j]! * h[i]!;
        }
        if (l > 0) {
          const below = pre[l - 1]!;
          delta = below.map((z, i) =>
            z > 0 ? layers[l]!.weights.reduce((acc, row, j) => acc + row[i]! * delta[j]!, 0) : 0,
          );
        }
      }
    }
    layers.forEach((layer, l) => {
      layer.weights.forEach((row, j) =>
        row.forEach((_, i) => {
          row[i] = row[i]! - learningRate * gradW[l]![j]![i]!;
        }),
      );
      layer.bias.forEach((_, j) => {
        layer.bias[j] = layer.bias[j]! - learningRate * gradB[l]![j]!;
      });
    });
  }
  return layers;
}
