/**
 * Exact ranks and Betti numbers (docs/math.md §7: dim ker Δ_k = β_k).
 *
 * rank B_k over Q by sparse fraction-free elimination: rows are integer vectors (a rational matrix
 * is scaled row by row to primitive integers, which keeps the rank); a row is reduced against the
 * pivot rows by r ← p·r − r_c·pivot (p the pivot's leading entry, r_c the row's), then divided by
 * the gcd of its entries. Every step is exact integer arithmetic, so the rank is exact. B_1 of a
 * graph has rank f_0 − (number of connected components), the union-find path.
 */
import {
  type CsrMatrix,
  Rational,
  RationalField,
  gcdOfList,
  isRationalField,
  toPrimitiveIntegers,
} from '@mlgeo/exact-arith';
import { LaplacianInputError } from './errors.js';
import { type WeightedComplex, topDegree } from './weighted-complex.js';

interface SparseRow {
  cols: number[];
  vals: bigint[];
}

/** r ← p·r − q·s (both sorted by column), dropping zeros, then made primitive. */
function combine(r: SparseRow, p: bigint, q: bigint, s: SparseRow): SparseRow {
  const cols: number[] = [];
  const vals: bigint[] = [];
  let i = 0;
  let j = 0;
  while (i < r.cols.length || j < s.cols.length) {
    const ci = i < r.cols.length ? r.cols[i]! : Infinity;
    const cj = j < s.cols.length ? s.cols[j]! : Infinity;
    let v: bigint;
    let c: number;
    if (ci === cj) {
      v = p * r.vals[i++]! - q * s.vals[j++]!;
      c = ci;
    } else if (ci < cj) {
      v = p * r.vals[i++]!;
      c = ci;
    } else {
      v = -q * s.vals[j++]!;
      c = cj;
    }
    if (v !== 0n) {
      cols.push(c);
      vals.push(v);
    }
  }
  const g = vals.length > 0 ? gcdOfList(vals) : 1n;
  return { cols, vals: g > 1n ? vals.map((v) => v / g) : vals };
}

/** Exact rank over Q of a rational sparse matrix (fraction-free elimination). */
export function exactRank(M: CsrMatrix<Rational>): number {
  if (!isRationalField(M.field))
    throw new LaplacianInputError(
      'OPTION_INVALID',
      'exact rank needs a matrix over the rationals',
      'matrix',
      'give the exact boundary matrices (CsrMatrix<Rational>)',
    );
  // eliminate along the shorter side (rank A = rank Aᵀ)
  const A = M.rows <= M.cols ? M.transpose() : M;
  const pivots = new Map<number, SparseRow>();
  let rank = 0;
  for (let i = 0; i < A.rows; i++) {
    const cols: number[] = [];
    const vals: Rational[] = [];
    for (let p = A.rowStart[i]!; p < A.rowStart[i + 1]!; p++) {
      cols.push(A.colIndex[p]!);
      vals.push(A.values[p] as Rational);
    }
    let row: SparseRow = { cols, vals: cols.length > 0 ? toPrimitiveIntegers(vals) : [] };
    while (row.cols.length > 0) {
      const lead = row.cols[0]!;
      const pivot = pivots.get(lead);
      if (pivot === undefined) {
        pivots.set(lead, row);
        rank++;
        break;
      }
      row = combine(row, pivot.vals[0]!, row.vals[0]!, pivot);
    }
  }
  return rank;
}

/** Connected components of the 1-skeleton: component label per vertex and their number. */
export interface Components {
  count: number;
  /** label[v] ∈ 0…count−1, numbered in order of each component's smallest vertex. */
  label: Int32Array;
}

/** Connected components of the graph (vertices, edges of B_1) by union-find. */
export function connectedComponents<T>(c: WeightedComplex<T>): Components {
  const n = c.counts[0]!;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (v: number): number => {
    while (parent[v] !== v) {
      parent[v] = parent[parent[v]!]!;
      v = parent[v]!;
    }
    return v;
  };
  if (topDegree(c) >= 1) {
    const Bt = c.boundaries[1]!.transpose();
    for (let e = 0; e < Bt.rows; e++) {
      const s = Bt.rowStart[e]!;
      if (Bt.rowStart[e + 1]! - s < 2) continue;
      const a = find(Bt.colIndex[s]!);
      const b = find(Bt.colIndex[s + 1]!);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  }
  const label = new Int32Array(n).fill(-1);
  let count = 0;
  for (let v = 0; v < n; v++) {
    const r = find(v);
    if (label[r] === -1) label[r] = count++;
    label[v] = label[r]!;
  }
  return { count, label };
}

/** Ranks of B_1 … B_K (exact; B_1 by components, the others by elimination). */
export function boundaryRanks<T>(c: WeightedComplex<T>): number[] {
  const ranks = [0];
  for (let k = 1; k <= topDegree(c); k++) {
    if (k === 1) ranks.push(c.counts[0]! - connectedComponents(c).count);
    else {
      const B = c.boundaries[k]!;
      if (!isRationalField(B.field))
        // boundary entries are integers: lift a float boundary back exactly
        ranks.push(exactRank(B.map(RationalField, (x) => Rational.fromDouble(x as number))));
      else ranks.push(exactRank(B as unknown as CsrMatrix<Rational>));
    }
  }
  return ranks;
}

/**
 * Betti numbers β_k = f_k − rank B_k − rank B_{k+1}, k = 0…K (of the complex as built up to its
 * top degree K; β_K counts top cycles, which a higher degree could fill).
 */
export function bettiNumbers<T>(c: WeightedComplex<T>): number[] {
  const ranks = boundaryRanks(c);
  return c.counts.map((f, k) => f - ranks[k]! - (ranks[k + 1] ?? 0));
}
