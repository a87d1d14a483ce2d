/**
 * The `Polytope` class: an exact convex polyhedron {x : A x ≤ b, A_eq x = b_eq} or
 * conv(points) + cone(rays) + span(lines), with every combinatorial answer decided exactly
 * (SPEC §1, §3). Answers are computed lazily by the double description engine (dd/) and cached.
 */
import {
  type FilterStats,
  addFilterStats,
  Rational,
  RationalField,
  brandSymbol,
  hasBrand,
  setBrand,
  type Measures,
  type Predicates,
  type RationalLike,
  type SqrtRational,
} from '@mlgeo/exact-arith';
import { analyzeHRep, type HAnalysis } from './dd/hside.js';
import { fraction } from './vertex-rationals.js';
import { analyzeVRep } from './dd/vside.js';
import type { DDStats, SignMode } from './dd/cone.js';
import { DimensionMismatchError, EmptyPolytopeError, UnboundedError } from './errors.js';
import {
  centroidFromVertices,
  facesFromIncidence,
  facetVolumesFromVertices,
  floatMeasuresFromVertices,
  relativeVolumeFromVertices,
  volumeFromVertices,
  type VertexIncidence,
} from './measures/measures.js';
import type { FloatMeasures } from './measures/float-measures.js';
import { integerHRep, normalizeHRep, type IntegerHRep } from './hrep.js';
import { normalizeVRep, type IntegerVRep } from './vrep.js';
import { formatIne, parseIne } from './io/ine.js';
import { formatExt, parseExt } from './io/ext.js';

/** One inequality a·x ≤ b. */
export interface HalfspaceRow {
  a: Rational[];
  b: Rational;
}

/** A {@link HalfspaceRow} made by `new`, so born young (docs/contributing.md, "Objects a run keeps"). */
class Halfspace implements HalfspaceRow {
  constructor(
    public a: Rational[],
    public b: Rational,
  ) {}
}

/** The row a·x ≤ b (an object born young, see {@link Halfspace}). */
export function halfspaceRow(a: Rational[], b: Rational): HalfspaceRow {
  return new Halfspace(a, b);
}

/** A face of a polytope: its dimension, vertex and facet indices, and relative volume. */
export interface Face {
  dimension: number;
  /** Indices into `vertices()`. */
  vertices: number[];
  /** Indices into `facets()` of the facets containing the face. */
  facets: number[];
  volume: SqrtRational;
}

/** Counters of the last double-description runs (for benchmarks). */
export interface PolytopeStats extends FilterStats {
  /** Largest number of intermediate rays. */
  maxRays: number;
  /** Ray pairs that went through the combinatorial adjacency test. */
  adjacencyTests: number;
  /**
   * Float measures (`{ measures: 'float' }`) whose error bound could not be certified and that were
   * computed exactly and rounded instead (0 or 1 per polytope: the float measures are cached).
   */
  floatMeasureFallbacks: number;
}

/** Options of {@link Polytope.fromHRep}. */
export interface HRepOptions {
  equalities?: { A: readonly (readonly RationalLike[])[]; b: readonly RationalLike[] };
  /**
   * How sign decisions are taken (speed only, identical results): `'exact'` (default) on BigInt,
   * `'filtered'` in float64 with a proven error bound and an exact fallback.
   */
  predicates?: Predicates;
  /** Ambient dimension; needed only when there are no rows at all. */
  dimension?: number;
  /**
   * Benchmarking only: with `predicates: 'filtered'`, take raw float64 signs with no error bound and
   * no exact fallback ("pure float"). Combinatorics may then be wrong on degenerate input.
   * @internal
   */
  internalUnfilteredFloat?: boolean;
}

/** Options of {@link Polytope.fromVRep}. */
export interface VRepOptions {
  /** See {@link HRepOptions.predicates}. */
  predicates?: Predicates;
  /** Ambient dimension; needed only when every list is empty. */
  dimension?: number;
  /** Benchmarking only: see {@link HRepOptions.internalUnfilteredFloat}. @internal */
  internalUnfilteredFloat?: boolean;
}

/**
 * Options of the measure methods ({@link Polytope.volume}, {@link Polytope.relativeVolume},
 * {@link Polytope.centroid}): `'exact'` (default) returns rationals and r·√q values, `'float'`
 * float64 numbers computed from the exact vertices.
 */
