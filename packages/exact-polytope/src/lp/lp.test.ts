import {
  Float64Field,
  MlgeoError,
  NonFiniteNumberError,
  Rational,
  RationalField,
  ShapeError,
} from '@mlgeo/exact-arith';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LPIterationLimitError,
  hyperplaneSide,
  isFeasible,
  isRedundantRow,
  linearRange,
  maximizeLinear,
  relativeInteriorPoint,
  solveLP,
  strictInteriorPoint,
  type LPKernel,
  type LPProblem,
  type LPResult,
} from '../index.js';
import { certifyBasis, certifyInfeasible, floatBasis, integerSolve } from './certify.js';

const q = (x: number | string): Rational => Rational.from(x);
const vec = (xs: (number | string)[]): Rational[] => xs.map(q);
const mat = (rows: (number | string)[][]): Rational[][] => rows.map(vec);
const dotR = (a: readonly Rational[], b: readonly Rational[]): Rational =>
  a.reduce((s, x, j) => s.add(x.mul(b[j]!)), Rational.ZERO);

/**
 * Independent optimality certificate for inequality-only LPs: x feasible, y ≥ 0, Aᵀy = ±c and
 * bᵀy = ±value (weak duality makes both optimal).
 */
function expectCertified(p: LPProblem<Rational>, res: LPResult<Rational>): void {
  expect(res.status).toBe('optimal');
  const x = res.x!;
  const y = res.duals!;
  const sgn = (p.sense ?? 'max') === 'max' ? Rational.ONE : Rational.MINUS_ONE;
  p.A.forEach((row, i) => expect(dotR(row, x).cmp(p.b[i]!)).toBeLessThanOrEqual(0));
  for (const yi of y) expect(yi.sign()).toBeGreaterThanOrEqual(0);
  p.objective.forEach((c, j) => {
    const col = p.A.reduce((s, row, i) => s.add(row[j]!.mul(y[i]!)), Rational.ZERO);
    expect(col.equals(c.mul(sgn))).toBe(true);
  });
  expect(dotR(p.b, y).equals(res.value!.mul(sgn))).toBe(true);
  expect(dotR(p.objective, x).equals(res.value!)).toBe(true);
}

const kernels: LPKernel[] = ['certified', 'bareiss', 'field'];

