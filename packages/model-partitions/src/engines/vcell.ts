/**
 * The cell kernel of full enumeration: a bounded full-dimensional polytope held as constraint rows
 * g_k(x) ≤ 0, its vertices (exact homogeneous integer coordinates num/den plus a float copy) and the
 * vertex–row incidence. Splitting by a hyperplane is one double-description step: vertices are
 * classified by the sign of g, and a new vertex is created on every edge whose ends have opposite
 * strict signs (edges found by the combinatorial adjacency test). A cell splits exactly when g takes
 * both strict signs on its vertices, i.e. on its interior (SPEC §2: only vol_d > 0 cells count).
 *
 * Signs are exact (integer predicates) or filtered: the float value decides when it exceeds a proven
 * error bound, otherwise the exact value is computed (SPEC §1 float fast path).
 */
import {
  type FilterStats,
  type IntegerPoint,
  Rational,
  affineNumerator,
  approxAffineSign,
  exactAffineSign,
  floatCoordinates,
  integerPointToRationals,
  toIntegerPoint,
} from '@mlgeo/exact-arith';
import { type RationalsSlots, reducedVertexPoint, splitVertexCell } from '@mlgeo/exact-polytope';
import type { Predicates } from '../partition.js';
import { type IntAffine, affineIntegerRow, negateAffine } from './affine.js';
import { type LimbPoint, limbPoint } from './limb-maps.js';

/**
 * A vertex x = num / den with its float coordinates (exact-arith `floatCoordinates`), always
 * reduced: den > 0 and gcd(num, den) = 1 (both makers below ensure it; the cells' polytopes use the
 * points as given, cell.ts).
 */
export interface HVertex extends IntegerPoint, RationalsSlots {
  readonly num: bigint[];
  readonly xf: Float64Array;
  /** The point in float64 limbs for exact sign tests against limb rows ({@link vertexLimbs}). */
  limbs?: LimbPoint | undefined;
}

/** An {@link HVertex} made by `new`, so born young (docs/contributing.md, "Objects a run keeps"). */
class Vertex implements HVertex {
  readonly xf: Float64Array;
  limbs: LimbPoint | undefined = undefined;
  first: RationalsSlots['first'] = undefined;
  rationals: RationalsSlots['rationals'] = undefined;
  constructor(
    readonly num: bigint[],
    readonly den: bigint,
  ) {
    this.xf = floatCoordinates(this);
  }
}

function withFloats(p: IntegerPoint): HVertex {
  return new Vertex(p.num as bigint[], p.den);
}

/** A vertex of reduced coordinates (`reducedVertexPoint`'s maker: no closure per vertex). */
const reducedHVertex = (num: bigint[], den: bigint): HVertex => withFloats({ num, den });

/** The vertex in float64 limbs (limb-maps.ts `limbPoint`), made once per vertex object. */
export function vertexLimbs(v: HVertex): LimbPoint {
  return (v.limbs ??= limbPoint(v.num, v.den));
}

/**
 * Makes a vertex from homogeneous integer coordinates, reduced by their gcd (exact-polytope
 * `reducedVertexPoint`: the first coordinate's reduced Rational comes with it, for the cells'
 * polytopes, which read every vertex's Rationals).
 */
export function makeVertex(num: readonly bigint[], den: bigint): HVertex {
  return reducedVertexPoint(num, den, reducedHVertex);
}

/** Vertex from rationals. */
export function vertexFromRationals(x: readonly Rational[]): HVertex {
  return withFloats(toIntegerPoint(x));
}

/** Exact rational coordinates of a vertex. */
export function vertexToRationals(v: HVertex): Rational[] {
  return integerPointToRationals(v);
}

/** den · g(v): an integer with the sign of g(v). */
export function exactValue(g: IntAffine, v: HVertex): bigint {
  return affineNumerator(g.w, g.c, v);
}

/**
 * Sign of g(v): float when the predicate kernel's bound certifies it (the row's float copy is the
 * correctly rounded w/max, c/max, see affine.ts), exact otherwise (SPEC §1).
 */
