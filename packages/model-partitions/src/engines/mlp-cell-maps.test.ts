/**
 * An exact MLP cell keeps its label only; its `mlp` (pattern, layer maps) and `prediction` are made
 * again from the label when read, sharing the maps of the previous cell's label prefix (mlp.ts
 * `mapsOf`). Read in any order, they must be the network's own: the oracle is an exact forward
 * pass written here — at the cell's exact centroid, every layer map gives that layer's
 * pre-activations, the pattern is their signs, and the prediction is the output there.
 */
import { Rational } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import { box } from '../domain.js';
import type { ReluMlpModel } from '../models.js';
import type { AffineMap } from '../partition.js';
import { partitionOf } from './enumerate.js';
import { randomQuarterMlp } from './test-helpers.js';

/** Every layer's pre-activations at x (exact; ReLU or leaky on the hidden layers). */
function preActivations(model: ReluMlpModel, x: readonly Rational[]): Rational[][] {
  const out: Rational[][] = [];
  let h = x.slice();
  model.layers.forEach((layer, l) => {
    const z = layer.weights.map((row, j) =>
      row.reduce((s, w, i) => s.add(w.mul(h[i]!)), layer.bias[j]!),
    );
    out.push(z);
    if (l < model.layers.length - 1)
      h = z.map((v, j) => (v.sign() > 0 ? v : v.mul(layer.negativeSlopes?.[j] ?? Rational.ZERO)));
  });
  return out;
}

const apply = (m: AffineMap, x: readonly Rational[]): Rational[] =>
  m.A.map((row, j) => row.reduce((s, a, i) => s.add(a.mul(x[i]!)), m.c[j]!));

/** Indices 0 … n − 1: reversed, then the even ones, then the odd ones (no prefix order kept). */
function scrambled(n: number): number[] {
  const rev = Array.from({ length: n }, (_, i) => n - 1 - i);
  return [...rev.filter((i) => i % 2 === 0), ...rev.filter((i) => i % 2 === 1)];
}

describe('exact MLP cells: maps and predictions made again from the label', () => {
  for (const leaky of [false, true])
    for (const seed of [3, 8, 11])
      it(`${leaky ? 'leaky' : 'ReLU'} net, seed ${seed}: every cell, read out of order`, () => {
        const model = randomQuarterMlp(
          seed,
          [2, 6, 5, 1],
          leaky ? () => Rational.of(1n, 10n) : undefined,
        );
        const p = partitionOf(model, { domain: box([-4, -4], [4, 4]), predicates: 'exact' });
        expect(p.cells.length).toBeGreaterThan(8);
        const offsets = [0, 6];
        for (const k of scrambled(p.cells.length)) {
          const cell = p.cells[k]!;
          const x = cell.polytope.centroid();
          const z = preActivations(model, x);
          const y = z[z.length - 1]![0]!.toNumber();
          // the prediction read first on some cells, the maps first on the others
          if (k % 3 === 0) expect(cell.prediction).toBe(y);
          const maps = cell.mlp!;
          expect(maps.layerMaps.length).toBe(z.length);
          maps.layerMaps.forEach((m, l) =>
            expect(apply(m, x).map(String), `cell ${k} layer ${l}`).toEqual(z[l]!.map(String)),
          );
          expect(apply(maps.output, x).map(String)).toEqual(z[z.length - 1]!.map(String));
          // the pattern is the label's bits; at the centroid (interior) every unit has that sign
          expect(maps.pattern.map((b) => b.length)).toEqual([6, 5]);
          maps.pattern.forEach((bits, l) =>
            bits.forEach((bit, j) => {
              expect(bit).toBe(cell.label[offsets[l]! + j] === '1');
              expect(z[l]![j]!.sign() > 0).toBe(bit);
            }),
          );
          expect(cell.prediction).toBe(y);
        }
      });
});
