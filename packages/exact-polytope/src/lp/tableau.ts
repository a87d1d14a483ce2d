/**
 * Dense simplex tableaux. The simplex driver (simplex.ts) only asks for signs, comparisons and
 * pivots, so the same driver runs on two kernels:
 *
 * - `FieldTableau<T>`: the textbook tableau over any `Field<T>` (rationals, or float64 with the
 *   field's zero tolerance); pivoting divides the pivot row.
 * - `IntegerTableau`: a fraction-free BigInt tableau (Edmonds/Bareiss integer pivoting). The real
 *   tableau is `T / D` with `D = |det B|` > 0 for the current basis B; every entry of `T` is a minor
 *   of the integer input, so the division in the pivot update is exact and no gcds are taken.
 *
 * Row layout: constraint rows `0..rows-1` plus a separate objective (reduced-cost) row. Column
 * layout is decided by the driver; `rhs` is kept apart so columns can be appended.
 */
import type { Field, Rational } from '@mlgeo/exact-arith';
import { Rational as R } from '@mlgeo/exact-arith';

/** What the simplex driver needs from a tableau; `V` is the type of the values it reports. */
export interface Tableau<V> {
  readonly rows: number;
  readonly cols: number;
  /** Sign of the real entry at (i, j). */
  sign(i: number, j: number): -1 | 0 | 1;
  /** Sign of the real right-hand side of row i. */
  rhsSign(i: number): -1 | 0 | 1;
  /** Sign of the reduced cost of column j (objective row). */
  objSign(j: number): -1 | 0 | 1;
  /** Sign of the objective row's right-hand side (the current objective value). */
  objValueSign(): -1 | 0 | 1;
  /** Compares reduced costs of columns j and k. */
  cmpObj(j: number, k: number): -1 | 0 | 1;
  /** Compares rhs_i / T[i][c] with rhs_k / T[k][c] (both entries positive). */
  cmpRatio(i: number, k: number, c: number): -1 | 0 | 1;
  /** |real entry (i, j)| compared with |real entry (k, j)| (pivot choice for free variables). */
  cmpAbs(i: number, k: number, j: number): -1 | 0 | 1;
  pivot(r: number, c: number): void;
  /** Multiplies row i (and its rhs) by −1. */
  negateRow(i: number): void;
  /** Appends a column equal to the unit vector e_r of the real tableau; returns its index. */
  addUnitColumn(r: number): number;
  /**
   * Sets the objective row for maximising Σ cost[j]·x_j given the basis (basis[i] = basic column
   * of row i, or −1). `cost` is in the kernel's input type (bigint for the integer kernel).
   */
  setObjective(cost: ReadonlyMap<number, unknown>, basis: readonly number[]): void;
  /** Real value of the rhs of row i. */
  rhsValue(i: number): V;
  /** Real reduced cost of column j. */
  objValue(j: number): V;
}

/** Textbook dense tableau over a Field. */
export class FieldTableau<T> implements Tableau<T> {
  readonly rows: number;
  cols: number;
  private readonly t: T[][];
  private readonly rhs: T[];
  private obj: T[];
  private objRhs: T;

  constructor(
    private readonly F: Field<T>,
    matrix: T[][],
    rhs: T[],
    cols: number,
  ) {
    this.rows = matrix.length;
    this.cols = cols;
    this.t = matrix;
    this.rhs = rhs;
    this.obj = new Array<T>(cols).fill(F.zero);
    this.objRhs = F.zero;
  }

  sign(i: number, j: number) {
    return this.F.sign(this.t[i]![j]!);
  }
  rhsSign(i: number) {
    return this.F.sign(this.rhs[i]!);
  }
  objSign(j: number) {
    return this.F.sign(this.obj[j]!);
  }
  objValueSign() {
    return this.F.sign(this.objRhs);
  }
  cmpObj(j: number, k: number) {
    return this.F.cmp(this.obj[j]!, this.obj[k]!);
  }
  cmpRatio(i: number, k: number, c: number) {
    const F = this.F;
    return F.cmp(F.mul(this.rhs[i]!, this.t[k]![c]!), F.mul(this.rhs[k]!, this.t[i]![c]!));
  }
  cmpAbs(i: number, k: number, j: number) {
    const F = this.F;
    return F.cmp(F.abs(this.t[i]![j]!), F.abs(this.t[k]![j]!));
  }

