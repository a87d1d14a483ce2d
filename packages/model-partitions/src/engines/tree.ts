/**
 * Decision trees and forests (SPEC §2). A tree's leaf boxes are found by pushing the cell down the
 * tree: at a split x_f ≤ t the cell splits by the hyperplane x_f = t (the left part is x_f ≤ t);
 * leaves whose box meets X in a lower-dimensional set get no cell. A forest is the common refinement
 * of its trees: every cell is pushed down the next tree, labels joined by `.`.
 */
import { type FilterStats, MlgeoError, Rational } from '@mlgeo/exact-arith';
import type { DecisionTreeModel, ForestModel } from '../models.js';
import type { Predicates, PartitionCell, ProgressCallback } from '../partition.js';
import { type IntAffine, affineFromRationals } from './affine.js';
import { cellFromVCell } from './cell.js';
import type { VCell } from './vcell.js';
import type { ModelPartitionsErrorCode } from '../errors.js';

/** A tree whose node list is not a tree (cycle, dangling child, bad feature). */
export class TreeStructureError extends MlgeoError<ModelPartitionsErrorCode> {
  constructor(message: string, field: string, fix: string) {
    super('TREE_STRUCTURE', message, { field, fix });
  }
}

/** Split hyperplanes g = x_f − t of every split node (g ≤ 0 goes left), validated. */
export function treeSplits(tree: DecisionTreeModel, field = 'nodes'): (IntAffine | undefined)[] {
  const d = tree.inputDimension;
  const n = tree.nodes.length;
  if (n === 0)
    throw new TreeStructureError('the tree has no nodes', field, 'give at least one leaf');
  const splits = tree.nodes.map((node, i) => {
    if (node.kind === 'leaf') return undefined;
    if (!Number.isInteger(node.feature) || node.feature < 0 || node.feature >= d)
      throw new TreeStructureError(
        `feature ${node.feature} is not an input coordinate 0..${d - 1}`,
        `${field}[${i}].feature`,
        `use a feature index below ${d}`,
      );
    for (const side of ['left', 'right'] as const) {
      const c = node[side];
      if (!Number.isInteger(c) || c < 0 || c >= n)
        throw new TreeStructureError(
          `child ${c} does not exist`,
          `${field}[${i}].${side}`,
          `point to a node index 0..${n - 1}`,
        );
    }
    const w = Array.from({ length: d }, (_, k) =>
      k === node.feature ? Rational.ONE : Rational.ZERO,
    );
    return affineFromRationals(w, node.threshold.neg());
  });
  // every node reachable at most once from the root (no cycles, no shared children)
  const seen = new Uint8Array(n);
  const stack = [0];
  while (stack.length > 0) {
    const i = stack.pop()!;
    if (seen[i])
      throw new TreeStructureError(
        `node ${i} is reached twice from the root (a cycle or a shared child)`,
        `${field}[${i}]`,
        'make the nodes form a tree: every node has exactly one parent',
      );
    seen[i] = 1;
    const node = tree.nodes[i]!;
    if (node.kind === 'split') stack.push(node.right, node.left);
  }
  return splits;
}

/** The leaves of `tree` that meet `cell` in a full-dimensional set, with those parts. */
export function treeLeafParts(
  tree: DecisionTreeModel,
  splits: readonly (IntAffine | undefined)[],
  cell: VCell,
  predicates: Predicates,
  stats?: FilterStats,
): { leaf: number; cell: VCell }[] {
  const out: { leaf: number; cell: VCell }[] = [];
  const stack: { node: number; cell: VCell }[] = [{ node: 0, cell }];
  while (stack.length > 0) {
    const { node, cell: c } = stack.pop()!;
    const n = tree.nodes[node]!;
    if (n.kind === 'leaf') {
      out.push({ leaf: node, cell: c });
      continue;
    }
    const { neg, pos } = c.split(splits[node]!, predicates, stats);
    if (pos) stack.push({ node: n.right, cell: pos });
    if (neg) stack.push({ node: n.left, cell: neg });
  }
  return out;
}

function leafValue(tree: DecisionTreeModel, leaf: number): number[] {
  const n = tree.nodes[leaf]!;
  return n.kind === 'leaf' ? n.value : [];
}

const unwrap = (v: number[]): number | number[] => (v.length === 1 ? v[0]! : v);

