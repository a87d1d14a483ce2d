/**
 * Decision trees (SPEC §2): x_f ≤ t goes left; a cell is a leaf box and its label the leaf's index
 * in `nodes`.
 */
import type { DecisionTreeModel } from '../models.js';
import { leafPathRows } from '../engines/cell-rows.js';
import { allPairs } from '../engines/face-candidates.js';
import { compareIndexLabels } from '../engines/order.js';
import { axisTreesCellBound, treeCells, treePrediction } from '../engines/tree.js';
import { treeLabeler } from '../locate/label.js';
import { classOf, noScalarClass } from './common.js';
import type { ModelAdapter } from './types.js';

export const treeAdapter: ModelAdapter<DecisionTreeModel> = {
  kind: 'tree',
  // the node structure (features, children, cycles) is checked by treeSplits wherever the tree is
  // first walked (cells, labeler, rows), with the same field names
  validate: () => undefined,
  cells: (model, start, predicates, stats) => treeCells(model, start, predicates, stats),
  labeler: (model) => treeLabeler(model),
  cellRows: (model, label) => leafPathRows([model], [Number(label)], () => 'nodes'),
  compareLabels: compareIndexLabels,
  predict: (model, label) => treePrediction(model, Number(label)),
  predictedClass: (prediction) => classOf(prediction, noScalarClass),
  cellCountBound: (model) => axisTreesCellBound([model], model.inputDimension),
  // any two leaf boxes may share a facet: the separating split is found from opposite rows
  faceCandidates: allPairs,
};
