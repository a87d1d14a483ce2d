/**
 * A Polytope from an H-representation whose vertices and vertex–row incidence are already known
 * (issue 11): a partition engine that cut a cell out with the double-description step (VCell,
 * the float MLP enumeration) knows every vertex and which rows are tight at it, so running vertex
 * enumeration again on the cell's rows only repeats that work.
 *
 * For a bounded full-dimensional polyhedron the analysis is combinatorial once the tight sets are
 * exact: a row is a facet iff its set of tight vertices has ≥ d elements and is maximal by
 * inclusion among the rows' sets, and is the first (after the rows are made primitive and
 * duplicates merged as in `normalizeHRep`) with that set — the rule of the H-side analysis
 * (dd/hside.ts), so facets, incidence and vertex order are the ones `Polytope.fromHRep` finds.
 * Vertices are ordered lexicographically by float comparisons certified with the given error
 * bound, a row that fixes one coordinate and is tight at both vertices (equal coordinate), and
 * only otherwise exactly; exact vertices are computed on first use, per vertex.
 *
 * Preconditions (the caller's contract; `check: true` verifies them exactly, for tests): the
 * rows' polyhedron is bounded and full-dimensional, its vertices are exactly the given points,
 * and `tight[v]` lists exactly the rows with h·(1, x_v) = 0.
 */
import {
  type IntegerPoint,
  type Predicates,
  type Rational,
  ShapeError,
  gcdOfList,
  reducedIntegerPoint,
} from '@mlgeo/exact-arith';
import type { FloatPoints, HAnalysis } from './dd/hside.js';
import { exactFloatVertices } from './dd/hside.js';
import { newDDStats } from './dd/cone.js';
import { Polytope } from './polytope.js';
import { fraction, pointRationals } from './vertex-rationals.js';
import { integerHRep } from './hrep.js';

/** Input of {@link polytopeFromKnownVertices}. */
export interface KnownVerticesInput {
  /** Ambient dimension d (≥ 1). */
  dimension: number;
  /**
   * Integer half-spaces a·x ≤ b (any positive scaling; duplicates allowed): the polytope is their
   * intersection. May be omitted when `homogeneousRows` is given.
   */
  rows?: readonly { readonly a: readonly bigint[]; readonly b: bigint }[];
  /** True when every (b, −a) is already primitive (gcd 1): skips the gcd. */
  primitiveRows?: boolean;
  /**
   * The rows instead as primitive homogeneous integer vectors h = (b, −a) (h0 + h'·x ≥ 0), used as
   * given (not copied: they must not be changed later; a caller may share them between
   * polytopes); `rows` is then ignored. When no row is zero or a duplicate, the list itself is
   * kept as the polytope's rows (it must not be changed later either).
   */
  homogeneousRows?: readonly (readonly bigint[])[];
  /** Number of vertices. */
  vertexCount: number;
  /**
   * tight[v]: indices into `rows` of the rows tight at vertex v (all of them, exactly). Either this
   * or `tightRows` with `tightStart`.
   */
  tight?: readonly (readonly number[])[];
  /**
   * Instead of `tight`, in one list (no array per vertex): the rows tight at vertex v are
   * tightRows[tightStart[v] … tightStart[v + 1] − 1] (tightStart has at least vertexCount + 1
   * entries; later ones are not read).
   * Read during the call only (a caller may reuse the arrays afterwards).
   */
  tightRows?: ArrayLike<number>;
  tightStart?: ArrayLike<number>;
  /** The exact vertex v (called at most once per vertex, only when needed). */
  exactVertex?: ((v: number) => IntegerPoint) | undefined;
  /**
   * Instead of `exactVertex`: an object whose `knownExactVertex(v)` gives the exact vertex v (same
   * contract), so that a caller keeps no closure per polytope (the object is kept instead).
   */
  vertexSource?: KnownVertexSource | undefined;
  /**
   * True when every `exactVertex(v)` is already reduced (den > 0, gcd(num, den) = 1, as exact-arith
   * `reducedIntegerPoint` makes it): the point is then used as given (not copied: it must not be
   * changed later; cells sharing a vertex share the object) instead of being reduced again.
   * `check: true` verifies it.
   */
  reducedVertices?: boolean;
  /**
   * The vertices in float64 with a proven bound on the absolute error of every coordinate (same
   * order as the vertex indices). Without it the exact vertices are rounded.
   */
  floatVertices?: { points: readonly ArrayLike<number>[]; error: number } | undefined;
  /**
   * Instead of `floatVertices`, without an array per vertex: coordinate k of vertex v is
   * x[index[indexAt + v]·d + k] (e.g. an enumeration's flat vertex pool), every coordinate within
   * `error`. Read during the call only.
   */
  floatCoordinates?:
    { x: ArrayLike<number>; index: ArrayLike<number>; indexAt: number; error: number } | undefined;
  /**
   * Identities of the vertices (same order as the vertex indices): equal ids in one `space` (e.g.
   * an enumeration's vertex pool) are the same point; vertex v's is ids[at + v] (`at` default 0:
   * then ids has exactly vertexCount entries). Recorded for {@link knownVertexIds}; a
   * reader may use them to identify vertices of different polytopes without arithmetic.
   */
  vertexIds?: { space: object; ids: ArrayLike<number>; at?: number } | undefined;
  /** Recorded on the polytope (speed of later operations only). */
  predicates?: Predicates;
  /** Verifies the preconditions exactly (every vertex satisfies every row, tight sets exact). */
  check?: boolean;
}

