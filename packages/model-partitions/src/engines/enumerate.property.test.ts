import { Rational, seededRandom } from '@mlgeo/exact-arith';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelOf } from '../locate/locate.js';
import type { Model, ReluMlpModel } from '../models.js';
import { partitionOf } from './enumerate.js';
import { polygonArea } from './test-helpers.js';

const interior = (v: Rational[][]) =>
  v[0]!.map((_, k) => Rational.sum(v.map((x) => x[k]!)).div(Rational.of(v.length)));

/** Exact vs float: same labels and same exact vertices; complete: areas sum to vol(X) = 1; every
 * cell's interior point is labelled (forward pass / direct evaluation) with the cell's label. */
function checkModel(model: Model): void {
  const exact = partitionOf(model, { predicates: 'exact' });
  const float = partitionOf(model, { predicates: 'filtered' });
  expect(float.cells.map((c) => c.label)).toEqual(exact.cells.map((c) => c.label));
  const key = (vs: Rational[][]) =>
    vs
      .map((v) => v.join(','))
      .sort()
      .join(';');
  expect(float.cells.map((c) => key(c.vertices!))).toEqual(
    exact.cells.map((c) => key(c.vertices!)),
  );
  // the incremental vertices are exactly the vertices exact-polytope's DD finds from the H-rep
  for (const c of exact.cells) expect(key(c.vertices!)).toBe(key(c.polytope.vertices()));
  if (model.inputDimension === 2)
    expect(Rational.sum(exact.cells.map((c) => polygonArea(c.vertices!))).toString()).toBe('1');
  for (const c of exact.cells) expect(labelOf(model, interior(c.vertices!))).toBe(c.label);
  expect(new Set(exact.cells.map((c) => c.label)).size).toBe(exact.cells.length);
}

// small rationals so that degenerate configurations (concurrent, parallel, repeated lines) occur
const small = fc.integer({ min: -4, max: 4 }).map((n) => Rational.of(n, 4));
const hyperplane = fc.record({ w: fc.tuple(small, small), c: small });

describe('properties of full enumeration', () => {
  it('random (often degenerate) arrangements in the unit square', () => {
    fc.assert(
      fc.property(fc.array(hyperplane, { minLength: 1, maxLength: 7 }), (hs) => {
        checkModel({
          kind: 'arrangement',
          inputDimension: 2,
          hyperplanes: hs.map((h) => ({ w: [...h.w], c: h.c })),
        });
      }),
      { numRuns: 60, seed: 20261124 },
    );
  });

  it('random (often degenerate) arrangements in the unit cube', () => {
    const plane3 = fc.record({ w: fc.tuple(small, small, small), c: small });
    fc.assert(
      fc.property(fc.array(plane3, { minLength: 1, maxLength: 6 }), (hs) => {
        checkModel({
          kind: 'arrangement',
          inputDimension: 3,
          hyperplanes: hs.map((h) => ({ w: [...h.w], c: h.c })),
        });
      }),
      { numRuns: 40, seed: 5 },
    );
  });

  it('random degenerate arrangements in the 4-cube (vertices match exact-polytope)', () => {
    const plane4 = fc.record({ w: fc.tuple(small, small, small, small), c: small });
    fc.assert(
      fc.property(fc.array(plane4, { minLength: 1, maxLength: 4 }), (hs) => {
        checkModel({
          kind: 'arrangement',
          inputDimension: 4,
          hyperplanes: hs.map((h) => ({ w: [...h.w], c: h.c })),
        });
      }),
      { numRuns: 15, seed: 17 },
    );
  });

  it('random seeded ReLU nets 2→k→k→1 with float32 weights', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 2, max: 6 }),
        (seed, k) => {
          const rnd = seededRandom(seed);
          const r = () => Rational.fromFloat32(rnd() * 2 - 1);
          const layer = (n: number, m: number) => ({
            weights: Array.from({ length: m }, () => Array.from({ length: n }, r)),
            bias: Array.from({ length: m }, () => Rational.fromFloat32((rnd() - 0.5) * 0.8)),
          });
          const model: ReluMlpModel = {
            kind: 'mlp',
            inputDimension: 2,
            layers: [layer(2, k), layer(k, k), layer(k, 1)],
          };
          checkModel(model);
        },
      ),
      { numRuns: 25, seed: 7 },
    );
  });

  it('random nets with small rational weights (exact ties: vertices on later hyperplanes)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(small, small, small), { minLength: 2, maxLength: 4 }),
        fc.array(small, { minLength: 4, maxLength: 4 }),
        (l1, w2) => {
          const k = l1.length;
          const model: ReluMlpModel = {
            kind: 'mlp',
            inputDimension: 2,
            layers: [
              { weights: l1.map((t) => [t[0], t[1]]), bias: l1.map((t) => t[2]) },
              {
                weights: [w2.slice(0, k), w2.slice(0, k).map((x) => x.neg())],
                bias: [Rational.of(-1, 8), Rational.of(1, 8)],
              },
              { weights: [[Rational.ONE, Rational.ONE]], bias: [Rational.ZERO] },
            ],
          };
          checkModel(model);
        },
      ),
      { numRuns: 40, seed: 3 },
    );
  });

  it('random Voronoi sites and linear classifiers', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(small, small), { minLength: 1, maxLength: 6 }), (pts) => {
        checkModel({
          kind: 'voronoi',
          inputDimension: 2,
          sites: pts.map(([x, y]) => [x.add(Rational.of(1, 2)), y.add(Rational.of(1, 2))]),
        });
        checkModel({
          kind: 'linear',
          inputDimension: 2,
          weights: pts.map(([x, y]) => [x, y]),
          bias: pts.map(([x]) => x.mul(x)),
        });
      }),
      { numRuns: 40, seed: 11 },
    );
  });

  it('3-D: exact and float agree for a 3→6→6→1 net and the cells tile the cube (vertex check)', () => {
    const rnd = seededRandom(99);
    const r = () => Rational.fromFloat32(rnd() * 2 - 1);
    const layer = (n: number, m: number) => ({
      weights: Array.from({ length: m }, () => Array.from({ length: n }, r)),
      bias: Array.from({ length: m }, () => Rational.fromFloat32((rnd() - 0.5) * 0.8)),
    });
    checkModel({ kind: 'mlp', inputDimension: 3, layers: [layer(3, 6), layer(6, 6), layer(6, 1)] });
  });
});
