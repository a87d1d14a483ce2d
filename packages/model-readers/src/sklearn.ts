/**
 * scikit-learn decision trees and forests exported as JSON arrays of `clf.tree_`
 * (docs/formats.md shows the export lines). sklearn's leaves have children_left = children_right
 * = -1 (TREE_LEAF) and feature = -2 (TREE_UNDEFINED); splits send x_f ≤ threshold left, which is
 * the SPEC §2 rule, so thresholds are taken as the exact doubles they are (SPEC §1).
 */
import { z } from 'zod';
import type { DecisionTreeModel, ForestModel, TreeNode } from '@mlgeo/model-partitions';
import { readDomain } from './domain.js';
import { ModelFormatError } from './errors.js';
import { describe } from './exact-number.js';
import { parseJsonText } from './mlgeo-json.js';
import { exactNumber, parseStructure } from './schema.js';
import { forestKey, validateTreeNodes, type TreeFieldNames } from './tree-structure.js';
import type { ModelReadResult } from './types.js';

const TREE_LEAF = -1;

const taskSchema = z.enum(['classification', 'regression']);
const valueSchema = z.array(z.union([z.array(z.array(z.number())), z.array(z.number())]));
const sklearnTreeSchema = z.object({
  children_left: z.array(z.number().int()),
  children_right: z.array(z.number().int()),
  feature: z.array(z.number().int()),
  threshold: z.array(exactNumber),
  value: valueSchema,
  n_features: z.number().int().positive().optional(),
  n_outputs: z.number().int().positive().optional(),
  task: taskSchema.optional(),
  domain: z.unknown().optional(),
});
const sklearnForestSchema = z.object({
  estimators: z.array(z.unknown()).optional(),
  trees: z.array(z.unknown()).optional(),
  n_features: z.number().int().positive().optional(),
  task: taskSchema.optional(),
  aggregate: z.enum(['mean', 'sum']).optional(),
  learning_rate: z.number().optional(),
  init: z.array(z.number()).optional(),
  domain: z.unknown().optional(),
});

type SklearnTree = z.output<typeof sklearnTreeSchema>;

/** True for an object with sklearn's `children_left` array. */
export function isSklearnTree(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { children_left?: unknown }).children_left)
  );
}

/**
 * True for `{"estimators": [...]}`, or `{"trees": [...]}` without a `format` field (with one it
 * is our `mlgeo-forest`, or a misspelt format that the JSON reader reports).
 */
export function isSklearnForest(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { estimators?: unknown; trees?: unknown; format?: unknown };
  return Array.isArray(v.estimators) || (Array.isArray(v.trees) && v.format === undefined);
}

function sklearnFieldNames(prefix: string): TreeFieldNames {
  const f = (key: string) => (i: number) => `${prefix}${key}[${i}]`;
  return {
    node: f('children_left'),
    left: f('children_left'),
    right: f('children_right'),
    feature: f('feature'),
  };
}

function asObject(input: unknown): unknown {
  return typeof input === 'string' ? parseJsonText(input) : input;
}