/** The exact vertices of a polytope of known vertices, by input vertex index (see `vertexSource`). */
export interface KnownVertexSource {
  knownExactVertex(v: number): IntegerPoint;
  /**
   * The input's `floatVertices` again (the same values and bound, input order), made on demand:
   * when given, the polytope keeps no copy of the float vertices.
   */
  knownFloatVertices?(): { points: readonly ArrayLike<number>[]; error: number };
}

/** No DD run is made for a polytope of known vertices: its counters stay 0 (shared, read only). */
const NO_STATS = newDDStats();

/**
 * The H-side analysis of a polytope of known vertices, read from its {@link KnownCell} (made only
 * when the Polytope is): exact vertex rays and float vertices made on first use.
 */
class KnownAnalysis implements HAnalysis {
  readonly empty = false;
  readonly rays: bigint[][] = [];
  readonly lines: bigint[][] = [];
  readonly hull: bigint[][] = [];
  readonly stats = NO_STATS;
  readonly dimension: number;
  readonly facetRows: number[];
  readonly incidence: number[][];
  private raysCache: bigint[][] | undefined = undefined;
  private floats: FloatPoints | undefined = undefined;
  private rayIncidenceCache: number[][] | undefined = undefined;
  constructor(readonly cell: KnownCell) {
    this.dimension = cell.dimension;
    this.facetRows = cell.facetRowIndices();
    this.incidence = cell.incidence as number[][];
  }
  /** No rays: one shared empty list per facet (made when a Polytope reads it). */
  get rayIncidence(): number[][] {
    return (this.rayIncidenceCache ??= this.facetRows.map(() => NO_RAYS));
  }
  get vertexRays(): bigint[][] {
    if (this.raysCache === undefined) {
      const n = this.cell.vertexCount;
      const out = new Array<bigint[]>(n);
      for (let i = 0; i < n; i++) {
        const p = this.cell.exactVertex(i);
        out[i] = [p.den, ...p.num];
      }
      this.raysCache = out;
    }
    return this.raysCache;
  }
  vertexRationals(): Rational[][] {
    // the caller's point objects (reduced): their coordinates made once per point (shared)
    const n = this.cell.vertexCount;
    const shared = this.cell.sharedPoints();
    const out = new Array<Rational[]>(n);
    for (let i = 0; i < n; i++) {
      const p = this.cell.exactVertex(i);
      out[i] = shared ? (pointRationals(p) as Rational[]) : p.num.map((x) => fraction(x, p.den));
    }
    return out;
  }
  floatVertices(): FloatPoints {
    return (this.floats ??= this.cell.floatPoints() ?? exactFloatVertices(this.vertexRays));
  }
}

/** Bad input (shape, or a broken contract under `check: true`): a ShapeError naming the field. */
function bad(message: string, field: string): ShapeError {
  return new ShapeError(
    message,
    field,
    'pass the rows, vertices and tight sets of one bounded full-dimensional cell',
  );
}

/**
 * The caller's point q for input vertex v, checked and reduced as the input says (flags: 1
 * `reducedVertices`, 2 `check`).
 */
function checkedPoint(d: number, v: number, q: IntegerPoint, flags: number): IntegerPoint {
  if (q.num.length !== d)
    throw bad(`vertex ${v} has ${q.num.length} coordinates, expected ${d}`, `exactVertex(${v})`);
  // `reducedVertices`: the caller's reduced point is used as given (verified under `check`)
  const reduced = (flags & 1) !== 0;
  if (reduced && (flags & 2) !== 0) {
    const r = reducedIntegerPoint(q.num, q.den);
    if (r.den !== q.den || r.num.some((x, k) => x !== q.num[k]))
      throw bad(`vertex ${v} is not reduced`, `exactVertex(${v})`);
  }
  return reduced ? q : reducedIntegerPoint(q.num, q.den);
}

/** (b, −a) for a·x ≤ b: the homogeneous row h0 + h'·x ≥ 0. */
function homogeneous(a: readonly bigint[], b: bigint, primitive: boolean): bigint[] {
  const h = new Array<bigint>(a.length + 1);
  h[0] = b;
  for (let i = 0; i < a.length; i++) h[i + 1] = -a[i]!;
  if (primitive) return h;
  const g = gcdOfList(h);
  if (g > 1n) for (let i = 0; i < h.length; i++) h[i] = h[i]! / g;
  return h;
}

/** h0·den + h'·num: den times the slack of row h at num/den. */
function slack(h: readonly bigint[], p: IntegerPoint): bigint {
  let s = h[0]! * p.den;
  for (let i = 0; i < p.num.length; i++) s += h[i + 1]! * p.num[i]!;
  return s;
}

/**
 * Sorts in place by `cmp` (stable): insertion sort, for the short lists of a cell (Array.prototype
 * .sort allocates a work array per call — a tenth of a float complex's garbage).
 */
function insertionSort<T>(a: T[], cmp: (x: T, y: T) => number): T[] {
  for (let i = 1; i < a.length; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= 0 && cmp(a[j]!, x) > 0) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
  return a;
}

const ascending = (x: number, y: number): number => x - y;

/** The ray incidence of a facet of a bounded polytope (shared; never changed). */
const NO_RAYS: number[] = [];

/** Placeholders of a {@link KnownCell} before {@link KnownCell.finish} (never changed). */
const NO_ROWS: bigint[][] = [];
const NO_PERM = new Int32Array(0);
const NO_INPUT_ROWS: readonly { readonly a: readonly bigint[]; readonly b: bigint }[] = [];

/**
 * knownCell's working arrays, reused between calls (s14-rows: a float complex builds thousands
 * of cells, and per-call lists were a large part of its garbage). A call made while another one
 * runs (a vertex source that builds a cell) gets its own.
 */
