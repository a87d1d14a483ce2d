import { Rational } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import { readMlgeoJson } from './mlgeo-json.js';
import { expectModelError } from './expect-model-error.test.util.js';

const r = (s: string) => Rational.parse(s);
const str = (xs: Rational[]) => xs.map((x) => x.toString());

const mlp = (layers: unknown[], extra: object = {}) => ({
  format: 'mlgeo-mlp',
  version: 1,
  layers,
  ...extra,
});
type JsonLayer = { weights: (number | string)[][]; bias: (number | string)[]; activation?: string };
const goodLayers = (): JsonLayer[] => [
  {
    weights: [
      [1, 0],
      [0, 1],
    ],
    bias: ['-1/2', '1/4'],
    activation: 'relu',
  },
  { weights: [[1, -1]], bias: [0], activation: 'linear' },
];

describe('mlgeo-mlp', () => {
  it('reads the documented example with exact numbers (SPEC §1)', () => {
    const { model, format, domain } = readMlgeoJson(
      JSON.stringify(
        mlp(
          [
            {
              weights: [
                [1, 0.1],
                [0, 1],
              ],
              bias: ['-1/2', '0.1'],
              activation: 'relu',
            },
            goodLayers()[1],
          ],
          { inputDimension: 2 },
        ),
      ),
    );
    expect(format).toBe('mlgeo-mlp');
    expect(domain).toBeUndefined();
    if (model.kind !== 'mlp') throw new Error('kind');
    expect(model.inputDimension).toBe(2);
    // JSON 0.1 is the double 3602879701896397/2^55; the string "0.1" is 1/10
    expect(model.layers[0]!.weights[0]![1]!.toString()).toBe('3602879701896397/36028797018963968');
    expect(str(model.layers[0]!.bias)).toEqual(['-1/2', '1/10']);
    expect(str(model.layers[1]!.weights[0]!)).toEqual(['1', '-1']);
  });

  it('defaults activations (relu hidden, linear last) and infers inputDimension', () => {
    const { model } = readMlgeoJson(
      mlp([
        { weights: [[1, 2, 3]], bias: [0] },
        { weights: [[2]], bias: ['1e-3'] },
      ]),
    );
    expect(model.inputDimension).toBe(3);
    if (model.kind !== 'mlp') throw new Error('kind');
    expect(model.layers[1]!.bias[0]!.equals(r('1/1000'))).toBe(true);
  });

  it('returns a box domain as A x ≤ b and keeps the box', () => {
    const { domain } = readMlgeoJson(
      mlp(goodLayers(), {
        domain: {
          box: [
            [-1, 1],
            ['0', '1/2'],
          ],
        },
      }),
    );
    expect(domain!.A.map(str)).toEqual([
      ['1', '0'],
      ['-1', '0'],
      ['0', '1'],
      ['0', '-1'],
    ]);
    expect(str(domain!.b)).toEqual(['1', '1', '1/2', '0']);
    expect(str(domain!.box!.hi)).toEqual(['1', '1/2']);
  });

  it('returns an H-rep domain unchanged', () => {
    const { domain } = readMlgeoJson(
      mlp(goodLayers(), {
        domain: {
          A: [
            [1, 1],
            [-1, 0],
            [0, -1],
          ],
          b: [1, 0, 0],
        },
      }),
    );
    expect(domain!.kind).toBe('hrep');
    expect(domain!.A.map(str)).toEqual([
      ['1', '1'],
      ['-1', '0'],
      ['0', '-1'],
    ]);
    expect(domain!.box).toBeUndefined();
  });

  it('rejects NaN / Infinity as strings and as numbers', () => {
    const bad = goodLayers();
    bad[0]!.bias[1] = 'NaN';
    expectModelError(() => readMlgeoJson(mlp(bad)), 'NON_FINITE', 'layers[0].bias[1]');
    const bad2 = goodLayers();
    bad2[1]!.weights[0]![1] = '-Infinity';
    expectModelError(() => readMlgeoJson(mlp(bad2)), 'NON_FINITE', 'layers[1].weights[0][1]');
    const bad3 = goodLayers();
    bad3[0]!.weights[1]![0] = Number.POSITIVE_INFINITY;
    expectModelError(() => readMlgeoJson(mlp(bad3)), 'NON_FINITE', 'layers[0].weights[1][0]');
  });

  it('rejects non-numbers and unparsable strings', () => {
    const bad = goodLayers();
    bad[0]!.weights[0]![1] = '1/x' as unknown as number;
    expectModelError(() => readMlgeoJson(mlp(bad)), 'PARSE', 'layers[0].weights[0][1]');
    const bad2 = goodLayers();
    bad2[0]!.weights[0]![1] = true as unknown as number;
    expectModelError(() => readMlgeoJson(mlp(bad2)), 'INVALID', 'layers[0].weights[0][1]');
  });

  it('rejects wrong shapes and layer size mismatches', () => {
    const ragged = goodLayers();
    ragged[0]!.weights[1] = [0, 1, 2];
    expectModelError(() => readMlgeoJson(mlp(ragged)), 'SHAPE', 'layers[0].weights[1]');
    const mismatch = goodLayers();
    mismatch[1]!.weights = [[1, 2, 3]];
    expectModelError(() => readMlgeoJson(mlp(mismatch)), 'LAYER_SIZE', 'layers[1].weights[0]');
    const bias = goodLayers();
    bias[0]!.bias = [0];
    expectModelError(() => readMlgeoJson(mlp(bias)), 'LAYER_SIZE', 'layers[0].bias');
    expectModelError(
      () => readMlgeoJson(mlp(goodLayers(), { inputDimension: 3 })),
      'SHAPE',
      'inputDimension',
    );
    expectModelError(
      () => readMlgeoJson(mlp([{ weights: {}, bias: [] }])),
      'INVALID',
      'layers[0].weights',
    );
  });

  it('rejects unknown and misplaced activations, naming the layer', () => {
    const tanh = goodLayers();
    tanh[0]!.activation = 'tanh';
    const e = expectModelError(
      () => readMlgeoJson(mlp(tanh)),
      'ACTIVATION',
      'layers[0].activation',
    );
    expect(e.message).toContain('tanh');
    const reluLast = goodLayers();
    reluLast[1]!.activation = 'relu';
    expectModelError(() => readMlgeoJson(mlp(reluLast)), 'ACTIVATION', 'layers[1].activation');
    const linearHidden = goodLayers();
    linearHidden[0]!.activation = 'linear';
    expectModelError(() => readMlgeoJson(mlp(linearHidden)), 'ACTIVATION', 'layers[0].activation');
  });

  it('rejects empty models, bad versions, bad JSON and unknown formats', () => {
    expectModelError(() => readMlgeoJson(mlp([])), 'EMPTY_MODEL', 'layers');
    expectModelError(
      () => readMlgeoJson({ ...mlp(goodLayers()), version: 2 }),
      'INVALID',
      'version',
    );
    expectModelError(() => readMlgeoJson('{"format": "mlgeo-mlp", '), 'DECODE', '(root)');
    expectModelError(
      () => readMlgeoJson({ format: 'mlgeo-cnn', version: 1 }),
      'UNKNOWN_FORMAT',
      'format',
    );
    expectModelError(() => readMlgeoJson([1, 2]), 'INVALID', '(root)');
  });

  it('rejects bad domains naming the field', () => {
    expectModelError(
      () => readMlgeoJson(mlp(goodLayers(), { domain: { box: [[0, 1]] } })),
      'DOMAIN',
      'domain.box',
    );
    expectModelError(
      () =>
        readMlgeoJson(
          mlp(goodLayers(), {
            domain: {
              box: [
                [0, 1],
                [1, 0],
              ],
            },
          }),
        ),
      'DOMAIN',
      'domain.box[1]',
    );
    expectModelError(
      () =>
        readMlgeoJson(
          mlp(goodLayers(), {
            domain: {
              box: [
                [0, 1],
                [0, 'NaN'],
              ],
            },
          }),
        ),
      'NON_FINITE',
      'domain.box[1][1]',
    );
    expectModelError(
      () => readMlgeoJson(mlp(goodLayers(), { domain: { A: [[1, 0]], b: [1, 2] } })),
      'DOMAIN',
      'domain.b',
    );
    expectModelError(
      () => readMlgeoJson(mlp(goodLayers(), { domain: { A: [[1, 0, 0]], b: [1] } })),
      'DOMAIN',
      'domain.A[0]',
    );
    expectModelError(
      () => readMlgeoJson(mlp(goodLayers(), { domain: { A: [], b: [] } })),
      'DOMAIN',
      'domain.A',
    );
  });
});

