import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Polytope, type Predicates } from '../index.js';

/** Everything combinatorial about a polyhedron, as comparable strings. */
function combinatorics(p: Polytope) {
  return {
    empty: p.isEmpty(),
    dimension: p.dimension(),
    vertices: p.vertices().map((v) => v.map(String).join(',')),
    rays: p.rays().map((v) => v.map(String).join(',')),
    lines: p.lines().map((v) => v.map(String).join(',')),
    facets: p.facets().map((f) => `${f.a.map(String).join(',')}<=${f.b}`),
    incidence: p.incidence(),
    hull: p.affineHull().A.map((a, i) => `${a.map(String).join(',')}=${p.affineHull().b[i]}`),
  };
}

/** Box [0,10]^d plus cuts a·x ≤ a·c + r through the centre c = (5,…,5): full-dimensional. */
const boundedHRep = fc.integer({ min: 2, max: 4 }).chain((d) =>
  fc
    .array(
      fc.record({
        a: fc.array(fc.integer({ min: -4, max: 4 }), { minLength: d, maxLength: d }),
        r: fc.integer({ min: 1, max: 12 }),
        // large coprime perturbations make float conversions inexact (exercises the filter)
        big: fc.constantFrom(0n, 0n, 10n ** 17n + 3n, 2n ** 70n + 1n),
        noise: fc.array(fc.bigInt({ min: -1000n, max: 1000n }), { minLength: d, maxLength: d }),
      }),
      { minLength: 0, maxLength: 8 },
    )
    .map((cuts) => {
      const A: bigint[][] = [];
      const b: bigint[] = [];
      for (let i = 0; i < d; i++) {
        const e = new Array<bigint>(d).fill(0n);
        e[i] = 1n;
        A.push(
          e,
          e.map((x) => -x),
        );
        b.push(10n, 0n);
      }
      for (const { a, r, big, noise } of cuts) {
        const row = a.map(
          (x, i) => BigInt(x) * (big === 0n ? 1n : big) + (big === 0n ? 0n : noise[i]!),
        );
        A.push(row);
        b.push(row.reduce((s, x) => s + 5n * x, 0n) + BigInt(r) * (big === 0n ? 1n : big));
      }
      return { A, b };
    }),
);

/** Degenerate V-inputs: grid points, many on one facet, duplicates. */
const gridPoints = fc.integer({ min: 2, max: 4 }).chain((d) =>
  fc.array(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: d, maxLength: d }), {
    minLength: d + 1,
    maxLength: 14,
  }),
);

const modes: Predicates[] = ['exact', 'filtered'];