class Scratch {
  /** The normalised row of each input row (−1: a zero row). */
  rowOf: Int32Array = new Int32Array(64);
  /** The input index of each kept (normalised) row. */
  kept: Int32Array = new Int32Array(64);
  /** Vertex v's sorted distinct normalised rows: vr[start[v] … start[v + 1] − 1]. */
  vr: Int32Array = new Int32Array(256);
  start: Int32Array = new Int32Array(65);
  /** Per normalised row: its number of vertices. */
  counts: Int32Array = new Int32Array(64);
  /** Per normalised row: its index among the candidate facet rows (−1: fewer than d vertices). */
  slot: Int32Array = new Int32Array(64);
  /** The candidate facet rows, increasing; then per candidate a fill counter. */
  cand: Int32Array = new Int32Array(64);
  fill: Int32Array = new Int32Array(64);
  /**
   * The candidates' vertices (input order, increasing): candidate c's are
   * candVerts[candStart[c] … candStart[c + 1] − 1].
   */
  candStart: Int32Array = new Int32Array(65);
  candVerts: Int32Array = new Int32Array(256);
  /** The output position of each input vertex. */
  outIndex: Int32Array = new Int32Array(64);
  /** The float vertices in input order, d per vertex. */
  fx: Float64Array = new Float64Array(192);
  /**
   * Per normalised row: the coordinate it fixes alone (only x_i has a non-zero coefficient), else
   * −1; filled when a float comparison is first undecided (axisReady).
   */
  axisOf: Int32Array = new Int32Array(64);
  axisReady = false;
  /** The float gap of {@link sortVertices}: differences beyond it are certain. */
  gap: Float64Array = new Float64Array(1);
}

/**
 * The cells' vertex orders, ids and incidence: views of shared blocks (a typed array of a few
 * entries has its own buffer, whose allocation costs more than its contents); large ones alone.
 */
const PERM_BLOCK = 1 << 12;
let permBlock = new Int32Array(PERM_BLOCK);
let permFree = 0;
/** Where the room of the last {@link permRoom} call starts in the array it returned. */
let permRoomAt = 0;

/**
 * Room for n entries: a shared block, or a new array when n is large (the block is then left as
 * it is); the entries are those from `permRoomAt`.
 */
function permRoom(n: number): Int32Array {
  if (n > PERM_BLOCK >> 4) {
    permRoomAt = 0;
    return new Int32Array(n);
  }
  if (permFree + n > PERM_BLOCK) {
    permBlock = new Int32Array(PERM_BLOCK);
    permFree = 0;
  }
  permRoomAt = permFree;
  permFree += n;
  return permBlock;
}

/** `a` when it has n entries, else a new (zeroed) array of at least n. */
function atLeast(a: Int32Array, n: number): Int32Array {
  return a.length >= n ? a : new Int32Array(Math.max(n, 2 * a.length));
}

/** The scratch of the calls that are not nested (undefined while one runs). */
let sharedScratch: Scratch | undefined = new Scratch();

/** True iff r is in the increasing list vr[from … to − 1]. */
function hasRow(vr: Int32Array, from: number, to: number, r: number): boolean {
  for (let t = from; t < to; t++) {
    const x = vr[t]!;
    if (x >= r) return x === r;
  }
  return false;
}

/** Sorts a[from … to − 1] increasingly in place (insertion: a cell's lists are short). */
function sortRange(a: Int32Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= from && a[j]! > x) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
}

/** The candidates' vertex lists (d > 3 only: {@link maximalRows} compares them as lists). */
function candidateLists(candStart: Int32Array, candVerts: Int32Array, nc: number): number[][] {
  const lists = new Array<number[]>(nc);
  for (let c = 0; c < nc; c++) {
    const from = candStart[c]!;
    const list = new Array<number>(candStart[c + 1]! - from);
    for (let t = 0; t < list.length; t++) list[t] = candVerts[from + t]!;
    lists[c] = list;
  }
  return lists;
}

/**
 * The facets among the candidate rows (indices into `lists`, whose rows are increasing): maximal
 * tight sets, the first row of equal sets, in row order. For d ≤ 3 every candidate is one: a row
 * tight at ≥ d vertices has tight vertices spanning a face of dimension d − 1 (d vertices of a
 * polytope on one hyperplane are affinely independent when d ≤ 3: two distinct points, or three
 * points of which none lies between the others), so it is a facet; the facet determines its
 * hyperplane and side, so two distinct primitive rows never have one tight set inside the other.
 */
function maximalRows(lists: readonly (readonly number[])[]): number[] {
  const candidates: number[] = [];
  for (let c = 0; c < lists.length; c++) candidates.push(c);
  insertionSort(candidates, (x, y) => lists[y]!.length - lists[x]!.length || x - y);
  const maximal: number[] = [];
  for (const c of candidates) {
    const set = lists[c]!;
    let dominated = false;
    for (const t of maximal)
      if (isSubsetSorted(set, lists[t]!)) {
        dominated = true;
        break;
      }
    if (!dominated) maximal.push(c);
  }
  return insertionSort(maximal, ascending);
}

/** Sorted-list subset test (a ⊆ b), both increasing. */
function isSubsetSorted(a: readonly number[], b: readonly number[]): boolean {
  if (a.length > b.length) return false;
  let j = 0;
  for (const x of a) {
    while (j < b.length && b[j]! < x) j++;
    if (j === b.length || b[j] !== x) return false;
    j++;
  }
  return true;
}