export interface MeasureOptions {
  measures?: Measures;
}

/** What a polytope was made from (classes: born young, see hrep.ts `HRep`). */
class HSource {
  readonly kind = 'H';
  constructor(readonly h: IntegerHRep) {}
}
class VSource {
  readonly kind = 'V';
  constructor(readonly v: IntegerVRep) {}
}
type Source = HSource | VSource;

function addStats(into: PolytopeStats, s: DDStats): void {
  addFilterStats(into, s);
  into.maxRays = Math.max(into.maxRays, s.maxRays);
  into.adjacencyTests += s.adjacencyTests;
}

function ints(v: readonly bigint[]): Rational[] {
  return v.map((x) => Rational.fromBigInt(x));
}

/** The homogeneous row (h0, h') (h0 + h'·x ≥ 0) as a·x ≤ b with a = −h', b = h0. */
function toHalfspace(h: readonly bigint[]): HalfspaceRow {
  return halfspaceRow(
    h.slice(1).map((x) => Rational.fromBigInt(-x)),
    Rational.fromBigInt(h[0]!),
  );
}

/**
 * An exact convex polyhedron. Build it with {@link Polytope.fromHRep} or
 * {@link Polytope.fromVRep}; every query is lazy and cached.
 */
export class Polytope {
  /** Dimension d of the space R^d the polyhedron lives in. */
  readonly ambientDimension: number;
  /** How sign decisions are made (combinatorics are identical either way). */
  readonly predicates: Predicates;
  private readonly source: Source;
  private readonly signMode: SignMode;
  private hrepCache: IntegerHRep | undefined;
  private analysisCache: HAnalysis | undefined;
  // measure caches (the class is immutable): callers get copies of the arrays
  private verticesCache: Rational[][] | undefined;
  private volumeCache: Rational | undefined;
  private relativeVolumeCache: SqrtRational | undefined;
  private centroidCache: Rational[] | undefined;
  private floatMeasuresCache: FloatMeasures | undefined;
  private readonly statsData: PolytopeStats = {
    signTests: 0,
    exactFallbacks: 0,
    maxRays: 0,
    adjacencyTests: 0,
    floatMeasureFallbacks: 0,
  };

  private constructor(
    d: number,
    predicates: Predicates,
    source: Source,
    unfiltered: boolean | undefined = false,
  ) {
    this.ambientDimension = d;
    this.predicates = predicates;
    this.signMode = predicates === 'exact' ? 'exact' : unfiltered === true ? 'unfiltered' : 'float';
    this.source = source;
    if (source.kind === 'H') this.hrepCache = source.h;
  }

  /**
   * {x : A x ≤ b} (and A_eq x = b_eq). Entries are RationalLike; numbers are converted exactly.
   * Throws ShapeError / NonFiniteNumberError naming the offending entry (`A[i][j]`, `b[i]`).
   */
  static fromHRep(
    A: readonly (readonly RationalLike[])[],
    b: readonly RationalLike[],
    options: HRepOptions = {},
  ): Polytope {
    const h = normalizeHRep({ A, b, equalities: options.equalities, dimension: options.dimension });
    return new Polytope(
      h.d,
      options.predicates ?? 'exact',
      new HSource(h),
      options.internalUnfilteredFloat,
    );
  }

  /** conv(points) + cone(rays) + span(lines); duplicate and interior points are fine. */
  static fromVRep(
    points: readonly (readonly RationalLike[])[],
    rays?: readonly (readonly RationalLike[])[],
    lines?: readonly (readonly RationalLike[])[],
    options: VRepOptions = {},
  ): Polytope {
    const v = normalizeVRep(points, rays, lines, options.dimension);
    return new Polytope(
      v.d,
      options.predicates ?? 'exact',
      new VSource(v),
      options.internalUnfilteredFloat,
    );
  }

  /**
   * A polytope whose H-side analysis is already known (known-vertices.ts builds it from a
   * partition's vertices and incidence instead of re-running vertex enumeration).
   * @internal
   */
  static internalFromAnalysis(
    h: IntegerHRep,
    analysis: HAnalysis,
    predicates: Predicates,
  ): Polytope {
    const p = new Polytope(h.d, predicates, new HSource(h));
    p.analysisCache = analysis;
    return p;
  }