describe('solveLP: known LPs', () => {
  const wyndor: LPProblem<Rational> = {
    objective: vec([3, 5]),
    A: mat([
      [1, 0],
      [0, 2],
      [3, 2],
      [-1, 0],
      [0, -1],
    ]),
    b: vec([4, 12, 18, 0, 0]),
    sense: 'max',
  };

  for (const kernel of kernels) {
    it(`Wyndor glass (max 3x + 5y) = 36 at (2, 6) [${kernel}]`, () => {
      const res = solveLP(RationalField, wyndor, { kernel });
      expect(res.value!.toString()).toBe('36');
      expect(res.x!.map(String)).toEqual(['2', '6']);
      expectCertified(wyndor, res);
    });

    it(`Beale's cycling example: min = −1/20 at x4 = 1/25, x6 = 1 [${kernel}]`, () => {
      // Beale (1955): min −3/4 x4 + 150 x5 − 1/50 x6 + 6 x7, cycles under Dantzig's rule
      const p: LPProblem<Rational> = {
        objective: vec(['-3/4', 150, '-1/50', 6]),
        A: mat([
          ['1/4', -60, '-1/25', 9],
          ['1/2', -90, '-1/50', 3],
          [0, 0, 1, 0],
          [-1, 0, 0, 0],
          [0, -1, 0, 0],
          [0, 0, -1, 0],
          [0, 0, 0, -1],
        ]),
        b: vec([0, 0, 1, 0, 0, 0, 0]),
        sense: 'min',
      };
      const res = solveLP(RationalField, p, { kernel });
      expect(res.value!.toString()).toBe('-1/20');
      expect(res.x!.map(String)).toEqual(['1/25', '0', '1', '0']);
      expectCertified(p, res);
    });

    it(`Chvátal's degenerate example: max 10x1 − 57x2 − 9x3 − 24x4 = 1 [${kernel}]`, () => {
      const p: LPProblem<Rational> = {
        objective: vec([10, -57, -9, -24]),
        A: mat([
          ['1/2', '-11/2', '-5/2', 9],
          ['1/2', '-3/2', '-1/2', 1],
          [1, 0, 0, 0],
          [-1, 0, 0, 0],
          [0, -1, 0, 0],
          [0, 0, -1, 0],
          [0, 0, 0, -1],
        ]),
        b: vec([0, 0, 1, 0, 0, 0, 0]),
      };
      const res = solveLP(RationalField, p, { kernel });
      expect(res.value!.toString()).toBe('1');
      expectCertified(p, res);
    });

    it(`infeasible and unbounded LPs are reported [${kernel}]`, () => {
      const infeasible = solveLP(
        RationalField,
        { objective: vec([1]), A: mat([[1], [-1]]), b: vec([0, -1]) },
        { kernel },
      );
      expect(infeasible.status).toBe('infeasible');
      expect(infeasible.x).toBeUndefined();
      const unbounded = solveLP(
        RationalField,
        {
          objective: vec([1, 0]),
          A: mat([
            [1, -1],
            [0, -1],
          ]),
          b: vec([1, 0]),
        },
        { kernel },
      );
      expect(unbounded.status).toBe('unbounded');
    });

    it(`equalities, lineality and redundant equality rows [${kernel}]`, () => {
      const opts = { kernel };
      // max x + y on the line x + y = 1: the direction (1, −1) costs nothing
      const flat = solveLP(
        RationalField,
        { objective: vec([1, 1]), A: [], b: [], Aeq: mat([[1, 1]]), beq: vec([1]) },
        opts,
      );
      expect(flat.status).toBe('optimal');
      expect(flat.value!.toString()).toBe('1');
      // max x on the same line is unbounded
      const line = solveLP(
        RationalField,
        { objective: vec([1, 0]), A: [], b: [], Aeq: mat([[1, 1]]), beq: vec([1]) },
        opts,
      );
      expect(line.status).toBe('unbounded');
      // a repeated equality row and a bound: max x = 3 at (3, −2)
      const rep = solveLP(
        RationalField,
        {
          objective: vec([1, 0]),
          A: mat([
            [1, 0],
            [0, 1],
          ]),
          b: vec([3, 5]),
          Aeq: mat([
            [1, 1],
            [2, 2],
          ]),
          beq: vec([1, 2]),
        },
        opts,
      );
      expect(rep.x!.map(String)).toEqual(['3', '-2']);
      // inconsistent equalities
      const bad = solveLP(
        RationalField,
        {
          objective: vec([1]),
          A: [],
          b: [],
          Aeq: mat([[1], [2]]),
          beq: vec([1, 3]),
        },
        opts,
      );
      expect(bad.status).toBe('infeasible');
    });
  }

  it('zero variables: feasibility of 0 ≤ b', () => {
    expect(solveLP(RationalField, { objective: [], A: [[]], b: vec([-1]) }).status).toBe(
      'infeasible',
    );
    const ok = solveLP(RationalField, { objective: [], A: [[]], b: vec([1]) });
    expect(ok.status).toBe('optimal');
    expect(ok.value!.toString()).toBe('0');
  });

  it('float64 kernel solves Wyndor', () => {
    const res = solveLP(Float64Field, {
      objective: [3, 5],
      A: wyndor.A.map((r) => r.map((x) => x.toNumber())),
      b: wyndor.b.map((x) => x.toNumber()),
    });
    expect(res.status).toBe('optimal');
    expect(res.value).toBeCloseTo(36, 12);
  });
});