/**
 * The Polytope {x : a·x ≤ b for every row} built from its known vertices and incidence, without
 * vertex enumeration. Same answers as `Polytope.fromHRep(rows)` under the preconditions above.
 */
export function polytopeFromKnownVertices(input: KnownVerticesInput): Polytope {
  return knownCell(input).polytope();
}

/**
 * The analysis of {@link polytopeFromKnownVertices} without the Polytope (issue 11, s11-cellview):
 * facet rows, incidence and vertex order, computed once; `polytope()` builds the Polytope from
 * them when a reader needs one, so both agree by construction (same facet order — the first row
 * of each maximal tight set, rows in input order — and the same lexicographic vertex order).
 * A reader that only needs the facets, incidence, vertex ids and exact vertices one by one (the
 * float complex, riemannian-complex cells.ts) reads them here and never makes the Polytope.
 */
export class KnownCell {
  /** What only some readers make (Polytope, facet row list, exact vertices, incidence lists). */
  private lazy: KnownCellLazy | undefined = undefined;
  /** Primitive homogeneous rows, duplicates merged. */
  private ineq: bigint[][] = NO_ROWS;
  /**
   * Where the incidence starts in `perm` (s14-inc: flat, after the vertex order and ids): facet
   * f's vertices are perm[perm[incAt + f] … perm[incAt + f + 1] − 1].
   */
  private incAt = 0;
  /**
   * The input vertex index of each output vertex (lexicographic order), then, when vertex ids
   * were given, the ids in output order (one array for both).
   */
  private perm: Int32Array = NO_PERM;
  /** Where this cell's entries start in `perm` (a block shared by cells). */
  private permAt = 0;
  /** The id space of the vertex ids (undefined: no ids). */
  private idSpace: object | undefined = undefined;
  /**
   * Made by {@link knownCell} before its analysis (which reads exact vertices through
   * {@link inputVertex}), then completed by {@link finish}.
   * @internal
   */
  constructor(
    /** Ambient dimension d. */
    readonly dimension: number,
    /** Number of vertices. */
    readonly vertexCount: number,
    /** The input's exact vertices: `exactVertex` or `vertexSource` (one field for both). */
    private readonly src: ((v: number) => IntegerPoint) | KnownVertexSource,
    /**
     * 1: the exact points are the caller's reduced objects (shared); 2: `check`; 4: the float
     * vertices are the source's `knownFloatVertices` (not kept here); 8: predicates 'filtered'
     * (else 'exact').
     */
    private flags: number,
  ) {}
  /** The analysis' results (see the fields; `flat` has the bound as its last entry). @internal */
  finish(
    ineq: bigint[][],
    facetIdx: number[] | undefined,
    incAt: number,
    perm: Int32Array,
    permAt: number,
    idSpace: object | undefined,
    flat: Float64Array | undefined,
    floatsBySource: boolean,
  ): void {
    this.ineq = ineq;
    this.incAt = incAt;
    this.perm = perm;
    this.permAt = permAt;
    this.idSpace = idSpace;
    // rare on a partition's cells (rows that are not facets; floats kept here, not by a source)
    if (facetIdx !== undefined) this.more().facetIdx = facetIdx;
    if (flat !== undefined) this.more().flat = flat;
    if (floatsBySource) this.flags |= 4;
  }
  /** The rarely made parts' holder (made on first use). */
  private more(): KnownCellLazy {
    return (this.lazy ??= new KnownCellLazy());
  }
  /** The exact input vertex v (input order), checked and reduced once. @internal */
  inputVertex(v: number): IntegerPoint {
    const more = this.more();
    const exact = (more.exact ??= new Array<IntegerPoint | undefined>(this.vertexCount));
    let p = exact[v];
    if (p === undefined) {
      const src = this.src;
      const q = typeof src === 'function' ? src(v) : src.knownExactVertex(v);
      p = checkedPoint(this.dimension, v, q, this.flags);
      exact[v] = p;
    }
    return p;
  }
  /**
   * The facets as primitive homogeneous integer rows h = (b, −a) (h0 + h'·x ≥ 0), in `facets()`
   * order (the arrays given or made: read only).
   */
  get facetRows(): readonly (readonly bigint[])[] {
    const f = this.lazy?.facetIdx;
    if (f === undefined) return this.ineq;
    const more = this.more();
    if (more.rows === undefined) {
      const out = new Array<readonly bigint[]>(f.length);
      for (let i = 0; i < f.length; i++) out[i] = this.ineq[f[i]!]!;
      more.rows = out;
    }
    return more.rows;
  }
  /**
   * incidence[f]: the vertices (in vertex order) on facet f, increasing (read only; made from
   * the flat incidence on first read).
   */
  get incidence(): readonly (readonly number[])[] {
    const more = this.more();
    if (more.inc === undefined) {
      const block = this.perm;
      const at = this.incAt;
      const n = this.facetCount;
      const out = new Array<number[]>(n);
      for (let f = 0; f < n; f++) {
        const from = block[at + f]!;
        const list = new Array<number>(block[at + f + 1]! - from);
        for (let t = 0; t < list.length; t++) list[t] = block[from + t]!;
        out[f] = list;
      }
      more.inc = out;
    }
    return more.inc;
  }
  /** The number of facets. */
  get facetCount(): number {
    const f = this.lazy?.facetIdx;
    return f === undefined ? this.ineq.length : f.length;
  }
  /**
   * The incidence without a list per facet (s14-inc), with {@link incidenceAt}: facet f's
   * vertices (in vertex order, increasing) are b[b[at + f] … b[at + f + 1] − 1] for b this block
   * and at = incidenceAt (a block shared by cells: read only, and only these entries).
   */
  get incidenceBlock(): Int32Array {
    return this.perm;
  }
  /** See {@link incidenceBlock}. */
  get incidenceAt(): number {
    return this.incAt;
  }
  /** Vertex identities in vertex order (`vertexIds` of the input), when given (read only). */
  get vertexIds(): { space: object; ids: Int32Array } | undefined {
    const n = this.vertexCount;
    return this.idSpace === undefined
      ? undefined
      : { space: this.idSpace, ids: this.perm.subarray(this.permAt + n, this.permAt + 2 * n) };
  }
  /**
   * The id space of {@link vertexIds} without an object and a view per call (s15-part): vertex
   * i's id is incidenceBlock[vertexIdAt + i]; undefined when no ids were given.
   */
  get vertexIdSpace(): object | undefined {
    return this.idSpace;
  }
  /** See {@link vertexIdSpace}. */
  get vertexIdAt(): number {
    return this.permAt + this.vertexCount;
  }
  /** Vertex i (in `vertices()` order), exact, computed alone on first use. */
  exactVertex(i: number): IntegerPoint {
    return this.inputVertex(this.perm[this.permAt + i]!);
  }
  /** True when the exact points are the caller's reduced objects. @internal */
  sharedPoints(): boolean {
    return (this.flags & 1) !== 0;
  }
  /** Indices into the normalised rows of the facet rows, increasing (a new array). @internal */
  facetRowIndices(): number[] {
    const f = this.lazy?.facetIdx;
    if (f !== undefined) return f;
    const out = new Array<number>(this.ineq.length);
    for (let i = 0; i < out.length; i++) out[i] = i;
    return out;
  }
  /** The given float vertices in vertex order, or undefined. @internal */
  floatPoints(): FloatPoints | undefined {
    const flat = this.lazy?.flat;
    const d = this.dimension;
    if (flat === undefined) {
      if ((this.flags & 4) === 0) return undefined;
      // the source's float vertices (the input's, made again), in vertex order
      const fv = (this.src as KnownVertexSource).knownFloatVertices!();
      const points = new Array<Float64Array>(this.vertexCount);
      for (let i = 0; i < points.length; i++) {
        const p = fv.points[this.perm[this.permAt + i]!]!;
        const q = new Float64Array(d);
        for (let k = 0; k < d; k++) q[k] = p[k]!;
        points[i] = q;
      }
      return { points, error: fv.error };
    }
    const points = new Array<Float64Array>(this.vertexCount);
    // |x̃ − x| ≤ error on every coordinate
    for (let i = 0; i < points.length; i++) points[i] = flat.slice(i * d, i * d + d);
    return { points, error: flat[points.length * d]! };
  }
  /** The Polytope of these facets and vertices (made on first call, then the same object). */
  polytope(): Polytope {
    const more = this.more();
    if (more.poly === undefined) {
      const polytope = Polytope.internalFromAnalysis(
        integerHRep(this.dimension, this.ineq, [], false),
        new KnownAnalysis(this),
        (this.flags & 8) !== 0 ? 'filtered' : 'exact',
      );
      more.poly = polytope;
    }
    return more.poly;
  }
}

