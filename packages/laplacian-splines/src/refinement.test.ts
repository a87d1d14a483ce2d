/**
 * Model refinement on volume-free weights given explicitly (no geometry, so any input dimension):
 * M_0 = `mass` n_i/n, `unit` lengths, `unit` face weights (M_1 = 1). Oracles: a 3-cell path solved
 * by hand, λ = 0 changes nothing, the M_0-weighted (data) mean is kept exactly by order-1
 * refinements (1ᵀK = 0; fast-check), data means per cell by hand.
 */
import { Rational } from '@mlgeo/exact-arith';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simplicialComplex } from './complexes.test-helper.js';
import { dataMeansPerCell, refineValues } from './refinement.js';

const q = (s: string) => Rational.parse(s);
const str = (x: unknown) => String(x);

/** A graph complex with M_0 = counts/n (`mass`) and M_1 = 1 (`unit` lengths and faces). */
function dataGraph(edges: number[][], counts: number[]) {
  const n = counts.reduce((s, c) => s + c, 0);
  return simplicialComplex(edges, (k, s) => (k === 0 ? Rational.of(counts[s]!, n) : 1)).complex;
}

describe('refineValues', () => {
  it('path 0–1–2 with mass (1/2, 1/4, 1/4): y = (0, 1, 0) at λ = 1 gives (10, 15, 12)/47', () => {
    // (M_0 + L) f = M_0 y with L the path Laplacian, solved by hand
    const c = dataGraph(
      [
        [0, 1],
        [1, 2],
      ],
      [2, 1, 1],
    );
    const r = refineValues(c, [q('0'), q('1'), q('0')], { lambda: Rational.ONE });
    expect(r.spline.exact).toBe(true);
    expect(r.cells.map((x) => str(x.after))).toEqual(['10/47', '15/47', '12/47']);
    expect(r.cells.map((x) => str(x.change))).toEqual(['10/47', '-32/47', '12/47']);
    expect(r.changed).toBe(3);
    expect(r.maxChange).toBeCloseTo(32 / 47, 15);
    expect(refineValues(c, [q('0'), q('1'), q('0')], { lambda: 1, threshold: 0.5 }).changed).toBe(
      1,
    );
  });

  it('λ = 0 keeps every value; large λ fills an unobserved cell with the observed mean', () => {
    const c = dataGraph(
      [
        [0, 1],
        [1, 2],
        [2, 3],
        [3, 0],
      ],
      [5, 3, 1, 7],
    );
    const all = [q('1/3'), q('2'), q('5'), q('-1')];
    const r = refineValues(c, all, { lambda: Rational.ZERO });
    expect(r.changed).toBe(0);
    expect(r.maxChange).toBe(0);
    expect(r.cells.map((x) => str(x.after))).toEqual(['1/3', '2', '5', '-1']);
    // (λ = 0 with an unobserved cell leaves it undetermined: the system is singular)
    const y = [q('1/3'), q('2'), undefined, q('-1')];
    const big = refineValues(c, y, { lambda: 1e9 });
    expect(big.cells[2]).toMatchObject({ observed: false, before: undefined, change: undefined });
    // λ → ∞: the M_0-weighted mean of the observed cells, (5/3 + 6 − 7)/15 = 2/45
    for (const x of big.cells) expect((x.after as Rational).toNumber()).toBeCloseTo(2 / 45, 6);
  });

  it('order 1 with every cell observed keeps the data mean Σ (n_i/n) y_i exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 5, maxLength: 5 }),
        fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 5, maxLength: 5 }),
        fc.integer({ min: 1, max: 50 }),
        (counts, ys, l) => {
          const c = dataGraph(
            [
              [0, 1],
              [1, 2],
              [2, 3],
              [3, 4],
              [1, 3],
            ],
            counts,
          );
          const y = ys.map((v) => Rational.of(v, 3));
          const r = refineValues(c, y, { lambda: Rational.of(l, 7) });
          const mean = (v: Rational[]) =>
            v.reduce((s, x, i) => s.add(c.mass[0]![i]!.mul(x)), Rational.ZERO);
          expect(mean(r.cells.map((x) => x.after as Rational)).equals(mean(y))).toBe(true);
        },
      ),
      { numRuns: 40, seed: 13 },
    );
  });

  it('float weights give a float refinement', () => {
    const c = dataGraph(
      [
        [0, 1],
        [1, 2],
      ],
      [2, 1, 1],
    );
    const r = refineValues(c, [0, 1, 0], { lambda: 1, solver: 'direct' });
    expect(r.spline.exact).toBe(false);
    r.cells.forEach((x, i) => expect(x.after).toBeCloseTo([10, 15, 12][i]! / 47, 14));
  });
});

describe('dataMeansPerCell', () => {
  it('exact means, empty cells undefined, points in no cell left out', () => {
    const means = dataMeansPerCell(
      3,
      [0, 2, 0, -1, 0],
      [q('1'), q('5'), q('1/2'), q('100'), q('0')],
    );
    expect(means.map(str)).toEqual(['1/2', 'undefined', '5']);
    expect(dataMeansPerCell(2, [1, 1], [1, 2])).toEqual([undefined, 1.5]);
    expect(() => dataMeansPerCell(2, [0], [1, 2])).toThrow(/1 cell indices for 2 values/);
    expect(() => dataMeansPerCell(2, [3], [1])).toThrow(/cell 3/);
  });
});
