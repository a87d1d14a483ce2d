/**
 * Multinomial linear classifiers (SPEC §2): region i is where class i has the largest score
 * w_i·x + c_i, ties to the lowest index; the label and the prediction are the class index.
 */
import { ShapeError } from '@mlgeo/exact-arith';
import type { LinearClassifierModel } from '../models.js';
import { argminCells, argminRows, linearRival } from '../engines/argmin.js';
import { allPairs } from '../engines/face-candidates.js';
import { compareIndexLabels } from '../engines/order.js';
import { linearLabeler } from '../locate/label.js';
import { checkVector, classOf } from './common.js';
import type { ModelAdapter } from './types.js';

export const linearAdapter: ModelAdapter<LinearClassifierModel> = {
  kind: 'linear',
  validate(model) {
    if (model.weights.length === 0)
      throw new ShapeError('no classes', 'weights', 'give at least one class');
    model.weights.forEach((w, i) => checkVector(w, model.inputDimension, `weights[${i}]`));
    checkVector(model.bias, model.weights.length, 'bias');
  },
  cells: (model, start, arithmetic, stats, onProgress) =>
    argminCells(model.weights.length, linearRival(model), start, arithmetic, stats, onProgress),
  labeler: (model) => linearLabeler(model),
  cellRows: (model, label) => argminRows(model.weights.length, linearRival(model), label),
  compareLabels: compareIndexLabels,
  predict: (_model, label) => Number(label),
  // the class index is the class
  predictedClass: (prediction) => classOf(prediction, (v) => v),
  cellCountBound: (model) => model.weights.length,
  faceCandidates: allPairs,
};
