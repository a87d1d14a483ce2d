/**
 * Validated per-cell geometry read once from each Polytope: facets with hyperplane keys, vertices,
 * incidence, volume, centroid and a float bounding box for pruning (SPEC §2, §3).
 */
import {
  type IntegerPoint,
  Rational,
  affineNumerator,
  approxAffineSign,
  isMlgeoError,
  fractionToDouble,
  isFilterOperand,
  toIntegerPoint,
  toPrimitiveIntegers,
} from '@mlgeo/exact-arith';
import {
  FLOAT_CENTROID_SCALE_TOLERANCE,
  FLOAT_MEASURE_TOLERANCE,
  type Polytope,
  type KnownCell,
  knownFacetRows,
} from '@mlgeo/exact-polytope';
import { PartitionInputError } from './errors.js';
import {
  cyclicOrder,
  cyclicOrderFlat,
  polygonAreaCentroid,
  polygonAreaCentroidInt,
  roundedPolygonMeasures,
} from './cell-measures.js';
import {
  type Ball,
  type FloatValue,
  type FloatVector,
  certifyFloat,
  certifyFloatVector,
  isCertified,
  isCertifiedVector,
  polygonAreaCentroid2F,
  polygonAreaCentroid2Into,
  toValue,
  FloatNumber,
  FloatPoint,
} from './float-values.js';
import { exactMeasure } from './lazy.js';
import {
  type FloatVertices,
  type HyperplaneIds,
  type PointIndex,
  exactVertex,
  floatSign,
  floatVertices,
} from './float-points.js';
import type { PartitionLike, Tick } from './types.js';
import { CellMeasures, type Float3dCaches, facetCycles, refineIfLoose } from './float3d.js';
import { float64Slice } from './typed-slices.js';
import { boxOf } from './spatial.js';
import { listOfLength } from './young.js';
import { SAFE, distanceInto, volumeCentroid3, volumeCentroid3Into } from './cos3.js';

/** A facet a·x ≤ b with its canonical hyperplane key. */
export interface FacetInfo {
  a: Rational[];
  b: Rational;
  /** Primitive integer vector proportional to (a, b) with the same orientation. */
  ints: bigint[];
  /** Key of the unoriented hyperplane (first non-zero entry of a made positive). */
  readonly key: string;
  /** +1 when ints is already canonical, −1 when the canonical form is its negation. */
  side: 1 | -1;
  /** |a|² of the primitive normal (an integer). */
  readonly norm2: bigint;
  /** Indices of the cell's vertices on this facet. */
  vertices: number[];
  /** a and b rounded to float64 (for the filtered sign test). */
  aF: number[];
  bF: number;
  /** aF, bF qualify as filter operands (exact-arith `isFilterOperand`: the error bound applies). */
  floatSafe: boolean;
  /** Float path: the id of the canonical hyperplane (float-points.ts `HyperplaneIds`). */
  hid?: number;
  /**
   * Float path: the primitive integer row rounded (null when not finite), set on first use
   * (float-points.ts facetRowF) or when the facet is read from a known cell's rows.
   */
  rowF?: Float64Array | null;
}

export interface CellGeometry {
  index: number;
  label: string;
  /** The cell's Polytope (on the float path with a known cell: read from the partition on demand). */
  readonly polytope: Polytope;
  /**
   * Float path: the partition cell's facets, incidence, vertex order, ids and exact vertices
   * without its Polytope (exact-polytope `KnownCell`, the same orders), when the partition has it.
   */
  known?: KnownCell | undefined;
  dataCount: number | undefined;
  facets: FacetInfo[];
  vertices: Rational[][];
  /** The vertices rounded to float64 (correctly: the filtered predicates rely on it). */
  verticesF: number[][];
  /**
   * The vertices in float64 for the float measures: the partition's `floatVertices`, or
   * `verticesF`; `floatError` bounds |floatPoints[t][k] − vertices[t][k]|.
   */
  floatPoints: number[][];
  floatError: number;
  /** vol_d in float64 with its error bound (computed on first access; no exact measure). */
  readonly floatVolume: FloatValue;
  /** The centroid in float64 with its error bounds (computed on first access). */
  readonly floatCentroid: FloatVector;
  /** vol_d (computed on first access). */
  readonly volume: Rational;
  /** Exact centroid (computed on first access). */
  readonly centroid: Rational[];
  /** Float bounding box, widened so that it contains the exact box (safe for pruning). */
  lo: number[];
  hi: number[];
  /** 3-D only: facet polygons in cyclic order, filled on demand (convex-clip.ts). */
  polygons?: Rational[][][];
  /** 3-D only: the vertices as TestPoints (float and integer forms kept), filled on demand. */
  vertexPoints?: Map<Rational[], TestPoint>;
  /**
   * Float path (d = 2): the vertices solved in float64 from their tight facet rows with proven
   * bounds (float-points.ts); `vertices` and `verticesF` are then computed only when read.
   */
  float?: FloatVertices | undefined;
  /**
   * Float path (2-D, 3-D): the partition's distinct vertices (float-points.ts, set by
   * buildComplex once made), for caches per point.
   */
  points?: PointIndex | undefined;
  /** Float path (3-D): the float measures' per-cell caches (float3d.ts), made on first use. */
  float3d?: Float3dCaches | undefined;
}

/** Canonical key of a hyperplane given as a primitive integer vector (a, b). */
export function hyperplaneKey(ints: readonly bigint[]): { key: string; side: 1 | -1 } {
  const first = ints.find((v) => v !== 0n) ?? 0n;
  const side: 1 | -1 = first < 0n ? -1 : 1;
  const canon = side === 1 ? ints : ints.map((v) => -v);
  return { key: canon.join(','), side };
}

/**
 * A facet row's data, shared by the facets that carry the same row array (a partition that shares
 * its cells' homogeneous rows: the same hyperplane, the same side). A row read from a partition's
 * primitive homogeneous integers h = (b, −a) (`KnownCell.facetRows`) keeps h, its side, whether
 * its float row qualifies for the filter and (float path) that float row: the integers (a, b),
 * aF, the key, |a|² and the rationals a, b are made from h on first read (s15-facets: the float
 * path reads few of them). A row built from a Polytope's facets has them from the start.
 */
interface FacetRow {
  /** The homogeneous row h = (b, −a), or undefined (a row built with its integers). */
  h: readonly bigint[] | undefined;
  ints: bigint[] | undefined;
  aF: number[] | undefined;
  /** b rounded (a row built with its integers; else read from h). */
  bF: number | undefined;
  safe: boolean;
  side: 1 | -1;
  hid: number | undefined;
  rowF: Float64Array | null | undefined;
  key: string | undefined;
  norm2: bigint | undefined;
  a: Rational[] | undefined;
  b: Rational | undefined;
}

/**
 * A {@link FacetRow} with every field in the object (none added later: no property store), made by
 * `new`, so born young (docs/contributing.md, "Objects a run keeps").
 */
