/**
 * Typed errors of @mlgeo/exact-polytope. All extend `MlgeoError` (code, field, fix) so a caller can
 * print one clear line instead of a stack trace.
 */
import { MlgeoError } from '@mlgeo/exact-arith';

/** A relative-interior point (or another answer that needs a point) of an empty polyhedron. */
export class EmptyPolytopeError extends MlgeoError {
  constructor(operation: string) {
    super('EMPTY_POLYTOPE', `${operation} is undefined for an empty polyhedron`, {
      fix: 'check isEmpty() first',
    });
  }
}

/** A bounded result (volume, centroid, ...) was asked of an unbounded polyhedron. */
export class UnboundedError extends MlgeoError {
  constructor(operation: string) {
    super('UNBOUNDED', `${operation} needs a bounded polytope, but this polyhedron is unbounded`, {
      fix: 'intersect with a bounded domain (for example a box) or check isBounded() first',
    });
  }
}

/** Two polyhedra (or a polyhedron and a point) live in spaces of different dimension. */
export class DimensionMismatchError extends MlgeoError {
  constructor(expected: number, got: number, field?: string) {
    super('DIMENSION_MISMATCH', `expected ambient dimension ${expected}, got ${got}`, {
      ...(field !== undefined ? { field } : {}),
      fix: 'use polyhedra (and points) of the same ambient dimension',
    });
  }
}
