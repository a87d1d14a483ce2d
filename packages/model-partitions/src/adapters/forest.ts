/**
 * Forests (SPEC §2): the common refinement of the trees' leaf boxes; a label joins one leaf index
 * per tree with `.`, ordered tuple-wise.
 */
import { ShapeError } from '@mlgeo/exact-arith';
import type { ForestModel } from '../models.js';
import { leafPathRows } from '../engines/cell-rows.js';
import { allPairs } from '../engines/face-candidates.js';
import { compareLeafTuples } from '../engines/order.js';
import { axisTreesCellBound, forestCells, forestPrediction } from '../engines/tree.js';
import { forestLabeler } from '../locate/label.js';
import { classOf, noScalarClass } from './common.js';
import type { ModelAdapter } from './types.js';

const leavesOf = (label: string): number[] => label.split('.').map(Number);

export const forestAdapter: ModelAdapter<ForestModel> = {
  kind: 'forest',
  validate(model) {
    if (model.trees.length === 0)
      throw new ShapeError('no trees', 'trees', 'give at least one tree');
    model.trees.forEach((t, i) => {
      if (t.inputDimension !== model.inputDimension)
        throw new ShapeError(
          `tree input dimension ${t.inputDimension} ≠ forest input dimension ${model.inputDimension}`,
          `trees[${i}].inputDimension`,
          'use trees over the same inputs',
        );
    });
    const b = model.boosting;
    if (b) {
      if (b.init.length === 0 || model.trees.length % b.init.length !== 0)
        throw new ShapeError(
          `${model.trees.length} trees for ${b.init.length} boosting outputs`,
          'boosting.init',
          'give one initial value per output and n_estimators × outputs trees',
        );
      if (!Number.isFinite(b.learningRate) || b.init.some((v) => !Number.isFinite(v)))
        throw new ShapeError(
          'learning rate and initial values must be finite',
          'boosting',
          'export the fitted model unchanged',
        );
    }
  },
  cells: (model, start, predicates, stats, onProgress) =>
    forestCells(model, start, predicates, stats, onProgress),
  labeler: (model) => forestLabeler(model.trees),
  cellRows: (model, label) =>
    leafPathRows(model.trees, leavesOf(label), (t) => `trees[${t}].nodes`),
  compareLabels: compareLeafTuples,
  predict: (model, label) => forestPrediction(model, leavesOf(label)),
  predictedClass: (prediction) => classOf(prediction, noScalarClass),
  // at most one cell per tuple of leaves, and per box of the axis grid of all thresholds
  cellCountBound: (model) => axisTreesCellBound(model.trees, model.inputDimension),
  faceCandidates: allPairs,
};
