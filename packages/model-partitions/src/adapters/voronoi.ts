/**
 * Voronoi / k-means / nearest-centroid sites (SPEC §2): region i is where site i is nearest, ties to
 * the lowest index; the label and the prediction are the site index.
 */
import { ShapeError } from '@mlgeo/exact-arith';
import type { VoronoiModel } from '../models.js';
import { voronoiRival } from '../engines/argmin.js';
import { voronoiLabeler } from '../locate/label.js';
import { argminMethods } from './argmin.js';
import { checkVector } from './common.js';
import type { ModelAdapter } from './types.js';

export const voronoiAdapter: ModelAdapter<VoronoiModel> = {
  kind: 'voronoi',
  validate(model) {
    if (model.sites.length === 0)
      throw new ShapeError('no sites', 'sites', 'give at least one site');
    model.sites.forEach((s, i) => checkVector(s, model.inputDimension, `sites[${i}]`));
  },
  labeler: (model) => voronoiLabeler(model),
  cellCountBound: (model) => model.sites.length,
  ...argminMethods<VoronoiModel>((model) => model.sites.length, voronoiRival),
};