describe('exact and filtered-float paths give identical combinatorics', () => {
  it('on random bounded H-polytopes (with huge, inexactly-converted coefficients)', () => {
    fc.assert(
      fc.property(boundedHRep, ({ A, b }) => {
        const [e, f] = modes.map((predicates) =>
          combinatorics(Polytope.fromHRep(A, b, { predicates })),
        );
        expect(f).toEqual(e);
      }),
      { numRuns: 150, seed: 20261124 },
    );
  });
  it('on degenerate V-inputs (grid points: many points per facet, duplicates, interior)', () => {
    fc.assert(
      fc.property(gridPoints, (pts) => {
        const [e, f] = modes.map((predicates) =>
          combinatorics(Polytope.fromVRep(pts, [], [], { predicates })),
        );
        expect(f).toEqual(e);
      }),
      { numRuns: 150, seed: 7 },
    );
  });
  it('on unbounded polyhedra and polyhedra with lines', () => {
    const rows = fc.integer({ min: 2, max: 4 }).chain((d) =>
      fc.array(
        fc.record({
          a: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: d, maxLength: d }),
          b: fc.integer({ min: -3, max: 6 }),
        }),
        { minLength: 1, maxLength: 7 },
      ),
    );
    fc.assert(
      fc.property(rows, (rs) => {
        const A = rs.map((r) => r.a);
        const b = rs.map((r) => r.b);
        const [e, f] = modes.map((predicates) =>
          combinatorics(Polytope.fromHRep(A, b, { predicates })),
        );
        expect(f).toEqual(e);
      }),
      { numRuns: 150, seed: 11 },
    );
  });
  it('the float path falls back to exact signs on degenerate input with huge entries', () => {
    // unit square plus rows a·x ≤ a·(1,1) with huge coprime a: all pass through the vertex (1,1),
    // so their sign on it is an exact zero that float64 cannot certify
    const s = 10n ** 17n;
    const A: bigint[][] = [
      [-1n, 0n],
      [0n, -1n],
      [1n, 0n],
      [0n, 1n],
    ];
    const b: bigint[] = [0n, 0n, 1n, 1n];
    for (let i = 1n; i <= 5n; i++) {
      A.push([s + i, s + 2n * i + 1n]);
      b.push(2n * s + 3n * i + 1n);
    }
    const f = Polytope.fromHRep(A, b, { predicates: 'filtered' });
    const e = Polytope.fromHRep(A, b, { predicates: 'exact' });
    expect(combinatorics(f)).toEqual(combinatorics(e));
    expect(f.vertices().map(String)).toContain('1,1');
    expect(f.stats.exactFallbacks).toBeGreaterThan(0);
    expect(f.stats.exactFallbacks).toBeLessThanOrEqual(f.stats.signTests);
    expect(e.stats.exactFallbacks).toBe(0);
  });
});

describe('unfiltered float (benchmarking only)', () => {
  it('agrees with exact on small-integer polytopes, where float64 dot products are exact', () => {
    fc.assert(
      fc.property(gridPoints, (pts) => {
        const e = combinatorics(Polytope.fromVRep(pts));
        const u = combinatorics(
          Polytope.fromVRep(pts, [], [], { predicates: 'filtered', internalUnfilteredFloat: true }),
        );
        expect(u).toEqual(e);
      }),
      { numRuns: 40, seed: 5 },
    );
  });
});

describe('round trip fromHRep → vertices → fromVRep → facets', () => {
  it('gives back the same irredundant facet set', () => {
    fc.assert(
      fc.property(boundedHRep, ({ A, b }) => {
        const p = Polytope.fromHRep(A, b);
        const q = Polytope.fromVRep(p.vertices());
        const key = (x: Polytope) =>
          x
            .facets()
            .map((f) => `${f.a.map(String).join(',')}<=${f.b}`)
            .sort();
        expect(key(q)).toEqual(key(p));
        expect(q.vertices().map(String)).toEqual(p.vertices().map(String));
        // incidence agrees too, facet by facet
        const inc = (x: Polytope) => {
          const m = new Map<string, string>();
          x.facets().forEach((f, i) =>
            m.set(`${f.a.map(String).join(',')}<=${f.b}`, x.incidence()[i]!.join(',')),
          );
          return [...m.entries()].sort();
        };
        expect(inc(q)).toEqual(inc(p));
      }),
      { numRuns: 100, seed: 42 },
    );
  });
  it('volume is additive when a polytope is cut by a hyperplane', () => {
    fc.assert(
      fc.property(
        boundedHRep,
        fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: -5, max: 30 }),
        ({ A, b }, w, c) => {
          const d = A[0]!.length;
          const a = w.slice(0, d).map(BigInt);
          if (a.every((x) => x === 0n)) return;
          const p = Polytope.fromHRep(A, b);
          const lo = Polytope.fromHRep([...A, a], [...b, BigInt(c)]);
          const hi = Polytope.fromHRep([...A, a.map((x) => -x)], [...b, BigInt(-c)]);
          expect(lo.volume().add(hi.volume()).equals(p.volume())).toBe(true);
        },
      ),
      { numRuns: 60, seed: 3 },
    );
  });
});
