/**
 * Slices (docs/math.md §2, slices). Oracles independent of the restriction: the section of the full
 * d-dimensional partition (each full cell's stored H-representation intersected with the plane,
 * polygon by exact-polytope's double description) and labels of the full model at the plane points.
 */
import { Rational, isMlgeoError, seededRandom } from '@mlgeo/exact-arith';
import { Polytope } from '@mlgeo/exact-polytope';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partitionOf } from '../engines/enumerate.js';
import { tree } from '../engines/test-helpers.js';
import { labelOf } from '../locate/locate.js';
import type { Model, ReluMlpModel } from '../models.js';
import { sliceDomain } from './domain.js';
import {
  planeCoordinates,
  pointOnPlane,
  pointsNearPlane,
  slicePlane,
  type SlicePlane,
} from './plane.js';
import { restrictToPlane } from './restrict.js';

const q = (n: number, d = 4) => Rational.of(n, d);
const unitBoxRows = (d: number) => {
  const A: Rational[][] = [];
  const b: Rational[] = [];
  for (let i = 0; i < d; i++) {
    A.push(Array.from({ length: d }, (_, k) => (k === i ? Rational.MINUS_ONE : Rational.ZERO)));
    b.push(Rational.ZERO);
    A.push(Array.from({ length: d }, (_, k) => (k === i ? Rational.ONE : Rational.ZERO)));
    b.push(Rational.ONE);
  }
  return { A, b };
};
const key = (vs: Rational[][]) =>
  vs
    .map((v) => v.join(','))
    .sort()
    .join(';');

/** label → exact polygon of (full cell ∩ plane) in plane coordinates, for the 2-D sections only. */
function sectionOfFullPartition(model: Model, plane: SlicePlane): Map<string, string> {
  const full = partitionOf(model, { predicates: 'exact' });
  const [e1, e2] = plane.directions;
  const dot = (a: readonly Rational[], x: readonly Rational[]) =>
    a.reduce((s, ai, i) => s.add(ai.mul(x[i]!)), Rational.ZERO);
  const out = new Map<string, string>();
  for (const cell of full.cells) {
    const rows = cell.polytope.facets();
    const section = Polytope.fromHRep(
      rows.map((r) => [dot(r.a, e1), dot(r.a, e2)]),
      rows.map((r) => r.b.sub(dot(r.a, plane.origin))),
    );
    if (!section.isEmpty() && section.dimension() === 2)
      out.set(cell.label, key(section.vertices()));
  }
  return out;
}

/** label → exact polygon of the restricted model's cells. */
function restrictedCells(model: Model, plane: SlicePlane): Map<string, string> {
  const { A, b } = unitBoxRows(model.inputDimension);
  const domain = sliceDomain(plane, A, b);
  const restricted = restrictToPlane(model, plane);
  expect(restricted.inputDimension).toBe(2);
  const part = partitionOf(restricted, {
    domain: { kind: 'hrep', A: domain.A, b: domain.b },
    predicates: 'filtered',
  });
  return new Map(part.cells.map((c) => [c.label, key(c.polytope.vertices())]));
}

function randomMlp(seed: number, d: number, widths: number[]): ReluMlpModel {
  const rnd = seededRandom(seed);
  const r = () => q(Math.floor(rnd() * 9) - 4); // k/4, k ∈ −4..4: ties and degenerate cuts occur
  const sizes = [d, ...widths];
  return {
    kind: 'mlp',
    inputDimension: d,
    layers: sizes.slice(1).map((m, l) => ({
      weights: Array.from({ length: m }, () => Array.from({ length: sizes[l]! }, r)),
      bias: Array.from({ length: m }, () => q(Math.floor(rnd() * 9) - 4, 8)),
    })),
  };
}

/** Three random points with coordinates in {−1/4, 0, …, 5/4}: planes that leave and re-enter X. */
function randomPlane(seed: number, d: number): SlicePlane | undefined {
  const rnd = seededRandom(seed);
  const p = () => Array.from({ length: d }, () => q(Math.floor(rnd() * 7) - 1));
  try {
    const plane = slicePlane(p(), p(), p(), d);
    sliceDomain(plane, unitBoxRows(d).A, unitBoxRows(d).b);
    return plane;
  } catch (e) {
    if (isMlgeoError(e) && e.code.startsWith('SLICE_')) return undefined;
    throw e;
  }
}

