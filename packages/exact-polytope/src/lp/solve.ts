/**
 * `solveLP`: exact (RationalField, fraction-free BigInt tableau by default) or float (Float64Field)
 * linear programming with free variables, inequality and equality rows.
 */
import {
  NonFiniteNumberError,
  Rational,
  ShapeError,
  type Field,
  commonDenominator,
  gcdOfList,
  isFloat64Field,
  isRationalField,
  toIntegerPoint,
} from '@mlgeo/exact-arith';
import { runTwoPhaseSimplex, type SimplexOutcome, type StandardForm } from './simplex.js';
import { solveCertifiedOptimal } from './certify.js';
import { FieldTableau, Float64Tableau, IntegerTableau, type Tableau } from './tableau.js';
import type { LPOptions, LPProblem, LPResult } from './types.js';

const DEFAULT_MAX_PIVOTS = 50_000;

function checkShapes<T>(F: Field<T>, p: LPProblem<T>): number {
  const n = p.objective.length;
  const checkRows = (
    rows: readonly (readonly T[])[],
    rhs: readonly T[],
    name: string,
    rhsName: string,
  ) => {
    if (rows.length !== rhs.length) {
      throw new ShapeError(
        `${name} has ${rows.length} rows but ${rhsName} has ${rhs.length} entries`,
        rhsName,
        `give one right-hand side per row of ${name}`,
      );
    }
    rows.forEach((row, i) => {
      if (row.length !== n) {
        throw new ShapeError(
          `row ${i} has ${row.length} coefficients, the objective has ${n}`,
          `${name}[${i}]`,
          'give every constraint row one coefficient per variable',
        );
      }
    });
  };
  checkRows(p.A, p.b, 'A', 'b');
  if ((p.Aeq === undefined) !== (p.beq === undefined)) {
    throw new ShapeError(
      'Aeq and beq must be given together',
      p.Aeq === undefined ? 'Aeq' : 'beq',
      'pass both Aeq and beq, or neither',
    );
  }
  if (p.Aeq && p.beq) checkRows(p.Aeq, p.beq, 'Aeq', 'beq');
  if (!F.exact) {
    const all: [readonly T[], string][] = [
      [p.objective, 'objective'],
      [p.b, 'b'],
      ...p.A.map((r, i): [readonly T[], string] => [r, `A[${i}]`]),
      ...(p.beq ? [[p.beq, 'beq'] as [readonly T[], string]] : []),
      ...(p.Aeq ?? []).map((r, i): [readonly T[], string] => [r, `Aeq[${i}]`]),
    ];
    for (const [vec, name] of all) {
      vec.forEach((v, j) => {
        const x = F.toNumber(v);
        if (!Number.isFinite(x)) throw new NonFiniteNumberError(x, `${name}[${j}]`);
      });
    }
  }
  return n;
}

/** Rows of the standard form [free vars | slacks] with rhs, in the problem's own type. */
function standardRows<T>(p: LPProblem<T>): {
  rows: { coeffs: readonly T[]; rhs: T; slack: boolean }[];
  slackOf: number[];
} {
  const n = p.objective.length;
  const rows: { coeffs: readonly T[]; rhs: T; slack: boolean }[] = [];
  const slackOf: number[] = [];
  p.A.forEach((row, i) => {
    rows.push({ coeffs: row, rhs: p.b[i]!, slack: true });
    slackOf.push(n + i);
  });
  (p.Aeq ?? []).forEach((row, i) => {
    rows.push({ coeffs: row, rhs: p.beq![i]!, slack: false });
    slackOf.push(-1);
  });
  return { rows, slackOf };
}

function solveBareiss(
  p: LPProblem<Rational>,
  maxPivots: number,
): { out: SimplexOutcome<Rational>; rowScale: Rational[]; costScale: bigint } {
  const n = p.objective.length;
  const { rows, slackOf } = standardRows(p);
  const mi = p.A.length;
  const cols = n + mi;
  const rowScale: Rational[] = [];
  const matrix: bigint[][] = [];
  const rhs: bigint[] = [];
  rows.forEach((row, i) => {
    // scale the row to coprime integers: a positive factor l/g, so the same constraint
    const all = [...row.coeffs, row.rhs];
    const { num, den: l } = toIntegerPoint(all);
    let ints = num as bigint[];
    const g = gcdOfList(ints);
    if (g > 1n) ints = ints.map((v) => v / g);
    rowScale.push(Rational.of(l, g > 1n ? g : 1n));
    const line = new Array<bigint>(cols).fill(0n);
    for (let j = 0; j < n; j++) line[j] = ints[j]!;
    if (row.slack) line[slackOf[i]!] = 1n;
    matrix.push(line);
    rhs.push(ints[n]!);
  });
  const sense = p.sense ?? 'max';
  const c = p.objective.map((v) => (sense === 'max' ? v : v.neg()));
  const costScale = commonDenominator(c.map((v) => v.den));
  const cost = new Map<number, bigint>();
  c.forEach((v, j) => {
    if (!v.isZero()) cost.set(j, v.num * (costScale / v.den));
  });
  const form: StandardForm<bigint> = { n, slackOf, cost, minusOne: -1n, maxPivots };
  const out = runTwoPhaseSimplex(new IntegerTableau(matrix, rhs, cols), form, Rational.ZERO);
  return { out, rowScale, costScale };
}

