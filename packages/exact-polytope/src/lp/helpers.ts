/**
 * LP-based predicates on H-polyhedra {x : A x ≤ b, Aeq x = beq}: feasibility, the range of a
 * linear function, redundancy of a row, strict and relative interior points.
 */
import { ShapeError, type Field } from '@mlgeo/exact-arith';
import { solveLP } from './solve.js';
import type { LPOptions, LPResult } from './types.js';

/** Optional equality rows `Aeq x = beq` shared by the helpers. */
export interface Equalities<T> {
  Aeq: readonly (readonly T[])[];
  beq: readonly T[];
}

function dimensionOf<T>(A: readonly (readonly T[])[], eq: Equalities<T> | undefined, n?: number) {
  const d = n ?? A[0]?.length ?? eq?.Aeq[0]?.length;
  if (d === undefined) {
    throw new ShapeError(
      'cannot tell the number of variables from zero rows',
      'A',
      'pass the dimension explicitly or at least one row',
    );
  }
  return d;
}

function eqPart<T>(eq: Equalities<T> | undefined) {
  return eq ? { Aeq: eq.Aeq, beq: eq.beq } : {};
}

/** True iff {x : A x ≤ b, Aeq x = beq} is non-empty. */
export function isFeasible<T>(
  F: Field<T>,
  A: readonly (readonly T[])[],
  b: readonly T[],
  eq?: Equalities<T>,
  options?: LPOptions & { dimension?: number },
): boolean {
  const d = dimensionOf(A, eq, options?.dimension);
  const res = solveLP(
    F,
    { objective: new Array<T>(d).fill(F.zero), A, b, ...eqPart(eq), sense: 'max' },
    options,
  );
  return res.status !== 'infeasible';
}

/** Maximises (or minimises) w·x over {x : A x ≤ b, Aeq x = beq}. */
export function maximizeLinear<T>(
  F: Field<T>,
  A: readonly (readonly T[])[],
  b: readonly T[],
  w: readonly T[],
  eq?: Equalities<T>,
  options?: LPOptions & { sense?: 'max' | 'min' },
): LPResult<T> {
  return solveLP(F, { objective: w, A, b, ...eqPart(eq), sense: options?.sense ?? 'max' }, options);
}

/** Range of w·x over a polyhedron: `empty`, or min/max (undefined = unbounded on that side). */
export type LinearRange<T> = { empty: true } | { empty: false; min?: T; max?: T };

/**
 * min and max of w·x over {x : A x ≤ b, Aeq x = beq}. A hyperplane w·x + c = 0 cuts the polyhedron
 * into two full parts iff min < −c < max (model-partitions uses this to test whether a neuron or a
 * split splits a cell).
 */
export function linearRange<T>(
  F: Field<T>,
  A: readonly (readonly T[])[],
  b: readonly T[],
  w: readonly T[],
  eq?: Equalities<T>,
  options?: LPOptions,
): LinearRange<T> {
  const hi = maximizeLinear(F, A, b, w, eq, { ...options, sense: 'max' });
  if (hi.status === 'infeasible') return { empty: true };
  const lo = maximizeLinear(F, A, b, w, eq, { ...options, sense: 'min' });
  return {
    empty: false,
    ...(lo.status === 'optimal' ? { min: lo.value! } : {}),
    ...(hi.status === 'optimal' ? { max: hi.value! } : {}),
  };
}

/** Where a polyhedron lies relative to the hyperplane w·x = c. */
export type HyperplaneSide = 'empty' | 'below' | 'above' | 'on' | 'cuts';

/**
 * Classifies P = {x : A x ≤ b, Aeq x = beq} against the hyperplane w·x = c: `'cuts'` when
 * min w·x < c < max w·x (both sides get a part of P with interior relative to P), `'below'` when
 * P ⊆ {w·x ≤ c} (touching allowed), `'above'` when P ⊆ {w·x ≥ c}, `'on'` when P lies in the
 * hyperplane, `'empty'` when P is empty. Solves one LP when the first one already decides.
 */
export function hyperplaneSide<T>(
  F: Field<T>,
  A: readonly (readonly T[])[],
  b: readonly T[],
  w: readonly T[],
  c: T,
  eq?: Equalities<T>,
  options?: LPOptions,
): HyperplaneSide {
  const hi = maximizeLinear(F, A, b, w, eq, { ...options, sense: 'max' });
  if (hi.status === 'infeasible') return 'empty';
  const belowOrOn = hi.status === 'optimal' && F.cmp(hi.value!, c) <= 0;
  const lo = maximizeLinear(F, A, b, w, eq, { ...options, sense: 'min' });
  const aboveOrOn = lo.status === 'optimal' && F.cmp(lo.value!, c) >= 0;
  if (belowOrOn && aboveOrOn) return 'on';
  if (belowOrOn) return 'below';
  if (aboveOrOn) return 'above';
  return 'cuts';
}