  /**
   * The H-side analysis made or given so far (the one given to {@link internalFromAnalysis} for
   * those polytopes; undefined before any analysis).
   * @internal
   */
  internalAnalysis(): HAnalysis | undefined {
    return this.analysisCache;
  }

  /** Reads a cdd/lrs `.ine` H-representation (rows `b a…` mean b + a·x ≥ 0). */
  static fromIne(text: string, options: { predicates?: Predicates } = {}): Polytope {
    const data = parseIne(text);
    const eqSet = new Set(data.equalities);
    const A: Rational[][] = [];
    const b: Rational[] = [];
    const eA: Rational[][] = [];
    const eb: Rational[] = [];
    data.A.forEach((row, i) => {
      if (eqSet.has(i)) {
        eA.push(row);
        eb.push(data.b[i]!);
      } else {
        A.push(row);
        b.push(data.b[i]!);
      }
    });
    return Polytope.fromHRep(A, b, {
      equalities: { A: eA, b: eb },
      dimension: data.dimension,
      ...(options.predicates !== undefined ? { predicates: options.predicates } : {}),
    });
  }

  /** Reads a cdd/lrs `.ext` V-representation (rows `1 x…` points, `0 r…` rays). */
  static fromExt(text: string, options: { predicates?: Predicates } = {}): Polytope {
    const data = parseExt(text);
    return Polytope.fromVRep(data.points, data.rays, data.lines, {
      dimension: data.dimension,
      ...(options.predicates !== undefined ? { predicates: options.predicates } : {}),
    });
  }

  /** The irredundant H-representation (facets, affine-hull equalities) as a cdd/lrs `.ine` file. */
  toIne(): string {
    const facets = this.facets();
    const hull = this.affineHull();
    if (this.isEmpty()) {
      // 0 ≤ −1 is the canonical infeasible row
      const zero = new Array<Rational>(this.ambientDimension).fill(Rational.ZERO);
      return formatIne({ A: [zero], b: [Rational.MINUS_ONE], dimension: this.ambientDimension });
    }
    return formatIne({
      A: [...hull.A, ...facets.map((f) => f.a)],
      b: [...hull.b, ...facets.map((f) => f.b)],
      equalities: hull.A.map((_, i) => i),
      dimension: this.ambientDimension,
    });
  }

  /** The minimal V-representation (vertices, extreme rays, lines) as a cdd/lrs `.ext` file. */
  toExt(): string {
    return formatExt({
      points: this.vertices(),
      rays: this.rays(),
      lines: this.lines(),
      dimension: this.ambientDimension,
    });
  }

  /** Counters of the double description runs made so far (sign tests, exact fallbacks, …). */
  get stats(): Readonly<PolytopeStats> {
    return { ...this.statsData };
  }

  /** The (possibly redundant) integer H-representation; for a V-source, its facets. */
  private hrep(): IntegerHRep {
    if (this.hrepCache === undefined) {
      const src = this.source as VSource;
      const res = analyzeVRep(src.v, this.signMode);
      addStats(this.statsData, res.analysis.stats);
      this.hrepCache = res.hrep;
      this.analysisCache = res.analysis;
    }
    return this.hrepCache;
  }

  private analysis(): HAnalysis {
    if (this.analysisCache === undefined) this.hrep(); // a V-source is analysed on the V side
    if (this.analysisCache === undefined) {
      const res = analyzeHRep(this.hrep(), this.signMode);
      addStats(this.statsData, res.stats);
      this.analysisCache = res;
    }
    return this.analysisCache;
  }

  /** True iff the polyhedron has no point. */
  isEmpty(): boolean {
    return this.analysis().empty;
  }

  /** True iff the polyhedron is empty or has no rays and no lines. */
  isBounded(): boolean {
    const a = this.analysis();
    return a.empty || (a.rays.length === 0 && a.lines.length === 0);
  }

  /** Affine dimension; −1 when empty. */
  dimension(): number {
    return this.analysis().dimension;
  }

  /** Equations A x = b of the affine hull (independent rows; empty lists if full-dimensional). */
  affineHull(): { A: Rational[][]; b: Rational[] } {
    const rows = this.analysis().hull.map(toHalfspace);
    return { A: rows.map((r) => r.a), b: rows.map((r) => r.b) };
  }

