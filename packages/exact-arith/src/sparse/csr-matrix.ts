/**
 * Compressed sparse row matrices over any {@link Field}: exact over `RationalField`, fast over
 * `Float64Field` (values in a Float64Array). Boundary matrices of a complex and the Hodge-type
 * products B·M·Bᵀ of laplacian splines are sparse; nothing here builds a dense intermediate.
 *
 * Invariants: row i holds the columns `colIndex[rowStart[i] .. rowStart[i+1])`, strictly increasing,
 * and no stored value is zero in the field (entries that sum or cancel to zero are dropped, so
 * `nnz === 0` is an exact "is the zero matrix" test over an exact field).
 */
import { ShapeError } from '../errors.js';
import { type Field, isFloat64Field } from '../field.js';

/** One entry (row, col, value) of a matrix given by triplets. */
export interface Triplet<T> {
  readonly row: number;
  readonly col: number;
  readonly value: T;
}

/** Values storage: a Float64Array for the float64 field, a plain array otherwise. */
type Values<T> = T[] | Float64Array;

function newValues<T>(F: Field<T>, n: number): Values<T> {
  return isFloat64Field(F) ? new Float64Array(n) : new Array<T>(n);
}

function checkIndex(i: number, n: number, what: string): void {
  if (!Number.isInteger(i) || i < 0 || i >= n)
    throw new ShapeError(
      `${what} index ${i} is outside 0…${n - 1}`,
      what,
      `give ${what} indices in 0…${n - 1}`,
    );
}

function checkSize(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0)
    throw new ShapeError(`${what} count ${n} is not a natural number`, what, 'give a size ≥ 0');
}

/**
 * Builds a rows × cols matrix row by row: `fill(i, add)` adds the terms of row i; terms at the same
 * column are summed in a sparse accumulator (Gustavson), and sums that are zero are not stored.
 */
function accumulateRows<T>(
  F: Field<T>,
  rows: number,
  cols: number,
  fill: (i: number, add: (j: number, v: T) => void) => void,
): CsrMatrix<T> {
  const acc = new Array<T>(cols);
  const seen = new Uint8Array(cols);
  const rowStart = new Int32Array(rows + 1);
  const colList: number[] = [];
  const valList: T[] = [];
  let touched: number[] = [];
  const add = (j: number, v: T): void => {
    if (seen[j]) acc[j] = F.add(acc[j]!, v);
    else {
      seen[j] = 1;
      acc[j] = v;
      touched.push(j);
    }
  };
  for (let i = 0; i < rows; i++) {
    fill(i, add);
    touched.sort((a, b) => a - b);
    for (const j of touched) {
      seen[j] = 0;
      if (!F.isZero(acc[j]!)) {
        colList.push(j);
        valList.push(acc[j]!);
      }
    }
    rowStart[i + 1] = colList.length;
    touched = [];
  }
  const values = newValues(F, valList.length);
  for (let k = 0; k < valList.length; k++) values[k] = valList[k]!;
  return new CsrMatrix(F, rows, cols, rowStart, Int32Array.from(colList), values);
}

/** y_i = Σ_k v_k x_{ci_k} over row i (monomorphic on typed arrays, row bounds hoisted). */
function floatRowProducts(
  rs: Int32Array,
  ci: Int32Array,
  v: Float64Array,
  x: Float64Array,
  y: Float64Array,
  rows: number,
): void {
  let start = rows > 0 ? rs[0]! : 0;
  for (let i = 0; i < rows; i++) {
    const end = rs[i + 1]!;
    let s = 0;
    for (let k = start; k < end; k++) s += v[k]! * x[ci[k]!]!;
    y[i] = s;
    start = end;
  }
}

/** An immutable rows × cols sparse matrix in compressed sparse row form over the field F. */
export class CsrMatrix<T> {
  /** @internal Use {@link CsrMatrix.fromTriplets} or {@link CsrMatrix.fromDense}. */
  constructor(
    readonly field: Field<T>,
    readonly rows: number,
    readonly cols: number,
    /** rows + 1 offsets into colIndex / values. */
    readonly rowStart: Int32Array,
    /** Column of each stored entry, increasing within a row. */
    readonly colIndex: Int32Array,
    /** Value of each stored entry (never zero in the field). */
    readonly values: Values<T>,
  ) {}

  /** Number of stored (nonzero) entries. */
  get nnz(): number {
    return this.colIndex.length;
  }