export function filteredSign(g: IntAffine, v: HVertex, stats?: FilterStats): -1 | 0 | 1 {
  // the kernel's filteredAffineSign, inlined one level: this is the hot loop of enumeration
  if (stats) stats.signTests++;
  if (g.filterSafe) {
    const s = approxAffineSign(g.wf, g.cf, v.xf);
    if (s !== undefined) return s;
  }
  if (stats) stats.exactFallbacks++;
  return exactAffineSign(g.w, g.c, v);
}

/** A vertex is its own integer form (one function for every split: no closure per call). */
const asInteger = (v: HVertex): HVertex => v;

/**
 * The 2-D cutter's new vertices by Cramer's rule: an edge of a polygon lies on one row r (the one
 * tight at both ends), so its crossing with g = 0 solves r.w·x = −r.c, g.w·x = −g.c, i.e.
 * x = (r_1·g_c − r_c·g_1, r_c·g_0 − r_0·g_c) / (r_0·g_1 − r_1·g_0) — products of the rows'
 * integers, where the crossing of the ends (exact-polytope `segmentCrossing`) multiplies the ends'
 * longer coordinates by their residuals and leaves a gcd of several times their length to divide
 * out. The same reduced point (r and g are not parallel: the edge's ends lie strictly on both
 * sides of g). Other dimensions, or more than one common row: undefined (the crossing of the ends).
 */
export class PlaneEdgeVertex {
  constructor(
    private readonly rows: readonly IntAffine[],
    private readonly g: IntAffine,
  ) {}
  onEdge(common: readonly number[]): HVertex | undefined {
    if (common.length !== 1) return undefined;
    const r = this.rows[common[0]!]!;
    const g = this.g;
    if (r.w.length !== 2) return undefined;
    const r0 = r.w[0]!;
    const r1 = r.w[1]!;
    const g0 = g.w[0]!;
    const g1 = g.w[1]!;
    const det = r0 * g1 - r1 * g0;
    if (det === 0n) return undefined;
    return makeVertex([r1 * g.c - r.c * g1, r.c * g0 - r0 * g.c], det);
  }
}

/** Result of splitting a cell by g: the parts with g ≤ 0 and g ≥ 0 that are full-dimensional. */
export interface SplitResult {
  neg: VCell | undefined;
  pos: VCell | undefined;
}

/** A bounded full-dimensional polytope {x : g_k(x) ≤ 0} with its vertices and incidence. */
export class VCell {
  constructor(
    readonly dimension: number,
    /** Constraint rows g_k(x) ≤ 0 (facets only, after pruning). */
    readonly rows: IntAffine[],
    readonly vertices: HVertex[],
    /** incidence[v] = sorted indices of the rows on which vertex v lies. */
    readonly incidence: number[][],
  ) {}

  /** Signs of g at every vertex. */
  signs(g: IntAffine, predicates: Predicates, stats?: FilterStats): Int8Array {
    const out = new Int8Array(this.vertices.length);
    for (let i = 0; i < this.vertices.length; i++) {
      const v = this.vertices[i]!;
      if (predicates === 'filtered') out[i] = filteredSign(g, v, stats);
      else {
        if (stats) stats.signTests++;
        out[i] = exactAffineSign(g.w, g.c, v);
      }
    }
    return out;
  }