export function treeCells(
  tree: DecisionTreeModel,
  domainCell: VCell,
  predicates: Predicates,
  stats?: FilterStats,
): PartitionCell[] {
  const splits = treeSplits(tree);
  return treeLeafParts(tree, splits, domainCell, predicates, stats).map((p) =>
    cellFromVCell(String(p.leaf), p.cell, predicates, {
      prediction: unwrap(leafValue(tree, p.leaf)),
    }),
  );
}

export function forestCells(
  forest: ForestModel,
  domainCell: VCell,
  predicates: Predicates,
  stats?: FilterStats,
  onProgress?: ProgressCallback,
): PartitionCell[] {
  let parts: { cell: VCell; leaves: number[] }[] = [{ cell: domainCell, leaves: [] }];
  forest.trees.forEach((tree, t) => {
    const splits = treeSplits(tree, `trees[${t}].nodes`);
    const next: typeof parts = [];
    for (const p of parts)
      for (const q of treeLeafParts(tree, splits, p.cell, predicates, stats))
        next.push({ cell: q.cell, leaves: [...p.leaves, q.leaf] });
    parts = next;
    onProgress?.({ phase: 'trees', done: t + 1, total: forest.trees.length });
  });
  return parts.map((p) =>
    cellFromVCell(p.leaves.join('.'), p.cell, predicates, {
      prediction: forestPrediction(forest, p.leaves),
    }),
  );
}

/** The forest's prediction on a tuple of leaves: mean or sum of the leaf values, per component. */
export function forestPrediction(
  forest: ForestModel,
  leaves: readonly number[],
): number | number[] {
  if (forest.boosting) return boostedPrediction(forest, forest.boosting, leaves);
  const values = leaves.map((leaf, t) => leafValue(forest.trees[t]!, leaf));
  const width = Math.max(0, ...values.map((v) => v.length));
  const agg = Array.from({ length: width }, (_, k) => {
    const s = values.reduce((acc, v) => acc + (v[k] ?? 0), 0);
    return forest.aggregate === 'mean' ? s / Math.max(1, values.length) : s;
  });
  return unwrap(agg);
}

/**
 * Gradient-boosted scores (models.ts `boosting`): out_k = init_k, then out_{t mod K} += lr · v_t
 * tree by tree, in float64 in sklearn's order (its predict_stages), so the scores are sklearn's
 * decision_function to the bit. Binary classification gives the scores (0, f).
 */
function boostedPrediction(
  forest: ForestModel,
  boosting: NonNullable<ForestModel['boosting']>,
  leaves: readonly number[],
): number | number[] {
  const out = boosting.init.slice();
  const K = out.length;
  leaves.forEach((leaf, t) => {
    out[t % K]! += boosting.learningRate * leafValue(forest.trees[t]!, leaf)[0]!;
  });
  if (forest.task === 'classification' && K === 1) return [0, out[0]!];
  return unwrap(out);
}

/** The prediction of a tree leaf (its value, a single value unwrapped); undefined off the leaves. */
export function treePrediction(
  tree: DecisionTreeModel,
  leaf: number,
): number | number[] | undefined {
  return tree.nodes[leaf]?.kind === 'leaf' ? unwrap(leafValue(tree, leaf)) : undefined;
}

/**
 * An upper bound on the cells of the common refinement of axis-aligned trees: every cell is a box
 * of the grid cut by each distinct threshold on its axis, so at most Π_f (thresholds on f + 1) —
 * and every cell is one tuple of leaves, so at most Π_t leaves(t). The smaller of the two (the
 * grid bound keeps a forest of many shallow trees in low dimension from looking astronomically big).
 */
export function axisTreesCellBound(trees: readonly DecisionTreeModel[], d: number): number {
  const thresholds = Array.from({ length: d }, () => new Set<string>());
  for (const t of trees)
    for (const n of t.nodes)
      if (n.kind === 'split' && n.feature >= 0 && n.feature < d)
        thresholds[n.feature]!.add(n.threshold.toString());
  const grid = thresholds.reduce((p, s) => p * (s.size + 1), 1);
  const tuples = trees.reduce((p, t) => p * leafCount(t), 1);
  return Math.min(grid, tuples);
}

/** Number of leaves of a tree (an upper bound on its cells). */
export function leafCount(tree: DecisionTreeModel): number {
  return tree.nodes.filter((n) => n.kind === 'leaf').length;
}
