/**
 * Simplices of the adjacency complex and of the nerve (SPEC §4), built level by level from cliques
 * of the lower skeleton: a candidate k-simplex is a (k−1)-simplex τ plus a vertex v > max τ that is
 * joined to every vertex of τ and whose other k-faces are present; I(σ) = I(τ) ∩ cl C_v is then
 * decided exactly.
 */
import { MlgeoError, Rational, SqrtRational } from '@mlgeo/exact-arith';
import type { Polytope } from '@mlgeo/exact-polytope';
import { type CellGeometry, TestPoint, tightFacets } from './cells.js';
import {
  clipByCell,
  describeConvex3,
  emptyIntersection,
  intersectCells3,
  lazyIntersection,
  pointIntersection,
  segmentIntersection,
} from './convex-clip.js';
import { edgeArrangement3d } from './edges3d.js';
import { FloatSegmentFace, certifiedFloat, clipSegment } from './shared-faces.js';
import { FloatPolygonFace, intersectEnds3 } from './float3d.js';
import type { PointIndex } from './float-points.js';
import { BoxGrid, boxOf, overlappingPairs } from './spatial.js';
import type { FloatValue, Intersection, SharedFace } from './types.js';
import type { RiemannianComplexErrorCode } from './errors.js';

/** Internal: I(σ) with what is needed to intersect it further. */
export interface IntersectionWork extends Intersection {
  polytope?: Polytope;
  /** Float path (2-D): the points (PointIndex classes) spanning I(σ) — its vertices, lazily exact. */
  ends?: number[];
}

/**
 * I(σ) of a 0-simplex: the cell itself (its volume is computed on first access), also the
 * complex's public level 0. No working polytope: intersecting it reads the cell's
 * (`intersectWith`'s intersectAll of σ minus its last vertex = the cell).
 */
class CellIntersection implements IntersectionWork {
  constructor(
    private readonly c: CellGeometry,
    readonly dimension: number,
  ) {}
  get volume(): SqrtRational {
    return SqrtRational.fromRational(this.c.volume);
  }
  get floatVolume(): FloatValue {
    return this.c.floatVolume;
  }
}

function cellIntersection(c: CellGeometry, d: number): IntersectionWork {
  return new CellIntersection(c, d);
}

/**
 * Float path: I(e) of a face spanned by points of the index (2-D segments, 3-D polygons); its
 * points read from the face (a 2-D segment makes them on read: no array kept per edge).
 */
class FaceIntersectionF implements IntersectionWork {
  constructor(
    private readonly f: SharedFace & { ends: number[] },
    readonly dimension: number,
  ) {}
  get ends(): number[] {
    return this.f.ends;
  }
  get volume(): SqrtRational {
    return this.f.volume;
  }
  get floatVolume(): FloatValue {
    return this.f.floatVolume;
  }
  get vertices(): Rational[][] {
    return this.f.vertices;
  }
}

/** I(e) of an edge whose cells share a face: the face (its volumes read on demand). */
export function faceIntersection(f: SharedFace, d: number): IntersectionWork {
  // float path: a 2-D shared segment or a 3-D shared polygon is its own I(e) (no wrapper per edge)
  if ((f instanceof FloatSegmentFace && d === 2) || (f instanceof FloatPolygonFace && d === 3))
    return f;
  // float path: faces spanned by points of the index (2-D segments, 3-D polygons)
  if ((f as { ends?: number[] }).ends)
    return new FaceIntersectionF(f as SharedFace & { ends: number[] }, d - 1);
  return new FaceIntersection(f, d - 1);
}

/**
 * Exact path: I(e) of an edge whose cells share the face f (its vertices kept, its volumes read
 * from f on demand): one small object per edge (no closures per edge).
 */
class FaceIntersection implements IntersectionWork {
  readonly vertices: Rational[][];
  constructor(
    private readonly f: SharedFace,
    readonly dimension: number,
  ) {
    this.vertices = f.vertices;
  }
  get volume(): SqrtRational {
    return this.f.volume;
  }
  get floatVolume(): FloatValue {
    return this.f.floatVolume;
  }
}

const ONE_F: FloatValue = { value: 1, error: 0 };

