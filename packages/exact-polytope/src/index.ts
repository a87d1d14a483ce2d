/**
 * @mlgeo/exact-polytope — exact convex polyhedra (SPEC §3): H- and V-representations, vertex and
 * facet enumeration by the double description method on BigInt, an optional float64 fast path with
 * a proven sign filter (identical combinatorics), and typed errors.
 */
export {
  Polytope,
  isPolytope,
  halfspaceRow,
  type MeasureOptions,
  type HalfspaceRow,
  type Face,
  type PolytopeStats,
  type HRepOptions,
  type VRepOptions,
} from './polytope.js';
export {
  knownExactVertex,
  knownFacetRows,
  knownVertexIds,
  knownCell,
  KnownCell,
  polytopeFromKnownVertices,
  type KnownVerticesInput,
  type KnownVertexSource,
} from './known-vertices.js';
export { type RationalsSlots, reducedVertexPoint } from './vertex-rationals.js';
export { boxHRep, type BoxRowOrder, type RationalHRep } from './box.js';
export {
  EmptyPolytopeError,
  UnboundedError,
  DimensionMismatchError,
  type ExactPolytopeErrorCode,
} from './errors.js';
export {
  MlgeoError,
  isMlgeoError,
  ShapeError,
  NonFiniteNumberError,
  type Predicates,
  type Measures,
} from '@mlgeo/exact-arith';
// Exact / certified LP (simplex with an anti-cycling rule) and its feasibility helpers.
export { solveLP } from './lp/solve.js';
export { LPIterationLimitError } from './lp/simplex.js';
export { maxMarginFloat, type MarginLP } from './lp/max-margin-float.js';
export {
  boundedDualSimplex,
  denseOperator,
  type LinearOperator,
  type BoundedLP,
  type BoundedOptions,
  type BoundedResult,
} from './lp/bounded-dual-float.js';
export type { LPProblem, LPResult, LPStatus, LPOptions, LPKernel } from './lp/types.js';
export {
  isFeasible,
  maximizeLinear,
  linearRange,
  hyperplaneSide,
  isRedundantRow,
  strictInteriorPoint,
  relativeInteriorPoint,
  type Equalities,
  type LinearRange,
  type HyperplaneSide,
} from './lp/helpers.js';
// Volumes, relative volumes (SPEC §3), centroids, face lattices and the Minkowski self-check, from
// vertices and vertex–facet incidence.
export {
  volumeFromVertices,
  relativeVolumeFromVertices,
  facetVolumesFromVertices,
  relativeVolumeFloatFromVertices,
  centroidFromVertices,
  facesFromIncidence,
  minkowskiResidual,
  affineDimension,
  floatMeasuresFromVertices,
  type FaceMeasure,
  type VertexIncidence,
} from './measures/measures.js';
export {
  FLOAT_MEASURE_TOLERANCE,
  FLOAT_CENTROID_SCALE_TOLERANCE,
  type FloatMeasures,
} from './measures/float-measures.js';
export { FaceLattice, IncidenceError } from './measures/face-lattice.js';
// Splitting a vertex-described convex cell by a hyperplane (one double-description step, exact).
export {
  halfSpaceResidual,
  halfSpaceSign,
  segmentCrossing,
  splitVertexCell,
  type VertexCell,
  type CellPart,
  type CellSplit,
  type SplitOptions,
} from './cut/split-cell.js';
// The cdd/lrs text formats (.ine / .ext) on plain data; `Polytope.fromIne`/`fromExt` wrap them.
export { parseIne, formatIne, type IneData, type IneInput } from './io/ine.js';
export { parseExt, formatExt, type ExtData, type ExtInput } from './io/ext.js';
export { readCddText, type CddDocument, type CddNumberType } from './io/cdd-text.js';
export { CddFormatError, CddWriteError, type CddFormatProblem } from './io/errors.js';
