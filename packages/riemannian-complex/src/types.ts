/**
 * Public input and output types of @mlgeo/riemannian-complex (SPEC §2–§4).
 */
import type { CsrMatrix, Rational, SqrtRational } from '@mlgeo/exact-arith';
import type { KnownCell, Polytope } from '@mlgeo/exact-polytope';
import type { FloatValue, FloatVector } from './float-values.js';

export type { FloatValue, FloatVector } from './float-values.js';

/**
 * The structural input: a domain X and its cells in SPEC §2 order (the order fixes orientation).
 * Any object of this shape works, e.g. a partition from @mlgeo/model-partitions.
 */
export interface PartitionLike {
  /** Bounded full-dimensional convex domain X. */
  domain: Polytope;
  /** Cells in SPEC §2 index order; each a full-dimensional bounded polytope inside X. */
  cells: {
    label: string;
    polytope: Polytope;
    dataCount?: number;
    /**
     * The cell's vertices in float64, in the order of `polytope.vertices()`, with a bound on the
     * absolute error of every coordinate (a float partition's; issue 11). Accepted but not used
     * at present: the complex reads the exact vertices anyway, and their rounding gives the
     * tighter bound for the float measures.
     */
    floatVertices?: { points: ArrayLike<number>[]; error: number };
    /**
     * The polytope's facet rows, incidence, vertex order, vertex ids and exact vertices without
     * the Polytope (exact-polytope `KnownCell`: a float partition's; issue 11). The float path
     * reads the cell from it and reads `polytope` only when it needs the Polytope itself.
     */
    knownCell?: KnownCell;
  }[];
  /** True when the cells cover X (enables the volume-sum and Euler checks). */
  complete: boolean;
  /** Number of data points (informational; `density` uses the sum of the cells' counts, SPEC §4). */
  totalPoints?: number;
}

/** Edge-length option of SPEC §4. */
export type EdgeLength =
  { kind: 'centroid' } | { kind: 'unit' } | { kind: 'density'; beta?: number | Rational };

/** Options of {@link buildComplex}. */
export interface ComplexOptions {
  /** `adjacency` (default) or `nerve` (SPEC §4). */
  kind?: 'adjacency' | 'nerve';
  /** Largest simplex dimension built (default d for adjacency, d + 1 for the nerve). */
  maxDimension?: number;
  /** Edge length for M_1 (default `centroid`). A string is shorthand for `{ kind }`. */
  edgeLength?: EdgeLength | 'centroid' | 'unit' | 'density';
  /**
   * `exact` (default) or `float` (issue 11): which measures the complex is built for. Either way the
   * combinatorics are the same (decided exactly or by filters that fall back to exact), and every
   * measure exists in both forms, each computed only when first read: exact ones (`volume`, `cos`,
   * `metric`) and float ones with error bounds (`floatVolume`, `floatCos`, `floatMetric`). With
   * `float`, `complexToJson(…, { measures: 'float' })` and `verify` read only the float ones.
   */
  measures?: 'exact' | 'float';
  /** Compute dihedral angles (default: true for d ≤ 3, false for d ≥ 4; `true` works for every d). */
  angles?: boolean;
  /**
   * Called as the build advances, per unit of work of each phase: `cells` (reading each cell's
   * geometry), `faces` (cells whose facets are matched), `simplices` (levels k ≥ 2), `angles`
   * (ridges), `metric` (edges of M_1, computed on first use of `metric`). A callback may throw to
   * stop the build (budgets); the exception propagates unchanged.
   */
  onProgress?: ComplexProgress;
}

/** Progress of {@link ComplexOptions.onProgress}: `done` of `total` units of `phase`. */
export type ComplexProgress = (progress: { phase: string; done: number; total: number }) => void;

/** A per-phase progress tick (done, total); internal. */
export type Tick = (done: number, total: number) => void;

/** A diagonal weight: exact r·√q (`SqrtRational`) or float (`number`), see `Metric.measures`. */
export type Weight = SqrtRational | number;

/** The set I(σ) = ⋂ cl C_i of a simplex: its dimension and relative volume (SPEC §3). */
export interface Intersection {
  /** Affine dimension of I(σ) (−1 when empty). */
  dimension: number;
  /** vol_dimension(I(σ)) as r·√q (vol_0 of a point is 1); zero when empty. */
  volume: SqrtRational;
  /** Vertices of I(σ) when known (always for edges and triangles in 2-D). */
  vertices?: Rational[][];
  /** vol_dimension(I(σ)) in float64 with an error bound (no exact measure computed). */
  readonly floatVolume: FloatValue;
}

