/**
 * mlpClassAt (SPEC §2 classes: argmax, lowest index on ties; one output: 1 when f > 0) against an
 * independent forward pass in Rational arithmetic, on nets and points where ties are common
 * (weights k/4, points on a k/4 grid: zero pre-activations and equal scores), and on float32 nets.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '@mlgeo/exact-arith';
import type { ReluMlpModel } from '../models.js';
import { randomNet } from '../testing/random-nets.js';
import { mlpClassAt } from './locate.js';

function rationalClass(model: ReluMlpModel, x: readonly Rational[]): number {
  let h = [...x];
  model.layers.forEach((layer, l) => {
    const z = layer.weights.map((row, j) =>
      row.reduce((s, w, k) => s.add(Rational.from(w).mul(h[k]!)), Rational.from(layer.bias[j]!)),
    );
    const last = l === model.layers.length - 1;
    h = last ? z : z.map((v) => (v.sign() > 0 ? v : Rational.ZERO));
  });
  if (h.length === 1) return h[0]!.sign() > 0 ? 1 : 0;
  let k = 0;
  for (let j = 1; j < h.length; j++) if (h[j]!.gt(h[k]!)) k = j;
  return k;
}

describe('mlpClassAt', () => {
  it('equals an exact Rational forward pass, ties included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 4, maxLength: 4 }),
        (seed, d, outputs, grid) => {
          const model = randomNet(seed, [d, 3, 3, outputs], 'small');
          const x = Array.from({ length: d }, (_, i) => Rational.of(grid[i]!, 4));
          expect(mlpClassAt(model, x)).toBe(rationalClass(model, x));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('decides exact ties by the lowest index (and f = 0 as class 0)', () => {
    const same = (w: number[], b: number): ReluMlpModel => ({
      kind: 'mlp',
      inputDimension: 2,
      layers: [
        { weights: [[1, -1]], bias: [0] },
        { weights: [w, w], bias: [b, b] },
      ].map((l) => ({
        weights: l.weights.map((r) => r.map((v) => Rational.from(v))),
        bias: l.bias.map((v) => Rational.from(v)),
      })),
    });
    // two equal scores: class 0 everywhere
    expect(mlpClassAt(same([1], 0), [0.75, 0.25])).toBe(0);
    // one output exactly 0 on the line x = y
    const one: ReluMlpModel = {
      kind: 'mlp',
      inputDimension: 2,
      layers: [{ weights: [[Rational.ONE, Rational.from(-1)]], bias: [Rational.ZERO] }],
    };
    expect(mlpClassAt(one, [0.5, 0.5])).toBe(0);
    expect(mlpClassAt(one, ['1/3', '1/3'])).toBe(0);
    expect(mlpClassAt(one, ['1/3', '1/4'])).toBe(1);
  });

  it('agrees on float32 nets in 8-D (the float filter decides)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const model = randomNet(seed, [8, 16, 16, 5], 'float32');
      const x = Array.from({ length: 8 }, (_, i) => Rational.of((seed * 7 + i * 13) % 17, 17));
      expect(mlpClassAt(model, x)).toBe(rationalClass(model, x));
    }
  });
});