class FacetRowData implements FacetRow {
  hid: number | undefined = undefined;
  key: string | undefined = undefined;
  norm2: bigint | undefined = undefined;
  constructor(
    public h: readonly bigint[] | undefined,
    public ints: bigint[] | undefined,
    public aF: number[] | undefined,
    public bF: number | undefined,
    public safe: boolean,
    public side: 1 | -1,
    public a: Rational[] | undefined,
    public b: Rational | undefined,
    public rowF: Float64Array | null | undefined,
  ) {}
}
function facetRow(
  h: readonly bigint[] | undefined,
  ints: bigint[] | undefined,
  aF: number[] | undefined,
  bF: number | undefined,
  safe: boolean,
  side: 1 | -1,
  a: Rational[] | undefined,
  b: Rational | undefined,
  rowF: Float64Array | null | undefined,
): FacetRow {
  return new FacetRowData(h, ints, aF, bF, safe, side, a, b, rowF);
}

/** The integers (a, b) = (−h', h0) of a homogeneous row h = (b, −a). */
function rowInts(h: readonly bigint[]): bigint[] {
  const d = h.length - 1;
  const ints = new Array<bigint>(d + 1);
  for (let k = 0; k < d; k++) ints[k] = -h[k + 1]!;
  ints[d] = h[0]!;
  return ints;
}

/**
 * a rounded from a homogeneous row h = (b, −a): 0 − Number(h_k) is Number(−h_k) (rounding to
 * nearest is symmetric, and 0 − 0 = +0 = Number(−0n)); literals for d = 2, 3.
 */
function rowAF(h: readonly bigint[]): number[] {
  const d = h.length - 1;
  if (d === 2) return [0 - Number(h[1]!), 0 - Number(h[2]!)];
  if (d === 3) return [0 - Number(h[1]!), 0 - Number(h[2]!), 0 - Number(h[3]!)];
  const out = new Array<number>(d);
  for (let k = 0; k < d; k++) out[k] = 0 - Number(h[k + 1]!);
  return out;
}

/**
 * A facet: its row (shared, {@link FacetRow}) and its vertices — no number or bigint boxed per
 * facet (issue 11). A facet of a known cell reads its vertices from the cell's flat incidence
 * (`KnownCell.incidenceBlock`: facet f's at block[block[at + f]] …); its `vertices` list is made
 * on first read ({@link facetVertexCount}, {@link facetVertexAt} read without it).
 */
class Facet implements FacetInfo {
  constructor(
    private readonly row: FacetRow,
    private list: number[] | undefined,
    private readonly block: Int32Array | undefined,
    /** Where the facet's range is in `block` (at + f). */
    private readonly pos: number,
  ) {}
  get vertices(): number[] {
    if (this.list === undefined) {
      const b = this.block!;
      this.list = vertexList(b, b[this.pos]!, b[this.pos + 1]!);
    }
    return this.list;
  }
  /** The number of the facet's vertices. */
  vertexCount(): number {
    if (this.list !== undefined) return this.list.length;
    return this.block![this.pos + 1]! - this.block![this.pos]!;
  }
  /** The facet's i-th vertex (increasing in i for a known cell's facet). */
  vertexAt(i: number): number {
    if (this.list !== undefined) return this.list[i]!;
    const b = this.block!;
    return b[b[this.pos]! + i]!;
  }
  /** The homogeneous row h = (b, −a) the facet was read from (a known cell's), if any. */
  homogeneous(): readonly bigint[] | undefined {
    return this.row.h;
  }
  /** The float normal: the float row's first d entries when it has one, else aF. */
  normalF(): ArrayLike<number> {
    return this.row.rowF ?? this.aF;
  }
  get ints(): bigint[] {
    return (this.row.ints ??= rowInts(this.row.h!));
  }
  get side(): 1 | -1 {
    return this.row.side;
  }
  get aF(): number[] {
    return (this.row.aF ??= rowAF(this.row.h!));
  }
  get bF(): number {
    const row = this.row;
    if (row.bF !== undefined) return row.bF;
    const h = row.h!;
    return row.rowF ? row.rowF[h.length - 1]! : Number(h[0]!);
  }
  get floatSafe(): boolean {
    return this.row.safe;
  }
  get hid(): number | undefined {
    return this.row.hid;
  }
  set hid(h: number | undefined) {
    this.row.hid = h;
  }
  get rowF(): Float64Array | null | undefined {
    return this.row.rowF;
  }
  set rowF(r: Float64Array | null | undefined) {
    this.row.rowF = r;
  }
  /** a of a·x ≤ b (the primitive integers when built from them). */
  get a(): Rational[] {
    return (this.row.a ??= this.ints.slice(0, -1).map((x) => Rational.of(x)));
  }
  get b(): Rational {
    const ints = this.ints;
    return (this.row.b ??= Rational.of(ints[ints.length - 1]!));
  }
  get key(): string {
    const ints = this.ints;
    const side = this.row.side;
    return (this.row.key ??= (side === 1 ? ints : ints.map((v) => -v)).join(','));
  }
  get norm2(): bigint {
    const row = this.row;
    if (row.norm2 === undefined) {
      const ints = this.ints;
      let n = 0n;
      for (let k = 0; k + 1 < ints.length; k++) n += ints[k]! * ints[k]!;
      row.norm2 = n;
    }
    return row.norm2;
  }
}

/** The number of facet F's vertices (without making its list). */
export function facetVertexCount(F: FacetInfo): number {
  return F instanceof Facet ? F.vertexCount() : F.vertices.length;
}

/** Facet F's i-th vertex (without making its list). */
export function facetVertexAt(F: FacetInfo, i: number): number {
  return F instanceof Facet ? F.vertexAt(i) : F.vertices[i]!;
}

/**
 * Facet F's homogeneous integer row h = (b, −a) when it was read from one (a known cell's facet:
 * (a, b) = (−h', h0), the same integers as `ints` without making them), else undefined.
 */
export function facetHomogeneous(F: FacetInfo): readonly bigint[] | undefined {
  return F instanceof Facet ? F.homogeneous() : undefined;
}

/**
 * Facet F's normal a rounded (entries 0 … d − 1; the values of `aF`), without making the list
 * `aF` when the facet has a float row.
 */
export function facetNormalF(F: FacetInfo): ArrayLike<number> {
  return F instanceof Facet ? F.normalF() : F.aF;
}

