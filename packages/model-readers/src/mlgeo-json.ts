/**
 * Our documented JSON model formats (docs/formats.md): `mlgeo-mlp`, `mlgeo-arrangement`,
 * `mlgeo-tree`, `mlgeo-forest`, `mlgeo-voronoi`, `mlgeo-linear`, each `"version": 1`, with an
 * optional `domain`. Numbers follow SPEC §1 (JSON numbers are exact doubles, strings exact).
 */
import { Rational } from '@mlgeo/exact-arith';
import { z } from 'zod';
import type {
  ArrangementModel,
  DecisionTreeModel,
  ForestModel,
  LinearClassifierModel,
  Model,
  ReluMlpModel,
  TreeNode,
  VoronoiModel,
} from '@mlgeo/model-partitions';
import { readDomain } from './domain.js';
import { ModelFormatError } from './errors.js';
import { describe } from './exact-number.js';
import { exactMatrix, exactNumber, exactVector, index, parseStructure } from './schema.js';
import { forestKey, nodeListFieldNames, validateTreeNodes } from './tree-structure.js';
import type { ModelFileFormat, ModelReadResult } from './types.js';

/** The `format` values of our own JSON files. */
export const MLGEO_JSON_FORMATS = [
  'mlgeo-mlp',
  'mlgeo-arrangement',
  'mlgeo-tree',
  'mlgeo-forest',
  'mlgeo-voronoi',
  'mlgeo-linear',
] as const satisfies readonly ModelFileFormat[];
/** One of our JSON format names. */
export type MlgeoJsonFormat = (typeof MLGEO_JSON_FORMATS)[number];

const header = {
  format: z.string(),
  version: z.literal(1, { error: 'only "version": 1 is defined' }),
  inputDimension: z.number().int().positive().optional(),
  domain: z.unknown().optional(),
  description: z.string().optional(),
};

const mlpSchema = z.strictObject({
  ...header,
  layers: z.array(
    z.strictObject({
      weights: exactMatrix,
      bias: exactVector,
      activation: z.string().optional(),
      negativeSlope: z.union([exactNumber, exactVector]).optional(),
    }),
  ),
});
const arrangementSchema = z.strictObject({
  ...header,
  hyperplanes: z.array(z.strictObject({ w: exactVector, c: exactNumber })),
});
const leafValue = z.union([z.number(), z.array(z.number())]);
const splitSchema = z.strictObject({
  feature: index,
  threshold: exactNumber,
  left: z.number().int(),
  right: z.number().int(),
});
const leafSchema = z.strictObject({ value: leafValue });
const taskSchema = z.enum(['classification', 'regression']);
const treeBody = { task: taskSchema.optional(), nodes: z.array(z.unknown()) };
const treeSchema = z.strictObject({ ...header, ...treeBody });
const forestSchema = z.strictObject({
  ...header,
  aggregate: z.enum(['mean', 'sum']).optional(),
  task: taskSchema.optional(),
  trees: z.array(z.strictObject(treeBody)).optional(),
  estimators: z.array(z.strictObject(treeBody)).optional(),
});
const voronoiSchema = z.strictObject({ ...header, sites: exactMatrix });
const linearSchema = z.strictObject({ ...header, weights: exactMatrix, bias: exactVector });

/** True when `value` is an object whose `format` names one of our JSON formats. */
export function isMlgeoJson(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { format?: unknown }).format === 'string' &&
    (MLGEO_JSON_FORMATS as readonly string[]).includes((value as { format: string }).format)
  );
}

/**
 * Reads one of our JSON model formats (already parsed, or as text). The `format` field selects
 * the reader; the result carries the model and, when present, the domain as `{A, b}`.
 */
export function readMlgeoJson(input: unknown): ModelReadResult {
  const value = typeof input === 'string' ? parseJsonText(input) : input;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ModelFormatError('INVALID', `expected a JSON object, got ${describe(value)}`, {
      field: '(root)',
      fix: 'write the model as {"format": "mlgeo-…", "version": 1, …}',
    });
  }
  const format = (value as { format?: unknown }).format;
  if (!isMlgeoJson(value)) {
    throw new ModelFormatError('UNKNOWN_FORMAT', `unknown format ${JSON.stringify(format)}`, {
      field: 'format',
      fix: `use one of ${MLGEO_JSON_FORMATS.join(', ')}`,
    });
  }
  const model = readers[format as MlgeoJsonFormat](value);
  const domainValue = (value as { domain?: unknown }).domain;
  const result: ModelReadResult = { model, format: format as MlgeoJsonFormat };
  if (domainValue !== undefined) result.domain = readDomain(domainValue, model.inputDimension);
  return result;
}

