import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectModelFormat, readModelBytes, readModelJson } from './detect.js';
import { readModelFile } from './node.js';
import { ModelFormatError } from './errors.js';

const fixturePath = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'mlgeo-detect-'));
const write = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

async function expectFileError(
  promise: Promise<unknown>,
  code: string,
  file: string,
  field?: string,
) {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ModelFormatError);
  const e = caught as ModelFormatError;
  expect(e.code).toBe(code);
  expect(e.file).toBe(file);
  expect(e.message.startsWith(file)).toBe(true);
  if (field !== undefined) expect(e.field).toBe(field);
  return e;
}

describe('ONNX fixtures made by the onnx Python package', () => {
  const expected = JSON.parse(readFileSync(fixturePath('onnx-expected.json'), 'utf8')) as {
    layers: { weights: string[][]; bias: string[] }[];
  };
  for (const name of ['mlp-gemm.onnx', 'mlp-matmul.onnx']) {
    it(`${name}: every float32 weight equals Python's Fraction of it`, async () => {
      const { model, format } = await readModelFile(fixturePath(name));
      expect(format).toBe('onnx');
      if (model.kind !== 'mlp') throw new Error('kind');
      expect(model.inputDimension).toBe(2);
      expect(
        model.layers.map((l) => ({
          weights: l.weights.map((r) => r.map(String)),
          bias: l.bias.map(String),
        })),
      ).toEqual(expected.layers);
    });
  }

  it('a Sigmoid output is an error naming the node, with the file name', async () => {
    const path = fixturePath('unsupported-sigmoid.onnx');
    const e = await expectFileError(
      readModelFile(path),
      'UNSUPPORTED_OPERATOR',
      path,
      'graph.node[5] (Sigmoid "prob")',
    );
    expect(e.message).toContain('Sigmoid');
  });
});

describe('detectModelFormat / readModelFile', () => {
  const mlp = {
    format: 'mlgeo-mlp',
    version: 1,
    layers: [
      { weights: [[1, 0]], bias: [0] },
      { weights: [[1]], bias: [0] },
    ],
    domain: {
      box: [
        [-1, 1],
        [-1, 1],
      ],
    },
  };
  const sk = {
    children_left: [1, -1, -1],
    children_right: [2, -1, -1],
    feature: [0, -2, -2],
    threshold: [0.5, -2, -2],
    value: [[[2]], [[1]], [[3]]],
  };
  const cart = {
    name: 'DTClassifier',
    options: {},
    root: {
      splitColumn: 1,
      splitValue: 0.5,
      left: { distribution: [[1, 0]] },
      right: { distribution: [[0, 1]] },
    },
  };

  it('recognises each kind of file by extension and content', async () => {
    const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
    expect(detectModelFormat('m.json', enc(mlp))).toBe('mlgeo-mlp');
    expect(detectModelFormat('tree.json', enc(sk))).toBe('sklearn-tree');
    expect(detectModelFormat('forest.json', enc({ estimators: [sk] }))).toBe('sklearn-forest');
    expect(detectModelFormat('cart.json', enc(cart))).toBe('ml-cart');
    expect(detectModelFormat('model.json', enc({ modelTopology: {}, weightsManifest: [] }))).toBe(
      'tfjs',
    );
    expect(detectModelFormat('x.onnx', new Uint8Array([1, 2, 3]))).toBe('onnx');
    const onnxBytes = new Uint8Array(readFileSync(fixturePath('mlp-gemm.onnx')));
    expect(detectModelFormat('model.bin', onnxBytes)).toBe('onnx'); // by content
  });

  it('reads each format from disk, with the domain when the file has one', async () => {
    const a = await readModelFile(write('mlp.json', JSON.stringify(mlp)));
    expect(a.format).toBe('mlgeo-mlp');
    expect(a.domain!.A.length).toBe(4);
    const b = await readModelFile(write('tree.json', JSON.stringify(sk)), { inputDimension: 3 });
    expect(b.model.inputDimension).toBe(3);
    const c = await readModelFile(write('cart.json', JSON.stringify(cart)));
    expect(c.model.kind).toBe('tree');
    expect(c.model.inputDimension).toBe(2);
    const d = await readModelFile(write('forest.json', JSON.stringify({ estimators: [sk, sk] })));
    expect(d.model.kind).toBe('forest');
    const forced = await readModelFile(write('weird.txt', JSON.stringify(sk)), {
      format: 'sklearn-tree',
    });
    expect(forced.format).toBe('sklearn-tree');
  });

  it('unknown files name the file and list the supported formats', async () => {
    const json = write('other.json', '{"weights": [1, 2]}');
    const e = await expectFileError(readModelFile(json), 'UNKNOWN_FORMAT', json, '(file)');
    expect(e.fix).toContain('ONNX');
    expect(e.fix).toContain('mlgeo-mlp');
    const badFormat = write('bad-format.json', '{"format": "mlgeo-cnn", "version": 1}');
    await expectFileError(readModelFile(badFormat), 'UNKNOWN_FORMAT', badFormat);
    const binary = write('noise.bin', new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff]));
    await expectFileError(readModelFile(binary), 'UNKNOWN_FORMAT', binary);
    const missing = join(dir, 'nope.json');
    await expectFileError(readModelFile(missing), 'DECODE', missing);
  });

  it('errors inside a file carry the file name and the field', async () => {
    const bad = write(
      'bad-mlp.json',
      JSON.stringify({ ...mlp, layers: [{ weights: [[1, 'NaN']], bias: [0] }] }),
    );
    await expectFileError(readModelFile(bad), 'NON_FINITE', bad, 'layers[0].weights[0][1]');
    const truncated = write(
      'cut.onnx',
      new Uint8Array(readFileSync(fixturePath('mlp-gemm.onnx'))).slice(0, 200),
    );
    await expectFileError(readModelFile(truncated), 'DECODE', truncated);
    const mismatch = write('mismatch.json', JSON.stringify(mlp));
    await expectFileError(
      readModelFile(mismatch, { format: 'mlgeo-tree' }),
      'UNKNOWN_FORMAT',
      mismatch,
      'format',
    );
    const tfjsDir = mkdtempSync(join(tmpdir(), 'mlgeo-tfjs-missing-'));
    const tf = join(tfjsDir, 'model.json');
    writeFileSync(
      tf,
      JSON.stringify({
        modelTopology: { class_name: 'Sequential', config: { layers: [] } },
        weightsManifest: [{ paths: ['w.bin'], weights: [] }],
      }),
    );
    await expectFileError(readModelFile(tf), 'WEIGHTS', tf, 'weightsManifest.paths');
  });
});

