/**
 * The typed-array arrangement and penalties against the frozen pre-arrangement code
 * (testing/penalties-v0.ts): the same cells (patterns, vertices, areas), the same masses, and the
 * same penalty values and weight gradients for every penalty, on random nets of several depths and
 * widths (fast-check), on the 2→32→32→1 benchmark net, and in other boxes. The gradients themselves
 * are checked against central differences in penalties.test.ts (which runs networkPenalty, i.e. this
 * path); here also on one 3-hidden-layer net, which exercises the general level-by-level chain.
 */
import fc from 'fast-check';
import { seededRandom } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import { type FloatMlp, type MlpGradient, cloneMlp, labelOfPattern } from './float-net.js';
import { type PenaltyOptions, networkPenalty } from './penalties.js';
import { clipBoth, clipCounts, clipInfo, clipRun } from './arrangement-clip.js';
import { arena } from './arrangement-store.js';
import {
  arrangementCells,
  arrangementMasses,
  arrangementPenalty,
  buildArrangement,
  penaltyOfNet,
} from './plane-arrangement.js';
import type { PlaneBox } from './plane-cells.js';
import { randomFloatMlp } from './test-helpers.js';
import { cellMassesV0, networkPenaltyV0, planeCellsV0 } from './testing/penalties-v0.js';
import { initMlp, trainMlp } from './train.js';

const flat = (g: MlpGradient) => [...g.weights.flat(2), ...g.bias.flat()];

function expectSameGradient(a: MlpGradient, b: MlpGradient, what: string): void {
  const [x, y] = [flat(a), flat(b)];
  const scale = Math.max(1e-12, ...y.map(Math.abs));
  expect(x.length).toBe(y.length);
  x.forEach((v, i) =>
    expect(Math.abs(v - y[i]!), `${what}, entry ${i}: ${v} vs ${y[i]}`).toBeLessThanOrEqual(
      1e-9 * scale,
    ),
  );
}

function expectSameCells(net: FloatMlp, box?: PlaneBox): number {
  const arr = buildArrangement(net, box ? { box } : {});
  const ours = arrangementCells(arr);
  const old = planeCellsV0(net, box ? { box } : {});
  expect(ours.length).toBe(old.length);
  const byLabel = new Map(old.map((c) => [c.label, c]));
  for (const c of ours) {
    const o = byLabel.get(labelOfPattern(c.pattern));
    expect(o, `cell ${labelOfPattern(c.pattern)}`).toBeDefined();
    expect(c.vertices.length).toBe(o!.vertices.length);
    // same polygon up to the starting vertex (the clipping order is the same, so vertex by vertex)
    const shift = o!.vertices.findIndex(
      (v) => Math.abs(v[0] - c.vertices[0]![0]) + Math.abs(v[1] - c.vertices[0]![1]) < 1e-12,
    );
    expect(shift).toBeGreaterThanOrEqual(0);
    c.vertices.forEach((v, i) => {
      const w = o!.vertices[(i + shift) % c.vertices.length]!;
      expect(Math.abs(v[0] - w[0]) + Math.abs(v[1] - w[1])).toBeLessThan(1e-12);
    });
    expect(Math.abs(c.area - o!.area)).toBeLessThanOrEqual(1e-12 * Math.max(1, o!.area));
  }
  return ours.length;
}

const points = Array.from({ length: 300 }, (_, i) => [
  ((i * 37) % 300) / 300 + 0.0017,
  ((i * 91) % 300) / 300 + 0.0013,
]);

const kinds: PenaltyOptions[] = [
  { kind: 'angle', thetaMin: 1.2 },
  { kind: 'angle', thetaMin: Math.PI / 12 },
  { kind: 'sliver', vMin: 0.05 },
  { kind: 'boundary' },
  { kind: 'boundary', weighting: 'mass' },
  { kind: 'angle', thetaMin: 1.2, weighting: 'mass' },
  { kind: 'sliver', vMin: 0.05, weighting: 'mass' },
];

