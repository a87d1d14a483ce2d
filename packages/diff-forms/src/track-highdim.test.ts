/**
 * trackGeometry above ADJACENCY_LP_MAX_DIMENSION inputs (the Fashion-MNIST case, which ran out of
 * memory when every data cell's exact layer maps were formed): the edges come from data
 * certificates only and are a subset of the face-LP adjacency; the rest of the one-bit candidates is
 * counted as undecided; classes, boundary cells and accuracy equal the exact classes of
 * `mlpClassAt` (itself tested against an independent Rational forward pass in model-partitions).
 */
import { Rational } from '@mlgeo/exact-arith';
import {
  ADJACENCY_LP_MAX_DIMENSION,
  type ReluMlpModel,
  dataHoldingPartition,
  facetAdjacency,
  mlpClassAt,
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
    // mlpClassAt is proven equal to an independent Rational forward pass (ties included) in
    // model-partitions locate/class.test.ts; here: which point gets which class, and the counts
    const classes = points.map((x) => mlpClassAt(model, x));
    const correct = classes.filter((k, i) => k === labels[i]).length;
    expect(row!.accuracy).toBe(correct / points.length);
    const data = dataHoldingPartition(model, points, { predicates: 'filtered' });
    const twoClass = data.cells.filter(
      (c) => new Set(c.dataIndices!.map((i) => classes[i])).size >= 2,
    ).length;
    expect(row!.boundaryDataCells).toBe(twoClass);
  }, 120_000);
});