  /**
   * Irredundant facets a·x ≤ b (implicit equalities removed), each with (b, a) a primitive
   * integer vector. Empty for an empty polyhedron.
   */
  facets(): HalfspaceRow[] {
    const a = this.analysis();
    const h = this.hrep();
    return a.facetRows.map((i) => toHalfspace(h.ineq[i]!));
  }

  /** Vertices, sorted lexicographically (for a polyhedron with lines: those of P ∩ L^⊥). */
  vertices(): Rational[][] {
    return this.cachedVertices().map((v) => v.slice());
  }

  /**
   * The vertices (same order as {@link vertices}) in float64 with a proven bound `error` on the
   * absolute error of every coordinate. On the filtered path no exact vertex is computed for this
   * (only where the bound could not be established); `vertices()` still gives the exact ones.
   */
  floatVertices(): { points: Float64Array[]; error: number } {
    const f = this.analysis().floatVertices();
    return { points: f.points.map((p) => p.slice()), error: f.error };
  }

  /** The vertices as Rationals, converted once (internal: never handed out without copying). */
  private cachedVertices(): Rational[][] {
    if (this.verticesCache === undefined) {
      const a = this.analysis();
      // shared read-only coordinates when the analysis has them (known vertices); else from the rays
      this.verticesCache =
        a.vertexRationals?.() ?? a.vertexRays.map((y) => y.slice(1).map((x) => fraction(x, y[0]!)));
    }
    return this.verticesCache;
  }

  /** Extreme rays (of P ∩ L^⊥) as primitive integer vectors, sorted lexicographically. */
  rays(): Rational[][] {
    return this.analysis().rays.map(ints);
  }

  /** A basis of the lineality space (primitive integer vectors). */
  lines(): Rational[][] {
    return this.analysis().lines.map(ints);
  }

  /** For each facet i (in `facets()` order), the sorted indices of the vertices on it. */
  incidence(): number[][] {
    return this.analysis().incidence.map((l) => l.slice());
  }

  /** For each facet i, the sorted indices (into `rays()`) of the extreme rays on it. */
  rayIncidence(): number[][] {
    return this.analysis().rayIncidence.map((l) => l.slice());
  }

  /**
   * A point of the relative interior: the average of the vertices plus the sum of the extreme
   * rays (a strictly positive combination of all generators). Throws EmptyPolytopeError.
   */
  interiorPoint(): Rational[] {
    const a = this.analysis();
    if (a.empty) throw new EmptyPolytopeError('interiorPoint()');
    const d = this.ambientDimension;
    const verts = this.cachedVertices();
    const out = new Array<Rational>(d).fill(Rational.ZERO);
    for (const v of verts) for (let i = 0; i < d; i++) out[i] = out[i]!.add(v[i]!);
    const k = Rational.fromBigInt(BigInt(verts.length));
    for (let i = 0; i < d; i++) out[i] = out[i]!.div(k);
    for (const r of a.rays)
      for (let i = 0; i < d; i++) out[i] = out[i]!.add(Rational.fromBigInt(r[i]!));
    return out;
  }

  /** P ∩ Q (same ambient dimension, else DimensionMismatchError); keeps these predicates. */
  intersect(other: Polytope): Polytope {
    if (other.ambientDimension !== this.ambientDimension)
      throw new DimensionMismatchError(this.ambientDimension, other.ambientDimension, 'other');
    const p = this.hrep();
    const q = other.hrep();
    const ineq: bigint[][] = [];
    const seen = new Set<string>();
    for (const r of [...p.ineq, ...q.ineq]) {
      const key = r.join(',');
      if (!seen.has(key)) {
        seen.add(key);
        ineq.push(r);
      }
    }
    const h = integerHRep(
      this.ambientDimension,
      ineq,
      [...p.eq, ...q.eq],
      p.infeasible || q.infeasible,
    );
    return new Polytope(
      this.ambientDimension,
      this.predicates,
      new HSource(h),
      this.signMode === 'unfiltered',
    );
  }

  /**
   * Certified float volume and centroid (measures/float-measures.ts), computed once: the exact
   * ones rounded when the float error bound fails (counted in `stats.floatMeasureFallbacks`).
   */
  private floatMeasures(input: VertexIncidence<Rational>): FloatMeasures {
    if (this.floatMeasuresCache === undefined) {
      this.floatMeasuresCache = floatMeasuresFromVertices(input, {
        centroid: true,
        dimension: this.dimension(),
      });
      if (this.floatMeasuresCache.exactFallback) this.statsData.floatMeasureFallbacks++;
    }
    return this.floatMeasuresCache;
  }