/** Float path (2-D): the point k of the index as I(σ) (its exact coordinates on first read). */
class PointIntersectionF implements IntersectionWork {
  readonly dimension = 0;
  readonly volume = SqrtRational.ONE;
  readonly floatVolume = ONE_F;
  readonly ends: number[];
  private exact: Rational[][] | undefined;
  constructor(
    private readonly pts: PointIndex,
    k: number,
  ) {
    this.ends = [k];
  }
  get vertices(): Rational[][] {
    return (this.exact ??= [this.pts.exact(this.ends[0]!)]);
  }
}

function pointIntersectionF(pts: PointIndex, k: number): IntersectionWork {
  return new PointIntersectionF(pts, k);
}

/**
 * Float path (2-D): I(τ) ∩ cl C for I(τ) a segment or point of index points, by the index's signs;
 * null when the segment crosses a facet strictly (then the exact clip decides).
 */
function intersectEnds(
  tau: IntersectionWork,
  cell: CellGeometry,
  pts: PointIndex,
): IntersectionWork | null {
  const ends = tau.ends!;
  if (tau.dimension === 0) {
    const k = ends[0]!;
    return pts.tightFacets(k, cell) === null ? emptyIntersection() : pointIntersectionF(pts, k);
  }
  if (tau.dimension !== 1) return null;
  const [p, q] = ends as [number, number];
  // clipSegment's logic on the parameter s ∈ [0, 1]: a facet tight at one end and violated at the
  // other clips at that end; a strict crossing is left to the exact clip
  let lo = 0;
  let hi = 1;
  for (const F of cell.facets) {
    const sp = pts.sign(p, F);
    const sq = pts.sign(q, F);
    if (sp <= 0 && sq <= 0) continue;
    if (sp > 0 && sq > 0) return emptyIntersection();
    if (sp !== 0 && sq !== 0) return null;
    if (sq > 0) hi = Math.min(hi, 0);
    else lo = Math.max(lo, 1);
    if (lo > hi) return emptyIntersection();
  }
  if (lo === hi) return pointIntersectionF(pts, lo === 0 ? p : q);
  return null; // the whole segment: not a simplex of a valid 2-D partition; the exact clip decides
}

export interface SimplexLevels {
  simplices: number[][][];
  intersections: IntersectionWork[][];
  /** True when simplices above the maximum dimension exist (nerve) and were not built. */
  truncated: boolean;
}

export const simplexKey = (s: readonly number[]): string => s.join(',');

/** Sorts one level lexicographically, keeping the intersection array aligned. */
function sortLevel(
  simplices: number[][],
  inter: IntersectionWork[],
): [number[][], IntersectionWork[]] {
  const order = simplices.map((_, i) => i);
  const cmp = (a: number[], b: number[]): number => {
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! - b[k]!;
    return 0;
  };
  order.sort((x, y) => cmp(simplices[x]!, simplices[y]!));
  return [order.map((i) => simplices[i]!), order.map((i) => inter[i]!)];
}

/**
 * The graph of the edges as neighbour lists (CSR, Int32Arrays): the neighbours of i are
 * nb[start[i] .. end[i]), each once, in the order of the edges.
 */
interface Neighbours {
  start: Int32Array;
  end: Int32Array;
  nb: Int32Array;
}

function neighbourLists(n: number, edges: readonly number[][]): Neighbours {
  const start = new Int32Array(n + 1);
  for (let e = 0; e < edges.length; e++) {
    start[edges[e]![0]! + 1]!++;
    start[edges[e]![1]! + 1]!++;
  }
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const end = start.slice(0, n);
  const nb = new Int32Array(start[n]!);
  const adj = { start, end, nb };
  for (let e = 0; e < edges.length; e++) {
    const i = edges[e]![0]!;
    const j = edges[e]![1]!;
    if (!joined(adj, i, j)) nb[end[i]!++] = j;
    if (!joined(adj, j, i)) nb[end[j]!++] = i;
  }
  return adj;
}

/** v is a neighbour of u. */
function joined(adj: Neighbours, u: number, v: number): boolean {
  for (let p = adj.start[u]!; p < adj.end[u]!; p++) if (adj.nb[p] === v) return true;
  return false;
}

