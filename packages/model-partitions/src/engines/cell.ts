/** Turning kernel cells into public PartitionCells (lazy polytope, exact vertices). */
import { Rational } from '@mlgeo/exact-arith';
import { Polytope } from '@mlgeo/exact-polytope';
import type { Predicates, PartitionCell } from '../partition.js';
import { type IntAffine, affineToRow } from './affine.js';
import { type VCell, vertexToRationals } from './vcell.js';

/** The polytope {x : g_k(x) ≤ 0 for all rows}. */
export function polytopeOfRows(rows: readonly IntAffine[], predicates: Predicates): Polytope {
  const A: Rational[][] = [];
  const b: Rational[] = [];
  for (const r of rows) {
    const row = affineToRow(r);
    A.push(row.a);
    b.push(row.b);
  }
  return Polytope.fromHRep(A, b, { predicates });
}

/** Defines a lazily computed, cached, enumerable property on an object. */
export function defineLazy<T extends object, K extends string, V>(
  obj: T,
  key: K,
  make: () => V,
): void {
  let value: V | undefined;
  let done = false;
  Object.defineProperty(obj, key, {
    enumerable: true,
    configurable: true,
    get() {
      if (!done) {
        value = make();
        done = true;
      }
      return value;
    },
  });
}

/** A PartitionCell for a kernel cell: label, lazy polytope (its facet rows), exact vertices. */
export function cellFromVCell(
  label: string,
  vcell: VCell,
  predicates: Predicates,
  extra: Partial<PartitionCell> = {},
): PartitionCell {
  const cell = { label, ...extra } as PartitionCell;
  defineLazy(cell, 'polytope', () => polytopeOfRows(vcell.rows, predicates));
  defineLazy(cell, 'vertices', () => vcell.vertices.map(vertexToRationals));
  return cell;
}
