/**
 * Dense linear algebra over any Field: reduced row echelon form, rank, determinant, solve, null
 * space, inverse. Exact over RationalField; partial pivoting (largest magnitude) over float64.
 */
import { ShapeError, SingularMatrixError } from './errors.js';
import type { Field } from './field.js';

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

export interface EchelonResult<T> {
  /** Reduced row echelon form (pivot entries 1, zeros above and below). */
  rref: Matrix<T>;
  /** Pivot column of each non-zero row, in order. */
  pivots: number[];
  /** Determinant factor accumulated (sign of swaps × pivots), for square input. */
  det: T;
}

/** Reduced row echelon form; columns listed in `stopAt` and beyond are not used as pivots. */
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

export function rank<T>(F: Field<T>, m: readonly (readonly T[])[]): number {
  return rref(F, m).pivots.length;
}

export function determinant<T>(F: Field<T>, m: readonly (readonly T[])[]): T {
  const n = m.length;
  if (checkRectangular(m) !== n && n > 0)
    throw new ShapeError(`determinant needs a square matrix, got ${n}×${m[0]!.length}`);
  if (n === 0) return F.one;
  const { pivots, det } = rref(F, m);
  return pivots.length === n ? det : F.zero;
}

/** A basis of {x : m x = 0}, one vector per free column. */
export function nullSpace<T>(F: Field<T>, m: readonly (readonly T[])[], columns?: number): T[][] {
  const cols = m.length === 0 ? (columns ?? 0) : checkRectangular(m);
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
  const { rref: r, pivots } = rref(F, augmented, cols);
  for (let i = pivots.length; i < r.length; i++) if (!F.isZero(r[i]![cols]!)) return undefined;
  const x = new Array<T>(cols).fill(F.zero);
  pivots.forEach((pc, i) => {
    x[pc] = r[i]![cols]!;
  });
  return x;
}

export function inverse<T>(F: Field<T>, m: readonly (readonly T[])[]): T[][] {
  const n = m.length;
  if (checkRectangular(m) !== n) throw new ShapeError('inverse needs a square matrix');
  const augmented = m.map((row, i) => [
    ...row,
    ...Array.from({ length: n }, (_, j) => (i === j ? F.one : F.zero)),
  ]);
  const { rref: r, pivots } = rref(F, augmented, n);
  if (pivots.length < n) throw new SingularMatrixError();
  return r.map((row) => row.slice(n));
}

export function transpose<T>(m: readonly (readonly T[])[]): T[][] {
  if (m.length === 0) return [];
  return m[0]!.map((_, j) => m.map((row) => row[j]!));
}

export function matMul<T>(
  F: Field<T>,
  a: readonly (readonly T[])[],
  b: readonly (readonly T[])[],
): T[][] {
  const inner = b.length;
  if (a.length > 0 && a[0]!.length !== inner)
    throw new ShapeError(`cannot multiply ${a.length}×${a[0]!.length} by ${inner}×…`);
  const cols = inner === 0 ? 0 : b[0]!.length;
  return a.map((row) =>
    Array.from({ length: cols }, (_, j) => {
      let s = F.zero;
      for (let k = 0; k < inner; k++) s = F.add(s, F.mul(row[k]!, b[k]![j]!));
      return s;
    }),
  );
}

export function matVec<T>(F: Field<T>, a: readonly (readonly T[])[], x: readonly T[]): T[] {
  return a.map((row) => dot(F, row, x));
}

export function dot<T>(F: Field<T>, a: readonly T[], b: readonly T[]): T {
  if (a.length !== b.length)
    throw new ShapeError(`dot product of lengths ${a.length} and ${b.length}`);
  let s = F.zero;
  for (let i = 0; i < a.length; i++) s = F.add(s, F.mul(a[i]!, b[i]!));
  return s;
}
