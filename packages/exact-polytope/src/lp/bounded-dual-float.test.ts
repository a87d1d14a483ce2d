/**
 * The bounded dual simplex against an independent oracle: the exact rational LP (`solveLP` over
 * RationalField) with the column bounds written as rows. Random small LPs (fast-check): the same
 * status, the same optimum, and the returned multipliers y give a weak-duality bound
 * max_x { yᵀA x + (c − Aᵀy)·x } over the row and column ranges equal to the optimum (strong
 * duality), the bound the MLP face LP's certificates rely on.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rational, RationalField } from '@mlgeo/exact-arith';
import { solveLP } from './solve.js';
import { type BoundedLP, boundedDualSimplex } from './bounded-dual-float.js';

interface Case {
  m: number;
  n: number;
  A: number[];
  rowLo: number[];
  rowHi: number[];
  colLo: number[];
  colHi: number[];
  cost: number[];
}

const caseArb = fc
  .record({ m: fc.integer({ min: 1, max: 5 }), n: fc.integer({ min: 1, max: 7 }) })
  .chain(({ m, n }) =>
    fc.record({
      m: fc.constant(m),
      n: fc.constant(n),
      A: fc.array(fc.integer({ min: -4, max: 4 }), { minLength: m * n, maxLength: m * n }),
      // row kinds: ≤ b, ≥ b, = b, ranged
      kinds: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: m, maxLength: m }),
      b: fc.array(fc.integer({ min: -6, max: 6 }), { minLength: m, maxLength: m }),
      width: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: m, maxLength: m }),
      colLo: fc.array(fc.integer({ min: -3, max: 0 }), { minLength: n, maxLength: n }),
      colW: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: n, maxLength: n }),
      cost: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: n, maxLength: n }),
    }),
  )
  .map((r): Case => {
    const rowLo: number[] = [];
    const rowHi: number[] = [];
    r.kinds.forEach((k, i) => {
      const b = r.b[i]!;
      rowLo.push(k === 0 ? -Infinity : b);
      rowHi.push(k === 1 ? Infinity : k === 2 ? b : k === 3 ? b + r.width[i]! : b);
    });
    return {
      m: r.m,
      n: r.n,
      A: r.A,
      rowLo,
      rowHi,
      colLo: r.colLo,
      colHi: r.colLo.map((l, j) => l + r.colW[j]!),
      cost: r.cost,
    };
  });

function oracle(c: Case) {
  const Q = (v: number) => Rational.of(v);
  const A: Rational[][] = [];
  const b: Rational[] = [];
  const Aeq: Rational[][] = [];
  const beq: Rational[] = [];
  for (let k = 0; k < c.m; k++) {
    const row = c.A.slice(k * c.n, (k + 1) * c.n);
    if (c.rowLo[k] === c.rowHi[k]) {
      Aeq.push(row.map(Q));
      beq.push(Q(c.rowHi[k]!));
      continue;
    }
    if (Number.isFinite(c.rowHi[k]!)) {
      A.push(row.map(Q));
      b.push(Q(c.rowHi[k]!));
    }
    if (Number.isFinite(c.rowLo[k]!)) {
      A.push(row.map((v) => Q(-v)));
      b.push(Q(-c.rowLo[k]!));
    }
  }
  for (let j = 0; j < c.n; j++) {
    const e = (s: number) => Array.from({ length: c.n }, (_, i) => Q(i === j ? s : 0));
    A.push(e(1));
    b.push(Q(c.colHi[j]!));
    A.push(e(-1));
    b.push(Q(-c.colLo[j]!));
  }
  return solveLP(RationalField, { objective: c.cost.map(Q), A, b, Aeq, beq, sense: 'max' });
}

const toLP = (c: Case): BoundedLP => ({
  m: c.m,
  n: c.n,
  A: Float64Array.from(c.A),
  rowLo: Float64Array.from(c.rowLo),
  rowHi: Float64Array.from(c.rowHi),
  colLo: Float64Array.from(c.colLo),
  colHi: Float64Array.from(c.colHi),
  cost: Float64Array.from(c.cost),
});

/** max over the ranges of yᵀ(Ax) + (c − Aᵀy)·x: an upper bound of the LP for any y (or +∞). */
function dualBound(c: Case, y: Float64Array): number {
  let bound = 0;
  for (let k = 0; k < c.m; k++) {
    const v = y[k]!;
    if (v > 0) bound += v * c.rowHi[k]!;
    else if (v < 0) bound += v * c.rowLo[k]!;
  }
  for (let j = 0; j < c.n; j++) {
    let dj = c.cost[j]!;
    for (let k = 0; k < c.m; k++) dj -= y[k]! * c.A[k * c.n + j]!;
    bound += dj > 0 ? dj * c.colHi[j]! : dj * c.colLo[j]!;
  }
  return bound;
}

