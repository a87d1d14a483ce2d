/**
 * @mlgeo/curvature — curvature of a Riemannian simplicial complex with data counts (SPEC §8):
 * Ollivier-type statistical Ricci curvature with exact, certified W_1 (an integer network
 * simplex), Forman–Ricci (weighted, augmented, balanced) and vertex curvature.
 *
 * @example
 * ```ts
 * const c = buildComplex(partition);                     // cells with dataCount
 * complexOllivier(c).kappa;                              // κ per edge, hop metric, α = 1/2
 * complexOllivier(c, { mode: 'exact' }).exact!.kappa;    // exact, every W_1 certified
 * complexForman(c);                                      // Forman–Ricci per edge
 * ```
 */
export {
  curvatureGraph,
  complexOllivier,
  complexForman,
  complexVertexCurvature,
  layerCurvature,
  touchesBoundary,
  type ComplexCurvatureOptions,
} from './complex.js';
export {
  ollivierCurvature,
  quadraticRing,
  type OllivierOptions,
  type OllivierResult,
  type EdgeTransport,
} from './ollivier.js';
export { formanCurvature, type FormanOptions } from './forman.js';
export { vertexCurvature, angleDefect, type VertexCurvatureOptions } from './vertex.js';
export { type WeightedGraph, type GraphValue } from './graph.js';
export {
  solveTransport,
  floatAmounts,
  bigintAmounts,
  type Amounts,
  type TransportSolution,
} from './transport/network-simplex.js';
export {
  checkTransportCertificate,
  bigintRing,
  type CheckRing,
  type TransportCertificate,
} from './transport/certificate.js';
export { Quadratic, quadraticAmounts } from './transport/quadratic.js';
export { sinkhornW1, type SinkhornOptions, type SinkhornBounds } from './transport/sinkhorn.js';
export { CurvatureInputError, type CurvatureErrorCode } from './errors.js';