function expectSamePenalty(net: FloatMlp, o: PenaltyOptions, box?: PlaneBox): void {
  const options = { ...o, points, ...(box ? { box } : {}) };
  const ours = networkPenalty(net, options);
  const old = networkPenaltyV0(net, options);
  const what = `${o.kind}${o.weighting ? ` (${o.weighting})` : ''}`;
  expect(Math.abs(ours.value - old.value), what).toBeLessThanOrEqual(
    1e-11 * Math.max(1, Math.abs(old.value)),
  );
  expectSameGradient(ours.gradient, old.gradient, what);
}

describe('buildArrangement: the cells of planeCells (frozen v0)', () => {
  it('the 2→32→32→1 benchmark net (initMlp seed 1): 920 cells, same polygons', () => {
    expect(expectSameCells(initMlp(1, [2, 32, 32, 1]))).toBe(920);
  });
  it('other boxes and three hidden layers', () => {
    expectSameCells(randomFloatMlp(4, 2, [6, 5, 4]));
    expectSameCells(randomFloatMlp(5, 2, [7, 3]), { lo: [-2, -1], hi: [1, 3] });
  });
  it('random nets (fast-check): same cells', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 3 }),
        (seed, widths) => {
          expectSameCells(randomFloatMlp(seed, 2, widths));
        },
      ),
      { numRuns: 40 },
    );
  });
  it('layers wider than 32 units (hashed keys, bytes checked) and exactly 32', () => {
    expectSameCells(initMlp(3, [2, 40, 36, 1]));
    expectSameCells(initMlp(4, [2, 33, 32, 1]));
    expectSameCells(initMlp(5, [2, 32, 33, 1]));
  });
  it('masses: n_C/n of every cell equal cellMasses (v0) by label', () => {
    for (const net of [
      initMlp(2, [2, 16, 16, 1]),
      randomFloatMlp(6, 2, [4, 4, 3]),
      initMlp(3, [2, 40, 36, 1]),
    ]) {
      const arr = buildArrangement(net);
      const masses = arrangementMasses(arr, points);
      const cells = arrangementCells(arr);
      const old = planeCellsV0(net);
      const oldMasses = cellMassesV0(net, old, points);
      const byLabel = new Map(old.map((c, i) => [c.label, oldMasses[i]!]));
      cells.forEach((c, i) =>
        expect(masses[i]).toBeCloseTo(byLabel.get(labelOfPattern(c.pattern))!, 15),
      );
      expect(masses.reduce((s, m) => s + m, 0)).toBeCloseTo(1, 12);
    }
  });
});

