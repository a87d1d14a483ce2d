/**
 * The specialised max-margin float simplex against the exact LP (`solveLP` over RationalField) on
 * the same problems: same optimum up to float rounding, and a point that attains it.
 */
import { Rational, RationalField } from '@mlgeo/exact-arith';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxMarginFloat } from './max-margin-float.js';
import { solveLP } from './solve.js';

const small = fc.integer({ min: -5, max: 5 });

/** Exact max t over {a_i·x + n_i t ≤ b_i, t ≤ 1, h_k·x = β_k}. */
function exactMargin(
  rows: number[][],
  norms: number[],
  rhs: number[],
  eqRows: number[][],
  eqRhs: number[],
  d: number,
): Rational {
  const q = (v: number) => Rational.of(v);
  const A = rows.map((a, i) => [...a.map(q), q(norms[i]!)]);
  A.push([...new Array<Rational>(d).fill(Rational.ZERO), Rational.ONE]);
  const b = [...rhs.map(q), Rational.ONE];
  const Aeq = eqRows.map((h) => [...h.map(q), Rational.ZERO]);
  const objective = [...new Array<Rational>(d).fill(Rational.ZERO), Rational.ONE];
  const r = solveLP(RationalField, { objective, A, b, Aeq, beq: eqRhs.map(q), sense: 'max' });
  expect(r.status).toBe('optimal');
  return r.value!;
}

describe('maxMarginFloat', () => {
  it('matches the exact LP optimum, and its point attains the margin', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((d) =>
          fc.record({
            d: fc.constant(d),
            rows: fc.array(fc.array(small, { minLength: d, maxLength: d }), {
              minLength: 1,
              maxLength: 8,
            }),
            rhs: fc.array(small, { minLength: 8, maxLength: 8 }),
            eq: fc.option(fc.array(small, { minLength: d, maxLength: d })),
          }),
        ),
        ({ d, rows, rhs, eq }) => {
          const b = rhs.slice(0, rows.length);
          const norms = rows.map((a) => Math.max(1, ...a.map(Math.abs)));
          // a solvable equality: through the origin unless it is the zero row
          const eqRows = eq && eq.some((v) => v !== 0) ? [eq] : [];
          const eqRhs = eqRows.map(() => 0);
          const r = maxMarginFloat(rows, norms, b, eqRows, eqRhs);
          const exact = exactMargin(rows, norms, b, eqRows, eqRhs, d).toNumber();
          expect(r.status).toBe('optimal');
          expect(r.t).toBeCloseTo(exact, 9);
          const x = r.x!;
          rows.forEach((a, i) => {
            const lhs = a.reduce((s, v, k) => s + v * x[k]!, 0) + norms[i]! * r.t;
            expect(lhs).toBeLessThanOrEqual(b[i]! + 1e-9);
          });
          for (const h of eqRows) expect(h.reduce((s, v, k) => s + v * x[k]!, 0)).toBeCloseTo(0, 9);
        },
      ),
    );
  });

  it('caps the margin at 1 and reports inconsistent equalities as infeasible', () => {
    expect(maxMarginFloat([[1], [-1]], [1, 1], [10, 10]).t).toBe(1);
    const r = maxMarginFloat([[1, 0]], [1], [1], [[0, 0]], [1]);
    expect(r.status).toBe('infeasible');
  });

  it('stopAt: a feasible point whose margin is at least stopAt and at most the optimum', () => {
    // the square |x|, |y| ≤ 1 with one equality x + y = 1/2: optimum 3/4 (x = y = 1/4)
    const rows = [
      [1, 0],
      [-1, 0],
      [0, 1],
      [0, -1],
    ];
    const norms = [1, 1, 1, 1];
    const rhs = [1, 1, 1, 1];
    const full = maxMarginFloat(rows, norms, rhs, [[1, 1]], [0.5]);
    expect(full.t).toBeCloseTo(0.75, 12);
    for (const stopAt of [0.01, 0.3, 0.75, 2]) {
      const r = maxMarginFloat(rows, norms, rhs, [[1, 1]], [0.5], stopAt);
      expect(r.status).toBe('optimal');
      expect(r.t).toBeLessThanOrEqual(0.75 + 1e-12);
      expect(r.t).toBeGreaterThanOrEqual(Math.min(stopAt, 0.75) - 1e-12);
      const [x, y] = r.x!;
      expect(x! + y!).toBeCloseTo(0.5, 12);
      for (let i = 0; i < 4; i++)
        expect(rows[i]![0]! * x! + rows[i]![1]! * y! + r.t).toBeLessThanOrEqual(1 + 1e-12);
    }
  });
});
