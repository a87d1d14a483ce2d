/**
 * @mlgeo/riemannian-complex — the adjacency complex or nerve of a partition of a convex domain into
 * convex cells, with exact shared-face volumes, mass matrices M_k, boundary matrices and dihedral
 * angles (SPEC §3, §4), self-checks and a versioned JSON report.
 *
 * @example
 * ```ts
 * const c = buildComplex(partition, { edgeLength: 'centroid' });
 * c.fVector;              // [4, 4]
 * c.metric.M1[0];         // SqrtRational, e.g. 9/34*sqrt(34)
 * verify(c).every((r) => r.ok);
 * ```
 */
export { buildComplex } from './complex.js';
export {
  dataComplex,
  isVolumeFree,
  type DataComplexInput,
  type DataComplexOptions,
} from './data-complex.js';
export { verify, type CheckResult } from './verify.js';
export {
  complexToJson,
  COMPLEX_JSON_SCHEMA,
  COMPLEX_JSON_VERSION,
  type ComplexJson,
  type ComplexJsonOptions,
  type ComplexJsonSection,
} from './json.js';
export { checkRidgeSum, type RidgeSumCheck } from './angles.js';
export { exactMeasuresComputed } from './lazy.js';
export { floatFallbacks } from './float-values.js';
export {
  PartitionInputError,
  ComplexOptionError,
  InconsistentPartitionError,
  type RiemannianComplexErrorCode,
} from './errors.js';
export type {
  PartitionLike,
  ComplexOptions,
  ComplexProgress,
  EdgeLength,
  Weight,
  Intersection,
  SharedFace,
  Metric,
  ExactMetric,
  FloatMetric,
  CellAngle,
  Ridge,
  ComplexCell,
  RiemannianComplex,
} from './types.js';
