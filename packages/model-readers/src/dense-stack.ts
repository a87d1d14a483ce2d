/**
 * Turns a sequence of affine maps and ReLUs (as read from ONNX or tfjs) into the SPEC §2 ReLU MLP:
 * consecutive affine maps without a ReLU between them are composed exactly (W₂W₁, W₂b₁ + b₂), a
 * ReLU closes a hidden layer, and a network that ends in a ReLU gets a final identity layer
 * (relu(z) = I·relu(z) + 0), so its output units count as hidden units of the partition.
 */
import { Rational } from '@mlgeo/exact-arith';
import type { DenseLayer, ReluMlpModel } from '@mlgeo/model-partitions';
import { ModelFormatError } from './errors.js';

/** One step of a sequential network; `source` names where it came from for error messages. */
export type Stage =
  | { kind: 'affine'; weights: Rational[][]; bias: Rational[]; source: string }
  | { kind: 'relu'; source: string };

function compose(outer: DenseLayer, inner: DenseLayer): DenseLayer {
  const weights = outer.weights.map((row) =>
    inner.weights[0]!.map((_, k) =>
      row.reduce(
        (sum, w, j) => (w.isZero() ? sum : sum.add(w.mul(inner.weights[j]![k]!))),
        Rational.ZERO,
      ),
    ),
  );
  const bias = outer.weights.map((row, i) =>
    row.reduce((sum, w, j) => sum.add(w.mul(inner.bias[j]!)), outer.bias[i]!),
  );
  return { weights, bias };
}

/** Identity layer of width n. */
export function identityLayer(n: number): DenseLayer {
  return {
    weights: Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => (i === j ? Rational.ONE : Rational.ZERO)),
    ),
    bias: new Array<Rational>(n).fill(Rational.ZERO),
  };
}

/** Builds the MLP, checking each affine map's input size against the width so far. */
export function stagesToMlp(
  stages: readonly Stage[],
  inputDimension: number,
  where: string,
): ReluMlpModel {
  const layers: DenseLayer[] = [];
  let pending: DenseLayer | undefined; // affine map not yet closed by a ReLU
  let width = inputDimension;
  for (const stage of stages) {
    if (stage.kind === 'relu') {
      if (pending === undefined) {
        if (layers.length === 0) {
          throw new ModelFormatError(
            'UNSUPPORTED_OPERATOR',
            'ReLU applied to the raw input before any dense layer',
            {
              field: stage.source,
              fix: 'start the network with a dense (Gemm / MatMul / Dense) layer',
            },
          );
        }
        continue; // relu(relu(z)) = relu(z)
      }
      layers.push(pending);
      pending = undefined;
      continue;
    }
    const inWidth = stage.weights[0]?.length ?? 0;
    if (stage.weights.length === 0 || inWidth === 0) {
      throw new ModelFormatError('SHAPE', 'dense layer has an empty weight matrix', {
        field: stage.source,
        fix: 'give the layer at least one unit and one input',
      });
    }
    if (inWidth !== width) {
      throw new ModelFormatError(
        'LAYER_SIZE',
        `layer takes ${inWidth} inputs but receives ${width}`,
        {
          field: stage.source,
          fix: 'make each layer’s input size equal to the previous layer’s output size',
        },
      );
    }
    if (stage.bias.length !== stage.weights.length) {
      throw new ModelFormatError(
        'LAYER_SIZE',
        `bias has ${stage.bias.length} entries for ${stage.weights.length} units`,
        {
          field: stage.source,
          fix: 'give one bias per unit',
        },
      );
    }
    const layer = { weights: stage.weights, bias: stage.bias };
    pending = pending === undefined ? layer : compose(layer, pending);
    width = stage.weights.length;
  }
  if (layers.length === 0 && pending === undefined) {
    throw new ModelFormatError('EMPTY_MODEL', 'the network has no dense layer', {
      field: where,
      fix: 'export a network with at least one Gemm / MatMul / Dense layer',
    });
  }
  layers.push(pending ?? identityLayer(width));
  return { kind: 'mlp', inputDimension, layers };
}
