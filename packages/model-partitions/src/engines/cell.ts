/** Turning kernel cells into public PartitionCells (lazy polytope, exact vertices). */
import { type IntegerPoint, Rational, integerNullSpace, lazyProperty } from '@mlgeo/exact-arith';
import { Polytope, polytopeFromKnownVertices } from '@mlgeo/exact-polytope';
import type { Predicates, PartitionCell } from '../partition.js';
import { type IntAffine, affineIntegerRow, affineToRow } from './affine.js';
import { type HVertex, type VCell, vertexToRationals } from './vcell.js';

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

/**
 * The polytope {x : g_k(x) ≤ 0} of a cell whose vertices and vertex–row incidence the engine
 * already knows (exact or certified decisions): built from them without re-running vertex
 * enumeration (exact-polytope `polytopeFromKnownVertices`; same facets, incidence and vertex
 * order as {@link polytopeOfRows}). `tight[v]` indexes `rows`; `exactVertex` is called on demand.
 */
export function polytopeOfKnownCell(
  dimension: number,
  rows: readonly IntAffine[],
  tight: readonly (readonly number[])[],
  exactVertex: (v: number) => IntegerPoint,
  floatVertices: { points: readonly ArrayLike<number>[]; error: number } | undefined,
  predicates: Predicates,
  vertexIds?: { space: object; ids: ArrayLike<number> },
  /** `exactVertex` gives reduced points (vcell.ts `HVertex`): used as given, not reduced again. */
  reducedVertices?: boolean,
): Polytope {
  return polytopeFromKnownVertices({
    dimension,
    // g = w·x + c ≤ 0 is w·x ≤ −c; (−c, −w) is primitive (affine.ts divides out the gcd)
    rows: rows.map(affineIntegerRow),
    primitiveRows: true,
    vertexCount: tight.length,
    tight,
    exactVertex,
    floatVertices,
    predicates,
    vertexIds,
    reducedVertices,
  });
}

/**
 * The exact vertex v of a cell from the rows tight at it, given as homogeneous integer rows
 * (h0, h') in either orientation (its homogeneous ray spans their null space: one small
 * fraction-free elimination) — for engines whose own exact point is costly (the float enumeration
 * rebuilds it through its ancestors); `fallback` when the rows do not fix it.
 */
export function exactVertexFromHomogeneous(
  dimension: number,
  rows: readonly (readonly bigint[])[],
  tight: readonly (readonly number[])[],
  fallback: (v: number) => IntegerPoint,
): (v: number) => IntegerPoint {
  return (v) => exactVertexOfRows(dimension, rows, tight[v]!, v, fallback);
}

/** One vertex of {@link exactVertexFromHomogeneous}: the null space of its tight rows. */
export function exactVertexOfRows(
  dimension: number,
  rows: readonly (readonly bigint[])[],
  tight: readonly number[],
  v: number,
  fallback: (v: number) => IntegerPoint,
): IntegerPoint {
  const M = tight.map((r) => rows[r]! as bigint[]);
  const basis = M.length >= dimension ? integerNullSpace(M, dimension + 1) : [];
  if (basis.length === 1 && basis[0]![0] !== 0n) {
    const y = basis[0]!;
    const sign = y[0]! > 0n ? 1n : -1n;
    return { num: y.slice(1).map((x) => x * sign), den: y[0]! * sign };
  }
  return fallback(v);
}

/** Vertex v of a list (the polytope's exact vertex source). */
function vertexReader(vertices: readonly HVertex[]): (v: number) => IntegerPoint {
  return (v) => vertices[v]!;
}

/** The vertices' exact rational coordinates, when called. */
function rationalVertices(vertices: readonly HVertex[]): () => Rational[][] {
  return () => vertices.map(vertexToRationals);
}

/** Float copies of a VCell's vertices (correctly rounded) with their error bound, if usable. */
function vcellFloats(vcell: VCell): { points: Float64Array[]; error: number } | undefined {
  let max = 0;
  for (const v of vcell.vertices)
    for (const x of v.xf) {
      if (Number.isNaN(x) || !Number.isFinite(x)) return undefined;
      if (Math.abs(x) > max) max = Math.abs(x);
    }
  // each coordinate is num/den correctly rounded (exact-arith roundFraction): within u·|x|
  return {
    points: vcell.vertices.map((v) => v.xf),
    error: 2 ** -53 * max * (1 + 2 ** -40) + 1e-300,
  };
}

/** A partition cell's object, made by `new`, so born young (docs/contributing.md, "Objects a run keeps"). */
class KernelCell {
  constructor(public label: string) {}
}

/** A PartitionCell for a kernel cell: label, lazy polytope (its facet rows), exact vertices. */
export function cellFromVCell(
  label: string,
  vcell: VCell,
  predicates: Predicates,
  extra: Partial<PartitionCell> = {},
): PartitionCell {
  const cell = Object.assign(new KernelCell(label), extra) as PartitionCell;
  // only the polytope's maker holds the VCell (until it has run): the polytope's vertex source
  // and `vertices` hold the vertex list, so the cell's rows and incidence die once the polytope
  // is made (it has its own). Made by helpers: a closure made here would share this scope.
  const vertexAt = vertexReader(vcell.vertices);
  lazyProperty(cell, 'polytope', () =>
    vcell.vertices.length > vcell.dimension && vcell.incidence.length === vcell.vertices.length
      ? polytopeOfKnownCell(
          vcell.dimension,
          vcell.rows,
          vcell.incidence,
          vertexAt,
          vcellFloats(vcell),
          predicates,
          undefined,
          true,
        )
      : polytopeOfRows(vcell.rows, predicates),
  );
  lazyProperty(cell, 'vertices', rationalVertices(vcell.vertices));
  return cell;
}
