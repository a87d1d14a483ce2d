/**
 * Faces shared by facet-adjacent cells (SPEC §3, §4). Two cells with disjoint interiors whose
 * closures meet in a (d−1)-dimensional set meet on a common hyperplane on which each has a facet,
 * with opposite orientations. So candidates come from hashing facet hyperplanes (exact), pruned
 * by facet bounding boxes inside each hyperplane group; each candidate is then decided exactly.
 * A facet may touch several neighbours (trees, MLPs: not face-to-face).
 */
import { wholeFacetPairs } from './edge-stars3d.js';
import type { Tick } from './types.js';
import {
  type IntegerPoint,
  Rational,
  type SqrtRational,
  fractionToDouble,
  sqrtInteger,
  lazyProperty,
} from '@mlgeo/exact-arith';
import {
  type CellGeometry,
  type FacetInfo,
  TestPoint,
  dotR,
  facetVertexAt,
  facetVertexCount,
  filteredSign,
  floatBox,
  rowHyperplane,
} from './cells.js';
import { type Box, boxOf, overlappingPairs } from './spatial.js';
import {
  clipPointsByCell,
  facetPolygonPoints,
  orderPolygon,
  planarPolygonArea,
} from './convex-clip.js';
import { FLOAT_MEASURE_TOLERANCE, knownExactVertex } from '@mlgeo/exact-polytope';
import {
  type FloatValue,
  certifyFloat,
  certifyFloatOr,
  distanceF,
  distanceValueInto,
  isCertified,
  pointBalls,
  polygonArea3,
  toValue,
  FloatNumber,
} from './float-values.js';
import { exactMeasure } from './lazy.js';
import { type FloatVertices, HyperplaneIds, type PointIndex, facetRowF } from './float-points.js';
import { sharedPolygonF, wholeFacetFaces } from './float3d.js';
import type { SharedFace } from './types.js';
import { doubled } from './typed-growth.js';

/** A shared face whose exact and float volumes are computed on first read. */
export function lazyFace(
  face:
    | Omit<SharedFace, 'volume' | 'floatVolume'>
    | Readonly<Omit<SharedFace, 'volume' | 'floatVolume'>>,
  exact: () => SqrtRational,
  float: () => FloatValue,
): SharedFace {
  const withExact = lazyProperty(face, 'volume', exactMeasure(exact));
  // SPEC §1: the float volume certified to FLOAT_MEASURE_TOLERANCE, else the exact one rounded
  return lazyProperty(withExact, 'floatVolume', () =>
    certifyFloat(float(), () => withExact.volume.toNumber()),
  );
}

/** Error bound of correctly rounded coordinates of points (2u·max|x̂|). */
export function roundingError(points: readonly (readonly number[])[]): number {
  let max = 0;
  for (const p of points) for (const x of p) max = Math.max(max, Math.abs(x));
  return 2 ** -52 * max;
}

/**
 * A facet in its hyperplane's group. The records below are made by `new`, so born young
 * (docs/contributing.md, "Objects a run keeps").
 */
class FacetRef {
  span: SegmentSpan | undefined = undefined;
  /** Float path (2-D): the facet's row of a {@link FloatSpans}. */
  spanF: number | undefined = undefined;
  constructor(
    readonly cell: number,
    readonly facet: number,
    readonly box: Box,
  ) {}
}

/** The facets of one hyperplane, by side. */
class HyperplaneGroup {
  readonly plus: FacetRef[] = [];
  readonly minus: FacetRef[] = [];
}

/** 2-D: a facet segment as an interval of t = x·D on its line, D = (−a_2, a_1) canonical. */
class SegmentSpan {
  constructor(
    readonly lo: SpanEnd,
    readonly hi: SpanEnd,
  ) {}
}

/**
 * Float path (2-D): the shared segments' data as flat arrays (struct of arrays, issue 11): per
 * segment its ends (points of the index) and the facets whose direction D gives their t exactly,
 * its float length once read (value, bound) and its exact length once read. The faces are small
 * views of it, so a complex keeps no end objects, boxed numbers or value objects per face.
 */
