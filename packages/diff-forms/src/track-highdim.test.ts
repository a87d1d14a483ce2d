/**
 * trackGeometry above ADJACENCY_LP_MAX_DIMENSION inputs (the Fashion-MNIST case, which ran out of
 * memory when every data cell's exact layer maps were formed): the edges come from data
 * certificates only and are a subset of the face-LP adjacency; the rest of the one-bit candidates is
 * counted as undecided; classes, boundary cells and accuracy equal an independent exact forward
 * pass in Rational arithmetic.
 */
import { Rational } from '@mlgeo/exact-arith';
import {
  ADJACENCY_LP_MAX_DIMENSION,
  type ReluMlpModel,
  dataHoldingPartition,
  facetAdjacency,
} from '@mlgeo/model-partitions';
import { describe, expect, it } from 'vitest';
import { trackGeometry } from './track.js';

/** A seeded net with dyadic weights (k/64) and n points near one corner (so cells share bits). */
function setup(d: number, n: number) {
  let s = 12345;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) as number;
  const w = () => Rational.of(Math.floor(rnd() * 129) - 64, 64);
  const sizes = [d, 6, 5, 3];
  const model: ReluMlpModel = {
    kind: 'mlp',
    inputDimension: d,
    layers: sizes.slice(1).map((m, l) => ({
      weights: Array.from({ length: m }, () => Array.from({ length: sizes[l]! }, w)),
      bias: Array.from({ length: m }, w),
    })),
  };
  const points = Array.from({ length: n }, () =>
    Array.from({ length: d }, () => (1 + Math.floor(rnd() * 127)) / 256),
  );
  return { model, points };
}

function exactClass(model: ReluMlpModel, x: readonly number[]): number {
  let h = x.map((v) => Rational.from(v));
  model.layers.forEach((layer, l) => {
    const z = layer.weights.map((row, j) =>
      row.reduce(
        (acc, wk, k) => acc.add(Rational.from(wk).mul(h[k]!)),
        Rational.from(layer.bias[j]!),
      ),
    );
    h = l === model.layers.length - 1 ? z : z.map((v) => (v.sign() > 0 ? v : Rational.ZERO));
  });
  let k = 0;
  for (let j = 1; j < h.length; j++) if (h[j]!.gt(h[k]!)) k = j;
  return k;
}

describe('trackGeometry in high dimension', () => {
  const d = ADJACENCY_LP_MAX_DIMENSION + 2;
  const { model, points } = setup(d, 40);
  const labels = points.map((_, i) => i % 3);
  const [row] = trackGeometry([{ name: 'hd', model }], points, { labels });

  it('counts edges from data certificates, the rest undecided, never more than the face LPs find', () => {
    expect(row!.undecidedDataEdges).toBeDefined();
    expect(row!.tiers.undecidedDataEdges).toBe('exact');
    const data = dataHoldingPartition(model, points, { predicates: 'filtered' });
    expect(row!.dataHoldingCells).toBe(data.cells.length);
    const lp = facetAdjacency(data).edges.length;
    expect(row!.dataEdges!).toBeLessThanOrEqual(lp);
    // every candidate is certified or undecided (never excluded without an LP), and every face-LP
    // edge is a one-bit candidate
    expect(row!.dataEdges! + row!.undecidedDataEdges!).toBeGreaterThanOrEqual(lp);
    // not vacuous: there are one-bit candidates, and data certified some of them
    expect(row!.dataEdges! + row!.undecidedDataEdges!).toBeGreaterThan(0);
  }, 120_000);

  it('classes by an exact forward pass: accuracy and two-class cells', () => {
    const classes = points.map((x) => exactClass(model, x));
    const correct = classes.filter((k, i) => k === labels[i]).length;
    expect(row!.accuracy).toBe(correct / points.length);
    const data = dataHoldingPartition(model, points, { predicates: 'filtered' });
    const twoClass = data.cells.filter(
      (c) => new Set(c.dataIndices!.map((i) => classes[i])).size >= 2,
    ).length;
    expect(row!.boundaryDataCells).toBe(twoClass);
  }, 120_000);
});
