/**
 * The 3-D float complex on point identities (issue 11): shared polygons, I(σ) and ridges of a 3-D
 * partition worked out on the distinct vertices of the PointIndex (float-points.ts) and the
 * hyperplane ids of the facets, with exact points only when a value is read or a filter cannot
 * decide.
 *
 * - A facet polygon is its cell's vertices on the facet in cyclic order (from the incidence), as
 *   points of the index. Two coplanar facets of opposite orientation with the same points are one
 *   shared face (no arithmetic). Otherwise the polygon is clipped by the other cell's facets with
 *   the index's signs (hyperplane identity, float with a proven bound, else exact): a facet whose
 *   signs change strictly along an edge of the polygon needs a new point, and then the exact clip
 *   (shared-faces.ts) decides.
 * - I(σ) for σ of 3 and 4 cells: the same clip of I(τ)'s points by the new cell.
 * - Ridges: when every facet of every cell is a whole shared face or lies on the boundary of X,
 *   the cells form a polyhedral complex (two cells meet in a face of both), so the ridges of the
 *   refinement are exactly the distinct cell edges and the cells whose closure holds a ridge are
 *   the cells having it as an edge, with the edge's two facets as the tight ones. Otherwise the
 *   exact edge arrangement (edges3d.ts) is used.
 */
import { Rational, SqrtRational, angleFromCos, fractionToDouble } from '@mlgeo/exact-arith';
import { FLOAT_CENTROID_SCALE_TOLERANCE, FLOAT_MEASURE_TOLERANCE } from '@mlgeo/exact-polytope';
import {
  type CellGeometry,
  type FacetInfo,
  facetCycleIndices,
  facetVertexAt,
  facetVertexCount,
  rowHyperplane,
} from './cells.js';
import type { IntersectionWork } from './simplices.js';
import {
  emptyIntersection,
  exactArea,
  orderPolygon,
  planarPolygonArea,
  segmentLength,
} from './convex-clip.js';
import {
  type Ball,
  type FloatValue,
  type FloatVector,
  certifyFloat,
  distance,
  pointBalls,
  toValue,
  FloatNumber,
  FloatPoint,
} from './float-values.js';
import { exactMeasure } from './lazy.js';
import {
  SAFE,
  distanceInto,
  polygonArea3Into,
  polygonArea3S,
  volumeCentroid3Into,
} from './cos3.js';
import { type PointIndex, exactVertex } from './float-points.js';
import type { CellAngle, Ridge, SharedFace } from './types.js';
import { listOfLength } from './young.js';

/** Exact points of the index in lexicographic order (= order along their line for two points). */
function lexCompare(p: readonly Rational[], q: readonly Rational[]): number {
  for (let k = 0; k < p.length; k++) {
    const c = p[k]!.cmp(q[k]!);
    if (c !== 0) return c;
  }
  return 0;
}

/** Point k's exact coordinates correctly rounded, within u·|x̂| each (the refined tier). */
function roundedBallsOf(pts: PointIndex, k: number): Ball[] {
  const p = pts.exactInt(k);
  const x = p.num.map((n) => fractionToDouble(n, p.den));
  let max = 0;
  for (const c of x) max = Math.max(max, Math.abs(c));
  return pointBalls(x, 2 * 2 ** -53 * max + 1e-300);
}

/**
 * A float measure spanned by points (x_i = xf[3i …], one flat list, within rs[i]): a segment's
 * length or a polygon's area.
 */
function measureOn(xf: ArrayLike<number>, rs: ArrayLike<number>, order: number[]): Ball {
  if (order.length === 2) {
    const a = 3 * order[0]!;
    const b = 3 * order[1]!;
    return distance(
      pointBalls([xf[a]!, xf[a + 1]!, xf[a + 2]!], rs[order[0]!]!),
      pointBalls([xf[b]!, xf[b + 1]!, xf[b + 2]!], rs[order[1]!]!),
    );
  }
  return polygonArea3S(xf, rs, order); // polygonArea3 on scalars (cos3.ts, bit for bit)
}

/**
 * The measure of points of the index (2 points: length; more: area), certified (SPEC §1): from
 * the points' float coordinates, else from their exact coordinates rounded, else the exact value
 * (`owner.volume`) rounded.
 */
function certifiedOnPoints(
  ends: number[],
  pts: PointIndex,
  owner: { readonly volume: SqrtRational },
): FloatValue {
  const o = areaScratch;
  if (ends.length > 2) {
    // a polygon's area on scalars (cos3.ts polygonArea3Into), then toValue: one object
    polygonArea3Into(pts.xf, pts.r, ends, o);
    const error = o[1]! * SAFE;
    if (error <= FLOAT_MEASURE_TOLERANCE * Math.abs(o[0]!)) return new FloatNumber(o[0]!, error);
    const f = toValue(measureOn(pts.xf, pts.r, ends));
    if (f.error <= FLOAT_MEASURE_TOLERANCE * Math.abs(f.value)) return f;
  } else {
    // a segment's length: measureOn's distance of the two points' balls on scalars (cos3.ts
    // distanceInto, bit for bit), each point's radius for its three coordinates
    const a = ends[0]!;
    const b = ends[1]!;
    radiusP.fill(pts.r[a]!);
    radiusQ.fill(pts.r[b]!);
    distanceInto(pts.xf, 3 * a, radiusP, 0, pts.xf, 3 * b, radiusQ, 0, 3, o);
    const error = o[1]! * SAFE;
    if (error <= FLOAT_MEASURE_TOLERANCE * Math.abs(o[0]!)) return new FloatNumber(o[0]!, error);
  }
  const xf: number[] = [];
  const rs: number[] = [];
  const order: number[] = [];
  for (const k of ends) {
    const b = roundedBallsOf(pts, k);
    order.push(rs.length);
    for (const c of b) xf.push(c.v);
    rs.push(b[0]!.r);
  }
  return certifyFloat(toValue(measureOn(xf, rs, order)), () => owner.volume.toNumber());
}

/** Scratch of {@link certifiedOnPoints}: a measure and its radius; a segment's end radii. */
const areaScratch = new Float64Array(2);
const radiusP = new Float64Array(3);
const radiusQ = new Float64Array(3);

