/**
 * Vertex enumeration of P = {x : h·(1, x) ≥ 0 for h in ineq, = 0 for h in eq} via the double
 * description of its homogenisation {(t, x) : h·(t, x) ≥ 0, t ≥ 0} (SPEC §3, issue 6).
 *
 * Rays with t > 0 are vertices (divide by t), rays with t = 0 extreme rays, the lineality space
 * gives the lines. Lines are split off first, so the vertices are those of P ∩ L^⊥.
 * Implicit equalities are the rows tight on every ray; a row is a facet iff its set of tight rays
 * is maximal (by inclusion) among the rows' sets, is not the set of the face at infinity t = 0,
 * and is the first row with that set.
 */
import { type Rational, bareissRank } from '@mlgeo/exact-arith';
import type { IntegerHRep } from '../hrep.js';
import { bitsToList, hasBit, isSubset, popcount, setBit, wordCount, equalSets } from './bitset.js';
import { enumerateCone, newDDStats, type ConeResult, type DDStats, type SignMode } from './cone.js';
import { compareInts } from './order.js';

/** Everything the DD run tells about P, in homogeneous integer form. */
export interface HAnalysis {
  empty: boolean;
  /** Affine dimension of P (−1 when empty). */
  dimension: number;
  /** Homogeneous vertex rays (t > 0), primitive, in the order sorted by x = y'/t. */
  readonly vertexRays: bigint[][];
  /** The vertices in float64 (same order) with a proven bound on every coordinate's error. */
  floatVertices(): FloatPoints;
  /**
   * The vertices (same order) as reduced Rationals when the analysis has them without the rays
   * (the inner arrays may be shared with other polytopes: read only).
   */
  vertexRationals?(): Rational[][];
  /** Extreme rays (t = 0), x-part, primitive, sorted. */
  rays: bigint[][];
  /** Lineality basis, x-part, primitive. */
  lines: bigint[][];
  /** Indices (into ineq) of the irredundant facet rows, increasing. */
  facetRows: number[];
  /** For each facet row, the sorted indices of vertices on it. */
  incidence: number[][];
  /** For each facet row, the sorted indices of rays on it. */
  rayIncidence: number[][];
  /** Independent equality rows (homogeneous) spanning the affine hull's equations. */
  hull: bigint[][];
  stats: DDStats;
}

/** The analysis of an empty polyhedron (H-side: infeasible rows; V-side: no points). */
export function emptyAnalysis(stats: DDStats, hull: bigint[][]): HAnalysis {
  return {
    empty: true,
    dimension: -1,
    vertexRays: [],
    floatVertices: () => ({ points: [], error: 0 }),
    rays: [],
    lines: [],
    facetRows: [],
    incidence: [],
    rayIncidence: [],
    hull,
    stats,
  };
}

/** Greedy maximal independent subset of integer rows, in the given order. */
export function independentRows(rows: readonly (readonly bigint[])[]): bigint[][] {
  const out: bigint[][] = [];
  for (const r of rows) {
    if (r.every((x) => x === 0n)) continue;
    const trial = [...out, r];
    if (bareissRank(trial) === trial.length) out.push(r.slice());
  }
  return out;
}

