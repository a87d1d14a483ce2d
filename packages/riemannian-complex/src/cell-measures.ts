/**
 * Exact area and centroid of a 2-D cell from its vertices and facet–vertex incidence (SPEC §3),
 * on integers over one denominator: the shoelace sums are accumulated without a gcd per term, and
 * each result is reduced once. (The cells of real MLPs have vertex coordinates with ~100-bit
 * denominators, so per-term Rational arithmetic spends its time in gcds of long numbers.)
 */
import { type IntegerPoint, Rational, fractionToDouble, toIntegerPoint } from '@mlgeo/exact-arith';

/** Records v as a neighbour of u < n (two slots per vertex); false when u is out of range or full. */
function link(next: Int32Array, n: number, u: number, v: number): boolean {
  if (!(u >= 0 && u < n)) return false;
  if (next[2 * u] === -1) next[2 * u] = v;
  else if (next[2 * u + 1] === -1) next[2 * u + 1] = v;
  else return false;
  return true;
}

/** Scratch of the cyclic orders: the two neighbours of each vertex (−1: none yet). */
let nextScratch = new Int32Array(64);

/** The scratch of neighbours for n vertices, cleared (−1). */
function neighbours(n: number): Int32Array {
  if (nextScratch.length < 2 * n)
    nextScratch = new Int32Array(Math.max(2 * n, 2 * nextScratch.length));
  return nextScratch.fill(-1, 0, 2 * n);
}

/** The vertices of a convex polygon in cyclic order, from its edges (each facet: two vertices). */
export function cyclicOrder(
  vertexCount: number,
  facetVertices: readonly number[][],
): number[] | null {
  // the two neighbours of each vertex; a third one: not a polygon's incidence
  const next = neighbours(vertexCount);
  for (let i = 0; i < facetVertices.length; i++) {
    const f = facetVertices[i]!;
    if (
      f.length !== 2 ||
      !link(next, vertexCount, f[0]!, f[1]!) ||
      !link(next, vertexCount, f[1]!, f[0]!)
    )
      return null;
  }
  return walk(next, vertexCount);
}

/**
 * {@link cyclicOrder} from a flat incidence (exact-polytope `KnownCell.incidenceBlock`): facet f's
 * vertices are block[block[at + f] … block[at + f + 1] − 1], f < facetCount (no list per facet).
 */
export function cyclicOrderFlat(
  vertexCount: number,
  block: Int32Array,
  at: number,
  facetCount: number,
): number[] | null {
  const next = neighbours(vertexCount);
  for (let i = 0; i < facetCount; i++) {
    const from = block[at + i]!;
    if (block[at + i + 1]! - from !== 2) return null;
    const u = block[from]!;
    const v = block[from + 1]!;
    if (!link(next, vertexCount, u, v) || !link(next, vertexCount, v, u)) return null;
  }
  return walk(next, vertexCount);
}

/** The cycle through the neighbours from vertex 0, or null when they are not one polygon. */
function walk(next: Int32Array, vertexCount: number): number[] | null {
  for (let v = 0; v < vertexCount; v++) if (next[2 * v + 1] === -1) return null;
  const order = new Array<number>(vertexCount);
  order[0] = 0;
  let prev = -1;
  let cur = 0;
  for (let k = 1; k < vertexCount; k++) {
    const a = next[2 * cur]!;
    const step = a !== prev ? a : next[2 * cur + 1]!;
    prev = cur;
    cur = step;
    if (cur === 0) return null;
    order[k] = cur;
  }
  return next[2 * cur] === 0 || next[2 * cur + 1] === 0 ? order : null;
}

/**
 * Area and centroid of a convex polygon with vertices v_k = X_k/D_k in cyclic order:
 * 2A = Σ c_k/(D_k D_{k+1}) with c_k = X_k × X_{k+1}, and
 * 6A·centroid = Σ (v_k + v_{k+1})·(v_k × v_{k+1}); over P = Π D_k these are S_a/P and S_c/P².
 */
export function polygonAreaCentroid(points: readonly Rational[][]): {
  area: Rational;
  centroid: Rational[];
} {
  return polygonAreaCentroidInt(points.map((p) => toIntegerPoint(p)));
}

/** {@link polygonAreaCentroid} of points given as integers over a denominator (no conversion). */
export function polygonAreaCentroidInt(ip: readonly IntegerPoint[]): {
  area: Rational;
  centroid: Rational[];
} {
  const { Sa, Sx, Sy, P } = polygonSums(ip);
  const area = Rational.of(Sa, 2n * P).abs();
  const den = 3n * Sa * P;
  return { area, centroid: [Rational.of(Sx, den), Rational.of(Sy, den)] };
}

/**
 * {@link polygonAreaCentroid} correctly rounded to float64 (the same values as its Rationals'
 * `toNumber()`), from integer points without any Rational or gcd; undefined for zero area.
 */
export function roundedPolygonMeasures(
  ip: readonly IntegerPoint[],
): { area: number; centroid: number[] } | undefined {
  const { Sa, Sx, Sy, P } = polygonSums(ip);
  if (Sa === 0n) return undefined;
  // fractionToDouble wants a positive denominator: the sign of Sa moves to the numerators
  const s = Sa < 0n ? -1n : 1n;
  const den = 3n * Sa * s * P;
  return {
    area: fractionToDouble(Sa * s, 2n * P),
    centroid: [fractionToDouble(Sx * s, den), fractionToDouble(Sy * s, den)],
  };
}

/**
 * Integer sums of the shoelace formulas for points X_k/D_k in cyclic order: area = |Sa| / (2P),
 * centroid = (Sx, Sy) / (3·Sa·P), with P = Π D_k (no gcd anywhere).
 */
function polygonSums(ip: readonly IntegerPoint[]): {
  Sa: bigint;
  Sx: bigint;
  Sy: bigint;
  P: bigint;
} {
  const n = ip.length;
  let P = 1n;
  for (const q of ip) P *= q.den;
  let Sa = 0n;
  let Sx = 0n;
  let Sy = 0n;
  for (let k = 0; k < n; k++) {
    const u = ip[k]!;
    const v = ip[(k + 1) % n]!;
    const c = u.num[0]! * v.num[1]! - u.num[1]! * v.num[0]!;
    if (c === 0n) continue;
    const Pk = P / (u.den * v.den);
    const cP = c * Pk;
    Sa += cP;
    const cP2 = cP * Pk;
    Sx += (u.num[0]! * v.den + v.num[0]! * u.den) * cP2;
    Sy += (u.num[1]! * v.den + v.num[1]! * u.den) * cP2;
  }
  return { Sa, Sx, Sy, P };
}
