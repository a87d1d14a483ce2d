/**
 * @mlgeo/exact-arith — exact numbers for verified geometry (SPEC §1).
 *
 * - `Rational`: BigInt rationals, exact float64/float32 conversion, `"p/q"` and decimal parsing,
 *   correctly rounded `toNumber`.
 * - `SqrtRational`: r·√q values in normal form, ordered by sign and r²q.
 * - `Field<T>` with `RationalField` and `Float64Field`, and linear algebra over any field.
 * - Fraction-free BigInt kernels (Bareiss) for the exact hot path.
 * - `toSpecJson` / `parseSpecJson`: the SPEC §1 JSON forms.
 */
export {
  MlgeoError,
  NonFiniteNumberError,
  NumberParseError,
  DivisionByZeroError,
  ShapeError,
  SingularMatrixError,
  NegativeRadicandError,
} from './errors.js';
export {
  toSpecJson,
  parseSpecJson,
  SpecJsonError,
  type RationalJson,
  type SqrtRationalJson,
  type SpecJson,
} from './json.js';
export { Rational, rat, type RationalLike } from './rational.js';
export { SqrtRational } from './sqrt-rational.js';
export { doubleToFraction, fractionToDouble } from './float.js';
export {
  absBig,
  gcdBig,
  gcdOfList,
  bitLength,
  isqrt,
  isPerfectSquare,
  primitiveVector,
} from './bigint.js';
export {
  type Field,
  RationalField,
  Float64Field,
  createFloat64Field,
  isRationalField,
  isFloat64Field,
} from './field.js';
export {
  type Matrix,
  type EchelonResult,
  rref,
  rank,
  determinant,
  eliminationDeterminant,
  nullSpace,
  solve,
  inverse,
  transpose,
  matMul,
  matVec,
  dot,
} from './linalg.js';
export {
  type IntegerEchelon,
  bareissDeterminant,
  bareissEchelon,
  bareissRank,
  integerNullSpace,
  integerKernel,
  bareissSolve,
  toPrimitiveIntegers,
} from './bareiss.js';
export { seededRandom } from './random.js';
export {
  type IntegerPoint,
  type IntegerHalfSpace,
  type FilterStats,
  type Predicates,
  type Measures,
  newFilterStats,
} from './predicates/types.js';
