/**
 * Typed errors of @mlgeo/exact-polytope. All extend `MlgeoError` (code, field, fix) so a caller can
 * print one clear line instead of a stack trace.
 */
import { MlgeoError } from '@mlgeo/exact-arith';

/** The codes @mlgeo/exact-polytope throws (listed with their meaning in docs/errors.md). */
export type ExactPolytopeErrorCode =
  | 'EMPTY_POLYTOPE' // an answer that needs a point, asked of an empty polyhedron
  | 'UNBOUNDED' // a bounded result asked of an unbounded polyhedron
  | 'DIMENSION_MISMATCH' // polyhedra or points of different ambient dimension
  | 'NOT_A_NUMBER' // an input entry that is not a number
  | 'INCIDENCE' // inconsistent vertex-facet incidences
  | 'LP_ITERATION_LIMIT' // the simplex method hit its pivot limit
  | 'CDD_FORMAT' // a cdd .ine/.ext file that cannot be read
  | 'CDD_WRITE' // a polyhedron that cannot be written in cdd format
  | 'SHAPE'; // (ShapeError of @mlgeo/exact-arith) malformed rows or a zero facet normal

/** A relative-interior point (or another answer that needs a point) of an empty polyhedron. */
export class EmptyPolytopeError extends MlgeoError<ExactPolytopeErrorCode> {
  constructor(operation: string) {
    super('EMPTY_POLYTOPE', `${operation} is undefined for an empty polyhedron`, {
      fix: 'check isEmpty() first',
    });
  }
}

/** A bounded result (volume, centroid, ...) was asked of an unbounded polyhedron. */
export class UnboundedError extends MlgeoError<ExactPolytopeErrorCode> {
  constructor(operation: string) {
    super('UNBOUNDED', `${operation} needs a bounded polytope, but this polyhedron is unbounded`, {
      fix: 'intersect with a bounded domain (for example a box) or check isBounded() first',
    });
  }
}

/** Two polyhedra (or a polyhedron and a point) live in spaces of different dimension. */
export class DimensionMismatchError extends MlgeoError<ExactPolytopeErrorCode> {
  constructor(expected: number, got: number, field?: string) {
    super('DIMENSION_MISMATCH', `expected ambient dimension ${expected}, got ${got}`, {
      ...(field !== undefined ? { field } : {}),
      fix: 'use polyhedra (and points) of the same ambient dimension',
    });
  }
}
