/**
 * Cells' polytopes are built from the engines' known vertices and incidence (cell.ts,
 * exact-polytope `polytopeFromKnownVertices`): checked against vertex enumeration (Polytope.fromHRep
 * of the cell's facets: a missed facet would give a larger polytope, a wrong vertex or incidence a
 * different answer), against the cell's own exact vertices (the engine's, as a set), and the cell
 * volumes sum to the domain's. Seeded float32 nets and small-integer (degenerate) nets, both paths.
 */
import { Rational } from '@mlgeo/exact-arith';
import { Polytope } from '@mlgeo/exact-polytope';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { box } from '../domain.js';
import type { ReluMlpModel } from '../models.js';
import { partitionOf } from './enumerate.js';
import { randomNet } from '../testing/random-nets.js';

const key = (v: readonly Rational[]) => v.map(String).join(',');

function checkPartition(model: ReluMlpModel, predicates: 'exact' | 'filtered'): void {
  const d = model.inputDimension;
  const p = partitionOf(model, {
    predicates,
    domain: box(new Array(d).fill(0), new Array(d).fill(1)),
  });
  let total = Rational.ZERO;
  for (const cell of p.cells) {
    const P = cell.polytope;
    const facets = P.facets();
    const oracle = Polytope.fromHRep(
      facets.map((f) => f.a),
      facets.map((f) => f.b),
    );
    expect(P.vertices().map(key)).toEqual(oracle.vertices().map(key));
    expect(P.facets()).toEqual(oracle.facets());
    expect(P.incidence()).toEqual(oracle.incidence());
    expect(P.dimension()).toBe(d);
    expect(new Set(P.vertices().map(key))).toEqual(new Set(cell.vertices!.map(key)));
    // the float vertices are the exact ones within their bound
    const fv = P.floatVertices();
    P.vertices().forEach((v, t) =>
      v.forEach((x, k) =>
        expect(Math.abs(fv.points[t]![k]! - x.toNumber())).toBeLessThanOrEqual(
          fv.error + 4 * 2 ** -53 * Math.abs(x.toNumber()),
        ),
      ),
    );
    total = total.add(P.volume());
  }
  expect(total.equals(Rational.ONE)).toBe(true);
}

describe('cell polytopes from known vertices', () => {
  it('equal vertex enumeration on seeded nets, float and exact paths (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.constantFrom([2, 4, 3, 1], [2, 6, 1], [3, 3, 3, 1], [3, 4, 1]),
        fc.boolean(),
        fc.constantFrom('exact' as const, 'filtered' as const),
        (seed, sizes, small, predicates) =>
          checkPartition(randomNet(seed, sizes, small ? 'small' : 'float32'), predicates),
      ),
      { numRuns: 25 },
    );
  });
});