export class SegmentStore {
  /** Per segment s: the ends lo, hi as points of the index (typed: off the JS heap). */
  lo: Int32Array = new Int32Array(256);
  hi: Int32Array = new Int32Array(256);
  /**
   * Per segment s: the row of C_i's facet (hyperplane, |a|²) at 3s, the rows whose facets give
   * the ends' t at 3s + 1, 3s + 2 (rows of `spans`).
   */
  private rows: Int32Array = new Int32Array(3 * 256);
  /** Per segment s: the float length and its bound, once read (`done[s]` = 1). */
  private value: Float64Array = new Float64Array(256);
  private error: Float64Array = new Float64Array(256);
  private done: Uint8Array = new Uint8Array(256);
  private readonly exactLength: (SqrtRational | undefined)[] = [];
  private count = 0;
  constructor(
    readonly pts: PointIndex,
    private readonly spans: FloatSpans,
    /** The expected number of segments (room made for it at once; grown beyond). */
    capacity = 256,
  ) {
    if (capacity > 256) {
      this.lo = new Int32Array(capacity);
      this.hi = new Int32Array(capacity);
      this.rows = new Int32Array(3 * capacity);
      this.value = new Float64Array(capacity);
      this.error = new Float64Array(capacity);
      this.done = new Uint8Array(capacity);
    }
  }
  /**
   * A segment on C_i's facet (row `row` of `spans`) from point lo to point hi, their t read on
   * the facets of rows loRow, hiRow.
   */
  add(row: number, lo: number, loRow: number, hi: number, hiRow: number): number {
    const s = this.count++;
    if (s === this.lo.length) {
      this.lo = doubled(this.lo);
      this.hi = doubled(this.hi);
      this.rows = doubled(this.rows);
      this.value = doubled(this.value);
      this.error = doubled(this.error);
      this.done = doubled(this.done);
    }
    this.lo[s] = lo;
    this.hi[s] = hi;
    this.rows[3 * s] = row;
    this.rows[3 * s + 1] = loRow;
    this.rows[3 * s + 2] = hiRow;
    return s;
  }
  /** C_i's facet of segment s (j = 0), the facets of its ends' t (j = 1, 2). */
  facet(s: number, j: 0 | 1 | 2): FacetInfo {
    return this.spans.facetOf(this.rows[3 * s + j]!);
  }
  /** t of an end exactly. */
  private t(s: number, end: 1 | 2): TFraction {
    return tOfFacet(this.pts, end === 1 ? this.lo[s]! : this.hi[s]!, this.facet(s, end));
  }
  volume(s: number): SqrtRational {
    // |hi − lo| = Δt / |D| = (Δt / |D|²)·√|D|², |D|² = |a|²
    return (this.exactLength[s] ??= exactSegmentLengthT(
      this.facet(s, 0).norm2,
      this.t(s, 1),
      this.t(s, 2),
    ));
  }
  floatVolume(s: number): FloatValue {
    if (this.done[s] === 0) this.measure(s);
    return new FloatNumber(this.value[s]!, this.error[s]!);
  }
  /** The float length of segment s and its bound (certified, SPEC §1) into value, error. */
  private measure(s: number): void {
    const { pts } = this;
    distanceValueInto(pts.xf, pts.r, this.lo[s]!, this.hi[s]!, 2, lengthOut);
    const value = lengthOut[0]!;
    const error = lengthOut[1]!;
    if (isCertified(value, error)) {
      this.value[s] = value;
      this.error[s] = error;
    } else {
      // SPEC §1 fallback: Δt / |D| from the exact Δt, not the r·√q length (no square extraction
      // of |a|²): Δt and |a|² correctly rounded, a square root and a division, each within u
      // relative: ≤ 3.5u + O(u²) < 4u in all (the tier's bound, so that M_1 = area / ℓ certifies
      // after it). Off the normal range: the exact length.
      const v = certifyFloatOr({ value, error }, () => {
        const a = this.t(s, 1);
        const b = this.t(s, 2);
        const dt = fractionToDouble(b.num * a.den - a.num * b.den, a.den * b.den);
        // |a|² only here (a lazy bigint of the facet: not made for a face that certifies)
        const v = Math.abs(dt) / Math.sqrt(Number(this.facet(s, 0).norm2));
        if (v > 2 ** -1000 && v < 2 ** 1000) return { value: v, error: 2 ** -51 * v };
        const x = this.volume(s).toNumber();
        return { value: x, error: FLOAT_MEASURE_TOLERANCE * Math.abs(x) };
      });
      this.value[s] = v.value;
      this.error[s] = v.error;
    }
    this.done[s] = 1;
  }
}

/** Scratch of {@link SegmentStore}'s float lengths: value, bound. */
const lengthOut = new Float64Array(2);

/**
 * Float path (2-D): a shared segment whose ends are points of the PointIndex, a view of its
 * {@link SegmentStore} entry: its exact vertices and exact length are computed on first read,
 * its float length (certified, SPEC §1) likewise; `hyperplane`, `ends` and `vertices` are made
 * on each read. It is also I(e) of its edge (dimension 1).
 */
export class FloatSegmentFace implements SharedFace {
  /** The float length as an object, made on first read and kept (the store holds its numbers). */
  private value: FloatValue | undefined = undefined;
  constructor(
    readonly i: number,
    readonly j: number,
    private readonly store: SegmentStore,
    private readonly s: number,
  ) {}
  /** As I(e) of its edge (simplices.ts faceIntersection: the face is its own I(e)). */
  get dimension(): number {
    return 1;
  }
  get hyperplane(): { a: bigint[]; b: bigint } {
    return rowHyperplane(this.store.facet(this.s, 0).ints);
  }
  /** The ends (lo, hi) as points of the index. */
  get ends(): number[] {
    return [this.store.lo[this.s]!, this.store.hi[this.s]!];
  }
  get vertices(): Rational[][] {
    const { pts, lo, hi } = this.store;
    return [pts.exact(lo[this.s]!), pts.exact(hi[this.s]!)];
  }
  get volume(): SqrtRational {
    return this.store.volume(this.s);
  }
  get floatVolume(): FloatValue {
    return (this.value ??= this.store.floatVolume(this.s));
  }
}

/** t = x·D of point k of the index exactly, D = (−a_2, a_1) of F's canonical row. */
function tOfFacet(pts: PointIndex, k: number, F: FacetInfo): TFraction {
  return tOfIntegerPoint(pts.exactInt(k), F.ints, F.side);
}

/** t = x·D of an end as an integer fraction num/den, den > 0 (no gcd; made by `new`, see FacetRef). */
class TFraction {
  constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}
}

/**
 * |hi − lo| = Δt / |D| = (Δt / |D|²)·√|D|², |D|² = |a|² = n2, from the ends' t as integer
 * fractions: one reduction (Rational.of) instead of one per addition and product. With
 * Δt = num/den, den·(hi − lo) is an integer vector parallel to D, so μ·D when D is primitive and
 * num = μ·|D|²: n2 is divided out first when it divides num, and the gcd is taken of the shorter
 * μ and den (in the 2→64→64→64→1 complex n2 has ≈ 120 of num's ≈ 280 bits).
 */