describe('LP helpers', () => {
  const square = {
    A: mat([
      [1, 0],
      [0, 1],
      [-1, 0],
      [0, -1],
    ]),
    b: vec([1, 1, 0, 0]),
  };

  it('isFeasible, maximizeLinear and linearRange on the unit square', () => {
    expect(isFeasible(RationalField, square.A, square.b)).toBe(true);
    expect(isFeasible(RationalField, [...square.A, vec([1, 1])], [...square.b, q(-1)])).toBe(false);
    expect(maximizeLinear(RationalField, square.A, square.b, vec([2, -1])).value!.toString()).toBe(
      '2',
    );
    const range = linearRange(RationalField, square.A, square.b, vec([1, 1]));
    expect(range).toEqual({ empty: false, min: q(0), max: q(2) });
    expect(linearRange(RationalField, [vec([1, 0])], [q(0)], vec([1, 0]))).toEqual({
      empty: false,
      max: q(0),
    });
    expect(linearRange(RationalField, [vec([1]), vec([-1])], [q(0), q(-1)], vec([1]))).toEqual({
      empty: true,
    });
  });

  it('hyperplaneSide classifies the unit square against lines', () => {
    const side = (w: number[], c: number | string) =>
      hyperplaneSide(RationalField, square.A, square.b, vec(w), q(c));
    expect(side([1, 1], 1)).toBe('cuts');
    expect(side([1, 1], 2)).toBe('below'); // touches the corner (1, 1)
    expect(side([1, 1], 0)).toBe('above');
    expect(side([1, 0], '1/2')).toBe('cuts');
    expect(side([1, 0], 3)).toBe('below');
    expect(side([0, 0], 0)).toBe('on');
    const segment = { A: [...square.A], b: [...square.b] };
    segment.b[1] = q(0); // y ≤ 0 and y ≥ 0
    expect(hyperplaneSide(RationalField, segment.A, segment.b, vec([0, 1]), q(0))).toBe('on');
    expect(
      hyperplaneSide(RationalField, [vec([1, 0]), vec([-1, 0])], vec([0, -1]), vec([1, 0]), q(0)),
    ).toBe('empty');
    // unbounded on one side: the half-plane x ≤ 0 is cut by y = 0
    expect(hyperplaneSide(RationalField, [vec([1, 0])], vec([0]), vec([0, 1]), q(0))).toBe('cuts');
  });

  it('isRedundantRow: x + y ≤ 3 is implied by the square, x + y ≤ 3/2 is not', () => {
    const A = [...square.A, vec([1, 1])];
    expect(isRedundantRow(RationalField, A, [...square.b, q(3)], 4)).toBe(true);
    expect(isRedundantRow(RationalField, A, [...square.b, q('3/2')], 4)).toBe(false);
    expect(isRedundantRow(RationalField, A, [...square.b, q(2)], 4)).toBe(true); // touches a vertex
    expect(isRedundantRow(RationalField, A, [...square.b, q(3)], 0)).toBe(false);
    // duplicate rows: each is redundant w.r.t. the other
    expect(isRedundantRow(RationalField, [...square.A, square.A[0]!], [...square.b, q(1)], 0)).toBe(
      true,
    );
    expect(() => isRedundantRow(RationalField, A, [...square.b, q(3)], 9)).toThrow(ShapeError);
  });

  it('strictInteriorPoint: the square has (1/2, 1/2) with slack 1/2; a segment has none', () => {
    const p = strictInteriorPoint(RationalField, square.A, square.b)!;
    expect(p.x.map(String)).toEqual(['1/2', '1/2']);
    expect(p.slack.toString()).toBe('1/2');
    const segment = { A: [...square.A, vec([0, 1])], b: [...square.b.slice(0, 3), q(0), q(0)] };
    segment.b[1] = q(0);
    expect(strictInteriorPoint(RationalField, segment.A, segment.b)).toBeUndefined();
  });

  it('relativeInteriorPoint finds the implicit equalities of a flat polytope', () => {
    // 0 ≤ x ≤ 1, 0 ≤ y ≤ 0 (written as y ≤ 0 and −y ≤ 0), plus x + y ≤ 5
    const A = mat([
      [1, 0],
      [0, 1],
      [-1, 0],
      [0, -1],
      [1, 1],
    ]);
    const b = vec([1, 0, 0, 0, 5]);
    const res = relativeInteriorPoint(RationalField, A, b)!;
    expect(res.implicitEqualities).toEqual([1, 3]);
    expect(res.x[1]!.toString()).toBe('0');
    expect(res.x[0]!.sign()).toBe(1);
    expect(res.x[0]!.cmp(q(1))).toBe(-1);
    expect(
      relativeInteriorPoint(RationalField, [vec([1]), vec([-1])], vec([0, -1])),
    ).toBeUndefined();
    const full = relativeInteriorPoint(RationalField, square.A, square.b)!;
    expect(full.implicitEqualities).toEqual([]);
  });
});