describe('mlgeo-arrangement, mlgeo-voronoi, mlgeo-linear', () => {
  it('reads an arrangement (SPEC §9 style hyperplanes)', () => {
    const { model } = readMlgeoJson({
      format: 'mlgeo-arrangement',
      version: 1,
      hyperplanes: [
        { w: [1, 0], c: '-1/2' },
        { w: ['1/3', 1], c: 0 },
      ],
    });
    if (model.kind !== 'arrangement') throw new Error('kind');
    expect(model.inputDimension).toBe(2);
    expect(model.hyperplanes.map((h) => [...str(h.w), h.c.toString()])).toEqual([
      ['1', '0', '-1/2'],
      ['1/3', '1', '0'],
    ]);
  });

  it('rejects arrangement errors', () => {
    const base = { format: 'mlgeo-arrangement', version: 1 };
    expectModelError(
      () => readMlgeoJson({ ...base, hyperplanes: [] }),
      'EMPTY_MODEL',
      'hyperplanes',
    );
    expectModelError(
      () =>
        readMlgeoJson({
          ...base,
          hyperplanes: [
            { w: [1, 0], c: 0 },
            { w: [1], c: 0 },
          ],
        }),
      'SHAPE',
      'hyperplanes[1].w',
    );
    expectModelError(
      () => readMlgeoJson({ ...base, hyperplanes: [{ w: [1, 0], c: 'inf' }] }),
      'NON_FINITE',
      'hyperplanes[0].c',
    );
    expectModelError(
      () => readMlgeoJson({ ...base, hyperplanes: [{ w: [1, 0] }] }),
      'INVALID',
      'hyperplanes[0].c',
    );
  });

  it('reads Voronoi sites and rejects ragged or empty site lists', () => {
    const { model } = readMlgeoJson({
      format: 'mlgeo-voronoi',
      version: 1,
      sites: [
        [0, 0],
        ['1/2', 1],
      ],
    });
    if (model.kind !== 'voronoi') throw new Error('kind');
    expect(model.sites.map(str)).toEqual([
      ['0', '0'],
      ['1/2', '1'],
    ]);
    expectModelError(
      () => readMlgeoJson({ format: 'mlgeo-voronoi', version: 1, sites: [[0, 0], [1]] }),
      'SHAPE',
      'sites[1]',
    );
    expectModelError(
      () => readMlgeoJson({ format: 'mlgeo-voronoi', version: 1, sites: [] }),
      'EMPTY_MODEL',
      'sites',
    );
  });

  it('reads a linear classifier and checks the bias length', () => {
    const { model } = readMlgeoJson({
      format: 'mlgeo-linear',
      version: 1,
      weights: [
        [1, 0],
        [0, 1],
        [-1, -1],
      ],
      bias: [0, 0, '1/2'],
    });
    if (model.kind !== 'linear') throw new Error('kind');
    expect(model.weights.length).toBe(3);
    expect(model.bias[2]!.toString()).toBe('1/2');
    expectModelError(
      () => readMlgeoJson({ format: 'mlgeo-linear', version: 1, weights: [[1, 0]], bias: [0, 1] }),
      'SHAPE',
      'bias',
    );
    expectModelError(
      () => readMlgeoJson({ format: 'mlgeo-linear', version: 1, weights: [], bias: [] }),
      'EMPTY_MODEL',
      'weights',
    );
  });
});