/**
 * True iff row i of A x ≤ b is implied by the other rows (and the equalities): max a_i·x over the
 * others is ≤ b_i, or the others are already infeasible. Of two identical rows each is redundant
 * with respect to the other: remove redundant rows one at a time.
 */
export function isRedundantRow<T>(
  F: Field<T>,
  A: readonly (readonly T[])[],
  b: readonly T[],
  i: number,
  eq?: Equalities<T>,
  options?: LPOptions,
): boolean {
  if (!Number.isInteger(i) || i < 0 || i >= A.length) {
    throw new ShapeError(
      `row index ${i} is outside 0..${A.length - 1}`,
      'i',
      'pass the index of an existing row',
    );
  }
  const others = A.filter((_, k) => k !== i);
  const otherB = b.filter((_, k) => k !== i);
  const res = solveLP(
    F,
    { objective: A[i]!, A: others, b: otherB, ...eqPart(eq), sense: 'max' },
    options,
  );
  if (res.status === 'infeasible') return true;
  if (res.status === 'unbounded') return false;
  return F.cmp(res.value!, b[i]!) <= 0;
}

/**
 * A point x with A x < b in every row (and Aeq x = beq), or undefined when none exists. Solves
 * max t s.t. A x + t·1 ≤ b, t ≤ 1; a point exists iff t* > 0. `slack` is t*.
 */
export function strictInteriorPoint<T>(
  F: Field<T>,
  A: readonly (readonly T[])[],
  b: readonly T[],
  eq?: Equalities<T>,
  options?: LPOptions & { dimension?: number },
): { x: T[]; slack: T } | undefined {
  const res = interiorLP(F, A, b, eq, options);
  if (res.status !== 'optimal' || F.sign(res.value!) <= 0) return undefined;
  return { x: res.x!.slice(0, -1), slack: res.value! };
}

function interiorLP<T>(
  F: Field<T>,
  A: readonly (readonly T[])[],
  b: readonly T[],
  eq: Equalities<T> | undefined,
  options?: LPOptions & { dimension?: number },
): LPResult<T> {
  const d = dimensionOf(A, eq, options?.dimension);
  const rows = A.map((row) => [...row, F.one]);
  const cap = new Array<T>(d).fill(F.zero);
  cap.push(F.one);
  const objective = cap.slice();
  return solveLP(
    F,
    {
      objective,
      A: [...rows, cap],
      b: [...b, F.one],
      ...(eq ? { Aeq: eq.Aeq.map((r) => [...r, F.zero]), beq: eq.beq } : {}),
      sense: 'max',
    },
    options,
  );
}

/**
 * A point in the relative interior of P = {x : A x ≤ b, Aeq x = beq} and the indices of the
 * inequality rows that are implicit equalities (tight on all of P); undefined when P is empty.
 * Each round solves max t s.t. A_I x + t ≤ b_I, A_E x = b_E, t ≤ 1; when t* = 0 the rows with a
 * positive dual multiplier are tight on all of P and move to E (at least one row moves, since the
 * multipliers of the rows in I sum to 1). Needs an exact field to be reliable.
 */
export function relativeInteriorPoint<T>(
  F: Field<T>,
  A: readonly (readonly T[])[],
  b: readonly T[],
  eq?: Equalities<T>,
  options?: LPOptions & { dimension?: number },
): { x: T[]; implicitEqualities: number[] } | undefined {
  const d = dimensionOf(A, eq, options?.dimension);
  let free = A.map((_, i) => i);
  const implicit: number[] = [];
  for (;;) {
    const Aeq = [...(eq?.Aeq ?? []), ...implicit.map((i) => A[i]!)];
    const beq = [...(eq?.beq ?? []), ...implicit.map((i) => b[i]!)];
    const res = interiorLP(
      F,
      free.map((i) => A[i]!),
      free.map((i) => b[i]!),
      Aeq.length > 0 ? { Aeq, beq } : undefined,
      { ...options, dimension: d },
    );
    if (res.status !== 'optimal' || F.sign(res.value!) < 0) return undefined;
    if (F.sign(res.value!) > 0 || free.length === 0) {
      return { x: res.x!.slice(0, d), implicitEqualities: implicit.sort((p, q) => p - q) };
    }
    const duals = res.duals!;
    const moving = free.filter((_, k) => F.sign(duals[k]!) > 0);
    if (moving.length === 0) {
      // cannot happen in exact arithmetic (the multipliers of I sum to 1); float round-off
      throw new ShapeError(
        'relative interior point: no implicit equality found although t* = 0',
        'A',
        'use the exact (rational) field',
      );
    }
    implicit.push(...moving);
    const movingSet = new Set(moving);
    free = free.filter((i) => !movingSet.has(i));
  }
}