describe('restricted model = section of the full partition', () => {
  for (const d of [3, 4]) {
    it(`random ReLU nets in d = ${d}: same labels and the same exact polygons`, () => {
      let compared = 0;
      for (let seed = 1; compared < (d === 3 ? 8 : 4); seed++) {
        const plane = randomPlane(1000 * d + seed, d);
        if (!plane) continue;
        const model = randomMlp(seed, d, d === 3 ? [4, 3, 2] : [3, 3, 2]);
        const expected = sectionOfFullPartition(model, plane);
        expect(restrictedCells(model, plane)).toEqual(expected);
        compared++;
      }
    });
  }

  it('Voronoi sites, linear classifiers and arrangements in d = 3', () => {
    let compared = 0;
    for (let seed = 1; compared < 6; seed++) {
      const plane = randomPlane(77 + seed, 3);
      if (!plane) continue;
      const rnd = seededRandom(seed);
      const r = () => q(Math.floor(rnd() * 9) - 4);
      const site = () => [r(), r(), r()].map((x) => x.add(q(1, 2)));
      const models: Model[] = [
        { kind: 'voronoi', inputDimension: 3, sites: [site(), site(), site(), site()] },
        {
          kind: 'linear',
          inputDimension: 3,
          weights: [0, 1, 2].map(() => [r(), r(), r()]),
          bias: [r(), r(), r()],
        },
        {
          kind: 'arrangement',
          inputDimension: 3,
          hyperplanes: [0, 1, 2, 3].map(() => ({ w: [r(), r(), r()], c: r() })),
        },
      ];
      for (const model of models)
        expect(restrictedCells(model, plane), model.kind).toEqual(
          sectionOfFullPartition(model, plane),
        );
      compared++;
    }
  });
});

describe('labels of the restricted model', () => {
  it('equal the full model’s labels at the same plane points (ties included)', () => {
    const d = 5;
    const model = randomMlp(9, d, [6, 5, 3]);
    const voronoi: Model = {
      kind: 'voronoi',
      inputDimension: d,
      sites: [0, 1, 2, 3, 4].map((j) => Array.from({ length: d }, (_, i) => q((i * j) % 5))),
    };
    const small = fc.integer({ min: -8, max: 12 }).map((n) => q(n, 8));
    const pt = fc.array(small, { minLength: d, maxLength: d });
    fc.assert(
      fc.property(pt, pt, pt, small, small, (p0, p1, p2, u, v) => {
        let plane: SlicePlane;
        try {
          plane = slicePlane(p0, p1, p2, d);
        } catch {
          return; // degenerate draws: covered by the error tests
        }
        const x = pointOnPlane(plane, u, v);
        for (const m of [model, voronoi]) {
          expect(labelOf(restrictToPlane(m, plane), [u, v])).toBe(labelOf(m, x));
        }
      }),
      { numRuns: 150, seed: 20261203 },
    );
  });

  it('an MLP’s restricted output equals the full forward pass (exact; ReLU and leaky)', () => {
    const relu = randomMlp(3, 6, [5, 4, 3]);
    // the same net with leaky hidden layers (slope 1/10 on layer 1, 1/4 on layer 2)
    const leaky: ReluMlpModel = {
      ...relu,
      layers: relu.layers.map((layer, l) =>
        l < 2
          ? { ...layer, negativeSlopes: layer.bias.map(() => (l === 0 ? q(1, 10) : q(1, 4))) }
          : layer,
      ),
    };
    const forward = (m: ReluMlpModel, x: Rational[]) => {
      let h = x;
      m.layers.forEach((layer, l) => {
        const z = layer.weights.map((w, j) =>
          w.reduce((s, wi, i) => s.add(wi.mul(h[i]!)), layer.bias[j]!),
        );
        const slopes = layer.negativeSlopes;
        h =
          l < m.layers.length - 1
            ? z.map((zi, j) => (zi.sign() > 0 ? zi : zi.mul(slopes?.[j] ?? Rational.ZERO)))
            : z;
      });
      return h.map(String);
    };
    const plane = slicePlane(
      [1, 0, 0, 0, 0, 0],
      [0, 1, '1/3', 0, 0, 0],
      ['1/2', '1/2', 0, 0, 1, '-2/7'],
      6,
    );
    for (const model of [relu, leaky]) {
      const restricted = restrictToPlane(model, plane) as ReluMlpModel;
      for (const [u, v] of [
        [0, 0],
        [1, 0],
        [0, 1],
        ['1/3', '-5/4'],
        ['7/2', '2/9'],
      ] as const) {
        const uv = [Rational.from(u), Rational.from(v)];
        expect(forward(restricted, uv)).toEqual(forward(model, pointOnPlane(plane, u, v)));
      }
    }
    expect(forward(relu, [q(1), q(1), q(1), q(1), q(1), q(1)])).not.toEqual(
      forward(leaky, [q(1), q(1), q(1), q(1), q(1), q(1)]),
    );
  });
});

