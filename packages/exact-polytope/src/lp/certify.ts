/**
 * Exact LP answers from a float solve: run the simplex in float64, take the final basis, and verify
 * it exactly. With T the inequality rows whose slack is non-basic and E the equality rows, the
 * basis is exactly optimal iff [A_T; A_E] is square and non-singular, its solution x satisfies
 * A x ≤ b, and the multipliers solving [A_T; A_E]ᵀ (y_T, z) = c have y_T ≥ 0 (then x and (y, z) are
 * primal and dual feasible with equal objective values). The linear systems are solved with
 * fraction-free BigInt elimination. When the check fails (float round-off, degenerate or
 * rank-deficient bases, infeasible or unbounded LPs) the caller falls back to the exact tableau.
 */
import { Rational, bareissEchelon, gcdOfList, toIntegerPoint } from '@mlgeo/exact-arith';
import { LPIterationLimitError, runTwoPhaseSimplex, type StandardForm } from './simplex.js';
import { Float64Tableau } from './tableau.js';
import type { LPProblem, LPResult } from './types.js';

/** Float64 tolerance of the float pass (its decisions are verified afterwards). */
const FLOAT_EPS = 1e-9;

function integerRow(values: readonly Rational[]): { ints: bigint[]; scale: Rational } {
  const { num, den: l } = toIntegerPoint(values);
  let ints = num as bigint[];
  const g = gcdOfList(ints);
  if (g > 1n) ints = ints.map((v) => v / g);
  return { ints, scale: Rational.of(l, g > 1n ? g : 1n) };
}

/**
 * Solves the square integer system M x = rhs as x = X / D with integers X and D = ±det M
 * (fraction-free elimination; D·x is integral by Cramer's rule, so back substitution divides
 * exactly). Undefined when M is singular.
 */
export function integerSolve(
  M: readonly (readonly bigint[])[],
  rhs: readonly bigint[],
): { X: bigint[]; D: bigint } | undefined {
  const n = M.length;
  if (n === 0) return { X: [], D: 1n };
  const { rows, pivots } = bareissEchelon(M.map((r, i) => [...r, rhs[i]!]));
  if (pivots.length < n || pivots[n - 1] !== n - 1) return undefined;
  const D = rows[n - 1]![n - 1]!;
  const X = new Array<bigint>(n).fill(0n);
  for (let i = n - 1; i >= 0; i--) {
    const row = rows[i]!;
    let s = D * row[n]!;
    for (let j = i + 1; j < n; j++) s -= row[j]! * X[j]!;
    X[i] = s / row[i]!;
  }
  return { X, D };
}

/** Runs the float64 simplex on a rational LP; returns its status and the final basis. */
export function floatBasis(
  p: LPProblem<Rational>,
  maxPivots: number,
): { status: 'optimal' | 'infeasible' | 'unbounded'; basis?: number[]; pivots: number } {
  const n = p.objective.length;
  const mi = p.A.length;
  const rows = [...p.A, ...(p.Aeq ?? [])];
  const rhs = [...p.b, ...(p.beq ?? [])];
  const cols = n + mi;
  // rows and objective scaled to max |coefficient| 1 (same basis, better-conditioned tolerances)
  const scaleOf = (v: readonly number[]): number => {
    let m = 0;
    for (const x of v) m = Math.max(m, Math.abs(x));
    return m > 0 && Number.isFinite(1 / m) ? 1 / m : 1;
  };
  const rhsF: number[] = [];
  const matrix = rows.map((row, i) => {
    const coeffs = row.map((x) => x.toNumber());
    const s = scaleOf(coeffs);
    const line = new Array<number>(cols).fill(0);
    for (let j = 0; j < n; j++) line[j] = coeffs[j]! * s;
    if (i < mi) line[n + i] = 1;
    rhsF.push(rhs[i]!.toNumber() * s);
    return line;
  });
  const sense = p.sense ?? 'max';
  const objF = p.objective.map((c) => c.toNumber());
  const cs = scaleOf(objF);
  const cost = new Map<number, number>();
  objF.forEach((v, j) => {
    if (v !== 0) cost.set(j, (sense === 'max' ? v : -v) * cs);
  });
  const form: StandardForm<number> = {
    n,
    slackOf: rows.map((_, i) => (i < mi ? n + i : -1)),
    cost,
    minusOne: -1,
    maxPivots,
  };
  const tab = new Float64Tableau(matrix, rhsF, cols, cols + rows.length, FLOAT_EPS);
  const out = runTwoPhaseSimplex(tab, form, 0);
  return out.status === 'optimal'
    ? { status: 'optimal', basis: out.basis!, pivots: out.pivots }
    : { status: out.status, pivots: out.pivots };
}

/**
 * Exact optimum of a rational LP through a certified float basis, or undefined when the float
 * pass does not end in a basis that verifies (the caller then uses the exact tableau).
 */
