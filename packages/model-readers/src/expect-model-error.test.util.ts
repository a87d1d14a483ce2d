/** Test utility shared by the reader tests (not part of the package API). */
import { expect } from 'vitest';
import { ModelFormatError, type ModelFormatErrorCode } from './errors.js';

/**
 * Runs `fn` and asserts it throws a ModelFormatError with this code, with this field when one is
 * given, and with a fix for the user.
 */
export function expectModelError(
  fn: () => unknown,
  code: ModelFormatErrorCode,
  field?: string,
): ModelFormatError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ModelFormatError);
  const e = caught as ModelFormatError;
  expect(e.code).toBe(code);
  if (field !== undefined) expect(e.field).toBe(field);
  expect(e.fix).toBeTruthy();
  return e;
}
