/** Typed errors of the data-point readers (row and column of the offending value). */
import { MlgeoError } from '@mlgeo/exact-arith';

/** Machine-readable reasons a data file is rejected. */
export type DataFormatErrorCode =
  | 'INVALID' // wrong JSON type / not valid JSON
  | 'NOT_A_NUMBER' // a cell that is not an exact number
  | 'NON_FINITE' // NaN / Infinity
  | 'RAGGED' // a row with a different number of columns
  | 'DIMENSION_MISMATCH' // points whose dimension differs from the model's input dimension
  | 'EMPTY'; // no points

/** A data file (CSV or JSON points) that cannot be read exactly. */
export class DataFormatError extends MlgeoError<DataFormatErrorCode> {
  /** 0-based index of the point (data row), when the error concerns one. */
  readonly row: number | undefined;
  /** 0-based coordinate (column) index, when the error concerns one cell. */
  readonly column: number | undefined;
  /** 1-based line of a CSV file, when known. */
  readonly line: number | undefined;

  constructor(
    code: DataFormatErrorCode,
    detail: string,
    options: { field?: string; fix?: string; row?: number; column?: number; line?: number } = {},
  ) {
    super(code, detail, {
      ...(options.field !== undefined ? { field: options.field } : {}),
      ...(options.fix !== undefined ? { fix: options.fix } : {}),
    });
    this.row = options.row;
    this.column = options.column;
    this.line = options.line;
  }
}