/** Runs the H-side analysis; see the module comment. */
export function analyzeHRep(h: IntegerHRep, mode: SignMode): HAnalysis {
  const n = h.d + 1;
  const m = h.ineq.length;
  const tRow = new Array<bigint>(n).fill(0n);
  tRow[0] = 1n;
  const zeroStats: DDStats = newDDStats();
  if (h.infeasible) return emptyAnalysis(zeroStats, []);
  const cone = enumerateCone({ n, ineq: [...h.ineq, tRow], eq: h.eq, mode });
  const { zeroSets, lineality, stats } = cone;
  // t ≥ 0 is the last inequality row: a ray has t > 0 (a vertex) iff it is not tight on it
  const vertexIdx: number[] = [];
  const rayIdx: number[] = [];
  for (let i = 0; i < cone.rayCount; i++) (hasBit(zeroSets[i]!, m) ? rayIdx : vertexIdx).push(i);
  if (vertexIdx.length === 0) return emptyAnalysis(stats, []);

  // implicit equalities: rows tight on every ray (lines are tight on every row by construction)
  const words = wordCount(m + 1);
  const common = new Uint32Array(words).fill(0xffffffff);
  for (const z of zeroSets) for (let w = 0; w < words; w++) common[w]! &= z[w]!;
  const implicit = bitsToList(common).filter((i) => i < m);
  const hull = independentRows([...h.eq, ...implicit.map((i) => h.ineq[i]!)]);
  const coneDim = n - bareissRank([...h.eq, ...lineality, ...implicit.map((i) => h.ineq[i]!)]);
  const dimension = coneDim - 1 + lineality.length;

  // sort vertices and rays (the vertices' float points, computed for the sort, are kept)
  const sortedFloats = sortVertices(vertexIdx, cone, axisRows(h.ineq, h.d));
  const rayVectors = rayIdx.map((i) => cone.exactRay(i).slice(1));
  const rayOrder = rayIdx
    .map((_, j) => j)
    .sort((a, b) => compareInts(rayVectors[a]!, rayVectors[b]!));
  rayIdx.splice(0, rayIdx.length, ...rayOrder.map((j) => rayIdx[j]!));
  // facets and incidence only when asked for (floatVertices and vertices need neither)
  let facetData: FacetData | undefined;
  const facetsOf = (): FacetData =>
    (facetData ??= facetsAndIncidence(m, zeroSets, implicit, coneDim, vertexIdx, rayIdx));
  let vertexRays: bigint[][] | undefined;
  let floats: FloatPoints | undefined;
  return {
    empty: false,
    dimension,
    // exact vertices on first access (the filtered mode computes them lazily)
    get vertexRays(): bigint[][] {
      return (vertexRays ??= vertexIdx.map((i) => cone.exactRay(i)));
    },
    floatVertices: () => (floats ??= floatVertices(vertexIdx, cone, sortedFloats)),
    rays: rayVectors.length === 0 ? [] : rayIdx.map((i) => cone.exactRay(i).slice(1)),
    lines: lineality.map((l) => l.slice(1)),
    get facetRows(): number[] {
      return facetsOf().facets;
    },
    get incidence(): number[][] {
      return facetsOf().incidence;
    },
    get rayIncidence(): number[][] {
      return facetsOf().rayIncidence;
    },
    hull,
    stats,
  };
}

interface FacetData {
  facets: number[];
  incidence: number[][];
  rayIncidence: number[][];
}

/**
 * The facet rows (maximal sets of tight cone rays, not the face at infinity t = 0, the first row
 * of each set) and the incidence lists of the sorted vertices and rays (`vertexIdx`, `rayIdx`:
 * cone ray indices in output order).
 */
