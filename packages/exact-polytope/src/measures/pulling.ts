/**
 * Pulling (recursive cone) triangulation of a k-polytope given in k coordinates, summed on the fly.
 *
 * For a face G with apex a = min(G): G = ⋃ conv(a, H) over the facets H of G not containing a, so
 * every simplex is a chain a_0 = min(P), a_1 = min(G_1), …, a_k = min(G_k) with G_{i+1} a facet of
 * G_i not containing a_i. The DFS keeps the edge rows a_i − a_0 in an incrementally eliminated
 * (fraction-free Bareiss, or float) matrix, so each simplex costs O(k²) instead of O(k³).
 *
 * The result is Σ |det| over the simplices (k! times the volume in these coordinates) and, for the
 * centroid, per-vertex sums of the |det| of the simplices that use the vertex.
 */
import { Rational, toIntegerPoint, type Field } from '@mlgeo/exact-arith';
import { IncidenceError, type FaceEntry, type FaceLattice } from './face-lattice.js';

/** Incremental row elimination that yields |det| of the pushed rows once k rows are in. */
export interface EliminationKernel<S> {
  zero: S;
  /** Pushes a row; false when it is dependent on the rows already in (degenerate chain). */
  push(row: readonly S[]): boolean;
  pop(): void;
  /** |det| of the k×k matrix of pushed rows (valid when k rows are in). */
  absDet(): S;
  add(a: S, b: S): S;
}

/** Fraction-free Bareiss elimination on BigInt rows; adaptive pivot column (exact division). */
export class BigIntElimination implements EliminationKernel<bigint> {
  zero = 0n;
  private readonly rows: bigint[][] = [];
  private readonly pivotCols: number[] = [];
  private readonly used: boolean[];
  constructor(private readonly k: number) {
    this.used = new Array<boolean>(k).fill(false);
  }
  push(input: readonly bigint[]): boolean {
    const x = input.slice();
    let prev = 1n;
    for (let s = 0; s < this.rows.length; s++) {
      const r = this.rows[s]!;
      const c = this.pivotCols[s]!;
      const p = r[c]!;
      const f = x[c]!;
      for (let j = 0; j < this.k; j++) x[j] = (p * x[j]! - f * r[j]!) / prev;
      prev = p;
    }
    let col = -1;
    for (let j = 0; j < this.k; j++) {
      if (!this.used[j] && x[j] !== 0n) {
        col = j;
        break;
      }
    }
    if (col < 0) return false;
    this.rows.push(x);
    this.pivotCols.push(col);
    this.used[col] = true;
    return true;
  }
  pop(): void {
    this.rows.pop();
    this.used[this.pivotCols.pop()!] = false;
  }
  absDet(): bigint {
    if (this.rows.length === 0) return 1n;
    const last = this.rows[this.rows.length - 1]!;
    const v = last[this.pivotCols[this.pivotCols.length - 1]!]!;
    return v < 0n ? -v : v;
  }
  add(a: bigint, b: bigint): bigint {
    return a + b;
  }
}

/**
 * Bareiss elimination of rational rows, each scaled to integers by its own denominator s_i:
 * |det| = |last Bareiss pivot| / Π s_i. Used when the vertices share no small common denominator.
 */
export class RowScaledElimination implements EliminationKernel<Rational> {
  zero = Rational.ZERO;
  private readonly inner: BigIntElimination;
  private readonly scales: bigint[] = [1n];
  constructor(k: number) {
    this.inner = new BigIntElimination(k);
  }
  push(row: readonly Rational[]): boolean {
    const { num, den: l } = toIntegerPoint(row);
    if (!this.inner.push(num as bigint[])) return false;
    this.scales.push(this.scales[this.scales.length - 1]! * l);
    return true;
  }
  pop(): void {
    this.inner.pop();
    this.scales.pop();
  }
  absDet(): Rational {
    return Rational.of(this.inner.absDet(), this.scales[this.scales.length - 1]!);
  }
  add(a: Rational, b: Rational): Rational {
    return a.add(b);
  }
}