export function facetInfos(
  polytope: Polytope,
  shared?: Map<readonly bigint[], FacetRow>,
): FacetInfo[] {
  const known = knownFacetRows(polytope);
  if (known) return knownFacetInfos(known, polytope.incidence(), shared);
  const incidence = polytope.incidence();
  const facets = polytope.facets();
  return facets.map((f, idx) => {
    // Polytope.facets() gives (b, a) primitive integers: no gcd needed then
    const ints =
      f.b.den === 1n && f.a.every((x) => x.den === 1n)
        ? [...f.a.map((x) => x.num), f.b.num]
        : toPrimitiveIntegers([...f.a, f.b]);
    const first = ints.find((v) => v !== 0n) ?? 0n;
    // an integer's Number() is its correctly rounded value
    const aF = f.a.map((x) => (x.den === 1n ? Number(x.num) : x.toNumber()));
    const bF = f.b.den === 1n ? Number(f.b.num) : f.b.toNumber();
    const safe =
      aF.every((v, k) => isFilterOperand(v, f.a[k]!.isZero())) && isFilterOperand(bF, f.b.isZero());
    return new Facet(
      facetRow(undefined, ints, aF, bF, safe, first < 0n ? -1 : 1, f.a, f.b, undefined),
      (incidence[idx] ?? []) as number[],
      undefined,
      0,
    );
  });
}

/**
 * The facets of a polytope of known vertices from its primitive homogeneous rows h = (b, −a)
 * (`knownFacetRows`, or a `KnownCell`'s `facetRows`) and incidence: (a, b) = (−h', h0), no
 * Rationals. The incidence is given as lists (kept as given, read only) or flat (a `KnownCell`'s
 * `incidenceBlock`, `incidenceAt`: read in place, each facet's list made only when read). On the
 * float path (`shared`) the rows are shared by row array and carry their float rows.
 */
function knownFacetInfos(
  known: readonly (readonly bigint[])[],
  incidence: readonly (readonly number[])[] | undefined,
  shared?: Map<readonly bigint[], FacetRow>,
  block?: Int32Array,
  at = 0,
): FacetInfo[] {
  const out = new Array<FacetInfo>(known.length);
  for (let f = 0; f < known.length; f++) {
    const h = known[f]!;
    const list = incidence ? ((incidence[f] ?? []) as number[]) : undefined;
    let row = shared?.get(h);
    if (row === undefined) {
      row = knownRow(h, shared !== undefined);
      shared?.set(h, row);
    }
    out[f] = new Facet(row, list, block, at + f);
  }
  return out;
}

/**
 * The {@link FacetRow} of a homogeneous row h = (b, −a): its side, whether (a, b) rounded qualify
 * as filter operands and, on the float path, (a, b) rounded as its float row (float-points.ts
 * facetRowF's values: one Number() per entry; null when not finite) — no bigint or list made.
 */
function knownRow(h: readonly bigint[], floatPath: boolean): FacetRow {
  const d = h.length - 1;
  const rf = floatPath ? float64Slice(d + 1) : undefined;
  let safe = true;
  let finite = true;
  // the side: the sign of the first non-zero entry of (a, b) = (−h', h0)
  let side: 1 | -1 | 0 = 0;
  for (let k = 0; k < d; k++) {
    const x = h[k + 1]!;
    if (side === 0 && x !== 0n) side = x > 0n ? -1 : 1;
    // Number(−x) (see rowAF); an integer's Number() is its correctly rounded value
    const v = 0 - Number(x);
    if (rf !== undefined) rf[k] = v;
    if (!Number.isFinite(v)) finite = false;
    if (safe) safe = isFilterOperand(v, x === 0n);
  }
  if (side === 0) side = h[0]! < 0n ? -1 : 1;
  const bF = Number(h[0]!);
  if (rf !== undefined) rf[d] = bF;
  if (!Number.isFinite(bF)) finite = false;
  if (safe) safe = isFilterOperand(bF, h[0] === 0n);
  const rowF = rf === undefined ? undefined : finite ? rf : null;
  return facetRow(h, undefined, undefined, undefined, safe, side, undefined, undefined, rowF);
}

/**
 * b[from … to − 1] as a list of exactly that length, for the short lists of 2-D and 3-D facets (no
 * spare room), made by `Array.of` (packed, born young: young.ts). A literal's site can be
 * pretenured by V8, its lists then born old and each change of that decision deoptimizes callers.
 */
function vertexList(b: Int32Array, from: number, to: number): number[] {
  switch (to - from) {
    case 2:
      return Array.of(b[from]!, b[from + 1]!);
    case 3:
      return Array.of(b[from]!, b[from + 1]!, b[from + 2]!);
    case 4:
      return Array.of(b[from]!, b[from + 1]!, b[from + 2]!, b[from + 3]!);
    case 5:
      return Array.of(b[from]!, b[from + 1]!, b[from + 2]!, b[from + 3]!, b[from + 4]!);
    case 6:
      return Array.of(
        b[from]!,
        b[from + 1]!,
        b[from + 2]!,
        b[from + 3]!,
        b[from + 4]!,
        b[from + 5]!,
      );
  }
  const out = listOfLength<number>(to - from);
  for (let t = from; t < to; t++) out[t - from] = b[t]!;
  return out;
}

/** Float box of (rounded) points, widened by a relative margin that covers the rounding. */
export function floatBox(points: readonly number[][], d: number): { lo: number[]; hi: number[] } {
  const lo = listOfLength<number>(d).fill(Infinity);
  const hi = listOfLength<number>(d).fill(-Infinity);
  for (const p of points)
    for (let k = 0; k < d; k++) {
      const v = p[k]!;
      if (v < lo[k]!) lo[k] = v;
      if (v > hi[k]!) hi[k] = v;
    }
  for (let k = 0; k < d; k++) {
    const m = 1e-9 * Math.max(1, Math.abs(lo[k]!), Math.abs(hi[k]!));
    lo[k] = lo[k]! - m;
    hi[k] = hi[k]! + m;
  }
  return boxOf(lo, hi);
}

/** Runs a Polytope query and rewraps a non-mlgeo failure as a typed error naming the cell. */
function guarded<T>(field: string, what: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (isMlgeoError(e)) {
      if (e.code === 'UNBOUNDED')
        throw new PartitionInputError(
          'CELL_UNBOUNDED',
          `${what} is unbounded`,
          field,
          'intersect every cell with the bounded domain X',
        );
      throw e;
    }
    throw new PartitionInputError(
      'BAD_CELL',
      `${what}: ${(e as Error).message}`,
      field,
      'pass a valid @mlgeo/exact-polytope Polytope',
    );
  }
}

/** Checks the domain X: bounded and full-dimensional (SPEC §2). Returns d. */
export function checkDomain(partition: PartitionLike): number {
  const X = partition.domain;
  if (X === undefined || X === null || typeof X.ambientDimension !== 'number')
    throw new PartitionInputError(
      'DOMAIN_MISSING',
      'the partition has no domain polytope',
      'domain',
      'set domain to the Polytope X the cells partition',
    );
  const d = X.ambientDimension;
  if (!guarded('domain', 'the domain', () => X.isBounded()))
    throw new PartitionInputError(
      'DOMAIN_UNBOUNDED',
      'the domain is unbounded',
      'domain',
      'use a bounded domain such as the unit box [0,1]^d',
    );
  if (guarded('domain', 'the domain', () => X.dimension()) !== d)
    throw new PartitionInputError(
      'DOMAIN_DEGENERATE',
      `the domain has dimension ${X.dimension()} in R^${d}`,
      'domain',
      'use a full-dimensional domain',
    );
  if (!Array.isArray(partition.cells) || partition.cells.length === 0)
    throw new PartitionInputError(
      'NO_CELLS',
      'the partition has no cells',
      'cells',
      'pass at least one cell',
    );
  return d;
}

