/**
 * Structural checks of a decision tree's node list (SPEC §2: node 0 is the root, x_f ≤ t goes
 * left, a leaf's label is its index in the list). Every node must be reached from the root exactly
 * once: a child index out of range (dangling), a cycle, a node shared by two parents, and a node the
 * root never reaches are all errors, because each would make leaf labels ambiguous or silently
 * unused.
 */
import type { TreeNode } from '@mlgeo/model-partitions';
import { ModelFormatError } from './errors.js';

/** How to name the fields of node i (e.g. `nodes[3].left` or `children_left[3]`). */
export interface TreeFieldNames {
  node(i: number): string;
  left(i: number): string;
  right(i: number): string;
  feature(i: number): string;
}

/** Field names for our own `nodes: [...]` layout below `prefix`. */
export function nodeListFieldNames(prefix: string): TreeFieldNames {
  const p = prefix === '' ? 'nodes' : `${prefix}.nodes`;
  return {
    node: (i) => `${p}[${i}]`,
    left: (i) => `${p}[${i}].left`,
    right: (i) => `${p}[${i}].right`,
    feature: (i) => `${p}[${i}].feature`,
  };
}

/** Throws a ModelFormatError unless `nodes` is a tree rooted at 0 over features 0..d-1. */
export function validateTreeNodes(
  nodes: readonly TreeNode[],
  inputDimension: number,
  names: TreeFieldNames,
): void {
  if (nodes.length === 0) {
    throw new ModelFormatError('EMPTY_MODEL', 'the tree has no nodes', {
      field: names.node(0).replace(/\[0\]$/, ''),
      fix: 'give at least one node (a single leaf is a one-cell tree)',
    });
  }
  const parent = new Int32Array(nodes.length).fill(-2); // -2 = not reached, -1 = root
  parent[0] = -1;
  const stack = [0];
  while (stack.length > 0) {
    const i = stack.pop()!;
    const node = nodes[i]!;
    if (node.kind === 'leaf') continue;
    if (!(node.feature >= 0 && node.feature < inputDimension)) {
      throw new ModelFormatError(
        'FEATURE_RANGE',
        `feature index ${node.feature} is outside 0..${inputDimension - 1}`,
        {
          field: names.feature(i),
          fix: `use a feature index below the input dimension ${inputDimension} (or raise the input dimension)`,
        },
      );
    }
    for (const side of ['left', 'right'] as const) {
      const child = node[side];
      const field = side === 'left' ? names.left(i) : names.right(i);
      if (!Number.isInteger(child) || child < 0 || child >= nodes.length) {
        throw new ModelFormatError(
          'TREE_STRUCTURE',
          `child index ${child} of node ${i} is dangling (there are ${nodes.length} nodes)`,
          { field, fix: `point to an existing node 1..${nodes.length - 1}` },
        );
      }
      if (parent[child] !== -2) {
        const cyclic = isAncestor(parent, child, i);
        throw new ModelFormatError(
          'TREE_STRUCTURE',
          cyclic
            ? `node ${i} points back to its ancestor ${child}: the nodes form a cycle`
            : `node ${child} is reached twice (from node ${parent[child]} and from node ${i})`,
          { field, fix: 'every node except the root must have exactly one parent' },
        );
      }
      parent[child] = i;
      stack.push(child);
    }
  }
  const unreachable = parent.indexOf(-2);
  if (unreachable >= 0) {
    throw new ModelFormatError(
      'TREE_STRUCTURE',
      `node ${unreachable} is not reachable from the root (node 0)`,
      {
        field: names.node(unreachable),
        fix: 'remove the node (leaf labels are node indices, so renumber) or link it from its parent',
      },
    );
  }
}

function isAncestor(parent: Int32Array, candidate: number, node: number): boolean {
  for (let k = node; k >= 0; k = parent[k]!) if (k === candidate) return true;
  return false;
}

/**
 * The key holding a forest's trees: `estimators` (sklearn's attribute name) or `trees`, exactly
 * one of them (shared by the scikit-learn and `mlgeo-forest` readers).
 */
export function forestKey(hasEstimators: boolean, hasTrees: boolean): 'estimators' | 'trees' {
  if (hasEstimators && hasTrees) {
    throw new ModelFormatError('INVALID', 'the forest has both "estimators" and "trees"', {
      field: 'trees',
      fix: 'keep one list of trees, under "estimators" or "trees" (they mean the same)',
    });
  }
  if (!hasEstimators && !hasTrees) {
    throw new ModelFormatError('INVALID', 'the forest has no "estimators" or "trees" list', {
      field: 'estimators',
      fix: 'give the trees as "estimators": [tree, …] (or "trees": [tree, …])',
    });
  }
  return hasEstimators ? 'estimators' : 'trees';
}
