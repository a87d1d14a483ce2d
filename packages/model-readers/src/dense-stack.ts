/**
 * Turns a sequence of affine maps and ReLUs (as read from ONNX or tfjs; leaky ones keep their
 * inactive-side slopes, `DenseLayer.negativeSlopes`) into the SPEC §2 ReLU MLP:
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
  | {
      kind: 'relu';
      source: string;
      /**
       * Leaky ReLU / PReLU: the slope on the inactive side, one for all units or one per unit
       * (absent: ReLU, slope 0).
       */
      negativeSlope?: Rational | Rational[];
    };

/** Per-unit slopes of an activation stage over `width` units (undefined: plain ReLU). */
function slopesOf(stage: Stage & { kind: 'relu' }, width: number): Rational[] | undefined {
  const a = stage.negativeSlope;
  if (a === undefined) return undefined;
  if (!Array.isArray(a)) return a.isZero() ? undefined : new Array<Rational>(width).fill(a);
  if (a.length === 1) return a[0]!.isZero() ? undefined : new Array<Rational>(width).fill(a[0]!);
  if (a.length !== width) {
    throw new ModelFormatError('LAYER_SIZE', `${a.length} activation slopes for ${width} units`, {
      field: stage.source,
      fix: 'give one slope (shared) or one slope per unit',
    });
  }
  return a.every((x) => x.isZero()) ? undefined : a.slice();
}

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
      const slopes = slopesOf(stage, width);
      if (pending === undefined && layers.length > 0) {
        // two activations in a row, per unit: on z < 0 the first gives a₁z, which the second
        // passes unchanged when a₁ < 0 (a₁z > 0) and scales by a₂ otherwise — the same cells
        const last = layers[layers.length - 1]!;
        const first = last.negativeSlopes;
        if (first === undefined) continue; // relu(relu(z)) = relu(z); leaky(relu(z)) = relu(z)
        const composed = first.map((a, j) =>
          a.sign() < 0 ? a : a.mul(slopes?.[j] ?? Rational.ZERO),
        );
        if (composed.every((a) => a.isZero())) delete last.negativeSlopes;
        else last.negativeSlopes = composed;
        continue;
      }
      if (pending === undefined) {
        throw new ModelFormatError(
          'UNSUPPORTED_OPERATOR',
          'ReLU applied to the raw input before any dense layer',
          {
            field: stage.source,
            fix: 'start the network with a dense (Gemm / MatMul / Dense) layer',
          },
        );
      }
      layers.push(slopes ? { ...pending, negativeSlopes: slopes } : pending);
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