const readers: Record<MlgeoJsonFormat, (value: unknown) => Model> = {
  'mlgeo-mlp': readMlp,
  'mlgeo-arrangement': readArrangement,
  'mlgeo-tree': readTree,
  'mlgeo-forest': readForest,
  'mlgeo-voronoi': readVoronoi,
  'mlgeo-linear': readLinear,
};

/** JSON.parse with a ModelFormatError instead of a SyntaxError. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ModelFormatError('DECODE', `not valid JSON (${(error as Error).message})`, {
      field: '(root)',
      fix: 'check the file is complete JSON (NaN and Infinity are not JSON; write finite numbers)',
    });
  }
}

function emptyModel(field: string, what: string, fix: string): ModelFormatError {
  return new ModelFormatError('EMPTY_MODEL', `the model has no ${what}`, { field, fix });
}

function checkDeclaredDimension(
  declared: number | undefined,
  actual: number,
  source: string,
): number {
  if (declared !== undefined && declared !== actual) {
    throw new ModelFormatError(
      'SHAPE',
      `inputDimension is ${declared} but ${source} has ${actual} entries`,
      { field: 'inputDimension', fix: `set inputDimension to ${actual} or fix ${source}` },
    );
  }
  return actual;
}

/** Checks every row of `rows` has length `width`; `field(i)` names row i. */
function checkRows(
  rows: Rational[][],
  width: number,
  field: (i: number) => string,
  what: string,
): void {
  rows.forEach((row, i) => {
    if (row.length !== width) {
      throw new ModelFormatError('SHAPE', `row has ${row.length} entries, expected ${width}`, {
        field: field(i),
        fix: `give every ${what} ${width} entries`,
      });
    }
  });
}

/**
 * Checks a dense-layer stack (SPEC §2 ReLU MLP): layer l's weights are n_l × n_{l-1}, its bias
 * has n_l entries; activation `relu` on every hidden layer and `linear` on the last (omitted
 * activations take these defaults).
 */
function readMlp(value: unknown): ReluMlpModel {
  const parsed = parseStructure(mlpSchema, value);
  const { layers } = parsed;
  if (layers.length === 0) {
    throw emptyModel('layers', 'layers', 'give at least one layer (the last one is affine)');
  }
  const first = layers[0]!.weights;
  if (first.length === 0 || first[0]!.length === 0) {
    throw new ModelFormatError('SHAPE', 'the first layer has an empty weight matrix', {
      field: 'layers[0].weights',
      fix: 'give one row per unit, each with one weight per input',
    });
  }
  const inputDimension = checkDeclaredDimension(
    parsed.inputDimension,
    first[0]!.length,
    'layers[0].weights[0]',
  );
  let width = inputDimension;
  layers.forEach((layer, l) => {
    const last = l === layers.length - 1;
    const expected = last ? 'linear' : 'relu';
    const activation = layer.activation ?? expected;
    const leaky = activation === 'leaky_relu' && !last;
    if (activation !== expected && !leaky) {
      const known = activation === 'relu' || activation === 'linear' || activation === 'leaky_relu';
      throw new ModelFormatError(
        'ACTIVATION',
        known
          ? `layer ${l} has activation "${activation}" but ${last ? 'the last layer must be "linear"' : 'hidden layers must be "relu"'}`
          : `layer ${l} has unknown activation "${activation}"`,
        {
          field: `layers[${l}].activation`,
          fix: 'use "relu" (or "leaky_relu" with "negativeSlope") on every hidden layer and "linear" on the last layer (no other activation gives a polyhedral partition)',
        },
      );
    }
    if ((layer.negativeSlope !== undefined) !== leaky) {
      throw new ModelFormatError(
        'ACTIVATION',
        leaky
          ? `layer ${l} is "leaky_relu" without "negativeSlope"`
          : `layer ${l} has "negativeSlope" but activation "${activation}"`,
        {
          field: `layers[${l}].${leaky ? 'activation' : 'negativeSlope'}`,
          fix: 'give "negativeSlope" (one number, or one per unit) exactly on "leaky_relu" layers',
        },
      );
    }
    const slope = layer.negativeSlope;
    if (Array.isArray(slope) && slope.length !== layer.weights.length) {
      throw new ModelFormatError(
        'LAYER_SIZE',
        `negativeSlope has ${slope.length} entries but the layer has ${layer.weights.length} units`,
        { field: `layers[${l}].negativeSlope`, fix: 'give one slope, or one per row of weights' },
      );
    }
    if (layer.weights.length === 0) {
      throw new ModelFormatError('SHAPE', `layer ${l} has no units`, {
        field: `layers[${l}].weights`,
        fix: 'give at least one row (unit) per layer',
      });
    }
    layer.weights.forEach((row, j) => {
      if (row.length !== width) {
        throw new ModelFormatError(
          l === 0 ? 'SHAPE' : 'LAYER_SIZE',
          l === 0
            ? `row has ${row.length} weights but the input dimension is ${width}`
            : `row has ${row.length} weights but layer ${l - 1} has ${width} units`,
          {
            field: `layers[${l}].weights[${j}]`,
            fix: `give each unit of layer ${l} one weight per output of the previous layer (${width})`,
          },
        );
      }
    });
    if (layer.bias.length !== layer.weights.length) {
      throw new ModelFormatError(
        'LAYER_SIZE',
        `bias has ${layer.bias.length} entries but the layer has ${layer.weights.length} units`,
        { field: `layers[${l}].bias`, fix: 'give one bias per row of weights' },
      );
    }
    width = layer.weights.length;
  });
  return {
    kind: 'mlp',
    inputDimension,
    layers: layers.map((layer) => {
      const a = layer.negativeSlope;
      if (a === undefined) return { weights: layer.weights, bias: layer.bias };
      const negativeSlopes = Array.isArray(a)
        ? a
        : new Array<Rational>(layer.weights.length).fill(a);
      return { weights: layer.weights, bias: layer.bias, negativeSlopes };
    }),
  };
}