/** A cell's float points and box before they are read (replaced, never written into). */
const NO_POINTS: number[][] = [];
const NO_BOX: number[] = [];

/** A cell's geometry; exact vertices and measures computed on first read. */
class CellGeom implements CellGeometry {
  polygons?: Rational[][][];
  vertexPoints?: Map<Rational[], TestPoint>;
  /** Exact path: the float vertices (the float path reads `float.points`). */
  private fp: number[][] = NO_POINTS;
  floatError = 0;
  float: FloatVertices | undefined = undefined;
  points: PointIndex | undefined = undefined;
  float3d: Float3dCaches | undefined = undefined;
  /** 2-D float path: the exact area and centroid rounded ({@link roundedMeasures2}). */
  roundedMeasures: { area: number; centroid: number[] } | undefined = undefined;
  /** The box (set when the cell is read: the empty lists until then are shared, never written). */
  lo: number[] = NO_BOX;
  hi: number[] = NO_BOX;
  /** 2-D: the vertices in cyclic order (null in other dimensions). */
  order: number[] | null = null;
  private exactVertices: Rational[][] | undefined;
  private rounded: number[][] | undefined;
  private vol: Rational | undefined;
  private cen: Rational[] | undefined;
  /** The float measures are computed (into `store`, see {@link MeasureStore}). */
  private measured = false;
  /** … and the store holds them (a centroid of d coordinates). */
  flat = false;
  /** The public float measures (made from the store when first read, or kept from a tier). */
  private volumeF: FloatValue | undefined;
  private centroidF: FloatVector | undefined;
  private poly: Polytope | undefined;
  constructor(
    readonly index: number,
    readonly label: string,
    /** The partition's cell: its `polytope` is read on first use. */
    private readonly source: { readonly polytope: Polytope },
    readonly dataCount: number | undefined,
    public facets: FacetInfo[],
    readonly known: KnownCell | undefined,
    /** The partition's float measures (one store for all cells). */
    readonly store: MeasureStore,
  ) {}
  get polytope(): Polytope {
    return (this.poly ??= this.source.polytope);
  }
  get floatPoints(): number[][] {
    return this.float ? this.float.points : this.fp;
  }
  set floatPoints(p: number[][]) {
    this.fp = p;
  }
  private get field(): string {
    return `cells[${this.index}]`;
  }
  get vertices(): Rational[][] {
    return (this.exactVertices ??= guarded(this.field, `cell ${this.index}`, () =>
      this.polytope.vertices(),
    ));
  }
  set vertices(v: Rational[][]) {
    this.exactVertices = v;
  }
  get verticesF(): number[][] {
    return (this.rounded ??= this.vertices.map((v) => v.map((x) => x.toNumber())));
  }
  set verticesF(v: number[][]) {
    this.rounded = v;
  }
  private measure2d(): void {
    // float path: the exact vertices one by one as integers (not all of them as Rationals)
    const m = this.float
      ? exactPolygonMeasuresInt(this.order!.map((v) => exactVertex(this, v)))
      : exactPolygonMeasures(this.order!.map((v) => this.vertices[v]!));
    this.vol = m.area;
    this.cen = m.centroid;
  }
  get volume(): Rational {
    if (this.vol === undefined) {
      if (this.order) this.measure2d();
      else this.vol = guarded(this.field, `cell ${this.index}`, () => exactVolume(this.polytope));
    }
    return this.vol!;
  }
  get centroid(): Rational[] {
    if (this.cen === undefined) {
      if (this.order) this.measure2d();
      else this.cen = guarded(this.field, `cell ${this.index}`, () => exactCentroid(this.polytope));
    }
    return this.cen!;
  }
  /** The float measures computed (once): into the store, the objects kept when a tier made them. */
  measureFloat(): void {
    if (this.measured) return;
    this.measured = true;
    const { values, stride, d } = this.store;
    const at = this.index * stride;
    // (the store's layout is for centroids of d coordinates)
    const m = floatCellMeasures(
      this,
      this.order,
      floatDimension(this) === d ? values : undefined,
      at,
    );
    if (m === undefined) {
      this.flat = true;
      return;
    }
    this.volumeF = m.volume;
    this.centroidF = m.centroid;
    if (m.centroid.value.length !== d) return;
    values[at] = m.volume.value;
    values[at + 1] = m.volume.error;
    for (let k = 0; k < d; k++) {
      values[at + 2 + k] = m.centroid.value[k]!;
      values[at + 2 + d + k] = m.centroid.error[k]!;
    }
    this.flat = true;
  }
  get floatVolume(): FloatValue {
    this.measureFloat();
    if (this.volumeF === undefined) {
      const at = this.index * this.store.stride;
      this.volumeF = new FloatNumber(this.store.values[at]!, this.store.values[at + 1]!);
    }
    return this.volumeF;
  }
  get floatCentroid(): FloatVector {
    this.measureFloat();
    if (this.centroidF === undefined) {
      const { values, stride, d } = this.store;
      const at = this.index * stride + 2;
      const value = new Array<number>(d);
      const error = new Array<number>(d);
      for (let k = 0; k < d; k++) {
        value[k] = values[at + k]!;
        error[k] = values[at + d + k]!;
      }
      this.centroidF = new FloatPoint(value, error);
    }
    return this.centroidF;
  }
}

/**
 * The float measures of a partition's cells, flat: cell i at i·stride (stride = 2 + 2d) holds its
 * volume, the volume's error, the d centroid coordinates and their d errors. The public
 * `floatVolume` and `floatCentroid` objects are made from it when read; the float metric reads
 * the centroids in place ({@link centroidDistanceInto}).
 */
interface MeasureStore {
  values: Float64Array;
  stride: number;
  d: number;
}

function measureStore(cells: number, d: number): MeasureStore {
  return { values: new Float64Array(cells * (2 + 2 * d)), stride: 2 + 2 * d, d };
}

/**
 * The float metric's centroid distance |c_i − c_j| as a ball (value, radius) into out, from the
 * cells' float centroids in their store (computed now; cos3.ts distanceInto, the values of
 * float-values.ts distanceF on the `floatCentroid` lists); false, out untouched, when a cell's
 * centroid is not in a store (read `floatCentroid` then).
 */