  pivot(r: number, c: number): void {
    const F = this.F;
    const pr = this.t[r]!;
    const p = pr[c]!;
    const n = this.cols;
    for (let j = 0; j < n; j++) pr[j] = F.div(pr[j]!, p);
    pr[c] = F.one;
    this.rhs[r] = F.div(this.rhs[r]!, p);
    const rr = this.rhs[r]!;
    const eliminate = (row: T[], f: T): void => {
      for (let j = 0; j < n; j++) {
        const v = pr[j]!;
        if (!F.isZero(v)) row[j] = F.sub(row[j]!, F.mul(f, v));
      }
      row[c] = F.zero;
    };
    for (let i = 0; i < this.rows; i++) {
      if (i === r) continue;
      const row = this.t[i]!;
      const f = row[c]!;
      if (F.isZero(f)) continue;
      eliminate(row, f);
      this.rhs[i] = F.sub(this.rhs[i]!, F.mul(f, rr));
    }
    const f = this.obj[c]!;
    if (!F.isZero(f)) {
      eliminate(this.obj, f);
      this.objRhs = F.sub(this.objRhs, F.mul(f, rr));
    }
  }

  negateRow(i: number): void {
    const F = this.F;
    const row = this.t[i]!;
    for (let j = 0; j < this.cols; j++) row[j] = F.neg(row[j]!);
    this.rhs[i] = F.neg(this.rhs[i]!);
  }

  addUnitColumn(r: number): number {
    const F = this.F;
    for (let i = 0; i < this.rows; i++) this.t[i]!.push(i === r ? F.one : F.zero);
    this.obj.push(F.zero);
    return this.cols++;
  }

  setObjective(cost: ReadonlyMap<number, unknown>, basis: readonly number[]): void {
    const F = this.F;
    // objective row z − Σ c_j x_j = 0, then eliminate the basic columns
    const obj = new Array<T>(this.cols).fill(F.zero);
    for (const [j, c] of cost) obj[j] = F.neg(c as T);
    let objRhs = F.zero;
    for (let i = 0; i < this.rows; i++) {
      const b = basis[i]!;
      if (b < 0) continue;
      const cb = cost.get(b) as T | undefined;
      if (cb === undefined || F.isZero(cb)) continue;
      const row = this.t[i]!;
      for (let j = 0; j < this.cols; j++) obj[j] = F.add(obj[j]!, F.mul(cb, row[j]!));
      objRhs = F.add(objRhs, F.mul(cb, this.rhs[i]!));
    }
    for (const b of basis) if (b >= 0) obj[b] = F.zero;
    this.obj = obj;
    this.objRhs = objRhs;
  }

  rhsValue(i: number): T {
    return this.rhs[i]!;
  }
  objValue(j: number): T {
    return this.obj[j]!;
  }
}

const sgn = (a: bigint): -1 | 0 | 1 => (a > 0n ? 1 : a < 0n ? -1 : 0);
const cmpBig = (a: bigint, b: bigint): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0);

/** Fraction-free integer tableau: real tableau = t / d with d > 0 (Bareiss integer pivoting). */
export class IntegerTableau implements Tableau<Rational> {
  readonly rows: number;
  cols: number;
  private readonly t: bigint[][];
  private readonly rhs: bigint[];
  private obj: bigint[];
  private objRhs = 0n;
  /** Common denominator |det B|. */
  d = 1n;

  /** `matrix` and `rhs` must be integer (scale each row by its denominators first). */
  constructor(matrix: bigint[][], rhs: bigint[], cols: number) {
    this.rows = matrix.length;
    this.cols = cols;
    this.t = matrix;
    this.rhs = rhs;
    this.obj = new Array<bigint>(cols).fill(0n);
  }