describe('networkPenalty (typed arrays) equals the frozen v0 penalty: values and gradients', () => {
  for (const o of kinds)
    it(`${o.kind}${o.weighting ? ` (${o.weighting})` : ''}: benchmark net and random nets`, () => {
      expectSamePenalty(initMlp(1, [2, 32, 32, 1]), o);
      expectSamePenalty(randomFloatMlp(7, 2, [6, 5, 4]), o);
      expectSamePenalty(randomFloatMlp(8, 2, [5, 4]), o, { lo: [-1, -1], hi: [2, 1] });
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 10_000 }),
          fc.array(fc.integer({ min: 2, max: 6 }), { minLength: 1, maxLength: 3 }),
          (seed, widths) => expectSamePenalty(randomFloatMlp(seed, 2, widths), o),
        ),
        { numRuns: 15 },
      );
    });

  it('layers wider than 32 units: the same values and gradients', () => {
    for (const o of kinds) expectSamePenalty(initMlp(3, [2, 40, 36, 1]), o);
  });

  it('every step of a training run with the sliver penalty: the same cells, values and gradients', () => {
    const net = initMlp(11, [2, 12, 12, 1]);
    const data = {
      points: points.slice(0, 120),
      labels: points.slice(0, 120).map(([x, y]) => (y! > 0.5 + 0.2 * Math.sin(6 * x!) ? 1 : 0)),
    };
    const sliver = { kind: 'sliver', vMin: 0.01 } as const;
    for (let step = 0; step < 25; step++) {
      expectSameCells(net);
      for (const o of [sliver, { kind: 'angle', thetaMin: 1.2 } as const])
        expectSamePenalty(net, o);
      trainMlp(net, data, { epochs: 1, learningRate: 0.02, penalty: { ...sliver, weight: 200 } });
    }
  });

  it('three hidden layers: gradients equal central differences', () => {
    const net = randomFloatMlp(9, 2, [4, 3, 3]);
    for (const o of [
      { kind: 'boundary' },
      { kind: 'angle', thetaMin: 1.4 },
      { kind: 'sliver', vMin: 0.1 },
    ] as PenaltyOptions[]) {
      const { gradient } = networkPenalty(net, o);
      const h = 1e-6;
      const f = (n: FloatMlp) => networkPenalty(n, o).value;
      const numeric = flat(gradient).map(() => 0);
      let idx = 0;
      net.layers.forEach((layer, l) =>
        layer.weights.forEach((row, j) =>
          row.forEach((_, i) => {
            const [p, m] = [cloneMlp(net), cloneMlp(net)];
            p.layers[l]!.weights[j]![i]! += h;
            m.layers[l]!.weights[j]![i]! -= h;
            numeric[idx++] = (f(p) - f(m)) / (2 * h);
          }),
        ),
      );
      net.layers.forEach((layer, l) =>
        layer.bias.forEach((_, j) => {
          const [p, m] = [cloneMlp(net), cloneMlp(net)];
          p.layers[l]!.bias[j]! += h;
          m.layers[l]!.bias[j]! -= h;
          numeric[idx++] = (f(p) - f(m)) / (2 * h);
        }),
      );
      const analytic = flat(gradient);
      const scale = Math.max(1e-3, ...numeric.map(Math.abs));
      expect(analytic.some((v, i) => v !== 0 && i >= net.layers[0]!.weights.length * 2)).toBe(true);
      analytic.forEach((v, i) =>
        expect(Math.abs(v - numeric[i]!), `${o.kind} entry ${i}`).toBeLessThan(1e-6 * scale),
      );
    }
  });

  it('the cells of the result are built on demand and are planeCells', () => {
    const net = randomFloatMlp(3, 2, [4, 3]);
    const r = networkPenalty(net, { kind: 'boundary' });
    expect(r.cells.map((c) => c.label)).toEqual(planeCellsV0(net).map((c) => c.label));
  });
});

