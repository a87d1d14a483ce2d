/**
 * A float dictionary simplex over a growing subset of one cell's rows, kept warm between LPs
 * (docs/math.md "LP tier", facets by Clarkson's redundancy removal): the region
 * Q = {x : w_j·x + c_j ≤ 0, j ∈ S} in the variables z = x − c, shifted to a strictly interior point
 * c, so z = 0 (every z free and nonbasic, every slack basic and positive) is a feasible start.
 *
 * - `maximise(w)` runs the primal simplex on w·z from the current basis: the region does not change
 *   between objectives, so the previous optimum is a feasible vertex and a new objective usually
 *   needs few pivots.
 * - `addRow(j)` appends a row (expressed in the current nonbasic variables, O(d²)) and, when the
 *   current vertex violates it, restores feasibility by dual simplex pivots (the basis stays dual
 *   feasible for the current objective, so the result is again optimal).
 *
 * Answers are float proposals only: callers certify every facet with an exact point and state
 * every redundancy as tier `float` (SPEC §1 filtered decisions). The optimum comes with its
 * multipliers λ ≥ 0 (w = Σ λ_j w_j over the tight rows) so a caller can re-check the bound from the
 * original rows, independently of the drift of the dictionary.
 */
import type { RowTable } from './float-rows.js';

/** Result of {@link WarmSimplex.maximise}. */
export interface WarmOptimum {
  status: 'optimal' | 'above' | 'unbounded' | 'failed';
  /** The optimal vertex x = c + z (float). */
  x?: Float64Array;
  /** Multipliers of the tight rows (system row → λ ≥ 0) at the optimum. */
  duals?: Map<number, number>;
  /** Unbounded: a direction u with w·u > 0 along which x + s·u stays in the region (s ≥ 0). */
  ray?: Float64Array;
  pivots: number;
}

const EPS = 1e-11;

export class WarmSimplex {
  private readonly d: number;
  private readonly W: number;
  private T: Float64Array;
  private cap: number;
  private n = 0;
  /** Variable of each dictionary row: 0..d−1 = z_k, d + j = slack of system row j. */
  private basic: Int32Array;
  /** Variable of each nonbasic column (length d). */
  private readonly nonbasic: Int32Array;
  /** Row of a basic variable (≥ 0) or −1 − column of a nonbasic one. */
  private readonly where = new Map<number, number>();
  private readonly obj: Float64Array;
  private readonly newRow: Float64Array;
  private readonly inQ = new Set<number>();
  /** Pivots done since construction. */
  pivots = 0;

  constructor(
    private readonly table: RowTable,
    private readonly centre: ArrayLike<number>,
  ) {
    const d = centre.length;
    this.d = d;
    this.W = d + 1;
    this.cap = Math.max(16, 2 * d);
    this.T = new Float64Array(this.cap * this.W);
    this.basic = new Int32Array(this.cap);
    this.nonbasic = Int32Array.from({ length: d }, (_, k) => k);
    for (let k = 0; k < d; k++) this.where.set(k, -1 - k);
    this.obj = new Float64Array(this.W);
    this.newRow = new Float64Array(this.W);
  }

  /** True when system row j is one of the region's rows. */
  has(j: number): boolean {
    return this.inQ.has(j);
  }

  /** Number of rows in the region. */
  get size(): number {
    return this.inQ.size;
  }

  private grow(): void {
    const cap = this.cap * 2;
    const T = new Float64Array(cap * this.W);
    T.set(this.T);
    const basic = new Int32Array(cap);
    basic.set(this.basic);
    this.T = T;
    this.basic = basic;
    this.cap = cap;
  }

  /** Writes the dictionary row of a linear form a·z + a0 in the current nonbasic variables. */
  private express(a: ArrayLike<number>, a0: number, out: Float64Array): void {
    out.fill(0);
    out[0] = a0;
    const { T, W } = this;
    for (let k = 0; k < this.d; k++) {
      const ak = a[k]!;
      if (ak === 0) continue;
      const at = this.where.get(k)!;
      if (at < 0) out[-at]! += ak;
      else {
        const o = at * W;
        for (let q = 0; q < W; q++) out[q]! += ak * T[o + q]!;
      }
    }
  }

  /**
   * Adds system row j (s_j = −g_j(c) − w_j·z ≥ 0) and restores primal feasibility by dual simplex
   * pivots. False when that fails (the caller stops using this simplex).
   */
  addRow(j: number): boolean {
    if (this.inQ.has(j)) return true;
    if (this.n === this.cap) this.grow();
    const { w, c } = this.table;
    const o = j * this.d;
    let gc = c[j]!;
    for (let k = 0; k < this.d; k++) gc += w[o + k]! * this.centre[k]!;
    const neg = new Float64Array(this.d);
    for (let k = 0; k < this.d; k++) neg[k] = -w[o + k]!;
    const r = this.n++;
    const row = this.T.subarray(r * this.W, (r + 1) * this.W);
    this.express(neg, -gc, row);
    this.basic[r] = this.d + j;
    this.where.set(this.d + j, r);
    this.inQ.add(j);
    return this.restore();
  }

