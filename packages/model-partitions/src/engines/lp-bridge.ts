/**
 * Strict-feasibility LPs on H-representations, solved by the LP of @mlgeo/exact-polytope
 * (float64 first, exact rational when the float answer cannot be certified).
 *
 * A system {g_i(x) ≤ 0} ∩ {e_k(x) = 0} has a relative-interior point with every g_i < 0 iff
 * max { t : g_i(x) + ‖w_i‖_∞ t ≤ 0, e_k(x) = 0, t ≤ 1 } is > 0.
 */
import { MlgeoError, Rational, RationalField } from '@mlgeo/exact-arith';
import { maxMarginFloat, solveLP } from '@mlgeo/exact-polytope';
import type { IntAffine } from './affine.js';
import type { FloatRow } from './cell-rows.js';
import type { ModelPartitionsErrorCode } from '../errors.js';

const absBig = (a: bigint): bigint => (a < 0n ? -a : a);

function norm(g: IntAffine): bigint {
  let m = 0n;
  for (const v of g.w) if (absBig(v) > m) m = absBig(v);
  return m;
}

/** Result of a strict-feasibility LP: the margin t* and a point achieving it (float). */
export interface SlackResult {
  feasible: boolean;
  margin: number;
  point: number[] | undefined;
}

/** Float LP: max t with the rows and equalities above (exact-polytope's `maxMarginFloat`). */
export function slackFloat(
  rows: readonly FloatRow[],
  equalities: readonly FloatRow[],
  stopAt = Infinity,
): SlackResult {
  const norms = rows.map((g) => {
    let m = 0;
    for (let i = 0; i < g.wf.length; i++) m = Math.max(m, Math.abs(g.wf[i]!));
    return m > 0 ? m : 1;
  });
  const r = maxMarginFloat(
    rows.map((g) => g.wf),
    norms,
    rows.map((g) => -g.cf),
    equalities.map((g) => g.wf),
    equalities.map((g) => -g.cf),
    stopAt,
  );
  if (r.status !== 'optimal') return { feasible: false, margin: -Infinity, point: undefined };
  return { feasible: true, margin: r.t, point: r.x };
}

/** Exact LP: true iff the strict system (inequalities strict, equalities kept) has a solution. */
export function strictlyFeasibleExact(
  rows: readonly IntAffine[],
  equalities: readonly IntAffine[],
): boolean {
  return strictPointExact(rows, equalities) !== undefined;
}

/**
 * Exact LP: a rational point satisfying the equalities with every inequality strictly negative (the
 * max-margin optimum, a certificate), or undefined when there is none.
 */
export function strictPointExact(
  rows: readonly IntAffine[],
  equalities: readonly IntAffine[],
): Rational[] | undefined {
  const d = (rows[0] ?? equalities[0])!.w.length;
  const Z = (v: bigint) => Rational.fromBigInt(v);
  const A = rows.map((g) => [...g.w.map(Z), Z(norm(g))]);
  const b = rows.map((g) => Z(-g.c));
  A.push([...new Array(d).fill(Rational.ZERO), Rational.ONE]);
  b.push(Rational.ONE);
  const Aeq = equalities.map((g) => [...g.w.map(Z), Rational.ZERO]);
  const beq = equalities.map((g) => Z(-g.c));
  const objective = [...new Array(d).fill(Rational.ZERO), Rational.ONE];
  const r = solveLP(RationalField, { objective, A, b, Aeq, beq, sense: 'max' });
  return r.status === 'optimal' && r.value!.sign() > 0 ? r.x!.slice(0, d) : undefined;
}

/** Exact optimum of max t over {g_i(x) + ‖w_i‖_∞ t ≤ 0, t ≤ 1}: > 0 full-dimensional, 0 flat, < 0 empty. */
export function maxMarginExact(rows: readonly IntAffine[]): Rational {
  const d = rows[0]!.w.length;
  const Z = (v: bigint) => Rational.fromBigInt(v);
  const A = rows.map((g) => [...g.w.map(Z), Z(norm(g) > 0n ? norm(g) : 1n)]);
  const b = rows.map((g) => Z(-g.c));
  A.push([...new Array(d).fill(Rational.ZERO), Rational.ONE]);
  b.push(Rational.ONE);
  const objective = [...new Array(d).fill(Rational.ZERO), Rational.ONE];
  const r = solveLP(RationalField, { objective, A, b, sense: 'max' });
  if (r.status !== 'optimal')
    throw new MlgeoError<ModelPartitionsErrorCode>('LP_FAILED', `margin LP ended ${r.status}`);
  return r.value!;
}

/**
 * Stiemke test: true iff some λ ≥ 1 has Σ λ_i w_i = 0, i.e. no y gives every w_i·y ≤ 0 with one
 * strictly negative. With rank(W) = d this says the polyhedron {g_i ≤ 0} is bounded.
 */
export function positiveDependence(rows: readonly IntAffine[]): boolean {
  const m = rows.length;
  const d = rows[0]!.w.length;
  const Z = (v: bigint) => Rational.fromBigInt(v);
  const A = Array.from({ length: m }, (_, i) =>
    Array.from({ length: m }, (_, j) => (i === j ? Rational.MINUS_ONE : Rational.ZERO)),
  );
  const b = new Array(m).fill(Rational.MINUS_ONE);
  const Aeq = Array.from({ length: d }, (_, k) => rows.map((g) => Z(g.w[k]!)));
  const beq = new Array(d).fill(Rational.ZERO);
  const objective = new Array(m).fill(Rational.ZERO);
  return solveLP(RationalField, { objective, A, b, Aeq, beq, sense: 'max' }).status === 'optimal';
}