describe('plane coordinates and points near the plane', () => {
  it('projects exactly: x(u, v) + t·n has coordinates (u, v) and distance² t²|n|²', () => {
    // e1 = (1, 2, 0), e2 = (0, 1, 1); n = e1 × e2 = (2, −1, 1)
    const plane = slicePlane([1, 0, 0], [2, 2, 0], [1, 1, 1], 3);
    const n = [2, -1, 1].map((x) => Rational.of(x));
    for (const [u, v, t] of [
      [q(1, 3), q(-2), q(1, 2)],
      [q(0), q(0), q(0)],
      [q(5, 7), q(1, 9), q(-3)],
    ]) {
      const x = pointOnPlane(plane, u!, v!).map((xi, i) => xi.add(t!.mul(n[i]!)));
      const got = planeCoordinates(plane, x);
      expect(got.uv.map(String)).toEqual([u!.toString(), v!.toString()]);
      expect(got.distanceSquared.toString()).toBe(t!.mul(t!).mul(Rational.of(6)).toString());
    }
    const on = pointOnPlane(plane, q(1, 2), q(1, 2));
    const off = on.map((xi, i) => xi.add(q(1, 10).mul(n[i]!))); // distance √6/10 ≈ 0.245
    const pts = [on, off, plane.points[0], plane.points[2]];
    expect(pointsNearPlane(plane, pts, 0).map((p) => p.index)).toEqual([0, 2, 3]);
    expect(pointsNearPlane(plane, pts, '0.24').map((p) => p.index)).toEqual([0, 2, 3]);
    expect(pointsNearPlane(plane, pts, '0.25').map((p) => p.index)).toEqual([0, 1, 2, 3]);
  });
});

describe('errors before any work', () => {
  const codeOf = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return isMlgeoError(e) ? `${e.code} ${e.field}` : String(e);
    }
    return 'no error';
  };
  it('wrong dimension, coincident and collinear points, a plane missing the domain', () => {
    expect(codeOf(() => slicePlane([0, 0], [1, 0, 0], [0, 1, 0], 3))).toBe(
      'SLICE_DIMENSION slice.p0',
    );
    expect(codeOf(() => slicePlane([0, 0, 0], [0, 0, 0], [0, 1, 0], 3))).toBe(
      'SLICE_DEGENERATE slice.p1',
    );
    expect(codeOf(() => slicePlane([0, 0, 0], [1, 1, 1], ['1/2', '1/2', '1/2'], 3))).toBe(
      'SLICE_DEGENERATE slice.p2',
    );
    const { A, b } = unitBoxRows(3);
    const far = slicePlane([0, 0, 2], [1, 0, 2], [0, 1, 2], 3); // z = 2
    expect(codeOf(() => sliceDomain(far, A, b))).toBe('SLICE_MISSES_DOMAIN slice');
    const touching = slicePlane([0, 0, 1], [1, 0, 2], [0, 1, 2], 3); // meets the cube at (0,0,1)…
    expect(codeOf(() => sliceDomain(touching, A, b))).toBe('SLICE_MISSES_DOMAIN slice');
    const model = randomMlp(1, 4, [2, 1]);
    expect(codeOf(() => restrictToPlane(model, far))).toBe('SLICE_DIMENSION slice');
    const t = tree(3, [[0, '1/2', 1, 2], { leaf: [0] }, { leaf: [1] }]);
    expect(codeOf(() => restrictToPlane(t, far))).toBe('SLICE_UNSUPPORTED model.kind');
    expect(codeOf(() => pointsNearPlane(far, [[0, 0, 0]], -1))).toBe('SLICE_TOLERANCE tolerance');
  });

  it('the domain of a slice: the unit cube cut by x + y + z = 3/2 is a hexagon', () => {
    const plane = slicePlane(['1/2', '1/2', '1/2'], [1, '1/2', 0], ['1/2', 1, 0], 3);
    const { A, b } = unitBoxRows(3);
    const domain = sliceDomain(plane, A, b);
    expect(domain.A.length).toBe(6);
    const area = Polytope.fromHRep(domain.A, domain.b).volume();
    // a regular hexagon of side √2/2 has area 3√3/4; the (u, v) map scales areas by
    // |e1 × e2| = |(1/4, 1/4, 1/4)| = √3/4, so the hexagon has area 3 in plane coordinates
    expect(area.toString()).toBe('3');
  });
});
