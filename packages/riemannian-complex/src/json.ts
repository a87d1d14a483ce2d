/**
 * Versioned JSON report of a complex (schema version "3"); exact values in the SPEC §1 JSON forms,
 * or float-only numbers with `measures: 'float'`; each number is written once (`metric.M[0]` and
 * `metric.M[1]` are `null`: they are `metric.M0` and `metric.M1`).
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
export const COMPLEX_JSON_VERSION = '3';

type RationalJson = { exact: string; float: number };
type SqrtJson = ReturnType<SqrtRational['toJSON']>;

const pointJson = (p: readonly Rational[]): string[] => p.map((x) => x.toString());

/** Sections {@link complexToJson} can leave out (`omit`). */
export type ComplexJsonSection = 'metric' | 'ridges' | 'vertices';

/** Options of {@link complexToJson}. */
export interface ComplexJsonOptions {
  /** Run `verify` and list its results in `checks` (default true; false writes `checks: null`). */
  checks?: boolean;
  /**
   * `exact` (default): exact values in the SPEC §1 forms; `float`: every measure (volumes, metric
   * entries, cosines) as a float-only number, the combinatorics unchanged.
   */
  measures?: 'exact' | 'float';
  /**
   * Sections left out: `metric` (`metric: null`, and M_1 is not computed), `ridges`
   * (`ridges: null`, angles not written), `vertices` (no `vertices` in shared faces and ridges).
   */
  omit?: readonly ComplexJsonSection[];
}

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
    volume: SqrtJson | number;
    /** Absent with `omit: ['vertices']`. */
    vertices?: string[][];
  }[];
  intersections: { dimension: number; volume: SqrtJson | number }[][];
  /** `null` with `omit: ['metric']`. */
  metric: {
    edgeLength: 'centroid' | 'unit' | 'density';
    beta: number;
    exact: boolean;
    edgeLengths: (SqrtJson | number | null)[];
    M0: (RationalJson | number)[];
    M1: (SqrtJson | number | null)[];
    /** M_k for k ≥ 2; `M[0]` and `M[1]` are `null` (they are `M0` and `M1`, written once). */
    M: ((SqrtJson | number | null)[] | null)[];
    /** M_0 option when not the default `volume` (docs/math.md §4). */
    vertexWeight?: 'volume' | 'mass';
    /** M_1 face weight when not the default `area`. */
    faceWeight?: 'area' | 'unit' | 'mass';
  } | null;
  ridges:
    | {
        /** Absent with `omit: ['vertices']`. */
        vertices?: string[][];
        point: string[];
        location: 'interior' | 'boundary-facet' | 'boundary-ridge';
        expectedSum: number;
        expectedCos: SqrtJson | number;
        sum: number;
        angles: {
          cell: number;
          kind: 'flat' | 'ridge';
          cos: SqrtJson | number;
          angle: number;
          facets: number[];
        }[];
      }[]
    | null;
  checks: CheckResult[] | null;
}

/** Serialises a complex to the documented JSON report (runs `verify` unless `checks: false`). */
export function complexToJson(c: RiemannianComplex, options: ComplexJsonOptions = {}): ComplexJson {
  const float = options.measures === 'float';
  const omit = new Set(options.omit ?? []);
  const ratJson = (r: Rational): RationalJson | number => (float ? r.toNumber() : r.toJSON());
  const sqrtJson = (x: SqrtRational): SqrtJson | number => (float ? x.toNumber() : x.toJSON());
  /** r·√q form when exact, plain number when float, null for an infinite length. */
  const weightJson = (w: Weight): SqrtJson | number | null =>
    typeof w === 'number' ? (Number.isFinite(w) ? w : null) : sqrtJson(w);
  const withVertices = !omit.has('vertices');
  // float: only the float measures are read (no exact measure is computed, issue 11)
  const metric = omit.has('metric') ? null : float ? null : c.metric;
  const floatMetric = omit.has('metric') || !float ? null : c.floatMetric;
  const volumeFree = floatMetric !== null && isVolumeFree(c) ? c.metric : undefined;
  const floatJson = (v: { value: number }): number | null =>
    Number.isFinite(v.value) ? v.value : null;
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
      volume: float ? f.floatVolume.value : sqrtJson(f.volume),
      ...(withVertices ? { vertices: f.vertices.map(pointJson) } : {}),
    })),
    // the volume-free data complex has no intersection volumes: none are written
    intersections: (isVolumeFree(c) ? [] : c.intersections).map((level) =>
      level.map((I) => ({
        dimension: I.dimension,
        volume: float ? I.floatVolume.value : sqrtJson(I.volume),
      })),
    ),
    metric:
      floatMetric !== null
        ? {
            edgeLength: floatMetric.edgeLength,
            beta: floatMetric.beta,
            exact: false,
            edgeLengths: floatMetric.edgeLengths.map(floatJson),
            M0: floatMetric.M0.map((v) => v.value),
            M1: floatMetric.M1.map(floatJson),
            M: [null, null, ...floatMetric.M.map((level) => level.map(floatJson))].slice(
              0,
              c.simplices.length,
            ),
            ...(volumeFree?.vertexWeight ? { vertexWeight: volumeFree.vertexWeight } : {}),
            ...(volumeFree?.faceWeight ? { faceWeight: volumeFree.faceWeight } : {}),
          }
        : metric === null
          ? null
          : {
              edgeLength: metric.edgeLength,
              beta: metric.beta,
              exact: !float && metric.measures === 'exact',
              edgeLengths: metric.edgeLengths.map(weightJson),
              M0: metric.M0.map(ratJson),
              M1: metric.M1.map(weightJson),
              // M_0 and M_1 are written once, above
              M: metric.M.map((level, k) => (k <= 1 ? null : level.map(weightJson))),
              ...(metric.vertexWeight ? { vertexWeight: metric.vertexWeight } : {}),
              ...(metric.faceWeight ? { faceWeight: metric.faceWeight } : {}),
            },
    ridges: omit.has('ridges')
      ? null
      : (c.ridges?.map((r) => ({
          ...(withVertices ? { vertices: r.vertices.map(pointJson) } : {}),
          point: pointJson(r.point),
          location: r.location,
          expectedSum: r.expectedSum,
          expectedCos: sqrtJson(r.expectedCos),
          sum: r.sum,
          angles: r.angles.map((a) => ({
            cell: a.cell,
            kind: a.kind,
            cos: float ? a.floatCos.value : sqrtJson(a.cos),
            angle: a.angle,
            facets: a.facets,
          })),
        })) ?? null),
    checks: options.checks === false ? null : verify(c),
  };
}
