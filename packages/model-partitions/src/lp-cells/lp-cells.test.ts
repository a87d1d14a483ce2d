/**
 * The LP tier against independent oracles: exact-polytope's double description (facets, vertices,
 * facet–vertex incidence) and the full enumeration's cells (adjacency by exact intersection
 * dimension) in d = 2 and 3; closed forms (boxes, a right triangle); properties (the Chebyshev ball
 * lies in the cell and touches a facet, certificates have the claimed signs, the point at the
 * reported margin lies on the boundary).
 */
import { Rational, SqrtRational, seededRandom } from '@mlgeo/exact-arith';
import { Polytope } from '@mlgeo/exact-polytope';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dataHoldingPartition } from '../engines/data-holding.js';
import { partitionOf } from '../engines/enumerate.js';
import { arrangement } from '../engines/test-helpers.js';
import { labelOf } from '../locate/locate.js';
import type { Model, ReluMlpModel, TreeNode } from '../models.js';
import { lpGeometry, type LpCell } from './geometry.js';
import { randomMlp, randomPoints } from '../testing/random-nets.js';

const R = (x: number | string) => Rational.from(x);

const hyperplaneKey = (a: readonly (Rational | bigint)[], b: Rational | bigint) =>
  `${a.map(String).join(',')};${String(b)}`;

/** g(x) = a·x − b for a halfspace a·x ≤ b given as bigints. */
const slack = (h: { a: bigint[]; b: bigint }, x: readonly Rational[]) =>
  h.a
    .reduce((s, v, i) => s.add(x[i]!.mul(Rational.fromBigInt(v))), Rational.ZERO)
    .sub(Rational.fromBigInt(h.b));

/** Compares one LP cell with exact-polytope's vertex-based description of the same cell. */
function checkAgainstPolytope(cell: LpCell, polytope: Polytope, d: number): void {
  const facets = polytope.facets();
  const expected = facets.map((f) => hyperplaneKey(f.a, f.b)).sort();
  const got = cell.facets!.hyperplanes.map((h) => hyperplaneKey(h.a, h.b)).sort();
  expect(got).toEqual(expected);
  expect(cell.facets!.status.filter((s) => s === 'undecided')).toEqual([]);
  // ridges: facets sharing a (d−2)-face, i.e. ≥ d − 1 common vertices (d ≤ 3)
  const inc = polytope.incidence();
  const indexOf = new Map(facets.map((f, i) => [hyperplaneKey(f.a, f.b), i]));
  const rowToFacet = new Map(
    cell.facets!.rows.map((r, k) => [
      r,
      indexOf.get(hyperplaneKey(cell.facets!.hyperplanes[k]!.a, cell.facets!.hyperplanes[k]!.b))!,
    ]),
  );
  const expectedRidges: string[] = [];
  for (let i = 0; i < facets.length; i++)
    for (let j = i + 1; j < facets.length; j++) {
      const common = inc[i]!.filter((v) => inc[j]!.includes(v)).length;
      if (common >= d - 1) expectedRidges.push([i, j].join('-'));
    }
  const gotRidges = cell.ridges!.ridges.map((r) => {
    const i = rowToFacet.get(r.a)!;
    const j = rowToFacet.get(r.b)!;
    return [Math.min(i, j), Math.max(i, j)].join('-');
  });
  expect(gotRidges.sort()).toEqual(expectedRidges.sort());
  // the exact cosine −n_a·n_b from the DD facets
  for (const r of cell.ridges!.ridges) {
    const fa = facets[rowToFacet.get(r.a)!]!;
    const fb = facets[rowToFacet.get(r.b)!]!;
    const dot = Rational.sum(fa.a.map((v, k) => v.mul(fb.a[k]!)));
    const na = Rational.sum(fa.a.map((v) => v.mul(v)));
    const nb = Rational.sum(fb.a.map((v) => v.mul(v)));
    const cos = SqrtRational.of(dot.neg().div(na.mul(nb)), na.mul(nb));
    expect(r.cos!.equals(cos)).toBe(true);
    expect(r.cosFloat).toBeCloseTo(cos.toNumber(), 12);
  }
}

