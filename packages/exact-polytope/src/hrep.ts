/**
 * Input normalisation for H-representations {x : A x ≤ b, A_eq x = b_eq} (SPEC §3).
 *
 * Each row a·x ≤ b becomes the homogeneous integer row h = (b, −a) of the cone
 * {(t, x) : h·(t, x) ≥ 0}, scaled to a primitive integer vector (coprime BigInts, positive
 * multiple), so the exact kernels work fraction-free. Zero rows are dropped (0 ≤ b) or mark the
 * system infeasible (b < 0); duplicate and positively proportional rows are merged.
 */
import { Rational, ShapeError, toPrimitiveIntegers, type RationalLike } from '@mlgeo/exact-arith';
import { inputNumber } from './input-number.js';

/** A normalised H-representation in homogeneous integer form (cdd's `b + a·x ≥ 0` rows). */
export interface IntegerHRep {
  /** Ambient dimension d. */
  d: number;
  /** Inequality rows h = (h0, h1..hd), meaning h0 + h'·x ≥ 0, primitive, pairwise distinct. */
  ineq: bigint[][];
  /** Equality rows h, meaning h0 + h'·x = 0, primitive, sign-normalised, pairwise distinct. */
  eq: bigint[][];
  /** True when a row alone already proves the system infeasible (0 ≤ b with b < 0). */
  infeasible: boolean;
}

/** An {@link IntegerHRep} made by `new`, so born young (docs/contributing.md, "Objects a run keeps"). */
class HRep implements IntegerHRep {
  constructor(
    public d: number,
    public ineq: bigint[][],
    public eq: bigint[][],
    public infeasible: boolean,
  ) {}
}

/** The H-representation (d, ineq, eq, infeasible) as given (see {@link HRep}). */
export function integerHRep(
  d: number,
  ineq: bigint[][],
  eq: bigint[][],
  infeasible: boolean,
): IntegerHRep {
  return new HRep(d, ineq, eq, infeasible);
}

function isArrayLike(x: unknown): x is readonly unknown[] {
  return Array.isArray(x);
}

/** Converts a matrix/vector pair with shape checks; field names are prefixed by `prefix`. */
function convertSystem(
  A: unknown,
  b: unknown,
  names: { A: string; b: string },
  d: number | undefined,
): { rows: Rational[][]; rhs: Rational[]; d: number | undefined } {
  if (!isArrayLike(A))
    throw new ShapeError(`${names.A} must be an array of rows`, names.A, 'pass A as number[][]');
  if (!isArrayLike(b))
    throw new ShapeError(`${names.b} must be an array`, names.b, 'pass b as number[]');
  if (A.length !== b.length)
    throw new ShapeError(
      `${names.A} has ${A.length} rows but ${names.b} has ${b.length} entries`,
      names.b,
      `give one right-hand side per row of ${names.A}`,
    );
  let dim = d;
  const rows: Rational[][] = [];
  const rhs: Rational[] = [];
  for (let i = 0; i < A.length; i++) {
    const row = A[i];
    if (!isArrayLike(row))
      throw new ShapeError(`${names.A}[${i}] must be an array`, `${names.A}[${i}]`);
    if (dim === undefined) dim = row.length;
    else if (row.length !== dim)
      throw new ShapeError(
        `${names.A}[${i}] has ${row.length} entries, expected ${dim}`,
        `${names.A}[${i}]`,
        'give every row the same length (the ambient dimension)',
      );
    rows.push(row.map((x, j) => inputNumber(x, `${names.A}[${i}][${j}]`)));
    rhs.push(inputNumber(b[i], `${names.b}[${i}]`));
  }
  return { rows, rhs, d: dim };
}

/** (b, −a) as a primitive integer vector; `undefined` for the zero vector. */
function homogeneousRow(a: readonly Rational[], b: Rational): bigint[] {
  return toPrimitiveIntegers([b, ...a.map((x) => x.neg())]);
}

/** Options accepted by {@link normalizeHRep}. */
export interface HRepInput {
  A: readonly (readonly RationalLike[])[];
  b: readonly RationalLike[];
  equalities?: { A: readonly (readonly RationalLike[])[]; b: readonly RationalLike[] } | undefined;
  /** Ambient dimension, required when there are no rows at all. */
  dimension?: number | undefined;
}

/**
 * Validates and normalises {x : A x ≤ b, A_eq x = b_eq}. Throws ShapeError / NonFiniteNumberError
 * naming the offending field (`A[i][j]`, `b[i]`, `equalities.A[i]`, ...).
 */
export function normalizeHRep(input: HRepInput): IntegerHRep {
  const ineqSys = convertSystem(input.A, input.b, { A: 'A', b: 'b' }, input.dimension);
  let d = ineqSys.d;
  let eqSys: { rows: Rational[][]; rhs: Rational[] } = { rows: [], rhs: [] };
  if (input.equalities !== undefined) {
    const e = convertSystem(
      input.equalities.A,
      input.equalities.b,
      { A: 'equalities.A', b: 'equalities.b' },
      d,
    );
    eqSys = e;
    d = e.d;
  }
  if (d === undefined)
    throw new ShapeError(
      'cannot tell the ambient dimension from an empty system',
      'A',
      'give at least one row, or pass the dimension explicitly',
    );
  let infeasible = false;
  const ineq: bigint[][] = [];
  const seen = new Set<string>();
  for (let i = 0; i < ineqSys.rows.length; i++) {
    const a = ineqSys.rows[i]!;
    const bi = ineqSys.rhs[i]!;
    if (a.every((x) => x.isZero())) {
      if (bi.sign() < 0) infeasible = true; // 0 ≤ b < 0
      continue; // 0 ≤ b ≥ 0 holds everywhere
    }
    const h = homogeneousRow(a, bi);
    const key = h.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    ineq.push(h);
  }
  const eq: bigint[][] = [];
  const seenEq = new Set<string>();
  for (let i = 0; i < eqSys.rows.length; i++) {
    const a = eqSys.rows[i]!;
    const bi = eqSys.rhs[i]!;
    if (a.every((x) => x.isZero())) {
      if (!bi.isZero()) infeasible = true; // 0 = b ≠ 0
      continue;
    }
    let h = homogeneousRow(a, bi);
    // an equality and its negative are the same constraint: first non-zero entry positive
    const first = h.find((x) => x !== 0n)!;
    if (first < 0n) h = h.map((x) => -x);
    const key = h.join(',');
    if (seenEq.has(key)) continue;
    seenEq.add(key);
    eq.push(h);
  }
  return integerHRep(d, ineq, eq, infeasible);
}