function segmentLength(n2: bigint, lo: TFraction, hi: TFraction): SqrtRational {
  const num = lo.den === hi.den ? hi.num - lo.num : hi.num * lo.den - lo.num * hi.den;
  const den = lo.den === hi.den ? lo.den : lo.den * hi.den;
  const mu = num / n2;
  return sqrtInteger(n2).mul(mu * n2 === num ? Rational.of(mu, den) : Rational.of(num, den * n2));
}

/**
 * t = x·D for x = X/den (an integer point, den > 0): (X_0·D_0 + X_1·D_1)/den, with D = side·(−a_2,
 * a_1) for the facet's ints a (the canonical row is side·a) written out so no negated BigInt is made.
 */
function tOfIntegerPoint(p: IntegerPoint, a: readonly bigint[], side: number): TFraction {
  const x = p.num[0]! * a[1]!;
  const y = p.num[1]! * a[0]!;
  return new TFraction(side === 1 ? y - x : x - y, p.den);
}

/**
 * t = x·D for rational coordinates (a common denominator when they share one); D = side·(−a_2, a_1)
 * as in {@link tOfIntegerPoint}.
 */
function tOfRationals(p: readonly Rational[], a: readonly bigint[], side: number): TFraction {
  const x = p[0]!;
  const y = p[1]!;
  const same = x.den === y.den;
  const u = same ? x.num * a[1]! : x.num * a[1]! * y.den;
  const w = same ? y.num * a[0]! : y.num * a[0]! * x.den;
  return new TFraction(side === 1 ? w - u : u - w, same ? x.den : x.den * y.den);
}