/** Chebyshev ball inside the cell and touching a facet; certificates have the claimed signs. */
function checkProperties(cell: LpCell, polytope: Polytope): void {
  const ball = cell.chebyshev!;
  const facets = polytope.facets();
  const dist = facets.map((f) => {
    const g = Rational.sum(f.a.map((v, k) => v.mul(ball.centre[k]!))).sub(f.b);
    const n2 = Rational.sum(f.a.map((v) => v.mul(v)));
    return SqrtRational.of(g.neg().div(n2), n2);
  });
  for (const x of dist) expect(x.cmp(ball.radius)).toBeGreaterThanOrEqual(0);
  expect(dist.some((x) => x.equals(ball.radius))).toBe(true);
  expect(Math.abs(ball.radiusFloat - ball.radius.toNumber())).toBeLessThan(
    1e-9 * (1 + ball.radiusFloat),
  );
  // facet certificates: g_i > 0 there, every other facet < 0
  cell.facets!.rows.forEach((_, k) => {
    const y = cell.facets!.certificates[k];
    if (!y) return;
    const yr = y.map((v) => Rational.fromDouble(v));
    cell.facets!.hyperplanes.forEach((h, j) => expect(slack(h, yr).sign()).toBe(j === k ? 1 : -1));
  });
  // ridge certificates: (+,+) on the pair, every other facet < 0
  const at = new Map(cell.facets!.rows.map((r, k) => [r, k]));
  for (const r of cell.ridges!.ridges) {
    if (!r.point) continue;
    const yr = r.point.map((v) => Rational.fromDouble(v));
    cell.facets!.hyperplanes.forEach((h, j) =>
      expect(slack(h, yr).sign()).toBe(j === at.get(r.a) || j === at.get(r.b) ? 1 : -1),
    );
  }
}

/** Margins: the point at the reported distance along the nearest row lies on the cell's boundary. */
function checkMargins(cell: LpCell, polytope: Polytope, points: number[][], model: Model): void {
  const facets = polytope.facets();
  for (const m of cell.margins!) {
    const x = points[m.index]!.map((v) => Rational.fromDouble(v));
    const dists = facets.map((f) => {
      const g = Rational.sum(f.a.map((v, k) => v.mul(x[k]!))).sub(f.b);
      const n2 = Rational.sum(f.a.map((v) => v.mul(v)));
      return { g, n2, f, d: SqrtRational.of(g.neg().div(n2), n2) };
    });
    const min = dists.reduce((a, b) => (b.d.cmp(a.d) < 0 ? b : a));
    expect(m.boundaryExact!.equals(min.d)).toBe(true);
    // y = x − (g(x)/‖a‖²) a is on that facet's hyperplane and in the closed cell
    const y = x.map((v, k) => v.sub(min.g.div(min.n2).mul(min.f.a[k]!)));
    const vals = facets.map((f) => Rational.sum(f.a.map((v, k) => v.mul(y[k]!))).sub(f.b));
    expect(vals.every((v) => v.sign() <= 0)).toBe(true);
    expect(vals.some((v) => v.isZero())).toBe(true);
    if (m.decision === undefined || model.kind !== 'mlp') continue;
    // certified: the nearest point of the local decision boundary is a true decision-boundary point
    if (m.certified) {
      expect(m.decision).toBeLessThanOrEqual(m.boundary * (1 + 1e-12));
      expect(m.lowerBound).toBe(m.decision);
    } else {
      expect(m.decision).toBeGreaterThanOrEqual(m.boundary * (1 - 1e-12));
      expect(m.lowerBound).toBe(m.boundary);
    }
  }
}

