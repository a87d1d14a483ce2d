/**
 * ml-cart (npm) decision trees: the JSON of `DecisionTreeClassifier#toJSON()` /
 * `DecisionTreeRegression#toJSON()`, i.e. `{name: "DTClassifier" | "DTRegression", options, root}`
 * where a node with `distribution` is a leaf (a 1 × k class-probability matrix, or a number for
 * regression) and any other node splits on `splitColumn` at `splitValue`.
 *
 * Direction: ml-cart sends `x[splitColumn] < splitValue` left. SPEC §2 sends x_f ≤ t left. The two
 * rules cut space by the same hyperplane x_f = t, so the closed leaf boxes — and every volume,
 * face and angle — are identical with t = splitValue taken exactly; they differ only on the
 * measure-zero plane x_f = t itself, where mlgeo's tie rule (SPEC §2) sends a data point left and
 * ml-cart would send it right.
 */
import type { DecisionTreeModel, TreeNode } from '@mlgeo/model-partitions';
import { ModelFormatError } from './errors.js';
import { describe, toExactRational } from './exact-number.js';
import { parseJsonText } from './mlgeo-json.js';
import { validateTreeNodes } from './tree-structure.js';
import type { ModelReadResult } from './types.js';

/** True for `{name: "DTClassifier" | "DTRegression", root: {...}}`. */
export function isMlCartJson(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { name?: unknown; root?: unknown };
  return (v.name === 'DTClassifier' || v.name === 'DTRegression') && typeof v.root === 'object';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function leafValue(distribution: unknown, field: string): number[] {
  const flat =
    Array.isArray(distribution) && distribution.length === 1 && Array.isArray(distribution[0])
      ? (distribution[0] as unknown[])
      : distribution;
  const values = typeof flat === 'number' ? [flat] : flat;
  if (
    !Array.isArray(values) ||
    values.length === 0 ||
    !values.every((x) => typeof x === 'number' && Number.isFinite(x))
  ) {
    throw new ModelFormatError(
      'INVALID',
      `leaf distribution must be a finite number or a 1 × k matrix, got ${describe(distribution)}`,
      {
        field,
        fix: 'export the tree with JSON.stringify(tree.toJSON()) unchanged',
      },
    );
  }
  return values as number[];
}

/**
 * Reads ml-cart's tree JSON into our node list in pre-order (root 0, then the left subtree, then
 * the right subtree). `inputDimension` defaults to the largest splitColumn + 1 (ml-cart does not
 * store the number of features).
 */
export function readMlCartJson(
  input: unknown,
  options: { inputDimension?: number } = {},
): ModelReadResult<DecisionTreeModel> {
  const value = typeof input === 'string' ? parseJsonText(input) : input;
  if (!isMlCartJson(value)) {
    throw new ModelFormatError(
      'INVALID',
      'not an ml-cart tree: expected {name: "DTClassifier" | "DTRegression", root: {...}}',
      {
        field: 'name',
        fix: 'save the model with JSON.stringify(classifier.toJSON())',
      },
    );
  }
  const { name, root } = value as { name: string; root: unknown };
  const nodes: TreeNode[] = [];
  const seen = new Set<unknown>();
  let maxFeature = -1;
  // Iterative pre-order: a stack of (node object, field path, slot to patch in the parent).
  const stack: { node: unknown; field: string; parent: number; side: 'left' | 'right' | null }[] = [
    { node: root, field: 'root', parent: -1, side: null },
  ];
  while (stack.length > 0) {
    const { node, field, parent, side } = stack.pop()!;
    const index = nodes.length;
    if (parent >= 0) (nodes[parent] as { left: number; right: number })[side!] = index;
    if (!isObject(node)) {
      throw new ModelFormatError('TREE_STRUCTURE', `expected a tree node, got ${describe(node)}`, {
        field,
        fix: 'every split node needs left and right child objects',
      });
    }
    if (seen.has(node)) {
      throw new ModelFormatError(
        'TREE_STRUCTURE',
        'node object is reached twice (shared or cyclic)',
        {
          field,
          fix: 'give each split its own child objects',
        },
      );
    }
    seen.add(node);
    if (node.distribution !== undefined) {
      nodes.push({ kind: 'leaf', value: leafValue(node.distribution, `${field}.distribution`) });
      continue;
    }
    const feature = node.splitColumn;
    if (typeof feature !== 'number' || !Number.isInteger(feature) || feature < 0) {
      throw new ModelFormatError(
        'FEATURE_RANGE',
        `splitColumn must be a column index ≥ 0, got ${describe(feature)}`,
        {
          field: `${field}.splitColumn`,
          fix: 'export a trained tree (untrained nodes have no split)',
        },
      );
    }
    maxFeature = Math.max(maxFeature, feature);
    const threshold = toExactRational(node.splitValue, `${field}.splitValue`);
    nodes.push({ kind: 'split', feature, threshold, left: -1, right: -1 });
    // push right first so the left subtree is numbered first (pre-order)
    stack.push({ node: node.right, field: `${field}.right`, parent: index, side: 'right' });
    stack.push({ node: node.left, field: `${field}.left`, parent: index, side: 'left' });
  }
  const d = options.inputDimension ?? Math.max(1, maxFeature + 1);
  validateTreeNodes(nodes, d, {
    node: (i) => `nodes[${i}]`,
    left: (i) => `nodes[${i}].left`,
    right: (i) => `nodes[${i}].right`,
    feature: (i) => `nodes[${i}] (splitColumn)`,
  });
  const task = name === 'DTClassifier' ? 'classification' : 'regression';
  return { model: { kind: 'tree', inputDimension: d, nodes, task }, format: 'ml-cart' };
}
