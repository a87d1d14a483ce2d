/**
 * An exact forward pass of read ReLU/leaky layers, written independently of model-partitions for
 * the reader tests: h = z on z > 0, slope·z otherwise (slope 0 for plain ReLU), last layer linear.
 */
import { Rational } from '@mlgeo/exact-arith';
import type { ReluMlpModel } from '@mlgeo/model-partitions';

export function exactForward(model: ReluMlpModel, x: readonly number[]): Rational[] {
  let h = x.map((t) => Rational.fromDouble(t));
  model.layers.forEach((layer, l) => {
    const z = layer.weights.map((row, j) =>
      row.reduce((s, w, i) => s.add(w.mul(h[i]!)), layer.bias[j]!),
    );
    h =
      l < model.layers.length - 1
        ? z.map((v, j) => (v.sign() > 0 ? v : v.mul(layer.negativeSlopes?.[j] ?? Rational.ZERO)))
        : z;
  });
  return h;
}