function compareWithFullPartition(model: Model, points: number[][]): void {
  const d = model.inputDimension;
  const data = dataHoldingPartition(model, points, { predicates: 'filtered' });
  const geo = lpGeometry(data, { exact: true });
  const full = partitionOf(model);
  const byLabel = new Map(full.cells.map((c) => [c.label, c]));
  geo.cells.forEach((cell) => {
    const fc = byLabel.get(cell.label)!;
    expect(fc).toBeDefined();
    checkAgainstPolytope(cell, fc.polytope, d);
    checkProperties(cell, fc.polytope);
    checkMargins(cell, fc.polytope, points, model);
  });
  // adjacency: pairs of data cells whose closures meet in dimension d − 1 (exact intersection)
  const labels = data.cells.map((c) => c.label);
  const expected: string[] = [];
  for (let a = 0; a < labels.length; a++)
    for (let b = a + 1; b < labels.length; b++) {
      const I = byLabel.get(labels[a]!)!.polytope.intersect(byLabel.get(labels[b]!)!.polytope);
      if (!I.isEmpty() && I.dimension() === d - 1) expected.push(`${a}-${b}`);
    }
  expect(geo.adjacency!.edges.map((e) => `${e.a}-${e.b}`).sort()).toEqual(expected.sort());
  for (const e of geo.adjacency!.edges) {
    const y = e.certificate!;
    for (const i of [e.a, e.b])
      for (const f of byLabel.get(labels[i]!)!.polytope.facets())
        expect(
          Rational.sum(f.a.map((v, k) => v.mul(y[k]!)))
            .sub(f.b)
            .sign(),
        ).toBeLessThanOrEqual(0);
  }
}

describe('LP tier: closed forms', () => {
  it('boxes of the arrangement x_i = 1/2 in [0,1]^3: 6 facets, 12 right-angle ridges, r = 1/4', () => {
    const model = arrangement(3, [
      [[1, 0, 0], '-1/2'],
      [[0, 1, 0], '-1/2'],
      [[0, 0, 1], '-1/2'],
    ]);
    const pts = [
      [0.1, 0.2, 0.3],
      [0.9, 0.2, 0.3],
      [0.1, 0.8, 0.3],
      [0.6, 0.7, 0.8],
    ];
    const geo = lpGeometry(dataHoldingPartition(model, pts), { exact: true });
    for (const c of geo.cells) {
      expect(c.facets!.rows.length).toBe(6);
      expect(c.chebyshev!.radius.toString()).toBe('1/4');
      expect(c.ridges!.ridges.length).toBe(12);
      for (const r of c.ridges!.ridges) expect(r.cos!.toString()).toBe('0');
    }
    // the point (0.1, 0.2, 0.3) is 0.1 from x = 0
    const m = geo.cells[0]!.margins![0]!;
    expect(m.boundaryExact!.toNumber()).toBeCloseTo(0.1, 15);
    // cells 000 | 100 share x = 1/2; 000 | 010 share y = 1/2; 100, 010 meet in a line only
    expect(geo.adjacency!.edges.map((e) => [geo.cells[e.a]!.label, geo.cells[e.b]!.label])).toEqual(
      [
        ['000', '010'],
        ['000', '100'],
      ],
    );
  });

  it('the right triangle x + y ≤ 1 in [0,1]²: inradius (2 − √2)/2, angles π/2, π/4, π/4', () => {
    const model = arrangement(2, [[[1, 1], -1]]);
    const geo = lpGeometry(dataHoldingPartition(model, [[0.2, 0.2]]), { exact: true });
    const c = geo.cells[0]!;
    expect(c.facets!.rows.length).toBe(3);
    expect(c.facets!.status.filter((s) => s === 'redundant').length).toBe(2);
    expect(c.facets!.redundancyTier).toBe('exact');
    // the LP's centre is a float; the exact radius at it is within float error of the inradius
    expect(c.chebyshev!.radius.toNumber()).toBeCloseTo((2 - Math.SQRT2) / 2, 9);
    const cos = c.ridges!.ridges.map((r) => r.cos!.toString()).sort();
    expect(cos).toEqual(['0', '1/2*sqrt(2)', '1/2*sqrt(2)']);
  });
});