describe('mlgeo-tree and mlgeo-forest', () => {
  const tree = (nodes: unknown[], extra: object = {}) => ({
    format: 'mlgeo-tree',
    version: 1,
    inputDimension: 2,
    nodes,
    ...extra,
  });
  const good = () => [
    { feature: 0, threshold: '1/2', left: 1, right: 2 },
    { value: [3, 1] },
    { feature: 1, threshold: 0.25, left: 3, right: 4 },
    { value: [0, 2] },
    { value: [1, 1] },
  ];

  it('reads splits and leaves with exact thresholds', () => {
    const { model } = readMlgeoJson(tree(good()));
    if (model.kind !== 'tree') throw new Error('kind');
    expect(model.task).toBe('classification');
    expect(model.nodes[0]).toEqual({
      kind: 'split',
      feature: 0,
      threshold: r('1/2'),
      left: 1,
      right: 2,
    });
    expect(model.nodes[2]).toMatchObject({ kind: 'split', feature: 1, left: 3, right: 4 });
    expect((model.nodes[2] as { threshold: Rational }).threshold.toString()).toBe('1/4');
    expect(model.nodes[4]).toEqual({ kind: 'leaf', value: [1, 1] });
  });

  it('a single leaf is a one-cell tree; scalar leaves mean regression', () => {
    const { model } = readMlgeoJson(tree([{ value: 2.5 }]));
    expect(model).toEqual({
      kind: 'tree',
      inputDimension: 2,
      nodes: [{ kind: 'leaf', value: [2.5] }],
      task: 'regression',
    });
  });

  it('rejects dangling, cyclic, shared and unreachable nodes', () => {
    const dangling = good();
    dangling[2] = { feature: 1, threshold: 0, left: 3, right: 9 };
    expectModelError(() => readMlgeoJson(tree(dangling)), 'TREE_STRUCTURE', 'nodes[2].right');
    const negative = good();
    negative[0] = { feature: 0, threshold: 0, left: -1, right: 2 };
    expectModelError(() => readMlgeoJson(tree(negative)), 'TREE_STRUCTURE', 'nodes[0].left');
    const cyclic = good();
    cyclic[2] = { feature: 1, threshold: 0, left: 3, right: 0 };
    const e = expectModelError(
      () => readMlgeoJson(tree(cyclic)),
      'TREE_STRUCTURE',
      'nodes[2].right',
    );
    expect(e.message).toContain('cycle');
    const selfLoop = good();
    selfLoop[2] = { feature: 1, threshold: 0, left: 2, right: 4 };
    expectModelError(() => readMlgeoJson(tree(selfLoop)), 'TREE_STRUCTURE', 'nodes[2].left');
    const shared = good();
    shared[2] = { feature: 1, threshold: 0, left: 3, right: 1 };
    expect(
      expectModelError(() => readMlgeoJson(tree(shared)), 'TREE_STRUCTURE', 'nodes[2].right')
        .message,
    ).toContain('reached twice');
    const unreachable = [...good(), { value: [5, 5] }];
    expectModelError(() => readMlgeoJson(tree(unreachable)), 'TREE_STRUCTURE', 'nodes[5]');
  });

  it('rejects feature indices out of range, empty trees, ragged leaves and NaN thresholds', () => {
    const feature = good();
    feature[2] = { feature: 2, threshold: 0, left: 3, right: 4 };
    expectModelError(() => readMlgeoJson(tree(feature)), 'FEATURE_RANGE', 'nodes[2].feature');
    expectModelError(() => readMlgeoJson(tree([])), 'EMPTY_MODEL', 'nodes');
    const ragged = good();
    ragged[4] = { value: [1, 1, 1] };
    expectModelError(() => readMlgeoJson(tree(ragged)), 'SHAPE', 'nodes[4].value');
    const nan = good();
    nan[0] = { feature: 0, threshold: 'NaN', left: 1, right: 2 };
    expectModelError(() => readMlgeoJson(tree(nan)), 'NON_FINITE', 'nodes[0].threshold');
    const { inputDimension: _omit, ...noDim } = tree(good());
    expectModelError(() => readMlgeoJson(noDim), 'INVALID', 'inputDimension');
  });

  it('reads a forest and names errors inside a tree', () => {
    const forest = {
      format: 'mlgeo-forest',
      version: 1,
      inputDimension: 2,
      aggregate: 'sum',
      trees: [{ nodes: good() }, { nodes: [{ value: [1, 0] }] }],
    };
    const { model } = readMlgeoJson(forest);
    if (model.kind !== 'forest') throw new Error('kind');
    expect(model.trees.length).toBe(2);
    expect(model.aggregate).toBe('sum');
    expect(model.task).toBe('classification');
    const bad = good();
    bad[0] = { feature: 0, threshold: 0, left: 1, right: 7 };
    expectModelError(
      () => readMlgeoJson({ ...forest, trees: [{ nodes: good() }, { nodes: bad }] }),
      'TREE_STRUCTURE',
      'trees[1].nodes[0].right',
    );
    expectModelError(() => readMlgeoJson({ ...forest, trees: [] }), 'EMPTY_MODEL', 'trees');
    // "estimators" (scikit-learn's name) is the same list under another key, never both
    const { trees: list, ...header } = forest;
    const viaEstimators = readMlgeoJson({ ...header, estimators: list }).model;
    expect(viaEstimators).toEqual(model);
    expectModelError(
      () => readMlgeoJson({ ...header, estimators: [{ nodes: good() }, { nodes: bad }] }),
      'TREE_STRUCTURE',
      'estimators[1].nodes[0].right',
    );
    expectModelError(() => readMlgeoJson({ ...forest, estimators: list }), 'INVALID', 'trees');
    expectModelError(() => readMlgeoJson(header), 'INVALID', 'estimators');
  });
});