export function centroidDistanceInto(
  ci: CellGeometry,
  cj: CellGeometry,
  out: Float64Array,
): boolean {
  if (!(ci instanceof CellGeom) || !(cj instanceof CellGeom)) return false;
  ci.measureFloat();
  cj.measureFloat();
  if (!ci.flat || !cj.flat || ci.store.d !== cj.store.d) return false;
  const d = ci.store.d;
  const p = ci.store.values;
  const q = cj.store.values;
  const a = ci.index * ci.store.stride + 2;
  const b = cj.index * cj.store.stride + 2;
  distanceInto(p, a, p, a + d, q, b, q, b + d, d, out);
  return true;
}

/** Exact measures, each counted (lazy.ts). */
const exactPolygonMeasures = exactMeasure(polygonAreaCentroid);
const exactPolygonMeasuresInt = exactMeasure(polygonAreaCentroidInt);
const exactVolume = exactMeasure((P: Polytope): Rational => P.volume());
const exactCentroid = exactMeasure((P: Polytope): Rational[] => P.centroid());

/** Reads and validates every cell (dimension, boundedness, full dimension, inside X, data counts). */
export function readCells(
  partition: PartitionLike,
  d: number,
  tick?: Tick,
  ids?: HyperplaneIds,
): CellGeometry[] {
  const domainFacets = facetInfos(partition.domain);
  // float path, 2-D and 3-D: exact vertices only when read (float-points.ts, float3d.ts)
  const floatPath = ids !== undefined && (d === 2 || d === 3);
  if (floatPath) for (const G of domainFacets) ids.of(G);
  // facets with the same shared row array (float path): integers, id and float row made once
  const shared = floatPath ? new Map<readonly bigint[], FacetRow>() : undefined;
  const labels = new Set<string>();
  const store = measureStore(partition.cells.length, d);
  const rounded = floatPath ? undefined : new Map<Rational, number>();
  const total = partition.cells.length;
  return partition.cells.map((cell, index) => {
    tick?.(index, total);
    if (floatPath && cell.knownCell !== undefined)
      return knownCellGeometry(
        cell,
        cell.knownCell,
        index,
        d,
        labels,
        domainFacets,
        ids,
        shared!,
        store,
      );
    const field = `cells[${index}]`;
    const P = cell.polytope;
    if (P === undefined || P === null || typeof P.ambientDimension !== 'number')
      throw new PartitionInputError(
        'BAD_CELL',
        'cell has no polytope',
        `${field}.polytope`,
        'give every cell a Polytope',
      );
    checkCellDimension(P.ambientDimension, d, index);
    checkCellLabel(cell, index, labels);
    if (!guarded(field, `cell ${index}`, () => P.isBounded()))
      throw new PartitionInputError(
        'CELL_UNBOUNDED',
        `cell ${index} ("${cell.label}") is unbounded`,
        `${field}.polytope`,
        'intersect every cell with the bounded domain X',
      );
    const dim = guarded(field, `cell ${index}`, () => P.dimension());
    if (dim !== d)
      throw new PartitionInputError(
        'CELL_DEGENERATE',
        `cell ${index} ("${cell.label}") has dimension ${dim}, not ${d}`,
        `${field}.polytope`,
        'drop cells of zero volume; cells must be full-dimensional (SPEC §2)',
      );
    checkDataCount(cell, index);
    const facets = guarded(field, `cell ${index}`, () => facetInfos(P, shared));
    const geometry = new CellGeom(
      index,
      cell.label,
      cell,
      cell.dataCount,
      facets,
      undefined,
      store,
    );
    let nv: number;
    if (floatPath) {
      nv = floatCellGeometry(geometry, d, domainFacets, ids);
    } else {
      const vertices = geometry.vertices;
      nv = vertices.length;
      const verticesF = vertices.map((v) => roundedVertex(v, rounded!));
      geometry.verticesF = verticesF;
      geometry.floatPoints = verticesF;
      geometry.floatError = roundedVerticesError(verticesF);
      for (let t = 0; t < vertices.length; t++) {
        const tp = new TestPoint(vertices[t]!, verticesF[t]!);
        for (const f of domainFacets)
          if (filteredSign(f, tp) > 0)
            throw new PartitionInputError(
              'CELL_OUTSIDE_DOMAIN',
              `cell ${index} ("${cell.label}") has vertex (${vertices[t]!.join(', ')}) outside the domain`,
              `${field}.polytope`,
              'intersect every cell with the domain X',
            );
      }
      const box = floatBox(verticesF, d);
      geometry.lo = box.lo;
      geometry.hi = box.hi;
    }
    // 2-D: shoelace on integers (fast on long coordinates); otherwise exact-polytope's measures.
    // Volume and centroid are computed on first use: with long coordinates (real MLPs) the exact
    // centroid is costly, and the complex, shared faces and angles do not need it
    if (d === 2)
      geometry.order = cyclicOrder(
        nv,
        facets.map((f) => f.vertices),
      );
    return geometry;
  });
}

/**
 * Float path: hyperplane ids of the facets, float vertices with their bounds, the box, and the
 * check that every vertex lies in X (filtered signs, exact for an uncertified one); returns the
 * number of vertices.
 */
function floatCellGeometry(
  geometry: CellGeom,
  d: number,
  domainFacets: readonly FacetInfo[],
  ids: HyperplaneIds,
): number {
  const facets = geometry.facets;
  // (facets on one shared row share its id and float row: made by ids.of for the first of them)
  for (let f = 0; f < facets.length; f++) {
    const F = facets[f]!;
    if (F.hid === undefined) ids.of(F);
  }
  // every vertex of a bounded full-dimensional polytope lies on a facet
  let nv = 0;
  for (let f = 0; f < facets.length; f++) {
    const F = facets[f]!;
    const n = facetVertexCount(F);
    for (let i = 0; i < n; i++) {
      const v = facetVertexAt(F, i);
      if (v >= nv) nv = v + 1;
    }
  }
  const fv = floatVertices(geometry, nv, d, ids);
  geometry.float = fv;
  const xf = fv.xf;
  let floatError = 0;
  // the box in module scratch, then as lists of d doubles (made once, no element kind change)
  if (loScratch.length < d) {
    loScratch = new Float64Array(d);
    hiScratch = new Float64Array(d);
  }
  const lo = loScratch.fill(Infinity, 0, d);
  const hi = hiScratch.fill(-Infinity, 0, d);
  for (let t = 0; t < nv; t++) {
    const r = fv.radius[t]!;
    if (r > floatError) floatError = r;
    for (let k = 0; k < d; k++) {
      const x = xf[d * t + k]!;
      if (x - r < lo[k]!) lo[k] = x - r;
      if (x + r > hi[k]!) hi[k] = x + r;
    }
    const nt = fv.tightCount(t);
    for (const G of domainFacets) {
      // on G's hyperplane when one of its tight facets is (identity of hyperplane ids)
      let on = false;
      for (let i = 0; i < nt; i++) if (facets[fv.tightAt(t, i)]!.hid === G.hid) on = true;
      if (on) continue;
      const s = floatSign(G, xf, r, d * t) ?? exactSign(G, exactVertex(geometry, t));
      if (s > 0)
        throw new PartitionInputError(
          'CELL_OUTSIDE_DOMAIN',
          `cell ${geometry.index} ("${geometry.label}") has vertex (${geometry.vertices[t]!.join(', ')}) outside the domain`,
          `cells[${geometry.index}].polytope`,
          'intersect every cell with the domain X',
        );
    }
  }
  for (let k = 0; k < d; k++) {
    const m = 1e-9 * Math.max(1, Math.abs(lo[k]!), Math.abs(hi[k]!));
    lo[k] = lo[k]! - m;
    hi[k] = hi[k]! + m;
  }
  geometry.floatError = floatError;
  geometry.lo = doubles(lo, d);
  geometry.hi = doubles(hi, d);
  return nv;
}

