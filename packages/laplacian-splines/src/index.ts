/**
 * @mlgeo/laplacian-splines — weighted Hodge and extended Laplacians, the Dirac operator, Hodge
 * decomposition, exact Betti numbers, spectra of Δ_0 and simplicial splines on a Riemannian
 * simplicial complex (docs/math.md §7). Takes a complex, never a model.
 */
export { LaplacianInputError, SolverError, type LaplacianSplinesErrorCode } from './errors.js';
export {
  type WeightedComplex,
  type Arithmetic,
  type AnyWeightedComplex,
  isExactComplex,
  type FromComplexOptions,
  FLOAT64,
  weightedComplex,
  fromRiemannianComplex,
  toFloatComplex,
  topDegree,
} from './weighted-complex.js';
export {
  type HodgeLaplacian,
  type ExtendedLaplacian,
  type DiracOperator,
  hodgeLaplacian,
  extendedLaplacian,
  diracOperator,
  vertexMeanMap,
  pseudoInverse,
  diagonalMatrix,
} from './laplacians.js';
export { type HodgeParts, hodgeDecomposition } from './hodge-decomposition.js';
export {
  type Components,
  exactRank,
  boundaryRanks,
  bettiNumbers,
  connectedComponents,
} from './rank.js';
export { nestedDissection, inversePermutation } from './ordering.js';
export {
  type LdlFactor,
  type FloatLdlFactor,
  type LdlOptions,
  ldlFactor,
  ldlFactorFloat,
  factorStatistics,
} from './ldl.js';
export { fillReducingOrdering, postordered } from './ldl-symbolic.js';
export { symmetricTridiagonalEigen } from './tridiagonal-eigen.js';
export { type SymmetricEigen, symmetricEigen } from './dense-eigen.js';
export {
  type Eigenpair,
  type Spectrum,
  type SpectrumOptions,
  laplacianSpectrum,
  generalizedSpectrum,
  matrixComponents,
  floatStiffnessAndMass,
} from './spectrum.js';
export { type PcgOptions, type PcgResult, pcg, incompleteCholesky } from './pcg.js';
export {
  type SplineOptions,
  type SplineResult,
  type GcvPoint,
  simplicialSpline,
  roughnessMatrix,
} from './spline.js';
export { tikhonovFilter, heatFilter } from './filters.js';
export {
  type CellChange,
  type Refinement,
  type RefineOptions,
  refineValues,
  dataMeansPerCell,
} from './refinement.js';
