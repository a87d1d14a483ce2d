/**
 * The float enumeration's cell view (`PartitionCell.knownCell`, exact-polytope `KnownCell`;
 * s11-cellview): read before any Polytope is made, its facet rows, incidence, vertex order,
 * exact vertices and vertex ids equal the cell's Polytope (made afterwards from the same view)
 * and, independently, the exact enumeration's cell re-enumerated by `Polytope.fromHRep` (double
 * description on the rows alone: its own facet order and lexicographic vertex order). Leaky nets
 * take the exact enumeration: no view, the Polytope as before.
 */
import { Polytope } from '@mlgeo/exact-polytope';
import { Rational } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import { box } from '../domain.js';
import type { ReluMlpModel } from '../models.js';
import { partitionOf } from './enumerate.js';
import { randomNet } from '../testing/random-nets.js';

const pointKey = (v: readonly Rational[]) => v.map((x) => x.toString()).join(',');

/** A facet a·x ≤ b as its primitive homogeneous row (b, −a), as a string. */
const facetKey = (f: { a: readonly Rational[]; b: Rational }) =>
  [f.b, ...f.a.map((x) => x.neg())].map((x) => x.toString()).join(',');

function checkViews(model: ReluMlpModel) {
  const d = model.inputDimension;
  const domain = box(new Array(d).fill(0), new Array(d).fill(1));
  const exact = partitionOf(model, { predicates: 'exact', domain });
  const float = partitionOf(model, { predicates: 'filtered', domain });
  expect(float.cells.length).toBe(exact.cells.length);
  let fromView = 0;
  // every cell's view read first: no Polytope made by reading it
  const views = float.cells.map((c) => c.knownCell!);
  const ids = new Map<number, string>();
  float.cells.forEach((cell, i) => {
    const view = views[i]!;
    expect(view).toBeDefined();
    expect(view.dimension).toBe(d);
    const rows = view.facetRows.map((h) => h.map(String).join(','));
    const incidence = view.incidence.map((l) => [...l]);
    const vertices: string[] = [];
    for (let v = 0; v < view.vertexCount; v++) {
      const p = view.exactVertex(v);
      vertices.push(pointKey(p.num.map((x) => Rational.of(x, p.den))));
    }
    // the pool ids: equal ids ⇔ the same exact point (across all cells)
    const vid = view.vertexIds!;
    expect(vid.ids.length).toBe(view.vertexCount);
    // the same ids read from the block, without a view per call
    expect(view.vertexIdSpace).toBe(vid.space);
    for (let v = 0; v < view.vertexCount; v++)
      expect(view.incidenceBlock[view.vertexIdAt + v]).toBe(vid.ids[v]);
    vid.ids.forEach((id, v) => {
      const seen = ids.get(id);
      if (seen === undefined) ids.set(id, vertices[v]!);
      else expect(seen).toBe(vertices[v]);
    });
    // the Polytope made from the view (on demand) and the cell's polytope: the same object
    const P = cell.polytope;
    expect(view.polytope()).toBe(P);
    expect(P.facets().map(facetKey)).toEqual(rows);
    expect(P.incidence()).toEqual(incidence);
    expect(P.vertices().map(pointKey)).toEqual(vertices);
    // independent: the exact enumeration's rows, vertex-enumerated from scratch
    const E = Polytope.fromHRep(
      exact.cells[i]!.polytope.facets().map((f) => f.a),
      exact.cells[i]!.polytope.facets().map((f) => f.b),
    );
    expect(E.facets().map(facetKey)).toEqual(rows);
    expect(E.incidence()).toEqual(incidence);
    expect(E.vertices().map(pointKey)).toEqual(vertices);
    fromView++;
  });
  expect(fromView).toBe(float.cells.length);
  // distinct points got distinct ids
  expect(new Set(ids.values()).size).toBe(ids.size);
}

describe('the float enumeration cell view equals the Polytope', () => {
  it('seeded float32 and degenerate (quarter-weight) ReLU nets, 2-D and 3-D', () => {
    const archs = [
      [2, 8, 1],
      [2, 6, 6, 1],
      [2, 5, 4, 3, 1],
      [3, 5, 5, 1],
      [3, 4, 3, 2],
    ];
    for (const sizes of archs)
      for (const seed of [1, 2]) {
        checkViews(randomNet(seed * 97 + sizes.length, sizes, 'float32'));
        checkViews(randomNet(seed * 89 + sizes.length, sizes, 'small'));
      }
  });

  it('leaky nets take the exact enumeration: no view, the Polytope as before', () => {
    const base = randomNet(5, [2, 5, 4, 1], 'float32');
    const leaky: ReluMlpModel = {
      ...base,
      layers: base.layers.map((l, k) =>
        k + 1 < base.layers.length
          ? { ...l, negativeSlopes: l.bias.map(() => Rational.of(1n, 8n)) }
          : l,
      ),
    };
    const domain = box([0, 0], [1, 1]);
    const float = partitionOf(leaky, { predicates: 'filtered', domain });
    const exact = partitionOf(leaky, { predicates: 'exact', domain });
    expect(float.cells.length).toBeGreaterThan(1);
    expect(float.cells.every((c) => c.knownCell === undefined)).toBe(true);
    expect(float.cells.map((c) => c.polytope.toIne())).toEqual(
      exact.cells.map((c) => c.polytope.toIne()),
    );
  });
});
