/**
 * Voronoi / k-means / nearest-centroid sites (SPEC §2): region i is where site i is nearest, ties to
 * the lowest index; the label and the prediction are the site index.
 */
import { ShapeError } from '@mlgeo/exact-arith';
import type { VoronoiModel } from '../models.js';
import { argminCells, argminRows, voronoiRival } from '../engines/argmin.js';
import { allPairs } from '../engines/face-candidates.js';
import { compareIndexLabels } from '../engines/order.js';
import { voronoiLabeler } from '../locate/label.js';
import { checkVector, classOf } from './common.js';
import type { ModelAdapter } from './types.js';

export const voronoiAdapter: ModelAdapter<VoronoiModel> = {
  kind: 'voronoi',
  validate(model) {
    if (model.sites.length === 0)
      throw new ShapeError('no sites', 'sites', 'give at least one site');
    model.sites.forEach((s, i) => checkVector(s, model.inputDimension, `sites[${i}]`));
  },
  cells: (model, start, arithmetic, stats, onProgress) =>
    argminCells(model.sites.length, voronoiRival(model), start, arithmetic, stats, onProgress),
  labeler: (model) => voronoiLabeler(model),
  cellRows: (model, label) => argminRows(model.sites.length, voronoiRival(model), label),
  compareLabels: compareIndexLabels,
  predict: (_model, label) => Number(label),
  // the site index is the class
  predictedClass: (prediction) => classOf(prediction, (v) => v),
  cellCountBound: (model) => model.sites.length,
  faceCandidates: allPairs,
};