function facetsAndIncidence(
  m: number,
  zeroSets: readonly Uint32Array[],
  implicit: readonly number[],
  coneDim: number,
  vertexIdx: readonly number[],
  rayIdx: readonly number[],
): FacetData {
  // per row: bitset of cone rays tight on it
  const R = zeroSets.length;
  const rw = wordCount(R);
  const rowSets: Uint32Array[] = Array.from({ length: m + 1 }, () => new Uint32Array(rw));
  for (let j = 0; j < R; j++) {
    const z = zeroSets[j]!;
    for (let w = 0; w < z.length; w++) {
      let x = z[w]!;
      while (x !== 0) {
        const low = x & -x;
        x ^= low;
        setBit(rowSets[(w << 5) + 31 - Math.clz32(low)]!, j);
      }
    }
  }

  const implicitSet = new Set(implicit);
  const candidates: { row: number; set: Uint32Array; size: number }[] = [];
  for (let i = 0; i <= m; i++) {
    if (i < m && implicitSet.has(i)) continue;
    const size = popcount(rowSets[i]!);
    if (i < m && size < coneDim - 1) continue; // a facet of C' holds ≥ dim − 1 rays
    candidates.push({ row: i, set: rowSets[i]!, size });
  }
  candidates.sort((a, b) => b.size - a.size || a.row - b.row);
  const maximal: { row: number; set: Uint32Array; size: number }[] = [];
  const tSet = rowSets[m]!;
  const facetRows: number[] = [];
  for (const c of candidates) {
    let dominated = false;
    for (const t of maximal) {
      if (t.size === c.size ? equalSets(t.set, c.set) : isSubset(c.set, t.set)) {
        dominated = true;
        break;
      }
    }
    if (dominated) continue;
    maximal.push(c);
    if (c.row < m && !equalSets(c.set, tSet)) facetRows.push(c.row);
  }
  facetRows.sort((a, b) => a - b);
  // ties: when a row and the t-row share a set, the t-row (index m) sorts last among equal sizes;
  // handle explicitly: drop facet rows whose set equals the face at infinity.
  const facets = facetRows.filter((i) => !equalSets(rowSets[i]!, tSet));
  // incidence lists, increasing by construction: vertices (rays) visited in output order
  const facetPos = new Int32Array(m + 1).fill(-1);
  facets.forEach((row, f) => (facetPos[row] = f));
  const incidenceOf = (idx: readonly number[]): number[][] => {
    const lists: number[][] = facets.map(() => []);
    for (let p = 0; p < idx.length; p++) {
      const z = zeroSets[idx[p]!]!;
      for (let w = 0; w < z.length; w++) {
        let x = z[w]!;
        while (x !== 0) {
          const low = x & -x;
          x ^= low;
          const f = facetPos[(w << 5) + 31 - Math.clz32(low)]!;
          if (f >= 0) lists[f]!.push(p);
        }
      }
    }
    return lists;
  };
  return { facets, incidence: incidenceOf(vertexIdx), rayIncidence: incidenceOf(rayIdx) };
}

/** Points in float64 with a bound on the absolute error of every coordinate. */
export interface FloatPoints {
  points: Float64Array[];
  error: number;
}

/**
 * x = y'/t from a float ray (|ŷ − μy| ≤ e): with t̂ > e, |x̂_i − x_i| ≤ (e + (|ŷ_i| + e)·e/(t̂ − e))
 * / (t̂ − e) plus the division's rounding u·|x̂_i| (all enlarged by 1 + 2^-40 for the rounding of
 * the bound itself). Returns undefined when t̂ ≤ e (the float copy cannot locate the point).
 */
function floatPoint(
  y: Float64Array,
  e: number,
  out: Float64Array,
  err: Float64Array | undefined,
): number | undefined {
  const t = y[0]!;
  if (!(t > e) || !(e < Infinity)) return undefined;
  const tl = t - e;
  let worst = 0;
  for (let i = 1; i < y.length; i++) {
    const x = y[i]! / t;
    out[i - 1] = x;
    const bound =
      ((e + ((Math.abs(y[i]!) + e) * e) / tl) / tl + 2 ** -53 * Math.abs(x) + 1e-300) *
      (1 + 2 ** -40);
    if (err !== undefined) err[i - 1] = bound;
    if (bound > worst) worst = bound;
  }
  return worst;
}

/**
 * The float points of the sorted vertices as {@link sortVertices} computed them: coordinates
 * (nv × d) and, per vertex, its largest coordinate bound (−1: not located by its float ray).
 */
interface SortedFloats {
  X: Float64Array;
  worst: Float64Array;
}