describe('readModelJson', () => {
  it('dispatches parsed JSON of every JSON format and rejects the rest', () => {
    const sk = {
      children_left: [-1],
      children_right: [-1],
      feature: [-2],
      threshold: [-2],
      value: [[[1, 2]]],
    };
    expect(readModelJson(sk, { inputDimension: 4 }).model.inputDimension).toBe(4);
    expect(readModelJson({ format: 'mlgeo-voronoi', version: 1, sites: [[0]] }).format).toBe(
      'mlgeo-voronoi',
    );
    let caught: unknown;
    try {
      readModelJson(null, { format: 'sklearn-tree', inputDimension: 2 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ModelFormatError);
    expect((caught as ModelFormatError).code).toBe('INVALID');
    expect(() => readModelJson({ hello: 1 })).toThrow(ModelFormatError);
    expect(() => readModelJson({ modelTopology: {}, weightsManifest: [] })).toThrow(
      /readTfjsModel/,
    );
  });

  it('a forced tfjs read of a non-object names the file', async () => {
    const path = write('null.json', 'null');
    await expectFileError(readModelFile(path, { format: 'tfjs' }), 'INVALID', path, '(root)');
  });
});

describe('readModelBytes (no file system: browsers)', () => {
  const onnx = () => new Uint8Array(readFileSync(fixturePath('mlp-gemm.onnx')));
  it('reads the bytes of a file by its name and content, as readModelFile does', async () => {
    const fromBytes = await readModelBytes('models/mlp-gemm.onnx', onnx());
    const fromFile = await readModelFile(fixturePath('mlp-gemm.onnx'));
    expect(fromBytes.format).toBe('onnx');
    expect(fromBytes.model).toEqual(fromFile.model);
  });

  it('fetches tfjs weight shards through readSibling, and says so when it is missing', async () => {
    const modelJson = new TextEncoder().encode(
      JSON.stringify({
        modelTopology: { class_name: 'Sequential', config: { layers: [] } },
        weightsManifest: [{ paths: ['w.bin'], weights: [] }],
      }),
    );
    const asked: string[] = [];
    await expectFileError(
      readModelBytes('web/model.json', modelJson, {
        readSibling: (relative) => {
          asked.push(relative);
          return Promise.reject(new Error('404'));
        },
      }),
      'WEIGHTS',
      'web/model.json',
      'weightsManifest.paths',
    );
    expect(asked).toEqual(['w.bin']);
    const e = await expectFileError(
      readModelBytes('web/model.json', modelJson),
      'WEIGHTS',
      'web/model.json',
      'weightsManifest.paths',
    );
    expect(e.fix).toContain('readSibling');
  });
});
