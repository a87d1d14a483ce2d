import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rational } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import { readModelFile } from './node.js';
import { readTfjsModel } from './tfjs.js';
import { expectModelError } from './expect-model-error.test.util.js';

function f32(values: number[]): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return bytes;
}

// 2 → 3 → 1. Dense kernels are stored in × out (tfjs/Keras layout).
const K1 = [
  [0.1, 1.5, -2],
  [-0.7, 0.3, 0.25],
]; // in × out
const B1 = [0.2, -0.1, 0];
const K2 = [[1], [-1], [0.5]];
const B2 = [-0.3];

/** model.json as written by tfjs `model.save('file://…')` (tfjs-layers 4.x). */
function tfjsModelJson(activation1 = 'relu', path = './weights.bin') {
  const dense = (name: string, units: number, activation: string, extra: object = {}) => ({
    class_name: 'Dense',
    config: {
      units,
      activation,
      use_bias: true,
      kernel_initializer: {
        class_name: 'VarianceScaling',
        config: { scale: 1, mode: 'fan_avg', distribution: 'normal', seed: null },
      },
      bias_initializer: { class_name: 'Zeros', config: {} },
      kernel_regularizer: null,
      bias_regularizer: null,
      activity_regularizer: null,
      kernel_constraint: null,
      bias_constraint: null,
      name,
      trainable: true,
      ...extra,
    },
  });
  return {
    modelTopology: {
      class_name: 'Sequential',
      config: {
        name: 'sequential_1',
        layers: [
          dense('dense_Dense1', 3, activation1, { batch_input_shape: [null, 2], dtype: 'float32' }),
          dense('dense_Dense2', 1, 'linear'),
        ],
      },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    },
    format: 'layers-model',
    generatedBy: 'TensorFlow.js tfjs-layers v4.22.0',
    convertedBy: null,
    weightsManifest: [
      {
        paths: [path],
        weights: [
          { name: 'dense_Dense1/kernel', shape: [2, 3], dtype: 'float32' },
          { name: 'dense_Dense1/bias', shape: [3], dtype: 'float32' },
          { name: 'dense_Dense2/kernel', shape: [3, 1], dtype: 'float32' },
          { name: 'dense_Dense2/bias', shape: [1], dtype: 'float32' },
        ],
      },
    ],
  };
}

const weightsBin = () => f32([...K1.flat(), ...B1, ...K2.flat(), ...B2]);
const exact = (x: number) => Rational.fromDouble(Math.fround(x)).toString();

