/** Problem and result types of the exact/float LP solver. */

/** A linear program over a field: optimise `objective · x` subject to `A x ≤ b`, `Aeq x = beq`. */
export interface LPProblem<T> {
  /** Objective coefficients, one per variable (x is free: unrestricted in sign). */
  objective: readonly T[];
  /** Inequality rows `A x ≤ b` (may be empty). */
  A: readonly (readonly T[])[];
  b: readonly T[];
  /** Equality rows `Aeq x = beq` (optional). */
  Aeq?: readonly (readonly T[])[];
  beq?: readonly T[];
  /** `'max'` (default) or `'min'`. */
  sense?: 'max' | 'min';
}

/** Outcome of an LP: optimal with a solution, infeasible, or unbounded in the objective direction. */
export type LPStatus = 'optimal' | 'infeasible' | 'unbounded';

export interface LPResult<T> {
  status: LPStatus;
  /** An optimal vertex-like solution (status `optimal`). */
  x?: T[];
  /** The optimal objective value (status `optimal`). */
  value?: T;
  /**
   * Multipliers y ≥ 0 of the inequality rows at the optimum (status `optimal`): for sense `'max'`,
   * Aᵀy + Aeqᵀz = objective and bᵀy + beqᵀz = value for some z; for `'min'` the same with
   * −objective and −value. Rows with y_i > 0 are tight at every optimum.
   */
  duals?: T[];
  /** Simplex pivots performed (phase 0, 1 and 2). */
  pivots: number;
}

/** Which tableau kernel runs the simplex. */
export type LPKernel = 'auto' | 'certified' | 'bareiss' | 'field' | 'float64';

export interface LPOptions {
  /**
   * - `'certified'` (RationalField): float64 simplex, then the final basis is verified exactly
   *   (primal and dual feasibility by BigInt elimination); an infeasible float answer is
   *   certified through the elastic LP min t s.t. A x − t ≤ b. Falls back to `'bareiss'` when a
   *   check fails (and for unbounded LPs). Exact answers at close to float speed.
   * - `'bareiss'` (RationalField): fraction-free BigInt tableau throughout.
   * - `'field'`: tableau over the given field (rationals with cross-reduction, or any field).
   * - `'float64'` (Float64Field): Float64Array tableau with the field's tolerance.
   * - `'auto'` (default): `'certified'` for RationalField, `'float64'` for float64 fields,
   *   `'field'` otherwise.
   */
  kernel?: LPKernel;
  /** Safety stop (typed error LP_ITERATION_LIMIT); default 50 000 pivots. */
  maxPivots?: number;
}
