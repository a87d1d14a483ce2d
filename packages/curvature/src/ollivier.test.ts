/**
 * Ollivier curvature against closed forms derived here, SPEC §9 A–C, the GraphRicciCurvature #47
 * case, exact-vs-float agreement, and an independent re-check of every exact certificate.
 *
 * Closed forms (walk m_i: α at i, (1 − α)/deg i at each neighbour; uniform masses):
 * - K_n: m_i − m_j is ±(α − (1−α)/(n−1)) at i and j and 0 elsewhere, d = 1, so
 *   κ = 1 − |α − (1−α)/(n−1)|.
 * - C_n, n ≥ 6, edge (0, 1): with β = (1−α)/2 the difference is +β, α−β, β−α, −β at −1, 0, 1, 2,
 *   points of a geodesic line; W_1 = Σ|cumulative| = β + α + β = 1, so κ = 0.
 * - C_4: d(3, 2) = 1 closes the line: W_1 = α if α ≥ β (move β from 3 to 2 and α−β from 0 to 1),
 *   else 1 − 2α; κ = 1 − α or 2α.
 * - Trees: W_1 = Σ over edges of |mass difference beyond the edge| (tree metric):
 *   (1−α)(d_i−1)/d_i + (1−α)(d_j−1)/d_j + |α + (1−α)(1 − 1/d_i − 1/d_j)|.
 * - Grid, edge between interior vertices: the plan moving every mass of m_i one step along the
 *   edge direction costs 1, and the 1-Lipschitz φ = x (the coordinate along it) gives 1 too, so
 *   W_1 = 1 and κ = 0.
 */
import { Rational, SqrtRational, seededRandom } from '@mlgeo/exact-arith';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { complexOllivier } from './complex.js';
import { completeGraph, cycle, degrees, grid, randomTree } from './graphs.test-helper.js';
import { ollivierCurvature, quadraticRing, type OllivierResult } from './ollivier.js';
import { complexOf, exampleA, exampleB, exampleC } from './spec-examples.test-helper.js';
import { bigintRing, checkTransportCertificate } from './transport/certificate.js';
import type { WeightedGraph } from './graph.js';

const alphas = fc.integer({ min: 0, max: 12 }).map((k) => Rational.of(k, 12));

/** Re-checks every certificate of an exact result with the independent checker. */
function expectCertified(r: OllivierResult): void {
  expect(r.certificates).toBeDefined();
  for (const c of r.certificates!) {
    if (c === null) continue;
    const cert = { flow: c.flow, u: c.u, v: c.v, cost: c.total } as never;
    const failure =
      c.kind === 'integer'
        ? checkTransportCertificate(bigintRing, c.a, c.b, c.cost, cert)
        : checkTransportCertificate(quadraticRing(c.q), c.a, c.b, c.cost, cert);
    expect(failure).toBeNull();
  }
  expect(r.exact!.certified).toBe(r.certificates!.filter((c) => c !== null).length);
}

function exact(g: WeightedGraph, alpha: Rational): OllivierResult {
  const r = ollivierCurvature(g, { mode: 'exact', alpha, keepCertificates: true });
  expectCertified(r);
  return r;
}

describe('Ollivier curvature: closed forms', () => {
  it('complete graphs K_n: κ = 1 − |α − (1−α)/(n−1)|', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 9 }), alphas, (n, alpha) => {
        const expected = Rational.ONE.sub(
          alpha.sub(Rational.ONE.sub(alpha).div(Rational.of(n - 1))).abs(),
        );
        const r = exact(completeGraph(n), alpha);
        for (const k of r.exact!.kappa) expect(k!.toString()).toBe(expected.toString());
        const f = ollivierCurvature(completeGraph(n), { alpha: alpha.toNumber() });
        for (const k of f.kappa) expect(Math.abs(k - expected.toNumber())).toBeLessThan(1e-12);
      }),
      { numRuns: 40 },
    );
  });

  it('cycles: κ = 0 for n ≥ 6; C_4: κ = 1 − α (α ≥ (1−α)/2) or 2α', () => {
    fc.assert(
      fc.property(fc.integer({ min: 6, max: 12 }), alphas, (n, alpha) => {
        for (const k of exact(cycle(n), alpha).exact!.kappa) expect(k!.toString()).toBe('0');
      }),
      { numRuns: 20 },
    );
    fc.assert(
      fc.property(alphas, (alpha) => {
        const beta = Rational.ONE.sub(alpha).div(Rational.of(2));
        const expected = alpha.cmp(beta) >= 0 ? Rational.ONE.sub(alpha) : alpha.mul(Rational.of(2));
        for (const k of exact(cycle(4), alpha).exact!.kappa)
          expect(k!.toString()).toBe(expected.toString());
      }),
    );
  });

  it('random trees: the tree-metric formula', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 40 }),
        fc.integer({ min: 1, max: 1e9 }),
        alphas,
        (n, seed, alpha) => {
          const g = randomTree(n, seededRandom(seed));
          const d = degrees(g);
          const r = exact(g, alpha);
          const one = Rational.ONE;
          const rest = one.sub(alpha);
          g.edges.forEach(([i, j], e) => {
            const di = Rational.of(d[i]!);
            const dj = Rational.of(d[j]!);
            const w = rest
              .mul(di.sub(one).div(di))
              .add(rest.mul(dj.sub(one).div(dj)))
              .add(alpha.add(rest.mul(one.sub(one.div(di)).sub(one.div(dj)))).abs());
            expect(r.exact!.kappa[e]!.toString()).toBe(one.sub(w).toString());
          });
        },
      ),
      { numRuns: 30 },
    );
  });

  it('grid: κ = 0 on edges between interior vertices', () => {
    const g = grid(7, 6);
    const r = exact(g, Rational.of(1, 2));
    const deg = degrees(g);
    let checked = 0;
    g.edges.forEach(([i, j], e) => {
      if (deg[i] !== 4 || deg[j] !== 4) return;
      expect(r.exact!.kappa[e]!.toString()).toBe('0');
      checked++;
    });
    expect(checked).toBeGreaterThan(20);
  });
});

