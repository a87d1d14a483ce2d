/**
 * `@mlgeo/diff-forms/tfjs` — the SPEC §6 penalties as differentiable terms of a TensorFlow.js
 * training loop (`@tensorflow/tfjs-core` 4.22, any backend; an optional peer dependency that this
 * module never imports itself: pass your `tf`). The penalty's value and gradient are computed in
 * float64 by this package from the current weights (`tf.customGrad`), so it can be added to any loss.
 *
 * Layers follow the tf.layers.dense convention: `kernel` of shape [in, out], `bias` of shape [out];
 * relu after every layer but the last, one output, two inputs.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import type { FloatMlp } from './float-net.js';
import { type PenaltyOptions, networkPenalty } from './penalties.js';
import type { PlaneBox } from './plane-cells.js';
import { DiffFormsError } from './errors.js';

/** The parts of `@tensorflow/tfjs-core` the adapter uses. */
export type TfCore = Pick<typeof tfc, 'customGrad' | 'scalar' | 'tensor' | 'mul'>;

/** Options of {@link tfPenalty}: a penalty, its box, and data points for `weighting: 'mass'`. */
export type TfPenaltyOptions = PenaltyOptions & {
  box?: PlaneBox;
  points?: readonly (readonly number[])[];
};

/** A float64 network from kernels and biases given alternately: kernel_1, bias_1, kernel_2, … */
export function floatMlpOfTensors(tensors: readonly tfc.Tensor[]): FloatMlp {
  if (tensors.length === 0 || tensors.length % 2 !== 0)
    throw new DiffFormsError(
      'FORM_SHAPE',
      `expected kernel, bias pairs, got ${tensors.length} tensors`,
      'tensors',
      'pass kernel_1, bias_1, kernel_2, bias_2, … (tf.layers.dense order)',
    );
  const layers: FloatMlp['layers'] = [];
  for (let l = 0; l < tensors.length; l += 2) {
    const kernel = tensors[l]!;
    const bias = tensors[l + 1]!;
    const [inp, out] = kernel.shape as [number, number];
    if (kernel.rank !== 2 || bias.rank !== 1 || bias.shape[0] !== out)
      throw new DiffFormsError(
        'FORM_SHAPE',
        `layer ${l / 2 + 1}: kernel of shape [${kernel.shape}] and bias of shape [${bias.shape}] do not fit`,
        `tensors[${l}]`,
        'give a kernel of shape [in, out] and a bias of shape [out]',
      );
    const k = kernel.dataSync();
    const b = bias.dataSync();
    layers.push({
      weights: Array.from({ length: out }, (_, j) =>
        Array.from({ length: inp }, (_, i) => k[i * out + j]!),
      ),
      bias: Array.from(b),
    });
  }
  return { inputDimension: layers[0]!.weights[0]?.length ?? 0, layers };
}

/**
 * A differentiable penalty: call it with kernel_1, bias_1, kernel_2, bias_2, … (tensors or
 * variables) to get a scalar whose gradient with respect to each of them is the penalty's exact
 * derivative for the current cells (computed by `networkPenalty`).
 */
export function tfPenalty(
  tf: TfCore,
  options: TfPenaltyOptions,
): (...params: tfc.Tensor[]) => tfc.Scalar {
  return tf.customGrad((...inputs: (tfc.Tensor | tfc.GradSaveFunc)[]) => {
    const params = inputs.filter((x): x is tfc.Tensor => typeof x !== 'function');
    const net = floatMlpOfTensors(params);
    const { value, gradient } = networkPenalty(net, options);
    return {
      value: tf.scalar(value),
      gradFunc: (dy: tfc.Scalar) =>
        params.map((p, n) => {
          const l = n >> 1;
          if (n % 2 === 1) return tf.mul(dy, tf.tensor(gradient.bias[l]!, p.shape));
          // kernel [in, out] = transpose of our weights [out][in]
          const g = gradient.weights[l]!;
          const [inp, out] = p.shape as [number, number];
          const flat = new Float32Array(inp * out);
          for (let j = 0; j < out; j++) for (let i = 0; i < inp; i++) flat[i * out + j] = g[j]![i]!;
          return tf.mul(dy, tf.tensor(flat, p.shape));
        }),
    };
  }) as (...params: tfc.Tensor[]) => tfc.Scalar;
}
