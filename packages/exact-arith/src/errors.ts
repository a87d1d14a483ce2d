/**
 * Typed errors shared by every mlgeo package. Each names the offending field (when there is one)
 * and says how to fix the input, so a CLI can print one clear line instead of a stack trace.
 */
import { brandSymbol, hasBrand, setBrand } from './brand.js';

/**
 * The codes @mlgeo/exact-arith throws (subject first, then the condition; see docs/errors.md).
 */
export type ExactArithErrorCode =
  | 'NON_FINITE' // NaN or ±Infinity where a finite number is required
  | 'PARSE' // a string that is not an exact number
  | 'DIVISION_BY_ZERO' // division by zero or a zero denominator
  | 'SHAPE' // matrix/vector shapes that do not fit together
  | 'SINGULAR' // a square matrix without inverse
  | 'NEGATIVE_RADICAND' // a negative number under a square root
  | 'SPEC_JSON'; // a SPEC JSON number that cannot be read

/**
 * Base class of every mlgeo error. `C` is the union of codes the throwing package uses, so a code
 * outside that union is a compile error.
 */
export class MlgeoError<C extends string = string> extends Error {
  /** Stable machine-readable code, e.g. `NON_FINITE`, `PARSE`, `SHAPE`. */
  readonly code: C;
  /** Path of the offending input field, e.g. `layers[1].weights[0][2]`. */
  readonly field: string | undefined;
  /** One sentence telling the user what to do. */
  readonly fix: string | undefined;

  constructor(code: C, message: string, options: { field?: string; fix?: string } = {}) {
    const parts = [message];
    if (options.field !== undefined) parts.unshift(`${options.field}:`);
    if (options.fix !== undefined) parts.push(`(fix: ${options.fix})`);
    super(parts.join(' '));
    this.name = new.target.name;
    this.code = code;
    this.field = options.field;
    this.fix = options.fix;
  }
}

const MLGEO_ERROR = brandSymbol('@mlgeo/exact-arith.MlgeoError');
setBrand(MlgeoError, MLGEO_ERROR);

/**
 * True for an MlgeoError (or subclass) from any copy of @mlgeo/exact-arith — use it instead of
 * `instanceof MlgeoError`, which fails for errors thrown by a second copy of the package.
 */
export function isMlgeoError(x: unknown): x is MlgeoError {
  return hasBrand(x, MLGEO_ERROR);
}

/** NaN or ±Infinity where a finite number is required. */
export class NonFiniteNumberError extends MlgeoError<ExactArithErrorCode> {
  constructor(value: number, field?: string) {
    super('NON_FINITE', `expected a finite number, got ${value}`, {
      ...(field !== undefined ? { field } : {}),
      fix: 'replace NaN/Infinity by a finite value',
    });
  }
}

/** A string that is not a number of the accepted forms. */
export class NumberParseError extends MlgeoError<ExactArithErrorCode> {
  constructor(text: string, field?: string) {
    super('PARSE', `cannot read ${JSON.stringify(text)} as an exact number`, {
      ...(field !== undefined ? { field } : {}),
      fix: 'write an integer, a fraction "p/q" or a decimal such as "0.1" or "1e-3"',
    });
  }
}

/** Division by zero or a zero denominator. */
export class DivisionByZeroError extends MlgeoError<ExactArithErrorCode> {
  constructor(field?: string) {
    super('DIVISION_BY_ZERO', 'division by zero', field !== undefined ? { field } : {});
  }
}

/** Matrix/vector shapes that do not fit together. */
export class ShapeError extends MlgeoError<ExactArithErrorCode> {
  constructor(message: string, field?: string, fix?: string) {
    super('SHAPE', message, {
      ...(field !== undefined ? { field } : {}),
      ...(fix !== undefined ? { fix } : {}),
    });
  }
}

/** A square matrix that has no inverse / a system with no unique solution. */
export class SingularMatrixError extends MlgeoError<ExactArithErrorCode> {
  constructor(message = 'matrix is singular') {
    super('SINGULAR', message);
  }
}

/** A negative number under a square root (r·√q needs q ≥ 0, SPEC §1). */
export class NegativeRadicandError extends MlgeoError<ExactArithErrorCode> {
  constructor(value: string, field?: string) {
    super('NEGATIVE_RADICAND', `cannot take the square root of the negative number ${value}`, {
      ...(field !== undefined ? { field } : {}),
      fix: 'pass a radicand q ≥ 0 and carry the sign in the rational coefficient r',
    });
  }
}
