/**
 * @mlgeo/exact-arith — exact numbers for verified geometry (SPEC §1).
 *
 * - `Rational`: BigInt rationals, exact float64/float32 conversion, `"p/q"` and decimal parsing,
 *   correctly rounded `toNumber`.
 * - `SqrtRational`: r·√q values in normal form, ordered by sign and r²q; `RadicalSum`: exact sums
 *   Σ c_i·√q_i; `sqrtInteger`: cached normal forms of √n.
 * - `Field<T>` with `RationalField` and `Float64Field`, and linear algebra over any field.
 * - Fraction-free BigInt kernels (Bareiss) for the exact hot path.
 * - `CsrMatrix<T>`: compressed sparse row matrices over any field (products, B·M·Bᵀ).
 * - `toSpecJson` / `parseSpecJson`: the SPEC §1 JSON forms.
 * - `isRational`, `isSqrtRational`, `isMlgeoError`: brand checks that, unlike `instanceof`, also
 *   recognise values and errors of a second copy of this package.
 * - The predicate kernel (`predicates/`): integer points, float-filtered signs with one proven error
 *   bound, a running-error affine map, and the approximate-then-exact combinator `filtered`.
 */
export {
  MlgeoError,
  type ExactArithErrorCode,
  isMlgeoError,
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
export { Rational, rat, isRational, type RationalLike } from './rational.js';
export { SqrtRational, isSqrtRational } from './sqrt-rational.js';
export { angleFromCos } from './angle.js';
/** Brands for recognising values across copies of a package (see isRational). */
export { brandSymbol, setBrand, hasBrand } from './brand.js';
export { lazyProperty } from './lazy-property.js';
export {
  RadicalSum,
  type RadicalComplex,
  complexMul,
  unitFromCos,
} from './radicals/radical-sum.js';
export { sqrtInteger } from './radicals/radicand-cache.js';
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
/** Lehmer gcds on float64 limbs (engines whose integers are limbs: model-partitions limb-maps). */
export { LIMB_BITS, gcdDouble, gcdOfLongs, limbGcd, limbTop, limbsMod } from './limb-gcd.js';
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
export { CsrMatrix, type Triplet } from './sparse/csr-matrix.js';
export { type SymmetricPattern, approximateMinimumDegree } from './sparse/amd.js';
export {
  type IntegerPoint,
  type IntegerHalfSpace,
  type FilterStats,
  type Predicates,
  type Measures,
  newFilterStats,
} from './predicates/types.js';
export {
  UNIT_ROUNDOFF,
  UNDERFLOW_SLACK,
  EXACT_INTEGER_LIMIT,
  MAX_TERMS,
  gamma,
  sumErrorBound,
  signBeyond,
} from './predicates/error-bound.js';
export {
  exactDotSign,
  filteredDotSign,
  toFloatVector,
  affineNumerator,
  exactAffineSign,
  approxAffineSign,
  filteredAffineSign,
} from './predicates/dot-sign.js';
export { affineWithError, roundingErrors } from './predicates/running-error.js';
export { filtered, addFilterStats } from './predicates/filtered.js';
export {
  commonDenominator,
  toIntegerPoint,
  reducedIntegerPoint,
  integerPointToRationals,
  roundFraction,
  roundRational,
  isFilterOperand,
  floatCoordinates,
} from './predicates/integer-point.js';