function readArrangement(value: unknown): ArrangementModel {
  const parsed = parseStructure(arrangementSchema, value);
  if (parsed.hyperplanes.length === 0) {
    throw emptyModel(
      'hyperplanes',
      'hyperplanes',
      'give at least one hyperplane {"w": [...], "c": ...}',
    );
  }
  const d = checkDeclaredDimension(
    parsed.inputDimension,
    parsed.hyperplanes[0]!.w.length,
    'hyperplanes[0].w',
  );
  if (d === 0) {
    throw new ModelFormatError('SHAPE', 'hyperplane normal is empty', {
      field: 'hyperplanes[0].w',
      fix: 'give one coefficient per input',
    });
  }
  checkRows(
    parsed.hyperplanes.map((h) => h.w),
    d,
    (i) => `hyperplanes[${i}].w`,
    'normal w',
  );
  return { kind: 'arrangement', inputDimension: d, hyperplanes: parsed.hyperplanes };
}

function readVoronoi(value: unknown): VoronoiModel {
  const parsed = parseStructure(voronoiSchema, value);
  if (parsed.sites.length === 0) throw emptyModel('sites', 'sites', 'give at least one site');
  const d = checkDeclaredDimension(parsed.inputDimension, parsed.sites[0]!.length, 'sites[0]');
  if (d === 0) {
    throw new ModelFormatError('SHAPE', 'site has no coordinates', {
      field: 'sites[0]',
      fix: 'give one coordinate per input',
    });
  }
  checkRows(parsed.sites, d, (i) => `sites[${i}]`, 'site');
  return { kind: 'voronoi', inputDimension: d, sites: parsed.sites };
}

function readLinear(value: unknown): LinearClassifierModel {
  const parsed = parseStructure(linearSchema, value);
  if (parsed.weights.length === 0)
    throw emptyModel('weights', 'classes', 'give one weight row per class');
  const d = checkDeclaredDimension(parsed.inputDimension, parsed.weights[0]!.length, 'weights[0]');
  if (d === 0) {
    throw new ModelFormatError('SHAPE', 'weight row is empty', {
      field: 'weights[0]',
      fix: 'give one weight per input',
    });
  }
  checkRows(parsed.weights, d, (i) => `weights[${i}]`, 'class weight row');
  if (parsed.bias.length !== parsed.weights.length) {
    throw new ModelFormatError(
      'SHAPE',
      `bias has ${parsed.bias.length} entries but there are ${parsed.weights.length} classes`,
      {
        field: 'bias',
        fix:
          parsed.weights.length === 1
            ? 'a single weight row is a binary classifier: give one bias (scikit-learn intercept_ of length 1)'
            : 'give one bias per class (row of weights)',
      },
    );
  }
  if (parsed.weights.length === 1) return binaryLinear(d, parsed.weights[0]!, parsed.bias[0]!);
  return { kind: 'linear', inputDimension: d, weights: parsed.weights, bias: parsed.bias };
}

