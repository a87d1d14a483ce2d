/**
 * The adapter methods shared by the kinds whose region i is where index i wins every pairwise
 * comparison, ties to the lowest index (Voronoi sites, linear classes; SPEC §2): cells and rows from
 * one rival row per pair, labels and predictions are the index.
 */
import type { Model } from '../models.js';
import { type Rival, argminCells, argminRows } from '../engines/argmin.js';
import { allPairs } from '../engines/face-candidates.js';
import { compareIndexLabels } from '../engines/order.js';
import { classOf } from './common.js';
import type { ModelAdapter } from './types.js';

/** Methods from the number of indices and the rival rows g_{ik} ≤ 0 ⇔ i beats (or ties) k. */
export function argminMethods<M extends Model>(
  count: (model: M) => number,
  rival: (model: M) => Rival,
): Pick<
  ModelAdapter<M>,
  'cells' | 'cellRows' | 'compareLabels' | 'predict' | 'predictedClass' | 'faceCandidates'
> {
  return {
    cells: (model, start, predicates, stats, onProgress) =>
      argminCells(count(model), rival(model), start, predicates, stats, onProgress),
    cellRows: (model, label) => argminRows(count(model), rival(model), label),
    compareLabels: compareIndexLabels,
    predict: (_model, label) => Number(label),
    // the index is the class
    predictedClass: (prediction) => classOf(prediction, (v) => v),
    // any two regions may share a facet: the separating rival row is found from opposite rows
    faceCandidates: allPairs,
  };
}
