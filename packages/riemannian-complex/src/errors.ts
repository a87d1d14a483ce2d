/**
 * Typed errors of @mlgeo/riemannian-complex. Each names the offending input field and the fix.
 */
import { MlgeoError } from '@mlgeo/exact-arith';

/** A partition that cannot be turned into a complex (wrong dimensions, unbounded or empty cells …). */
export class PartitionInputError extends MlgeoError {
  constructor(code: string, message: string, field: string, fix: string) {
    super(code, message, { field, fix });
  }
}

/** An option value outside its allowed range (e.g. `density` exponent β ∉ (0, 1]). */
export class ComplexOptionError extends MlgeoError {
  constructor(message: string, field: string, fix: string) {
    super('BAD_OPTION', message, { field, fix });
  }
}

/** Input that contradicts the partition contract, detected during construction (SPEC §2). */
export class InconsistentPartitionError extends MlgeoError {
  constructor(message: string, field: string, fix: string) {
    super('INCONSISTENT_PARTITION', message, { field, fix });
  }
}