/** Scratch of {@link floatCellGeometry}: the box. */
let loScratch = new Float64Array(3);
let hiScratch = new Float64Array(3);

/** The first d entries of a typed array as a list of doubles (literals for d = 2, 3). */
function doubles(a: Float64Array, d: number): number[] {
  if (d === 2) return [a[0]!, a[1]!];
  if (d === 3) return [a[0]!, a[1]!, a[2]!];
  return Array.from(a.subarray(0, d));
}

/** The cell lives in the domain's R^d (both readers of a cell: Polytope and known-cell view). */
function checkCellDimension(dimension: number, d: number, index: number): void {
  if (dimension !== d)
    throw new PartitionInputError(
      'DIMENSION_MISMATCH',
      `cell lives in R^${dimension} but the domain in R^${d}`,
      `cells[${index}].polytope`,
      'build every cell in the ambient space of the domain',
    );
}

/** A string label not seen before (SPEC §2), then recorded. */
function checkCellLabel(
  cell: PartitionLike['cells'][number],
  index: number,
  labels: Set<string>,
): void {
  if (typeof cell.label !== 'string')
    throw new PartitionInputError(
      'BAD_LABEL',
      'cell label must be a string',
      `cells[${index}].label`,
      'label cells by SPEC §2 strings',
    );
  if (labels.has(cell.label))
    throw new PartitionInputError(
      'LABEL_DUPLICATE',
      `label "${cell.label}" occurs twice`,
      `cells[${index}].label`,
      'give every cell a distinct label',
    );
  labels.add(cell.label);
}

/** An optional data count is a non-negative integer. */
function checkDataCount(cell: PartitionLike['cells'][number], index: number): void {
  if (cell.dataCount !== undefined && !(Number.isInteger(cell.dataCount) && cell.dataCount >= 0))
    throw new PartitionInputError(
      'BAD_DATA_COUNT',
      `dataCount ${cell.dataCount} is not a non-negative integer`,
      `cells[${index}].dataCount`,
      'count the data points in the cell',
    );
}

/**
 * Float path, a partition cell with a `KnownCell` (s11-cellview): the cell read from its facet
 * rows, incidence and vertex order without its Polytope (made only if an exact fallback or a
 * reader asks for it). Bounded and full-dimensional by the known cell's contract (its vertices
 * and tight sets come from the enumeration); the label, data count, dimension and X checks as for
 * any cell.
 */
function knownCellGeometry(
  cell: PartitionLike['cells'][number],
  known: KnownCell,
  index: number,
  d: number,
  labels: Set<string>,
  domainFacets: readonly FacetInfo[],
  ids: HyperplaneIds,
  shared: Map<readonly bigint[], FacetRow>,
  store: MeasureStore,
): CellGeom {
  // (the field's name made only for an error)
  checkCellDimension(known.dimension, d, index);
  checkCellLabel(cell, index, labels);
  checkDataCount(cell, index);
  // the facets' vertex lists made from the cell's flat incidence (s14-inc: the KnownCell keeps
  // no list per facet)
  const facets = knownFacetInfos(
    known.facetRows,
    undefined,
    shared,
    known.incidenceBlock,
    known.incidenceAt,
  );
  const geometry = new CellGeom(index, cell.label, cell, cell.dataCount, facets, known, store);
  const nv = floatCellGeometry(geometry, d, domainFacets, ids);
  // (from the flat incidence: no facet's vertex list made)
  if (d === 2)
    geometry.order = cyclicOrderFlat(nv, known.incidenceBlock, known.incidenceAt, facets.length);
  return geometry;
}

/**
 * Exact path: a vertex rounded to float64 (each coordinate correctly rounded, Rational toNumber),
 * each coordinate Rational object once (`seen`: one map per readCells call): the cells of a
 * partition of known vertices share their vertices' Rationals (exact-polytope
 * vertex-rationals.ts), so the ≈ 2–3 cells at a vertex round it once.
 */
function roundedVertex(v: readonly Rational[], seen: Map<Rational, number>): number[] {
  const out = new Array<number>(v.length);
  for (let k = 0; k < v.length; k++) {
    const x = v[k]!;
    let f = seen.get(x);
    if (f === undefined) {
      f = x.toNumber();
      seen.set(x, f);
    }
    out[k] = f;
  }
  return out;
}

/** Unit roundoff of float64. */
const UNIT = 2 ** -53;

/**
 * The bound on every coordinate's error of the cell's vertices in float64 for the float measures:
 * the exact vertices (read anyway) rounded, |x̂ − x| ≤ u·|x̂|·(1 + u) ≤ 2u·max|x̂|. A partition's own
 * `floatVertices` carry a bound at least as large (issue 11: using them made 470 of the 2→32→32→1
 * net's float measures fall back to exact ones; the rounded vertices leave 4), so they are not used
 * while the exact vertices are at hand.
 */
function roundedVerticesError(rounded: number[][]): number {
  let max = 0;
  for (const p of rounded) for (const x of p) max = Math.max(max, Math.abs(x));
  return 2 * UNIT * max;
}

/** A hyperplane a·x + b = 0 made by `new`, so born young (docs/contributing.md, "Objects a run keeps"). */
class Hyperplane {
  constructor(
    public a: bigint[],
    public b: bigint,
  ) {}
}

/** The hyperplane a·x + b = 0 of a facet row's integers (a, b) (a new object on each call). */
export function rowHyperplane(ints: readonly bigint[]): { a: bigint[]; b: bigint } {
  return new Hyperplane(ints.slice(0, -1), ints[ints.length - 1]!);
}

/** Facet f's vertices (indices into the cell's vertices) in cyclic order, from the incidence. */
export function facetCycleIndices(cell: CellGeometry, f: number): number[] | null {
  const Vf = cell.facets[f]!.vertices;
  if (Vf.length < 3) return null;
  const local = new Map(Vf.map((v, i) => [v, i]));
  const edges: number[][] = [];
  cell.facets.forEach((G, g) => {
    if (g === f) return;
    const common = G.vertices.filter((v) => local.has(v));
    if (common.length >= 2)
      edges.push([local.get(common[0]!)!, local.get(common[common.length - 1]!)!]);
  });
  const cyc = cyclicOrder(Vf.length, edges);
  return cyc && cyc.map((i) => Vf[i]!);
}

