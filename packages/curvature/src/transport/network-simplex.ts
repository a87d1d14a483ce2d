/**
 * The transportation problem min Σ c_ij f_ij, Σ_j f_ij = a_i, Σ_i f_ij = b_j, f ≥ 0, solved by the
 * primal network simplex on its bipartite spanning-tree bases (SPEC §8). One implementation serves
 * every number type of the amounts a, b, f (`Amounts<T>`): exact integers (the constraint matrix is
 * totally unimodular, so an integral problem has an integral optimal flow), exact quadratic
 * numbers, and float64. Costs are numbers; in the exact modes they are integers, so the potentials
 * are integers too and reduced costs are computed exactly.
 *
 * Pivot rules (the same for every T): the initial basis is the north-west corner tree; the entering
 * cell is the one of most negative reduced cost (Dantzig, first in row-major order among ties);
 * the leaving cell is the first cell of minimal flow among the cycle's decreasing cells, walking
 * the cycle from the entering cell's row. After `m·n + 20` pivots without finishing (a sign of
 * degenerate cycling) both choices switch to Bland's smallest-index rule, which terminates.
 */

/** The arithmetic the simplex needs on amounts (flows, masses). */
export interface Amounts<T> {
  readonly zero: T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  cmp(a: T, b: T): -1 | 0 | 1;
  /** c · f for an integer (exact modes) or float (float mode) cost c. */
  scale(f: T, c: number): T;
}

/** A solved transportation problem with its dual certificate. */
export interface TransportSolution<T> {
  /** Optimal cost Σ c_ij f_ij. */
  cost: T;
  /** Basic cells [i, j, f_ij] (m + n − 1 of them; zero flows included). */
  flow: [number, number, T][];
  /** Row potentials u_i and column potentials v_j with u_i − v_j = c_ij on basic cells. */
  u: number[];
  v: number[];
  /** Number of pivots. */
  pivots: number;
}

export const floatAmounts: Amounts<number> = {
  zero: 0,
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  cmp: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  scale: (f, c) => f * c,
};

/** Integers held in doubles: exact while every value stays below 2^53 (the caller checks). */
export const safeIntegerAmounts: Amounts<number> = floatAmounts;

export const bigintAmounts: Amounts<bigint> = {
  zero: 0n,
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  cmp: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  scale: (f, c) => f * BigInt(c),
};

/**
 * Solves the balanced transportation problem (Σ a = Σ b, the caller ensures it in T) with costs
 * `cost[i * n + j]`. `tolerance` is the reduced-cost threshold (0 in exact modes).
 */
