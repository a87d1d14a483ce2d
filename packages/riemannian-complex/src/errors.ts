/**
 * Typed errors of @mlgeo/riemannian-complex. Each names the offending input field and the fix.
 */
import { MlgeoError } from '@mlgeo/exact-arith';

/** The codes @mlgeo/riemannian-complex throws (subject first, then the condition; docs/errors.md). */
export type RiemannianComplexErrorCode =
  | 'NO_CELLS' // a partition without cells
  | 'BAD_CELL' // a cell that is not an object with a polytope
  | 'BAD_LABEL' // a cell label that is not a string
  | 'LABEL_DUPLICATE' // two cells with the same label
  | 'CELL_UNBOUNDED' // an unbounded cell
  | 'CELL_DEGENERATE' // a cell that is not full-dimensional
  | 'CELL_OUTSIDE_DOMAIN' // a cell not contained in the domain
  | 'DOMAIN_MISSING' // no domain given
  | 'DOMAIN_UNBOUNDED' // an unbounded domain
  | 'DOMAIN_DEGENERATE' // a domain that is not full-dimensional
  | 'DIMENSION_MISMATCH' // cells, domain or points of different dimension
  | 'NO_DATA' // a data-based option without data
  | 'DATA_COUNT_MISSING' // a cell without a data count
  | 'BAD_DATA_COUNT' // a data count that is not a non-negative integer
  | 'BAD_OPTION' // an option value outside its range
  | 'PARTITION_INCONSISTENT' // input contradicting the partition contract
  | 'NERVE_TOO_LARGE' // more than 2,000,000 simplices
  | 'VOLUME_FREE'; // a volume, centroid or face area asked of the volume-free data complex

/** A partition that cannot be turned into a complex (wrong dimensions, unbounded or empty cells …). */
export class PartitionInputError extends MlgeoError<RiemannianComplexErrorCode> {
  constructor(code: RiemannianComplexErrorCode, message: string, field: string, fix: string) {
    super(code, message, { field, fix });
  }
}

/** An option value outside its allowed range (e.g. `density` exponent β ∉ (0, 1]). */
export class ComplexOptionError extends MlgeoError<RiemannianComplexErrorCode> {
  constructor(message: string, field: string, fix: string) {
    super('BAD_OPTION', message, { field, fix });
  }
}

/** Input that contradicts the partition contract, detected during construction (SPEC §2). */
export class InconsistentPartitionError extends MlgeoError<RiemannianComplexErrorCode> {
  constructor(message: string, field: string, fix: string) {
    super('PARTITION_INCONSISTENT', message, { field, fix });
  }
}