describe('unknown keys', () => {
  it('are rejected so a typo cannot silently change the model', () => {
    const layers = [
      { weights: [[1, 0]], bias: [0], activaton: 'tanh' },
      { weights: [[1]], bias: [0] },
    ];
    const e = expectModelError(
      () => readMlgeoJson({ format: 'mlgeo-mlp', version: 1, layers }),
      'INVALID',
      'layers[0]',
    );
    expect(e.message).toContain('activaton');
  });
});

describe('mlgeo-mlp leaky_relu layers', () => {
  const hidden = (extra: object) => ({
    weights: [
      [1, 0],
      [0, 1],
    ],
    bias: [0, '1/2'],
    ...extra,
  });
  const out = { weights: [[1, -1]], bias: [0] };
  it('reads one shared slope or one per unit, exactly', () => {
    const shared = readMlgeoJson(
      mlp([hidden({ activation: 'leaky_relu', negativeSlope: '0.01' }), out]),
    ).model;
    expect(shared.kind === 'mlp' && str(shared.layers[0]!.negativeSlopes!)).toEqual([
      '1/100',
      '1/100',
    ]);
    const each = readMlgeoJson(
      mlp([hidden({ activation: 'leaky_relu', negativeSlope: ['1/3', -2] }), out]),
    ).model;
    expect(each.kind === 'mlp' && str(each.layers[0]!.negativeSlopes!)).toEqual(['1/3', '-2']);
    expect(each.kind === 'mlp' && each.layers[1]!.negativeSlopes).toBeUndefined();
  });
  it('rejects a slope without leaky_relu, leaky_relu without a slope, and wrong counts', () => {
    expectModelError(
      () => readMlgeoJson(mlp([hidden({ negativeSlope: 1 }), out])),
      'ACTIVATION',
      'layers[0].negativeSlope',
    );
    expectModelError(
      () => readMlgeoJson(mlp([hidden({ activation: 'leaky_relu' }), out])),
      'ACTIVATION',
      'layers[0].activation',
    );
    expectModelError(
      () =>
        readMlgeoJson(mlp([hidden({ activation: 'leaky_relu', negativeSlope: [1, 2, 3] }), out])),
      'LAYER_SIZE',
      'layers[0].negativeSlope',
    );
    expectModelError(
      () => readMlgeoJson(mlp([hidden({}), { ...out, activation: 'leaky_relu' }])),
      'ACTIVATION',
      'layers[1].activation',
    );
  });
});