/** The parts of a {@link KnownCell} few readers ask for (each made on first read). */
class KnownCellLazy {
  poly: Polytope | undefined = undefined;
  /** The facet rows when some rows are not facets (`facetRows`). */
  rows: (readonly bigint[])[] | undefined = undefined;
  /** The exact input vertex v once computed (reduced). */
  exact: (IntegerPoint | undefined)[] | undefined = undefined;
  /** incidence[f]: the vertices (in vertex order) on facet f, increasing. */
  inc: number[][] | undefined = undefined;
  /** Indices into `ineq` of the facet rows, increasing; undefined when every row is a facet. */
  facetIdx: number[] | undefined = undefined;
  /**
   * The given float vertices in output order, flat (d per vertex), then their bound (one more
   * entry: no number field, which V8 would box per cell); undefined when not given or made again
   * by the vertex source.
   */
  flat: Float64Array | undefined = undefined;
}

/** The {@link KnownCell} of the input (no Polytope made); preconditions as above. */
export function knownCell(input: KnownVerticesInput): KnownCell {
  const s = sharedScratch ?? new Scratch();
  sharedScratch = undefined;
  try {
    return analyse(input, s);
  } finally {
    s.axisReady = false;
    sharedScratch = s;
  }
}

/** {@link knownCell} with its working arrays. */
function analyse(input: KnownVerticesInput, s: Scratch): KnownCell {
  const d = input.dimension;
  const nv = input.vertexCount;
  if (!Number.isInteger(d) || d < 1)
    throw bad(`dimension ${d} is not a positive integer`, 'dimension');
  if (nv < d + 1)
    throw bad(`${nv} vertices cannot span a full-dimensional polytope in R^${d}`, 'vertexCount');
  const tight = input.tight;
  const tightRows = input.tightRows;
  const tightStart = input.tightStart;
  if (tight !== undefined) {
    if (tight.length !== nv)
      throw bad(`tight has ${tight.length} lists for ${nv} vertices`, 'tight');
  } else if (tightRows === undefined || tightStart === undefined)
    throw bad('neither tight nor tightRows with tightStart is given', 'tight');
  else if (tightStart.length < nv + 1)
    throw bad(`tightStart has ${tightStart.length} entries for ${nv} vertices`, 'tightStart');
  // primitive homogeneous rows, duplicates merged (first occurrence kept, as normalizeHRep)
  const given = input.homogeneousRows;
  const inputRows = input.rows ?? NO_INPUT_ROWS;
  const rowCount = given ? given.length : inputRows.length;
  const rowOf = (s.rowOf = atLeast(s.rowOf, rowCount));
  const kept = (s.kept = atLeast(s.kept, rowCount));
  // the rows made here (`rows` input): the normalised rows
  const made: bigint[][] | undefined = given ? undefined : [];
  // duplicates: bucketed by a float hash of the row, compared exactly within a bucket (no
  // BigInt-to-string keys)
  const seen = rowCount > 64 ? new Map<number, number[]>() : undefined;
  let m = 0;
  for (let i = 0; i < rowCount; i++) {
    let h: bigint[];
    if (given) {
      h = given[i]! as bigint[];
      if (h.length !== d + 1)
        throw bad(
          `homogeneousRows[${i}] has ${h.length} entries, expected ${d + 1}`,
          `homogeneousRows[${i}]`,
        );
      let zero = true;
      for (let k = 1; k <= d; k++) if (h[k] !== 0n) zero = false;
      if (zero) {
        if (h[0]! < 0n)
          throw bad(`homogeneousRows[${i}] is infeasible (0 ≤ ${h[0]})`, `homogeneousRows[${i}]`);
        rowOf[i] = -1;
        continue;
      }
    } else {
      const r = inputRows[i]!;
      if (r.a.length !== d)
        throw bad(`rows[${i}] has ${r.a.length} coefficients, expected ${d}`, `rows[${i}].a`);
      if (r.a.every((x) => x === 0n)) {
        if (r.b < 0n) throw bad(`rows[${i}] is infeasible (0 ≤ ${r.b})`, `rows[${i}]`);
        rowOf[i] = -1; // 0 ≤ b: no constraint
        continue;
      }
      h = homogeneous(r.a, r.b, input.primitiveRows === true);
    }
    let at = -1;
    if (rowCount <= 64) {
      // few rows (a partition's cells): a linear scan, most rows differ in their first entries
      // (BigInt equality tests allocate nothing; a float key per row made a heap number per
      // conversion)
      for (let j = 0; j < m && at < 0; j++) {
        const g = given ? given[kept[j]!]! : made![j]!;
        // a caller's shared row array (the same row given twice) without comparing entries
        if (g === h) {
          at = j;
          break;
        }
        let same = true;
        for (let k = 0; k < h.length && same; k++) same = g[k] === h[k];
        if (same) at = j;
      }
    } else {
      let key = 0;
      for (let k = 0; k < h.length; k++) key = key * 1.0000003 + Number(h[k]!) * (k + 1.5);
      if (!Number.isFinite(key)) key = NaN; // one bucket for rows beyond float range
      let bucket = seen!.get(key);
      if (!bucket) seen!.set(key, (bucket = []));
      for (const j of bucket) {
        const g = given ? given[kept[j]!]! : made![j]!;
        let same = true;
        for (let k = 0; k < h.length && same; k++) same = g[k] === h[k];
        if (same) {
          at = j;
          break;
        }
      }
      if (at < 0) bucket.push(m);
    }
    if (at >= 0) rowOf[i] = at;
    else {
      rowOf[i] = m;
      kept[m] = i;
      if (made) made.push(h);
      m++;
    }
  }
  // every row kept as itself (no duplicate, no zero row): the caller's list of homogeneous rows is
  // the list of normalised rows (kept, not copied)
  let ineq: bigint[][];
  // a copy of `made`: a builtin's array, born young; `made` then dies young, so its literal site
  // is not pretenured either (docs/contributing.md, "Objects a run keeps")
  if (made) ineq = made.slice();
  else if (m === rowCount) ineq = given as bigint[][];
  else {
    ineq = new Array<bigint[]>(m);
    for (let j = 0; j < m; j++) ineq[j] = given![kept[j]!]! as bigint[];
  }

  // per vertex: sorted distinct normalised rows, vr[start[v] … start[v + 1] − 1]
  let vr = s.vr;
  const start = (s.start = atLeast(s.start, nv + 1));
  let pos = 0;
  for (let v = 0; v < nv; v++) {
    const list = tight ? tight[v]! : tightRows!;
    const from = tight ? 0 : tightStart![v]!;
    const to = tight ? list.length : tightStart![v + 1]!;
    if (vr.length < pos + to - from) {
      const grown = new Int32Array(2 * (pos + to - from));
      grown.set(vr.subarray(0, pos));
      s.vr = vr = grown;
    }
    start[v] = pos;
    const base = pos;
    // sorted distinct rows, by insertion (a vertex is on few rows)
    for (let t = from; t < to; t++) {
      const i = list[t]!;
      if (!(i >= 0 && i < rowCount))
        throw bad(`tight[${v}] names row ${i}, which does not exist`, `tight[${v}]`);
      const r = rowOf[i]!;
      if (r < 0) continue;
      let j = pos - 1;
      while (j >= base && vr[j]! > r) j--;
      if (j >= base && vr[j] === r) continue;
      for (let u = pos; u > j + 1; u--) vr[u] = vr[u - 1]!;
      vr[j + 1] = r;
      pos++;
    }
  }
  start[nv] = pos;

  // the cell first: the analysis reads exact vertices through it (computed on demand, kept)
  const flags =
    (input.reducedVertices === true ? 1 : 0) |
    (input.check === true ? 2 : 0) |
    (input.predicates === 'filtered' ? 8 : 0);
  const srcObj = input.vertexSource;
  const srcFn = srcObj ? undefined : input.exactVertex;
  if (!srcObj && typeof srcFn !== 'function')
    throw bad('neither exactVertex nor vertexSource is given', 'exactVertex');
  const cell = new KnownCell(d, nv, srcObj ?? srcFn!, flags);
  if (input.check === true) checkContract(ineq, vr, start, nv, cell);

  // the candidate facet rows (tight at ≥ d vertices)
  const counts = (s.counts = atLeast(s.counts, m));
  counts.fill(0, 0, m);
  for (let t = 0; t < pos; t++) counts[vr[t]!]!++;
  const slot = (s.slot = atLeast(s.slot, m));
  const cand = (s.cand = atLeast(s.cand, m));
  let nc = 0;
  for (let r = 0; r < m; r++) {
    if (counts[r]! >= d) {
      slot[r] = nc;
      cand[nc++] = r;
    } else slot[r] = -1;
  }
  // their vertices in scratch (CSR, input order): the cell keeps its facets' lists flat
  const candStart = (s.candStart = atLeast(s.candStart, nc + 1));
  let total = 0;
  for (let c = 0; c < nc; c++) {
    candStart[c] = total;
    total += counts[cand[c]!]!;
  }
  candStart[nc] = total;
  const candVerts = (s.candVerts = atLeast(s.candVerts, total));
  const fill = (s.fill = atLeast(s.fill, nc));
  for (let c = 0; c < nc; c++) fill[c] = candStart[c]!;
  for (let v = 0; v < nv; v++)
    for (let t = start[v]!, end = start[v + 1]!; t < end; t++) {
      const c = slot[vr[t]!]!;
      if (c >= 0) candVerts[fill[c]!++] = v;
    }
  // facets: maximal tight sets with ≥ d vertices; equal sets → the first row (d ≤ 3: all)
  const chosen = d <= 3 ? undefined : maximalRows(candidateLists(candStart, candVerts, nc));
  const facetCount = chosen ? chosen.length : nc;
  let incTotal = total;
  if (chosen) {
    incTotal = 0;
    for (const c of chosen) incTotal += candStart[c + 1]! - candStart[c]!;
  }

  // vertex order: lexicographic in x
  const fv = input.floatVertices;
  const fc = fv === undefined ? input.floatCoordinates : undefined;
  let floatOk = false;
  let error = 0;
  if (fv !== undefined) {
    floatOk = fv.points.length === nv && Number.isFinite(fv.error) && fv.error >= 0;
    for (let v = 0; floatOk && v < nv; v++) floatOk = fv.points[v]!.length === d;
    error = fv.error;
  } else if (fc !== undefined) {
    floatOk = Number.isFinite(fc.error) && fc.error >= 0;
    error = fc.error;
  }
  const fx = floatOk ? (s.fx = s.fx.length >= nv * d ? s.fx : new Float64Array(2 * nv * d)) : s.fx;
  if (floatOk && fv !== undefined)
    for (let v = 0; v < nv; v++) {
      const p = fv.points[v]!;
      for (let k = 0; k < d; k++) fx[v * d + k] = p[k]!;
    }
  else if (floatOk)
    for (let v = 0; v < nv; v++) {
      const o = fc!.index[fc!.indexAt + v]! * d;
      for (let k = 0; k < d; k++) fx[v * d + k] = fc!.x[o + k]!;
    }
  const vid = input.vertexIds;
  const idAt = vid?.at ?? 0;
  const withIds =
    vid !== undefined &&
    (vid.at === undefined ? vid.ids.length === nv : idAt >= 0 && idAt + nv <= vid.ids.length);
  // the vertex order, the vertex ids and the incidence (flat) in one array
  const room = (withIds ? 2 * nv : nv) + facetCount + 1 + incTotal;
  const perm = permRoom(room);
  const pa = permRoomAt;
  for (let i = 0; i < nv; i++) perm[pa + i] = i;
  // the float gap in the scratch (a number argument of a call not inlined is boxed)
  s.gap[0] = floatOk ? 2 * error * (1 + 2 ** -50) : Infinity;
  sortVertices(perm, pa, nv, d, floatOk, ineq, s, cell);
  if (withIds) for (let i = 0; i < nv; i++) perm[pa + nv + i] = vid.ids[idAt + perm[pa + i]!]!;
  const outIndex = (s.outIndex = atLeast(s.outIndex, nv));
  for (let i = 0; i < nv; i++) outIndex[perm[pa + i]!] = i;
  // the incidence: facet f's vertices renumbered, increasing (positions in `perm`)
  const incAt = pa + (withIds ? 2 * nv : nv);
  let at = incAt + facetCount + 1;
  for (let f = 0; f < facetCount; f++) {
    const c = chosen ? chosen[f]! : f;
    perm[incAt + f] = at;
    const from = at;
    for (let t = candStart[c]!, end = candStart[c + 1]!; t < end; t++)
      perm[at++] = outIndex[candVerts[t]!]!;
    sortRange(perm, from, at);
  }
  perm[incAt + facetCount] = at;
  // every row a facet (a partition's cells): the facet rows are the rows, no index list kept
  let facetIdx: number[] | undefined;
  if (facetCount !== m) {
    facetIdx = new Array<number>(facetCount);
    for (let f = 0; f < facetCount; f++) facetIdx[f] = cand[chosen ? chosen[f]! : f]!;
  }

  // the float vertices kept in one typed array (not the caller's arrays per vertex), unless the
  // source makes them again
  let flat: Float64Array | undefined;
  const floatsBySource = floatOk && srcObj?.knownFloatVertices !== undefined;
  if (floatOk && !floatsBySource) {
    flat = new Float64Array(nv * d + 1);
    for (let i = 0; i < nv; i++) {
      const o = perm[pa + i]! * d;
      for (let k = 0; k < d; k++) flat[i * d + k] = fx[o + k]!;
    }
    flat[nv * d] = error;
  }
  cell.finish(
    ineq,
    facetIdx,
    incAt,
    perm,
    pa,
    withIds ? vid.space : undefined,
    flat,
    floatsBySource,
  );
  return cell;
}