  /**
   * Splits by the hyperplane g = 0 with exact-polytope's cutter (g ≤ 0 is the half-space
   * w·x ≤ −c, the cutter's "below"). A side is returned only when it is full-dimensional; when g
   * does not change strict sign on the cell the whole cell is returned on its side. `signs`: g's
   * exact signs at the vertices when the caller has them (e.g. from limb rows, mlp.ts); `stored`:
   * the cut's row as the parts keep it.
   */
  split(
    g: IntAffine,
    predicates: Predicates,
    stats?: FilterStats,
    signs?: Int8Array,
    /** The row to keep for the cut (a positive multiple of g, e.g. primitive): g by default. */
    stored: IntAffine = g,
  ): SplitResult {
    const parts = splitVertexCell(this, affineIntegerRow(g), {
      newRow: this.rows.length,
      integer: asInteger,
      make: makeVertex,
      signs: signs ?? this.signs(g, predicates, stats),
      edgeVertex: this.dimension === 2 ? new PlaneEdgeVertex(this.rows, g) : undefined,
    });
    if (parts.kind === 'below') return { neg: this, pos: undefined };
    if (parts.kind === 'above') return { neg: undefined, pos: this };
    const d = this.dimension;
    const { below, above } = parts;
    return {
      neg: prunedWithCut(d, this.rows, stored, below.vertices, below.incidence),
      pos: prunedWithCut(d, this.rows, negateAffine(stored), above.vertices, above.incidence),
    };
  }

  /** The part with g ≤ 0 if it is full-dimensional (undefined otherwise). */
  clip(g: IntAffine, predicates: Predicates, stats?: FilterStats): VCell | undefined {
    return this.split(g, predicates, stats).neg;
  }

  /** Drops rows on fewer than d vertices (they cannot be facets) and renumbers the incidence. */
  static pruned(
    d: number,
    rows: IntAffine[],
    verts: HVertex[],
    inc: readonly (readonly number[])[],
  ): VCell {
    return prunedWithCut(d, rows, undefined, verts, inc);
  }

  /** Exact centroid of the vertices: a strictly interior point of the full-dimensional cell. */
  vertexAverage(): Rational[] {
    const d = this.dimension;
    const sum = new Array<Rational>(d).fill(Rational.ZERO);
    for (const v of this.vertices)
      for (let i = 0; i < d; i++) sum[i] = sum[i]!.add(Rational.of(v.num[i]!, v.den));
    const n = Rational.of(this.vertices.length);
    return sum.map((x) => x.div(n));
  }
}

/** Scratch of {@link prunedWithCut}: vertices per row, then each row's new index (−1: dropped). */
let rowCount = new Int32Array(64);
/** Scratch of {@link prunedWithCut}: the kept rows, one renumbered list (copied at their size). */
const keptScratch: IntAffine[] = [];
const listScratch: number[] = [];

/**
 * {@link VCell.pruned} of the rows `rows` followed by `cut` (when given: a split's cutting row, no
 * array made for the rows plus it). A vertex list that keeps its numbers (all its rows below the
 * first one dropped) is kept as it is: lists are never changed once made (exact-polytope
 * splitVertexCell shares them between the parts too).
 */
function prunedWithCut(
  d: number,
  rows: readonly IntAffine[],
  cut: IntAffine | undefined,
  verts: HVertex[],
  inc: readonly (readonly number[])[],
): VCell {
  const n = rows.length + (cut === undefined ? 0 : 1);
  if (rowCount.length < n) rowCount = new Int32Array(2 * n);
  const count = rowCount;
  count.fill(0, 0, n);
  for (const list of inc) for (const r of list) count[r]!++;
  // count[r] becomes row r's new index, −1 when dropped
  let m = 0;
  let firstDropped = n;
  for (let r = 0; r < n; r++) {
    if (count[r]! >= d) {
      keptScratch[m] = r < rows.length ? rows[r]! : cut!;
      count[r] = m++;
    } else {
      count[r] = -1;
      if (firstDropped === n) firstDropped = r;
    }
  }
  const kept = keptScratch.slice(0, m);
  if (firstDropped === n) return new VCell(d, kept, verts, inc as number[][]);
  const newInc = new Array<number[]>(inc.length);
  for (let v = 0; v < inc.length; v++) {
    const list = inc[v]!;
    let max = -1;
    for (const r of list) if (r > max) max = r;
    if (max < firstDropped) {
      newInc[v] = list as number[];
      continue;
    }
    let k = 0;
    for (const r of list) if (count[r]! >= 0) listScratch[k++] = count[r]!;
    newInc[v] = listScratch.slice(0, k);
  }
  return new VCell(d, kept, verts, newInc);
}