/**
 * Float volume and centroid of a cell with error bounds (float-values.ts), from its float vertices
 * and its (exact, combinatorial) incidence: 2-D shoelace, 3-D tetrahedra from a vertex to fans of
 * the facet polygons. Other dimensions (or an incidence that is not a cycle): exact-polytope's
 * certified float measures (within FLOAT_MEASURE_TOLERANCE relative, SPEC §1). Measures that
 * certify as they are computed are written into the store (values from `at`, {@link MeasureStore}
 * layout) and undefined is returned; the other tiers return their objects.
 */
function floatCellMeasures(
  cell: CellGeometry,
  order: number[] | null,
  values: Float64Array | undefined,
  at: number,
): { volume: FloatValue; centroid: FloatVector } | undefined {
  // SPEC §1: certified to FLOAT_MEASURE_TOLERANCE (a centroid coordinate near 0: to
  // FLOAT_CENTROID_SCALE_TOLERANCE of its scale max |v_k|), else the exact measure rounded
  const d = floatDimension(cell);
  const scale = scaleScratch;
  for (let k = 0; k < d; k++) scale[k] = 0;
  if (cell.float) {
    const xf = cell.float.xf;
    for (let t = 0; t < xf.length; t++) {
      const k = t % d;
      if (Math.abs(xf[t]!) > scale[k]!) scale[k] = Math.abs(xf[t]!);
    }
  } else
    for (const p of cell.floatPoints)
      for (let k = 0; k < d; k++) if (Math.abs(p[k]!) > scale[k]!) scale[k] = Math.abs(p[k]!);
  // the float path's measures from the solved vertices when they certify as they are: the values
  // of the tiers below (no fallback closures, no intermediate balls, no objects)
  if (cell.float !== undefined && values !== undefined) {
    if (d === 2 && order !== null && certifiedMeasures2(cell, order, scale, values, at))
      return undefined;
    if (d === 3 && certifiedMeasures3(cell, scale, values, at)) return undefined;
  }
  return looseCellMeasures(cell, order, scale.slice(0, d));
}

/** Scratch of the cells' coordinate scales (a fresh copy for the rare uncertified cells). */
const scaleScratch: number[] = [0, 0, 0];
/** Scratch centroids for float-values.ts isCertifiedVector (d = 2, 3). */
const centroid2: FloatVector = { value: [0.5, 0.5], error: [0.5, 0.5] };
const centroid3: FloatVector = { value: [0.5, 0.5, 0.5], error: [0.5, 0.5, 0.5] };

/**
 * The volume (v, radius vr) and the centroid in `c` (value, radius) as toValue makes them
 * certify (float-values.ts isCertified, isCertifiedVector): then written into the store.
 */
function storeIfCertified(
  v: number,
  vr: number,
  c: FloatVector,
  scale: readonly number[],
  values: Float64Array,
  at: number,
): boolean {
  const error = vr * SAFE;
  const d = c.value.length;
  for (let k = 0; k < d; k++) c.error[k] = c.error[k]! * SAFE;
  if (!(isCertified(v, error) && isCertifiedVector(c, scale))) return false;
  values[at] = v;
  values[at + 1] = error;
  for (let k = 0; k < d; k++) {
    values[at + 2 + k] = c.value[k]!;
    values[at + 2 + d + k] = c.error[k]!;
  }
  return true;
}

/**
 * 2-D float path: the measures from the solved vertices (float-values.ts polygonAreaCentroid2F)
 * into the store when they certify as they are.
 */
function certifiedMeasures2(
  cell: CellGeometry,
  order: number[],
  scale: readonly number[],
  values: Float64Array,
  at: number,
): boolean {
  // (the solved vertices read in place: no point list per vertex)
  const o = measures2;
  polygonAreaCentroid2Into(cell.float!.xf, cell.float!.radius, order, o);
  if (!(o[1]! < o[0]! && o[3]! < 1e300 && o[5]! < 1e300)) return false;
  const c = centroid2;
  c.value[0] = o[2]!;
  c.value[1] = o[4]!;
  c.error[0] = o[3]!;
  c.error[1] = o[5]!;
  return storeIfCertified(o[0]!, o[1]!, c, scale, values, at);
}

/** Scratch of {@link certifiedMeasures2}: area, centroid and their radii (float-values.ts). */
const measures2 = new Float64Array(6);

/** Scratch of {@link certifiedMeasures3}: volume, centroid and their radii (cos3.ts). */
const measures3 = new Float64Array(8);

/**
 * 3-D float path: the measures from the solved vertices (cos3.ts volumeCentroid3Into on the facet
 * cycles) into the store when they certify as they are.
 */
function certifiedMeasures3(
  cell: CellGeometry,
  scale: readonly number[],
  values: Float64Array,
  at: number,
): boolean {
  const fv = cell.float!;
  const cycles = facetCycles(cell);
  for (let f = 0; f < cycles.length; f++) if (cycles[f] === null) return false;
  const o = measures3;
  volumeCentroid3Into(fv.xf, fv.radius, cycles as number[][], o);
  if (!(o[1]! < o[0]! && o[3]! < 1e300 && o[5]! < 1e300 && o[7]! < 1e300)) return false;
  const c = centroid3;
  for (let k = 0; k < 3; k++) {
    c.value[k] = o[2 + 2 * k]!;
    c.error[k] = o[3 + 2 * k]!;
  }
  return storeIfCertified(o[0]!, o[1]!, c, scale, values, at);
}

/**
 * The measures of a cell whose float measures from its solved vertices do not certify (or that is
 * off the float path): the refined 3-D tier, then the exact values rounded.
 */
function looseCellMeasures(
  cell: CellGeometry,
  order: number[] | null,
  scale: number[],
): { volume: FloatValue; centroid: FloatVector } {
  const d = scale.length;
  // 3-D float path: from the rounded exact vertices first (float3d.ts)
  const raw = refineIfLoose(cell, uncertifiedCellMeasures(cell, order), scale);
  // 2-D float path: the exact measures rounded from the integer shoelace sums of the exact
  // vertices (one per vertex, no Rationals or gcds; the same correctly rounded values)
  const rounded2d = (): { area: number; centroid: number[] } => roundedMeasures2(cell)!;
  const fast = d === 2 && order !== null && cell.float !== undefined;
  return new CellMeasures(
    // the exact values correctly rounded (Rational toNumber, fractionToDouble): rounding bounds
    certifyFloat(raw.volume, () => (fast ? rounded2d().area : cell.volume.toNumber()), true),
    certifyFloatVector(
      raw.centroid,
      scale,
      () => (fast ? rounded2d().centroid : cell.centroid.map((c) => c.toNumber())),
      true,
    ),
  );
}