  /** The matrix with the given entries; entries at the same position are summed. */
  static fromTriplets<T>(
    F: Field<T>,
    rows: number,
    cols: number,
    triplets: Iterable<Triplet<T>>,
  ): CsrMatrix<T> {
    checkSize(rows, 'row');
    checkSize(cols, 'column');
    const byRow: Triplet<T>[][] = Array.from({ length: rows }, () => []);
    for (const t of triplets) {
      checkIndex(t.row, rows, 'row');
      checkIndex(t.col, cols, 'column');
      byRow[t.row]!.push(t);
    }
    return accumulateRows(F, rows, cols, (i, add) => {
      for (const t of byRow[i]!) add(t.col, t.value);
    });
  }

  /** The nonzero entries of a dense matrix (array of rows; `cols` is needed when there are no rows). */
  static fromDense<T>(F: Field<T>, dense: readonly (readonly T[])[], cols?: number): CsrMatrix<T> {
    const n = cols ?? dense[0]?.length ?? 0;
    const triplets: Triplet<T>[] = [];
    dense.forEach((row, i) => {
      if (row.length !== n)
        throw new ShapeError(
          `row ${i} has ${row.length} entries, expected ${n}`,
          `dense[${i}]`,
          'give every row the same length',
        );
      row.forEach((value, j) => {
        if (!F.isZero(value)) triplets.push({ row: i, col: j, value });
      });
    });
    return CsrMatrix.fromTriplets(F, dense.length, n, triplets);
  }

  /** Entry (i, j) (the field's zero when not stored). */
  get(i: number, j: number): T {
    checkIndex(i, this.rows, 'row');
    checkIndex(j, this.cols, 'column');
    let lo = this.rowStart[i]!;
    let hi = this.rowStart[i + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const c = this.colIndex[mid]!;
      if (c === j) return this.values[mid] as T;
      if (c < j) lo = mid + 1;
      else hi = mid;
    }
    return this.field.zero;
  }

  /** The stored entries, row by row, columns increasing. */
  *entries(): IterableIterator<Triplet<T>> {
    for (let i = 0; i < this.rows; i++)
      for (let k = this.rowStart[i]!; k < this.rowStart[i + 1]!; k++)
        yield { row: i, col: this.colIndex[k]!, value: this.values[k] as T };
  }

  /** The transpose (a counting sort of the entries by column: rows stay increasing). */
  transpose(): CsrMatrix<T> {
    const start = new Int32Array(this.cols + 1);
    for (let k = 0; k < this.nnz; k++) start[this.colIndex[k]! + 1]!++;
    for (let j = 0; j < this.cols; j++) start[j + 1]! += start[j]!;
    const next = start.slice(0, this.cols);
    const colIndex = new Int32Array(this.nnz);
    const values = newValues(this.field, this.nnz);
    for (let i = 0; i < this.rows; i++)
      for (let k = this.rowStart[i]!; k < this.rowStart[i + 1]!; k++) {
        const p = next[this.colIndex[k]!]!++;
        colIndex[p] = i;
        values[p] = this.values[k]!;
      }
    return new CsrMatrix(this.field, this.cols, this.rows, start, colIndex, values);
  }

  /** The product A·x for a dense vector x. */
  mulVec(x: readonly T[]): T[] {
    this.checkPerColumn(x, 'the vector', 'x');
    const F = this.field;
    const out = new Array<T>(this.rows);
    for (let i = 0; i < this.rows; i++) {
      let s = F.zero;
      for (let k = this.rowStart[i]!; k < this.rowStart[i + 1]!; k++)
        s = F.add(s, F.mul(this.values[k] as T, x[this.colIndex[k]!]!));
      out[i] = s;
    }
    return out;
  }

  /** The product A·B (Gustavson's row-by-row algorithm with a sparse accumulator). */
  mul(b: CsrMatrix<T>): CsrMatrix<T> {
    if (b.rows !== this.cols)
      throw new ShapeError(
        `cannot multiply ${this.rows}×${this.cols} by ${b.rows}×${b.cols}`,
        'b',
        'the right factor needs as many rows as the left has columns',
      );
    return accumulateRows(this.field, this.rows, b.cols, (i, add) => {
      for (let k = this.rowStart[i]!; k < this.rowStart[i + 1]!; k++) {
        const a = this.values[k] as T;
        const r = this.colIndex[k]!;
        for (let l = b.rowStart[r]!; l < b.rowStart[r + 1]!; l++)
          add(b.colIndex[l]!, this.field.mul(a, b.values[l] as T));
      }
    });
  }

