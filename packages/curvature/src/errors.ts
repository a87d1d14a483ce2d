/**
 * Typed errors of @mlgeo/curvature. Each names the offending input field and the fix.
 */
import { MlgeoError } from '@mlgeo/exact-arith';

/** The codes @mlgeo/curvature throws (subject first, then the condition; docs/errors.md). */
export type CurvatureErrorCode =
  | 'BAD_OPTION' // an option value outside its range
  | 'DATA_COUNT_MISSING' // a cell without a data count
  | 'BAD_GRAPH' // a graph with bad vertex indices, lengths or weights
  | 'MASS_MISMATCH' // transport masses of different totals or negative entries
  | 'EXACT_UNSUPPORTED' // an exact computation asked for on irrational data it cannot represent
  | 'DISCONNECTED'; // an edge whose endpoints the metric does not connect

/** Input or options that curvature cannot use. */
export class CurvatureInputError extends MlgeoError<CurvatureErrorCode> {
  constructor(code: CurvatureErrorCode, message: string, field: string, fix: string) {
    super(code, message, { field, fix });
  }
}
