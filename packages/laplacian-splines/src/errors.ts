/**
 * Typed errors of @mlgeo/laplacian-splines. Each names the offending input field and the fix.
 */
import { MlgeoError } from '@mlgeo/exact-arith';

/** The codes @mlgeo/laplacian-splines throws (subject first, then the condition; docs/errors.md). */
export type LaplacianSplinesErrorCode =
  | 'COMPLEX_SHAPE' // boundary matrices and weights whose sizes do not fit together
  | 'WEIGHT_NEGATIVE' // a negative (or non-finite) weight M_k or γ_k
  | 'MASS_ZERO' // a cell with M_0 = 0 where M_0⁻¹ is needed
  | 'VALUES_SHAPE' // values, mask or cochain of the wrong length
  | 'COMPONENT_UNOBSERVED' // a connected component without observed cells (spline undefined)
  | 'OPTION_INVALID' // an option value outside its range
  | 'SOLVER_BREAKDOWN' // a factorisation or iteration that cannot proceed (matrix not SPD)
  | 'SOLVER_NOT_CONVERGED'; // an iterative solver that did not reach its tolerance

/** A malformed input or option (sizes, signs, ranges). */
export class LaplacianInputError extends MlgeoError<LaplacianSplinesErrorCode> {
  constructor(code: LaplacianSplinesErrorCode, message: string, field: string, fix: string) {
    super(code, message, { field, fix });
  }
}

/** A numerical method that could not deliver (breakdown, no convergence). */
export class SolverError extends MlgeoError<LaplacianSplinesErrorCode> {
  constructor(
    code: 'SOLVER_BREAKDOWN' | 'SOLVER_NOT_CONVERGED',
    message: string,
    field: string,
    fix: string,
  ) {
    super(code, message, { field, fix });
  }
}
