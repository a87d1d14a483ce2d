/**
 * @mlgeo/exact-polytope — exact convex polyhedra (SPEC §3): H- and V-representations, vertex and
 * facet enumeration by the double description method on BigInt, an optional float64 fast path with
 * a proven sign filter (identical combinatorics), and typed errors.
 */
export {
  Polytope,
  type MeasureOptions,
  type HalfspaceRow,
  type Face,
  type PolytopeStats,
  type HRepOptions,
  type VRepOptions,
} from './polytope.js';
export { EmptyPolytopeError, UnboundedError, DimensionMismatchError } from './errors.js';
export {
  MlgeoError,
  ShapeError,
  NonFiniteNumberError,
  type Predicates,
  type Measures,
} from '@mlgeo/exact-arith';
// Exact / certified LP (simplex with an anti-cycling rule) and its feasibility helpers.
export {
  solveLP,
  LPIterationLimitError,
  isFeasible,
  maximizeLinear,
  linearRange,
  hyperplaneSide,
  isRedundantRow,
  strictInteriorPoint,
  relativeInteriorPoint,
  type LPProblem,
  type LPResult,
  type LPStatus,
  type LPOptions,
  type LPKernel,
  type Equalities,
  type LinearRange,
  type HyperplaneSide,
} from './lp/index.js';
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
  FaceLattice,
  IncidenceError,
  type FaceMeasure,
  type VertexIncidence,
} from './measures/index.js';
// The cdd/lrs text formats (.ine / .ext) on plain data; `Polytope.fromIne`/`fromExt` wrap them.
export {
  parseIne,
  formatIne,
  parseExt,
  formatExt,
  readCddText,
  CddFormatError,
  CddWriteError,
  type IneData,
  type IneInput,
  type ExtData,
  type ExtInput,
  type CddDocument,
  type CddNumberType,
  type CddFormatProblem,
} from './io/index.js';