/** The vertices (cone rays vertexIdx) in float64 with a proven error bound. */
function floatVertices(
  vertexIdx: readonly number[],
  cone: ConeResult,
  sorted: SortedFloats | undefined,
): FloatPoints {
  let error = 0;
  const points = vertexIdx.map((i, p) => {
    let out: Float64Array;
    let bound: number | undefined;
    if (sorted !== undefined && sorted.worst[p]! >= 0) {
      const d = sorted.X.length / vertexIdx.length;
      out = sorted.X.slice(p * d, (p + 1) * d);
      bound = sorted.worst[p]!;
    } else {
      const { y, e } = cone.floatRay(i);
      out = new Float64Array(y.length - 1);
      bound = floatPoint(y, e, out, undefined);
      // exact ray (or no usable bound): x = y'/t correctly rounded per coordinate
      if (bound === undefined) bound = exactFloatPoint(cone.exactRay(i), out);
    }
    if (bound > error) error = bound;
    return out;
  });
  return { points, error };
}

/**
 * x = y'/t of an exact homogeneous ray in float64: each coordinate within 3u·|x| (two conversions
 * and a division, each correctly rounded) — or, for entries beyond float64's range, computed from
 * shifted operands within 5u·|x|. Returns the largest bound.
 */
function exactFloatPoint(z: readonly bigint[], out: Float64Array): number {
  let bound = 0;
  const t = Number(z[0]!);
  for (let j = 1; j < z.length; j++) {
    let x = Number(z[j]!) / t;
    let rel = 3;
    if (!Number.isFinite(x) || !Number.isFinite(t)) {
      x = ratioToNumber(z[j]!, z[0]!);
      rel = 5;
    }
    out[j - 1] = x;
    const b = (rel * 2 ** -53 * Math.abs(x) + 1e-300) * (1 + 2 ** -40);
    if (b > bound) bound = b;
  }
  return bound;
}

/** The float64 vertices of exact homogeneous vertex rays (t > 0), with their error bound. */
export function exactFloatVertices(vertexRays: readonly (readonly bigint[])[]): FloatPoints {
  let error = 0;
  const points = vertexRays.map((z) => {
    const out = new Float64Array(z.length - 1);
    const b = exactFloatPoint(z, out);
    if (b > error) error = b;
    return out;
  });
  return { points, error };
}

/** n/d in float64 for huge BigInts (no overflow of the separate conversions). */
function ratioToNumber(n: bigint, d: bigint): number {
  const shift = BigInt(Math.max(0, Math.max(n.toString(2).length, d.toString(2).length) - 900));
  return Number(n >> shift) / Number(d >> shift);
}

/** For each coordinate i (0-based), the rows whose x-part is a multiple of e_i. */
function axisRows(ineq: readonly (readonly bigint[])[], d: number): number[][] {
  const out: number[][] = Array.from({ length: d }, () => []);
  ineq.forEach((row, r) => {
    let only = -1;
    for (let t = 1; t <= d; t++) {
      if (row[t] === 0n) continue;
      if (only >= 0) return;
      only = t - 1;
    }
    if (only >= 0) out[only]!.push(r);
  });
  return out;
}

/** True iff some row of `rows` is in both zero sets. */
function sharesRow(za: Uint32Array, zb: Uint32Array, rows: readonly number[]): boolean {
  for (const r of rows) if (hasBit(za, r) && hasBit(zb, r)) return true;
  return false;
}

/**
 * The positions 0…nv − 1 ordered by the first coordinate rounded to float32 (a monotone rounding,
 * so the order is right except among near-ties), by a native sort of 64-bit keys: the exact
 * comparator then sorts an almost sorted array, which V8's TimSort does in about nv comparisons.
 * Only speed depends on this order, never the result.
 */
function presorted(X: Float64Array, d: number, located: Uint8Array, nv: number): number[] {
  const keys = new BigUint64Array(nv);
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  for (let p = 0; p < nv; p++) {
    f32[0] = located[p] === 1 ? X[p * d]! : 0;
    const bits = u32[0]!;
    const key = bits & 0x80000000 ? ~bits >>> 0 : (bits | 0x80000000) >>> 0;
    keys[p] = (BigInt(key) << 32n) | BigInt(p);
  }
  keys.sort();
  // push, not new Array(nv): beyond 16,384 entries the latter deoptimized this function
  const out: number[] = [];
  for (let p = 0; p < nv; p++) out.push(Number(keys[p]! & 0xffffffffn));
  return out;
}

