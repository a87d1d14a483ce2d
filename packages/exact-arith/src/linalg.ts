/**
 * Dense linear algebra over any Field: reduced row echelon form, rank, determinant, solve, null
 * space, inverse. Exact over RationalField; partial pivoting (largest magnitude) over float64.
 */
import { bareissDeterminant, bareissEchelon, bareissRank, integerKernel } from './bareiss.js';
import { ShapeError, SingularMatrixError } from './errors.js';
import { isRationalField, type Field } from './field.js';
import { toIntegerPoint } from './predicates/integer-point.js';
import { Rational } from './rational.js';

/** Dense row-major matrix over a field. */
export type Matrix<T> = T[][];

function checkRectangular<T>(m: readonly (readonly T[])[], name = 'matrix'): number {
  const cols = m.length === 0 ? 0 : m[0]!.length;
  m.forEach((row, i) => {
    if (row.length !== cols) {
      throw new ShapeError(`row ${i} has ${row.length} entries, expected ${cols}`, `${name}[${i}]`);
    }
  });
  return cols;
}

/** Result of `rref`. */
export interface EchelonResult<T> {
  /** Reduced row echelon form (pivot entries 1, zeros above and below). */
  rref: Matrix<T>;
  /** Pivot column of each non-zero row, in order. */
  pivots: number[];
  /** Determinant factor accumulated (sign of swaps × pivots), for square input. */
  det: T;
}

/**
 * Reduced row echelon form (Gauss–Jordan). Only the first `pivotColumns` columns (default: all)
 * are used as pivot columns, so an augmented matrix can be reduced on its left block.
 */
export function rref<T>(
  F: Field<T>,
  m: readonly (readonly T[])[],
  pivotColumns?: number,
): EchelonResult<T> {
  const cols = checkRectangular(m);
  const a = m.map((row) => row.slice());
  const rows = a.length;
  const limit = pivotColumns ?? cols;
  const pivots: number[] = [];
  let det = F.one;
  let r = 0;
  for (let c = 0; c < limit && r < rows; c++) {
    // choose pivot: first non-zero (exact) or largest magnitude (float)
    let best = -1;
    for (let i = r; i < rows; i++) {
      if (F.isZero(a[i]![c]!)) continue;
      if (best < 0) best = i;
      if (F.exact) break;
      if (F.cmp(F.abs(a[i]![c]!), F.abs(a[best]![c]!)) > 0) best = i;
    }
    if (best < 0) {
      det = F.zero;
      continue;
    }
    if (best !== r) {
      [a[r], a[best]] = [a[best]!, a[r]!];
      det = F.neg(det);
    }
    const pivotRow = a[r]!;
    const p = pivotRow[c]!;
    det = F.mul(det, p);
    for (let j = c; j < cols; j++) pivotRow[j] = F.div(pivotRow[j]!, p);
    for (let i = 0; i < rows; i++) {
      if (i === r) continue;
      const row = a[i]!;
      const f = row[c]!;
      if (F.isZero(f)) continue;
      for (let j = c; j < cols; j++) row[j] = F.sub(row[j]!, F.mul(f, pivotRow[j]!));
    }
    pivots.push(c);
    r++;
  }
  if (r < Math.min(rows, limit)) det = F.zero;
  return { rref: a, pivots, det };
}

/** Rank (number of pivots). Over RationalField it runs the fraction-free Bareiss kernel. */
export function rank<T>(F: Field<T>, m: readonly (readonly T[])[]): number {
  if (isRationalField(F)) {
    checkRectangular(m);
    return bareissRank(clearRowDenominators(m as readonly (readonly Rational[])[]).rows);
  }
  return rref(F, m).pivots.length;
}

/**
 * Determinant of a square matrix. Over RationalField each row is scaled to integers and the
 * fraction-free Bareiss kernel is used (det M = det(L·M) / ∏ L_i); other fields use
 * `eliminationDeterminant`.
 */
