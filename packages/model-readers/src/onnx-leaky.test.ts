/**
 * LeakyRelu, PRelu and eval-mode BatchNormalization in PyTorch exports. Oracle: torch's own float32
 * outputs at stored points (tools/fixtures/readers/make-torch-leaky-fixture.py), against an exact
 * forward pass of the read layers written here (h = z on z > 0, slope·z otherwise).
 */
import { readFileSync } from 'node:fs';
import { Rational } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import { exactForward } from './leaky-forward.test.util.js';
import { readOnnxModel } from './onnx.js';

const fixtureUrl = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);
const cases = JSON.parse(readFileSync(fixtureUrl('torch-leaky-expected.json'), 'utf8')) as {
  file: string;
  ops: string[];
  points: number[][];
  outputs: number[][];
  argmax: number[];
}[];

const forward = exactForward;

describe('readOnnxModel: LeakyRelu, PRelu and BatchNormalization from PyTorch', () => {
  for (const c of cases) {
    it(`${c.file} (${c.ops.join(', ')}) gives torch’s outputs`, () => {
      expect(c.ops).toContain('BatchNormalization');
      const read = readOnnxModel(new Uint8Array(readFileSync(fixtureUrl(c.file))));
      // BatchNormalization is folded away: only the dense layers remain, and the user is told
      expect(read.model.layers.length).toBe(c.ops.filter((op) => op === 'Gemm').length);
      expect(read.notes?.join(' ')).toMatch(/BatchNormalization folded .* rounded to float64/);
      let worst = 0;
      c.points.forEach((p, k) => {
        const y = forward(read.model, p).map((v) => v.toNumber());
        y.forEach((v, j) => {
          const t = c.outputs[k]![j]!;
          worst = Math.max(worst, Math.abs(v - t) / Math.max(1, Math.abs(t)));
        });
        const top = [...c.outputs[k]!].sort((a, b) => b - a);
        if (top[0]! - top[1]! > 1e-4) expect(y.indexOf(Math.max(...y))).toBe(c.argmax[k]);
      });
      // torch computes in float32: agreement to float32 accuracy, not better
      expect(worst).toBeLessThan(1e-5);
    });
  }

  it('keeps LeakyRelu’s float32 alpha and PRelu’s per-unit slopes, a negative one included', () => {
    const read = readOnnxModel(new Uint8Array(readFileSync(fixtureUrl('torch-leaky.onnx'))));
    const [first, second] = read.model.layers;
    expect(first!.negativeSlopes!.map((a) => a.toNumber())).toEqual(
      new Array(6).fill(Math.fround(0.1)),
    );
    expect(first!.negativeSlopes![0]!.equals(Rational.fromFloat32(0.1))).toBe(true);
    expect(second!.negativeSlopes!.map((a) => a.toNumber())).toEqual(
      [0.25, 0.05, -0.3, 0.5, 0.0, 0.125].map(Math.fround),
    );
  });
});