  /**
   * B·M·Bᵀ for the diagonal matrix M = diag(m) (m has one entry per column of B): entry (i, j) is
   * Σ_k B[i,k]·m_k·B[j,k], accumulated row by row over the columns of B (no dense matrix).
   */
  congruenceByDiagonal(m: readonly T[]): CsrMatrix<T> {
    this.checkPerColumn(m, 'the diagonal', 'm');
    const F = this.field;
    const bt = this.transpose();
    return accumulateRows(F, this.rows, this.rows, (i, add) => {
      for (let k = this.rowStart[i]!; k < this.rowStart[i + 1]!; k++) {
        const c = this.colIndex[k]!;
        const w = F.mul(this.values[k] as T, m[c]!);
        if (F.isZero(w)) continue;
        for (let l = bt.rowStart[c]!; l < bt.rowStart[c + 1]!; l++)
          add(bt.colIndex[l]!, F.mul(w, bt.values[l] as T));
      }
    });
  }

  /** The matrix with every entry mapped into the field G (entries that map to zero are dropped). */
  map<U>(G: Field<U>, f: (v: T) => U): CsrMatrix<U> {
    return accumulateRows(G, this.rows, this.cols, (i, add) => {
      for (let k = this.rowStart[i]!; k < this.rowStart[i + 1]!; k++)
        add(this.colIndex[k]!, f(this.values[k] as T));
    });
  }

  /** diag(left)·A·diag(right); either side may be omitted (no scaling on that side). */
  scale(left?: readonly T[], right?: readonly T[]): CsrMatrix<T> {
    if (left !== undefined && left.length !== this.rows)
      throw new ShapeError(
        `the left diagonal has ${left.length} entries, the matrix ${this.rows} rows`,
        'left',
        'give one entry per row',
      );
    if (right !== undefined) this.checkPerColumn(right, 'the right diagonal', 'right');
    const F = this.field;
    return accumulateRows(F, this.rows, this.cols, (i, add) => {
      for (let k = this.rowStart[i]!; k < this.rowStart[i + 1]!; k++) {
        const j = this.colIndex[k]!;
        let v = this.values[k] as T;
        if (left !== undefined) v = F.mul(left[i]!, v);
        if (right !== undefined) v = F.mul(v, right[j]!);
        add(j, v);
      }
    });
  }

  /** A + α·B for a matrix B of the same shape (α defaults to one). */
  add(b: CsrMatrix<T>, alpha?: T): CsrMatrix<T> {
    if (b.rows !== this.rows || b.cols !== this.cols)
      throw new ShapeError(
        `cannot add ${this.rows}×${this.cols} and ${b.rows}×${b.cols}`,
        'b',
        'give matrices of the same shape',
      );
    const F = this.field;
    return accumulateRows(F, this.rows, this.cols, (i, add) => {
      for (let k = this.rowStart[i]!; k < this.rowStart[i + 1]!; k++)
        add(this.colIndex[k]!, this.values[k] as T);
      for (let k = b.rowStart[i]!; k < b.rowStart[i + 1]!; k++) {
        const v = b.values[k] as T;
        add(b.colIndex[k]!, alpha === undefined ? v : F.mul(alpha, v));
      }
    });
  }

  /** The diagonal entries A[i, i], i < min(rows, cols). */
  diagonal(): T[] {
    const n = Math.min(this.rows, this.cols);
    const out = new Array<T>(n).fill(this.field.zero);
    for (let i = 0; i < n; i++)
      for (let k = this.rowStart[i]!; k < this.rowStart[i + 1]!; k++)
        if (this.colIndex[k] === i) out[i] = this.values[k] as T;
    return out;
  }

  /**
   * y = A·x in float64 without allocation, for a matrix over a float64 field (the inner loop of
   * iterative solvers): reads the Float64Array values directly.
   */
  mulVecFloat(x: Float64Array, y: Float64Array = new Float64Array(this.rows)): Float64Array {
    if (!isFloat64Field(this.field) || !(this.values instanceof Float64Array))
      throw new ShapeError(
        'mulVecFloat needs a matrix over a float64 field',
        'field',
        'map the matrix to Float64Field first (A.map(Float64Field, toNumber))',
      );
    if (x.length !== this.cols || y.length !== this.rows)
      throw new ShapeError(
        `cannot multiply ${this.rows}×${this.cols} by a vector of ${x.length} into ${y.length}`,
        'x',
        'give one entry per column and an output with one entry per row',
      );
    floatRowProducts(this.rowStart, this.colIndex, this.values, x, y, this.rows);
    return y;
  }

  /** Dense copy (array of rows). */
  toDense(): T[][] {
    const out = Array.from({ length: this.rows }, () =>
      new Array<T>(this.cols).fill(this.field.zero),
    );
    for (const e of this.entries()) out[e.row]![e.col] = e.value;
    return out;
  }

  /** Throws unless `v` has one entry per column. */
  private checkPerColumn(v: readonly T[], what: string, field: string): void {
    if (v.length !== this.cols)
      throw new ShapeError(
        `${what} has ${v.length} entries, the matrix ${this.cols} columns`,
        field,
        'give one entry per column',
      );
  }
}