/** Exact order of two t fractions (positive denominators). */
function compareTFractions(a: TFraction, b: TFraction): number {
  const l = a.den === b.den ? a.num : a.num * b.den;
  const r = a.den === b.den ? b.num : b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

/**
 * Float path (2-D): the facets' segments as intervals [lo, hi] of t = x·D on their lines, D =
 * (−a_2, a_1) of the canonical row, in flat arrays (issue 11: no end object per vertex): row r is
 * one facet, its ends 2r (lo) and 2r + 1 (hi) are points of the index with t in float64 within a
 * proven bound (exact on demand).
 */
class FloatSpans {
  /** Per end: the point, t in float64 and its bound. */
  private k: Int32Array;
  private tf: Float64Array;
  private te: Float64Array;
  /** Per row: the facet (D from its integers, when t is read exactly). */
  private readonly facets: FacetInfo[];
  private rows = 0;
  constructor(
    private readonly pts: PointIndex,
    capacity: number,
  ) {
    // room for one row more: its ends are the scratch of `add`
    this.k = new Int32Array(2 * capacity + 2);
    this.tf = new Float64Array(2 * capacity + 2);
    this.te = new Float64Array(2 * capacity + 2);
    this.facets = new Array<FacetInfo>(capacity + 1);
  }
  /** The facet of row r. */
  facetOf(r: number): FacetInfo {
    return this.facets[r]!;
  }
  /** Facet f of cell c as the next row (its number); its ends' t and bounds also into `spanOut`. */
  add(c: CellGeometry, f: number): number {
    const r = this.rows++;
    if (2 * r + 4 > this.k.length) {
      this.k = doubled(this.k);
      this.tf = doubled(this.tf);
      this.te = doubled(this.te);
    }
    const { pts, k: K, tf: TF, te: TE } = this;
    const F = c.facets[f]!;
    this.facets[r] = F;
    // each vertex as end x (the next row's first end, on F's line until that row is made)
    this.facets[r + 1] = F;
    const x = 2 * r + 2;
    // the canonical orientation: (a, b) times side; D = (−a_2, a_1) rounded — from the facet's
    // float row (Number of its integers; Number(−x) = −Number(x), and 0 − 0 = +0 as Number(0n))
    // without BigInt negations
    const row = facetRowF(F);
    let D0f: number;
    let D1f: number;
    if (row) {
      D0f = F.side === 1 ? 0 - row[1]! : row[1]!;
      D1f = F.side === 1 ? row[0]! : 0 - row[0]!;
    } else {
      D0f = Number(F.side === 1 ? -F.ints[1]! : F.ints[1]!);
      D1f = Number(F.side === 1 ? F.ints[0]! : -F.ints[0]!);
    }
    const SD = Math.abs(D0f) + Math.abs(D1f);
    const xf = pts.xf;
    const lo = 2 * r;
    const hi = lo + 1;
    const n = facetVertexCount(F);
    for (let i = 0; i < n; i++) {
      const k = pts.of(c.index, facetVertexAt(F, i));
      const rk = pts.r[k]!;
      // |x̂_k − x_k| ≤ r_k, D̂_k within u relative, two products and a sum
      const a = xf[2 * k]! * D0f;
      const b = xf[2 * k + 1]! * D1f;
      const te =
        (SD * rk + 4 * U * (Math.abs(a) + Math.abs(b) + SD * rk)) * (1 + 2 ** -40) + 1e-300;
      K[x] = k;
      TF[x] = a + b;
      TE[x] = Number.isFinite(te) ? te : Infinity;
      if (i === 0 || this.compare(x, lo) < 0) this.copy(x, lo);
      if (i === 0 || this.compare(x, hi) > 0) this.copy(x, hi);
    }
    spanOut[0] = TF[lo]!;
    spanOut[1] = TE[lo]!;
    spanOut[2] = TF[hi]!;
    spanOut[3] = TE[hi]!;
    return r;
  }
  private copy(from: number, to: number): void {
    this.k[to] = this.k[from]!;
    this.tf[to] = this.tf[from]!;
    this.te[to] = this.te[from]!;
  }
  /** Exact order of two ends: floats beyond both bounds, the same point, else exactly. */
  compare(x: number, y: number): number {
    const { tf, te } = this;
    const gap = (te[x]! + te[y]!) * (1 + 2 ** -40);
    if (tf[y]! - tf[x]! > gap) return -1;
    if (tf[x]! - tf[y]! > gap) return 1;
    if (this.k[x] === this.k[y]) return 0;
    return compareTFractions(this.tOf(x), this.tOf(y));
  }
  /** t of end x exactly. */
  private tOf(x: number): TFraction {
    return tOfFacet(this.pts, this.k[x]!, this.facets[x >> 1]!);
  }
  /** The overlap of rows a (C_i's facet) and b, collinear, as a segment of `store`, or null. */
  shared(
    ci: CellGeometry,
    a: number,
    cj: CellGeometry,
    b: number,
    store: SegmentStore,
  ): SharedFace | null {
    const lo = this.compare(2 * a, 2 * b) >= 0 ? 2 * a : 2 * b;
    const hi = this.compare(2 * a + 1, 2 * b + 1) <= 0 ? 2 * a + 1 : 2 * b + 1;
    if (this.compare(lo, hi) >= 0) return null;
    const s = store.add(a, this.k[lo]!, lo >> 1, this.k[hi]!, hi >> 1);
    return new FloatSegmentFace(ci.index, cj.index, store, s);
  }
}

/** Scratch of a span's ends for {@link sweepSegments}: lo t, its bound, hi t, its bound. */
const spanOut = new Float64Array(4);

/**
 * An end of a facet segment: its parameter t (exact on first read; `tf` its float value with the
 * bound `te`), the exact point and its float measure point.
 */
interface SpanEnd {
  /** t exactly, as an integer fraction (computed on first read). */
  readonly t: TFraction;
  tf: number;
  te: number;
  p: Rational[];
  f: number[];
  err: number;
}

const U = 2 ** -53;

/**
 * An end of an exact-path facet segment (see {@link SpanEnd}); t computed on first read, from the
 * point's integer form when the cell's polytope has one (known vertices: x = X/den, so t =
 * (X·D)/den, where the reduced coordinates' denominators would multiply), else its Rationals.
 */
class RationalEnd implements SpanEnd {
  private exactT: TFraction | undefined;
  constructor(
    readonly p: Rational[],
    readonly tf: number,
    readonly te: number,
    readonly f: number[],
    readonly err: number,
    private readonly ints: readonly bigint[],
    private readonly side: number,
    private readonly integer: IntegerPoint | undefined,
  ) {}
  get t(): TFraction {
    return (this.exactT ??= this.integer
      ? tOfIntegerPoint(this.integer, this.ints, this.side)
      : tOfRationals(this.p, this.ints, this.side));
  }
}

/** 2-D exact path: facet f's segment as [lo, hi] in t = x·D, D = (−a_2, a_1) of the canonical row. */
function segmentSpan(c: CellGeometry, f: number): SegmentSpan {
  const F = c.facets[f]!;
  // the canonical row is side·ints; D = side·(−a_2, a_1), negated as floats (exactly), not BigInts
  const a1f = Number(F.ints[1]!);
  const a0f = Number(F.ints[0]!);
  const D0f = F.side === 1 ? -a1f : a1f;
  const D1f = F.side === 1 ? a0f : -a0f;
  let lo: RationalEnd | undefined;
  let hi: RationalEnd | undefined;
  for (const v of F.vertices) {
    const x = c.verticesF[v]!;
    // x̂_k, D̂_k correctly rounded (relative error ≤ u each), two products and a sum: within 4u·Σ|·|
    const a = x[0]! * D0f;
    const b = x[1]! * D1f;
    const te = 4 * U * (Math.abs(a) + Math.abs(b)) * (1 + 2 ** -40) + 1e-300;
    const e = new RationalEnd(
      c.vertices[v]!,
      a + b,
      Number.isFinite(te) ? te : Infinity,
      c.floatPoints[v]!,
      c.floatError,
      F.ints,
      F.side,
      knownExactVertex(c.polytope, v),
    );
    if (lo === undefined || compareT(e, lo) < 0) lo = e;
    if (hi === undefined || compareT(e, hi) > 0) hi = e;
  }
  return new SegmentSpan(lo!, hi!);
}

/** Exact order of two parameters: by their floats when the gap exceeds both bounds, else exactly. */
function compareT(x: SpanEnd, y: SpanEnd): number {
  const gap = (x.te + y.te) * (1 + 2 ** -40);
  // fl(y − x) within u of y − x: fl(y − x) > gap·(1 + u) ⇒ y − x > gap
  if (y.tf - x.tf > gap) return -1;
  if (x.tf - y.tf > gap) return 1;
  // the same vertex of two cells (the usual case of an undecided float): equal t, no products
  if (x.p === y.p || (x.p[0]!.equals(y.p[0]!) && x.p[1]!.equals(y.p[1]!))) return 0;
  return compareTFractions(x.t, y.t);
}

/**
 * 2-D exact path: a shared segment whose exact and float lengths are computed on first read
 * (SPEC §1: the float length certified, else the exact one rounded).
 */
class SegmentFace implements SharedFace {
  private exactVolume: SqrtRational | undefined;
  private floatValue: FloatValue | undefined;
  readonly vertices: Rational[][];
  constructor(
    readonly i: number,
    readonly j: number,
    readonly hyperplane: { a: bigint[]; b: bigint },
    private readonly lo: SpanEnd,
    private readonly hi: SpanEnd,
    private readonly norm2: bigint,
  ) {
    this.vertices = Array.of(lo.p, hi.p); // (a builtin's array, born young)
  }
  get volume(): SqrtRational {
    return (this.exactVolume ??= exactSegmentLengthT(this.norm2, this.lo.t, this.hi.t));
  }
  get floatVolume(): FloatValue {
    if (this.floatValue === undefined) {
      const { lo, hi } = this;
      const f = toValue(distanceF(lo.f, lo.err, hi.f, hi.err));
      this.floatValue = isCertified(f.value, f.error)
        ? f
        : certifyFloat(f, () => this.volume.toNumber());
    }
    return this.floatValue;
  }
}

// |hi − lo| = Δt / |D| = (Δt / |D|²)·√|D|², |D|² = |a|²
const exactSegmentLengthT = exactMeasure(segmentLength);

/** 2-D: overlap of two collinear segments, exactly. */
function sharedSegment(
  ci: CellGeometry,
  fi: number,
  si: SegmentSpan,
  cj: CellGeometry,
  sj: SegmentSpan,
): SharedFace | null {
  const lo = compareT(si.lo, sj.lo) >= 0 ? si.lo : sj.lo;
  const hi = compareT(si.hi, sj.hi) <= 0 ? si.hi : sj.hi;
  if (compareT(lo, hi) >= 0) return null;
  const Fi = ci.facets[fi]!;
  return new SegmentFace(ci.index, cj.index, rowHyperplane(Fi.ints), lo, hi, Fi.norm2);
}

/** 3-D: the polygon of C_i's facet clipped by cl C_j, exactly. */
function sharedPolygon(
  ci: CellGeometry,
  fi: number,
  cj: CellGeometry,
  whole = false,
): SharedFace | null {
  // a whole facet of both cells (edge-stars3d.ts) lies in cl C_j: the clip would keep it as is
  const poly = whole
    ? facetPolygonPoints(ci, fi)
    : clipPointsByCell(facetPolygonPoints(ci, fi), cj);
  if (poly.length < 3) return null;
  const Fi = ci.facets[fi]!;
  const floats = poly.map((q) => q.f);
  const err = roundingError(floats);
  const floatArea = polygonArea3(floats.map((p) => pointBalls(p, err)));
  const ints = () => poly.map((q) => q.int);
  // a segment or a point is no shared face: decided by the float area when its ball excludes 0,
  // else exactly
  if (
    !(floatArea.v > floatArea.r) &&
    planarPolygonArea(
      poly.map((q) => q.p),
      Fi.ints,
      ints(),
    ) === null
  )
    return null;
  const vertices = poly.map((q) => q.p);
  return lazyFace(
    {
      i: ci.index,
      j: cj.index,
      hyperplane: rowHyperplane(Fi.ints),
      vertices,
    },
    () => planarPolygonArea(vertices, Fi.ints, ints())!,
    () => toValue(floatArea),
  );
}

/**
 * 3-D: on the float path the shared polygon on points of the index (float3d.ts), the exact clip
 * when that needs a new point.
 */
function sharedPolygon3(
  ci: CellGeometry,
  fi: number,
  cj: CellGeometry,
  fj: number,
  pts: PointIndex | undefined,
): SharedFace | null {
  if (pts && ci.float && cj.float) {
    const face = sharedPolygonF(ci, fi, cj, fj, pts);
    if (face !== undefined) return face;
  }
  return sharedPolygon(ci, fi, cj);
}

/** Any d (and the cross-check of the fast paths): I = cl C_i ∩ cl C_j via Polytope.intersect. */
function sharedFaceGeneric(
  ci: CellGeometry,
  fi: number,
  cj: CellGeometry,
  d: number,
): SharedFace | null {
  const I = ci.polytope.intersect(cj.polytope);
  if (I.isEmpty() || I.dimension() !== d - 1) return null;
  const Fi = ci.facets[fi]!;
  return lazyFace(
    {
      i: ci.index,
      j: cj.index,
      hyperplane: rowHyperplane(Fi.ints),
      vertices: d === 3 ? orderPolygon(I.vertices(), Fi.ints) : I.vertices(),
    },
    () => I.relativeVolume(),
    () => certifiedFloat(I.relativeVolume({ measures: 'float' })),
  );
}

/** exact-polytope's certified float measure (within FLOAT_MEASURE_TOLERANCE relative). */
export const certifiedFloat = (value: number): FloatValue => ({
  value,
  error: FLOAT_MEASURE_TOLERANCE * Math.abs(value),
});

/** Box of float points within their radii (float path), widened as floatBox does. */
function radiusBox(fv: FloatVertices, vs: readonly number[], d: number): Box {
  const lo = new Array<number>(d).fill(Infinity);
  const hi = new Array<number>(d).fill(-Infinity);
  const xf = fv.xf; // the flat coordinates: no per-vertex point list is made
  for (const v of vs) {
    const r = fv.radius[v]!;
    for (let k = 0; k < d; k++) {
      const x = xf[d * v + k]!;
      if (x - r < lo[k]!) lo[k] = x - r;
      if (x + r > hi[k]!) hi[k] = x + r;
    }
  }
  for (let k = 0; k < d; k++) {
    const m = 1e-9 * Math.max(1, Math.abs(lo[k]!), Math.abs(hi[k]!));
    lo[k] = lo[k]! - m;
    hi[k] = hi[k]! + m;
  }
  return boxOf(lo, hi);
}

/** Options of {@link findSharedFaces}. */
export interface SharedFaceOptions {
  /** Use Polytope.intersect also in 2-D and 3-D (slower; cross-checks the exact fast paths). */
  generic?: boolean;
  /** Float path: the distinct vertices (2-D shared segments are decided on them). */
  points?: PointIndex;
}

/** Scratch of {@link sortByKey}'s merges (grown when needed, kept). */
let mergeScratch = new Int32Array(256);

/**
 * Sorts order[from..to) by key[order[·]], stably (an unbounded key is ±Infinity: compared, not
 * subtracted): insertion sort for the short runs, merges of them through a scratch array otherwise
 * (no array made per sort).
 */
function sortByKey(order: Int32Array, from: number, to: number, key: Float64Array): void {
  const RUN = 32;
  for (let s = from; s < to; s += RUN) insertionByKey(order, s, Math.min(s + RUN, to), key);
  if (to - from <= RUN) return;
  if (mergeScratch.length < to - from) mergeScratch = new Int32Array(2 * (to - from));
  const left = mergeScratch;
  for (let w = RUN; from + w < to; w *= 2)
    for (let lo = from; lo + w < to; lo += 2 * w) {
      const mid = lo + w;
      const hi = Math.min(lo + 2 * w, to);
      // [lo, mid) and [mid, hi): the left run copied out, the right one taken only when smaller
      for (let t = lo; t < mid; t++) left[t - lo] = order[t]!;
      const n = mid - lo;
      let i = 0;
      let j = mid;
      let k = lo;
      while (i < n && j < hi)
        order[k++] = key[order[j]!]! < key[left[i]!]! ? order[j++]! : left[i++]!;
      while (i < n) order[k++] = left[i++]!;
    }
}

function insertionByKey(order: Int32Array, from: number, to: number, key: Float64Array): void {
  for (let i = from + 1; i < to; i++) {
    const x = order[i]!;
    const k = key[x]!;
    let j = i - 1;
    for (; j >= from && key[order[j]!]! > k; j--) order[j + 1] = order[j]!;
    order[j + 1] = x;
  }
}

/** Slack on the widened float ends of a segment span (covers the roundings of the widening). */
const WIDEN = 2 ** -50;

/**
 * What {@link sweepSegments} needs of a path (an object whose methods are the same functions on
 * every run — closures made per complex would be new call targets for the optimised sweep each
 * time, and the deoptimised sweep boxes its floats).
 */
interface SegmentPath {
  /** The id of a facet's hyperplane (small non-negative integers). */
  idOf(F: FacetInfo): number;
  /** Facet f of cell c as row r: its ends' t and bounds into {@link spanOut}. */
  span(c: CellGeometry, f: number, r: number): void;
  /** The shared face of facet fi of C_i (row a) and of C_j (row b), i < j, or null. */
  pair(ci: CellGeometry, fi: number, a: number, cj: CellGeometry, b: number): SharedFace | null;
}

/** Float path: hyperplane ids and segment ends on the point index ({@link FloatSpans}). */
class FloatSegmentPath implements SegmentPath {
  private readonly spans: FloatSpans;
  private readonly store: SegmentStore;
  constructor(pts: PointIndex, rows: number) {
    this.spans = new FloatSpans(pts, rows);
    // a face-to-face partition has one segment per two facets
    this.store = new SegmentStore(pts, this.spans, (rows >> 1) + 16);
  }
  idOf(F: FacetInfo): number {
    return F.hid!;
  }
  span(c: CellGeometry, f: number): void {
    this.spans.add(c, f);
  }
  pair(ci: CellGeometry, _fi: number, a: number, cj: CellGeometry, b: number): SharedFace | null {
    return this.spans.shared(ci, a, cj, b, this.store);
  }
}

/** Exact path: hyperplane ids interned here (float hash, exact comparison), exact ends. */
class ExactSegmentPath implements SegmentPath {
  private readonly ids = new HyperplaneIds();
  private readonly spans: SegmentSpan[] = [];
  idOf(F: FacetInfo): number {
    return this.ids.of(F);
  }
  span(c: CellGeometry, f: number, r: number): void {
    const sp = segmentSpan(c, f);
    this.spans[r] = sp;
    spanOut[0] = sp.lo.tf;
    spanOut[1] = sp.lo.te;
    spanOut[2] = sp.hi.tf;
    spanOut[3] = sp.hi.te;
  }
  pair(ci: CellGeometry, fi: number, a: number, cj: CellGeometry, b: number): SharedFace | null {
    return sharedSegment(ci, fi, this.spans[a]!, cj, this.spans[b]!);
  }
}

/** Faces by (i, j). */
const byCells = (x: SharedFace, y: SharedFace): number => x.i - y.i || x.j - y.j;

/**
 * 2-D: the shared segments by a sweep along each hyperplane. Every facet's segment is an interval
 * of t = x·D on its line (`span`, ends within their proven bounds te), widened by 2·te and a
 * relative 2⁻⁵⁰ (so that the float ends enclose the exact ones); facets are sorted by (hyperplane
 * id, widened lower end), and a sweep over each hyperplane pairs every interval with the active
 * intervals of the other side that reach it. Pairs whose widened intervals are disjoint are
 * disjoint exactly; the others are decided by `pair` (exact order of the ends when the floats do
 * not decide). The same faces as the box sweep of {@link findSharedFaces}.
 */
function sweepSegments(
  cells: readonly CellGeometry[],
  m: number,
  path: SegmentPath,
  tick?: Tick,
): SharedFace[] {
  const cellOf = new Int32Array(m);
  const facetOf = new Int32Array(m);
  const hid = new Int32Array(m);
  const plus = new Uint8Array(m);
  const lo = new Float64Array(m);
  const hi = new Float64Array(m);
  let r = 0;
  for (const c of cells) {
    tick?.(c.index, cells.length);
    const facets = c.facets;
    for (let f = 0; f < facets.length; f++, r++) {
      const F = facets[f]!;
      path.span(c, f, r);
      cellOf[r] = c.index;
      facetOf[r] = f;
      hid[r] = path.idOf(F);
      plus[r] = F.side === 1 ? 1 : 0;
      const a = spanOut[0]! - 2 * spanOut[1]!;
      const b = spanOut[2]! + 2 * spanOut[3]!;
      lo[r] = a - WIDEN * Math.abs(a) - 1e-300;
      hi[r] = b + WIDEN * Math.abs(b) + 1e-300;
    }
  }
  // by hyperplane id (a counting sort: ids are small integers), then by the widened lower end
  let ids = 0;
  for (let i = 0; i < m; i++) if (hid[i]! + 1 > ids) ids = hid[i]! + 1;
  const start = new Int32Array(ids + 1);
  for (let i = 0; i < m; i++) start[hid[i]! + 1]!++;
  for (let h = 0; h < ids; h++) start[h + 1]! += start[h]!;
  const order = new Int32Array(m);
  const fill = start.slice(0, ids);
  for (let i = 0; i < m; i++) order[fill[hid[i]!]!++] = i;
  for (let h = 0; h < ids; h++) sortByKey(order, start[h]!, start[h + 1]!, lo);
  const faces: SharedFace[] = [];
  // the active intervals of each side (minus, plus): the first count[side] entries, in order
  const active = [new Int32Array(m), new Int32Array(m)] as const;
  const count = [0, 0];
  for (let i = 0; i < m;) {
    let end = i;
    while (end < m && hid[order[end]!] === hid[order[i]!]) end++;
    count[0] = 0;
    count[1] = 0;
    for (let t = i; t < end; t++) {
      const x = order[t]!;
      const own = plus[x]!;
      const other = active[1 - own]!;
      // drop the other side's intervals that end before this one starts (later ones start later)
      let keep = 0;
      for (let u = 0; u < count[1 - own]!; u++) {
        const y = other[u]!;
        if (hi[y]! >= lo[x]!) other[keep++] = y;
      }
      count[1 - own] = keep;
      for (let u = 0; u < keep; u++) {
        const y = other[u]!;
        const a = cellOf[x]! < cellOf[y]! ? x : y;
        const b = a === x ? y : x;
        const face = path.pair(cells[cellOf[a]!]!, facetOf[a]!, a, cells[cellOf[b]!]!, b);
        if (face) faces.push(face);
      }
      active[own]![count[own]!++] = x;
    }
    i = end;
  }
  faces.sort(byCells);
  return faces;
}

/** All faces shared by facet-adjacent cells, sorted by (i, j). */
export function findSharedFaces(
  cells: readonly CellGeometry[],
  d: number,
  options: SharedFaceOptions = {},
  tick?: Tick,
): SharedFace[] {
  const pts = options.points;
  if (d === 2 && pts && !options.generic && allFloat(cells) && allHids(cells, true)) {
    // float path: hyperplane ids and segment ends on the point index
    const m = facetCount(cells);
    return sweepSegments(cells, m, new FloatSegmentPath(pts, m), tick);
  }
  if (d === 2 && !options.generic && !pts && allHids(cells, false))
    return sweepSegments(cells, facetCount(cells), new ExactSegmentPath(), tick);
  const faces: SharedFace[] = [];
  // 3-D float path: whole-facet faces by point identities first; only the other facets are paired
  // by boxes below (float3d.ts)
  let matchedFlat: { matched: Uint8Array; base: Int32Array } | undefined;
  if (d === 3 && options.points && !options.generic) {
    const whole = wholeFacetFaces(cells, options.points);
    matchedFlat = whole;
    for (const f of whole.faces) faces.push(f);
  } else if (d === 3 && !options.generic) matchedFlat = wholeFacetPolygons(cells, faces);
  const groups = facetGroups(cells, d, options, matchedFlat, tick);
  pairGroups(cells, d, options, groups.groups, groups.spansF, faces);
  faces.sort(byCells);
  return faces;
}

/*
 * findSharedFaces' steps are functions of their own (issue 11): each runs once per complex, so V8
 * optimizes it only after many complexes; one function holding every path took 12–17 ms to
 * compile and did so inside the benchmark's timed runs.
 */

/** 3-D exact path: the whole-facet faces by exact point identities (edge-stars3d.ts), no clipping. */
function wholeFacetPolygons(
  cells: readonly CellGeometry[],
  faces: SharedFace[],
): { matched: Uint8Array; base: Int32Array } {
  const whole = wholeFacetPairs(cells);
  const P = whole.pairs;
  for (let t = 0; t < P.length; t += 4) {
    const face = sharedPolygon(cells[P[t]!]!, P[t + 1]!, cells[P[t + 2]!]!, true);
    if (face) faces.push(face);
  }
  return whole;
}

/** The facets not matched yet, by hyperplane (id or key) and side, with their boxes and spans. */
function facetGroups(
  cells: readonly CellGeometry[],
  d: number,
  options: SharedFaceOptions,
  matchedFlat: { matched: Uint8Array; base: Int32Array } | undefined,
  tick: Tick | undefined,
): { groups: Map<string | number, HyperplaneGroup>; spansF: FloatSpans | undefined } {
  const groups = new Map<string | number, HyperplaneGroup>();
  let spansF: FloatSpans | undefined;
  for (const c of cells) {
    tick?.(c.index, cells.length);
    const facets = c.facets;
    for (let f = 0; f < facets.length; f++) {
      if (matchedFlat && matchedFlat.matched[matchedFlat.base[c.index]! + f]) continue;
      const F = facets[f]!;
      const key = F.hid ?? F.key;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = new HyperplaneGroup()));
      const fv = c.float;
      const ref = new FacetRef(
        c.index,
        f,
        fv
          ? radiusBox(fv, F.vertices, d)
          : floatBox(
              F.vertices.map((v) => c.verticesF[v]!),
              d,
            ),
      );
      if (d === 2 && !options.generic) {
        if (options.points && fv)
          ref.spanF = (spansF ??= new FloatSpans(options.points, 64)).add(c, f);
        else ref.span = segmentSpan(c, f);
      }
      (F.side === 1 ? g.plus : g.minus).push(ref);
    }
  }
  return { groups, spansF };
}