  /** Vertices and facet–vertex incidence as the measures module wants them (bounded only). */
  private measureInput(operation: string): VertexIncidence<Rational> {
    if (!this.isBounded()) throw new UnboundedError(operation);
    return { vertices: this.cachedVertices(), facetVertices: this.analysis().incidence };
  }

  /**
   * d-volume (0 if not full-dimensional or empty); throws UnboundedError when unbounded. Exact
   * (Rational) by default; `{ measures: 'float' }` computes it in float64 from the exact vertices.
   */
  volume(options?: { measures?: 'exact' }): Rational;
  volume(options: { measures: 'float' }): number;
  volume(options: MeasureOptions): Rational | number;
  volume(options: MeasureOptions = {}): Rational | number {
    const input = this.measureInput('volume()');
    if (options.measures === 'float') {
      if (this.isEmpty()) return 0;
      const m = this.floatMeasures(input);
      const d = this.ambientDimension;
      return m.dimension === d ? (d === 0 ? 1 : m.relativeVolume) : 0;
    }
    if (this.isEmpty()) return Rational.ZERO;
    this.volumeCache ??= volumeFromVertices(RationalField, input);
    return this.volumeCache;
  }

  /**
   * vol_k within the affine hull, k = dimension() (SPEC §3; 1 for a point): r·√q by default, a
   * float64 number with `{ measures: 'float' }`. Throws EmptyPolytopeError when empty,
   * UnboundedError when unbounded.
   */
  relativeVolume(options?: { measures?: 'exact' }): SqrtRational;
  relativeVolume(options: { measures: 'float' }): number;
  relativeVolume(options: MeasureOptions): SqrtRational | number;
  relativeVolume(options: MeasureOptions = {}): SqrtRational | number {
    const input = this.measureInput('relativeVolume()');
    if (this.isEmpty()) throw new EmptyPolytopeError('relativeVolume()');
    if (options.measures === 'float') return this.floatMeasures(input).relativeVolume;
    this.relativeVolumeCache ??= relativeVolumeFromVertices(input);
    return this.relativeVolumeCache;
  }

  /**
   * Centroid of the polytope as a dimension()-dimensional body: exact by default, float64 numbers
   * with `{ measures: 'float' }`. Throws EmptyPolytopeError when empty.
   */
  centroid(options?: { measures?: 'exact' }): Rational[];
  centroid(options: { measures: 'float' }): number[];
  centroid(options: MeasureOptions): Rational[] | number[];
  centroid(options: MeasureOptions = {}): Rational[] | number[] {
    const input = this.measureInput('centroid()');
    if (this.isEmpty()) throw new EmptyPolytopeError('centroid()');
    if (options.measures === 'float') return this.floatMeasures(input).centroid!.slice();
    this.centroidCache ??= centroidFromVertices(RationalField, input);
    return this.centroidCache.slice();
  }

  /**
   * Relative volume of each facet, in `facets()` order: vol_{k−1}(F) as r·√q with k = dimension()
   * (for a full-dimensional polytope in R^d, the (d−1)-volumes of its facets; a point of a
   * segment has volume 1). Empty for an empty polyhedron; throws UnboundedError when unbounded.
   */
  facetVolumes(): SqrtRational[] {
    const input = this.measureInput('facetVolumes()');
    if (this.isEmpty()) return [];
    return facetVolumesFromVertices(input);
  }

  /**
   * Faces of codimension `codim` relative to dimension() (0: the polytope, 1: facets, …), each with
   * its vertices, containing facets and exact relative volume.
   */
  faces(codim: number): Face[] {
    const input = this.measureInput('faces()');
    if (this.isEmpty()) return [];
    return facesFromIncidence(input, codim);
  }
}
const POLYTOPE = brandSymbol('@mlgeo/exact-polytope.Polytope');
setBrand(Polytope, POLYTOPE);

/**
 * True for a Polytope from any copy of @mlgeo/exact-polytope: use it instead of
 * `instanceof Polytope` on values from other packages (two installed versions, a bundle).
 */
export function isPolytope(x: unknown): x is Polytope {
  return hasBrand(x, POLYTOPE);
}