const exactPlanarArea = exactMeasure(
  (vertices: Rational[][], normal: readonly bigint[]): SqrtRational =>
    planarPolygonArea(vertices, normal) ?? SqrtRational.ZERO,
);
const exactSegmentLength = exactMeasure((p: Rational[], q: Rational[]): SqrtRational =>
  segmentLength(p, q),
);

/**
 * The edges of a 3-D cell: facet pairs f < g (lexicographic) and their two end vertices u, v,
 * edge e at e4 = 4e: f, g, u, v (one array per cell, no wrapper object: length / 4 edges).
 */
type CellEdges = Int32Array;

/**
 * The 3-D float path's per-cell caches, one object on the cell (`cell.float3d`, made on first use;
 * issue 11: one WeakMap entry per cell and cache cost ≈ 10 % of the 3-D float complex in lookups
 * and in the ephemeron work of every scavenge).
 */
export class Float3dCaches {
  edges: CellEdges | undefined = undefined;
  cycles: (number[] | null)[] | undefined = undefined;
  pointSets: (Int32Array | undefined)[] | undefined = undefined;
  refined: FloatCellMeasures | null | undefined = undefined;
  roundedExact: FloatCellMeasures | undefined = undefined;
}

function caches(cell: CellGeometry): Float3dCaches {
  return (cell.float3d ??= new Float3dCaches());
}

let pairCount = new Int32Array(0);
let pairFirst = new Int32Array(0);
let pairSecond = new Int32Array(0);

/**
 * Float path: the edges of a 3-D cell from the tight facets of its vertices — two facets sharing
 * two vertices meet in an edge (a face of a 3-polytope) with those two ends — once per cell.
 */
function cellEdges(cell: CellGeometry): CellEdges {
  const cached = caches(cell);
  let E = cached.edges;
  if (E !== undefined) return E;
  const nf = cell.facets.length;
  if (pairCount.length < nf * nf) {
    pairCount = new Int32Array(nf * nf);
    pairFirst = new Int32Array(nf * nf);
    pairSecond = new Int32Array(nf * nf);
  } else pairCount.fill(0, 0, nf * nf);
  const fv = cell.float!;
  let count = 0;
  for (let v = 0; v < fv.count; v++) {
    const nt = fv.tightCount(v);
    for (let x = 0; x < nt; x++)
      for (let y = x + 1; y < nt; y++) {
        const at = fv.tightAt(v, x) * nf + fv.tightAt(v, y);
        const m = pairCount[at]!++;
        if (m === 0) pairFirst[at] = v;
        else if (m === 1) {
          pairSecond[at] = v;
          count++;
        }
      }
  }
  const fguv = new Int32Array(4 * count);
  E = fguv;
  let e = 0;
  for (let f = 0; f < nf; f++)
    for (let g = f + 1; g < nf; g++) {
      const at = f * nf + g;
      if (pairCount[at]! < 2) continue;
      fguv[e] = f;
      fguv[e + 1] = g;
      fguv[e + 2] = pairFirst[at]!;
      fguv[e + 3] = pairSecond[at]!;
      e += 4;
    }
  cached.edges = E;
  return E;
}

let nbFirst = new Int32Array(0);
let nbSecond = new Int32Array(0);

/** Records b as a neighbour of slot `at` (a facet's vertex): first, second, or −2 for a third. */
function link(nb1: Int32Array, nb2: Int32Array, at: number, b: number): void {
  if (nb1[at] === -1) nb1[at] = b;
  else if (nb2[at] === -1) nb2[at] = b;
  else nb1[at] = -2;
}

/**
 * The facet polygons of a cell as cycles of its vertex indices (as cells.ts `facetCycleIndices`:
 * two vertices of a facet are consecutive iff they span an edge; null when the incidence is not
 * one cycle), computed once per cell — from the cell's edges on the float path — and read by the
 * float measures, the refined tier and the shared polygons.
 */
export function facetCycles(cell: CellGeometry): (number[] | null)[] {
  const cached = caches(cell);
  let c = cached.cycles;
  if (c !== undefined) return c;
  const nf = cell.facets.length;
  c = listOfLength<number[] | null>(nf);
  if (!cell.float || cell.float.count === 0 || cell.float.d !== 3) {
    for (let f = 0; f < nf; f++) c[f] = facetCycleIndices(cell, f);
  } else {
    const nv = cell.float.count;
    const E = cellEdges(cell);
    // two neighbours per (facet, vertex); −2: more than two (no cycle); module scratch
    if (nbFirst.length < nf * nv) {
      nbFirst = new Int32Array(2 * nf * nv);
      nbSecond = new Int32Array(2 * nf * nv);
    }
    const nb1 = nbFirst;
    const nb2 = nbSecond;
    nb1.fill(-1, 0, nf * nv);
    nb2.fill(-1, 0, nf * nv);
    const q = E;
    for (let e4 = 0; e4 < q.length; e4 += 4) {
      const f = q[e4]!;
      const g = q[e4 + 1]!;
      const u = q[e4 + 2]!;
      const v = q[e4 + 3]!;
      link(nb1, nb2, f * nv + u, v);
      link(nb1, nb2, f * nv + v, u);
      link(nb1, nb2, g * nv + u, v);
      link(nb1, nb2, g * nv + v, u);
    }
    for (let f = 0; f < nf; f++) {
      // read from the cell's flat incidence (no per-facet vertex list, issue 11)
      const F = cell.facets[f]!;
      const n = facetVertexCount(F);
      let cyc: number[] | null = null;
      if (n >= 3) {
        const v0 = facetVertexAt(F, 0);
        // exact size (kept per cell: no growth by push, no spare capacity)
        cyc = listOfLength<number>(n);
        cyc[0] = v0;
        let prev = -1;
        let cur = v0;
        for (let k = 1; k <= n && cyc !== null; k++) {
          const a = nb1[f * nv + cur]!;
          const b = nb2[f * nv + cur]!;
          if (a < 0 || b < 0) cyc = null;
          else {
            const step = a !== prev ? a : b;
            prev = cur;
            cur = step;
            if (k === n) {
              if (cur !== v0) cyc = null;
            } else if (cur === v0) cyc = null;
            else cyc[k] = cur;
          }
        }
      }
      c[f] = cyc;
    }
  }
  cached.cycles = c;
  return c;
}