/** The shared face of every overlapping pair of facets on one hyperplane, on opposite sides. */
function pairGroups(
  cells: readonly CellGeometry[],
  d: number,
  options: SharedFaceOptions,
  groups: Map<string | number, HyperplaneGroup>,
  spansF: FloatSpans | undefined,
  faces: SharedFace[],
): void {
  let segments: SegmentStore | undefined;
  for (const g of groups.values()) {
    if (g.plus.length === 0 || g.minus.length === 0) continue;
    const pairs = overlappingPairs(
      g.plus.map((r) => r.box),
      g.minus.map((r) => r.box),
    );
    for (const [p, m] of pairs) {
      let a = g.plus[p]!;
      let b = g.minus[m]!;
      if (a.cell > b.cell) [a, b] = [b, a];
      const ci = cells[a.cell]!;
      const cj = cells[b.cell]!;
      const face =
        a.spanF !== undefined && b.spanF !== undefined
          ? spansF!.shared(
              ci,
              a.spanF,
              cj,
              b.spanF,
              (segments ??= new SegmentStore(options.points!, spansF!)),
            )
          : a.span && b.span
            ? sharedSegment(ci, a.facet, a.span, cj, b.span)
            : d === 3 && !options.generic
              ? sharedPolygon3(ci, a.facet, cj, b.facet, options.points)
              : sharedFaceGeneric(ci, a.facet, cj, d);
      if (face) faces.push(face);
    }
  }
}