/**
 * The facets of a polytope built by {@link polytopeFromKnownVertices} as primitive homogeneous
 * integer rows h = (b, −a) (h0 + h'·x ≥ 0), in `facets()` order, without Rationals; undefined for
 * any other polytope. The arrays are the polytope's own: read only.
 */
export function knownFacetRows(polytope: Polytope): readonly (readonly bigint[])[] | undefined {
  const k = knownOf(polytope);
  return k && k.facetRows.slice();
}

/**
 * The vertex identities given to {@link polytopeFromKnownVertices} (`vertexIds`), in the
 * polytope's vertex order; undefined when none were given.
 */
export function knownVertexIds(polytope: Polytope): { space: object; ids: Int32Array } | undefined {
  return knownOf(polytope)?.vertexIds;
}

/**
 * The cell a polytope built here was made from (its exact points and vertex ids): read from the
 * polytope's given analysis (not a WeakMap keyed by polytopes, whose entries V8's young-generation
 * collector keeps alive after the polytope is dead, issue 11).
 */
function knownOf(polytope: Polytope): KnownCell | undefined {
  const a = polytope.internalAnalysis();
  return a instanceof KnownAnalysis ? a.cell : undefined;
}

/**
 * Vertex i (in `vertices()` order) of a polytope built by {@link polytopeFromKnownVertices}, exact,
 * computed alone (not all vertices, as `vertices()` does); undefined for any other polytope.
 */