/** The polygon of facet f of a 3-D cell as points of the index in cyclic order (null: no cycle). */
function facetPointCycle(cell: CellGeometry, f: number, pts: PointIndex): number[] | null {
  const cyc = facetCycles(cell)[f]!;
  if (!cyc) return null;
  const out = listOfLength<number>(cyc.length);
  for (let t = 0; t < cyc.length; t++) out[t] = pts.of(cell.index, cyc[t]!);
  return out;
}

/** The points of facet f of a cell, sorted (the identity of the facet polygon; cached). */
function facetPointSet(cell: CellGeometry, f: number, pts: PointIndex): Int32Array {
  const cached = caches(cell);
  const sets = (cached.pointSets ??= listOfLength<Int32Array | undefined>(cell.facets.length));
  let out = sets[f];
  if (out === undefined) {
    const F = cell.facets[f]!;
    const n = facetVertexCount(F);
    out = new Int32Array(n);
    // insertion sort (a few entries; TypedArray sort allocates)
    for (let t = 0; t < n; t++) {
      const x = pts.of(cell.index, facetVertexAt(F, t));
      let u = t;
      for (; u > 0 && out[u - 1]! > x; u--) out[u] = out[u - 1]!;
      out[u] = x;
    }
    sets[f] = out;
  }
  return out;
}

let signScratch = new Int8Array(64);

/**
 * The part of a convex point list (a polygon in cyclic order with its points extreme, a segment,
 * a point) in cl C, by the index's signs: the points with a·x ≤ b for every facet, in order; null
 * when a facet's sign changes strictly along an edge (the clip would need a new point).
 */
function clipPoints(poly: readonly number[], cell: CellGeometry, pts: PointIndex): number[] | null {
  let cur = poly as number[];
  for (const F of cell.facets) {
    const n = cur.length;
    if (n > signScratch.length) signScratch = new Int8Array(2 * n);
    const s = signScratch;
    let pos = 0;
    for (let t = 0; t < n; t++) {
      const v = pts.sign(cur[t]!, F);
      s[t] = v;
      if (v > 0) pos++;
    }
    if (pos === 0) continue;
    if (pos === n) return [];
    const closed = n >= 3;
    for (let t = 0; t < n; t++) {
      if (!closed && t === n - 1) break;
      const u = t + 1 === n ? 0 : t + 1;
      if (s[t]! * s[u]! < 0) return null;
    }
    const next: number[] = [];
    for (let t = 0; t < n; t++) if (s[t]! <= 0) next.push(cur[t]!);
    cur = next;
  }
  return cur === poly ? poly.slice() : cur;
}

/** A {@link FloatPolygonFace}'s exact values, each made on first read. */
interface ExactFace {
  plane?: { a: bigint[]; b: bigint };
  vertices?: Rational[][];
  area?: SqrtRational;
}

/**
 * Float path (3-D): a shared polygon whose vertices are points of the index; exact vertices (in
 * `orderPolygon`'s order), exact area and the certified float area on first read.
 */
export class FloatPolygonFace implements SharedFace {
  /** The exact values, made on first read (one field per face until then). */
  private exact: ExactFace | undefined;
  private floatValue: FloatValue | undefined;
  constructor(
    readonly i: number,
    readonly j: number,
    /** The face's hyperplane (undefined: made from `normal`, the facet row of cell i, on read). */
    hyperplane: { a: bigint[]; b: bigint } | undefined,
    /** The polygon's points in cyclic order. */
    readonly ends: number[],
    /** The face is the whole facet fi of cell i and the whole facet fj of cell j. */
    readonly whole: boolean,
    readonly fi: number,
    readonly fj: number,
    private readonly normal: readonly bigint[],
    private readonly pts: PointIndex,
  ) {
    if (hyperplane !== undefined) this.exact = { plane: hyperplane };
  }
  get hyperplane(): { a: bigint[]; b: bigint } {
    const x = (this.exact ??= {});
    return (x.plane ??= rowHyperplane(this.normal));
  }
  /** A polygon: the face is its own I(e) (simplices.ts faceIntersection, no wrapper per edge). */
  get dimension(): number {
    return 2;
  }
  get vertices(): Rational[][] {
    const x = (this.exact ??= {});
    return (x.vertices ??= orderPolygon(
      this.ends.map((k) => this.pts.exact(k)),
      this.normal.slice(0, 3),
    ));
  }
  get volume(): SqrtRational {
    const x = (this.exact ??= {});
    return (x.area ??= exactPlanarArea(this.vertices, this.normal));
  }
  get floatVolume(): FloatValue {
    if (this.floatValue === undefined)
      this.floatValue = certifiedOnPoints(this.ends, this.pts, this);
    return this.floatValue;
  }
}

/**
 * Float path (3-D): facet fi of ci against the coplanar facet fj of cj (opposite orientation):
 * the shared polygon on points of the index, null when the closures meet in less than a polygon,
 * undefined when the exact clip must decide.
 */
export function sharedPolygonF(
  ci: CellGeometry,
  fi: number,
  cj: CellGeometry,
  fj: number,
  pts: PointIndex,
): SharedFace | null | undefined {
  const Fi = ci.facets[fi]!;
  const Fj = cj.facets[fj]!;
  let whole = false;
  if (facetVertexCount(Fi) === facetVertexCount(Fj)) {
    const a = facetPointSet(ci, fi, pts);
    const b = facetPointSet(cj, fj, pts);
    whole = true;
    for (let t = 0; t < a.length && whole; t++) whole = a[t] === b[t];
  }
  if (!whole && (separated(ci, fi, cj, pts) || separated(cj, fj, ci, pts))) return null;
  const cycle = facetPointCycle(ci, fi, pts);
  if (!cycle) return undefined;
  let poly: number[] | null = cycle;
  if (!whole) {
    poly = clipPoints(cycle, cj, pts);
    if (poly === null) return undefined;
    // the kept points are extreme points of the facet: three or more span a polygon
    if (poly.length < 3) return null;
  }
  // the hyperplane made from Fi's row on read
  return new FloatPolygonFace(ci.index, cj.index, undefined, poly, whole, fi, fj, Fi.ints, pts);
}

/**
 * Float path (3-D): the shared faces that are a whole facet of both cells — facets of opposite
 * orientation with the same points (hashed, compared entry by entry) — without boxes or signs.
 * In a partition with disjoint interiors such a facet shares no other polygon (another cell
 * meeting it in a polygon would overlap the neighbour), so `matched` facets need no further
 * search. On an MLP partition every facet off the boundary of X is matched.
 */