/** Random LP with a box (so it is bounded) around a known feasible point (so it is feasible). */
const randomLP = fc
  .record({
    d: fc.integer({ min: 1, max: 4 }),
    m: fc.integer({ min: 0, max: 8 }),
    seedRows: fc.array(fc.integer({ min: -9, max: 9 }), { minLength: 48, maxLength: 48 }),
    slacks: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 8, maxLength: 8 }),
    x0: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 4, maxLength: 4 }),
    c: fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 4, maxLength: 4 }),
    sense: fc.constantFrom('max' as const, 'min' as const),
  })
  .map(({ d, m, seedRows, slacks, x0, c, sense }) => {
    const A: Rational[][] = [];
    const b: Rational[] = [];
    for (let i = 0; i < m; i++) {
      const row = Array.from({ length: d }, (_, j) =>
        Rational.of(BigInt(seedRows[i * 6 + j]!), 2n),
      );
      A.push(row);
      b.push(dotR(row, vec(x0.slice(0, d))).add(q(slacks[i]!)));
    }
    for (let j = 0; j < d; j++) {
      A.push(Array.from({ length: d }, (_, k) => q(k === j ? 1 : 0)));
      A.push(Array.from({ length: d }, (_, k) => q(k === j ? -1 : 0)));
      b.push(q(10), q(10));
    }
    return { objective: vec(c.slice(0, d)), A, b, sense } as LPProblem<Rational>;
  });

describe('properties', () => {
  it('bareiss and field kernels agree exactly, float agrees to 1e-9, duals certify', () => {
    fc.assert(
      fc.property(randomLP, (p) => {
        const exact = solveLP(RationalField, p, { kernel: 'bareiss' });
        const field = solveLP(RationalField, p, { kernel: 'field' });
        const certified = solveLP(RationalField, p);
        expectCertified(p, exact);
        expectCertified(p, field);
        expectCertified(p, certified);
        expect(field.value!.equals(exact.value!)).toBe(true);
        expect(certified.value!.equals(exact.value!)).toBe(true);
        const fl = solveLP(Float64Field, {
          objective: p.objective.map((x) => x.toNumber()),
          A: p.A.map((r) => r.map((x) => x.toNumber())),
          b: p.b.map((x) => x.toNumber()),
          sense: p.sense!,
        });
        expect(fl.status).toBe('optimal');
        expect(Math.abs(fl.value! - exact.value!.toNumber())).toBeLessThanOrEqual(
          1e-9 * (1 + Math.abs(exact.value!.toNumber())),
        );
      }),
      { numRuns: 150 },
    );
  });
});

describe('infeasible and touching variants', () => {
  it('adding objective ≥ optimum + δ: infeasible iff δ > 0, same answer on every kernel', () => {
    fc.assert(
      fc.property(randomLP, fc.constantFrom(-1, 0, 1), (p, delta) => {
        fc.pre(p.objective.some((c) => !c.isZero()));
        const best = solveLP(RationalField, p, { kernel: 'bareiss' }).value!;
        // for max: −c·x ≤ −(best + δ); for min: c·x ≤ best − δ
        const sgn = (p.sense ?? 'max') === 'max' ? Rational.MINUS_ONE : Rational.ONE;
        const row = p.objective.map((c) => c.mul(sgn));
        const bound = best
          .add(q(delta))
          .mul(sgn)
          .add(p.sense === 'min' ? q(-2 * delta) : q(0));
        const variant = { ...p, A: [...p.A, row], b: [...p.b, bound] };
        const expected = delta > 0 ? 'infeasible' : 'optimal';
        for (const kernel of ['certified', 'bareiss', 'field'] as LPKernel[]) {
          expect(solveLP(RationalField, variant, { kernel }).status).toBe(expected);
        }
        expect(isFeasible(RationalField, variant.A, variant.b)).toBe(delta <= 0);
      }),
      { numRuns: 100 },
    );
  });
});