/** A face shared by two facet-adjacent cells i < j: I = cl C_i ∩ cl C_j of dimension d − 1. */
export interface SharedFace {
  i: number;
  j: number;
  /** The common hyperplane a·x = b as a primitive integer vector, with C_i on the side a·x ≤ b. */
  hyperplane: { a: bigint[]; b: bigint };
  /** vol_{d−1}(I), exact r·√q (relative measure), computed on first read. */
  readonly volume: SqrtRational;
  /** vol_{d−1}(I) in float64 with an error bound (no exact measure computed). */
  readonly floatVolume: FloatValue;
  /** Vertices of I (2-D: the two endpoints). */
  vertices: Rational[][];
}

/** What every metric has, whatever its measures. */
interface MetricBase {
  /** Edge-length option used. */
  edgeLength: 'centroid' | 'unit' | 'density';
  /** Exponent β of `density` (1 otherwise). */
  beta: number;
  /** M_0 = vol_d(C_i), or n_i / n with vertex weight `mass`. */
  M0: Rational[];
  /** M_0 option (docs/math.md §4): `volume` (default; absent means `volume`) or `mass`. */
  vertexWeight?: 'volume' | 'mass';
  /** M_1 face weight: `area` (default; absent means `area`), `unit` or `mass` (volume-free). */
  faceWeight?: 'area' | 'unit' | 'mass';
}

/**
 * A metric whose M_1 is exact: edge length `centroid`, `unit`, or `density` with β ∈ {1/2, 1}.
 * Every M_k entry is r·√q.
 */
export interface ExactMetric extends MetricBase {
  measures: 'exact';
  /** ℓ(e) per edge (same order as simplices[1]), r·√q; the number Infinity when ρ(e) = 0. */
  edgeLengths: Weight[];
  /** M_1 = vol_{d−1}(I(e)) / ℓ(e) (0 for nerve edges with dim I(e) < d − 1 or ρ(e) = 0). */
  M1: SqrtRational[];
  /** M[k] for every k (M[0] as SqrtRational, M[1] = M1); M_k = vol_{d−k}(I(σ)), M_d = 1. */
  M: SqrtRational[][];
}

/**
 * A metric whose edge lengths are float (`density` with β ∉ {1/2, 1}): ℓ(e) and M_1 are numbers;
 * M_0 and M_k for k ≥ 2 stay exact.
 */
export interface FloatMetric extends MetricBase {
  measures: 'float';
  /** ℓ(e) per edge (same order as simplices[1]); Infinity for an edge with ρ(e) = 0. */
  edgeLengths: number[];
  /** M_1 = vol_{d−1}(I(e)) / ℓ(e) (0 for nerve edges with dim I(e) < d − 1 or ρ(e) = 0). */
  M1: number[];
  /** M[k] for every k: M[1] = M1 (numbers), the other levels r·√q. */
  M: Weight[][];
}

/**
 * Riemannian data of SPEC §4 (diagonal "Hodge stars"). `measures` tells which: `'exact'` (M_1 as
 * r·√q) or `'float'` (M_1 as numbers); testing it narrows the types of `M1`, `M`, `edgeLengths`.
 */
export type Metric = ExactMetric | FloatMetric;

/** Dihedral angle θ_C(R) of one cell at a ridge (SPEC §4). */
export interface CellAngle {
  cell: number;
  /** `flat`: R lies in the relative interior of a facet of C (θ = π); `ridge`: R is in a ridge of C. */
  kind: 'flat' | 'ridge';
  /** cos θ exactly (−1 for `flat`; −n_a·n_b for `ridge`), computed on first read. */
  readonly cos: SqrtRational;
  /** cos θ in float64 with an error bound. */
  readonly floatCos: FloatValue;
  /** θ in radians (float). */
  angle: number;
  /** Indices into the cell's facets() of the facets containing R (1 or 2). */
  facets: number[];
}

/** A (d−2)-cell of the common refinement of the cells' (d−2)-skeleta, with its angles. */
export interface Ridge {
  /** Vertices of R (one point in 2-D, two endpoints in 3-D). */
  vertices: Rational[][];
  /** A point of the relative interior of R (the point itself in 2-D, the midpoint in 3-D). */
  point: Rational[];
  /** Where R lies in X: interior, relative interior of a facet of X, or a ridge of X. */
  location: 'interior' | 'boundary-facet' | 'boundary-ridge';
  /** Expected angle sum for a complete partition: 2π, π, or X's dihedral angle (float). */
  expectedSum: number;
  /** cos of the expected sum, exactly (1, −1 or X's own cos). */
  expectedCos: SqrtRational;
  /** Angles of every cell present whose closure contains R. */
  angles: CellAngle[];
  /** Σ θ (float). */
  sum: number;
}