export function wholeFacetFaces(
  cells: readonly CellGeometry[],
  pts: PointIndex,
): { faces: FloatPolygonFace[]; matched: Uint8Array; base: Int32Array } {
  // facet (c, f) is slot base[c] + f
  const n = cells.length;
  const base = new Int32Array(n + 1);
  for (let c = 0; c < n; c++) base[c + 1] = base[c]! + cells[c]!.facets.length;
  const total = base[n]!;
  const matched = new Uint8Array(total);
  const faces: FloatPolygonFace[] = [];
  // open facets by the hash of their point set (order-independent: no sorted copy), in the order
  // met; linear probing keeps the facets of one hash in that order
  let size = 16;
  while (size < 2 * total) size *= 2;
  const mask = size - 1;
  const table = new Int32Array(size).fill(-1);
  const hashOf = new Int32Array(total);
  for (const c of cells) {
    if (!c.float) continue;
    const ci = c.index;
    for (let f = 0; f < c.facets.length; f++) {
      const F = c.facets[f]!;
      const len = facetVertexCount(F);
      if (len < 3) continue;
      let sum = 0;
      let mix = 0;
      for (let t = 0; t < len; t++) {
        const x = pts.of(ci, facetVertexAt(F, t));
        const y = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d);
        sum = (sum + (y ^ (y >>> 12))) | 0;
        mix ^= Math.imul(x + 0x7f4a7c15, 0x297a2d39);
      }
      const h = (Math.imul(sum, 31) ^ mix ^ Math.imul(len, 0x9e3779b1)) | 0;
      const side = F.side;
      let at = h & mask;
      let partner = -1;
      // the partner's cell and its facet there, found with it
      let pc = 0;
      let pf = 0;
      let slot = table[at]!;
      while (slot >= 0) {
        if (hashOf[slot] === h && matched[slot] === 0) {
          // the open facet's cell: the last with base ≤ slot
          let oc = 0;
          let hi = ci;
          while (oc < hi) {
            const mid = (oc + hi + 1) >> 1;
            if (base[mid]! <= slot) oc = mid;
            else hi = mid - 1;
          }
          const of = slot - base[oc]!;
          const G = cells[oc]!.facets[of]!;
          if (G.side !== side && facetVertexCount(G) === len && samePoints(c, F, oc, G, pts)) {
            partner = slot;
            pc = oc;
            pf = of;
            break;
          }
        }
        at = (at + 1) & mask;
        slot = table[at]!;
      }
      const me = base[ci]! + f;
      if (partner < 0) {
        hashOf[me] = h;
        table[at] = me;
        continue;
      }
      // cells are read in index order: the earlier cell is i
      const cycle = facetPointCycle(cells[pc]!, pf, pts);
      if (!cycle) continue;
      const Fi = cells[pc]!.facets[pf]!;
      faces.push(new FloatPolygonFace(pc, ci, undefined, cycle, true, pf, f, Fi.ints, pts));
      matched[partner] = 1;
      matched[me] = 1;
    }
  }
  return { faces, matched, base };
}

/** The vertices of facet F of cell c and of facet G of cell d are the same points of the index (as sets). */
function samePoints(
  c: CellGeometry,
  F: FacetInfo,
  d: number,
  G: FacetInfo,
  pts: PointIndex,
): boolean {
  const nv = facetVertexCount(F);
  const nw = facetVertexCount(G);
  for (let t = 0; t < nv; t++) {
    const x = pts.of(c.index, facetVertexAt(F, t));
    let found = false;
    for (let u = 0; u < nw && !found; u++) found = pts.of(d, facetVertexAt(G, u)) === x;
    if (!found) return false;
  }
  return true;
}

/**
 * Facet fi of ci lies on the outer side (a·x ≥ b, not all on it) of a facet of cj: then the two meet in at most
 * a segment. Two convex polygons of one plane whose interiors are disjoint are separated by an
 * edge line of one of them, the trace of a facet of its cell: so this, tried both ways, finds
 * every neighbour facet that shares no polygon.
 */
function separated(ci: CellGeometry, fi: number, cj: CellGeometry, pts: PointIndex): boolean {
  const F = ci.facets[fi]!;
  const n = facetVertexCount(F);
  for (const G of cj.facets) {
    // all on the outer side, one strictly (all on G: G is the plane of the facet itself)
    let out = true;
    let strict = false;
    for (let t = 0; t < n && out; t++) {
      const v = pts.sign(pts.of(ci.index, facetVertexAt(F, t)), G);
      out = v >= 0;
      if (v > 0) strict = true;
    }
    if (out && strict) return true;
  }
  return false;
}

/** Float path (3-D): I(σ) spanned by points of the index (exact values on first read). */
class EndsIntersection implements IntersectionWork {
  private exactVertices: Rational[][] | undefined;
  private exactVolume: SqrtRational | undefined;
  private floatValue: FloatValue | undefined;
  readonly dimension: number;
  constructor(
    readonly ends: number[],
    private readonly pts: PointIndex,
  ) {
    this.dimension = Math.min(ends.length, 3) - 1;
  }
  get vertices(): Rational[][] {
    if (this.exactVertices === undefined) {
      const v = this.ends.map((k) => this.pts.exact(k));
      // a segment from its smaller end (describeConvex3's order); a polygon in cyclic order
      if (v.length === 2 && lexCompare(v[0]!, v[1]!) > 0) v.reverse();
      this.exactVertices = v;
    }
    return this.exactVertices;
  }
  get volume(): SqrtRational {
    if (this.exactVolume === undefined) {
      const v = this.vertices;
      this.exactVolume =
        this.dimension === 0
          ? SqrtRational.ONE
          : this.dimension === 1
            ? exactSegmentLength(v[0]!, v[1]!)
            : exactPolygonArea3(v);
    }
    return this.exactVolume;
  }
  get floatVolume(): FloatValue {
    if (this.floatValue === undefined) {
      const { ends, pts } = this;
      if (this.dimension === 0) this.floatValue = { value: 1, error: 0 };
      else this.floatValue = certifiedOnPoints(ends, pts, this);
    }
    return this.floatValue;
  }
}

/** Area of a cyclic polygon in R^3, exactly (convex-clip.ts), counted. */
const exactPolygonArea3 = exactMeasure(
  (v: Rational[][]): SqrtRational => exactArea(v) ?? SqrtRational.ZERO,
);

