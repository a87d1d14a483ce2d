/**
 * The network simplex against an independent oracle and its own certificates:
 * - on the line, W_1 between two measures is Σ_k |F_a(x_k) − F_b(x_k)| (x_{k+1} − x_k), F the
 *   cumulative masses (a closed form, no optimisation involved);
 * - every exact solution carries integral potentials that the independent checker accepts, and
 *   the checker rejects broken certificates (so the check can fail);
 * - the float and the exact (safe-integer and bigint) paths agree.
 */
import { Rational, seededRandom } from '@mlgeo/exact-arith';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bigintRing, checkTransportCertificate } from './certificate.js';
import {
  bigintAmounts,
  floatAmounts,
  safeIntegerAmounts,
  solveTransport,
} from './network-simplex.js';
import { Quadratic, quadraticAmounts } from './quadratic.js';

/** W_1 on the line by the cumulative-distribution formula; a[k], b[k] at integer point x[k]. */
function lineW1(points: number[], a: bigint[], b: bigint[]): bigint {
  const order = points.map((x, k) => [x, k] as const).sort((p, q) => p[0] - q[0]);
  let F = 0n;
  let total = 0n;
  for (let s = 0; s + 1 < order.length; s++) {
    const k = order[s]![1];
    F += a[k]! - b[k]!;
    total += (F < 0n ? -F : F) * BigInt(order[s + 1]![0] - order[s]![0]);
  }
  return total;
}

/** Random integer masses of equal totals on m + n points of the line. */
const lineProblem = fc
  .record({
    m: fc.integer({ min: 1, max: 7 }),
    n: fc.integer({ min: 1, max: 7 }),
    seed: fc.integer({ min: 1, max: 1e9 }),
    big: fc.boolean(),
  })
  .map(({ m, n, seed, big }) => {
    const r = seededRandom(seed);
    const unit = big ? 10n ** 30n : 1n;
    const a = Array.from({ length: m }, () => BigInt(1 + Math.floor(r() * 20)) * unit);
    const b = Array.from({ length: n }, () => BigInt(Math.floor(r() * 20)) * unit);
    const sa = a.reduce((s, x) => s + x, 0n);
    const sb = b.reduce((s, x) => s + x, 0n);
    // balance: put the difference on the last entry that can take it
    if (sb < sa) b[n - 1] = b[n - 1]! + (sa - sb);
    else a[m - 1] = a[m - 1]! + (sb - sa);
    const xs = Array.from({ length: m }, () => Math.floor(r() * 30));
    const ys = Array.from({ length: n }, () => Math.floor(r() * 30));
    const cost = xs.flatMap((x) => ys.map((y) => Math.abs(x - y)));
    return { a, b, xs, ys, cost, big };
  });

describe('solveTransport (network simplex)', () => {
  it('equals the line formula; its certificate checks; float agrees', () => {
    fc.assert(
      fc.property(lineProblem, ({ a, b, xs, ys, cost, big }) => {
        const oracle = lineW1(
          [...xs, ...ys],
          [...a, ...b.map(() => 0n)],
          [...a.map(() => 0n), ...b],
        );
        const exact = solveTransport(bigintAmounts, a, b, cost);
        expect(exact.cost).toBe(oracle);
        expect(exact.flow.length).toBe(a.length + b.length - 1);
        expect(checkTransportCertificate(bigintRing, a, b, cost, exact)).toBeNull();
        if (!big) {
          const safe = solveTransport(safeIntegerAmounts, a.map(Number), b.map(Number), cost);
          expect(safe.cost).toBe(Number(oracle));
        }
        const total = Number(a.reduce((s, x) => s + x, 0n));
        const f = solveTransport(
          floatAmounts,
          a.map((x) => Number(x) / total),
          b.map((x) => Number(x) / total),
          cost,
          1e-12,
        );
        expect(Math.abs(f.cost - Number(oracle) / total)).toBeLessThan(1e-12 * 30);
      }),
      { numRuns: 300 },
    );
  });

  it('solves random dense cost matrices with certified optimality (degenerate masses included)', () => {
    const r = seededRandom(7);
    for (let t = 0; t < 300; t++) {
      const m = 1 + Math.floor(r() * 8);
      const n = 1 + Math.floor(r() * 8);
      // many equal masses: degenerate pivots
      const a = Array.from({ length: m }, () => BigInt(n * (1 + Math.floor(r() * 2))));
      const S = a.reduce((s, x) => s + x, 0n);
      const b = Array.from({ length: n }, () => S / BigInt(n));
      b[n - 1] = b[n - 1]! + (S - b.reduce((s, x) => s + x, 0n));
      const cost = Array.from({ length: m * n }, () => Math.floor(r() * 4));
      const sol = solveTransport(bigintAmounts, a, b, cost);
      expect(checkTransportCertificate(bigintRing, a, b, cost, sol)).toBeNull();
    }
  });

  it('the checker rejects a broken flow, infeasible potentials and a wrong cost', () => {
    const a = [3n, 1n];
    const b = [2n, 2n];
    const cost = [1, 2, 3, 1];
    const sol = solveTransport(bigintAmounts, a, b, cost);
    expect(checkTransportCertificate(bigintRing, a, b, cost, sol)).toBeNull();
    const flow = sol.flow.map(([i, j, f]) => [i, j, f] as [number, number, bigint]);
    flow[0]![2] += 1n;
    expect(checkTransportCertificate(bigintRing, a, b, cost, { ...sol, flow })).toMatch(/sum/);
    expect(
      checkTransportCertificate(bigintRing, a, b, cost, { ...sol, u: sol.u.map((x) => x + 5) }),
    ).not.toBeNull();
    expect(
      checkTransportCertificate(bigintRing, a, b, cost, { ...sol, cost: sol.cost + 1n }),
    ).toMatch(/reported cost/);
    // row and column sums right, but a negative entry
    const bad = {
      flow: [
        [0, 0, 0n],
        [0, 1, 3n],
        [1, 0, 2n],
        [1, 1, -2n],
      ] as [number, number, bigint][],
      u: [0, 0],
      v: [0, 0],
      cost: 6n,
    };
    expect(checkTransportCertificate(bigintRing, a, b, cost, bad)).toMatch(/negative/);
  });

  it('works over Q(√2): the optimum of a small problem with irrational masses', () => {
    const q = 2n;
    const A = quadraticAmounts(q);
    const s2 = new Quadratic(Rational.ZERO, Rational.ONE, q); // √2
    const one = Quadratic.rational(Rational.ONE, q);
    // a = (√2, 1), b = (1, √2); costs [[0, 1], [1, 0]]: W = |√2 − 1| moved once = √2 − 1
    const sol = solveTransport(A, [s2, one], [one, s2], [0, 1, 1, 0]);
    expect(sol.cost.toString()).toBe(s2.sub(one).toString());
  });
});

describe('Quadratic (a + b√q)', () => {
  it('orders exactly like the reals (checked in float away from ties)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: 1, max: 20 }),
        fc.constantFrom(2n, 3n, 5n, 7n),
        (an, ad, bn, bd, q) => {
          const x = new Quadratic(Rational.of(an, ad), Rational.of(bn, bd), q);
          const f = an / ad + (bn / bd) * Math.sqrt(Number(q));
          if (Math.abs(f) > 1e-9) expect(x.sign()).toBe(Math.sign(f));
          if (!x.isZero()) {
            const y = Quadratic.rational(Rational.ONE, q).div(x);
            expect(Math.abs(y.toNumber() * f - 1)).toBeLessThan(1e-9);
            expect(y.mul(x).toString()).toBe('1');
          }
        },
      ),
    );
  });
});
