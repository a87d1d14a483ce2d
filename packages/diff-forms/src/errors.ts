/**
 * Typed errors of @mlgeo/diff-forms. Each names the offending input field and the fix.
 */
import { MlgeoError } from '@mlgeo/exact-arith';

/** The codes @mlgeo/diff-forms throws (subject first, then the condition; docs/errors.md). */
export type DiffFormsErrorCode =
  | 'MODEL_NOT_MLP' // a model or cell that is not a ReLU MLP (or has no MLP maps)
  | 'LAYER_OUT_OF_RANGE' // a layer index outside 1..L
  | 'FORM_SHAPE' // a k-form, covector or matrix whose size does not fit the layer
  | 'DIMENSION_UNSUPPORTED' // a computation only implemented for d = 2, asked for another d
  | 'OPTION_INVALID' // an option value outside its range
  | 'DATA_SHAPE'; // training data whose points, labels or dimensions do not fit the model

/** Input or options that diff-forms cannot use. */
export class DiffFormsError extends MlgeoError<DiffFormsErrorCode> {
  constructor(code: DiffFormsErrorCode, message: string, field: string, fix: string) {
    super(code, message, { field, fix });
  }
}
