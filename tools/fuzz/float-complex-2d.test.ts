/**
 * Issue 11 (s10-cx2): the 2-D float complex on the float engine's partitions (pool vertex ids,
 * shared homogeneous rows: the paths the bench measures) against the exact complex of the same
 * cells, for seeded ReLU and leaky-ReLU nets: the same shared faces (cells and hyperplanes),
 * simplices and ridges, and every float face length, edge length and M_1 within its bound of the
 * exact value (the exact values are the oracle).
 */
import { Rational, type SqrtRational } from '@mlgeo/exact-arith';
import { type ReluMlpModel, box, partitionOf } from '@mlgeo/model-partitions';
import { buildComplex } from '@mlgeo/riemannian-complex';
import { describe, expect, it } from 'vitest';
import { randomMlp } from '../bench/random-nets.js';

type FloatValue = { value: number; error: number };

function within(f: FloatValue, exact: number, what: string): void {
  if (!(Math.abs(f.value - exact) <= f.error))
    throw new Error(`${what}: |${f.value} − ${exact}| > ${f.error}`);
  expect(f.error).toBeLessThanOrEqual(1e-9 * Math.abs(exact));
}

/** The net with every hidden unit leaky (slopes 1/8, 0 and 3/2 in turn: ReLU units among them). */
function leaky(model: ReluMlpModel): ReluMlpModel {
  const slopes = [Rational.of(1n, 8n), Rational.ZERO, Rational.of(3n, 2n)];
  return {
    ...model,
    layers: model.layers.map((layer, l) =>
      l === model.layers.length - 1
        ? layer
        : { ...layer, negativeSlopes: layer.bias.map((_, j) => slopes[(j + l) % 3]!) },
    ),
  };
}

const nets: [string, ReluMlpModel][] = [
  ['ReLU 2→12→12→1', randomMlp([2, 12, 12, 1], 3)],
  ['ReLU 2→8→8→8→1', randomMlp([2, 8, 8, 8, 1], 5)],
  ['leaky 2→10→10→1', leaky(randomMlp([2, 10, 10, 1], 7))],
];

describe('2-D float complex = exact complex on the float engine partitions (issue 11)', () => {
  for (const [name, model] of nets)
    it(
      name,
      () => {
        const domain = box([0, 0], [1, 1]);
        // the float engine (measures: 'float', as the issue-11 bench runs it)
        const floatOptions = { domain, predicates: 'filtered', measures: 'float' };
        const p = partitionOf(model, floatOptions as Parameters<typeof partitionOf>[1]);
        expect(p.cells.length).toBeGreaterThan(20);
        const float = buildComplex(p, { measures: 'float' });
        const exact = buildComplex(partitionOf(model, { domain, predicates: 'exact' }));
        expect(float.cells.map((c) => c.label)).toEqual(exact.cells.map((c) => c.label));
        expect(float.simplices).toEqual(exact.simplices);
        const key = (f: { i: number; j: number; hyperplane: { a: bigint[]; b: bigint } }) =>
          `${f.i} ${f.j} ${f.hyperplane.a.join(',')} ${f.hyperplane.b}`;
        expect(float.sharedFaces.map(key)).toEqual(exact.sharedFaces.map(key));
        expect(
          float.ridges!.map((r) => r.angles.map((a) => [a.cell, a.kind, a.facets.join(',')])),
        ).toEqual(
          exact.ridges!.map((r) => r.angles.map((a) => [a.cell, a.kind, a.facets.join(',')])),
        );
        float.sharedFaces.forEach((f, s) =>
          within(f.floatVolume, exact.sharedFaces[s]!.volume.toNumber(), `face ${s}`),
        );
        const fm = float.floatMetric;
        const em = exact.metric;
        if (em.measures !== 'exact') throw new Error('exact metric expected');
        fm.edgeLengths.forEach((v, e) =>
          within(v, (em.edgeLengths[e] as SqrtRational).toNumber(), `ℓ ${e}`),
        );
        fm.M1.forEach((v, e) => within(v, em.M1[e]!.toNumber(), `M1 ${e}`));
      },
      120_000,
    );
});