/**
 * Float path (3-D): I(τ) ∩ cl C for I(τ) spanned by points of the index, by the index's signs;
 * null when a facet of C cuts an edge of I(τ) strictly (then the exact clip decides).
 */
export function intersectEnds3(
  tau: IntersectionWork,
  cell: CellGeometry,
  pts: PointIndex,
): IntersectionWork | null {
  const kept = clipPoints(tau.ends!, cell, pts);
  if (kept === null) return null;
  if (kept.length === 0) return emptyIntersection();
  return new EndsIntersection(kept, pts);
}

/** Whether a ridge came from {@link edgeRidges} (for tests). */
export const isEdgeRidge = (r: Ridge): boolean => r instanceof EdgeRidge;

/**
 * Every edge ridge's data in one store (in the order of edgeRidges): end points, location, angle
 * sum, and the cells as CSR — owner cells, their two facets and the angle of the facet pair; a
 * ridge object holds only the store and its index (no number fields, no lists per ridge), its
 * angle views are made on first read.
 */
interface EdgeStore {
  pts: PointIndex;
  a: Int32Array;
  b: Int32Array;
  /** 0 interior, 1 on a facet of X, 2 + t: on a ridge of X, t into `domainRidges`. */
  where: Int32Array;
  sum: Float64Array;
  domainRidges: { cos: SqrtRational; sum: number }[];
  start: Int32Array;
  cell: Int32Array;
  f: Int32Array;
  g: Int32Array;
  pair: PairAngle[];
  angles: RidgeAngles;
}

/** An {@link EdgeRidge}'s angle views, exact ends and midpoint, each made on first read. */
interface EdgeRidgeReads {
  views?: CellAngle[];
  vertices?: Rational[][];
  mid?: Rational[];
}

/** Float path (3-D): a ridge that is an edge [a, b] of the cells; exact points on first read. */
class EdgeRidge implements Ridge {
  /** The angle views and exact points, made on first read (one field per ridge until then). */
  private read: EdgeRidgeReads | undefined = undefined;
  constructor(
    private readonly store: EdgeStore,
    private readonly e: number,
  ) {}
  get location(): Ridge['location'] {
    const w = this.store.where[this.e]!;
    return w === 0 ? 'interior' : w === 1 ? 'boundary-facet' : 'boundary-ridge';
  }
  get expectedSum(): number {
    const w = this.store.where[this.e]!;
    return w === 0 ? 2 * Math.PI : w === 1 ? Math.PI : this.store.domainRidges[w - 2]!.sum;
  }
  get expectedCos(): SqrtRational {
    const w = this.store.where[this.e]!;
    return w === 0 ? SqrtRational.ONE : w === 1 ? MINUS_ONE : this.store.domainRidges[w - 2]!.cos;
  }
  get sum(): number {
    return this.store.sum[this.e]!;
  }
  /** The angle of every cell having the edge, in cell order (views made on first read). */
  get angles(): CellAngle[] {
    const x = (this.read ??= {});
    if (x.views === undefined) {
      const o = this.store;
      const from = o.start[this.e]!;
      const to = o.start[this.e + 1]!;
      const list: CellAngle[] = new Array(to - from);
      for (let p = from; p < to; p++)
        list[p - from] = o.angles.angleView(o.cell[p]!, [o.f[p]!, o.g[p]!], o.pair[p]!);
      x.views = list;
    }
    return x.views;
  }
  get vertices(): Rational[][] {
    const x = (this.read ??= {});
    if (x.vertices === undefined) {
      const p = this.store.pts.exact(this.store.a[this.e]!);
      const q = this.store.pts.exact(this.store.b[this.e]!);
      x.vertices = lexCompare(p, q) < 0 ? [p, q] : [q, p];
    }
    return x.vertices;
  }
  get point(): Rational[] {
    const x = (this.read ??= {});
    if (x.mid === undefined) {
      const [p, q] = this.vertices as [Rational[], Rational[]];
      x.mid = p.map((c, k) => c.add(q[k]!).div(TWO));
    }
    return x.mid;
  }
}

const TWO = Rational.fromBigInt(2n);
const MINUS_ONE = SqrtRational.fromRational(Rational.MINUS_ONE);

/**
 * Whether the shared faces make the cells a polyhedral complex: every facet of every cell is one
 * whole shared face (the same points as the neighbour's facet) or, with no shared face, lies on a
 * facet hyperplane of X.
 */
export function faceToFace(
  cells: readonly CellGeometry[],
  faces: readonly SharedFace[],
  domainFacets: readonly FacetInfo[],
): boolean {
  const base = new Int32Array(cells.length + 1);
  for (let c = 0; c < cells.length; c++) base[c + 1] = base[c]! + cells[c]!.facets.length;
  const matched = new Uint8Array(base[cells.length]!);
  for (const f of faces) {
    if (!(f instanceof FloatPolygonFace) || !f.whole) return false;
    if (++matched[base[f.i]! + f.fi]! > 1) return false;
    if (++matched[base[f.j]! + f.fj]! > 1) return false;
  }
  const domain = new Set<number>();
  for (const G of domainFacets) if (G.hid !== undefined) domain.add(G.hid);
  for (let c = 0; c < cells.length; c++) {
    const F = cells[c]!.facets;
    for (let f = 0; f < F.length; f++)
      if (matched[base[c]! + f] === 0 && (F[f]!.hid === undefined || !domain.has(F[f]!.hid!)))
        return false;
  }
  return true;
}

/** The angle between two facets of a cell, shared by every ridge of the hyperplane pair. */
export interface PairAngle {
  /** θ in radians (float). */
  readonly angle: number;
}

/** What {@link edgeRidges} needs from angles.ts (no import cycle). */
export interface RidgeAngles {
  /** The angle of a cell at a ridge of its facets f and g (values computed now, cached per pair). */
  pairAngle(cell: CellGeometry, f: number, g: number): PairAngle;
  /** The public angle of cell `cell` at a ridge of its facets `facets` (= [f, g]) of that pair. */
  angleView(cell: number, facets: number[], pair: PairAngle): CellAngle;
  /** cos of the angle of X between two of its facets, exactly (on the boundary ridges of X). */
  domainCos(a: FacetInfo, b: FacetInfo): SqrtRational;
}