/**
 * Extends level k−1 to level k: candidates τ ∪ {v}, v > max τ, v joined to all of τ, all k-faces
 * present; `decide` returns I(σ) or null when σ is not a simplex.
 */
function extendLevel(
  prev: readonly number[][],
  prevInter: readonly IntersectionWork[],
  adj: Neighbours,
  decide: (tau: IntersectionWork, v: number, sigma: number[]) => IntersectionWork | null,
  stopAtFirst = false,
): { simplices: number[][]; inter: IntersectionWork[] } {
  // faces of σ = τ ∪ {v} that are edges are present when v is joined to every vertex of τ (adj is
  // built from the edges): only larger faces need the lookup
  const needFaces = prev.length > 0 && prev[0]!.length >= 3;
  const prevKeys = needFaces ? new Set(prev.map(simplexKey)) : undefined;
  const simplices: number[][] = [];
  const inter: IntersectionWork[] = [];
  for (let t = 0; t < prev.length; t++) {
    const tau = prev[t]!;
    const last = tau[tau.length - 1]!;
    const first = tau[0]!;
    for (let p = adj.start[first]!; p < adj.end[first]!; p++) {
      const v = adj.nb[p]!;
      if (v <= last) continue;
      let all = true;
      for (let m = 1; m < tau.length && all; m++) all = joined(adj, tau[m]!, v);
      if (!all) continue;
      const sigma = [...tau, v];
      let facesPresent = true;
      if (prevKeys)
        for (let m = 0; m < tau.length && facesPresent; m++)
          facesPresent = prevKeys.has(simplexKey(sigma.filter((_, idx) => idx !== m)));
      if (!facesPresent) continue;
      // (the first simplex found: no other candidate is decided)
      if (stopAtFirst && simplices.length > 0) return { simplices, inter };
      const I = decide(prevInter[t]!, v, sigma);
      if (I) {
        simplices.push(sigma);
        inter.push(I);
      }
    }
  }
  return { simplices, inter };
}

/** The adjacency complex (SPEC §4): σ is a k-simplex iff dim I(σ) = d − k and its faces are in. */
export function adjacencySimplices(
  cells: readonly CellGeometry[],
  faces: readonly SharedFace[],
  d: number,
  maxDimension: number,
  pts?: PointIndex,
): SimplexLevels {
  const n = cells.length;
  const simplices: number[][][] = [cells.map((c) => Array.of(c.index))];
  const intersections: IntersectionWork[][] = [cells.map((c) => cellIntersection(c, d))];
  if (maxDimension < 1) return { simplices, intersections, truncated: false };
  const edges = faces.map((f) => Array.of(f.i, f.j));
  simplices.push(edges);
  intersections.push(faces.map((f) => faceIntersection(f, d)));
  const adj = neighbourLists(n, edges);
  for (let k = 2; k <= Math.min(maxDimension, d); k++) {
    const { simplices: s, inter } = extendLevel(
      simplices[k - 1]!,
      intersections[k - 1]!,
      adj,
      (tau, v, sigma) => {
        const I =
          (pts &&
            tau.ends &&
            (d === 3 ? intersectEnds3(tau, cells[v]!, pts) : intersectEnds(tau, cells[v]!, pts))) ||
          intersectWith(tau, cells[v]!, sigma, cells, d);
        return I.dimension === d - k ? I : null;
      },
    );
    const [ss, ii] = sortLevel(s, inter);
    simplices.push(ss);
    intersections.push(ii);
  }
  return { simplices, intersections, truncated: false };
}

/**
 * I(τ) ∩ cl C_v: exact clipping of I(τ)'s vertices (segments in 2-D; polygons in cyclic order,
 * segments and points in 3-D) when they are known, Polytope.intersect otherwise.
 */
