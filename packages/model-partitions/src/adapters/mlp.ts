/**
 * ReLU MLPs (SPEC §2, §5), also leaky (`DenseLayer.negativeSlopes`): the label is the activation
 * pattern of the hidden units, layer by layer;
 * on a cell the network is one affine map, so predictions come from the output map at a point.
 */
import { ShapeError } from '@mlgeo/exact-arith';
import type { ReluMlpModel } from '../models.js';
import { mlpCellRows, mlpMapsOf, mlpPattern } from '../engines/cell-rows.js';
import { oneBitPairs } from '../engines/face-candidates.js';
import { decideMlpFaces, mlpWorkerJob } from '../engines/mlp-adjacency.js';
import { cellMapSlopes, evaluateMap, toAffineMap } from '../engines/mlp-maps.js';
import { mlpCells } from '../engines/mlp.js';
import { floatEnumerationApplies, mlpCellsFloat } from '../engines/mlp-float.js';
import { compareBitLabels } from '../engines/order.js';
import { prepareMlp } from '../locate/forward.js';
import { mlpLabeler } from '../locate/label.js';
import { arrangementBound, checkVector, classOf } from './common.js';
import type { ModelAdapter } from './types.js';

export const mlpAdapter: ModelAdapter<ReluMlpModel> = {
  kind: 'mlp',
  validate(model) {
    if (model.layers.length === 0)
      throw new ShapeError('the network has no layers', 'layers', 'give at least the output layer');
    let width = model.inputDimension;
    model.layers.forEach((layer, l) => {
      const out = layer.bias.length;
      if (layer.weights.length !== out)
        throw new ShapeError(
          `${layer.weights.length} weight rows but ${out} biases`,
          `layers[${l}].weights`,
          'give one weight row per unit',
        );
      layer.weights.forEach((row, j) => checkVector(row, width, `layers[${l}].weights[${j}]`));
      checkVector(layer.bias, out, `layers[${l}].bias`);
      if (layer.negativeSlopes !== undefined) {
        if (l === model.layers.length - 1 && layer.negativeSlopes.some((a) => !a.isZero()))
          throw new ShapeError(
            'the output layer is affine and has no activation slopes',
            `layers[${l}].negativeSlopes`,
            'give slopes on hidden layers only',
          );
        checkVector(layer.negativeSlopes, out, `layers[${l}].negativeSlopes`);
      }
      width = out;
    });
  },
  // the float path is float all the way for ReLU nets (identical cells; exact values lazily)
  cells: (model, start, predicates, stats, onProgress) =>
    predicates === 'filtered' && floatEnumerationApplies(model)
      ? mlpCellsFloat(model, start, predicates, stats, onProgress)
      : mlpCells(model, start, predicates, stats, onProgress),
  labeler: (model) => mlpLabeler(prepareMlp(model)),
  cellRows: (model, label) => mlpCellRows(model, label),
  compareLabels: compareBitLabels,
  predict(model, label, at) {
    const maps = mlpMapsOf(model, mlpPattern(model, label));
    const y = evaluateMap(maps[maps.length - 1]!, at()).map((v) => v.toNumber());
    return y.length === 1 ? y[0]! : y;
  },
  // one output: the positive class when it is > 0
  predictedClass: (prediction) => classOf(prediction, (v) => (v > 0 ? 1 : 0)),
  // each hidden layer cuts every region by at most n_l hyperplanes: ∏_l Σ_{j≤d} C(n_l, j)
  cellCountBound: (model) =>
    model.layers
      .slice(0, -1)
      .reduce((p, layer) => p * arrangementBound(layer.bias.length, model.inputDimension), 1),
  faceCandidates: oneBitPairs,
  cellMaps(model, label) {
    const layerMaps = mlpMapsOf(model, mlpPattern(model, label)).map(toAffineMap);
    return {
      pattern: mlpPattern(model, label),
      layerMaps,
      output: layerMaps[layerMaps.length - 1]!,
      ...cellMapSlopes(model),
    };
  },
  faceDecider: { decide: decideMlpFaces, workerJob: mlpWorkerJob },
  architecture: (model) => [model.inputDimension, ...model.layers.map((l) => l.bias.length)],
};
