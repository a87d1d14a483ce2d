import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '@mlgeo/exact-arith';
import { Polytope } from '../index.js';
import { enumerateCone } from './cone.js';
import { hrep, outcome, sphereRows } from './dd-runs.test-helper.js';
import { analyzeHRep } from './hside.js';

describe('DD ray lanes: filtered == exact', () => {
  it('on seeded random polytopes (fast-check), with approximate rays in play', () => {
    let approx = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 5 }),
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.constantFrom(100, 1000, 100000),
        (d, f, seed, R) => {
          const { A, b } = sphereRows(d, f * d, seed, R);
          const e = outcome(A, b, 'exact');
          const fl = outcome(A, b, 'float');
          approx += fl.stats.approxRays;
          expect(fl.result).toEqual(e.result);
          // float vertices within their bound of the exact ones
          const fv = fl.analysis.floatVertices();
          e.analysis.vertexRays.forEach((y, i) => {
            for (let j = 1; j < y.length; j++) {
              const x = Rational.of(y[j]!, y[0]!).toNumber();
              expect(Math.abs(fv.points[i]![j - 1]! - x)).toBeLessThanOrEqual(
                fv.error + Math.abs(x) * 2 ** -52,
              );
            }
          });
        },
      ),
      { numRuns: 40, seed: 7 },
    );
    expect(approx).toBeGreaterThan(0);
  });
});

describe('DD ray lanes: degenerate inputs with huge coefficients', () => {
  // every row scaled by its own large factor: the same polytope, but every dot product is far
  // beyond 2^53, so exact zeros (degenerate vertices) cannot be certified in float64
  const scaled = (A: bigint[][], b: bigint[]) => {
    const f = (i: number) => 2n ** 62n + BigInt(2 * i + 1);
    return { A: A.map((a, i) => a.map((x) => x * f(i))), b: b.map((x, i) => x * f(i)) };
  };
  const cube = (d: number) => {
    const A: bigint[][] = [];
    const b: bigint[] = [];
    for (let i = 0; i < d; i++) {
      const e = new Array<bigint>(d).fill(0n);
      e[i] = 1n;
      A.push(
        e,
        e.map((x) => -x),
      );
      b.push(1n, 0n);
    }
    return { A, b };
  };
  const cross = (d: number) => {
    const A: bigint[][] = [];
    for (let mask = 0; mask < 1 << d; mask++)
      A.push(Array.from({ length: d }, (_, j) => ((mask >> j) & 1 ? -1n : 1n)));
    return { A, b: A.map(() => 1n) };
  };
  /** Facets of the cyclic polytope C(n, 3) via Gale's evenness, rows through moment points. */
  const cyclic3 = (n: number) => {
    const pts = Array.from({ length: n }, (_, i) => [BigInt(i), BigInt(i * i), BigInt(i * i * i)]);
    const A: bigint[][] = [];
    const b: bigint[] = [];
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++)
        for (let k = j + 1; k < n; k++) {
          const [p, q, r] = [pts[i]!, pts[j]!, pts[k]!];
          const u = q.map((x, t) => x - p[t]!);
          const v = r.map((x, t) => x - p[t]!);
          const nrm = [
            u[1]! * v[2]! - u[2]! * v[1]!,
            u[2]! * v[0]! - u[0]! * v[2]!,
            u[0]! * v[1]! - u[1]! * v[0]!,
          ];
          const c = nrm.reduce((s, x, t) => s + x * p[t]!, 0n);
          const side = pts.map((w) => nrm.reduce((s, x, t) => s + x * w[t]!, 0n) - c);
          if (side.every((x) => x <= 0n)) {
            A.push(nrm);
            b.push(c);
          } else if (side.every((x) => x >= 0n)) {
            A.push(nrm.map((x) => -x));
            b.push(-c);
          }
        }
    return { A, b };
  };
  const cases: [string, { A: bigint[][]; b: bigint[] }, number][] = [
    ['cube 4', cube(4), 16],
    ['cross-polytope 4', cross(4), 8],
    ['cyclic C(7,3)', cyclic3(7), 7],
    [
      'cube 3 with repeated and redundant rows',
      (() => {
        const c = cube(3);
        return {
          A: [...c.A, ...c.A, [1n, 1n, 1n], [1n, 0n, 0n]],
          b: [...c.b, ...c.b, 3n, 2n],
        };
      })(),
      8,
    ],
  ];
  for (const [name, p, vertices] of cases) {
    it(`${name}: the filter falls back, and filtered == exact == the unscaled polytope`, () => {
      const big = scaled(p.A, p.b);
      const plain = outcome(p.A, p.b, 'exact');
      const e = outcome(big.A, big.b, 'exact');
      const f = outcome(big.A, big.b, 'float');
      expect(plain.result.vertices).toHaveLength(vertices);
      expect(e.result).toEqual(plain.result);
      expect(f.result).toEqual(plain.result);
      expect(f.stats.exactFallbacks).toBeGreaterThan(0);
      expect(e.stats.exactFallbacks).toBe(0);
    });
  }
});

describe('DD ray lanes: promotion from float64 integers to BigInt', () => {
  it('coefficients near 2^53: rays promoted to BigInt, vertices exact (closed form)', () => {
    // the simplex {x ≥ 0, c·x ≤ N} with c_i near 2^53: vertices 0 and N/c_i · e_i
    const N = 2n ** 53n - 1n;
    const c = [2n ** 53n - 111n, 2n ** 53n - 5n, 2n ** 52n + 3n];
    const A = [...c.map((_, i) => c.map((__, j) => (i === j ? -1n : 0n))), c];
    const b = [0n, 0n, 0n, N];
    for (const mode of ['exact', 'float'] as const) {
      const P = Polytope.fromHRep(A, b, { predicates: mode === 'exact' ? 'exact' : 'filtered' });
      const want = [
        ['0', '0', '0'],
        ...c.map((ci, i) => c.map((_, j) => (i === j ? Rational.of(N, ci).toString() : '0'))),
      ]
        .map((v) => v.join(','))
        .sort();
      expect(
        P.vertices()
          .map((v) => v.map(String).join(','))
          .sort(),
      ).toEqual(want);
      const r = analyzeHRep(hrep(A, b), mode);
      expect(r.stats.bigRays).toBeGreaterThan(0);
    }
  });
  it('small-lane updates stay exact up to the 2^53 threshold (cone rays = BigInt recomputation)', () => {
    // a cone whose new rays have entries just below and just above 2^53
    const M = 2n ** 26n;
    for (const delta of [-3n, -1n, 0n, 1n, 5n]) {
      const ineq = [
        [1n, 0n, 0n],
        [0n, 1n, 0n],
        [0n, 0n, 1n],
        [M + delta, -(M - 1n), 0n],
        [0n, M + 1n, -(M + delta)],
      ];
      const results = (['exact', 'float'] as const).map((mode) =>
        enumerateCone({ n: 3, ineq, eq: [], mode }),
      );
      const [ex, fl] = results.map((res) =>
        res.rays.map((r, i) => `${r.join(',')}|${[...res.zeroSets[i]!].join(',')}`).sort(),
      );
      expect(fl).toEqual(ex);
      // every ray is primitive and satisfies the inequalities (an independent check)
      for (const r of results[0]!.rays) {
        for (const g of ineq) expect(g.reduce((s, x, t) => s + x * r[t]!, 0n) >= 0n).toBe(true);
      }
    }
  });
});