describe('certified float path', () => {
  const p: LPProblem<Rational> = {
    objective: vec([3, 5]),
    A: mat([
      [1, 0],
      [0, 2],
      [3, 2],
      [-1, 0],
      [0, -1],
    ]),
    b: vec([4, 12, 18, 0, 0]),
  };
  it('accepts the optimal float basis and rejects wrong ones', () => {
    const fb = floatBasis(p, 100)!;
    const ok = certifyBasis(p, fb.basis!, fb.pivots)!;
    expect(ok.x!.map(String)).toEqual(['2', '6']);
    expectCertified(p, ok);
    // columns: x (0, 1), slack of row i (2 + i). Slacks of rows 0 and 2 non-basic: x = (4, 3) is
    // feasible but its multiplier of row 0 is negative, so it is not optimal
    expect(certifyBasis(p, [0, 1, 3, 5, 6], 0)).toBeUndefined();
    // basis with slacks of rows 3 and 4 non-basic: x = (0, 0) is feasible, duals negative
    expect(certifyBasis(p, [0, 1, 2, 3, 4], 0)).toBeUndefined();
    // slacks of rows 1 and 2 non-basic: x = (2, 6) — optimal, certified
    expect(certifyBasis(p, [0, 1, 2, 5, 6], 0)!.value!.toString()).toBe('36');
  });

  it('rows of tiny magnitude (1e-14) are rescaled for the float pass and still certify', () => {
    const tiny = Rational.of(1n, 10n ** 14n);
    const scaled = {
      ...p,
      A: p.A.map((r) => r.map((x) => x.mul(tiny))),
      b: p.b.map((x) => x.mul(tiny)),
    };
    const fb = floatBasis(scaled, 100);
    expect(fb.status).toBe('optimal');
    const res = certifyBasis(scaled, fb.basis!, fb.pivots)!;
    expect(res.x!.map(String)).toEqual(['2', '6']);
    expectCertified(scaled, res);
  });

  it('data beyond the float range fall back to the exact tableau', () => {
    const huge = Rational.of(10n ** 400n);
    const big = { ...p, b: p.b.map((x) => x.mul(huge)) };
    const res = solveLP(RationalField, big);
    expect(res.x!.map((x) => x.div(huge).toString())).toEqual(['2', '6']);
    expectCertified(big, res);
  });

  it('certifies infeasibility through the elastic LP', () => {
    const empty = { ...p, A: [...p.A, vec([-1, -1])], b: [...p.b, q(-9)] }; // x + y ≥ 9 > max 8
    expect(certifyInfeasible(empty, 100)).toBe(true);
    expect(certifyInfeasible(p, 100)).toBe(false);
    expect(solveLP(RationalField, empty).status).toBe('infeasible');
    // touching (x + y ≥ 8 meets the polygon in the single vertex (2, 6)) is feasible
    const touching = { ...p, A: [...p.A, vec([-1, -1])], b: [...p.b, q(-8)] };
    expect(certifyInfeasible(touching, 100)).toBe(false);
    expect(solveLP(RationalField, touching).status).toBe('optimal');
  });

  it('integerSolve returns X / D with D = ±det', () => {
    const res = integerSolve(
      [
        [2n, 1n],
        [1n, 3n],
      ],
      [3n, 5n],
    )!;
    expect(res.X.map((x) => Rational.of(x, res.D).toString())).toEqual(['4/5', '7/5']);
    expect(
      integerSolve(
        [
          [1n, 2n],
          [2n, 4n],
        ],
        [1n, 2n],
      ),
    ).toBeUndefined();
  });
});

describe('errors', () => {
  it('shape mismatches name the field', () => {
    const call = () =>
      solveLP(RationalField, { objective: vec([1, 1]), A: mat([[1, 1], [1]]), b: vec([1, 1]) });
    expect(call).toThrow(ShapeError);
    expect(call).toThrow(/A\[1\]/);
    expect(() => solveLP(RationalField, { objective: vec([1]), A: mat([[1]]), b: [] })).toThrow(
      /b:/,
    );
    expect(() =>
      solveLP(RationalField, { objective: vec([1]), A: [], b: [], Aeq: mat([[1]]) }),
    ).toThrow(/beq/);
  });

  it('non-finite floats, a wrong kernel and an exhausted pivot budget are typed errors', () => {
    expect(() => solveLP(Float64Field, { objective: [1], A: [[NaN]], b: [1] })).toThrow(
      NonFiniteNumberError,
    );
    expect(() =>
      solveLP(Float64Field, { objective: [1], A: [[1]], b: [1] }, { kernel: 'bareiss' }),
    ).toThrow(MlgeoError);
    const p = {
      objective: vec([1, 1]),
      A: mat([
        [1, 0],
        [0, 1],
        [-1, 0],
        [0, -1],
      ]),
      b: vec([1, 1, 1, 1]),
    };
    expect(() => solveLP(RationalField, p, { maxPivots: 1 })).toThrow(LPIterationLimitError);
  });
});
