/**
 * Issue 11: unit maps through prefix-shared layer maps (known-cell-maps.ts) equal the backward
 * sweep per unit (mlp-certify.ts `exactUnitMap`, the oracle) on random nets and patterns, ReLU and
 * leaky.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '@mlgeo/exact-arith';
import type { ReluMlpModel } from '../models.js';
import { UnitMapCache } from './known-cell-maps.js';
import { exactUnitMap } from './mlp-certify.js';
import { integerLayers } from './mlp-maps.js';

const weight = fc.integer({ min: -40, max: 40 }).map((n) => Rational.of(BigInt(n), 16n));

function model(sizes: number[], values: Rational[], leaky: boolean): ReluMlpModel {
  let t = 0;
  const next = () => values[t++ % values.length]!;
  const layers = [];
  for (let l = 0; l + 1 < sizes.length; l++)
    layers.push({
      weights: Array.from({ length: sizes[l + 1]! }, () => Array.from({ length: sizes[l]! }, next)),
      bias: Array.from({ length: sizes[l + 1]! }, next),
      ...(leaky && l + 2 < sizes.length
        ? { negativeSlopes: Array.from({ length: sizes[l + 1]! }, () => Rational.of(1n, 10n)) }
        : {}),
    });
  return { kind: 'mlp', inputDimension: sizes[0]!, layers };
}

describe('prefix-shared unit maps (issue 11)', () => {
  it('equal exactUnitMap for every unit and pattern', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 3 }),
        fc.integer({ min: 2, max: 3 }),
        fc.array(weight, { minLength: 7, maxLength: 40 }),
        fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }),
        fc.boolean(),
        (hidden, d, values, flips, leaky) => {
          const sizes = [d, ...hidden, 1];
          const layers = integerLayers(model(sizes, values, leaky));
          const unitBase: number[] = [];
          let flat = 0;
          for (const h of hidden) {
            unitBase.push(flat);
            flat += h;
          }
          const cache = new UnitMapCache(() => layers, unitBase);
          // several patterns sharing prefixes: the cache is reused across them
          for (let p = 0; p < 4; p++) {
            const bits = hidden.map((h, l) =>
              Array.from({ length: h }, (_, j) => flips[(p * 7 + unitBase[l]! + j) % 64]!),
            );
            const label = bits
              .flat()
              .map((b) => (b ? '1' : '0'))
              .join('');
            hidden.forEach((h, l) => {
              for (let u = 0; u < h; u++) {
                const o = exactUnitMap(layers, bits, l, u);
                // the cell's half-space as a homogeneous row (first, before the unit map: made
                // without float copies), by its bit: z ≥ 0 ⇔ (c, w), z ≤ 0 ⇔ (−c, −w)
                const h = cache.homogeneousRow(label, l, u);
                const s = bits[l]![u] ? 1n : -1n;
                expect(h).toEqual([s * o.c, ...o.w.map((x) => s * x)]);
                const g = cache.unitMap(label, l, u);
                expect([g.w, g.c]).toEqual([o.w, o.c]);
                expect(Array.from(g.wf)).toEqual(Array.from(o.wf));
                expect(g.cf).toBe(o.cf);
              }
            });
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