  sign(i: number, j: number) {
    return sgn(this.t[i]![j]!);
  }
  rhsSign(i: number) {
    return sgn(this.rhs[i]!);
  }
  objSign(j: number) {
    return sgn(this.obj[j]!);
  }
  objValueSign() {
    return sgn(this.objRhs);
  }
  cmpObj(j: number, k: number) {
    return cmpBig(this.obj[j]!, this.obj[k]!);
  }
  cmpRatio(i: number, k: number, c: number) {
    return cmpBig(this.rhs[i]! * this.t[k]![c]!, this.rhs[k]! * this.t[i]![c]!);
  }
  cmpAbs(i: number, k: number, j: number) {
    const a = this.t[i]![j]!;
    const b = this.t[k]![j]!;
    return cmpBig(a < 0n ? -a : a, b < 0n ? -b : b);
  }

  pivot(r: number, c: number): void {
    const pr = this.t[r]!;
    const p = pr[c]!;
    const d = this.d;
    const n = this.cols;
    const rr = this.rhs[r]!;
    // new entry = (p·t_ij − t_ic·t_rj) / d, exact by Sylvester's identity; row r is unchanged
    const update = (row: bigint[], f: bigint): void => {
      if (f === 0n) {
        if (p !== d) for (let j = 0; j < n; j++) row[j] = (p * row[j]!) / d;
        return;
      }
      for (let j = 0; j < n; j++) {
        const v = pr[j]!;
        const x = row[j]!;
        row[j] = v === 0n ? (p * x) / d : (p * x - f * v) / d;
      }
    };
    for (let i = 0; i < this.rows; i++) {
      if (i === r) continue;
      const row = this.t[i]!;
      const f = row[c]!;
      const b = this.rhs[i]!;
      update(row, f);
      this.rhs[i] = (p * b - f * rr) / d;
    }
    const f = this.obj[c]!;
    update(this.obj, f);
    this.objRhs = (p * this.objRhs - f * rr) / d;
    this.d = p;
    if (p < 0n) this.negateAll();
  }

  private negateAll(): void {
    for (let i = 0; i < this.rows; i++) this.negateRow(i);
    for (let j = 0; j < this.cols; j++) this.obj[j] = -this.obj[j]!;
    this.objRhs = -this.objRhs;
    this.d = -this.d;
  }

  negateRow(i: number): void {
    const row = this.t[i]!;
    for (let j = 0; j < this.cols; j++) row[j] = -row[j]!;
    this.rhs[i] = -this.rhs[i]!;
  }

  addUnitColumn(r: number): number {
    // real e_r = (d·e_r)/d; its original column is the current basic column of row r, so the
    // minors invariant (entries = d·B⁻¹M for an integer M) is kept
    for (let i = 0; i < this.rows; i++) this.t[i]!.push(i === r ? this.d : 0n);
    this.obj.push(0n);
    return this.cols++;
  }

  setObjective(cost: ReadonlyMap<number, unknown>, basis: readonly number[]): void {
    const obj = new Array<bigint>(this.cols).fill(0n);
    for (const [j, c] of cost) obj[j] = -(c as bigint) * this.d;
    let objRhs = 0n;
    for (let i = 0; i < this.rows; i++) {
      const b = basis[i]!;
      if (b < 0) continue;
      const cb = cost.get(b) as bigint | undefined;
      if (cb === undefined || cb === 0n) continue;
      const row = this.t[i]!;
      for (let j = 0; j < this.cols; j++) obj[j] = obj[j]! + cb * row[j]!;
      objRhs += cb * this.rhs[i]!;
    }
    for (const b of basis) if (b >= 0) obj[b] = 0n;
    this.obj = obj;
    this.objRhs = objRhs;
  }

  rhsValue(i: number): Rational {
    return R.of(this.rhs[i]!, this.d);
  }
  objValue(j: number): Rational {
    return R.of(this.obj[j]!, this.d);
  }
}

/**
 * Float64Array tableau: the same algorithm as FieldTableau over float64, without per-entry closure
 * calls. Signs are decided with the absolute tolerance `eps`; answers are not certified.
 */
export class Float64Tableau implements Tableau<number> {
  readonly rows: number;
  cols: number;
  private readonly t: Float64Array[];
  private readonly rhs: Float64Array;
  private obj: Float64Array;
  private objRhs = 0;

