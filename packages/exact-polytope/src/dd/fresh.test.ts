import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational, integerNullSpace } from '@mlgeo/exact-arith';
import { FreshSolver } from './fresh.js';
import { outcome, sphereRows, xorshift } from './dd-runs.test-helper.js';

const dotBig = (a: readonly bigint[], b: readonly bigint[]) =>
  a.reduce((s, x, i) => s + x * b[i]!, 0n);

/**
 * Independent check of the solver's contract, in exact rationals: is there λ > 0 with
 * |f_t − λ z_t| ≤ e for every t? (The intervals of admissible λ per coordinate must meet.)
 */
function boundHolds(f: Float64Array, e: number, z: readonly bigint[]): boolean {
  const E = Rational.fromDouble(e);
  let lo = Rational.fromBigInt(0n);
  let hi: Rational | undefined;
  for (let t = 0; t < z.length; t++) {
    const F = Rational.fromDouble(f[t]!);
    if (z[t] === 0n) {
      if (F.abs().cmp(E) > 0) return false;
      continue;
    }
    const Z = Rational.fromBigInt(z[t]!);
    let a = F.sub(E).div(Z);
    let b = F.add(E).div(Z);
    if (z[t]! < 0n) [a, b] = [b, a];
    if (a.cmp(lo) > 0) lo = a;
    if (hi === undefined || b.cmp(hi) < 0) hi = b;
  }
  return hi === undefined || (lo.cmp(hi) <= 0 && hi.sign() > 0);
}

const toF = (row: readonly bigint[]) => Float64Array.from(row, (x) => Number(x));

describe('fresh float rays from a zero set (fresh.ts)', () => {
  it('the proven bound holds against the exact null vector (random, degenerate, ill-conditioned rows)', () => {
    let solved = 0;
    let triedPlain = 0;
    let solvedPlain = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 9 }).chain((k) =>
          fc.record({
            k: fc.constant(k),
            rows: fc.array(
              fc.array(fc.integer({ min: -100000, max: 100000 }), {
                minLength: k,
                maxLength: k,
              }),
              { minLength: k - 1, maxLength: k - 1 },
            ),
            // extra rows: integer combinations of the first ones (a degenerate zero set)
            extra: fc.array(
              fc.array(fc.integer({ min: -3, max: 3 }), { minLength: k - 1, maxLength: k - 1 }),
              { maxLength: 3 },
            ),
            // a nearly dependent pair of rows (ill-conditioned): row1 = c·row0 + small noise
            near: fc.option(
              fc.record({
                c: fc.integer({ min: 2, max: 1000 }),
                noise: fc.array(fc.integer({ min: -1, max: 1 }), { minLength: k, maxLength: k }),
              }),
            ),
            orient: fc.array(fc.integer({ min: -50, max: 50 }), { minLength: k, maxLength: k }),
            hintNoise: fc.double({ min: -0.1, max: 0.1, noNaN: true }),
          }),
        ),
        ({ k, rows, extra, near, orient, hintNoise }) => {
          const A = rows.map((r) => r.map(BigInt));
          if (near !== null && k >= 3)
            A[1] = A[0]!.map((x, t) => BigInt(near.c) * x + BigInt(near.noise[t]!));
          for (const c of extra)
            A.push(A[0]!.map((_, t) => c.reduce((s, ci, i) => s + BigInt(ci) * A[i]![t]!, 0n)));
          const basis = integerNullSpace(A, k);
          if (basis.length !== 1) return; // not the zero set of an extreme ray
          const z = basis[0]!;
          const g = orient.map(BigInt);
          const gz = dotBig(g, z);
          if (gz === 0n) return;
          if (gz < 0n) for (let t = 0; t < k; t++) z[t] = -z[t]!;
          const zMax = z.reduce((m, x) => ((x < 0n ? -x : x) > m ? (x < 0n ? -x : x) : m), 0n);
          const hint = Float64Array.from(z, (x) => Number(x) / Number(zMax) + hintNoise);
          const solver = new FreshSolver(k);
          const out = new Float64Array(k);
          const gF = toF(g);
          const g1 = gF.reduce((s, x) => s + Math.abs(x), 0) * (1 + 2 ** -40);
          if (near === null) triedPlain++;
          const e = solver.solve(A.map(toF), hint, gF, g1, out);
          if (e === undefined) return; // refused: the caller computes the ray exactly
          solved++;
          if (near === null) solvedPlain++;
          expect(e).toBeLessThanOrEqual(2 ** -20);
          expect(boundHolds(out, e, z)).toBe(true);
        },
      ),
      { numRuns: 400, seed: 11 },
    );
    // well-conditioned zero sets (no nearly dependent pair) are always solved
    expect(solvedPlain).toBe(triedPlain);
    expect(triedPlain).toBeGreaterThan(50);
    expect(solved).toBeGreaterThan(triedPlain); // and some ill-conditioned ones
  });

  it('a wrong claim is caught by the independent check (the check is not vacuous)', () => {
    const z = [3n, -4n, 0n];
    expect(boundHolds(Float64Array.from([3, -4, 0]), 0, z)).toBe(true);
    expect(boundHolds(Float64Array.from([3, -4, 1e-9]), 1e-10, z)).toBe(false);
    expect(boundHolds(Float64Array.from([-3, 4, 0]), 1e-6, z)).toBe(false); // λ < 0
  });
});