function intersectWith(
  tau: IntersectionWork,
  cell: CellGeometry,
  sigma: readonly number[],
  cells: readonly CellGeometry[],
  d: number,
): IntersectionWork {
  if ((d === 2 || d === 3) && tau.vertices && tau.dimension < d) {
    const v = tau.vertices;
    if (d === 3) return describeConvex3(clipByCell(v, cell));
    let pts: Rational[][];
    if (tau.dimension === 1) pts = clipSegment(v[0]!, v[1]!, cell);
    else if (tau.dimension === 0)
      pts = tightFacets(cell, new TestPoint(v[0]!)) === null ? [] : [v[0]!];
    else pts = [];
    if (pts.length === 0) return emptyIntersection();
    if (pts.length === 1) return pointIntersection(pts[0]!);
    return segmentIntersection(pts[0]!, pts[1]!);
  }
  const base = tau.polytope ?? intersectAll(sigma.slice(0, -1), cells);
  const P = base.intersect(cell.polytope);
  if (P.isEmpty()) return { ...emptyIntersection(), polytope: P };
  const dim = P.dimension();
  return lazyIntersection(
    { dimension: dim, polytope: P },
    () => P.relativeVolume(),
    () => certifiedFloat(P.relativeVolume({ measures: 'float' })),
  );
}

function intersectAll(sigma: readonly number[], cells: readonly CellGeometry[]): Polytope {
  let P = cells[sigma[0]!]!.polytope;
  for (const v of sigma.slice(1)) P = P.intersect(cells[v]!.polytope);
  return P;
}

/** Guard against the 2^m growth of the nerve where m cells meet at one point. */
const NERVE_BUDGET = 2_000_000;

function budgetError(): MlgeoError<RiemannianComplexErrorCode> {
  return new MlgeoError<RiemannianComplexErrorCode>(
    'NERVE_TOO_LARGE',
    'the nerve has more than 2,000,000 simplices',
    {
      field: 'options.maxDimension',
      fix: 'set a smaller maxDimension for the nerve',
    },
  );
}

/**
 * The nerve (SPEC §4) up to `maxDimension`. In 2-D every non-empty I(σ) contains a vertex of some
 * cell (cells with disjoint interiors cannot cross), in 3-D a cell vertex or a crossing of two cell
 * edges; the nerve is the union of the full simplices on S(p) = {cells containing p} over those
 * points. In other dimensions (or with `generic`) it is built from cliques of box-overlapping pairs
 * with an exact emptiness test (Polytope.intersect) per candidate.
 */
export function nerveSimplices(
  cells: readonly CellGeometry[],
  faces: readonly SharedFace[],
  d: number,
  maxDimension: number,
  generic = false,
  simplicesOnly = false,
): SimplexLevels {
  const faceOf = new Map<string, SharedFace>(faces.map((f) => [simplexKey([f.i, f.j]), f]));
  const simplices: number[][][] = [cells.map((c) => Array.of(c.index))];
  const intersections: IntersectionWork[][] = [cells.map((c) => cellIntersection(c, d))];
  if (maxDimension < 1)
    return { simplices, intersections, truncated: cells.length > 1 && faces.length > 0 };
  if ((d === 2 || d === 3) && !generic) {
    const vertices = vertexPoints(cells);
    const points =
      d === 2
        ? uniquePoints(vertices)
        : uniquePoints([
            ...vertices,
            ...edgeArrangement3d(cells).points.map((p) => new TestPoint(p)),
          ]);
    return nerveFromStars(
      cells,
      points,
      faceOf,
      d,
      maxDimension,
      simplices,
      intersections,
      simplicesOnly,
    );
  }

  // generic: edges from box-overlapping pairs with a non-empty intersection
  const pairs = overlappingPairs(cells.map((c) => boxOf(c.lo, c.hi)));
  const edges: number[][] = [];
  const edgeInter: IntersectionWork[] = [];
  for (const [i, j] of pairs) {
    const I = intersectWith(intersections[0]![i]!, cells[j]!, [i, j], cells, d);
    if (I.dimension < 0) continue;
    const f = faceOf.get(simplexKey([i, j]));
    if (f && !generic) I.vertices = f.vertices; // generic: stay on Polytope.intersect
    edges.push([i, j]);
    edgeInter.push(I);
  }
  let [es, ei] = sortLevel(edges, edgeInter);
  simplices.push(es);
  intersections.push(ei);
  const adj = neighbourLists(cells.length, es);
  const decide = (tau: IntersectionWork, v: number, sigma: number[]): IntersectionWork | null => {
    const I = intersectWith(tau, cells[v]!, sigma, cells, d);
    return I.dimension < 0 ? null : I;
  };
  let total = cells.length + es.length;
  for (let k = 2; k <= maxDimension; k++) {
    const { simplices: s, inter } = extendLevel(
      simplices[k - 1]!,
      intersections[k - 1]!,
      adj,
      decide,
    );
    if (s.length === 0) return { simplices, intersections, truncated: false };
    total += s.length;
    if (total > NERVE_BUDGET) throw budgetError();
    [es, ei] = sortLevel(s, inter);
    simplices.push(es);
    intersections.push(ei);
  }
  const more = extendLevel(
    simplices[maxDimension]!,
    intersections[maxDimension]!,
    adj,
    decide,
    true,
  );
  return { simplices, intersections, truncated: more.simplices.length > 0 };
}

