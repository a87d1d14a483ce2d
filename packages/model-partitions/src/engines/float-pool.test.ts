/**
 * The float vertex pool (engines/float-pool.ts) against exact rational arithmetic: growth keeps
 * every vertex, forward steps and crossings stay within their proven bounds of the exact values,
 * the crossing memo returns the same vertex, exact and float crossings agree; and the float
 * partition built on it equals the exact path in 2-D, 3-D and 4-D (where parts are pruned at every
 * split), fast-check nets with ties and dead units included.
 */
import {
  type IntegerPoint,
  Rational,
  integerPointToRationals,
  reducedIntegerPoint,
  seededRandom,
} from '@mlgeo/exact-arith';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { box } from '../domain.js';
import type { ReluMlpModel } from '../models.js';
import { partitionOf } from './enumerate.js';
import { VertexPool, exactPreActivations, poolLayers } from './float-pool.js';
import { integerLayers } from './mlp-maps.js';
import { randomNet } from '../testing/random-nets.js';

/** A random exact point with coordinates k/97 in [−1, 1]. */
function point(rnd: () => number, d: number): IntegerPoint {
  return reducedIntegerPoint(
    Array.from({ length: d }, () => BigInt(Math.floor(rnd() * 195) - 97)),
    97n,
  );
}

/** |float − exact| ≤ bound, checked exactly. */
function within(float: number, exact: Rational, bound: number): boolean {
  return Rational.from(float).sub(exact).abs().cmp(Rational.from(bound)) <= 0;
}

/** Exact pre-activations of `layer` at p as rationals. */
function exactZRationals(
  p: IntegerPoint,
  layers: ReturnType<typeof integerLayers>,
  layer: number,
): Rational[] {
  const Z = exactPreActivations(p, layers, layer)[layer]!;
  let scale = p.den;
  for (let l = 0; l <= layer; l++) scale *= layers[l]!.s;
  return Z.map((z) => Rational.of(z, scale));
}

describe('VertexPool', () => {
  it('grows without losing vertices (coordinates, bounds, parents)', () => {
    const rnd = seededRandom(7);
    const pool = new VertexPool(3, 4, 4);
    const pts: IntegerPoint[] = [];
    for (let i = 0; i < 300; i++) {
      const p = point(rnd, 3);
      pts.push(p);
      expect(pool.addExact(p)).toBe(i);
    }
    expect(pool.count).toBe(300);
    expect(pool.cap).toBeGreaterThanOrEqual(300);
    pts.forEach((p, v) => {
      const exact = integerPointToRationals(p);
      const x = pool.point(v);
      exact.forEach((c, i) => expect(within(x[i]!, c, pool.ex[v]!)).toBe(true));
      expect(pool.pa[v]).toBe(-1);
      expect(pool.exactPoint(v, [])).toBe(p);
    });
  });

  it('forward steps stay within their bound of the exact pre-activations, layer by layer', () => {
    for (const seed of [1, 2, 3]) {
      const model = randomNet(seed, [3, 6, 5, 4, 1], 'float32');
      const fl = poolLayers(model);
      const layers = integerLayers(model);
      const rnd = seededRandom(seed * 31);
      const pool = new VertexPool(3, 6);
      for (let k = 0; k < 20; k++) {
        const p = point(rnd, 3);
        const v = pool.addExact(p);
        for (let l = 0; l < 3; l++) {
          pool.ensure(v, l, fl);
          expect(pool.zLayer[v]).toBe(l);
          const exact = exactZRationals(p, layers, l);
          exact.forEach((z, j) =>
            expect(within(pool.zv[v * pool.S + j]!, z, pool.ze[v * pool.S + j]!)).toBe(true),
          );
        }
        // a vertex reached late walks up from its coordinates
        const w = pool.addExact(p);
        pool.ensure(w, 2, fl);
        for (let j = 0; j < 4; j++) expect(pool.zv[w * pool.S + j]).toBe(pool.zv[v * pool.S + j]);
      }
    }
  });

  it('crossings: within their bounds of the exact crossing, memoised, exact ones agree', () => {
    const model = randomNet(11, [2, 5, 4, 1], 'float32');
    const fl = poolLayers(model);
    const layers = integerLayers(model);
    const rnd = seededRandom(5);
    const pool = new VertexPool(2, 5);
    let made = 0;
    for (let k = 0; k < 200 && made < 40; k++) {
      const a = pool.addExact(point(rnd, 2));
      const b = pool.addExact(point(rnd, 2));
      const layer = k % 2;
      pool.ensure(a, layer, fl);
      pool.ensure(b, layer, fl);
      const n = fl[layer]!.outputs;
      for (let j = 0; j < n; j++) {
        const za = pool.zv[a * pool.S + j]!;
        const zb = pool.zv[b * pool.S + j]!;
        const ea = pool.ze[a * pool.S + j]!;
        const eb = pool.ze[b * pool.S + j]!;
        if (!(za > ea && zb < -eb)) continue;
        // the segment must lie in one region of the layers before `layer` for z_j to be affine
        // on it: only layer 0 (affine everywhere) is checked against the exact crossing
        if (layer !== 0) continue;
        const v = pool.crossing(a, b, layer, j, n);
        expect(v).toBeGreaterThanOrEqual(0);
        made++;
        expect(pool.memo(a, b, layer, j)).toBe(v);
        // only the positive end keeps the memo
        expect(pool.memo(b, a, layer, j)).toBe(-1);
        const exact = pool.exactPoint(v, layers);
        const ex = integerPointToRationals(exact);
        const x = pool.point(v);
        ex.forEach((c, i) => expect(within(x[i]!, c, pool.ex[v]!)).toBe(true));
        // z_j = 0 exactly at the crossing; the other units within their bounds
        const zs = exactZRationals(exact, layers, layer);
        expect(zs[j]!.isZero()).toBe(true);
        zs.forEach((z, i) =>
          expect(within(pool.zv[v * pool.S + i]!, z, pool.ze[v * pool.S + i]!)).toBe(true),
        );
        // the exact construction gives the same exact point
        const w = pool.exactCrossing(a, b, layer, j, layers);
        expect(integerPointToRationals(pool.exactPoint(w, layers)).map(String)).toEqual(
          ex.map(String),
        );
        // built at a known exact point: layer values by float steps from the rounded point, each
        // within its bound of the exact value, the cutting unit 0 with error 0
        const u = pool.exactCrossingAt(a, b, layer, j, exact, fl);
        expect(pool.memo(a, b, layer, j)).toBe(u);
        expect(pool.exactPoint(u, layers)).toBe(exact);
        ex.forEach((c, i) => expect(within(pool.point(u)[i]!, c, pool.ex[u]!)).toBe(true));
        expect(pool.zLayer[u]).toBe(layer);
        expect(pool.zv[u * pool.S + j]).toBe(0);
        expect(pool.ze[u * pool.S + j]).toBe(0);
        zs.forEach((z, i) =>
          expect(within(pool.zv[u * pool.S + i]!, z, pool.ze[u * pool.S + i]!)).toBe(true),
        );
      }
    }
    expect(made).toBeGreaterThan(5);
  });
});