export function knownExactVertex(polytope: Polytope, i: number): IntegerPoint | undefined {
  return knownOf(polytope)?.exactVertex(i);
}

/** Exact check of the contract: every row holds at every vertex, tight exactly where listed. */
function checkContract(
  ineq: readonly bigint[][],
  vr: Int32Array,
  start: Int32Array,
  nv: number,
  cell: KnownCell,
): void {
  for (let v = 0; v < nv; v++) {
    const p = cell.inputVertex(v);
    for (let r = 0; r < ineq.length; r++) {
      const s = slack(ineq[r]!, p);
      if (s < 0n) throw bad(`vertex ${v} violates row ${r}`, `exactVertex(${v})`);
      if ((s === 0n) !== hasRow(vr, start[v]!, start[v + 1]!, r))
        throw bad(
          `vertex ${v} is ${s === 0n ? '' : 'not '}on row ${r}, but tight says otherwise`,
          `tight[${v}]`,
        );
    }
  }
}

/** s.axisOf: per row, the coordinate it fixes alone (only x_i has a non-zero coefficient), or −1. */
function axisRows(ineq: readonly bigint[][], d: number, s: Scratch): void {
  const axisOf = (s.axisOf = atLeast(s.axisOf, ineq.length));
  for (let r = 0; r < ineq.length; r++) {
    const h = ineq[r]!;
    let only = -1;
    for (let t = 1; t <= d; t++) {
      if (h[t] === 0n) continue;
      if (only >= 0) {
        only = -1;
        break;
      }
      only = t - 1;
    }
    axisOf[r] = only;
  }
  s.axisReady = true;
}