/** Gaussian elimination over a Field with the largest-magnitude pivot column of each new row. */
export class FieldElimination<T> implements EliminationKernel<T> {
  readonly zero: T;
  private readonly rows: T[][] = [];
  private readonly pivotCols: number[] = [];
  private readonly dets: T[] = [];
  private readonly used: boolean[];
  constructor(
    private readonly F: Field<T>,
    private readonly k: number,
  ) {
    this.zero = F.zero;
    this.used = new Array<boolean>(k).fill(false);
  }
  push(input: readonly T[]): boolean {
    const F = this.F;
    const x = input.slice();
    for (let s = 0; s < this.rows.length; s++) {
      const r = this.rows[s]!;
      const c = this.pivotCols[s]!;
      // skip only an exact zero: an absolute tolerance would drop the rows of a thin simplex
      if (F.exact ? F.isZero(x[c]!) : F.toNumber(x[c]!) === 0) continue;
      const f = F.div(x[c]!, r[c]!);
      for (let j = 0; j < this.k; j++) x[j] = F.sub(x[j]!, F.mul(f, r[j]!));
      x[c] = F.zero;
    }
    // largest |entry| as pivot; dependent only when every candidate is exactly zero (the rank
    // was decided exactly beforehand, so float round-off must not reject a thin simplex)
    let col = -1;
    let best = 0;
    for (let j = 0; j < this.k; j++) {
      if (this.used[j]) continue;
      const a = Math.abs(F.toNumber(x[j]!));
      if (col < 0 || a > best) {
        col = j;
        best = a;
      }
    }
    if (col < 0 || (F.exact ? F.isZero(x[col]!) : best === 0)) return false;
    const prevDet = this.dets.length === 0 ? F.one : this.dets[this.dets.length - 1]!;
    this.rows.push(x);
    this.pivotCols.push(col);
    this.used[col] = true;
    this.dets.push(F.mul(prevDet, x[col]!));
    return true;
  }
  pop(): void {
    this.rows.pop();
    this.dets.pop();
    this.used[this.pivotCols.pop()!] = false;
  }
  absDet(): T {
    return this.dets.length === 0 ? this.F.one : this.F.abs(this.dets[this.dets.length - 1]!);
  }
  add(a: T, b: T): T {
    return this.F.add(a, b);
  }
}

export interface PullingSums<S> {
  /** Σ |det(a_1 − a_0, …, a_k − a_0)| over the simplices (k!·volume in the given coordinates). */
  total: S;
  /** Per vertex: Σ |det| over the simplices having it as a vertex (for centroids). */
  vertexWeight: S[];
  simplices: number;
}

/**
 * Sums over the pulling triangulation of the k-dimensional face `root` of a polytope. `coords[v]`
 * are the vertex coordinates in k coordinates (in which the face projects injectively);
 * `sub(a, b)` subtracts them.
 */
export function pullingSums<S>(
  lattice: FaceLattice,
  root: readonly number[],
  k: number,
  coords: readonly (readonly S[])[],
  sub: (a: S, b: S) => S,
  kernel: EliminationKernel<S>,
  withVertexWeights: boolean,
): PullingSums<S> {
  const vertexWeight = withVertexWeights ? new Array<S>(coords.length).fill(kernel.zero) : [];
  let total = kernel.zero;
  let simplices = 0;
  const a0 = root[0]!;
  const base = coords[a0]!;
  const chain: number[] = [a0];
  const visit = (face: FaceEntry, level: number): void => {
    if (level === k) {
      if (face.list.length !== 1) {
        throw new IncidenceError(`a face of dimension 0 has ${face.list.length} vertices`);
      }
      const w = kernel.absDet();
      total = kernel.add(total, w);
      simplices++;
      if (withVertexWeights) {
        for (const v of chain) vertexWeight[v] = kernel.add(vertexWeight[v]!, w);
      }
      return;
    }
    const apex = face.list[0]!;
    lattice.checkEntry(face, k - level);
    const facets = lattice.childrenOf(face);
    if (facets.length === 0) {
      throw new IncidenceError(
        `the face {${face.list.join(', ')}} has no facets although it should have dimension ${k - level}`,
      );
    }
    for (const h of facets) {
      const v = h.list[0]!;
      if (v === apex) continue; // lists are sorted, so apex = min(face) ∈ h iff h[0] = apex
      const row = coords[v]!.map((x, j) => sub(x, base[j]!));
      if (!kernel.push(row)) {
        throw new IncidenceError(
          `vertex ${v} lies in the affine hull of its pulling chain: the incidence is not a face lattice`,
        );
      }
      chain.push(v);
      visit(h, level + 1);
      chain.pop();
      kernel.pop();
    }
  };
  visit(lattice.entryOf(root), 0);
  return { total, vertexWeight, simplices };
}