/**
 * Float path (3-D), for a polyhedral complex ({@link faceToFace}): the ridges are the distinct
 * cell edges, in the order of their first cell, then that cell's two facets.
 */
export function edgeRidges(
  cells: readonly CellGeometry[],
  domainFacets: readonly FacetInfo[],
  pts: PointIndex,
  angles: RidgeAngles,
  tick?: (done: number, total: number) => void,
): Ridge[] {
  // the cell edges (facet pairs and their two end points), counted
  let total = 0;
  for (const c of cells) {
    tick?.(c.index, cells.length);
    total += cellEdges(c).length >> 2;
  }
  // the distinct edges (a < b) in the order first met (cells in order, then their facet pairs):
  // open addressing on the end points, an edge id per (cell, edge)
  let size = 16;
  while (size < 2 * total) size *= 2;
  const mask = size - 1;
  const table = new Int32Array(size).fill(-1);
  const ea = new Int32Array(total);
  const eb = new Int32Array(total);
  const count = new Int32Array(total + 1);
  const edgeOf = new Int32Array(total);
  let m = 0;
  let s = 0;
  for (const c of cells) {
    const q = cellEdges(c);
    const n = q.length >> 2;
    for (let t = 0; t < n; t++) {
      let a = pts.of(c.index, q[4 * t + 2]!);
      let b = pts.of(c.index, q[4 * t + 3]!);
      if (a > b) {
        const x = a;
        a = b;
        b = x;
      }
      let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) & mask;
      let e = table[h]!;
      while (e >= 0 && (ea[e] !== a || eb[e] !== b)) {
        h = (h + 1) & mask;
        e = table[h]!;
      }
      if (e < 0) {
        e = m++;
        table[h] = e;
        ea[e] = a;
        eb[e] = b;
      }
      count[e + 1]!++;
      edgeOf[s++] = e;
    }
  }
  // owners per edge in cell order (CSR)
  const start = count.subarray(0, m + 1);
  for (let e = 0; e < m; e++) start[e + 1]! += start[e]!;
  const fill = start.slice(0, m);
  const owners: EdgeStore = {
    pts,
    a: ea.subarray(0, m),
    b: eb.subarray(0, m),
    where: new Int32Array(m),
    sum: new Float64Array(m),
    domainRidges: [],
    start,
    cell: new Int32Array(total),
    f: new Int32Array(total),
    g: new Int32Array(total),
    pair: new Array<PairAngle>(total),
    angles,
  };
  s = 0;
  for (const c of cells) {
    const q = cellEdges(c);
    const n = q.length >> 2;
    for (let t = 0; t < n; t++) {
      const p = fill[edgeOf[s++]!]!++;
      owners.cell[p] = c.index;
      owners.f[p] = q[4 * t]!;
      owners.g[p] = q[4 * t + 1]!;
    }
  }
  const boundary = new Map<number, number>(); // pair of facets of X → index in domainRidges
  // per point: bit g set when facet g of X (g < 30) holds it, computed once per point
  const domainBits = new Int32Array(pts.count).fill(-1);
  const onDomain = (k: number): number => {
    let m = domainBits[k]!;
    if (m < 0) {
      m = 0;
      for (let g = 0; g < domainFacets.length && g < 30; g++)
        if (pts.sign(k, domainFacets[g]!) === 0) m |= 1 << g;
      domainBits[k] = m;
    }
    return m;
  };
  const out: Ridge[] = new Array(m);
  for (let e = 0; e < m; e++) {
    const a = ea[e]!;
    const b = eb[e]!;
    let sum = 0;
    for (let p = start[e]!; p < start[e + 1]!; p++) {
      // two facets: a ridge angle (cellAngle never throws here)
      const A = angles.pairAngle(cells[owners.cell[p]!]!, owners.f[p]!, owners.g[p]!);
      owners.pair[p] = A;
      sum += A.angle;
    }
    // facets of X holding the ridge: those holding both ends (X is convex)
    let g0 = -1;
    let g1 = -1;
    let tightCount = 0;
    const both = onDomain(a) & onDomain(b);
    for (let g = 0; g < domainFacets.length; g++) {
      if (
        g < 30
          ? ((both >>> g) & 1) === 0
          : pts.sign(a, domainFacets[g]!) !== 0 || pts.sign(b, domainFacets[g]!) !== 0
      )
        continue;
      if (tightCount === 0) g0 = g;
      else if (tightCount === 1) g1 = g;
      tightCount++;
    }
    owners.sum[e] = sum;
    if (tightCount <= 1) owners.where[e] = tightCount;
    else {
      const key = g0 * domainFacets.length + g1;
      let t = boundary.get(key);
      if (t === undefined) {
        const cos = angles.domainCos(domainFacets[g0]!, domainFacets[g1]!);
        boundary.set(key, (t = owners.domainRidges.length));
        owners.domainRidges.push({ cos, sum: angleFromCos(cos) });
      }
      owners.where[e] = 2 + t;
    }
    out[e] = new EdgeRidge(owners, e);
  }
  return out;
}

/** Float volume and centroid of a cell with their bounds. */
export interface FloatCellMeasures {
  volume: FloatValue;
  centroid: FloatVector;
}

/** {@link FloatCellMeasures} made by `new`, so born young (docs/contributing.md, "Objects a run keeps"). */
export class CellMeasures implements FloatCellMeasures {
  constructor(
    public volume: FloatValue,
    public centroid: FloatVector,
  ) {}
}

/**
 * {@link exactVertex3} of vertex v, once per point of the index when the cell knows it (a point is
 * a vertex of ≈ 2 of the cells refined): another cell's (N, D) for the point is another
 * representation of the same x = N / D, and the tiers read only values rounded from exact
 * fractions of x (fractionToDouble, correctly rounded), so the results are the same.
 */
function exactPoint3(cell: CellGeometry, v: number): bigint[] {
  const pts = cell.points;
  if (pts === undefined) return exactVertex3(cell, v);
  const known = pts.exactCramer;
  const k = pts.of(cell.index, v);
  let E = known.get(k);
  if (E === undefined) known.set(k, (E = exactVertex3(cell, v)));
  return E;
}

/**
 * The exact vertex v of a 3-D float-path cell as (N_0, N_1, N_2, D), x_k = N_k / D with D > 0
 * (not reduced), by Cramer's rule on the first three of its tight facet rows a·x = b (primitive
 * integers) whose determinant is not 0 — every tight row passes through the vertex, so any three
 * independent ones fix it (no gcd, no elimination); else its exact point from the polytope.
 */