  /** `capacity` ≥ cols + number of artificial columns that may be added. */
  constructor(
    matrix: readonly (readonly number[])[],
    rhs: readonly number[],
    cols: number,
    capacity: number,
    private readonly eps: number,
  ) {
    this.rows = matrix.length;
    this.cols = cols;
    this.t = matrix.map((row) => {
      const a = new Float64Array(capacity);
      for (let j = 0; j < cols; j++) a[j] = row[j]!;
      return a;
    });
    this.rhs = Float64Array.from(rhs);
    this.obj = new Float64Array(capacity);
  }

  private sgn(x: number): -1 | 0 | 1 {
    return x > this.eps ? 1 : x < -this.eps ? -1 : 0;
  }
  sign(i: number, j: number) {
    return this.sgn(this.t[i]![j]!);
  }
  rhsSign(i: number) {
    return this.sgn(this.rhs[i]!);
  }
  objSign(j: number) {
    return this.sgn(this.obj[j]!);
  }
  objValueSign() {
    return this.sgn(this.objRhs);
  }
  cmpObj(j: number, k: number) {
    return this.sgn(this.obj[j]! - this.obj[k]!);
  }
  cmpRatio(i: number, k: number, c: number) {
    const a = this.rhs[i]! / this.t[i]![c]!;
    const b = this.rhs[k]! / this.t[k]![c]!;
    return a < b - this.eps ? -1 : a > b + this.eps ? 1 : 0;
  }
  cmpAbs(i: number, k: number, j: number) {
    const a = Math.abs(this.t[i]![j]!);
    const b = Math.abs(this.t[k]![j]!);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  pivot(r: number, c: number): void {
    const pr = this.t[r]!;
    const n = this.cols;
    const inv = 1 / pr[c]!;
    for (let j = 0; j < n; j++) pr[j]! *= inv;
    pr[c] = 1;
    this.rhs[r]! *= inv;
    const rr = this.rhs[r]!;
    // indices of the pivot row's non-zeros: the update touches only those columns
    const nz: number[] = [];
    for (let j = 0; j < n; j++) if (pr[j] !== 0) nz.push(j);
    const eliminate = (row: Float64Array, f: number): void => {
      for (const j of nz) row[j]! -= f * pr[j]!;
      row[c] = 0;
    };
    for (let i = 0; i < this.rows; i++) {
      if (i === r) continue;
      const row = this.t[i]!;
      const f = row[c]!;
      if (f === 0) continue;
      eliminate(row, f);
      this.rhs[i]! -= f * rr;
    }
    const f = this.obj[c]!;
    if (f !== 0) {
      eliminate(this.obj, f);
      this.objRhs -= f * rr;
    }
  }

  negateRow(i: number): void {
    const row = this.t[i]!;
    for (let j = 0; j < this.cols; j++) row[j] = -row[j]!;
    this.rhs[i] = -this.rhs[i]!;
  }

  addUnitColumn(r: number): number {
    const j = this.cols++;
    for (let i = 0; i < this.rows; i++) this.t[i]![j] = i === r ? 1 : 0;
    this.obj[j] = 0;
    return j;
  }

  setObjective(cost: ReadonlyMap<number, unknown>, basis: readonly number[]): void {
    const obj = new Float64Array(this.obj.length);
    for (const [j, c] of cost) obj[j] = -(c as number);
    let objRhs = 0;
    for (let i = 0; i < this.rows; i++) {
      const b = basis[i]!;
      if (b < 0) continue;
      const cb = cost.get(b) as number | undefined;
      if (cb === undefined || cb === 0) continue;
      const row = this.t[i]!;
      for (let j = 0; j < this.cols; j++) obj[j]! += cb * row[j]!;
      objRhs += cb * this.rhs[i]!;
    }
    for (const b of basis) if (b >= 0) obj[b] = 0;
    this.obj = obj;
    this.objRhs = objRhs;
  }

  rhsValue(i: number): number {
    return this.rhs[i]!;
  }
  objValue(j: number): number {
    return this.obj[j]!;
  }
}