describe('the build-time penalty and the clipping fast path', () => {
  it('a penalty evaluated during the build equals the same penalty evaluated after it (exactly)', () => {
    const box = { lo: [0, 0], hi: [1, 1] } as PlaneBox;
    for (const net of [
      initMlp(1, [2, 32, 32, 1]),
      randomFloatMlp(7, 2, [6, 5, 4]),
      randomFloatMlp(12, 2, [9]),
      initMlp(3, [2, 40, 36, 1]),
    ])
      for (const o of [
        { kind: 'angle', thetaMin: 1.2 },
        { kind: 'sliver', vMin: 0.05 },
        { kind: 'boundary' },
      ] as const) {
        const during = penaltyOfNet(net, box, o, []);
        const after = arrangementPenalty(buildArrangement(net, { box }), o);
        expect(during.value).toBe(after.value);
        expect(flat(during.gradient)).toEqual(flat(after.gradient));
      }
  });

  it("lines through box corners and through each other's crossings (vertices on a line): v0 cells and penalties", () => {
    // layer 0: x = ½, y = ½, x + y = 1 and x = y all meet at (½, ½); x = y and x + y = 1 pass
    // through corners of the box; layer 1 adds lines through the same centre
    const net: FloatMlp = {
      inputDimension: 2,
      layers: [
        {
          weights: [
            [1, 0],
            [0, 1],
            [1, 1],
            [1, -1],
            [0, -2],
          ],
          bias: [-0.5, -0.5, -1, 0, 1],
        },
        {
          weights: [
            [1, 1, -1, 0.5, 0],
            [0.3, -1, 1, 2, -0.5],
            [-1, 0, 0, 1, 1],
          ],
          bias: [0.25, 0.5, -0.25],
        },
        { weights: [[1, -1, 1]], bias: [0] },
      ],
    };
    expectSameCells(net);
    for (const o of kinds) expectSamePenalty(net, o);
  });

  it('the level-1 chain by runs and the spatial order: parallel lines, lines missing the box, one region, 40 units', () => {
    // two hidden layers: level-1 regions in a serpentine grid order, their row gradients summed by
    // runs of bits (sumLevel1). Layer-0 lines all parallel (strips: neighbours differ in one bit,
    // the order's grid cells hold several strips), all but two missing the box (most bits equal in
    // every region), none in the box (one region, a 1 × 1 grid), and 40 units (two words of bits)
    const rnd = seededRandom(21);
    const layer = (rows: number, cols: number) => ({
      weights: Array.from({ length: rows }, () =>
        Array.from({ length: cols }, () => 2 * rnd() - 1),
      ),
      bias: Array.from({ length: rows }, () => rnd() - 0.5),
    });
    const withFirst = (first: { weights: number[][]; bias: number[] }): FloatMlp => {
      const w = first.bias.length;
      return { inputDimension: 2, layers: [first, layer(7, w), layer(1, 7)] };
    };
    const nets: FloatMlp[] = [
      // 12 vertical lines x = t_k (and one horizontal), with units of both orientations
      withFirst({
        weights: Array.from({ length: 13 }, (_, k) => (k === 12 ? [0, 1] : [k % 2 ? 1 : -1, 0])),
        bias: Array.from({ length: 13 }, (_, k) =>
          k === 12 ? -0.4 : ((k % 2 ? -1 : 1) * (k + 0.5)) / 12,
        ),
      }),
      // 10 lines that miss the box (|bias| > |w|₁) and two that cross it
      withFirst({
        weights: Array.from({ length: 12 }, (_, k) => [1, k < 10 ? 0.5 : -1]),
        bias: Array.from({ length: 12 }, (_, k) =>
          k < 10 ? (k % 2 ? 3 : -3) : -0.3 + 0.6 * (k - 10),
        ),
      }),
      // no line in the box: one level-1 region
      withFirst({
        weights: [
          [1, 1],
          [-1, 0.5],
        ],
        bias: [5, -5],
      }),
      // 40 units: bits in two words
      randomFloatMlp(31, 2, [40, 6]),
    ];
    for (const net of nets) {
      expectSameCells(net);
      for (const o of kinds) expectSamePenalty(net, o);
    }
  });

  it('clipRun writes the vertices, tags, areas and boxes clipBoth writes (random convex polygons)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 12 }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        fc.double({ min: -0.9, max: 0.9, noNaN: true }),
        fc.boolean(),
        (n, angle, offset, boxes) => {
          // a regular n-gon (convex) in the pool, tags 0 … n − 1, cut by the line u·x = offset
          const A = arena;
          A.x.n = A.y.n = A.tag.n = 0;
          A.x.reserve(8 * n);
          A.y.reserve(8 * n);
          A.tag.reserve(8 * n);
          A.h.reserve(n);
          const [u0, u1] = [Math.cos(angle), Math.sin(angle)];
          for (let i = 0; i < n; i++) {
            A.x.a[i] = Math.cos((2 * Math.PI * i) / n) + 0.1;
            A.y.a[i] = Math.sin((2 * Math.PI * i) / n) - 0.2;
            A.tag.a[i] = i;
            A.h.a[i] = u0 * A.x.a[i]! + u1 * A.y.a[i]! - offset - 0.1 * u0 + 0.2 * u1;
          }
          A.x.n = A.y.n = A.tag.n = n;
          let pos = 0;
          let zero = false;
          for (let i = 0; i < n; i++) {
            if (A.h.a[i]! > 0) pos |= 1 << i;
            if (A.h.a[i] === 0) zero = true;
          }
          if (zero || pos === 0 || pos === (1 << n) - 1) return;
          const read = () => ({
            x: Array.from(A.x.a.slice(n, A.x.n)),
            y: Array.from(A.y.a.slice(n, A.x.n)),
            tag: Array.from(A.tag.a.slice(n, A.x.n)),
            counts: Array.from(clipCounts),
            info: Array.from(clipInfo).filter((_, i) => boxes || i === 0 || i === 5),
          });
          clipBoth(0, n, 99, boxes);
          const general = read();
          A.x.n = A.y.n = A.tag.n = n;
          clipInfo.fill(NaN);
          expect(clipRun(0, n, 99, boxes, pos)).toBe(true);
          expect(read()).toEqual(general);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a sliver build keeps no cell bits: the same cells (polygons, areas) as a plain build, and arrangementCells refuses it', () => {
    const box = { lo: [0, 0], hi: [1, 1] } as PlaneBox;
    for (const net of [
      initMlp(1, [2, 32, 32, 1]),
      randomFloatMlp(7, 2, [6, 5, 4]),
      randomFloatMlp(12, 2, [9]),
      initMlp(3, [2, 40, 36, 1]),
    ]) {
      const sliver = buildArrangement(net, { box }, { kind: 'sliver', vMin: 0.05 });
      expect(sliver.cellBits).toBe(false);
      expect(() => arrangementCells(sliver)).toThrow(/no bits/);
      expect(() => arrangementMasses(sliver, [[0.5, 0.5]])).toThrow(/no bits/);
      expect(() => arrangementPenalty(sliver, { kind: 'angle' })).toThrow(/no bits/);
      expect(() => arrangementPenalty(sliver, { kind: 'boundary' })).toThrow(/no bits/);
      const during = penaltyOfNet(net, box, { kind: 'sliver', vMin: 0.05 }, []);
      const after = arrangementPenalty(
        buildArrangement(net, { box }, { kind: 'sliver', vMin: 0.05 }),
        { kind: 'sliver', vMin: 0.05 },
      );
      expect(after.value).toBe(during.value);
      expect(flat(after.gradient)).toEqual(flat(during.gradient));
      const H = sliver.widths.length;
      const cells = arena.levels[H]!;
      const got = Array.from({ length: sliver.cellCount }, (_, r) => {
        const s = cells.start.a[r]!;
        const n = cells.len.a[r]!;
        const vertices: [number, number][] = [];
        for (let i = 0; i < n; i++) vertices.push([arena.x.a[s + i]!, arena.y.a[s + i]!]);
        return { vertices, area: cells.area.a[r]! };
      });
      const plain = buildArrangement(net, { box });
      expect(plain.cellBits).toBe(true);
      expect(plain.cellCount).toBe(sliver.cellCount);
      expect(arrangementCells(plain).map(({ vertices, area }) => ({ vertices, area }))).toEqual(
        got,
      );
      // the angle and boundary kernels read the cells' bits: their builds keep them
      expect(buildArrangement(net, { box }, { kind: 'angle' }).cellBits).toBe(true);
      expect(buildArrangement(net, { box }, { kind: 'boundary' }).cellBits).toBe(true);
    }
  });

  it('clipRun declines sign patterns that are not one positive run', () => {
    const A = arena;
    A.x.n = A.y.n = A.tag.n = 0;
    expect(clipRun(0, 4, 99, true, 0b0101)).toBe(false);
    expect(A.x.n).toBe(0);
  });
});