/**
 * Sorts vertex rays by x = y'/t lexicographically, coordinate by coordinate: float intervals
 * first (from the proven bounds of {@link ConeResult.floatRay}); when two intervals overlap, that
 * coordinate is compared exactly — in float64 when both rays are exact small integers and the
 * cross products y_i·t' stay below 2^53, else on BigInt — and the next coordinate decides a tie.
 */
function sortVertices(
  vertexIdx: number[],
  cone: ConeResult,
  axis: number[][],
): SortedFloats | undefined {
  const nv = vertexIdx.length;
  if (nv < 2) return undefined;
  const n = cone.floatRay(vertexIdx[0]!).y.length;
  const d = n - 1;
  const Y = new Float64Array(nv * n);
  const X = new Float64Array(nv * d);
  const ERR = new Float64Array(nv * d);
  const exactInFloat = new Uint8Array(nv);
  const located = new Uint8Array(nv);
  const worst = new Float64Array(nv);
  const scratch = new Float64Array(d);
  const scratchErr = new Float64Array(d);
  for (let p = 0; p < nv; p++) {
    const { y, e } = cone.floatRay(vertexIdx[p]!);
    Y.set(y, p * n);
    exactInFloat[p] = e === 0 ? 1 : 0;
    const bound = floatPoint(y, e, scratch, scratchErr);
    worst[p] = bound ?? -1;
    if (bound !== undefined) {
      located[p] = 1;
      X.set(scratch, p * d);
      ERR.set(scratchErr, p * d);
    }
  }
  const exact = (p: number): bigint[] => cone.exactRay(vertexIdx[p]!);
  const positions = presorted(X, d, located, nv);
  positions.sort((a, b) => {
    const both = located[a] === 1 && located[b] === 1;
    for (let i = 0; i < d; i++) {
      if (both) {
        const xa = X[a * d + i]!;
        const xb = X[b * d + i]!;
        const gap = ERR[a * d + i]! + ERR[b * d + i]!;
        if (xa + gap < xb && xa < xb) return -1;
        if (xb + gap < xa && xb < xa) return 1;
      }
      // a row that fixes coordinate i alone (c·x_i ≤ b) and is tight on both: equal exactly
      if (sharesRow(cone.zeroSets[vertexIdx[a]!]!, cone.zeroSets[vertexIdx[b]!]!, axis[i]!))
        continue;
      // exact comparison of coordinate i: y_a,i · t_b vs y_b,i · t_a (t > 0)
      if (exactInFloat[a] === 1 && exactInFloat[b] === 1) {
        const l = Y[a * n + i + 1]! * Y[b * n]!;
        const r = Y[b * n + i + 1]! * Y[a * n]!;
        if (Math.abs(l) < 2 ** 53 && Math.abs(r) < 2 ** 53) {
          if (l !== r) return l < r ? -1 : 1;
          continue;
        }
      }
      const ea = exact(a);
      const eb = exact(b);
      const l = ea[i + 1]! * eb[0]!;
      const r = eb[i + 1]! * ea[0]!;
      if (l !== r) return l < r ? -1 : 1;
    }
    return 0;
  });
  const unsorted = vertexIdx.slice();
  for (let p = 0; p < nv; p++) vertexIdx[p] = unsorted[positions[p]!]!;
  // the float points in the sorted order
  const SX = new Float64Array(nv * d);
  const SW = new Float64Array(nv);
  for (let q = 0; q < nv; q++) {
    const p = positions[q]!;
    SW[q] = worst[p]!;
    if (located[p] === 1) SX.set(X.subarray(p * d, (p + 1) * d), q * d);
  }
  return { X: SX, worst: SW };
}