  /** Dual simplex: drives every negative basic slack out of the basis. */
  private restore(): boolean {
    const { T, W, d } = this;
    for (let iter = 0; iter < 20 * (this.n + d) + 100; iter++) {
      let leave = -1;
      let worst = -1e-12;
      for (let r = 0; r < this.n; r++) {
        if (this.basic[r]! < d) continue;
        const v = T[r * W]!;
        if (v < worst) {
          worst = v;
          leave = r;
        }
      }
      if (leave < 0) return true;
      // entering: a column that raises the slack, least ratio |reduced cost| / coefficient
      const o = leave * W;
      let e = -1;
      let best = Infinity;
      let bestCoef = 0;
      for (let q = 0; q < d; q++) {
        const coef = T[o + q + 1]!;
        const free = this.nonbasic[q]! < d;
        if (free ? Math.abs(coef) <= EPS : coef <= EPS) continue;
        const ratio = Math.abs(this.obj[q + 1]!) / Math.abs(coef);
        if (ratio < best - 1e-15 || (ratio <= best + 1e-15 && Math.abs(coef) > bestCoef)) {
          best = ratio;
          bestCoef = Math.abs(coef);
          e = q;
        }
      }
      if (e < 0) return false;
      this.pivot(leave, e);
    }
    return false;
  }

  private pivot(leave: number, e: number): void {
    const { T, W, newRow } = this;
    const lo = leave * W;
    const pe = T[lo + e + 1]!;
    for (let q = 0; q < W; q++) newRow[q] = -T[lo + q]! / pe;
    newRow[e + 1] = 1 / pe;
    for (let r = 0; r < this.n; r++) {
      if (r === leave) continue;
      const o = r * W;
      const f = T[o + e + 1]!;
      if (f === 0) continue;
      T[o + e + 1] = 0;
      for (let q = 0; q < W; q++) T[o + q]! += f * newRow[q]!;
    }
    const f = this.obj[e + 1]!;
    if (f !== 0) {
      this.obj[e + 1] = 0;
      for (let q = 0; q < W; q++) this.obj[q]! += f * newRow[q]!;
    }
    T.set(newRow, lo);
    const entering = this.nonbasic[e]!;
    const leaving = this.basic[leave]!;
    this.nonbasic[e] = leaving;
    this.basic[leave] = entering;
    this.where.set(leaving, -1 - e);
    this.where.set(entering, leave);
    this.pivots++;
  }

  /**
   * Maximises w_i·x (system row i) over the region (primal simplex from the current basis). With
   * `stopAbove`, stops at the first vertex where w_i·x > stopAbove (status `above`: x is that
   * vertex, not an optimum).
   */
  maximise(i: number, stopAbove = Infinity): WarmOptimum {
    const { T, W, d } = this;
    const w = this.table.w.subarray(i * d, (i + 1) * d);
    const start = this.pivots;
    let wc = 0;
    for (let k = 0; k < d; k++) wc += w[k]! * this.centre[k]!;
    this.express(w, wc, this.obj);
    let degenerate = 0;
    for (let iter = 0; iter < 20 * (this.n + d) + 100; iter++) {
      if (this.obj[0]! > stopAbove) return { ...this.optimum(start), status: 'above' };
      let e = -1;
      let dir = 1;
      let best = 0;
      for (let q = 0; q < d; q++) {
        const dq = this.obj[q + 1]!;
        const v = this.nonbasic[q]!;
        let score = 0;
        let sgn = 1;
        if (v < d) {
          score = Math.abs(dq);
          sgn = dq > 0 ? 1 : -1;
        } else if (dq > 0) score = dq;
        if (score <= EPS) continue;
        if (degenerate > 30) {
          if (e < 0 || v < this.nonbasic[e]!) {
            e = q;
            dir = sgn;
          }
        } else if (score > best) {
          best = score;
          e = q;
          dir = sgn;
        }
      }
      if (e < 0) return this.optimum(start);
      let leave = -1;
      let ratio = Infinity;
      for (let r = 0; r < this.n; r++) {
        if (this.basic[r]! < d) continue;
        const coef = T[r * W + e + 1]! * dir;
        if (coef < -EPS) {
          const q = Math.max(0, T[r * W]!) / -coef;
          if (
            q < ratio - 1e-15 ||
            (Math.abs(q - ratio) <= 1e-15 && leave >= 0 && this.basic[r]! < this.basic[leave]!)
          ) {
            ratio = q;
            leave = r;
          }
        }
      }
      if (leave < 0) return this.unbounded(e, dir, start);
      degenerate = ratio <= 1e-14 ? degenerate + 1 : 0;
      this.pivot(leave, e);
    }
    return { status: 'failed', pivots: this.pivots - start };
  }

  private unbounded(e: number, dir: number, start: number): WarmOptimum {
    const { T, W, d } = this;
    const x = Float64Array.from(this.centre);
    const ray = new Float64Array(d);
    for (let r = 0; r < this.n; r++) {
      const v = this.basic[r]!;
      if (v < d) {
        x[v]! += T[r * W]!;
        ray[v] = T[r * W + e + 1]! * dir;
      }
    }
    const entering = this.nonbasic[e]!;
    if (entering < d) ray[entering] = dir;
    return { status: 'unbounded', x, ray, pivots: this.pivots - start };
  }

  private optimum(start: number): WarmOptimum {
    const { T, W, d } = this;
    const x = Float64Array.from(this.centre);
    for (let r = 0; r < this.n; r++) {
      const v = this.basic[r]!;
      if (v < d) x[v]! += T[r * W]!;
    }
    const duals = new Map<number, number>();
    for (let q = 0; q < d; q++) {
      const v = this.nonbasic[q]!;
      if (v >= d && this.obj[q + 1]! < 0) duals.set(v - d, -this.obj[q + 1]!);
    }
    if (!x.every(Number.isFinite)) return { status: 'failed', pivots: this.pivots - start };
    return { status: 'optimal', x, duals, pivots: this.pivots - start };
  }
}