export function solveTransport<T>(
  A: Amounts<T>,
  a: readonly T[],
  b: readonly T[],
  cost: ArrayLike<number>,
  tolerance = 0,
): TransportSolution<T> {
  const m = a.length;
  const n = b.length;
  const N = m + n; // tree nodes: rows 0..m−1, columns m..m+n−1
  // basic cells: row, col, flow; basisAt[i*n+j] = index in the lists or −1
  const bi: number[] = [];
  const bj: number[] = [];
  const bf: T[] = [];
  const basisAt = new Int32Array(m * n).fill(-1);
  // north-west corner
  {
    const ra = a.slice();
    const rb = b.slice();
    let i = 0;
    let j = 0;
    for (;;) {
      const q = A.cmp(ra[i]!, rb[j]!) <= 0 ? ra[i]! : rb[j]!;
      basisAt[i * n + j] = bi.length;
      bi.push(i);
      bj.push(j);
      bf.push(q);
      ra[i] = A.sub(ra[i]!, q);
      rb[j] = A.sub(rb[j]!, q);
      if (i === m - 1 && j === n - 1) break;
      if (i === m - 1) j++;
      else if (j === n - 1) i++;
      else if (A.cmp(ra[i]!, A.zero) === 0) i++;
      else j++;
    }
  }
  const u = new Array<number>(m).fill(0);
  const v = new Array<number>(n).fill(0);
  const parent = new Int32Array(N);
  const parentCell = new Int32Array(N);
  const depth = new Int32Array(N);
  const order = new Int32Array(N);
  const head = new Int32Array(N);
  const next = new Int32Array(2 * N);
  const to = new Int32Array(2 * N);
  const via = new Int32Array(2 * N);
  let pivots = 0;
  const blandAfter = m * n + 20;
  for (;;) {
    // the basis tree rooted at row 0: parents, depths, potentials u_i − v_j = c_ij
    head.fill(-1);
    let e = 0;
    for (let k = 0; k < bi.length; k++) {
      const r = bi[k]!;
      const c = m + bj[k]!;
      to[e] = c;
      via[e] = k;
      next[e] = head[r]!;
      head[r] = e++;
      to[e] = r;
      via[e] = k;
      next[e] = head[c]!;
      head[c] = e++;
    }
    parent[0] = -1;
    depth[0] = 0;
    u[0] = 0;
    order[0] = 0;
    let qEnd = 1;
    for (let qi = 0; qi < qEnd; qi++) {
      const x = order[qi]!;
      for (let f = head[x]!; f >= 0; f = next[f]!) {
        const y = to[f]!;
        if (y === parent[x]) continue;
        parent[y] = x;
        parentCell[y] = via[f]!;
        depth[y] = depth[x]! + 1;
        const k = via[f]!;
        const c = cost[bi[k]! * n + bj[k]!]!;
        if (y >= m) v[y - m] = u[x]! - c;
        else u[y] = v[x - m]! + c;
        order[qEnd++] = y;
      }
    }
    // entering cell
    const bland = pivots >= blandAfter;
    let best = -tolerance;
    let ei = -1;
    let ej = -1;
    search: for (let i = 0; i < m; i++) {
      const ui = u[i]!;
      for (let j = 0; j < n; j++) {
        if (basisAt[i * n + j]! >= 0) continue;
        const r = cost[i * n + j]! - ui + v[j]!;
        if (r < best) {
          best = r;
          ei = i;
          ej = j;
          if (bland) break search;
        }
      }
    }
    if (ei < 0) break;
    pivots++;
    // the cycle: entering cell (+), then the tree path from column ej back to row ei,
    // alternating − (cells entered from a column... ) — collect both branches up to the LCA
    const pathA: number[] = []; // cells from row ei up to the LCA
    const pathB: number[] = []; // cells from column ej up to the LCA
    let x = ei;
    let y = m + ej;
    while (x !== y) {
      if (depth[x]! >= depth[y]!) {
        pathA.push(parentCell[x]!);
        x = parent[x]!;
      } else {
        pathB.push(parentCell[y]!);
        y = parent[y]!;
      }
    }
    // cycle order: (ei, ej)+, then from column ej along pathB up to the LCA, then down pathA to
    // row ei. Signs alternate starting with − on the first cell after the entering one.
    const cycle = pathB.concat(pathA.reverse());
    let theta: T | undefined;
    let leave = -1;
    for (let k = 0; k < cycle.length; k += 2) {
      const cell = cycle[k]!;
      const f = bf[cell]!;
      if (theta === undefined) {
        theta = f;
        leave = cell;
        continue;
      }
      const s = A.cmp(f, theta);
      if (s < 0 || (s === 0 && bland && cellIndex(bi, bj, n, cell) < cellIndex(bi, bj, n, leave))) {
        theta = f;
        leave = cell;
      }
    }
    const t = theta!;
    for (let k = 0; k < cycle.length; k++) {
      const cell = cycle[k]!;
      bf[cell] = k % 2 === 0 ? A.sub(bf[cell]!, t) : A.add(bf[cell]!, t);
    }
    // replace the leaving cell by the entering one
    basisAt[bi[leave]! * n + bj[leave]!] = -1;
    bi[leave] = ei;
    bj[leave] = ej;
    bf[leave] = t;
    basisAt[ei * n + ej] = leave;
  }
  let total = A.zero;
  const flow: [number, number, T][] = [];
  for (let k = 0; k < bi.length; k++) {
    flow.push([bi[k]!, bj[k]!, bf[k]!]);
    total = A.add(total, A.scale(bf[k]!, cost[bi[k]! * n + bj[k]!]!));
  }
  return { cost: total, flow, u, v, pivots };
}

function cellIndex(bi: number[], bj: number[], n: number, k: number): number {
  return bi[k]! * n + bj[k]!;
}
