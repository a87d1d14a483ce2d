/**
 * The TensorFlow.js adapter with the pure-JS CPU backend: tf.grads of the penalty equal the
 * package's own gradients (themselves checked against central differences), and a tf training
 * loop (Adam on logistic loss + penalty) lowers the penalty compared with the same loop without it.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// tfjs-core alone registers no gradients of its ops (the union package @tensorflow/tfjs does)
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { networkPenalty } from './penalties.js';
import { floatMlpOfTensors, tfPenalty } from './tfjs.js';
import { randomFloatMlp } from './test-helpers.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** kernel/bias tensors of a float net (kernel = Wᵀ). */
function tensorsOf(net: ReturnType<typeof randomFloatMlp>): tf.Tensor[] {
  return net.layers.flatMap((l) => [
    tf.tensor2d(l.weights[0]!.map((_, i) => l.weights.map((row) => row[i]!))),
    tf.tensor1d(l.bias),
  ]);
}

describe('tfPenalty', () => {
  for (const kind of ['angle', 'sliver', 'boundary'] as const) {
    it(`${kind}: value and tf.grads equal networkPenalty on the float32 weights`, () => {
      const options = { kind, thetaMin: 1.2, vMin: 0.08 };
      const params = tensorsOf(randomFloatMlp(12, 2, [4, 4]));
      const net = floatMlpOfTensors(params);
      const ours = networkPenalty(net, options);
      const penalty = tfPenalty(tf, options);
      expect(penalty(...params).dataSync()[0]).toBeCloseTo(ours.value, 5);
      const grads = tf.grads((...p: tf.Tensor[]) => penalty(...p))(params);
      grads.forEach((g, n) => {
        const l = n >> 1;
        const expected =
          n % 2 === 1
            ? ours.gradient.bias[l]!
            : ours.gradient.weights[l]![0]!.map((_, i) =>
                ours.gradient.weights[l]!.map((row) => row[i]!),
              ).flat();
        const got = Array.from(g.dataSync());
        const scale = Math.max(1e-3, ...expected.map(Math.abs));
        got.forEach((v, k) => expect(Math.abs(v - expected[k]!)).toBeLessThan(1e-5 * scale));
      });
    });
  }

  it('a tf training loop with the angle penalty ends with a smaller penalty than without', () => {
    const points = Array.from({ length: 64 }, (_, i) => [
      (i % 8) / 8 + 1 / 16,
      Math.floor(i / 8) / 8 + 1 / 16,
    ]);
    const labels = points.map(([x, y]) => (x! + y! > 1 ? 1 : 0));
    const X = tf.tensor2d(points);
    const Y = tf.tensor2d(labels.map((v) => [v]));
    const angle = { kind: 'angle' as const, thetaMin: Math.PI / 4 };
    const finalPenalty = (weight: number) => {
      const vars = tensorsOf(randomFloatMlp(3, 2, [6])).map((t) => tf.variable(t));
      const penalty = tfPenalty(tf, angle);
      const optimizer = tf.train.adam(0.02);
      for (let step = 0; step < 40; step++)
        optimizer.minimize(() => {
          const h = tf.relu(tf.add(tf.matMul(X, vars[0]!), vars[1]!));
          const f = tf.add(tf.matMul(h, vars[2]!), vars[3]!);
          const loss = tf.losses.sigmoidCrossEntropy(Y, f) as tf.Scalar;
          return weight > 0 ? tf.add(loss, tf.mul(weight, penalty(...vars))) : loss;
        });
      return networkPenalty(floatMlpOfTensors(vars), angle).value;
    };
    expect(finalPenalty(0.5)).toBeLessThan(finalPenalty(0));
  });

  it('bad tensors are a typed error', () => {
    expect(() => floatMlpOfTensors([tf.tensor2d([[1, 2]])])).toThrow(/kernel, bias pairs/);
    expect(() => floatMlpOfTensors([tf.tensor2d([[1, 2]]), tf.tensor1d([1])])).toThrow(
      /do not fit/,
    );
  });
});
