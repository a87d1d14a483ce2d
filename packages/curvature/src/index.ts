/**
 * @mlgeo/curvature — curvature of a Riemannian simplicial complex with data counts (SPEC §8):
 * Ollivier-type statistical Ricci curvature with exact, certified W_1 (an integer network
 * simplex), Forman–Ricci (weighted, balanced, augmented) and vertex curvature.
 */
export {
  ollivierCurvature,
  type OllivierOptions,
  type OllivierResult,
  type EdgeTransport,
} from './ollivier.js';
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
export { CurvatureInputError, type CurvatureErrorCode } from './errors.js';