/** Many rows through one vertex v: a·x ≤ a·v for random a (with a·(c − v) > 0 at c = 0), plus a sphere. */
function throughVertex(d: number, extra: number, seed: number, R: number) {
  const rand = xorshift(seed);
  const v = Array.from({ length: d }, (_, i) => BigInt(Math.round(R / 4) + 7 * i + 1));
  const { A, b } = sphereRows(d, 3 * d, seed + 1, R);
  while (extra > 0) {
    // directions around v's own direction, so that each row cuts the polytope at v
    const a = v.map((x) => BigInt(Math.round(Number(x) * (0.6 + 0.8 * rand()))));
    A.push(a);
    b.push(dotBig(a, v));
    extra--;
  }
  return { A, b };
}

/** Product of cross-polytopes scaled by R (every vertex on 2^(d−1) facets of its factor). */
function crossProduct(d1: number, d2: number, R: bigint) {
  const A: bigint[][] = [];
  const b: bigint[] = [];
  const d = d1 + d2;
  for (const [off, dd] of [
    [0, d1],
    [d1, d2],
  ] as const)
    for (let mask = 0; mask < 1 << dd; mask++) {
      const row = new Array<bigint>(d).fill(0n);
      for (let j = 0; j < dd; j++) row[off + j] = (mask >> j) & 1 ? -R - BigInt(j) : R + BigInt(j);
      A.push(row);
      b.push(R * R * R);
    }
  return { A, b };
}

describe('filtered == exact with fresh rays in play', () => {
  const check = (A: bigint[][], b: bigint[]) => {
    const e = outcome(A, b, 'exact');
    const f = outcome(A, b, 'float');
    expect(f.result).toEqual(e.result);
    const fv = f.analysis.floatVertices();
    e.analysis.vertexRays.forEach((y, i) => {
      for (let j = 1; j < y.length; j++) {
        const x = Rational.of(y[j]!, y[0]!);
        const err = Rational.fromDouble(fv.points[i]![j - 1]!)
          .sub(x)
          .abs();
        expect(err.cmp(Rational.fromDouble(fv.error))).toBeLessThanOrEqual(0);
      }
    });
    return f.analysis.stats;
  };

  it('on random polytopes with large coefficients (fast-check)', () => {
    let fresh = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 6 }),
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.constantFrom(1000, 100000, 10000000),
        (d, f, seed, R) => {
          const { A, b } = sphereRows(d, f * d, seed, R);
          fresh += check(A, b).freshRays;
        },
      ),
      { numRuns: 30, seed: 5 },
    );
    expect(fresh).toBeGreaterThan(0);
  });

  it('on degenerate polytopes: many rows through one vertex, products of cross-polytopes', () => {
    let fresh = 0;
    let lazy = 0;
    for (const [d, extra, seed] of [
      [3, 6, 1],
      [4, 8, 2],
      [5, 10, 3],
    ] as const) {
      const { A, b } = throughVertex(d, extra, seed, 1000000);
      const s = check(A, b);
      fresh += s.freshRays;
      lazy += s.lazyExactRays;
    }
    for (const [d1, d2] of [
      [2, 2],
      [3, 2],
      [3, 3],
    ] as const) {
      const { A, b } = crossProduct(d1, d2, 100003n);
      const s = check(A, b);
      fresh += s.freshRays;
      lazy += s.lazyExactRays;
    }
    expect(fresh).toBeGreaterThan(0);
    // degenerate zeros cannot be certified in float: the exact fallback ran
    expect(lazy).toBeGreaterThan(0);
  });
});