/**
 * Solves a linear program exactly (RationalField) or in float64 (Float64Field).
 *
 * `x` is free (unrestricted in sign). Returns `{ status: 'optimal', x, value, duals }`,
 * `{ status: 'infeasible' }` or `{ status: 'unbounded' }`. Over RationalField the default kernel is
 * a fraction-free BigInt tableau (Bareiss-style integer pivoting); over float64 the field's zero
 * tolerance decides signs, so float answers are not certified.
 *
 * @example
 * solveLP(RationalField, { objective: [rat(1), rat(1)], A: [[rat(1), rat(0)], [rat(0), rat(1)]],
 *   b: [rat(1), rat(2)], sense: 'max' }) // → { status: 'optimal', value: 3, x: [1, 2] }
 */
export function solveLP<T>(
  F: Field<T>,
  problem: LPProblem<T>,
  options: LPOptions = {},
): LPResult<T> {
  const n = checkShapes(F, problem);
  const maxPivots = options.maxPivots ?? DEFAULT_MAX_PIVOTS;
  const kernel = options.kernel ?? 'auto';
  const isRational = isRationalField(F);
  const isFloat64 = isFloat64Field(F);
  if ((kernel === 'bareiss' || kernel === 'certified') && !isRational) {
    throw new ShapeError(
      `the ${kernel} kernel needs RationalField, got field ${F.kind}`,
      'options.kernel',
      "use kernel 'field' for this field",
    );
  }
  if (kernel === 'float64' && !isFloat64) {
    throw new ShapeError(
      `the float64 kernel needs a float64 field, got field ${F.kind}`,
      'options.kernel',
      "use kernel 'field' for this field",
    );
  }
  if (isRational && (kernel === 'certified' || kernel === 'auto')) {
    const pr = problem as unknown as LPProblem<Rational>;
    const certified = solveCertifiedOptimal(pr, maxPivots);
    if (certified) return certified as unknown as LPResult<T>;
  }
  const sense = problem.sense ?? 'max';
  const mi = problem.A.length;
  let out: SimplexOutcome<T>;
  let duals: T[] | undefined;
  if (isRational && kernel !== 'field') {
    const pr = problem as unknown as LPProblem<Rational>;
    const { out: o, rowScale, costScale } = solveBareiss(pr, maxPivots);
    out = o as unknown as SimplexOutcome<T>;
    if (o.slackDuals) {
      // tableau duals are for the scaled rows and the scaled objective: y = y'·s_i / s_c
      const cs = Rational.fromBigInt(costScale);
      duals = o.slackDuals.map((y, i) => y.mul(rowScale[i]!).div(cs) as unknown as T);
    }
  } else {
    const { rows, slackOf } = standardRows(problem);
    const cols = n + mi;
    const matrix = rows.map((row, i) => {
      const line = new Array<T>(cols).fill(F.zero);
      for (let j = 0; j < n; j++) line[j] = row.coeffs[j]!;
      if (row.slack) line[slackOf[i]!] = F.one;
      return line;
    });
    const cost = new Map<number, T>();
    problem.objective.forEach((v, j) => {
      if (!F.isZero(v)) cost.set(j, sense === 'max' ? v : F.neg(v));
    });
    const form: StandardForm<T> = {
      n,
      slackOf,
      cost,
      minusOne: F.neg(F.one),
      maxPivots,
    };
    const rhs = rows.map((r) => r.rhs);
    const tableau =
      isFloat64 && kernel !== 'field'
        ? new Float64Tableau(
            matrix as unknown as number[][],
            rhs as unknown as number[],
            cols,
            cols + rows.length,
            F.epsilon,
          )
        : new FieldTableau(F, matrix, rhs, cols);
    out = runTwoPhaseSimplex(tableau as unknown as Tableau<T>, form, F.zero);
    duals = out.slackDuals;
  }
  if (out.status !== 'optimal') return { status: out.status, pivots: out.pivots };
  const x = out.x!;
  let value = F.zero;
  problem.objective.forEach((c, j) => {
    value = F.add(value, F.mul(c, x[j]!));
  });
  return { status: 'optimal', x, value, ...(duals ? { duals } : {}), pivots: out.pivots };
}