/**
 * A single row w, b is a binary classifier as scikit-learn writes it (coef_ of shape 1×d,
 * intercept_ of length 1): class 1 iff w·x + b > 0, else class 0. As a multinomial argmax
 * (SPEC §2) that is class 0 scoring 0·x + 0 and class 1 scoring w·x + b; a tie (w·x + b = 0)
 * goes to the lowest index, class 0, as sklearn's decision_function > 0 rule does.
 */
function binaryLinear(d: number, w: Rational[], b: Rational): LinearClassifierModel {
  const zeros = Array.from({ length: d }, () => Rational.ZERO);
  return { kind: 'linear', inputDimension: d, weights: [zeros, w], bias: [Rational.ZERO, b] };
}

/** Our node list → TreeNode[]; split = {feature, threshold, left, right}, leaf = {value}. */
function readNodes(nodes: unknown[], prefix: string): TreeNode[] {
  const base = prefix === '' ? 'nodes' : `${prefix}.nodes`;
  return nodes.map((node, i) => {
    const isLeaf = typeof node === 'object' && node !== null && 'value' in node;
    const parsed = isLeaf
      ? parseStructure(leafSchema, node, `${base}[${i}]`)
      : parseStructure(splitSchema, node, `${base}[${i}]`);
    if ('value' in parsed) {
      const value = typeof parsed.value === 'number' ? [parsed.value] : parsed.value;
      if (value.length === 0) {
        throw new ModelFormatError('SHAPE', 'leaf value is empty', {
          field: `${base}[${i}].value`,
          fix: 'give the leaf a number (regression) or one score per class',
        });
      }
      return { kind: 'leaf', value };
    }
    return { kind: 'split', ...parsed };
  });
}

/** Leaves must all have the same number of values; classification by default when > 1. */
function inferTask(
  nodes: TreeNode[],
  declared: 'classification' | 'regression' | undefined,
  prefix: string,
) {
  let width: number | undefined;
  nodes.forEach((node, i) => {
    if (node.kind !== 'leaf') return;
    if (width === undefined) width = node.value.length;
    else if (node.value.length !== width) {
      throw new ModelFormatError(
        'SHAPE',
        `leaf has ${node.value.length} values but earlier leaves have ${width}`,
        {
          field: `${prefix === '' ? 'nodes' : `${prefix}.nodes`}[${i}].value`,
          fix: 'give every leaf the same number of values (one per class)',
        },
      );
    }
  });
  return declared ?? ((width ?? 1) > 1 ? 'classification' : 'regression');
}

function requireDimension(declared: number | undefined, format: string): number {
  if (declared === undefined) {
    throw new ModelFormatError('INVALID', `${format} needs "inputDimension"`, {
      field: 'inputDimension',
      fix: 'give the number of input features (a tree need not use them all)',
    });
  }
  return declared;
}

function buildTree(
  body: { task?: 'classification' | 'regression' | undefined; nodes: unknown[] },
  inputDimension: number,
  prefix: string,
  defaultTask?: 'classification' | 'regression',
): DecisionTreeModel {
  const nodes = readNodes(body.nodes, prefix);
  validateTreeNodes(nodes, inputDimension, nodeListFieldNames(prefix));
  const task = inferTask(nodes, body.task ?? defaultTask, prefix);
  return { kind: 'tree', inputDimension, nodes, task };
}

function readTree(value: unknown): DecisionTreeModel {
  const parsed = parseStructure(treeSchema, value);
  return buildTree(parsed, requireDimension(parsed.inputDimension, 'mlgeo-tree'), '');
}

function readForest(value: unknown): ForestModel {
  const parsed = parseStructure(forestSchema, value);
  const d = requireDimension(parsed.inputDimension, 'mlgeo-forest');
  const key = forestKey(parsed.estimators !== undefined, parsed.trees !== undefined);
  const list = (parsed.trees ?? parsed.estimators)!;
  if (list.length === 0) throw emptyModel(key, 'trees', 'give at least one tree');
  const trees = list.map((tree, t) => buildTree(tree, d, `${key}[${t}]`, parsed.task));
  const task = parsed.task ?? trees[0]!.task;
  return { kind: 'forest', inputDimension: d, trees, aggregate: parsed.aggregate ?? 'mean', task };
}