/**
 * The nerve from the stars of the refinement's 0-cells (d = 2, 3): every non-empty I(σ) contains
 * one, so the nerve is the union of the full simplices on S(p) over those points p. I(σ) is then
 * computed exactly: 2-D — a shared segment or the point itself; 3-D — the shared polygon, or the
 * intersection of facet polygons with the other cells (convex-clip.ts).
 */
function nerveFromStars(
  cells: readonly CellGeometry[],
  points: readonly TestPoint[],
  faceOf: Map<string, SharedFace>,
  d: number,
  maxDimension: number,
  simplices: number[][][],
  intersections: IntersectionWork[][],
  simplicesOnly = false,
): SimplexLevels {
  const grid = cellGrid(cells);
  const levels: Map<string, Rational[]>[] = [];
  let truncated = false;
  let total = 0;
  for (const point of points) {
    const S = starOf(point, grid, cells).cells;
    if (S.length - 1 > maxDimension) truncated = true;
    const top = Math.min(S.length - 1, maxDimension);
    // all subsets of S of size 2..top+1, in increasing order
    const rec = (start: number, chosen: number[]): void => {
      if (chosen.length >= 2) {
        const level = (levels[chosen.length - 1] ??= new Map());
        const key = simplexKey(chosen);
        if (!level.has(key)) {
          if (++total > NERVE_BUDGET) throw budgetError();
          level.set(key, point.p);
        }
      }
      if (chosen.length === top + 1) return;
      for (let t = start; t < S.length; t++) rec(t + 1, [...chosen, S[t]!]);
    };
    rec(0, []);
  }
  for (let k = 1; k <= maxDimension && k < levels.length; k++) {
    const level = levels[k] ?? new Map<string, Rational[]>();
    const keys = [...level.keys()];
    const s = keys.map((key) => key.split(',').map(Number));
    if (simplicesOnly) {
      // the simplices alone (verify's Euler characteristic): no I(σ) is computed
      simplices.push(sortLevel(s, [])[0]);
      continue;
    }
    const prev = k >= 2 ? new Map(simplices[k - 1]!.map((t, idx) => [simplexKey(t), idx])) : null;
    const inter = s.map((sigma, idx): IntersectionWork => {
      const key = keys[idx]!;
      const f = k === 1 ? faceOf.get(key) : undefined;
      if (f) return faceIntersection(f, d);
      if (d === 2) return pointIntersection(level.get(key)!);
      if (k === 1) return intersectCells3(sigma.map((i) => cells[i]!));
      const parent = intersections[k - 1]![prev!.get(simplexKey(sigma.slice(0, -1)))!]!;
      return describeConvex3(clipByCell(parent.vertices!, cells[sigma[k]!]!));
    });
    const [ss, ii] = sortLevel(s, inter);
    simplices.push(ss);
    intersections.push(ii);
  }
  return { simplices, intersections, truncated };
}

/** A point with the cells whose closure holds it and, per cell, the facets tight there. */
export interface PointStar {
  point: Rational[];
  /** Sorted cell indices. */
  cells: number[];
  /** tight[t] = facets of cells[t] containing the point. */
  tight: number[][];
  /** The point's sign-test form when the star was found with one (cellsAtVertices). */
  test?: TestPoint;
}