describe('Ollivier curvature: the metric is the path metric (GraphRicciCurvature #47)', () => {
  it('a triangle with lengths 10, 1, 1: d = 2 across the long edge, κ = 3/4', () => {
    // m_0 = (1/2, 1/4, 1/4), m_1 = (1/4, 1/2, 1/4) on (0, 1, 2): 1/4 moves from 0 to 1 at d = 2
    const g: WeightedGraph = {
      vertexCount: 3,
      edges: [
        [0, 1],
        [0, 2],
        [1, 2],
      ],
      lengths: [10, 1, 1],
    };
    const r = ollivierCurvature(g, { mode: 'exact', keepCertificates: true });
    expectCertified(r);
    expect(r.distance[0]).toBe(2);
    expect(r.w1[0]).toBe(0.5);
    expect(r.exact!.kappa[0]!.toString()).toBe('3/4');
    const f = ollivierCurvature(g);
    expect(f.distance[0]).toBe(2);
    expect(f.kappa[0]).toBeCloseTo(0.75, 14);
    // with rational lengths 5/2, 1/2, 1/2 the same shape scales: d = 1, W_1 = 1/4
    const h: WeightedGraph = {
      ...g,
      lengths: [Rational.of(5, 2), Rational.of(1, 2), Rational.of(1, 2)],
    };
    const rh = ollivierCurvature(h, { mode: 'exact' });
    expect(rh.distance[0]).toBe(1);
    expect(rh.exact!.w1[0]!.toString()).toBe('1/4');
    expect(rh.exact!.kappa[0]!.toString()).toBe('3/4');
  });
});

describe('Ollivier curvature: SPEC §9 examples (α = 1/2, unit lengths)', () => {
  it('A: κ = 1/2 on every edge', () => {
    const r = complexOllivier(complexOf(exampleA()), { mode: 'exact', keepCertificates: true });
    expectCertified(r);
    expect(r.exact!.kappa.map(String)).toEqual(['1/2', '1/2', '1/2', '1/2']);
  });

  it('B: κ(00, 01) = −8 + 6√2 (exact in Q(√2))', () => {
    const c = complexOf(exampleB());
    expect(c.simplices[1]![0]).toEqual([0, 1]);
    const r = complexOllivier(c, { mode: 'exact', keepCertificates: true });
    expectCertified(r);
    expect(r.exact!.kappa[0]!.toString()).toBe('-8 + 6*sqrt(2)');
    const f = complexOllivier(c);
    expect(Math.abs(f.kappa[0]! - 0.485281374239)).toBeLessThan(1e-12);
    r.kappa.forEach((k, e) => expect(Math.abs(k - f.kappa[e]!)).toBeLessThan(1e-12));
  });

  it('C: κ(1, 3) = κ(1, 4) = 3/4, κ(3, 4) = 2/3', () => {
    const c = complexOf(exampleC());
    expect(c.simplices[1]).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
    const r = complexOllivier(c, { mode: 'exact', keepCertificates: true });
    expectCertified(r);
    expect(r.exact!.kappa.map(String)).toEqual(['3/4', '3/4', '2/3']);
  });
});