describe('readTfjsModel', () => {
  it('reads model.json + weights.bin written to disk, transposing kernels exactly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlgeo-tfjs-'));
    writeFileSync(join(dir, 'model.json'), JSON.stringify(tfjsModelJson()));
    writeFileSync(join(dir, 'weights.bin'), weightsBin());
    const direct = readTfjsModel(
      readFileSync(join(dir, 'model.json'), 'utf8'),
      new Uint8Array(readFileSync(join(dir, 'weights.bin'))),
    );
    const viaFile = await readModelFile(join(dir, 'model.json'));
    expect(viaFile.format).toBe('tfjs');
    for (const { model } of [direct, viaFile]) {
      if (model.kind !== 'mlp') throw new Error('kind');
      expect(model.inputDimension).toBe(2);
      expect(model.layers[0]!.weights.map((r) => r.map(String))).toEqual([
        [exact(0.1), exact(-0.7)],
        [exact(1.5), exact(0.3)],
        [exact(-2), exact(0.25)],
      ]);
      expect(model.layers[0]!.weights[0]![0]!.toString()).toBe('13421773/134217728');
      expect(model.layers[0]!.bias.map(String)).toEqual(B1.map(exact));
      expect(model.layers[1]!.weights.map((r) => r.map(String))).toEqual([
        [exact(1), exact(-1), exact(0.5)],
      ]);
      expect(model.layers[1]!.bias[0]!.toString()).toBe('-5033165/16777216');
    }
  });

  it('reads the Keras converter layout (model_config, InputLayer, two shards, prefixed names)', () => {
    const json = {
      format: 'layers-model',
      generatedBy: 'keras v2.15.0',
      convertedBy: 'TensorFlow.js Converter v4.22.0',
      modelTopology: {
        keras_version: '2.15.0',
        backend: 'tensorflow',
        model_config: {
          class_name: 'Sequential',
          config: {
            name: 'sequential',
            layers: [
              {
                class_name: 'InputLayer',
                config: {
                  batch_input_shape: [null, 2],
                  dtype: 'float32',
                  sparse: false,
                  ragged: false,
                  name: 'input_1',
                },
              },
              {
                class_name: 'Dense',
                config: { name: 'dense', units: 3, activation: 'linear', use_bias: true },
              },
              { class_name: 'Activation', config: { name: 'act', activation: 'relu' } },
              { class_name: 'Dropout', config: { name: 'drop', rate: 0.5 } },
              {
                class_name: 'Dense',
                config: { name: 'dense_1', units: 1, activation: 'linear', use_bias: false },
              },
            ],
          },
        },
      },
      weightsManifest: [
        {
          paths: ['group1-shard1of2.bin', 'group1-shard2of2.bin'],
          weights: [
            { name: 'sequential/dense/kernel', shape: [2, 3], dtype: 'float32' },
            { name: 'sequential/dense/bias', shape: [3], dtype: 'float32' },
            { name: 'sequential/dense_1/kernel', shape: [3, 1], dtype: 'float32' },
          ],
        },
      ],
    };
    const all = f32([...K1.flat(), ...B1, ...K2.flat()]);
    const shards = new Map([
      ['group1-shard1of2.bin', all.slice(0, 10)],
      ['group1-shard2of2.bin', all.slice(10)],
    ]);
    const { model } = readTfjsModel(json, shards);
    expect(model.layers.length).toBe(2);
    expect(model.layers[0]!.weights[2]!.map(String)).toEqual([exact(-2), exact(0.25)]);
    expect(model.layers[1]!.bias.map(String)).toEqual(['0']);
  });

  it('rejects an unknown activation naming the layer', () => {
    const e = expectModelError(
      () => readTfjsModel(tfjsModelJson('tanh'), weightsBin()),
      'ACTIVATION',
      'modelTopology.config.layers[0].config.activation',
    );
    expect(e.message).toContain('tanh');
  });

  it('rejects kernel shape mismatches, short weight files and missing shards', () => {
    const json = tfjsModelJson();
    json.weightsManifest[0]!.weights[2]!.shape = [2, 1]; // dense_Dense2 kernel should be [3, 1]
    const short = f32([...K1.flat(), ...B1, 1, -1, ...B2]);
    expectModelError(
      () => readTfjsModel(json, short),
      'LAYER_SIZE',
      'modelTopology.config.layers[1]',
    );
    const wrongUnits = tfjsModelJson();
    wrongUnits.weightsManifest[0]!.weights[0]!.shape = [3, 2];
    expectModelError(
      () => readTfjsModel(wrongUnits, weightsBin()),
      'SHAPE',
      'weightsManifest[0].weights[0]',
    );
    expectModelError(
      () => readTfjsModel(tfjsModelJson(), weightsBin().slice(0, 20)),
      'WEIGHTS',
      'weightsManifest',
    );
    expectModelError(
      () => readTfjsModel(tfjsModelJson(), new Map()),
      'WEIGHTS',
      'weightsManifest.paths[0]',
    );
  });

  it('rejects NaN weights, non-float32 dtypes, unsupported layers and functional models', () => {
    const nan = weightsBin();
    new DataView(nan.buffer).setFloat32(4 * 7, Number.NaN, true); // dense_Dense1/bias[1]
    expectModelError(
      () => readTfjsModel(tfjsModelJson(), nan),
      'NON_FINITE',
      'weights["dense_Dense1/bias"][1]',
    );
    const dtype = tfjsModelJson();
    (dtype.weightsManifest[0]!.weights[0] as { dtype: string }).dtype = 'float16';
    expectModelError(
      () => readTfjsModel(dtype, weightsBin()),
      'UNSUPPORTED_DTYPE',
      'weightsManifest[0].weights[0]',
    );
    const conv = tfjsModelJson();
    (conv.modelTopology.config.layers[1] as { class_name: string }).class_name = 'Conv2D';
    expectModelError(
      () => readTfjsModel(conv, weightsBin()),
      'UNSUPPORTED_OPERATOR',
      'modelTopology.config.layers[1].class_name',
    );
    const rnn = tfjsModelJson();
    (rnn.modelTopology as { class_name: string }).class_name = 'RNN';
    expectModelError(
      () => readTfjsModel(rnn, weightsBin()),
      'UNSUPPORTED_OPERATOR',
      'modelTopology.class_name',
    );
    expectModelError(() => readTfjsModel('{"modelTopology": ', weightsBin()), 'DECODE', '(root)');
  });
});

/** A tfjs functional model ("Model"), as saved from tf.model({inputs, outputs}). */
function functionalJson(secondInbound: unknown) {
  const layer = (name: string, class_name: string, config: object, inbound_nodes: unknown) => ({
    name,
    class_name,
    config: { name, ...config },
    inbound_nodes,
  });
  return {
    modelTopology: {
      class_name: 'Model',
      config: {
        name: 'model1',
        layers: [
          layer(
            'input1',
            'InputLayer',
            { batch_input_shape: [null, 2], dtype: 'float32', sparse: false },
            [],
          ),
          layer('dense_Dense1', 'Dense', { units: 3, activation: 'relu', use_bias: true }, [
            [['input1', 0, 0, {}]],
          ]),
          layer(
            'dense_Dense2',
            'Dense',
            { units: 1, activation: 'linear', use_bias: true },
            secondInbound,
          ),
        ],
        input_layers: [['input1', 0, 0]],
        output_layers: [['dense_Dense2', 0, 0]],
      },
    },
    weightsManifest: tfjsModelJson().weightsManifest,
  };
}

describe('readTfjsModel functional chains', () => {
  it('reads a functional model whose layers form a chain (tfjs and Keras 3 inbound formats)', () => {
    const { model } = readTfjsModel(functionalJson([[['dense_Dense1', 0, 0, {}]]]), weightsBin());
    expect(model.layers[0]!.weights[0]!.map(String)).toEqual([exact(0.1), exact(-0.7)]);
    const keras3 = [
      {
        args: [
          {
            class_name: '__keras_tensor__',
            config: { shape: [null, 3], keras_history: ['dense_Dense1', 0, 0] },
          },
        ],
        kwargs: {},
      },
    ];
    expect(readTfjsModel(functionalJson(keras3), weightsBin()).model.layers.length).toBe(2);
  });

  it('rejects a skip connection, naming the layer', () => {
    const skip = functionalJson([
      [
        ['dense_Dense1', 0, 0, {}],
        ['input1', 0, 0, {}],
      ],
    ]);
    expectModelError(
      () => readTfjsModel(skip, weightsBin()),
      'UNSUPPORTED_OPERATOR',
      'modelTopology.config.layers[2].inbound_nodes',
    );
  });
});