function exactVertex3(cell: CellGeometry, v: number): bigint[] {
  const fv = cell.float!;
  const nt = fv.tightCount(v);
  const F = cell.facets;
  for (let i = 0; i < nt; i++)
    for (let j = i + 1; j < nt; j++)
      for (let k = j + 1; k < nt; k++) {
        const A = F[fv.tightAt(v, i)]!.ints;
        const C = F[fv.tightAt(v, j)]!.ints;
        const G = F[fv.tightAt(v, k)]!.ints;
        // the 2×2 minors m_pq = C_p·G_q − C_q·G_p of the rows c, g (column 3: b), expanded along
        // row a: D = det(a; c; g) and Cramer's numerators n_k (column k replaced by b) — the
        // same integers as b_a·(c × g) + b_c·(g × a) + b_g·(a × c), fewer BigInt products
        const m01 = C[0]! * G[1]! - C[1]! * G[0]!;
        const m02 = C[0]! * G[2]! - C[2]! * G[0]!;
        const m12 = C[1]! * G[2]! - C[2]! * G[1]!;
        const D = A[0]! * m12 - A[1]! * m02 + A[2]! * m01;
        if (D === 0n) continue;
        const m03 = C[0]! * G[3]! - C[3]! * G[0]!;
        const m13 = C[1]! * G[3]! - C[3]! * G[1]!;
        const m23 = C[2]! * G[3]! - C[3]! * G[2]!;
        const n0 = A[3]! * m12 + A[1]! * m23 - A[2]! * m13;
        const n1 = A[2]! * m03 - A[0]! * m23 - A[3]! * m02;
        const n2 = A[0]! * m13 - A[1]! * m03 + A[3]! * m01;
        // D > 0 (the signs changed only when needed: no product by ±1)
        // (Array.of: a builtin's array, born young: docs/contributing.md, "Objects a run keeps")
        return D > 0n ? Array.of(n0, n1, n2, D) : Array.of(-n0, -n1, -n2, -D);
      }
  const p = exactVertex(cell, v);
  return p.num.concat(p.den);
}

/**
 * Float path (3-D), the tier after the float measures from the solved vertices: volume and
 * centroid from the exact vertices, with the fan's edge vectors x_v − x_0 computed exactly and
 * then rounded (each within u relative, however small the cell is against its distance from the
 * origin — rounding the vertices themselves loses |x|·u absolutely, which on a small or thin cell
 * is most of the bound), and the apex x_0 rounded (within u·|x_0|): the centroid is x_0 + the
 * fan's centroid of the differences. Then, for the cells that still do not certify, the exact
 * volume and centroid rounded (bound 2u relative, so edge lengths between such cells still
 * certify). Null when the cell is not on the 3-D float path.
 */
export function refinedCellMeasures(cell: CellGeometry): FloatCellMeasures | null {
  const cached = caches(cell);
  let m = cached.refined;
  if (m !== undefined) return m;
  m = null;
  const fv = cell.float;
  const is3d = fv !== undefined && fv.count > 0 && fv.d === 3;
  if (is3d) {
    const nv = fv.count;
    const cycles = facetCycles(cell);
    let closed = true;
    for (const c of cycles) if (!c) closed = false;
    if (closed) {
      const E0 = exactPoint3(cell, 0);
      const D0 = E0[3]!;
      const apex = new Array<number>(3);
      let amax = 0;
      for (let k = 0; k < 3; k++) {
        apex[k] = fractionToDouble(E0[k]!, D0);
        amax = Math.max(amax, Math.abs(apex[k]!));
      }
      // correctly rounded: |x̂ − x| ≤ u·|x̂| (2u used, as the other rounded tiers)
      const apexR = 2 * 2 ** -53 * amax + 1e-300;
      // module scratch (entries 0 stay 0: apex 0 exactly)
      if (fanRadii.length < nv) {
        fanPoints = new Float64Array(6 * nv);
        fanRadii = new Float64Array(2 * nv);
      }
      const qs = fanPoints;
      const qr = fanRadii;
      for (let v = 1; v < nv; v++) {
        const E = exactPoint3(cell, v);
        const D = E[3]!;
        const den = D * D0;
        let max = 0;
        for (let k = 0; k < 3; k++) {
          // x_v − x_0 = (N_v·D_0 − N_0·D_v) / (D_v·D_0), correctly rounded
          const q = fractionToDouble(E[k]! * D0 - E0[k]! * D, den);
          qs[3 * v + k] = q;
          max = Math.max(max, Math.abs(q));
        }
        qr[v] = 2 * 2 ** -53 * max + 1e-300;
      }
      // apex 0 exactly (radius 0): the fan's measures of the differences
      // (volume, radius, centroid_k, radius_k): cos3.ts volumeCentroid3 on scalars
      const r = fanScratch;
      volumeCentroid3Into(qs, qr, cycles as number[][], r);
      if (r[1]! < r[0]! && r[3]! < 1e300 && r[5]! < 1e300 && r[7]! < 1e300) {
        const value = new Array<number>(3);
        const error = new Array<number>(3);
        for (let k = 0; k < 3; k++) {
          // x_0 + c as balls: the radii add, plus the sum's rounding (≤ u·|fl(x_0 + c)|, 2u used)
          const v = apex[k]! + r[2 + 2 * k]!;
          value[k] = v;
          error[k] = (apexR + r[3 + 2 * k]! + 2 ** -52 * Math.abs(v)) * SAFE; // toValue
        }
        m = new CellMeasures(new FloatNumber(r[0]!, r[1]! * SAFE), new FloatPoint(value, error));
      }
    }
  }
  if (is3d && (m === null || !certifies(m, scaleOf(cell)))) m = roundedExactMeasures(cell);
  cached.refined = m;
  return m;
}

/** Scratch of {@link refinedCellMeasures}: the fan's points x_v − x_0 and radii, its measures. */
let fanPoints = new Float64Array(0);
let fanRadii = new Float64Array(0);
const fanScratch = new Float64Array(8);