/** A {@link PointStar} made by `new`, so born young (docs/contributing.md, "Objects a run keeps"). */
class Star implements PointStar {
  constructor(
    public point: Rational[],
    public cells: number[],
    public tight: number[][],
    public test: TestPoint | undefined,
  ) {}
}

/** Cells (found through a grid of boxes, decided by filtered exact tests) whose closure holds x. */
export function starOf(
  x: Rational[] | TestPoint,
  grid: BoxGrid,
  cells: readonly CellGeometry[],
): PointStar {
  const tp = x instanceof TestPoint ? x : new TestPoint(x);
  // (parallel lists, no record per cell: made by `new`/builtins, see Star)
  const starCells: number[] = [];
  const tight = Array.of<number[]>();
  for (const idx of grid.query(tp.f)) {
    const t = tightFacets(cells[idx]!, tp);
    if (t !== null) {
      starCells.push(idx);
      tight.push(t);
    }
  }
  sortByCell(starCells, tight, starCells.length);
  return new Star(tp.p, starCells, tight, undefined);
}

/** Distinct points (deduplicated exactly: bucketed by float coordinates, compared exactly). */
export function uniquePoints(all: readonly TestPoint[]): TestPoint[] {
  const buckets = new Map<string, TestPoint[]>();
  const points: TestPoint[] = [];
  for (const v of all) {
    const key = v.f.join(',');
    let list = buckets.get(key);
    if (!list) buckets.set(key, (list = []));
    if (list.some((w) => w.p.every((x, k) => x.equals(v.p[k]!)))) continue;
    list.push(v);
    points.push(v);
  }
  return points;
}

/** All cell vertices as test points (with their cached float coordinates). */
export function vertexPoints(cells: readonly CellGeometry[]): TestPoint[] {
  return cells.flatMap((c) => c.vertices.map((v, t) => new TestPoint(v, c.verticesF[t]!)));
}

/**
 * Distinct vertices of all cells (in order of first occurrence over the cells' vertices), each
 * with its star. A cell holding the point as its vertex t has the facets through t (the exact
 * incidence) tight there, without sign tests; only the other cells whose box holds the point
 * (T-junctions, or none) are tested (filtered signs), as in {@link starOf}.
 */
export function cellsAtVertices(cells: readonly CellGeometry[]): PointStar[] {
  const grid = cellGrid(cells);
  // distinct points, bucketed by float coordinates and compared exactly (as uniquePoints), with
  // the (cell, vertex) pairs holding each; a bucket is a hash of the floats (a small integer:
  // no key string per vertex), its points with other floats skipped. Buckets and holders are
  // linked lists in flat arrays (no small array per point: each would be allocated with room
  // for 16); their order does not matter (exact matches are unique, the stars are sorted)
  const bucketHead = new Map<number, number>();
  const nextInBucket: number[] = [];
  const points: TestPoint[] = [];
  const holderHead: number[] = [];
  const holderNext: number[] = [];
  const holderCell: number[] = [];
  const holderVertex: number[] = [];
  // cells of one partition share their vertices' coordinate Rationals (exact-polytope
  // vertex-rationals.ts), not their arrays: a point whose two coordinate objects were seen
  // together before is that point (the same objects, the same values), with no key or comparison
  const byPair = new Map<Rational, Map<Rational, number>>();
  for (const c of cells) {
    const vs = c.vertices;
    for (let t = 0; t < vs.length; t++) {
      const vx = vs[t]!;
      const pair = vx.length === 2 ? byPair.get(vx[0]!) : undefined;
      let u = pair?.get(vx[1]!) ?? -1;
      if (u < 0) {
        const vf = c.verticesF[t]!;
        const key = floatsHash(vf);
        const head = bucketHead.get(key) ?? -1;
        for (let w = head; w >= 0; w = nextInBucket[w]!) {
          const q = points[w]!;
          if (sameFloats(q.f, vf) && sameRationals(q.p, vx)) {
            u = w;
            break;
          }
        }
        if (u < 0) {
          u = points.length;
          points.push(new TestPoint(vx, vf));
          nextInBucket.push(head);
          bucketHead.set(key, u);
          holderHead.push(-1);
        }
        if (vx.length === 2) {
          let m = byPair.get(vx[0]!);
          if (m === undefined) byPair.set(vx[0]!, (m = new Map()));
          m.set(vx[1]!, u);
        }
      }
      holderNext.push(holderHead[u]!);
      holderHead[u] = holderCell.length;
      holderCell.push(c.index);
      holderVertex.push(t);
    }
  }
  // scratch (written by index, never truncated: a length set to 0 drops the backing store)
  const starCells: number[] = [];
  const tight: number[][] = [];
  const tf: number[] = [];
  return points.map((tp, u) => {
    // the star's cells and their tight facets (scratch, then copied at their size)
    let n = 0;
    for (let h = holderHead[u]!; h >= 0; h = holderNext[h]!) {
      const cell = cells[holderCell[h]!]!;
      const t = holderVertex[h]!;
      let k = 0;
      for (let f = 0; f < cell.facets.length; f++)
        if (cell.facets[f]!.vertices.includes(t)) tf[k++] = f;
      starCells[n] = cell.index;
      tight[n++] = tf.slice(0, k);
    }
    for (const idx of grid.query(tp.f)) {
      let own = false;
      for (let h = holderHead[u]!; h >= 0 && !own; h = holderNext[h]!) own = holderCell[h] === idx;
      if (own) continue;
      const tfs = tightFacets(cells[idx]!, tp);
      if (tfs !== null) {
        starCells[n] = idx;
        tight[n++] = tfs;
      }
    }
    sortByCell(starCells, tight, n);
    return new Star(tp.p, starCells.slice(0, n), tight.slice(0, n), tp);
  });
}

