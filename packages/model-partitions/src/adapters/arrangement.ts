/**
 * Hyperplane arrangements (SPEC §2): label bit j = 1 iff h_j(x) > 0; cells differ across a facet in
 * one bit.
 */
import { ShapeError, isRational } from '@mlgeo/exact-arith';
import type { ArrangementModel } from '../models.js';
import { affineFromRationals } from '../engines/affine.js';
import { arrangementCells } from '../engines/arrangement.js';
import { rowSink, signedRow } from '../engines/cell-rows.js';
import { oneBitPairs } from '../engines/face-candidates.js';
import { compareBitLabels } from '../engines/order.js';
import { arrangementLabeler } from '../locate/label.js';
import { arrangementBound, checkVector, classOf, noScalarClass } from './common.js';
import type { ModelAdapter } from './types.js';

export const arrangementAdapter: ModelAdapter<ArrangementModel> = {
  kind: 'arrangement',
  validate(model) {
    model.hyperplanes.forEach((h, j) => {
      checkVector(h.w, model.inputDimension, `hyperplanes[${j}].w`);
      if (!isRational(h.c))
        throw new ShapeError(
          'expected an exact Rational',
          `hyperplanes[${j}].c`,
          'convert with Rational.from',
        );
    });
  },
  cells: (model, start, predicates, stats, onProgress) =>
    arrangementCells(model, start, predicates, stats, onProgress),
  labeler: (model) => arrangementLabeler(model),
  cellRows(model, label) {
    // bit j = 1 ⇔ h_j ≥ 0 on the closed cell; a constant hyperplane gives no row
    const { out, push } = rowSink();
    model.hyperplanes.forEach((h, j) =>
      push(signedRow(affineFromRationals(h.w, h.c), label[j] === '1'), j),
    );
    return out;
  },
  compareLabels: compareBitLabels,
  // an arrangement is no predictor: its cells carry labels only
  predict: () => undefined,
  predictedClass: (prediction) => classOf(prediction, noScalarClass),
  cellCountBound: (model) => arrangementBound(model.hyperplanes.length, model.inputDimension),
  faceCandidates: oneBitPairs,
};