/** A random connected graph: a random tree plus random chords, random counts and lengths. */
function randomGraph(seed: number, radicand?: bigint): WeightedGraph {
  const r = seededRandom(seed);
  const n = 3 + Math.floor(r() * 25);
  const tree = randomTree(n, r);
  const edges = [...tree.edges] as [number, number][];
  const seen = new Set(edges.map(([i, j]) => `${Math.min(i, j)},${Math.max(i, j)}`));
  for (let t = 0; t < n; t++) {
    const i = Math.floor(r() * n);
    const j = Math.floor(r() * n);
    const key = `${Math.min(i, j)},${Math.max(i, j)}`;
    if (i === j || seen.has(key)) continue;
    seen.add(key);
    edges.push([i, j]);
  }
  const g: WeightedGraph = {
    vertexCount: n,
    edges,
    masses: Array.from({ length: n }, () => Math.floor(r() * 6)),
    lengths: edges.map(() => Rational.of(1 + Math.floor(r() * 4), 1 + Math.floor(r() * 2))),
  };
  if (radicand !== undefined)
    g.weights = edges.map(() =>
      r() < 0.5
        ? SqrtRational.fromRational(Rational.of(1 + Math.floor(r() * 5), 2))
        : SqrtRational.of(Rational.of(1 + Math.floor(r() * 5), 3), radicand),
    );
  return g;
}

describe('Ollivier curvature: exact and float agree', () => {
  it('on random graphs with rational lengths and masses (integer network simplex)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), alphas, (seed, alpha) => {
        const g = randomGraph(seed);
        const r = exact(g, alpha);
        const f = ollivierCurvature(g, { alpha: alpha.toNumber() });
        f.kappa.forEach((k, e) => {
          expect(Math.abs(k - r.exact!.kappa[e]!.toNumber())).toBeLessThan(1e-12);
          expect(r.exact!.kappa[e]!.toNumber()).toBeCloseTo(r.kappa[e]!, 15);
        });
        expect(f.massDefect).toBeLessThan(1e-14);
      }),
      { numRuns: 60 },
    );
  });

  it('with huge data counts (common denominators beyond 2^53: the BigInt network simplex)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), (seed) => {
        const g = randomGraph(seed);
        const r = seededRandom(seed + 1);
        g.masses = Array.from({ length: g.vertexCount }, () =>
          Rational.fromBigInt(10n ** 12n + BigInt(Math.floor(r() * 1e6))),
        );
        const x = exact(g, Rational.of(1, 3));
        const f = ollivierCurvature(g, { alpha: 1 / 3 });
        f.kappa.forEach((k, e) =>
          expect(Math.abs(k - x.exact!.kappa[e]!.toNumber())).toBeLessThan(1e-12),
        );
        expect(
          x.certificates!.some((c) => c !== null && c.kind === 'integer' && c.scale > 2n ** 53n),
        ).toBe(true);
      }),
      // seeded: whether any edge of a random graph needs a scale beyond 2^53 depends on the draw
      // (unseeded, 2 of about 8 runs of 10 graphs drew one that needs none); this test is about
      // that path
      { numRuns: 10, seed: 20261203 },
    );
  });

  it('on random graphs with walk weights in Q(√3) (quadratic network simplex)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), (seed) => {
        const g = randomGraph(seed, 3n);
        const r = exact(g, Rational.of(1, 3));
        const f = ollivierCurvature(g, { alpha: 1 / 3 });
        f.kappa.forEach((k, e) =>
          expect(Math.abs(k - r.exact!.kappa[e]!.toNumber())).toBeLessThan(1e-12),
        );
      }),
      { numRuns: 20 },
    );
  });

  it('refuses exact W_1 for irrational lengths or two radicands, and bad α', () => {
    const g: WeightedGraph = {
      vertexCount: 2,
      edges: [[0, 1]],
      lengths: [SqrtRational.of(Rational.ONE, 2n)],
    };
    expect(() => ollivierCurvature(g, { mode: 'exact' })).toThrow(/EXACT|irrational/);
    expect(ollivierCurvature(g).kappa[0]).toBeCloseTo(1, 14); // K_2: κ = 1 − |1/2 − 1/2|
    const h: WeightedGraph = {
      vertexCount: 3,
      edges: [
        [0, 1],
        [1, 2],
      ],
      weights: [SqrtRational.of(Rational.ONE, 2n), SqrtRational.of(Rational.ONE, 3n)],
    };
    expect(() => ollivierCurvature(h, { mode: 'exact' })).toThrow(/one quadratic field/);
    expect(() => ollivierCurvature(h, { alpha: 2 })).toThrow(/α/);
  });

  it('an edge of infinite length is left out (κ = NaN) and the others use the remaining metric', () => {
    const g: WeightedGraph = {
      vertexCount: 3,
      edges: [
        [0, 1],
        [1, 2],
        [0, 2],
      ],
      lengths: [1, 1, Infinity],
    };
    const r = ollivierCurvature(g, { mode: 'exact' });
    expect(r.kappa[2]).toBeNaN();
    expect(r.exact!.kappa[2]).toBeNull();
    // the path 0–1–2 is a tree: κ(0,1) by the tree formula with d_0 = 1, d_1 = 2: W = 1/4 + |1/2 − 1/4| = 1/2
    expect(r.exact!.kappa[0]!.toString()).toBe('1/2');
  });
});