/** Sorts the first n (distinct) cells ascending, their tight lists along (insertion sort). */
function sortByCell(cells: number[], tight: number[][], n: number): void {
  for (let i = 1; i < n; i++) {
    const c = cells[i]!;
    const t = tight[i]!;
    let j = i - 1;
    for (; j >= 0 && cells[j]! > c; j--) {
      cells[j + 1] = cells[j]!;
      tight[j + 1] = tight[j]!;
    }
    cells[j + 1] = c;
    tight[j + 1] = t;
  }
}

const hashView = new Float64Array(1);
const hashBits = new Int32Array(hashView.buffer);

/**
 * A small integer from float coordinates, equal for equal coordinates (0 and −0 alike, as their
 * strings): a bucket key (its points are compared in full).
 */
function floatsHash(f: readonly number[]): number {
  let h = 0;
  for (let k = 0; k < f.length; k++) {
    const x = f[k]!;
    hashView[0] = x === 0 || x !== x ? 0 : x;
    h = (Math.imul(h, 0x9e3779b1) ^ hashBits[0]! ^ Math.imul(hashBits[1]!, 0x85ebca6b)) | 0;
  }
  return h & 0x3fffffff;
}

/** Equal float coordinates as their strings are (0 and −0 alike; NaN equals NaN). */
function sameFloats(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) {
    const x = a[k]!;
    const y = b[k]!;
    if (x !== y && (x === x || y === y)) return false;
  }
  return true;
}

/** Equal exact points (a's length). */
function sameRationals(a: readonly Rational[], b: readonly Rational[]): boolean {
  for (let k = 0; k < a.length; k++) if (!a[k]!.equals(b[k]!)) return false;
  return true;
}

export function cellGrid(cells: readonly CellGeometry[]): BoxGrid {
  return new BoxGrid(
    cells.map((c) => boxOf(c.lo, c.hi)),
    boundsOf(cells),
  );
}

export function boundsOf(cells: readonly CellGeometry[]): { lo: number[]; hi: number[] } {
  const d = cells[0]!.lo.length;
  const lo = new Array<number>(d).fill(Infinity);
  const hi = new Array<number>(d).fill(-Infinity);
  for (const c of cells)
    for (let k = 0; k < d; k++) {
      lo[k] = Math.min(lo[k]!, c.lo[k]!);
      hi[k] = Math.max(hi[k]!, c.hi[k]!);
    }
  return boxOf(lo, hi);
}