/** The dimension of the cell's float vertices (0 without vertices). */
function floatDimension(cell: CellGeometry): number {
  const fv = cell.float;
  if (fv) return fv.count > 0 ? fv.d : 0;
  return cell.floatPoints.length > 0 ? cell.floatPoints[0]!.length : 0;
}

/**
 * 2-D float path: the cell's exact area and centroid correctly rounded (integer shoelace sums of
 * its exact vertices, one per vertex, no Rationals or gcds; `cell-measures.ts`
 * roundedPolygonMeasures), cached per cell: within u·|x̂| of the exact values (roundingError of
 * float-values.ts bounds them). Undefined for cells off that path.
 */
export function roundedMeasures2(
  cell: CellGeometry,
): { area: number; centroid: number[] } | undefined {
  const order = (cell as CellGeom).order;
  if (!order || cell.float === undefined || floatDimension(cell) !== 2) return undefined;
  let m = (cell as CellGeom).roundedMeasures;
  if (m === undefined) {
    m = roundedPolygonMeasures(order.map((v) => exactVertex(cell, v))) ?? {
      // zero area (not a cell of a valid partition): the exact path decides
      area: cell.volume.toNumber(),
      centroid: cell.centroid.map((c) => c.toNumber()),
    };
    (cell as CellGeom).roundedMeasures = m;
  }
  return m;
}

function uncertifiedCellMeasures(
  cell: CellGeometry,
  order: number[] | null,
): { volume: FloatValue; centroid: FloatVector } {
  const d = floatDimension(cell);
  let result: { volume: Ball; centroid: Ball[] } | undefined;
  if (d === 2 && order) {
    const radii = cell.float
      ? cell.float.radius
      : new Float64Array(cell.floatPoints.length).fill(cell.floatError);
    const m = polygonAreaCentroid2F(cell.floatPoints, radii, order);
    result = { volume: m.area, centroid: m.centroid };
  } else if (d === 3) {
    const radii = cell.float
      ? cell.float.radius
      : new Float64Array(cell.floatPoints.length).fill(cell.floatError);
    const cycles = facetCycles(cell); // facetCycleIndices of every facet, once per cell
    // polytopeVolumeCentroid3 on scalars (cos3.ts, bit for bit)
    if (cycles.every((c) => c !== null))
      result = volumeCentroid3(
        cell.float ? cell.float.xf : cell.floatPoints.flat(),
        radii,
        cycles as number[][],
      );
  }
  if (result && result.volume.r < result.volume.v && result.centroid.every((c) => c.r < 1e300)) {
    const centroid = result.centroid.map(toValue);
    return new CellMeasures(
      toValue(result.volume),
      new FloatPoint(
        centroid.map((c) => c.value),
        centroid.map((c) => c.error),
      ),
    );
  }
  // certified float measures of exact-polytope (exact vertices, float arithmetic)
  const volume = cell.polytope.volume({ measures: 'float' });
  const centroid = cell.polytope.centroid({ measures: 'float' });
  const scaleOf = (k: number) => cell.floatPoints.reduce((m, p) => Math.max(m, Math.abs(p[k]!)), 0);
  return new CellMeasures(
    new FloatNumber(volume, FLOAT_MEASURE_TOLERANCE * Math.abs(volume)),
    new FloatPoint(
      centroid,
      centroid.map((c, k) =>
        Math.max(
          FLOAT_MEASURE_TOLERANCE * Math.abs(c),
          FLOAT_CENTROID_SCALE_TOLERANCE * scaleOf(k),
        ),
      ),
    ),
  );
}

/** a·x for exact vectors. */
export function dotR(a: readonly Rational[], x: readonly Rational[]): Rational {
  let s = Rational.ZERO;
  for (let k = 0; k < a.length; k++) s = s.add(a[k]!.mul(x[k]!));
  return s;
}

/** λ·(a·x − b) · den for the primitive integer row ints = λ·(a, b), λ > 0: an integer. */
export function scaledResidual(F: FacetInfo, p: IntegerPoint): bigint {
  return affineNumerator(F.ints, -F.ints[p.num.length]!, p);
}

/** Exact sign of a·x − b. */
export function exactSign(F: FacetInfo, p: IntegerPoint): number {
  const s = scaledResidual(F, p);
  return s > 0n ? 1 : s < 0n ? -1 : 0;
}

/**
 * A point with lazily computed rational, float and integer forms, for repeated sign tests. Built
 * from rationals (`new TestPoint(p)`) or from integers over a common denominator
 * (`TestPoint.fromInt`); the float form is the correctly rounded value either way.
 */
export class TestPoint {
  private pr: Rational[] | undefined;
  private fr: number[] | undefined;
  private ip: IntegerPoint | undefined;
  private safe: boolean | undefined;
  constructor(p?: Rational[], f?: number[]) {
    this.pr = p;
    this.fr = f;
  }
  /** The point X / den (den > 0). */
  static fromInt(ip: IntegerPoint): TestPoint {
    const t = new TestPoint();
    t.ip = ip;
    return t;
  }
  get p(): Rational[] {
    if (this.pr === undefined) {
      const { num, den } = this.ip!;
      this.pr = num.map((x) => Rational.of(x, den));
    }
    return this.pr;
  }
  get f(): number[] {
    if (this.fr === undefined) {
      if (this.pr === undefined) {
        const { num, den } = this.ip!;
        this.fr = num.map((x) => fractionToDouble(x, den));
      } else this.fr = this.pr.map((x) => x.toNumber());
    }
    return this.fr;
  }
  get int(): IntegerPoint {
    return (this.ip ??= toIntegerPoint(this.p));
  }
  /** The float form qualifies as filter operands (exact-arith `isFilterOperand`). */
  get filterable(): boolean {
    if (this.safe === undefined) {
      const f = this.f;
      let safe = true;
      for (let k = 0; k < f.length && safe; k++)
        safe = isFilterOperand(f[k]!, this.pr ? this.pr[k]!.isZero() : this.ip!.num[k] === 0n);
      this.safe = safe;
    }
    return this.safe;
  }
}

/**
 * Filtered sign of a·x − b (SPEC §1 float fast path): the predicate kernel's float sign with its
 * proven bound (exact-arith error-bound.ts, d + 1 terms), otherwise the exact integer sign.
 */
export function filteredSign(F: FacetInfo, x: TestPoint): number {
  if (F.floatSafe && x.filterable) {
    const s = approxAffineSign(F.aF, -F.bF, x.f);
    if (s !== undefined) return s;
  }
  return exactSign(F, x.int);
}

/** Indices of the facets of `cell` that are tight at x; null when x is outside the cell. */
export function tightFacets(cell: CellGeometry, x: TestPoint): number[] | null {
  const tight: number[] = [];
  for (let f = 0; f < cell.facets.length; f++) {
    const c = filteredSign(cell.facets[f]!, x);
    if (c > 0) return null;
    if (c === 0) tight.push(f);
  }
  return tight;
}