export function determinant<T>(F: Field<T>, m: readonly (readonly T[])[]): T {
  const n = m.length;
  if (checkRectangular(m) !== n && n > 0)
    throw new ShapeError(`determinant needs a square matrix, got ${n}×${m[0]!.length}`);
  if (isRationalField(F)) {
    const { rows, scale } = clearRowDenominators(m as readonly (readonly Rational[])[]);
    return Rational.of(bareissDeterminant(rows), scale) as T;
  }
  return eliminationDeterminant(F, m);
}

/** Rows multiplied by the lcm L_i of their denominators; `scale` = ∏ L_i. */
function clearRowDenominators(m: readonly (readonly Rational[])[]): {
  rows: bigint[][];
  scale: bigint;
} {
  let scale = 1n;
  const rows = m.map((row) => {
    const { num, den } = toIntegerPoint(row);
    scale *= den;
    return num as bigint[];
  });
  return { rows, scale };
}

/**
 * Determinant by Gaussian forward elimination over any field (first non-zero pivot when exact,
 * largest magnitude for floats).
 */
export function eliminationDeterminant<T>(F: Field<T>, m: readonly (readonly T[])[]): T {
  const n = m.length;
  if (checkRectangular(m) !== n && n > 0)
    throw new ShapeError(`determinant needs a square matrix, got ${n}×${m[0]!.length}`);
  if (n === 0) return F.one;
  // Forward elimination only (no back-substitution, no pivot-row scaling): about a third of the
  // field operations of the full rref.
  const a = m.map((row) => row.slice());
  let det = F.one;
  for (let c = 0; c < n; c++) {
    let best = -1;
    for (let i = c; i < n; i++) {
      if (F.isZero(a[i]![c]!)) continue;
      if (best < 0) best = i;
      if (F.exact) break;
      if (F.cmp(F.abs(a[i]![c]!), F.abs(a[best]![c]!)) > 0) best = i;
    }
    if (best < 0) return F.zero;
    if (best !== c) {
      [a[c], a[best]] = [a[best]!, a[c]!];
      det = F.neg(det);
    }
    const pivotRow = a[c]!;
    const p = pivotRow[c]!;
    det = F.mul(det, p);
    for (let i = c + 1; i < n; i++) {
      const row = a[i]!;
      if (F.isZero(row[c]!)) continue;
      const f = F.div(row[c]!, p);
      for (let j = c + 1; j < n; j++) row[j] = F.sub(row[j]!, F.mul(f, pivotRow[j]!));
    }
  }
  return det;
}

/**
 * A basis of {x : m x = 0}, one vector per free column (the rref basis: 1 on its free column, 0 on
 * the other free columns). Over RationalField it is computed by the fraction-free Bareiss kernel.
 */
export function nullSpace<T>(F: Field<T>, m: readonly (readonly T[])[], columns?: number): T[][] {
  const cols = m.length === 0 ? (columns ?? 0) : checkRectangular(m);
  if (isRationalField(F)) {
    const rows = clearRowDenominators(m as readonly (readonly Rational[])[]).rows;
    const { free, basis } = integerKernel(rows, cols);
    // each integer vector is a multiple of the rref basis vector of its free column: divide by it
    return basis.map((x, k) => {
      const d = x[free[k]!]!;
      return x.map((v) => Rational.of(v, d)) as T[];
    });
  }
  const { rref: r, pivots } = rref(F, m);
  const pivotSet = new Set(pivots);
  const basis: T[][] = [];
  for (let free = 0; free < cols; free++) {
    if (pivotSet.has(free)) continue;
    const v = new Array<T>(cols).fill(F.zero);
    v[free] = F.one;
    pivots.forEach((pc, i) => {
      v[pc] = F.neg(r[i]![free]!);
    });
    basis.push(v);
  }
  return basis;
}

/**
 * Solves m x = rhs. Returns one solution (free variables 0) or undefined when inconsistent.
 */