/**
 * The exact volume and centroid of a 3-D float-path cell in integers: with M = Π_v D_v (the
 * vertices x_v = N_v / D_v by {@link exactVertex3}), X_v = N_v·(M / D_v) and Y_v = X_v − X_0, the
 * fan of tetrahedra from vertex 0 to the facet cycles gives T = Σ |det(Y_a, Y_b, Y_c)| (the
 * tetrahedra of a convex fan have disjoint interiors) and C = Σ |det|·(Y_a + Y_b + Y_c), so that
 * vol = T / (6·M³) and centroid = (4·T·X_0 + C) / (4·T·M). No Rationals, no gcd: only the final
 * fractions are rounded. Null when a facet cycle is missing.
 */
function exactFanMeasures(
  cell: CellGeometry,
): { volNum: bigint; volDen: bigint; cenNum: bigint[]; cenDen: bigint } | null {
  const cycles = facetCycles(cell);
  for (const c of cycles) if (!c) return null;
  const nv = cell.float!.count;
  const E: bigint[][] = new Array(nv);
  for (let v = 0; v < nv; v++) E[v] = exactPoint3(cell, v);
  // M / D_v as prefix · suffix products
  const pre: bigint[] = new Array(nv + 1);
  const suf: bigint[] = new Array(nv + 1);
  pre[0] = 1n;
  suf[nv] = 1n;
  for (let v = 0; v < nv; v++) pre[v + 1] = pre[v]! * E[v]![3]!;
  for (let v = nv - 1; v >= 0; v--) suf[v] = suf[v + 1]! * E[v]![3]!;
  const M = pre[nv]!;
  const X: bigint[][] = new Array(nv);
  for (let v = 0; v < nv; v++) {
    const s = pre[v]! * suf[v + 1]!;
    X[v] = [E[v]![0]! * s, E[v]![1]! * s, E[v]![2]! * s];
  }
  const X0 = X[0]!;
  const Y = X.map((x) => [x[0]! - X0[0]!, x[1]! - X0[1]!, x[2]! - X0[2]!]);
  let T = 0n;
  const C = [0n, 0n, 0n];
  for (const poly of cycles as number[][]) {
    const a = Y[poly[0]!]!;
    for (let i = 1; i + 1 < poly.length; i++) {
      const b = Y[poly[i]!]!;
      const c = Y[poly[i + 1]!]!;
      let det =
        a[0]! * (b[1]! * c[2]! - b[2]! * c[1]!) +
        a[1]! * (b[2]! * c[0]! - b[0]! * c[2]!) +
        a[2]! * (b[0]! * c[1]! - b[1]! * c[0]!);
      if (det === 0n) continue;
      if (det < 0n) det = -det;
      T += det;
      for (let k = 0; k < 3; k++) C[k] = C[k]! + det * (a[k]! + b[k]! + c[k]!);
    }
  }
  if (T === 0n) return null;
  const M3 = M * M * M;
  return {
    volNum: T,
    volDen: 6n * M3,
    cenNum: [0, 1, 2].map((k) => 4n * T * X0[k]! + C[k]!),
    cenDen: 4n * T * M,
  };
}

/** Counted as one exact measure (lazy.ts), as the exact centroid it replaces. */
const exactFan = exactMeasure(exactFanMeasures);

/**
 * A cell's exact measures correctly rounded (3-D float path: from the integer fan, both at once;
 * otherwise the cell's exact centroid and, when read, volume).
 */
class RoundedExactMeasures implements FloatCellMeasures {
  readonly centroid: FloatVector;
  private vol: FloatValue | undefined;
  constructor(private readonly cell: CellGeometry) {
    const is3d = cell.float !== undefined && cell.float.count > 0 && cell.float.d === 3;
    const fan = is3d ? exactFan(cell) : null;
    let c: number[];
    if (fan) {
      c = fan.cenNum.map((n) => fractionToDouble(n, fan.cenDen));
      const v = fractionToDouble(fan.volNum, fan.volDen);
      this.vol = new FloatNumber(v, 2 * 2 ** -53 * Math.abs(v));
    } else c = cell.centroid.map((x) => x.toNumber());
    this.centroid = new FloatPoint(
      c,
      c.map((x) => 2 * 2 ** -53 * Math.abs(x)),
    );
  }
  get volume(): FloatValue {
    if (this.vol === undefined) {
      const v = this.cell.volume.toNumber();
      this.vol = new FloatNumber(v, 2 * 2 ** -53 * Math.abs(v));
    }
    return this.vol;
  }
}

/**
 * The cell's exact centroid and (on first read) volume, cached on the cell, correctly rounded:
 * within u·|x̂| (2u used), the last tier before an exact edge length (which reads the centroid
 * only).
 */
export function roundedExactMeasures(cell: CellGeometry): FloatCellMeasures {
  return (caches(cell).roundedExact ??= new RoundedExactMeasures(cell));
}

/** max |v_k| over the cell's float vertices (the scale of centroid coordinates near 0). */
function scaleOf(cell: CellGeometry): number[] {
  const scale = [0, 0, 0];
  const xf = cell.float!.xf;
  for (let t = 0; t < xf.length; t++) {
    const k = t % 3;
    if (Math.abs(xf[t]!) > scale[k]!) scale[k] = Math.abs(xf[t]!);
  }
  return scale;
}

/** The measures certify (SPEC §1: the tolerances of float-values.ts's certifyFloat*). */
function certifies(m: FloatCellMeasures, scale: readonly number[]): boolean {
  const v = m.volume;
  if (!within(v.value, v.error, FLOAT_MEASURE_TOLERANCE * Math.abs(v.value))) return false;
  const { value, error } = m.centroid;
  for (let k = 0; k < value.length; k++) {
    const c = value[k]!;
    const bound = Math.max(
      FLOAT_MEASURE_TOLERANCE * Math.abs(c),
      FLOAT_CENTROID_SCALE_TOLERANCE * scale[k]!,
    );
    if (!within(c, error[k]!, bound)) return false;
  }
  return true;
}

/** A finite value with a finite error ≤ bound (no closure or object per test). */
function within(value: number, error: number, bound: number): boolean {
  return Number.isFinite(value) && Number.isFinite(error) && error <= bound;
}

/** cells.ts's float measures: the refined ones when the first ones do not certify (3-D). */
export function refineIfLoose(
  cell: CellGeometry,
  raw: FloatCellMeasures,
  scale: readonly number[],
): FloatCellMeasures {
  if (!cell.float || scale.length !== 3 || certifies(raw, scale)) return raw;
  return refinedCellMeasures(cell) ?? raw;
}
