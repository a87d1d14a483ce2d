/**
 * H-representation files (`.ine`) in our convention A x ≤ b.
 *
 * A cdd/lrs row `b a1 … ad` means b + a·x ≥ 0, i.e. (−a)·x ≤ b: so A = −a and b = b.
 * Rows named by `linearity` hold with equality (A_i x = b_i).
 */
import { Rational, type RationalLike } from '@mlgeo/exact-arith';
import { readCddText, toRationalRows, writeCddText, type CddNumberType } from './cdd-text.js';
import { CddFormatError, CddWriteError } from './errors.js';

/** An H-representation read from a `.ine` file: {x : A x ≤ b}, rows in `equalities` with `=`. */
export interface IneData {
  /** Ambient dimension d (the file's column count minus one). */
  dimension: number;
  /** Constraint matrix, one row per file row (A = −a). */
  A: Rational[][];
  /** Right-hand sides (b). */
  b: Rational[];
  /** 0-based indices of the rows that are equalities (from `linearity`), sorted. */
  equalities: number[];
  /** The file's optional name line. */
  name?: string;
  /** Number type declared on the size line. */
  numberType: CddNumberType;
}

/** What `formatIne` writes: {x : A x ≤ b} with the rows in `equalities` meaning A_i x = b_i. */
export interface IneInput {
  A: readonly (readonly RationalLike[])[];
  b: readonly RationalLike[];
  equalities?: readonly number[];
  /** Needed only when A has no rows. */
  dimension?: number;
  name?: string;
}

/** Parses a cdd/lrs H-representation; malformed text throws CddFormatError with a line number. */
export function parseIne(text: string): IneData {
  const doc = readCddText(text);
  if (doc.representation === 'V') {
    throw new CddFormatError(
      'wrong-representation',
      1,
      'this file is a V-representation (points and rays), not an H-representation',
      'read it with parseExt / Polytope.fromExt',
    );
  }
  const data: IneData = {
    dimension: doc.columns - 1,
    A: doc.rows.map((r) => r.slice(1).map((x) => x.neg())),
    b: doc.rows.map((r) => r[0]!),
    equalities: doc.linearity,
    numberType: doc.numberType,
  };
  if (doc.name !== undefined) data.name = doc.name;
  return data;
}

/** Writes {x : A x ≤ b} (equalities via `linearity`) as a cdd/lrs `.ine` file. */
export function formatIne(input: IneInput): string {
  const d = input.dimension ?? input.A[0]?.length;
  if (d === undefined || !Number.isInteger(d) || d < 1) {
    throw new CddWriteError(
      'dimension',
      'the dimension is unknown or not a positive integer',
      'pass `dimension` when A has no rows',
    );
  }
  if (input.b.length !== input.A.length) {
    throw new CddWriteError(
      'b',
      `has ${input.b.length} entries for ${input.A.length} rows of A`,
      'give one right-hand side per row of A',
    );
  }
  const A = toRationalRows(input.A, d, 'A');
  const b = input.b.map((x, i) => Rational.from(x, `b[${i}]`));
  const equalities = input.equalities ?? [];
  for (const k of equalities) {
    if (!Number.isInteger(k) || k < 0 || k >= A.length) {
      throw new CddWriteError(
        'equalities',
        `row index ${k} is not a row of A (0..${A.length - 1})`,
        'list 0-based row indices of A',
      );
    }
  }
  const rows = A.map((a, i) => [b[i]!, ...a.map((x) => x.neg())]);
  return writeCddText({
    representation: 'H',
    ...(input.name !== undefined ? { name: input.name } : {}),
    columns: d + 1,
    rows,
    linearity: [...equalities],
  });
}