/** sklearn arrays → node list (leaves get the value row; classification rows become fractions). */
function convertTree(
  raw: SklearnTree,
  prefix: string,
  declaredTask?: 'classification' | 'regression',
) {
  const n = raw.children_left.length;
  if (n === 0) {
    throw new ModelFormatError('EMPTY_MODEL', 'the tree has no nodes', {
      field: `${prefix}children_left`,
      fix: 'export a fitted tree (clf.tree_ of a fitted estimator)',
    });
  }
  for (const key of ['children_right', 'feature', 'threshold', 'value'] as const) {
    if (raw[key].length !== n) {
      throw new ModelFormatError(
        'SHAPE',
        `${key} has ${raw[key].length} entries but children_left has ${n}`,
        {
          field: `${prefix}${key}`,
          fix: 'export all five arrays of the same clf.tree_',
        },
      );
    }
  }
  let classes: number | undefined;
  const rows: number[][] = raw.value.map((v, i) => {
    let row: number[];
    if (v.length > 0 && Array.isArray(v[0])) {
      const outputs = v as number[][];
      if (outputs.length !== 1) {
        throw new ModelFormatError(
          'SHAPE',
          `node has ${outputs.length} outputs; only single-output trees are supported`,
          {
            field: `${prefix}value[${i}]`,
            fix: 'fit one tree per output, or export value as n_nodes × 1 × n_classes',
          },
        );
      }
      row = outputs[0]!;
    } else row = v as number[];
    if (row.length === 0 || (classes !== undefined && row.length !== classes)) {
      throw new ModelFormatError(
        'SHAPE',
        `value row has ${row.length} entries, expected ${classes ?? 'at least 1'}`,
        {
          field: `${prefix}value[${i}]`,
          fix: 'export clf.tree_.value.tolist() unchanged (n_nodes × n_outputs × n_classes)',
        },
      );
    }
    classes = row.length;
    return row;
  });
  const task = raw.task ?? declaredTask ?? (classes! > 1 ? 'classification' : 'regression');
  const nodes: TreeNode[] = [];
  let maxFeature = -1;
  for (let i = 0; i < n; i++) {
    const left = raw.children_left[i]!;
    const right = raw.children_right[i]!;
    if (left === TREE_LEAF || right === TREE_LEAF) {
      if (left !== right) {
        throw new ModelFormatError(
          'TREE_STRUCTURE',
          `node ${i} has one child (${left}, ${right})`,
          {
            field: `${prefix}${left === TREE_LEAF ? 'children_right' : 'children_left'}[${i}]`,
            fix: 'a leaf has children_left = children_right = -1; a split has two children',
          },
        );
      }
      const row = rows[i]!;
      const total = row.reduce((s, x) => s + x, 0);
      nodes.push({
        kind: 'leaf',
        value: task === 'classification' && total > 0 ? row.map((x) => x / total) : row,
      });
      continue;
    }
    const feature = raw.feature[i]!;
    if (feature < 0) {
      throw new ModelFormatError('FEATURE_RANGE', `split node ${i} has feature ${feature}`, {
        field: `${prefix}feature[${i}]`,
        fix: 'a split needs a feature index ≥ 0 (-2 marks leaves only)',
      });
    }
    maxFeature = Math.max(maxFeature, feature);
    nodes.push({ kind: 'split', feature, threshold: raw.threshold[i]!, left, right });
  }
  return { nodes, task, maxFeature };
}

/**
 * A tree (or forest) without any split and without `n_features` does not say how many inputs it
 * has; guessing 1 would make a later --domain or data file look wrong instead of this file.
 */
function unknownDimension(what: string): ModelFormatError {
  return new ModelFormatError(
    'INVALID',
    `${what}the model has no split, so its number of inputs is unknown`,
    {
      field: 'n_features',
      fix: 'add "n_features": clf.n_features_in_ to the exported JSON',
    },
  );
}

function finishTree(
  converted: ReturnType<typeof convertTree>,
  inputDimension: number,
  prefix: string,
): DecisionTreeModel {
  validateTreeNodes(converted.nodes, inputDimension, sklearnFieldNames(prefix));
  return { kind: 'tree', inputDimension, nodes: converted.nodes, task: converted.task };
}

/**
 * Reads a scikit-learn tree JSON `{children_left, children_right, feature, threshold, value,
 * n_features?, task?, domain?}`. Without `n_features` the input dimension is the largest used
 * feature + 1. Classification leaf values are normalised to class fractions (as predict_proba).
 */
export function readSklearnTree(input: unknown): ModelReadResult<DecisionTreeModel> {
  const raw = parseStructure(sklearnTreeSchema, asObject(input), '', 'scikit-learn tree');
  const converted = convertTree(raw, '');
  if (converted.maxFeature < 0 && raw.n_features === undefined) throw unknownDimension('');
  const d = raw.n_features ?? Math.max(1, converted.maxFeature + 1);
  const model = finishTree(converted, d, '');
  const result: ModelReadResult<DecisionTreeModel> = { model, format: 'sklearn-tree' };
  if (raw.domain !== undefined) result.domain = readDomain(raw.domain, d);
  return result;
}