/** Every facet has a hyperplane id (`defined`), or none has. */
function allHids(cells: readonly CellGeometry[], defined: boolean): boolean {
  for (let c = 0; c < cells.length; c++) {
    const facets = cells[c]!.facets;
    for (let f = 0; f < facets.length; f++)
      if ((facets[f]!.hid !== undefined) !== defined) return false;
  }
  return true;
}

/** Every cell has float vertices (the float path). */
function allFloat(cells: readonly CellGeometry[]): boolean {
  for (const c of cells) if (!c.float) return false;
  return true;
}

/** The number of facets of the cells. */
function facetCount(cells: readonly CellGeometry[]): number {
  let m = 0;
  for (const c of cells) m += c.facets.length;
  return m;
}

/** 2-D: clips a segment [p, q] by a cell's closure; returns its vertices (0, 1 or 2 points). */
export function clipSegment(p: Rational[], q: Rational[], cell: CellGeometry): Rational[][] {
  // points p + s (q − p), s ∈ [0, 1]. Each facet's signs at p and q (filtered: float with a proven
  // bound, else exact) say whether it clips at all; a facet tight at one end and violated at the
  // other clips at that end (s = 0 or 1) without arithmetic; only a strict crossing is computed.
  const tp = new TestPoint(p);
  const tq = new TestPoint(q);
  let lo = Rational.ZERO;
  let hi = Rational.ONE;
  let dir: Rational[] | undefined;
  for (const F of cell.facets) {
    const sp = filteredSign(F, tp);
    const sq = filteredSign(F, tq);
    if (sp <= 0 && sq <= 0) continue; // holds on the whole segment (convexity)
    if (sp > 0 && sq > 0) return [];
    let s: Rational;
    if (sp === 0)
      s = Rational.ZERO; // a·p = b < a·q: s ≤ 0
    else if (sq === 0)
      s = Rational.ONE; // a·q = b < a·p: s ≥ 1
    else {
      dir ??= q.map((v, k) => v.sub(p[k]!));
      s = F.b.sub(dotR(F.a, p)).div(dotR(F.a, dir));
    }
    // sq > 0: the slope a·(q − p) is positive, s bounds from above; sp > 0: from below
    if (sq > 0) {
      if (s.lt(hi)) hi = s;
    } else if (s.gt(lo)) lo = s;
    if (lo.gt(hi)) return [];
  }
  const at = (s: Rational): Rational[] =>
    s.isZero()
      ? p.slice()
      : s.equals(Rational.ONE)
        ? q.slice()
        : p.map((v, k) => v.add(dir![k]!.mul(s)));
  return lo.equals(hi) ? [at(lo)] : [at(lo), at(hi)];
}