describe('LP tier against the vertex-based path (d = 2, 3)', () => {
  it('random 2→5→4→1 networks: facets, ridges, cosines, adjacency, margins', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (seed) => {
        const model = randomMlp([2, 5, 4, 1], seed);
        compareWithFullPartition(model, randomPoints(2, 40, seed + 1));
      }),
      { numRuns: 6, seed: 12 },
    );
  });

  it('random 3→4→3→3 networks (multi-class margins)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (seed) => {
        const model = randomMlp([3, 4, 3, 3], seed);
        compareWithFullPartition(model, randomPoints(3, 30, seed + 2));
      }),
      { numRuns: 4, seed: 7 },
    );
  });

  it('leaky ReLU networks (per-unit slopes): the inside tests hold the inactive units at slope·z', () => {
    // regression: the LP tier's masked forward passes zeroed inactive units, so facets, certificates
    // and Chebyshev balls of leaky cells were wrong (seeds 1 and 6 of 2→5→4→1, seed 1 of 3→4→3→3)
    const slopes = ['1/8', '1/5', '3/10', '1/100'];
    const leaky = (model: ReluMlpModel, seed: number): ReluMlpModel => ({
      ...model,
      layers: model.layers.map((layer, l) =>
        l < model.layers.length - 1
          ? { ...layer, negativeSlopes: layer.bias.map((_, j) => R(slopes[(seed + l + j) % 4]!)) }
          : layer,
      ),
    });
    for (const seed of [1, 2, 6]) {
      compareWithFullPartition(
        leaky(randomMlp([2, 5, 4, 1], seed), seed),
        randomPoints(2, 40, seed + 1),
      );
    }
    compareWithFullPartition(leaky(randomMlp([3, 4, 3, 3], 1), 1), randomPoints(3, 30, 3));
  });

  it('certified decision margins: the nearest local boundary point is a zero of the network', () => {
    // f = relu(x) + relu(y) − 1 + relu(x − 3/4)·2: the boundary x + y = 1 bends at x = 3/4
    const model: ReluMlpModel = {
      kind: 'mlp',
      inputDimension: 2,
      layers: [
        {
          weights: [
            [R(1), R(0)],
            [R(0), R(1)],
            [R(1), R(0)],
          ],
          bias: [R(0), R(0), R('-3/4')],
        },
        { weights: [[R(1), R(1), R(2)]], bias: [R(-1)] },
      ],
    };
    const points = [...randomPoints(2, 200, 5), [0.5, 0.45]];
    const geo = lpGeometry(dataHoldingPartition(model, points), { exact: true });
    let certified = 0;
    for (const c of geo.cells) {
      const A = c.output!.map!.A[0]!;
      const n2 = Rational.sum(A.map((v) => v.mul(v)));
      for (const m of c.margins!) {
        if (!m.certified) continue;
        certified++;
        const x = points[m.index]!.map((v) => Rational.fromDouble(v));
        const f = Rational.sum(A.map((v, k) => v.mul(x[k]!))).add(c.output!.map!.c[0]!);
        const y = x.map((v, k) => v.sub(f.div(n2).mul(A[k]!)));
        // the network's own output at y (a forward pass in exact arithmetic) is 0
        let h = y;
        model.layers.forEach((layer, l) => {
          const z = layer.weights.map((row, j) =>
            Rational.sum(row.map((w, k) => w.mul(h[k]!))).add(layer.bias[j]!),
          );
          h = l < model.layers.length - 1 ? z.map((v) => (v.sign() > 0 ? v : Rational.ZERO)) : z;
        });
        expect(h[0]!.isZero()).toBe(true);
        expect(labelOf(model, x)).toBe(c.label);
      }
    }
    expect(certified).toBeGreaterThan(0);
    // closed form at (1/2, 0.45): distance |x + y − 1|/√2 = 0.05/√2, certified (cell distance 0.25)
    const last = geo.cells.flatMap((c) => c.margins!).find((m) => m.index === 200)!;
    expect(last.certified).toBe(true);
    expect(last.decision).toBeCloseTo(0.05 / Math.SQRT2, 12);
    expect(last.predictedClass).toBe(0);
  });
});