describe('boundedDualSimplex', () => {
  it('agrees with the exact LP on random small LPs; its multipliers prove the optimum', () => {
    let optimal = 0;
    let infeasible = 0;
    fc.assert(
      fc.property(caseArb, (c) => {
        const r = boundedDualSimplex(toLP(c));
        const o = oracle(c);
        expect(r.status === 'limit' || r.status === 'unsupported').toBe(false);
        if (o.status === 'infeasible') {
          infeasible++;
          expect(r.status).toBe('infeasible');
          return;
        }
        expect(o.status).toBe('optimal');
        expect(r.status).toBe('optimal');
        optimal++;
        const v = o.value!.toNumber();
        expect(Math.abs(r.value - v)).toBeLessThan(1e-7 * (1 + Math.abs(v)));
        // primal feasibility of x
        for (let j = 0; j < c.n; j++) {
          expect(r.x[j]!).toBeGreaterThanOrEqual(c.colLo[j]! - 1e-9);
          expect(r.x[j]!).toBeLessThanOrEqual(c.colHi[j]! + 1e-9);
        }
        for (let k = 0; k < c.m; k++) {
          expect(r.rows[k]!).toBeGreaterThanOrEqual(c.rowLo[k]! - 1e-7);
          expect(r.rows[k]!).toBeLessThanOrEqual(c.rowHi[k]! + 1e-7);
        }
        // strong duality through the multipliers (finite: y_k has the sign its finite bound needs)
        const bound = dualBound(c, r.y);
        expect(Math.abs(bound - v)).toBeLessThan(1e-7 * (1 + Math.abs(v)));
      }),
      { numRuns: 300, seed: 12 },
    );
    expect(optimal).toBeGreaterThan(50);
    expect(infeasible).toBeGreaterThan(5);
  });

  it('many bounded columns, few rows (the face LP shape): feasible start in the interior', () => {
    // max t s.t. a_k·x + t ≤ b_k, e·x = 0, x ∈ [−1, 1]^n, t ≤ 1; the start x = 0 is on e·x = 0
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (const [m, n] of [
      [10, 60],
      [25, 120],
    ] as const) {
      const rows = m + 1;
      const cols = n + 1;
      const A = new Float64Array(rows * cols);
      const rowLo = new Float64Array(rows).fill(-Infinity);
      const rowHi = new Float64Array(rows);
      for (let k = 0; k < m; k++) {
        for (let j = 0; j < n; j++) A[k * cols + j] = rnd() * 2 - 1;
        A[k * cols + n] = 1;
        rowHi[k] = rnd() - 0.3;
      }
      for (let j = 0; j < n; j++) A[m * cols + j] = rnd() * 2 - 1;
      rowLo[m] = rowHi[m] = 0;
      const colLo = new Float64Array(cols).fill(-1);
      const colHi = new Float64Array(cols).fill(1);
      colLo[n] = -Infinity;
      const cost = new Float64Array(cols);
      cost[n] = 1;
      const lp = { m: rows, n: cols, A, rowLo, rowHi, colLo, colHi, cost };
      const r = boundedDualSimplex(lp, { refactorEvery: 25 });
      expect(r.status).toBe('optimal');
      // oracle: the exact LP on the same data (floats are rationals)
      const Q = (v: number) => Rational.fromDouble(v);
      const Ar: Rational[][] = [];
      const b: Rational[] = [];
      for (let k = 0; k < m; k++) {
        Ar.push(Array.from(A.subarray(k * cols, (k + 1) * cols), Q));
        b.push(Q(rowHi[k]!));
      }
      for (let j = 0; j < cols; j++) {
        const e = (s: number) => Array.from({ length: cols }, (_, i) => Q(i === j ? s : 0));
        Ar.push(e(1));
        b.push(Q(colHi[j]!));
        if (j < n) {
          Ar.push(e(-1));
          b.push(Q(1));
        }
      }
      const o = solveLP(RationalField, {
        objective: Array.from(cost, Q),
        A: Ar,
        b,
        Aeq: [Array.from(A.subarray(m * cols, (m + 1) * cols), Q)],
        beq: [Q(0)],
      });
      expect(o.status).toBe('optimal');
      expect(Math.abs(r.value - o.value!.toNumber())).toBeLessThan(1e-8);
    }
  });

  it('says unsupported when a cost needs an infinite bound', () => {
    const r = boundedDualSimplex({
      m: 1,
      n: 1,
      A: Float64Array.of(1),
      rowLo: Float64Array.of(-Infinity),
      rowHi: Float64Array.of(1),
      colLo: Float64Array.of(0),
      colHi: Float64Array.of(Infinity),
      cost: Float64Array.of(1),
    });
    expect(r.status).toBe('unsupported');
  });
});
