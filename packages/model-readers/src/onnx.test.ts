import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import { Rational } from '@mlgeo/exact-arith';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReluMlpModel } from '@mlgeo/model-partitions';
import { readOnnxModel } from './onnx.js';
import { expectModelError } from './expect-model-error.test.util.js';

const { onnx } = onnxProto;

/** float32 little-endian bytes of `values`. */
function f32(values: number[]): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return bytes;
}

type Init = { name: string; dims: number[]; values: number[]; as?: 'raw' | 'float' | 'double' };
function tensor({ name, dims, values, as = 'raw' }: Init) {
  if (as === 'float') return { name, dims, dataType: 1, floatData: values };
  if (as === 'double') return { name, dims, dataType: 11, doubleData: values };
  return { name, dims, dataType: 1, rawData: f32(values) };
}

interface NodeSpec {
  op: string;
  inputs: string[];
  output: string;
  /** Extra outputs after `output` (e.g. Dropout's mask). */
  more?: string[];
  name?: string;
  attrs?: { name: string; f?: number; i?: number; t?: object; type: number }[];
}

/** Encodes a graph input[N, d] → nodes → output with onnx-proto's own encoder. */
function buildModel(
  d: number,
  nodes: NodeSpec[],
  inits: Init[],
  output = nodes[nodes.length - 1]!.output,
): Uint8Array {
  const model = {
    irVersion: 7,
    opsetImport: [{ domain: '', version: 13 }],
    producerName: 'mlgeo-test',
    graph: {
      name: 'g',
      input: [
        {
          name: 'x',
          type: {
            tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'N' }, { dimValue: d }] } },
          },
        },
      ],
      output: [{ name: output, type: { tensorType: { elemType: 1 } } }],
      initializer: inits.map(tensor),
      node: nodes.map((n, k) => ({
        opType: n.op,
        input: n.inputs,
        output: [n.output, ...(n.more ?? [])],
        name: n.name ?? `n${k}`,
        attribute: n.attrs ?? [],
      })),
    },
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}

const FLOAT_ATTR = 1;
const INT_ATTR = 2;

// A 2 → 3 → 1 network with non-dyadic decimals, so exact float32 conversion is visible.
const W1 = [
  [0.1, -0.7],
  [1.5, 0.3],
  [-2, 0.25],
]; // out × in
const B1 = [0.2, -0.1, 0];
const W2 = [[1, -1, 0.5]];
const B2 = [-0.3];
const transpose = (m: number[][]) => m[0]!.map((_, j) => m.map((row) => row[j]!));

function writeAndRead(bytes: Uint8Array): ReluMlpModel {
  const dir = mkdtempSync(join(tmpdir(), 'mlgeo-onnx-'));
  const file = join(dir, 'model.onnx');
  writeFileSync(file, bytes);
  return readOnnxModel(new Uint8Array(readFileSync(file))).model;
}

function expectFloat32Weights(model: ReluMlpModel) {
  expect(model.inputDimension).toBe(2);
  expect(model.layers.length).toBe(2);
  const exact = (x: number) => Rational.fromDouble(Math.fround(x));
  model.layers.forEach((layer, l) => {
    const [W, b] = l === 0 ? [W1, B1] : [W2, B2];
    expect(layer.weights.map((row) => row.map((x) => x.toString()))).toEqual(
      W.map((row) => row.map((x) => exact(x).toString())),
    );
    expect(layer.bias.map((x) => x.toString())).toEqual(b.map((x) => exact(x).toString()));
  });
  // float32(0.1) is 13421773/2^27, not 1/10 and not the double 0.1 (SPEC §1)
  expect(model.layers[0]!.weights[0]![0]!.toString()).toBe('13421773/134217728');
  // float32(-0.3) = -5033165/2^24
  expect(model.layers[1]!.bias[0]!.toString()).toBe('-5033165/16777216');
}

