/** Exact and float linear programming (simplex with anti-cycling) and LP-based predicates. */
export { solveLP } from './solve.js';
export { LPIterationLimitError } from './simplex.js';
export { maxMarginFloat, type MarginLP } from './max-margin-float.js';
export type { LPProblem, LPResult, LPStatus, LPOptions, LPKernel } from './types.js';
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
} from './helpers.js';
