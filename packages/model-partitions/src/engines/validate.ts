/**
 * Shape checks on in-memory models before any geometry (readers validate files; this guards models
 * built by hand). Errors name the field and the fix.
 */
import { ShapeError } from '@mlgeo/exact-arith';
import type { Model } from '../models.js';
import { adapterFor } from '../adapters/index.js';

/**
 * Throws ShapeError / MlgeoError when the model's arrays do not fit together: the input dimension
 * here, the rest by the kind's adapter (an unknown kind is an UNKNOWN_MODEL error).
 */
export function validateModel(model: Model): void {
  const d = model.inputDimension;
  if (!Number.isInteger(d) || d < 1)
    throw new ShapeError(
      `input dimension ${d} is not a positive integer`,
      'inputDimension',
      'give d ≥ 1',
    );
  adapterFor(model).validate(model);
}