/** Cell data carried into the complex. */
export interface ComplexCell {
  label: string;
  polytope: Polytope;
  /** vol_d(C), exact (computed on first access). */
  volume: Rational;
  /** Exact centroid (computed on first access: costly for cells with long coordinates). */
  centroid: Rational[];
  /**
   * vol_{d−1} of each facet of the cell, exact r·√q, in `polytope.facets()` order (computed on
   * first access).
   */
  facetAreas: SqrtRational[];
  /** vol_d(C) in float64 with an error bound (computed on first access, no exact measure). */
  floatVolume: FloatValue;
  /** The centroid in float64 with error bounds (computed on first access). */
  floatCentroid: FloatVector;
  dataCount?: number;
}

/**
 * The Riemannian data of SPEC §4 in float64, every entry with an error bound against the exact
 * value (issue 11's float path; no exact measure is computed for it).
 */
export interface FloatMetricValues {
  edgeLength: 'centroid' | 'unit' | 'density';
  beta: number;
  /** M_0 = vol_d(C_i). */
  M0: FloatValue[];
  /** ℓ(e) per edge; value Infinity (error 0) when ρ(e) = 0. */
  edgeLengths: FloatValue[];
  /** M_1 = vol_{d−1}(I(e)) / ℓ(e). */
  M1: FloatValue[];
  /** M[k] for k ≥ 2 (M[0], M[1] are M0, M1). */
  M: FloatValue[][];
}

/** The adjacency complex or nerve of a partition with its Riemannian data (SPEC §4). */
export interface RiemannianComplex {
  kind: 'adjacency' | 'nerve';
  /** The measures the complex was built for (`ComplexOptions.measures`, default `exact`). */
  measures: 'exact' | 'float';
  /** Ambient dimension d. */
  dimension: number;
  /** Largest simplex dimension that was built. */
  maxDimension: number;
  /** True when the partition covers X. */
  complete: boolean;
  domain: Polytope;
  cells: ComplexCell[];
  /** simplices[k] = k-simplices as increasing cell-index tuples, sorted lexicographically. */
  simplices: number[][][];
  /** intersections[k][s] = I(σ) for σ = simplices[k][s] (k ≥ 1). */
  intersections: Intersection[][];
  /** Faces shared by facet-adjacent cells (dim I = d − 1), sorted by (i, j). */
  sharedFaces: SharedFace[];
  /**
   * f-vector (f_0, f_1, …) and Euler characteristic Σ (−1)^k f_k. Trailing empty levels are
   * omitted (the report form); {@link RiemannianComplex.simplexCounts} keeps them.
   */
  fVector: number[];
  /**
   * simplexCounts[k] = simplices[k].length for every k = 0..maxDimension: the f-vector with its
   * trailing zeros, always of length maxDimension + 1 (so it agrees with `simplices`).
   */
  simplexCounts: number[];
  eulerCharacteristic: number;
  /** Nerve only: true when simplices above maxDimension exist and were not built. */
  truncated: boolean;
  /** Riemannian data (computed on first access: exact centroid distances are the costly part). */
  readonly metric: Metric;
  /**
   * The metric for another edge length, from this complex's geometry (cells, simplices and
   * intersections are reused, not rebuilt); `metricFor(options.edgeLength)` is `metric`. Cached
   * per option.
   */
  metricFor(edgeLength: ComplexOptions['edgeLength']): Metric;
  /** The metric in float64 with error bounds (computed on first access; no exact measure). */
  readonly floatMetric: FloatMetricValues;
  /** {@link RiemannianComplex.floatMetric} for another edge length (cached per option). */
  floatMetricFor(edgeLength: ComplexOptions['edgeLength']): FloatMetricValues;
  /**
   * The maximal simplices: those that are a face of no other simplex of the complex, by
   * increasing dimension, each level sorted lexicographically. When `truncated` (a nerve cut at
   * maxDimension), the top level is listed although larger simplices exist beyond it.
   */
  maximalSimplices(): number[][];
  /** Ridges and angles (null when not computed). */
  ridges: Ridge[] | null;
  /** Index of a simplex given its sorted vertex tuple (undefined if not in the complex). */
  indexOf(simplex: readonly number[]): number | undefined;
  /**
   * Sparse boundary matrix B_k (rows: (k−1)-simplices, columns: k-simplices), SPEC §4 signs: an
   * exact `CsrMatrix` over the rationals with entries ±1.
   */
  boundary(k: number): CsrMatrix<Rational>;
  /** Dense B_k (array of rows). */
  boundaryDense(k: number): number[][];
}