describe('readOnnxModel', () => {
  it('reads Gemm(transB=1) + Relu + Gemm with raw_data initialisers exactly', () => {
    const bytes = buildModel(
      2,
      [
        {
          op: 'Gemm',
          inputs: ['x', 'W1', 'B1'],
          output: 'h1',
          attrs: [{ name: 'transB', i: 1, type: INT_ATTR }],
        },
        { op: 'Relu', inputs: ['h1'], output: 'a1' },
        {
          op: 'Gemm',
          inputs: ['a1', 'W2', 'B2'],
          output: 'y',
          attrs: [{ name: 'transB', i: 1, type: INT_ATTR }],
        },
      ],
      [
        { name: 'W1', dims: [3, 2], values: W1.flat() },
        { name: 'B1', dims: [3], values: B1 },
        { name: 'W2', dims: [1, 3], values: W2.flat() },
        { name: 'B2', dims: [1], values: B2 },
      ],
    );
    expectFloat32Weights(writeAndRead(bytes));
  });

  it('reads MatMul + Add (kernel in × out) and float_data initialisers to the same model', () => {
    const bytes = buildModel(
      2,
      [
        { op: 'Flatten', inputs: ['x'], output: 'f' },
        { op: 'MatMul', inputs: ['f', 'K1'], output: 'm1' },
        { op: 'Add', inputs: ['m1', 'B1'], output: 'h1' },
        { op: 'Relu', inputs: ['h1'], output: 'a1' },
        { op: 'Identity', inputs: ['a1'], output: 'i1' },
        { op: 'MatMul', inputs: ['i1', 'K2'], output: 'm2' },
        { op: 'Add', inputs: ['B2', 'm2'], output: 'y' },
      ],
      [
        { name: 'K1', dims: [2, 3], values: transpose(W1).flat(), as: 'float' },
        { name: 'B1', dims: [1, 3], values: B1, as: 'float' },
        { name: 'K2', dims: [3, 1], values: transpose(W2).flat() },
        { name: 'B2', dims: [], values: B2 },
      ],
    );
    expectFloat32Weights(writeAndRead(bytes));
  });

  it('applies Gemm alpha and beta exactly and reads transB = 0', () => {
    const bytes = buildModel(
      2,
      [
        {
          op: 'Gemm',
          inputs: ['x', 'K', 'C'],
          output: 'y',
          attrs: [
            { name: 'alpha', f: 0.5, type: FLOAT_ATTR },
            { name: 'beta', f: 0.1, type: FLOAT_ATTR },
          ],
        },
      ],
      [
        { name: 'K', dims: [2, 1], values: [3, 0.1] },
        { name: 'C', dims: [1], values: [1] },
      ],
    );
    const model = writeAndRead(bytes);
    expect(model.layers.length).toBe(1);
    expect(model.layers[0]!.weights[0]!.map((x) => x.toString())).toEqual([
      '3/2',
      '13421773/268435456',
    ]);
    expect(model.layers[0]!.bias[0]!.toString()).toBe('13421773/134217728'); // beta · 1 = float32(0.1)
  });

  it('reads float64 initialisers exactly', () => {
    const bytes = buildModel(
      2,
      [{ op: 'MatMul', inputs: ['x', 'K'], output: 'y' }],
      [{ name: 'K', dims: [2, 1], values: [0.1, -2], as: 'double' }],
    );
    const model = writeAndRead(bytes);
    expect(model.layers[0]!.weights[0]!.map((x) => x.toString())).toEqual([
      '3602879701896397/36028797018963968',
      '-2',
    ]);
  });

  it('composes consecutive affine layers exactly and closes a trailing Relu with an identity layer', () => {
    const bytes = buildModel(
      1,
      [
        { op: 'MatMul', inputs: ['x', 'A'], output: 'm1' },
        { op: 'MatMul', inputs: ['m1', 'B'], output: 'm2' },
        { op: 'Relu', inputs: ['m2'], output: 'y' },
      ],
      [
        { name: 'A', dims: [1, 2], values: [2, 3] },
        { name: 'B', dims: [2, 1], values: [0.5, -1] },
      ],
    );
    const model = writeAndRead(bytes);
    // (x·[2,3])·[0.5,-1]ᵀ = (1 - 3) x = -2x
    expect(model.layers.map((l) => l.weights.map((r) => r.map(String)))).toEqual([
      [['-2']],
      [['1']],
    ]);
  });

  it('names the unsupported operator and node (Sigmoid, Conv)', () => {
    const sigmoid = buildModel(
      2,
      [
        {
          op: 'Gemm',
          inputs: ['x', 'W1', 'B1'],
          output: 'h',
          attrs: [{ name: 'transB', i: 1, type: INT_ATTR }],
        },
        { op: 'Sigmoid', inputs: ['h'], output: 'y', name: 'act1' },
      ],
      [
        { name: 'W1', dims: [3, 2], values: W1.flat() },
        { name: 'B1', dims: [3], values: B1 },
      ],
    );
    const e = expectModelError(
      () => writeAndRead(sigmoid),
      'UNSUPPORTED_OPERATOR',
      'graph.node[1] (Sigmoid "act1")',
    );
    expect(e.message).toContain('Sigmoid');
    const conv = buildModel(
      2,
      [{ op: 'Conv', inputs: ['x', 'W1'], output: 'y', name: 'conv0' }],
      [{ name: 'W1', dims: [3, 2], values: W1.flat() }],
    );
    expectModelError(
      () => writeAndRead(conv),
      'UNSUPPORTED_OPERATOR',
      'graph.node[0] (Conv "conv0")',
    );
  });

  it('rejects a truncated file, NaN weights, transA, non-float data and size mismatches', () => {
    const good = buildModel(
      2,
      [{ op: 'MatMul', inputs: ['x', 'K'], output: 'y' }],
      [{ name: 'K', dims: [2, 1], values: [1, 2] }],
    );
    expectModelError(() => readOnnxModel(good.slice(0, good.length - 7)), 'DECODE');
    expectModelError(() => readOnnxModel(new Uint8Array([0x0a, 0xff, 0xff, 0xff])), 'DECODE');
    const nan = buildModel(
      2,
      [{ op: 'MatMul', inputs: ['x', 'K'], output: 'y' }],
      [{ name: 'K', dims: [2, 1], values: [1, Number.NaN] }],
    );
    expectModelError(() => readOnnxModel(nan), 'NON_FINITE', 'graph.initializer["K"][1]');
    const transA = buildModel(
      2,
      [
        {
          op: 'Gemm',
          inputs: ['x', 'K'],
          output: 'y',
          attrs: [{ name: 'transA', i: 1, type: INT_ATTR }],
        },
      ],
      [{ name: 'K', dims: [2, 1], values: [1, 2] }],
    );
    expectModelError(
      () => readOnnxModel(transA),
      'UNSUPPORTED_OPERATOR',
      'graph.node[0] (Gemm "n0")',
    );
    const int64 = onnx.ModelProto.encode(
      onnx.ModelProto.create({
        graph: {
          input: [{ name: 'x' }],
          output: [{ name: 'y' }],
          initializer: [{ name: 'K', dims: [2, 1], dataType: 7, int64Data: [1, 2] }],
          node: [{ opType: 'MatMul', input: ['x', 'K'], output: ['y'] }],
        },
      }),
    ).finish();
    expectModelError(() => readOnnxModel(int64), 'UNSUPPORTED_DTYPE', 'graph.initializer["K"]');
    const sizes = buildModel(
      2,
      [
        { op: 'MatMul', inputs: ['x', 'K1'], output: 'h' },
        { op: 'Relu', inputs: ['h'], output: 'a' },
        { op: 'MatMul', inputs: ['a', 'K2'], output: 'y' },
      ],
      [
        { name: 'K1', dims: [2, 3], values: [1, 2, 3, 4, 5, 6] },
        { name: 'K2', dims: [2, 1], values: [1, 2] },
      ],
    );
    expectModelError(() => readOnnxModel(sizes), 'LAYER_SIZE', 'graph.node[2] (MatMul "n2")');
    const wrongInput = buildModel(
      3,
      [{ op: 'MatMul', inputs: ['x', 'K'], output: 'y' }],
      [{ name: 'K', dims: [2, 1], values: [1, 2] }],
    );
    expectModelError(() => readOnnxModel(wrongInput), 'LAYER_SIZE', 'graph.node[0] (MatMul "n0")');
  });

  it('rejects a graph without dense layers and a Relu on the raw input', () => {
    const identity = buildModel(2, [{ op: 'Identity', inputs: ['x'], output: 'y' }], []);
    expectModelError(() => readOnnxModel(identity), 'EMPTY_MODEL', 'graph');
    const reluFirst = buildModel(
      2,
      [
        { op: 'Relu', inputs: ['x'], output: 'r' },
        { op: 'MatMul', inputs: ['r', 'K'], output: 'y' },
      ],
      [{ name: 'K', dims: [2, 1], values: [1, 2] }],
    );
    expectModelError(
      () => readOnnxModel(reluFirst),
      'UNSUPPORTED_OPERATOR',
      'graph.node[0] (Relu "n0")',
    );
  });

  it('rejects branching graphs and an output that is not the end of the chain', () => {
    const branch = buildModel(
      2,
      [
        { op: 'MatMul', inputs: ['x', 'K'], output: 'h' },
        { op: 'Relu', inputs: ['h'], output: 'a' },
        { op: 'Add', inputs: ['h', 'B'], output: 'y' },
      ],
      [
        { name: 'K', dims: [2, 1], values: [1, 2] },
        { name: 'B', dims: [1], values: [1] },
      ],
    );
    expectModelError(
      () => readOnnxModel(branch),
      'UNSUPPORTED_OPERATOR',
      'graph.node[2] (Add "n2")',
    );
    const output = buildModel(
      2,
      [{ op: 'MatMul', inputs: ['x', 'K'], output: 'y' }],
      [{ name: 'K', dims: [2, 1], values: [1, 2] }],
      'z',
    );
    expectModelError(() => readOnnxModel(output), 'UNSUPPORTED_OPERATOR', 'graph.output');
  });
});

