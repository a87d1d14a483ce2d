/**
 * Leaky ReLU / PReLU networks (DenseLayer.negativeSlopes). Oracles, none of them the library's own
 * maps: (1) an exact forward pass written here from the layers; (2) the identity
 * leaky_α(z) = relu(z) − α·relu(−z), which turns a leaky network into a plain ReLU network of twice
 * the width (units z and −z split on the same hyperplanes), whose cells the ReLU engine — tested
 * against SPEC §9 — computes; the two partitions must have the same cells (same count, same
 * volumes) and the same output on each.
 */
import { Rational, seededRandom } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import { labelOf } from '../locate/locate.js';
import { exactHiddenSigns, floatHiddenSigns, prepareMlp } from '../locate/forward.js';
import { DataPoint } from '../locate/point.js';
import type { DenseLayer, ReluMlpModel } from '../models.js';
import { facetAdjacency } from './adjacency.js';
import { dataHoldingPartition } from './data-holding.js';
import { partitionOf } from './enumerate.js';
import { facetAdjacencyParallel } from './face-jobs.js';
import { randomQuarterMlp } from './test-helpers.js';

const SLOPES = ['-1/2', '0', '1/10', '1/3', '2', '0.01'];

function randomLeakyMlp(seed: number, widths: number[]): ReluMlpModel {
  return randomQuarterMlp(seed, widths, (rnd) =>
    Rational.parse(SLOPES[Math.floor(rnd() * SLOPES.length)]!),
  );
}

/** Oracle (1): h = z on z > 0, slope·z otherwise; the last layer affine. */
function forward(model: ReluMlpModel, x: readonly Rational[]): Rational[] {
  let h = x.slice();
  model.layers.forEach((layer, l) => {
    const z = layer.weights.map((row, j) =>
      row.reduce((s, w, i) => s.add(w.mul(h[i]!)), layer.bias[j]!),
    );
    h =
      l < model.layers.length - 1
        ? z.map((v, j) => (v.sign() > 0 ? v : v.mul(layer.negativeSlopes?.[j] ?? Rational.ZERO)))
        : z;
  });
  return h;
}

/** Oracle (2): the ReLU network of twice the width with the same function. */
function doubledRelu(model: ReluMlpModel): ReluMlpModel {
  const layers: DenseLayer[] = model.layers.map((layer, l) => {
    const prev = l > 0 ? model.layers[l - 1]! : undefined;
    // inputs: the previous layer's relu(z) and relu(−z) units; h = relu(z) − α relu(−z)
    const expand = (row: Rational[]) =>
      prev ? [...row, ...row.map((w, k) => w.mul(prev.negativeSlopes![k]!).neg())] : row;
    const rows = layer.weights.map(expand);
    const hidden = l < model.layers.length - 1;
    return hidden
      ? {
          weights: [...rows, ...rows.map((r) => r.map((w) => w.neg()))],
          bias: [...layer.bias, ...layer.bias.map((b) => b.neg())],
        }
      : { weights: rows, bias: layer.bias.slice() };
  });
  return { kind: 'mlp', inputDimension: model.inputDimension, layers };
}

const sortedVolumes = (cells: { polytope: { volume(): Rational } }[]) =>
  cells.map((c) => c.polytope.volume().toString()).sort();

describe('leaky ReLU / PReLU networks (negativeSlopes)', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`seed ${seed}: cells and outputs equal those of the doubled ReLU network`, () => {
      const model = randomLeakyMlp(seed, [2, 4, 3, 2]);
      const leaky = partitionOf(model);
      const relu = partitionOf(doubledRelu(model));
      expect(leaky.cells.length).toBe(relu.cells.length);
      expect(sortedVolumes(leaky.cells)).toEqual(sortedVolumes(relu.cells));
      const total = leaky.cells.reduce((s, c) => s.add(c.polytope.volume()), Rational.ZERO);
      expect(total.toString()).toBe('1');
      for (const cell of leaky.cells) {
        const x = cell.polytope.centroid();
        const out = cell.mlp!.output;
        const y = out.A.map((row, j) => row.reduce((s, a, i) => s.add(a.mul(x[i]!)), out.c[j]!));
        expect(y.map(String)).toEqual(forward(model, x).map(String));
        expect(labelOf(model, x)).toBe(cell.label);
      }
    });
  }

  it('the float-filtered hidden signs agree with the exact ones wherever they are certified', () => {
    const model = randomLeakyMlp(7, [3, 5, 5, 2]);
    const net = prepareMlp(model);
    const rnd = seededRandom(11);
    let certified = 0;
    for (let k = 0; k < 300; k++) {
      const p = DataPoint.from([rnd() * 2 - 1, rnd() * 2 - 1, rnd() * 2 - 1], 3);
      const f = floatHiddenSigns(net, p);
      const e = exactHiddenSigns(net, p);
      // oracle (1) for the exact signs
      let h = p.exact();
      model.layers.slice(0, -1).forEach((layer, l) => {
        const z = layer.weights.map((row, j) =>
          row.reduce((s, w, i) => s.add(w.mul(h[i]!)), layer.bias[j]!),
        );
        expect(Array.from(e[l]!)).toEqual(z.map((v) => v.sign()));
        h = z.map((v, j) => (v.sign() > 0 ? v : v.mul(layer.negativeSlopes![j]!)));
      });
      if (f) {
        certified++;
        expect(f.map((s) => Array.from(s))).toEqual(e.map((s) => Array.from(s)));
      }
    }
    expect(certified).toBeGreaterThan(250);
  });

  it('data-holding facet adjacency = polygon contact of the enumerated cells, in threads too', async () => {
    const model = randomLeakyMlp(5, [2, 5, 4, 2]);
    const full = partitionOf(model);
    // one point per enumerated cell: its exact centroid
    const p = dataHoldingPartition(
      model,
      full.cells.map((c) => c.polytope.centroid()),
    );
    expect(p.cells.map((c) => c.label)).toEqual(full.cells.map((c) => c.label));
    const got = facetAdjacency(p).edges.map((e) => `${e.a}|${e.b}`);
    // oracle: closed polygons with disjoint interiors share a segment iff ≥ 2 distinct vertices of
    // one lie in the other (exact vertices, exact facet inequalities)
    const inside = (i: number, x: Rational[]) =>
      full.cells[i]!.polytope.facets().every(
        (r) => Rational.sum(r.a.map((a, k) => a.mul(x[k]!))).cmp(r.b) <= 0,
      );
    const expected: string[] = [];
    for (let i = 0; i < full.cells.length; i++)
      for (let j = i + 1; j < full.cells.length; j++) {
        const shared = new Set<string>();
        for (const v of full.cells[i]!.vertices!) if (inside(j, v)) shared.add(v.join(','));
        for (const v of full.cells[j]!.vertices!) if (inside(i, v)) shared.add(v.join(','));
        if (shared.size >= 2) expected.push(`${i}|${j}`);
      }
    expect(got.sort()).toEqual(expected.sort());
    expect(got.length).toBeGreaterThan(3);
    const two = await facetAdjacencyParallel(p, model, { workers: 2 });
    expect(two.edges).toEqual(facetAdjacency(p).edges);
  });
});
