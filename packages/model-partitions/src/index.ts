/**
 * @mlgeo/model-partitions — the convex cells that machine-learning models cut their input space into
 * (SPEC §2): hyperplane arrangements, ReLU MLPs, decision trees, forests, Voronoi sites and linear
 * classifiers; full enumeration (exact, or float-filtered with identical cells), point location with
 * the SPEC tie rules, data-holding cells in high dimension and their facet adjacency.
 *
 * This entry imports no Node module and bundles for browsers. Model files are read by
 * `@mlgeo/model-readers`; worker threads are in `@mlgeo/model-partitions/node`.
 */

/** Model types (SPEC §2 table). */
export type {
  Model,
  ModelKind,
  ArrangementModel,
  ReluMlpModel,
  DenseLayer,
  DecisionTreeModel,
  TreeNode,
  ForestModel,
  VoronoiModel,
  LinearClassifierModel,
} from './models.js';

/** Partition and cell types. */
export type {
  Partition,
  PartitionCell,
  Predicates,
  AffineMap,
  MlpCellMaps,
  ProgressCallback,
} from './partition.js';

/** Domains: default unit box, `box(lo, hi)`, H-representation; typed DomainError. */
export {
  domainFrom,
  box,
  unitBox,
  DomainError,
  FULL_ENUMERATION_MAX_DIMENSION,
  type Domain,
  type DomainSpec,
} from './domain.js';

/** Full enumeration of a model's cells (SPEC §2 order). */
export {
  partitionOf,
  type PartitionOptions,
  type EnumeratedPartition,
} from './engines/enumerate.js';

/** Model adapters: one per model kind (validate, cells, labels, rows, order, predictions, faces). */
export {
  adapterFor,
  compareLabels,
  type ModelAdapter,
  type FaceCandidate,
  type FaceDecider,
  type Prediction,
} from './adapters/index.js';

/** Tree structure errors (cycles, dangling children, bad features). */
export { TreeStructureError } from './engines/tree.js';
export type { ModelPartitionsErrorCode } from './errors.js';

/** Point location with SPEC §2 tie rules. */
export {
  labelOf,
  mlpClassAt,
  pointLabel,
  locatePoint,
  countPoints,
  OutsideDomainError,
  type Location,
} from './locate/locate.js';
export type { PointLabel } from './locate/label.js';
/** Locating and counting points without passing the model again. */
export { locatorOf, type Locator } from './locate/locator.js';

/**
 * Data-holding cells (partial partitions) and their facet adjacency (on worker threads:
 * `facetAdjacencyParallel` from `@mlgeo/model-partitions/node`).
 */
export { dataHoldingPartition, type DataHoldingOptions } from './engines/data-holding.js';
export {
  ADJACENCY_LP_MAX_DIMENSION,
  facetAdjacency,
  type FacetAdjacency,
  type FacetEdge,
} from './engines/adjacency.js';
export { oneBitPairs } from './engines/face-candidates.js';

/**
 * Decision regions (SPEC §5): class pieces of every cell, the decision boundary inside cells with
 * exact (d−1)-volumes, its bends across shared facets, and exact class-region volumes.
 */
export {
  decisionPartition,
  type DecisionOptions,
  type DecisionPartition,
  type DecisionPiece,
  type DecisionBoundaryPiece,
  type DecisionRegion,
} from './decision/regions.js';
export { type DecisionBend, boundaryBends, unitNormalCos } from './decision/bends.js';
export {
  cellDecision,
  constantClassCell,
  type CellDecision,
  type CellPiece,
  type CellBoundaryFace,
} from './decision/pieces.js';
export { classScores, classAt, evaluateAffine, argmaxLowest } from './decision/scores.js';

/**
 * Exact 2-D slices (docs/math.md §2, slices): the plane x(u, v) = p0 + u(p1 − p0) + v(p2 − p0), a
 * model restricted to it (a 2-input model with the same labels and outputs), the domain ∩ plane as
 * an exact 2-D H-representation, and data points near the plane in plane coordinates.
 */
export {
  slicePlane,
  pointOnPlane,
  planeCoordinates,
  pointsNearPlane,
  SliceError,
  type SlicePlane,
  type PointOnPlane,
} from './slice/plane.js';
export { restrictToPlane, isRestrictable, RESTRICTABLE_KINDS } from './slice/restrict.js';
export { sliceDomain, type PlaneHRep } from './slice/domain.js';

/**
 * The LP-only geometry tier of data-holding cells in any d (docs/math.md "LP tier"): Chebyshev
 * balls, certified facets, cell ridge angles, margins, output maps and slope norms, and the facet
 * adjacency with certificate points — no vertex enumeration.
 */
export {
  lpGeometry,
  hyperplaneCandidates,
  type LpGeometry,
  type LpGeometryOptions,
  type LpCell,
} from './lp-cells/geometry.js';
export type { ChebyshevBall, RowStatus } from './lp-cells/facets.js';
export type { CellRidge, CellRidges, RidgeOptions } from './lp-cells/ridges.js';
export type { PointMargin } from './lp-cells/margins.js';
export {
  ballVolume,
  estimateVolume,
  type VolumeEstimate,
  type VolumeEstimateOptions,
} from './lp-cells/volume-estimate.js';
export { facetAdjacencyOf } from './engines/adjacency.js';
