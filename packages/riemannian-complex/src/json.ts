/**
 * Versioned JSON report of a complex (schema version "2"); exact values in the SPEC §1 JSON forms.
 * Cells are references `{ cell }` to the partition the complex was built from (its label, H-rep,
 * volume and centroid live there). The format is documented in README.md ("JSON report").
 */
import { isVolumeFree } from './data-complex.js';
import { Rational, SqrtRational } from '@mlgeo/exact-arith';
import { type CheckResult, verify } from './verify.js';
import type { RiemannianComplex, Weight } from './types.js';

/** Schema identifier of the report (`schema` field). */
export const COMPLEX_JSON_SCHEMA = 'mlgeo.riemannian-complex';
/** Schema version of the report (`version` field); bumped on incompatible changes. */
export const COMPLEX_JSON_VERSION = '2';

type RationalJson = { exact: string; float: number };
type SqrtJson = ReturnType<SqrtRational['toJSON']>;

const ratJson = (r: Rational): RationalJson => r.toJSON();
const sqrtJson = (s: SqrtRational): SqrtJson => s.toJSON();
const pointJson = (p: readonly Rational[]): string[] => p.map((x) => x.toString());
/** r·√q form when exact, plain number when float, null for an infinite length. */
const weightJson = (w: Weight): SqrtJson | number | null =>
  typeof w === 'number' ? (Number.isFinite(w) ? w : null) : sqrtJson(w);

/** The JSON report (a plain object, ready for JSON.stringify). */
export interface ComplexJson {
  schema: typeof COMPLEX_JSON_SCHEMA;
  version: typeof COMPLEX_JSON_VERSION;
  kind: 'adjacency' | 'nerve';
  dimension: number;
  maxDimension: number | null;
  complete: boolean;
  truncated: boolean;
  /**
   * One entry per complex cell: `cell` is the index of the partition cell it is (the partition the
   * complex was built from; in an mlgeo report, `partition.cells[cell]`). Simplices, shared faces
   * and ridge angles number the complex cells.
   */
  cells: { cell: number }[];
  simplices: number[][][];
  fVector: number[];
  eulerCharacteristic: number;
  sharedFaces: {
    i: number;
    j: number;
    hyperplane: { a: string[]; b: string };
    volume: SqrtJson;
    vertices: string[][];
  }[];
  intersections: { dimension: number; volume: SqrtJson }[][];
  metric: {
    edgeLength: 'centroid' | 'unit' | 'density';
    beta: number;
    exact: boolean;
    edgeLengths: (SqrtJson | number | null)[];
    M0: RationalJson[];
    M1: (SqrtJson | number | null)[];
    M: (SqrtJson | number | null)[][];
    /** M_0 option when not the default `volume` (docs/math.md §4). */
    vertexWeight?: 'volume' | 'mass';
    /** M_1 face weight when not the default `area`. */
    faceWeight?: 'area' | 'unit' | 'mass';
  };
  ridges:
    | {
        vertices: string[][];
        point: string[];
        location: 'interior' | 'boundary-facet' | 'boundary-ridge';
        expectedSum: number;
        expectedCos: SqrtJson;
        sum: number;
        angles: {
          cell: number;
          kind: 'flat' | 'ridge';
          cos: SqrtJson;
          angle: number;
          facets: number[];
        }[];
      }[]
    | null;
  checks: CheckResult[] | null;
}

/** Serialises a complex to the documented JSON report (runs `verify` unless `checks: false`). */
export function complexToJson(
  c: RiemannianComplex,
  options: { checks?: boolean } = {},
): ComplexJson {
  return {
    schema: COMPLEX_JSON_SCHEMA,
    version: COMPLEX_JSON_VERSION,
    kind: c.kind,
    dimension: c.dimension,
    maxDimension: Number.isFinite(c.maxDimension) ? c.maxDimension : null,
    complete: c.complete,
    truncated: c.truncated,
    cells: c.cells.map((_, index) => ({ cell: index })),
    simplices: c.simplices,
    fVector: c.fVector,
    eulerCharacteristic: c.eulerCharacteristic,
    sharedFaces: c.sharedFaces.map((f) => ({
      i: f.i,
      j: f.j,
      hyperplane: { a: f.hyperplane.a.map(String), b: String(f.hyperplane.b) },
      volume: sqrtJson(f.volume),
      vertices: f.vertices.map(pointJson),
    })),
    // the volume-free data complex has no intersection volumes: none are written
    intersections: (isVolumeFree(c) ? [] : c.intersections).map((level) =>
      level.map((I) => ({ dimension: I.dimension, volume: sqrtJson(I.volume) })),
    ),
    metric: {
      edgeLength: c.metric.edgeLength,
      beta: c.metric.beta,
      exact: c.metric.measures === 'exact',
      edgeLengths: c.metric.edgeLengths.map(weightJson),
      M0: c.metric.M0.map(ratJson),
      M1: c.metric.M1.map(weightJson),
      M: c.metric.M.map((level) => level.map(weightJson)),
      ...(c.metric.vertexWeight ? { vertexWeight: c.metric.vertexWeight } : {}),
      ...(c.metric.faceWeight ? { faceWeight: c.metric.faceWeight } : {}),
    },
    ridges:
      c.ridges?.map((r) => ({
        vertices: r.vertices.map(pointJson),
        point: pointJson(r.point),
        location: r.location,
        expectedSum: r.expectedSum,
        expectedCos: sqrtJson(r.expectedCos),
        sum: r.sum,
        angles: r.angles.map((a) => ({
          cell: a.cell,
          kind: a.kind,
          cos: sqrtJson(a.cos),
          angle: a.angle,
          facets: a.facets,
        })),
      })) ?? null,
    checks: options.checks === false ? null : verify(c),
  };
}
