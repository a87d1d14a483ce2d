/**
 * @mlgeo/model-partitions — the convex cells that machine-learning models cut their input space into
 * (SPEC §2): hyperplane arrangements, ReLU MLPs, decision trees, forests, Voronoi sites and linear
 * classifiers; full enumeration (exact, or float-filtered with identical cells), point location with
 * the SPEC tie rules, data-holding cells in high dimension and their facet adjacency.
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
export { domainFrom, box, unitBox, DomainError, type Domain, type DomainSpec } from './domain.js';

/** Full enumeration of a model's cells (SPEC §2 order). */
export {
  partitionOf,
  type PartitionOptions,
  type EnumeratedPartition,
} from './engines/enumerate.js';

/** Label order of SPEC §2. */
export { compareLabels } from './engines/order.js';

/** Tree structure errors (cycles, dangling children, bad features). */
export { TreeStructureError } from './engines/tree.js';

/** Point location with SPEC §2 tie rules. */
export {
  labelOf,
  pointLabel,
  locatePoint,
  countPoints,
  OutsideDomainError,
  type Location,
} from './locate/locate.js';
export type { PointLabel } from './locate/label.js';

/** Data-holding cells (partial partitions) and their facet adjacency. */
export { dataHoldingPartition, type DataHoldingOptions } from './engines/data-holding.js';
export {
  facetAdjacency,
  facetAdjacencyParallel,
  oneBitPairs,
  type FacetAdjacency,
  type FacetEdge,
} from './engines/adjacency.js';

/** Model file and data readers (owned by the readers helper). */
export * from './readers/index.js';