/**
 * Sorts the input vertex indices perm[pa … pa + nv − 1] lexicographically by exact x (insertion, stable):
 * float comparisons (s.fx) when the gap exceeds twice the error bound, equal coordinates certified
 * by a shared axis row, exact otherwise.
 */
function sortVertices(
  perm: Int32Array,
  pa: number,
  nv: number,
  d: number,
  floats: boolean,
  ineq: readonly bigint[][],
  s: Scratch,
  cell: KnownCell,
): void {
  for (let i = 1; i < nv; i++) {
    const x = perm[pa + i]!;
    let j = i - 1;
    while (j >= 0 && compareVertices(perm[pa + j]!, x, d, floats, ineq, s, cell) > 0) {
      perm[pa + j + 1] = perm[pa + j]!;
      j--;
    }
    perm[pa + j + 1] = x;
  }
}

/** The lexicographic order of input vertices a and b by exact x (see {@link sortVertices}). */
function compareVertices(
  a: number,
  b: number,
  d: number,
  floats: boolean,
  ineq: readonly bigint[][],
  s: Scratch,
  cell: KnownCell,
): number {
  const fx = s.fx;
  const gap = s.gap[0]!;
  for (let i = 0; i < d; i++) {
    if (floats) {
      const xa = fx[a * d + i]!;
      const xb = fx[b * d + i]!;
      // fl(xb − xa) > gap ⇒ xb − xa > 2·error (the subtraction's rounding is within u)
      if (xb - xa > gap) return -1;
      if (xa - xb > gap) return 1;
    }
    // equal coordinates: a row fixing x_i tight at both (only found when floats cannot decide)
    if (!s.axisReady) axisRows(ineq, d, s);
    const vr = s.vr;
    const start = s.start;
    let shared = false;
    for (let t = start[a]!, end = start[a + 1]!; t < end && !shared; t++) {
      const r = vr[t]!;
      shared = s.axisOf[r] === i && hasRow(vr, start[b]!, start[b + 1]!, r);
    }
    if (shared) continue;
    const pa = cell.inputVertex(a);
    const pb = cell.inputVertex(b);
    const l = pa.num[i]! * pb.den;
    const r = pb.num[i]! * pa.den;
    if (l !== r) return l < r ? -1 : 1;
  }
  return 0;
}