export function solve<T>(
  F: Field<T>,
  m: readonly (readonly T[])[],
  rhs: readonly T[],
): T[] | undefined {
  const cols = checkRectangular(m);
  if (rhs.length !== m.length)
    throw new ShapeError(
      `right-hand side has ${rhs.length} entries, matrix has ${m.length} rows`,
      'rhs',
    );
  const augmented = m.map((row, i) => [...row, rhs[i]!]);
  if (isRationalField(F)) {
    return rationalSolve(augmented as Rational[][], cols) as T[] | undefined;
  }
  const { rref: r, pivots } = rref(F, augmented, cols);
  for (let i = pivots.length; i < r.length; i++) if (!F.isZero(r[i]![cols]!)) return undefined;
  const x = new Array<T>(cols).fill(F.zero);
  pivots.forEach((pc, i) => {
    x[pc] = r[i]![cols]!;
  });
  return x;
}

/**
 * solve() over RationalField: Bareiss echelon form of the row-scaled augmented matrix, then
 * back-substitution of y = D·x in integers (D = last pivot = det of the pivot block, so y is
 * integral by Cramer's rule and every division is exact); free variables are 0.
 */
function rationalSolve(augmented: readonly (readonly Rational[])[], cols: number) {
  const { rows, pivots } = bareissEchelon(clearRowDenominators(augmented).rows);
  if (pivots.length > 0 && pivots[pivots.length - 1] === cols) return undefined; // 0 = c ≠ 0
  const x = new Array<Rational>(cols).fill(Rational.ZERO);
  if (pivots.length === 0) return x;
  const last = pivots.length - 1;
  const D = rows[last]![pivots[last]!]!;
  const y = new Array<bigint>(cols).fill(0n);
  for (let i = last; i >= 0; i--) {
    const row = rows[i]!;
    const pc = pivots[i]!;
    let s = D * row[cols]!;
    for (let k = i + 1; k <= last; k++) s -= row[pivots[k]!]! * y[pivots[k]!]!;
    y[pc] = s / row[pc]!;
  }
  for (const pc of pivots) x[pc] = Rational.of(y[pc]!, D);
  return x;
}

/** Inverse of a square matrix; throws SingularMatrixError when it has none. */
export function inverse<T>(F: Field<T>, m: readonly (readonly T[])[]): T[][] {
  const n = m.length;
  if (checkRectangular(m) !== n && n > 0)
    throw new ShapeError(`inverse needs a square matrix, got ${n}×${m[0]!.length}`);
  const augmented = m.map((row, i) => [
    ...row,
    ...Array.from({ length: n }, (_, j) => (i === j ? F.one : F.zero)),
  ]);
  const { rref: r, pivots } = rref(F, augmented, n);
  if (pivots.length < n) throw new SingularMatrixError();
  return r.map((row) => row.slice(n));
}

/** Transpose (an empty matrix stays empty). */
export function transpose<T>(m: readonly (readonly T[])[]): T[][] {
  if (m.length === 0) return [];
  return m[0]!.map((_, j) => m.map((row) => row[j]!));
}

/** Matrix product a·b; throws ShapeError when the inner sizes differ. */
export function matMul<T>(
  F: Field<T>,
  a: readonly (readonly T[])[],
  b: readonly (readonly T[])[],
): T[][] {
  const inner = b.length;
  const aCols = checkRectangular(a, 'a');
  const cols = checkRectangular(b, 'b');
  if (a.length > 0 && aCols !== inner)
    throw new ShapeError(`cannot multiply ${a.length}×${aCols} by ${inner}×${cols}`, 'b');
  return a.map((row) =>
    Array.from({ length: cols }, (_, j) => {
      let s = F.zero;
      for (let k = 0; k < inner; k++) s = F.add(s, F.mul(row[k]!, b[k]![j]!));
      return s;
    }),
  );
}

/** Matrix–vector product a·x. */
export function matVec<T>(F: Field<T>, a: readonly (readonly T[])[], x: readonly T[]): T[] {
  return a.map((row) => dot(F, row, x));
}

/** Dot product; throws ShapeError for different lengths. */
export function dot<T>(F: Field<T>, a: readonly T[], b: readonly T[]): T {
  if (a.length !== b.length)
    throw new ShapeError(`dot product of lengths ${a.length} and ${b.length}`);
  let s = F.zero;
  for (let i = 0; i < a.length; i++) s = F.add(s, F.mul(a[i]!, b[i]!));
  return s;
}
