/**
 * The exact enumeration's float filter (float-layer-maps.ts). Oracles written here: each layer map
 * composed in exact rationals (H_{l+1}[j] = Σ_k W_jk·[bit k]·H_l[k] + (0, b_j)), and the exact sign
 * of a row at exact points — including points exactly on the row's hyperplane, which no bound may
 * certify. Then the enumeration itself: with the filter and without it (every unit on its exact
 * row), the same cells with the same exact vertices, on fast-check nets with ties and dead units.
 */
import { Rational, newFilterStats } from '@mlgeo/exact-arith';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { domainFrom } from '../domain.js';
import type { DenseLayer, ReluMlpModel } from '../models.js';
import {
  type FloatLayerMap,
  boundRows,
  firstFloatMap,
  floatRowSign,
  nextFloatMap,
  nextFloatMapFrom,
} from './float-layer-maps.js';
import { poolLayers } from './float-pool.js';
import { mlpCells } from './mlp.js';
import { randomQuarterMlp } from './test-helpers.js';

/** Weights of several kinds: small integers, quarters, thirds (rounded in float), wide magnitudes. */
const weight = fc.oneof(
  fc.integer({ min: -3, max: 3 }).map((n) => Rational.of(n)),
  fc.integer({ min: -8, max: 8 }).map((n) => Rational.of(n, 4)),
  fc.integer({ min: -20, max: 20 }).map((n) => Rational.of(n, 3)),
  fc
    .tuple(fc.integer({ min: -99, max: 99 }), fc.integer({ min: -40, max: 40 }))
    .map(([m, e]) =>
      e >= 0 ? Rational.of(BigInt(m) * 7n ** BigInt(e)) : Rational.of(m, 7n ** BigInt(-e)),
    ),
);

const netAndLabels = fc
  .tuple(
    fc.integer({ min: 1, max: 3 }),
    fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 }),
  )
  .chain(([d, hidden]) => {
    const widths = [d, ...hidden, 1];
    const layers = widths.slice(1).map((out, l) =>
      fc.record({
        weights: fc.array(fc.array(weight, { minLength: widths[l]!, maxLength: widths[l]! }), {
          minLength: out,
          maxLength: out,
        }),
        bias: fc.array(weight, { minLength: out, maxLength: out }),
      }),
    );
    const bits = hidden.map((n) => fc.array(fc.boolean(), { minLength: n, maxLength: n }));
    return fc.tuple(fc.constant(d), fc.tuple(...layers), fc.tuple(...bits), fc.tuple(...bits));
  })
  .map(([d, layers, bits, siblingBits]) => ({
    model: { kind: 'mlp', inputDimension: d, layers: layers as DenseLayer[] } as ReluMlpModel,
    bits: bits as boolean[][],
    siblingBits: siblingBits as boolean[][],
  }));

/** H_0 … H_{L−1} in exact rationals: rows of d + 1 entries (A_j, c_j), given the hidden bits. */
function exactMaps(model: ReluMlpModel, bits: boolean[][]): Rational[][][] {
  const d = model.inputDimension;
  const first = model.layers[0]!;
  const maps: Rational[][][] = [first.weights.map((w, j) => [...w, first.bias[j]!])];
  for (let l = 1; l < model.layers.length; l++) {
    const prev = maps[l - 1]!;
    const layer = model.layers[l]!;
    maps.push(
      layer.weights.map((w, j) =>
        Array.from({ length: d + 1 }, (_, e) =>
          w.reduce(
            (s, wk, k) => (bits[l - 1]![k] ? s.add(wk.mul(prev[k]![e]!)) : s),
            e === d ? layer.bias[j]! : Rational.ZERO,
          ),
        ),
      ),
    );
  }
  return maps;
}

const labelOf = (bits: boolean[][]): string =>
  bits.map((b) => b.map((x) => (x ? '1' : '0')).join('')).join('');

/** Every entry within its bound: |Ĥ − H| ≤ E (exactly, on the doubles' rational values). */
function expectWithinBounds(m: FloatLayerMap, exact: Rational[][]): void {
  const size = m.rows * m.width;
  for (let j = 0; j < m.rows; j++)
    for (let e = 0; e < m.width; e++) {
      const v = m.data[j * m.width + e]!;
      const bound = m.data[size + j * m.width + e]!;
      if (!Number.isFinite(bound)) continue;
      expect(Number.isFinite(v)).toBe(true);
      const err = Rational.fromDouble(v).sub(exact[j]![e]!).abs();
      expect(err.cmp(Rational.fromDouble(bound))).toBeLessThanOrEqual(0);
    }
}