describe('LP tier against the vertex-based path: trees, Voronoi sites, linear classifiers', () => {
  const models = (seed: number): Model[] => {
    const rnd = seededRandom(seed);
    const q = () => Rational.of(BigInt(Math.floor(rnd() * 254) + 1), 256n);
    const w = () => Rational.of(BigInt(Math.floor(rnd() * 33) - 16), 8n);
    const nodes: TreeNode[] = [];
    const grow = (depth: number): number => {
      const i = nodes.length;
      nodes.push({ kind: 'leaf', value: [rnd(), rnd()] });
      if (depth > 0) {
        const feature = Math.floor(rnd() * 2);
        const threshold = q();
        nodes[i] = {
          kind: 'split',
          feature,
          threshold,
          left: grow(depth - 1),
          right: grow(depth - 1),
        };
      }
      return i;
    };
    grow(3);
    return [
      { kind: 'tree', inputDimension: 2, nodes, task: 'classification' },
      {
        kind: 'voronoi',
        inputDimension: 3,
        sites: Array.from({ length: 6 }, () => [q(), q(), q()]),
      },
      {
        kind: 'linear',
        inputDimension: 2,
        weights: Array.from({ length: 5 }, () => [w(), w()]),
        bias: Array.from({ length: 5 }, w),
      },
    ];
  };
  it('facets, ridges, cosines, adjacency and margins of random models', () => {
    for (const seed of [1, 2])
      for (const model of models(seed))
        compareWithFullPartition(model, randomPoints(model.inputDimension, 30, seed + 1));
  });
});

describe('LP tier in high dimension', () => {
  it('a 12→10→8→3 net: every cell has a certified centre, facets and slope norms', () => {
    const model = randomMlp([12, 10, 8, 3], 3);
    const points = randomPoints(12, 30, 4);
    const data = dataHoldingPartition(model, points, { predicates: 'filtered' });
    const geo = lpGeometry(data, { ridges: { maxFacets: 8 } });
    for (const c of geo.cells) {
      expect(c.chebyshev!.radius.sign()).toBe(1);
      expect(c.facets!.rows.length).toBeGreaterThanOrEqual(13); // a bounded cell in 12-D
      expect(c.ridges!.facetsUsed.length).toBeLessThanOrEqual(8);
      const fro = c.output!.frobenius;
      expect(typeof fro).toBe('number'); // float tier without `exact`
      expect(c.output!.spectral).toBeLessThanOrEqual((fro as number) * (1 + 1e-12));
      expect(c.margins!.length).toBe(data.cells[c.index]!.dataCount);
    }
  });

  it('margins and slope norms without the float layer maps (Gram path) match the exact values', () => {
    for (const [sizes, seed] of [
      [[12, 10, 8, 3], 7],
      [[6, 5, 4, 1], 8],
    ] as const) {
      const model = randomMlp([...sizes], seed);
      const points = randomPoints(sizes[0], 40, seed + 1);
      const data = dataHoldingPartition(model, points, { predicates: 'filtered' });
      const fast = lpGeometry(data, { facets: false, chebyshev: false, adjacency: false });
      const exact = lpGeometry(data, { facets: false, chebyshev: false, exact: true });
      fast.cells.forEach((c, i) => {
        const e = exact.cells[i]!;
        expect(c.rows).toBe(e.rows);
        expect(c.tags).toEqual(e.tags);
        const fe = (e.output!.frobenius as SqrtRational).toNumber();
        expect(c.output!.frobenius as number).toBeCloseTo(fe, 9);
        expect(c.output!.spectral).toBeCloseTo(e.output!.spectral, 9);
        c.margins!.forEach((m, k) => {
          const me = e.margins![k]!;
          expect(m.index).toBe(me.index);
          expect(m.boundary).toBeCloseTo(me.boundaryExact!.toNumber(), 9);
          expect(m.predictedClass).toBe(me.predictedClass);
          expect(m.certified).toBe(me.certified);
          if (me.decisionExact) expect(m.decision!).toBeCloseTo(me.decisionExact.toNumber(), 9);
        });
      });
    }
  });
});
