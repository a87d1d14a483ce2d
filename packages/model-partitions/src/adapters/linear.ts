/**
 * Multinomial linear classifiers (SPEC §2): region i is where class i has the largest score
 * w_i·x + c_i, ties to the lowest index; the label and the prediction are the class index.
 */
import { ShapeError } from '@mlgeo/exact-arith';
import type { LinearClassifierModel } from '../models.js';
import { linearRival } from '../engines/argmin.js';
import { linearLabeler } from '../locate/label.js';
import { argminMethods } from './argmin.js';
import { checkVector } from './common.js';
import type { ModelAdapter } from './types.js';

export const linearAdapter: ModelAdapter<LinearClassifierModel> = {
  kind: 'linear',
  validate(model) {
    if (model.weights.length === 0)
      throw new ShapeError('no classes', 'weights', 'give at least one class');
    model.weights.forEach((w, i) => checkVector(w, model.inputDimension, `weights[${i}]`));
    checkVector(model.bias, model.weights.length, 'bias');
  },
  labeler: (model) => linearLabeler(model),
  cellCountBound: (model) => model.weights.length,
  ...argminMethods<LinearClassifierModel>((model) => model.weights.length, linearRival),
};
