/**
 * Fraction-free BigInt kernels (Bareiss elimination) for the exact hot path: every intermediate
 * entry is a minor of the input, so no gcds are taken and sizes stay bounded (Hadamard).
 */
import { gcdOfList } from './bigint.js';
import { ShapeError } from './errors.js';
import { toIntegerPoint } from './predicates/integer-point.js';
import { Rational } from './rational.js';

/** Determinant of a square integer matrix. */
export function bareissDeterminant(matrix: readonly (readonly bigint[])[]): bigint {
  const n = matrix.length;
  if (n === 0) return 1n;
  if (matrix.some((r) => r.length !== n))
    throw new ShapeError('bareissDeterminant needs a square matrix');
  const a = matrix.map((r) => r.slice());
  let sign = 1n;
  let prev = 1n;
  for (let k = 0; k < n - 1; k++) {
    if (a[k]![k] === 0n) {
      let swap = -1;
      for (let i = k + 1; i < n; i++)
        if (a[i]![k] !== 0n) {
          swap = i;
          break;
        }
      if (swap < 0) return 0n;
      [a[k], a[swap]] = [a[swap]!, a[k]!];
      sign = -sign;
    }
    const rk = a[k]!;
    const pivot = rk[k]!;
    for (let i = k + 1; i < n; i++) {
      const ri = a[i]!;
      const f = ri[k]!;
      for (let j = k + 1; j < n; j++) ri[j] = (pivot * ri[j]! - f * rk[j]!) / prev;
      ri[k] = 0n;
    }
    prev = pivot;
  }
  return sign * a[n - 1]![n - 1]!;
}

/** Result of `bareissEchelon`. */
export interface IntegerEchelon {
  /** Fraction-free row echelon form (rows beyond `pivots.length` are zero). */
  rows: bigint[][];
  /** Pivot column of each non-zero row. */
  pivots: number[];
}

/** Fraction-free row echelon form of an integer matrix (Bareiss with row swaps). */
export function bareissEchelon(matrix: readonly (readonly bigint[])[]): IntegerEchelon {
  const m = matrix.length;
  const n = m === 0 ? 0 : matrix[0]!.length;
  matrix.forEach((row, i) => {
    if (row.length !== n)
      throw new ShapeError(`row ${i} has ${row.length} entries, expected ${n}`, `matrix[${i}]`);
  });
  const a = matrix.map((r) => r.slice());
  const pivots: number[] = [];
  let prev = 1n;
  let r = 0;
  for (let c = 0; c < n && r < m; c++) {
    let p = -1;
    for (let i = r; i < m; i++)
      if (a[i]![c] !== 0n) {
        p = i;
        break;
      }
    if (p < 0) continue;
    if (p !== r) [a[r], a[p]] = [a[p]!, a[r]!];
    const rr = a[r]!;
    const pivot = rr[c]!;
    for (let i = r + 1; i < m; i++) {
      const ri = a[i]!;
      const f = ri[c]!;
      for (let j = c + 1; j < n; j++) ri[j] = (pivot * ri[j]! - f * rr[j]!) / prev;
      ri[c] = 0n;
    }
    prev = pivot;
    pivots.push(c);
    r++;
  }
  return { rows: a, pivots };
}

/** Rank of an integer matrix (fraction-free elimination). */
export function bareissRank(matrix: readonly (readonly bigint[])[]): number {
  return bareissEchelon(matrix).pivots.length;
}

/**
 * Integer basis of the null space {x : M x = 0}: one primitive integer vector per free column.
 */
export function integerNullSpace(
  matrix: readonly (readonly bigint[])[],
  columns?: number,
): bigint[][] {
  return integerKernel(matrix, columns).basis;
}

/**
 * integerNullSpace with the free column of each basis vector (the vector is 0 on the other free
 * columns and non-zero on its own).
 */
export function integerKernel(
  matrix: readonly (readonly bigint[])[],
  columns?: number,
): { free: number[]; basis: bigint[][] } {
  const n = matrix.length === 0 ? (columns ?? 0) : matrix[0]!.length;
  const { rows, pivots } = bareissEchelon(matrix);
  const pivotSet = new Set(pivots);
  const basis: bigint[][] = [];
  const freeColumns: number[] = [];
  // Cramer: with x_free = D, the determinant of the pivot block (the last Bareiss pivot), the
  // solution of the triangular system is integral, so every division below is exact.
  const last = pivots.length - 1;
  const scale = last >= 0 ? rows[last]![pivots[last]!]! : 1n;
  for (let free = 0; free < n; free++) {
    if (pivotSet.has(free)) continue;
    const x = new Array<bigint>(n).fill(0n);
    x[free] = scale;
    for (let i = pivots.length - 1; i >= 0; i--) {
      const row = rows[i]!;
      const pc = pivots[i]!;
      let s = 0n;
      for (let j = pc + 1; j < n; j++) if (x[j] !== 0n) s += row[j]! * x[j]!;
      x[pc] = -s / row[pc]!;
    }
    const g = gcdOfList(x);
    basis.push(g > 1n ? x.map((v) => v / g) : x);
    freeColumns.push(free);
  }
  return { free: freeColumns, basis };
}

/** Solves a square integer system A x = b exactly (undefined when A is singular). */
export function bareissSolve(
  a: readonly (readonly bigint[])[],
  b: readonly bigint[],
): Rational[] | undefined {
  const n = a.length;
  if (a.some((r) => r.length !== n) || b.length !== n)
    throw new ShapeError('bareissSolve needs a square system');
  const aug = a.map((r, i) => [...r, b[i]!]);
  const { rows, pivots } = bareissEchelon(aug);
  if (pivots.length < n || pivots[n - 1] !== n - 1) return undefined;
  const x: Rational[] = new Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const row = rows[i]!;
    let s = Rational.fromBigInt(row[n]!);
    for (let j = i + 1; j < n; j++) s = s.sub(x[j]!.mul(Rational.fromBigInt(row[j]!)));
    x[i] = s.div(Rational.fromBigInt(row[i]!));
  }
  return x;
}

/** Clears denominators: the primitive integer vector positively proportional to a rational one. */
export function toPrimitiveIntegers(values: readonly Rational[]): bigint[] {
  const ints = toIntegerPoint(values).num as bigint[];
  const g = gcdOfList(ints);
  return g > 1n ? ints.map((x) => x / g) : ints;
}
