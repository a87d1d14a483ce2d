/**
 * Typed errors of the cdd/lrs text format reader and writer.
 */
import { MlgeoError } from '@mlgeo/exact-arith';
import type { ExactPolytopeErrorCode } from '../errors.js';

/** What went wrong in a cdd/lrs file; stable, for programs that branch on it. */
export type CddFormatProblem =
  | 'missing-begin'
  | 'missing-end'
  | 'bad-size-line'
  | 'bad-number-type'
  | 'bad-number'
  | 'wrong-column-count'
  | 'row-count-mismatch'
  | 'bad-linearity'
  | 'linearity-out-of-range'
  | 'wrong-representation'
  | 'bad-generator'
  | 'unsupported-option';

/**
 * A malformed cdd/lrs `.ine`/`.ext` file. `line` is the 1-based line number of the offending
 * line (the last line of the text when something is missing at the end).
 */
export class CddFormatError extends MlgeoError<ExactPolytopeErrorCode> {
  /** 1-based line number in the text that was read. */
  readonly line: number;
  /** Which rule of the format was broken. */
  readonly problem: CddFormatProblem;

  constructor(problem: CddFormatProblem, line: number, message: string, fix: string) {
    super('CDD_FORMAT', message, { field: `line ${line}`, fix });
    this.line = line;
    this.problem = problem;
  }
}

/** Data handed to `formatIne`/`formatExt` that cannot be written as a valid cdd/lrs file. */
export class CddWriteError extends MlgeoError<ExactPolytopeErrorCode> {
  constructor(field: string, message: string, fix: string) {
    super('CDD_WRITE', message, { field, fix });
  }
}
