/**
 * LeakyReLU and PReLU layers of a TensorFlow.js model saved by tfjs itself
 * (tools/fixtures/readers/make-tfjs-leaky-fixture.cjs). Oracle: tfjs's own float32 predictions at
 * stored points, against an exact forward pass of the read layers written here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exactForward } from './leaky-forward.test.util.js';
import type { ReluMlpModel } from '@mlgeo/model-partitions';
import { readModelBytes } from './detect.js';

const dir = new URL('./fixtures/tfjs-leaky/', import.meta.url);
const expected = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')) as {
  layers: string[];
  points: number[][];
  outputs: number[][];
  prelu: number[];
};

const forward = (model: ReluMlpModel, x: number[]): number[] =>
  exactForward(model, x).map((v) => v.toNumber());

describe('readTfjsModel: LeakyReLU and PReLU from tfjs', () => {
  it('gives tfjs’s predictions and keeps the float32 slopes', async () => {
    expect(expected.layers).toEqual(['Dense', 'LeakyReLU', 'Dense', 'PReLU', 'Dense']);
    const { model, format } = await readModelBytes(
      'model.json',
      new Uint8Array(readFileSync(new URL('model.json', dir))),
      { readSibling: async (p) => new Uint8Array(readFileSync(new URL(p, dir))) },
    );
    expect(format).toBe('tfjs');
    if (model.kind !== 'mlp') throw new Error('expected an MLP');
    expect(model.layers.map((l) => l.weights.length)).toEqual([5, 4, 3]);
    expect(model.layers[0]!.negativeSlopes!.map((a) => a.toNumber())).toEqual(
      new Array(5).fill(Math.fround(0.2)),
    );
    expect(model.layers[1]!.negativeSlopes!.map((a) => a.toNumber())).toEqual(expected.prelu);
    let worst = 0;
    expected.points.forEach((p, k) => {
      forward(model, p).forEach((v, j) => {
        const t = expected.outputs[k]![j]!;
        worst = Math.max(worst, Math.abs(v - t) / Math.max(1, Math.abs(t)));
      });
    });
    expect(worst).toBeLessThan(1e-6); // float32 arithmetic in tfjs
  });
});