export function solveCertifiedOptimal(
  p: LPProblem<Rational>,
  maxPivots: number,
): LPResult<Rational> | { status: 'infeasible' | 'unbounded'; pivots: number } | undefined {
  // the float pass is only a guess: a pivot budget overrun (round-off cycling, overflow to
  // Infinity) just means "not certified"
  const budget = Math.min(
    maxPivots,
    50 * (p.A.length + (p.Aeq?.length ?? 0) + p.objective.length) + 1000,
  );
  let fb: ReturnType<typeof floatBasis>;
  try {
    fb = floatBasis(p, budget);
  } catch (e) {
    if (e instanceof LPIterationLimitError) return undefined;
    throw e;
  }
  if (fb.status === 'optimal') return certifyBasis(p, fb.basis!, fb.pivots);
  if (fb.status === 'infeasible' && certifyInfeasible(p, maxPivots)) {
    return { status: 'infeasible', pivots: fb.pivots };
  }
  return undefined;
}

/**
 * Certifies {A x ≤ b, Aeq x = beq} empty via the elastic LP min t s.t. A x − t·1 ≤ b,
 * Aeq x = beq, t ≥ −1, which is feasible and bounded whenever the equalities are consistent: the
 * system is infeasible iff its exactly certified optimum has t* > 0. False when not certified.
 */
export function certifyInfeasible(p: LPProblem<Rational>, maxPivots: number): boolean {
  const n = p.objective.length;
  const minusOne = Rational.MINUS_ONE;
  const elastic: LPProblem<Rational> = {
    objective: [...new Array<Rational>(n).fill(Rational.ZERO), Rational.ONE],
    A: [
      ...p.A.map((row) => [...row, minusOne]),
      [...new Array<Rational>(n).fill(Rational.ZERO), minusOne],
    ],
    b: [...p.b, Rational.ONE],
    ...(p.Aeq ? { Aeq: p.Aeq.map((row) => [...row, Rational.ZERO]), beq: p.beq! } : {}),
    sense: 'min',
  };
  let fb: ReturnType<typeof floatBasis>;
  try {
    fb = floatBasis(elastic, maxPivots);
  } catch (e) {
    if (e instanceof LPIterationLimitError) return false;
    throw e;
  }
  if (fb.status !== 'optimal') return false;
  const res = certifyBasis(elastic, fb.basis!, fb.pivots);
  return res !== undefined && res.value!.sign() > 0;
}

/**
 * Verifies a basis exactly (see the module comment); returns the exact optimal result or
 * undefined when the basis is not a certified optimum.
 */
export function certifyBasis(
  p: LPProblem<Rational>,
  basis: readonly number[],
  pivots: number,
): LPResult<Rational> | undefined {
  const n = p.objective.length;
  const mi = p.A.length;
  const inBasis = new Set(basis);
  const tight: number[] = [];
  for (let i = 0; i < mi; i++) if (!inBasis.has(n + i)) tight.push(i);
  const eqRows = p.Aeq ?? [];
  if (tight.length + eqRows.length !== n) return undefined;
  const rows = [...tight.map((i) => p.A[i]!), ...eqRows];
  const rhs = [...tight.map((i) => p.b[i]!), ...(p.beq ?? [])];
  // primal: rows scaled to integers (same equations); x = X / D
  const scaled = rows.map((row, i) => integerRow([...row, rhs[i]!]));
  const primal = integerSolve(
    scaled.map((s) => s.ints.slice(0, n)),
    scaled.map((s) => s.ints[n]!),
  );
  if (!primal) return undefined;
  const { X, D } = primal;
  // A x ≤ b  ⇔  (a·X) ≤ b·D for D > 0 (reversed for D < 0), checked in integers
  const dSign = D > 0n ? 1n : -1n;
  for (let i = 0; i < mi; i++) {
    const { ints } = integerRow([...p.A[i]!, p.b[i]!]);
    let s = 0n;
    for (let j = 0; j < n; j++) if (ints[j] !== 0n) s += ints[j]! * X[j]!;
    if ((s - ints[n]! * D) * dSign > 0n) return undefined;
  }
  // dual: [A_T; A_E]ᵀ w = c' (c' = c for max, −c for min), with columns scaled like the rows
  const sense = p.sense ?? 'max';
  const c = p.objective.map((v) => (sense === 'max' ? v : v.neg()));
  const cInt = integerRow(c);
  const transposed = Array.from({ length: n }, (_, j) => scaled.map((s) => s.ints[j]!));
  const dual = integerSolve(transposed, cInt.ints);
  if (!dual) return undefined;
  // original multiplier of row k = (W_k / Dw) · scale_k / scale_c; its sign is sign(W_k·Dw)
  for (let k = 0; k < tight.length; k++) if (dual.X[k]! * dual.D < 0n) return undefined;
  const duals = new Array<Rational>(mi).fill(Rational.ZERO);
  const dw = Rational.fromBigInt(dual.D).mul(cInt.scale);
  tight.forEach(
    (i, k) => (duals[i] = Rational.fromBigInt(dual.X[k]!).mul(scaled[k]!.scale).div(dw)),
  );
  const x = X.map((xi) => Rational.of(xi, D));
  let num = 0n;
  const cAll = integerRow(p.objective);
  p.objective.forEach((_, j) => (num += cAll.ints[j]! * X[j]!));
  const value = Rational.of(num, D).div(cAll.scale);
  return { status: 'optimal', x, value, duals, pivots };
}