describe('float partition on the pool equals the exact partition', () => {
  const key = (v: readonly Rational[]) => v.map((x) => x.toString()).join(',');
  function same(model: ReluMlpModel, lo: number, hi: number) {
    const d = model.inputDimension;
    const domain = box(new Array(d).fill(lo), new Array(d).fill(hi));
    const exact = partitionOf(model, { predicates: 'exact', domain });
    const float = partitionOf(model, { predicates: 'filtered', domain });
    expect(float.cells.map((c) => c.label)).toEqual(exact.cells.map((c) => c.label));
    exact.cells.forEach((e, i) => {
      const f = float.cells[i]!;
      expect(f.vertices!.map(key)).toEqual(e.vertices!.map(key));
      expect(f.polytope.toIne()).toBe(e.polytope.toIne());
      expect(f.mlp!.pattern).toEqual(e.mlp!.pattern);
      const fv = f.floatVertices!;
      expect(fv.points.length).toBe(e.vertices!.length);
      e.vertices!.forEach((v, k) =>
        v.forEach((x, axis) => expect(within(fv.points[k]![axis]!, x, fv.error)).toBe(true)),
      );
    });
    return float;
  }

  it('4-D nets (parts pruned at every split)', () => {
    same(randomNet(3, [4, 4, 3, 1], 'float32'), 0, 1);
    same(randomNet(4, [4, 3, 3, 1], 'small'), -1, 1);
  });

  it('back-to-back enumerations (reused pool arrays) equal fresh ones, earlier results intact', () => {
    // the enumeration-only arrays and the kept arrays of one pool are reused by the next: run A,
    // then B (other dimension and widths, more vertices), then A again; A's first result is read
    // only after B and the second A ran
    const A = randomNet(21, [2, 6, 5, 1], 'float32');
    const B = randomNet(22, [3, 7, 6, 1], 'float32');
    const dom = (d: number) => box(new Array(d).fill(-1), new Array(d).fill(1));
    const a1 = partitionOf(A, { predicates: 'filtered', domain: dom(2) });
    const b1 = partitionOf(B, { predicates: 'filtered', domain: dom(3) });
    const a2 = partitionOf(A, { predicates: 'filtered', domain: dom(2) });
    const b2 = same(B, -1, 1);
    const view = (p: typeof a1) =>
      p.cells.map((c) => ({
        label: c.label,
        vertices: c.vertices!.map(key),
        float: c.floatVertices!.points.map((x) => Array.from(x)),
        error: c.floatVertices!.error,
      }));
    expect(view(a1)).toEqual(view(a2));
    expect(view(b1)).toEqual(view(b2));
    same(A, -1, 1);
  });

  it('a net wider than 32 hidden units in total (several mask words)', () => {
    same(randomNet(9, [2, 20, 20, 1], 'float32'), -1, 1);
  });

  it('fast-check: 2-D to 4-D nets with small rational weights on [−1, 1]^d', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(2, 3, 4), (seed, d) => {
        same(
          randomNet(seed, d === 2 ? [2, 5, 4, 1] : d === 3 ? [3, 4, 3, 1] : [4, 3, 2, 1], 'small'),
          -1,
          1,
        );
      }),
      { numRuns: 25, seed: 20261204 },
    );
  });
});