/** The float maps of the bits' cell: H_0, then each from the last (and H_l from a sibling's). */
function floatMaps(model: ReluMlpModel, bits: boolean[][], sibling?: boolean[][]): FloatLayerMap[] {
  const pool = poolLayers(model);
  const maps = [firstFloatMap(pool[0]!)];
  const label = labelOf(bits);
  const siblingLabel = sibling ? labelOf([...bits.slice(0, -1), sibling[sibling.length - 1]!]) : '';
  let at = 0;
  for (let l = 1; l < model.layers.length; l++) {
    const n = model.layers[l - 1]!.bias.length;
    const last = l === model.layers.length - 1;
    let m: FloatLayerMap | undefined;
    if (sibling && last) {
      // H_{L−1} of this cell from its sibling's (which differs in layer L − 2's bits only)
      const base = nextFloatMap(maps[l - 1]!, pool[l]!, siblingLabel, at);
      m = nextFloatMapFrom(base, siblingLabel, at, maps[l - 1]!, pool[l]!, label, at);
    }
    maps.push(m ?? nextFloatMap(maps[l - 1]!, pool[l]!, label, at));
    at += n;
  }
  return maps;
}

describe('float layer maps: proven entrywise bounds', () => {
  it('every entry of every layer map is within its bound of the exact map (fast-check)', () => {
    fc.assert(
      fc.property(netAndLabels, ({ model, bits, siblingBits }) => {
        const exact = exactMaps(model, bits);
        for (const sibling of [undefined, siblingBits]) {
          const maps = floatMaps(model, bits, sibling);
          maps.forEach((m, l) => expectWithinBounds(m, exact[l]!));
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('carries a cancellation forward: a small entry made from large rounded ones keeps their error', () => {
    // H_0 entries ≈ 7^20/3 (rounded, error ≈ 2^2), H_1 = H_0[0] − H_0[1] = −1/3 exactly but ≈ ±8
    // in float, H_2 = H_1: only the propagated bound (not the last sum's own) covers that
    const big = Rational.of(7n ** 20n, 3n);
    const one = Rational.ONE;
    const model: ReluMlpModel = {
      kind: 'mlp',
      inputDimension: 1,
      layers: [
        { weights: [[big], [big.add(Rational.of(1, 3))]], bias: [big, big] },
        { weights: [[one, one.neg()]], bias: [Rational.ZERO] },
        { weights: [[one]], bias: [Rational.ZERO] },
        { weights: [[one]], bias: [Rational.ZERO] },
      ],
    };
    const bits = [[true, true], [true], [true]];
    const exact = exactMaps(model, bits);
    const maps = floatMaps(model, bits);
    maps.forEach((m, l) => expectWithinBounds(m, exact[l]!));
    expect(maps[2]!.data[2]! /* E of A_0 */).toBeGreaterThan(0.1);
  });

  it('a map made from a sibling keeps the sibling entry’s error', () => {
    // H_1 = H_0[0] − H_0[1] as above; the sibling differs in unit 2, whose weight is 0: the entry
    // is the sibling's, and so must be its bound
    const big = Rational.of(7n ** 20n, 3n);
    const units = 8;
    const model: ReluMlpModel = {
      kind: 'mlp',
      inputDimension: 1,
      layers: [
        {
          weights: Array.from({ length: units }, (_, k) =>
            k === 0 ? [big] : k === 1 ? [big.add(Rational.of(1, 3))] : [Rational.ONE],
          ),
          bias: Array.from({ length: units }, (_, k) => (k < 2 ? big : Rational.ZERO)),
        },
        {
          weights: [
            Array.from({ length: units }, (_, k) =>
              k === 0 ? Rational.ONE : k === 1 ? Rational.MINUS_ONE : Rational.ZERO,
            ),
          ],
          bias: [Rational.ZERO],
        },
      ],
    };
    const bits = [Array<boolean>(units).fill(true)];
    const sibling = [bits[0]!.map((b, k) => (k === 2 ? !b : b))];
    const maps = floatMaps(model, bits, sibling);
    expectWithinBounds(maps[1]!, exactMaps(model, bits)[1]!);
  });

  it('a certified sign is the exact sign; a point on the hyperplane is never certified (fast-check)', () => {
    const point = fc.array(
      fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 30 })),
      { minLength: 3, maxLength: 3 },
    );
    fc.assert(
      fc.property(netAndLabels, point, fc.nat(), ({ model, bits }, raw, pick) => {
        const d = model.inputDimension;
        const exact = exactMaps(model, bits);
        const maps = floatMaps(model, bits);
        const l = pick % maps.length;
        const m = maps[l]!;
        const j = pick % m.rows;
        const row = exact[l]![j]!;
        const x = raw.slice(0, d).map(([n, q]) => Rational.of(n, q));
        // and a point on row j's hyperplane, when a coefficient can be solved for
        const i = row.slice(0, d).findIndex((a) => a.sign() !== 0);
        const points = [x];
        if (i >= 0) {
          const rest = row
            .slice(0, d)
            .reduce((s, a, k) => (k === i ? s : s.add(a.mul(x[k]!))), row[d]!);
          const on = x.slice();
          on[i] = rest.neg().div(row[i]!);
          points.push(on);
        }
        // the bounds of a cell whose vertices are these points (convex hull: the points are in it)
        const rounded = points.map((p) => ({ xf: Float64Array.from(p, (v) => v.toNumber()) }));
        boundRows(m, rounded);
        for (const [t, p] of points.entries()) {
          const value = row.slice(0, d).reduce((s, a, k) => s.add(a.mul(p[k]!)), row[d]!);
          const s = floatRowSign(m, j, rounded[t]!.xf);
          if (s !== 0) expect(s).toBe(value.sign());
          if (value.sign() === 0) expect(s).toBe(0);
        }
      }),
      { numRuns: 400, seed: 12 },
    );
  });

  it('does not certify a row whose float copy has the wrong sign', () => {
    // p = 2^55 + 41/10 rounds to 2^55 + 8, q = 2^55 + 39/10 to 2^55 (the spacing is 8): the row
    // z = h_0 − h_1 − 1/4 is x/5 − 1/4 exactly, −1/20 at x = 1, but 8x − 1/4 = 31/4 in float
    const base = Rational.of(2n ** 55n);
    const model: ReluMlpModel = {
      kind: 'mlp',
      inputDimension: 1,
      layers: [
        {
          weights: [[base.add(Rational.of(41, 10))], [base.add(Rational.of(39, 10))]],
          bias: [Rational.ZERO, Rational.ZERO],
        },
        { weights: [[Rational.ONE, Rational.MINUS_ONE]], bias: [Rational.of(-1, 4)] },
      ],
    };
    const maps = floatMaps(model, [[true, true]]);
    expect(maps[1]!.data[0]).toBe(8);
    const points = [0.5, 1, 2].map((x) => ({ xf: Float64Array.of(x) }));
    boundRows(maps[1]!, points);
    for (const { xf } of points) expect(floatRowSign(maps[1]!, 0, xf)).toBe(0);
  });

  it('certifies the common case: random points off the hyperplane of a plain net', () => {
    const model = randomQuarterMlp(3, [2, 8, 8, 1]);
    const maps = floatMaps(model, [Array(8).fill(true), Array(8).fill(true)]);
    const xs = Array.from({ length: 100 }, (_, t) => ({
      xf: Float64Array.from([((t * 37) % 101) / 101, ((t * 53) % 103) / 103]),
    }));
    boundRows(maps[2]!, xs);
    let certified = 0;
    for (const { xf } of xs) if (floatRowSign(maps[2]!, 0, xf) !== 0) certified++;
    expect(certified).toBeGreaterThan(90);
  });
});

describe('exact enumeration: the float filter changes no cell', () => {
  it('decides almost every unit on the float rows of a net without ties', () => {
    // weights k/997: no vertex of this net lies on a later unit's hyperplane
    let seed = 5;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) % 2001) - 1000;
    const layer = (out: number, inp: number): DenseLayer => ({
      weights: Array.from({ length: out }, () =>
        Array.from({ length: inp }, () => Rational.of(rnd(), 997)),
      ),
      bias: Array.from({ length: out }, () => Rational.of(rnd(), 997 * 4)),
    });
    const model: ReluMlpModel = {
      kind: 'mlp',
      inputDimension: 2,
      layers: [layer(12, 2), layer(12, 12), layer(1, 12)],
    };
    const stats = newFilterStats();
    const cells = mlpCells(model, domainFrom(undefined, 2).initialCell(), 'exact', stats);
    expect(cells.length).toBeGreaterThan(20);
    expect(stats.signTests).toBeGreaterThan(1000);
    // units not certified (each counted once, its signs then read on the exact row)
    expect(stats.exactFallbacks).toBeLessThan(5);
  });

  /** Cells as label → exact vertices ("num/den" lists, sorted). */
  function cellsOf(model: ReluMlpModel, floatFilter: boolean): Map<string, string[]> {
    const domain = domainFrom(undefined, model.inputDimension);
    const cells = mlpCells(
      model,
      domain.initialCell(),
      'exact',
      newFilterStats(),
      undefined,
      floatFilter,
    );
    return new Map(
      cells.map((c) => [c.label, c.vertices!.map((v) => v.map(String).join(',')).sort()]),
    );
  }

  it('the same labels and exact vertices with and without the filter (fast-check, ties and dead units)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.constantFrom([2, 6, 6, 1], [2, 5, 5, 5, 1], [3, 4, 4, 1], [2, 10, 1]),
        (seed, widths) => {
          const model = randomQuarterMlp(seed, [...widths]);
          expect(cellsOf(model, true)).toEqual(cellsOf(model, false));
        },
      ),
      { numRuns: 40, seed: 13 },
    );
  });
});