/**
 * Gradient boosting (`learning_rate` and `init` present): scikit-learn's GradientBoosting* with
 * `estimators` = `clf.estimators_.ravel()` (stage by stage, one regression tree per output), and
 * `init` = the initial raw scores; see `ForestModel.boosting`.
 *
 * Reads `{"estimators": [tree, …], n_features?, task?, aggregate?, domain?}` (a random forest's
 * `clf.estimators_`, each exported like a single tree); the list may be keyed `trees` instead. Aggregate defaults to `mean`, which with
 * fraction-valued leaves is sklearn's RandomForestClassifier.predict_proba.
 */
export function readSklearnForest(input: unknown): ModelReadResult<ForestModel> {
  const value = asObject(input);
  const raw = parseStructure(sklearnForestSchema, value, '', 'scikit-learn forest');
  const key = forestKey(raw.estimators !== undefined, raw.trees !== undefined);
  const estimators = (raw.estimators ?? raw.trees)!;
  if (estimators.length === 0) {
    throw new ModelFormatError('EMPTY_MODEL', 'the forest has no trees', {
      field: key,
      fix: 'export every tree of clf.estimators_',
    });
  }
  const boosted = raw.learning_rate !== undefined || raw.init !== undefined;
  if (boosted && (raw.learning_rate === undefined || raw.init === undefined)) {
    throw new ModelFormatError(
      'INVALID',
      `gradient boosting needs both "learning_rate" and "init" (only ${raw.init === undefined ? '"learning_rate"' : '"init"'} given)`,
      {
        field: raw.init === undefined ? 'init' : 'learning_rate',
        fix: 'export clf.learning_rate and the initial raw scores clf._raw_predict_init(X[:1])[0] (docs/formats.md)',
      },
    );
  }
  if (boosted && (raw.init!.length === 0 || estimators.length % raw.init!.length !== 0)) {
    throw new ModelFormatError(
      'SHAPE',
      `${estimators.length} trees cannot be split into stages of ${raw.init!.length} (one tree per entry of init)`,
      {
        field: key,
        fix: 'export every tree of clf.estimators_ row by row (clf.estimators_.ravel()) and one init per column',
      },
    );
  }
  if (boosted && raw.aggregate !== undefined) {
    throw new ModelFormatError(
      'INVALID',
      'gradient boosting sums its trees; "aggregate" does not apply',
      {
        field: 'aggregate',
        fix: 'drop "aggregate" from a gradient-boosting file',
      },
    );
  }
  const converted = estimators.map((tree, t) => {
    const prefix = `${key}[${t}].`;
    if (typeof tree !== 'object' || tree === null) {
      throw new ModelFormatError('INVALID', `expected a tree object, got ${describe(tree)}`, {
        field: `${key}[${t}]`,
        fix: 'write each tree as {children_left, children_right, feature, threshold, value}',
      });
    }
    const parsed = parseStructure(sklearnTreeSchema, tree, `${key}[${t}]`, 'scikit-learn forest');
    // boosting stages are regression trees, whatever the ensemble's task
    return { parsed, tree: convertTree(parsed, prefix, boosted ? 'regression' : raw.task) };
  });
  const declared =
    raw.n_features ?? converted.find((c) => c.parsed.n_features !== undefined)?.parsed.n_features;
  if (declared === undefined && converted.every((c) => c.tree.maxFeature < 0))
    throw unknownDimension('forest: ');
  const d = declared ?? Math.max(1, ...converted.map((c) => c.tree.maxFeature + 1));
  const trees = converted.map((c, t) => finishTree(c.tree, d, `${key}[${t}].`));
  const model: ForestModel = {
    kind: 'forest',
    inputDimension: d,
    trees,
    aggregate: boosted ? 'sum' : (raw.aggregate ?? 'mean'),
    task: raw.task ?? (boosted ? 'regression' : trees[0]!.task),
    ...(boosted ? { boosting: { learningRate: raw.learning_rate!, init: raw.init! } } : {}),
  };
  const result: ModelReadResult<ForestModel> = { model, format: 'sklearn-forest' };
  if (raw.domain !== undefined) result.domain = readDomain(raw.domain, d);
  return result;
}