describe('readOnnxModel property', () => {
  it('every float32 weight becomes a dyadic rational that rounds back to the same float32', () => {
    const weight = fc.float({ noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(
        fc.array(weight, { minLength: 6, maxLength: 6 }),
        fc.array(weight, { minLength: 3, maxLength: 3 }),
        (w, b) => {
          const bytes = buildModel(
            2,
            [
              {
                op: 'Gemm',
                inputs: ['x', 'W', 'B'],
                output: 'y',
                attrs: [{ name: 'transB', i: 1, type: INT_ATTR }],
              },
            ],
            [
              { name: 'W', dims: [3, 2], values: w },
              { name: 'B', dims: [3], values: b },
            ],
          );
          const { model } = readOnnxModel(bytes);
          const got = [...model.layers[0]!.weights.flat(), ...model.layers[0]!.bias];
          [...w, ...b].forEach((x, k) => {
            const r = got[k]!;
            expect(r.toNumber()).toBe(x === 0 ? 0 : x); // -0 reads as 0
            expect(r.den & (r.den - 1n)).toBe(0n); // denominator is a power of two
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('readOnnxModel: nodes that do not change the cells', () => {
  // 2 → 3 → 2 classifier: logits = W2b relu(W1 x + B1) + B2b
  const W2b = [
    [1, -1, 0.5],
    [0.25, 2, -1],
  ];
  const B2b = [-0.3, 0.1];
  const inits: Init[] = [
    { name: 'W1', dims: [3, 2], values: W1.flat() },
    { name: 'B1', dims: [3], values: B1 },
    { name: 'W2', dims: [2, 3], values: W2b.flat() },
    { name: 'B2', dims: [2], values: B2b },
  ];
  const gemm = (inputs: string[], output: string): NodeSpec => ({
    op: 'Gemm',
    inputs,
    output,
    attrs: [{ name: 'transB', i: 1, type: INT_ATTR }],
  });
  const plain = [gemm(['x', 'W1', 'B1'], 'h'), { op: 'Relu', inputs: ['h'], output: 'a' }];
  // oracle: the same network without the extra nodes, whose weights the tests above check exactly
  const reference = () =>
    readOnnxModel(buildModel(2, [...plain, gemm(['a', 'W2', 'B2'], 'y')], inits)).model;

  it('drops a trailing Softmax or LogSoftmax (argmax unchanged), also before an Identity', () => {
    for (const op of ['Softmax', 'LogSoftmax']) {
      const bytes = buildModel(
        2,
        [
          ...plain,
          gemm(['a', 'W2', 'B2'], 'logits'),
          { op, inputs: ['logits'], output: 'p', attrs: [{ name: 'axis', i: 1, type: INT_ATTR }] },
          { op: 'Identity', inputs: ['p'], output: 'y' },
        ],
        inits,
      );
      expect(writeAndRead(bytes)).toEqual(reference());
    }
  });

  it('folds Dropout (with ratio from a Constant node and a mask output) and Identity away', () => {
    const ratio = { name: 'r', dims: [], dataType: 1, floatData: [0.5] };
    const bytes = buildModel(
      2,
      [
        { op: 'Identity', inputs: ['x'], output: 'x1' },
        gemm(['x1', 'W1', 'B1'], 'h'),
        { op: 'Relu', inputs: ['h'], output: 'a0' },
        {
          op: 'Constant',
          inputs: [],
          output: 'ratio',
          attrs: [{ name: 'value', t: ratio, type: 4 }],
        },
        { op: 'Dropout', inputs: ['a0', 'ratio'], output: 'a', more: ['mask'] },
        gemm(['a', 'W2', 'B2'], 'y'),
      ],
      inits,
    );
    expect(writeAndRead(bytes)).toEqual(reference());
  });

  it('refuses Softmax that is not last or is over one output, and training-mode Dropout', () => {
    const notLast = buildModel(
      2,
      [
        gemm(['x', 'W1', 'B1'], 'h'),
        { op: 'Softmax', inputs: ['h'], output: 's', name: 'sm' },
        gemm(['s', 'W2', 'B2'], 'y'),
      ],
      inits,
    );
    const e = expectModelError(
      () => readOnnxModel(notLast),
      'UNSUPPORTED_OPERATOR',
      'graph.node[2] (Gemm "n2")',
    );
    expect(e.message).toContain('Softmax');
    const single = buildModel(
      2,
      [
        ...plain,
        { op: 'MatMul', inputs: ['a', 'K'], output: 'z' },
        { op: 'Softmax', inputs: ['z'], output: 'y', name: 'sm' },
      ],
      [...inits, { name: 'K', dims: [3, 1], values: [1, 2, 3] }],
    );
    expectModelError(
      () => readOnnxModel(single),
      'UNSUPPORTED_OPERATOR',
      'graph.node[3] (Softmax "sm")',
    );
    const axis0 = buildModel(
      2,
      [
        ...plain,
        gemm(['a', 'W2', 'B2'], 'z'),
        {
          op: 'Softmax',
          inputs: ['z'],
          output: 'y',
          name: 'sm',
          attrs: [{ name: 'axis', i: 0, type: INT_ATTR }],
        },
      ],
      inits,
    );
    expectModelError(
      () => readOnnxModel(axis0),
      'UNSUPPORTED_OPERATOR',
      'graph.node[3] (Softmax "sm")',
    );
    const on = { name: 'on', dims: [], dataType: 9, rawData: new Uint8Array([1]) };
    const training = buildModel(
      2,
      [
        ...plain,
        { op: 'Constant', inputs: [], output: 'mode', attrs: [{ name: 'value', t: on, type: 4 }] },
        { op: 'Dropout', inputs: ['a', '', 'mode'], output: 'd', name: 'drop' },
        gemm(['d', 'W2', 'B2'], 'y'),
      ],
      inits,
    );
    const t = expectModelError(
      () => readOnnxModel(training),
      'UNSUPPORTED_OPERATOR',
      'graph.node[3] (Dropout "drop")',
    );
    expect(t.fix).toContain('eval');
  });

  it('names an unsupported operator by its type even where the chain is broken', () => {
    // Tanh on a side branch (input "x", not the chain's "a"): the operator is the problem
    const bytes = buildModel(
      2,
      [
        ...plain,
        { op: 'Tanh', inputs: ['x'], output: 't', name: 'side' },
        gemm(['a', 'W2', 'B2'], 'y'),
      ],
      inits,
    );
    const e = expectModelError(
      () => readOnnxModel(bytes),
      'UNSUPPORTED_OPERATOR',
      'graph.node[2] (Tanh "side")',
    );
    expect(e.message).toContain('unsupported operator Tanh');
    expect(e.message).not.toContain('chain');
  });
});

describe('readOnnxModel: a PyTorch export ending in Softmax', () => {
  // made by tools/fixtures/readers/make-torch-softmax-fixture.py with torch itself
  const fixtureUrl = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);
  const expected = JSON.parse(readFileSync(fixtureUrl('torch-softmax-expected.json'), 'utf8')) as {
    ops: string[];
    points: number[][];
    argmax: number[];
    margin: number[];
  };

  /** Oracle: exact forward pass of the read layers (ReLU between them), then argmax, lowest index. */
  function argmaxOf(model: ReluMlpModel, x: number[]): number {
    let v = x.map((t) => Rational.fromDouble(t));
    model.layers.forEach((layer, l) => {
      v = layer.weights.map((row, j) =>
        row.reduce((s, w, i) => s.add(w.mul(v[i]!)), layer.bias[j]!),
      );
      if (l < model.layers.length - 1) v = v.map((t) => (t.sign() < 0 ? Rational.ZERO : t));
    });
    let best = 0;
    v.forEach((t, j) => {
      if (t.cmp(v[best]!) > 0) best = j;
    });
    return best;
  }

  it('reads the logits and gives torch’s argmax of the probabilities at every clear point', () => {
    expect(expected.ops[expected.ops.length - 1]).toBe('Softmax');
    const model = readOnnxModel(
      new Uint8Array(readFileSync(fixtureUrl('torch-softmax.onnx'))),
    ).model;
    expect(model.inputDimension).toBe(2);
    expect(model.layers.map((l) => l.weights.length)).toEqual([5, 3]);
    let compared = 0;
    expected.points.forEach((p, k) => {
      if (expected.margin[k]! < 1e-5) return; // float32 probabilities too close to call
      expect(argmaxOf(model, p)).toBe(expected.argmax[k]);
      compared++;
    });
    expect(compared).toBeGreaterThan(40);
    expect(new Set(expected.argmax).size).toBeGreaterThan(1);
  });
});
