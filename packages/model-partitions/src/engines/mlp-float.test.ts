/**
 * The float path of ReLU MLP enumeration (engines/mlp-float.ts) against the exact path (engines/
 * mlp.ts, an independent implementation on BigInt): identical cells, labels, vertex lists (in
 * order), facet rows and predictions on seeded random nets in 2-D and 3-D, degenerate ones included;
 * the float vertices within their proven error bound of the exact ones (checked in exact rational
 * arithmetic); exact fallbacks counted and asserted where hyperplanes pass through vertices.
 */
import { Rational } from '@mlgeo/exact-arith';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { box } from '../domain.js';
import type { ReluMlpModel } from '../models.js';
import { partitionOf } from './enumerate.js';
import { randomNet } from '../testing/random-nets.js';

const key = (v: readonly Rational[]) => v.map((x) => x.toString()).join(',');

/** Float vs exact: everything combinatorial equal, float vertices within their bound. */
function compare(
  model: ReluMlpModel,
  domain = box(new Array(model.inputDimension).fill(0), new Array(model.inputDimension).fill(1)),
) {
  const exact = partitionOf(model, { predicates: 'exact', domain });
  const float = partitionOf(model, { predicates: 'filtered', domain });
  expect(float.cells.map((c) => c.label)).toEqual(exact.cells.map((c) => c.label));
  exact.cells.forEach((e, i) => {
    const f = float.cells[i]!;
    // same exact vertices in the same order (the kernel's split order)
    expect(f.vertices!.map(key)).toEqual(e.vertices!.map(key));
    // same H-representation: the same facet rows (as exact half-spaces, in order)
    expect(f.polytope.toIne()).toBe(e.polytope.toIne());
    expect(f.prediction).toEqual(e.prediction);
    expect(f.mlp!.pattern).toEqual(e.mlp!.pattern);
    // the float vertices: within `error` of the exact ones, checked exactly
    const fv = f.floatVertices!;
    expect(fv.points.length).toBe(e.vertices!.length);
    expect(Number.isFinite(fv.error)).toBe(true);
    const err = Rational.from(fv.error);
    e.vertices!.forEach((v, k) =>
      v.forEach((x, axis) => {
        const approx = Rational.from(fv.points[k]![axis]!);
        expect(approx.sub(x).abs().cmp(err)).toBeLessThanOrEqual(0);
      }),
    );
  });
  expect(exact.cells.every((c) => c.floatVertices === undefined)).toBe(true);
  return { exact, float };
}

describe('float enumeration of ReLU nets equals the exact one', () => {
  it('seeded float32 nets, 2-D and 3-D, several architectures', () => {
    const archs = [
      [2, 8, 1],
      [2, 6, 6, 1],
      [2, 5, 4, 3, 1],
      [3, 5, 5, 1],
      [3, 4, 3, 2],
    ];
    for (const sizes of archs)
      for (const seed of [1, 2, 3]) compare(randomNet(seed * 101 + sizes.length, sizes, 'float32'));
  });

  it('a net on [−1, 1]² (negative coordinates)', () => {
    compare(randomNet(5, [2, 8, 8, 1], 'float32'), box([-1, -1], [1, 1]));
  });

  it('fast-check: small rational weights (ties, dead units, hyperplanes through vertices)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(2, 3), (seed, d) => {
        compare(randomNet(seed, d === 2 ? [2, 4, 3, 1] : [3, 3, 3, 1], 'small'));
      }),
      { numRuns: 30, seed: 20261203 },
    );
  });

  it('degenerate: zero rows, duplicated units, hyperplanes through vertices — fallbacks counted', () => {
    const R = (n: number, d = 1) => Rational.of(n, d);
    // layer 1: x = y (through two corners), x + y = 1 (the other two, and through x = y's midpoint),
    // x = 1/2 (through their crossing), a zero unit, a duplicate of x = y
    const model: ReluMlpModel = {
      kind: 'mlp',
      inputDimension: 2,
      layers: [
        {
          weights: [
            [R(1), R(-1)],
            [R(1), R(1)],
            [R(2), R(0)],
            [R(0), R(0)],
            [R(1), R(-1)],
          ],
          bias: [R(0), R(-1), R(-1), R(0), R(0)],
        },
        {
          // a unit through the centre (1/2, 1/2) again, and one that is zero on every cell
          weights: [
            [R(1), R(1), R(0), R(0), R(0)],
            [R(0), R(0), R(0), R(0), R(0)],
          ],
          bias: [R(-1, 2), R(0)],
        },
        { weights: [[R(1), R(-1)]], bias: [R(0)] },
      ],
    };
    const { float } = compare(model);
    expect(float.filterStats.exactFallbacks).toBeGreaterThan(0);
    expect(float.filterStats.exactFallbacks).toBeLessThan(float.filterStats.signTests);
  });

  it('bounds stay small on a generic float32 net (no fallback needed)', () => {
    const { float } = compare(randomNet(42, [2, 10, 10, 1], 'float32'));
    expect(float.filterStats.exactFallbacks).toBe(0);
    for (const c of float.cells) expect(c.floatVertices!.error).toBeLessThan(1e-9);
  });
});
