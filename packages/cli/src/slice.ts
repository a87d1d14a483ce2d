/**
 * `--slice` and `--slice-tolerance` of `mlgeo analyze` (docs/tutorials/cli.md, slices): the plane
 * through three points p0, p1, p2, given as coordinates (`"p0;p1;p2"`, comma-separated) or as rows
 * of `--data` (`rows:i,j,k`, counted from 0). For d > 2 the model is restricted to the plane
 * (@mlgeo/model-partitions `restrictToPlane`) and the plane itself is partitioned in plane
 * coordinates (u, v), x(u, v) = p0 + u·(p1 − p0) + v·(p2 − p0); trees and forests, whose restriction
 * has oblique splits, keep their full partition and the picture shows its section.
 */
import { Rational, isMlgeoError } from '@mlgeo/exact-arith';
import {
  type Model,
  type SlicePlane,
  adapterFor,
  isRestrictable,
  pointsNearPlane,
  restrictToPlane,
  sliceDomain,
  slicePlane,
} from '@mlgeo/model-partitions';
import type { DataPoints } from './data.js';
import type { DomainChoice } from './domain-option.js';
import { UsageError } from './errors.js';
import type { ReportJson } from './report/types.js';
import type { SvgScene } from './svg/render.js';

/** `--slice` as written: three coordinate lists, or three data rows. */
export type SliceSpec =
  | { kind: 'points'; text: string; points: [string[], string[], string[]] }
  | { kind: 'rows'; text: string; rows: [number, number, number] };

/** The report's `slice` block. */
export type SliceJson = NonNullable<ReportJson['slice']>;

/** The map from plane coordinates to the input space, as the report states it. */
export const SLICE_MAP = 'x(u, v) = p0 + u·(p1 − p0) + v·(p2 − p0)';

function exampleFix(dimension: number): string {
  if (dimension > 4) return 'write --slice rows:0,1,2 (three rows of --data, counted from 0)';
  const unit = (i: number) =>
    Array.from({ length: dimension }, (_, k) => (k === i - 1 ? 1 : 0)).join(',');
  return `write --slice "${unit(0)};${unit(1)};${unit(2)}" (three points, coordinates separated by commas) or --slice rows:0,1,2 (rows of --data)`;
}

/** Parses `--slice` for a d-input model (syntax only; rows are checked against the data later). */
export function parseSliceSpec(text: string, dimension: number): SliceSpec {
  const rows = /^\s*rows\s*:(.*)$/i.exec(text);
  if (rows) {
    const parts = rows[1]!.split(',').map((s) => s.trim());
    if (parts.length !== 3 || parts.some((p) => !/^\d+$/.test(p)))
      throw new UsageError(`--slice rows: needs three row numbers, got "${text}"`, {
        field: '--slice',
        fix: 'write e.g. --slice rows:12,40,7 (rows of --data, counted from 0)',
      });
    return { kind: 'rows', text, rows: parts.map(Number) as [number, number, number] };
  }
  const pts = text.split(';').map((p) => p.split(',').map((x) => x.trim()));
  const bad =
    pts.length !== 3 ||
    pts.some(
      (p) =>
        p.length !== dimension ||
        p.some((x) => {
          try {
            Rational.parse(x);
            return false;
          } catch {
            return true;
          }
        }),
    );
  if (bad)
    throw new UsageError(
      `--slice needs three points with ${dimension} coordinates (or rows:i,j,k), got "${text.length > 60 ? text.slice(0, 57) + '…' : text}"`,
      { field: '--slice', fix: exampleFix(dimension) },
    );
  return { kind: 'points', text, points: pts as [string[], string[], string[]] };
}

/** The three points of the slice (from the data rows for `rows:`), exact. */
export function slicePoints(
  spec: SliceSpec,
  data: DataPoints | undefined,
): [Rational[], Rational[], Rational[]] {
  if (spec.kind === 'points')
    return spec.points.map((p) => p.map((x) => Rational.parse(x))) as [
      Rational[],
      Rational[],
      Rational[],
    ];
  if (data === undefined)
    throw new UsageError('--slice rows:… picks rows of the data: give --data', {
      field: '--slice',
      fix: 'add --data points.csv, or give the three points as --slice "p0;p1;p2"',
    });
  const n = data.points.length;
  for (const r of spec.rows)
    if (r >= n)
      throw new UsageError(
        `--slice row ${r} does not exist: the data has ${n} rows (0 to ${n - 1})`,
        {
          field: '--slice',
          fix: `pick rows between 0 and ${n - 1} (counted from 0, header and comments not counted)`,
        },
      );
  return spec.rows.map((r) => data.points[r]!) as [Rational[], Rational[], Rational[]];
}

/** Library slice errors as usage errors naming `--slice` (they are found before any work). */
function asUsage(error: unknown, spec: SliceSpec): unknown {
  if (!isMlgeoError(error) || !error.code.startsWith('SLICE_')) return error;
  const detail = error.message.replace(/ \(fix: .*\)$/, '').replace(/^[^ ]+: /, '');
  const names =
    spec.kind === 'rows'
      ? detail.replace(/\bp([012])\b/g, (_, k: string) => `row ${spec.rows[Number(k)]}`)
      : detail;
  return new UsageError(names, {
    field: '--slice',
    fix:
      error.code === 'SLICE_DEGENERATE'
        ? spec.kind === 'rows'
          ? 'pick three different data rows that do not lie on one line'
          : 'give three distinct points that do not lie on one line'
        : error.code === 'SLICE_MISSES_DOMAIN'
          ? 'choose points inside the domain (e.g. data rows) or enlarge it with --domain'
          : (error.fix ?? 'check --slice'),
  });
}

/** The plane of `--slice` (UsageError naming --slice for wrong, coincident or collinear points). */
export function planeOfSlice(
  spec: SliceSpec,
  dimension: number,
  data: DataPoints | undefined,
): SlicePlane {
  const [p0, p1, p2] = slicePoints(spec, data);
  try {
    return slicePlane(p0, p1, p2, dimension);
  } catch (error) {
    throw asUsage(error, spec);
  }
}

/** Parses `--slice-tolerance` (a distance ≥ 0 in input units; exact decimals or p/q). */
export function parseSliceTolerance(text: string | undefined): Rational {
  if (text === undefined) return Rational.ZERO;
  let t: Rational | undefined;
  try {
    t = Rational.parse(text);
  } catch {
    t = undefined;
  }
  if (t === undefined || t.sign() < 0)
    throw new UsageError(`--slice-tolerance must be a distance ≥ 0, got "${text}"`, {
      field: '--slice-tolerance',
      fix: 'write e.g. --slice-tolerance 0.5 (Euclidean distance in input units; default 0)',
    });
  return t;
}

/** Whether `--slice` restricts the model (d > 2 and a kind with an exact restriction). */
export function restrictsModel(model: Model): boolean {
  return model.inputDimension > 2 && isRestrictable(model);
}

/** The restricted analysis' inputs: 2-input model, X ∩ plane, the data near the plane. */
export interface SlicedInputs {
  model: Model;
  domain: DomainChoice;
  data: DataPoints | undefined;
  json: SliceJson;
}

/** The report's description of the slice (both methods). */
export function sliceJson(
  spec: SliceSpec,
  plane: SlicePlane,
  model: Model,
  tolerance: Rational,
  method: 'restricted' | 'section',
  nearPlane: number | undefined,
): SliceJson {
  const architecture = adapterFor(model).architecture?.(model);
  return {
    method,
    coordinates: method === 'restricted' ? 'plane' : 'input',
    map: SLICE_MAP,
    points: plane.points.map((p) => p.map(String)),
    ...(spec.kind === 'rows' ? { rows: [...spec.rows] } : {}),
    model: {
      kind: model.kind,
      inputDimension: model.inputDimension,
      ...(architecture ? { architecture } : {}),
    },
    tolerance: tolerance.toString(),
    ...(nearPlane !== undefined ? { pointsNearPlane: nearPlane } : {}),
  };
}

/** The data points within `tolerance` of the plane, in plane coordinates (labels kept). */
export function dataOnPlane(data: DataPoints, plane: SlicePlane, tolerance: Rational): DataPoints {
  const near = pointsNearPlane(plane, data.points, tolerance);
  const labels = data.labels;
  return {
    points: near.map((p) => [...p.uv]),
    ...(labels ? { labels: near.map((p) => labels[p.index]!) } : {}),
    featureNames: ['u', 'v'],
  };
}

/**
 * The model, domain and data of the plane: the model restricted to it, X ∩ plane as an exact 2-D
 * H-representation, the data points within `tolerance` projected to plane coordinates.
 */
export function slicedInputs(
  model: Model,
  domain: DomainChoice,
  data: DataPoints | undefined,
  spec: SliceSpec,
  plane: SlicePlane,
  tolerance: Rational,
): SlicedInputs {
  let planeDomain;
  try {
    planeDomain = sliceDomain(plane, domain.A, domain.b);
  } catch (error) {
    throw asUsage(error, spec);
  }
  const restricted = restrictToPlane(model, plane);
  const near = data !== undefined ? dataOnPlane(data, plane, tolerance) : undefined;
  return {
    model: restricted,
    domain: {
      A: planeDomain.A,
      b: planeDomain.b,
      description: `${domain.description} ∩ the plane ${SLICE_MAP}, in plane coordinates (u, v)`,
    },
    data: near,
    json: sliceJson(spec, plane, model, tolerance, 'restricted', near?.points.length),
  };
}

/** How many data points lie within `tolerance` of the plane (the section path's count). */
export function pointsNearPlaneCount(
  data: DataPoints,
  plane: SlicePlane,
  tolerance: Rational,
): number {
  return pointsNearPlane(plane, data.points, tolerance).length;
}

/**
 * Marks p0, p1, p2 in the picture (named by their data rows with `rows:`), names the axes u and v
 * of the plane, and draws the data within the tolerance (section pictures).
 */
export function markSlicePoints(scene: SvgScene, slice: SliceJson): void {
  const name = (k: number) => (slice.rows ? `p${k} (row ${slice.rows[k]})` : `p${k}`);
  const at =
    slice.method === 'restricted'
      ? [
          [0, 0],
          [1, 0],
          [0, 1],
        ]
      : slice.points.map((p) => p.map((x) => Rational.parse(x).toNumber()));
  scene.marks = at.map((x, k) => ({ x, name: name(k) }));
  scene.axisNames = ['u', 'v'];
  scene.pointTolerance = Math.max(Rational.parse(slice.tolerance).toNumber(), 1e-9);
  if (slice.method === 'restricted')
    scene.title = `${scene.title ?? ''} in the plane of 3 points (${slice.model.inputDimension}-D input)`;
}

/**
 * `mlgeo verify --model` of a report of a restricted slice: the model file's model restricted to
 * the report's plane (and the data near it, projected), so that every claim is checked against
 * what `analyze` partitioned. Other reports are returned unchanged.
 */
export function sliceEvidence<E extends { model: Model; data?: DataPoints }>(
  evidence: E,
  report: unknown,
): E {
  const slice = (report as { slice?: Partial<SliceJson> } | null)?.slice;
  if (slice?.method !== 'restricted' || !Array.isArray(slice.points)) return evidence;
  const [p0, p1, p2] = slice.points.map((p) => p.map((x) => Rational.parse(x)));
  const plane = slicePlane(p0!, p1!, p2!, evidence.model.inputDimension);
  const model = restrictToPlane(evidence.model, plane);
  const tolerance = Rational.parse(slice.tolerance ?? '0');
  return {
    ...evidence,
    model,
    ...(evidence.data !== undefined ? { data: dataOnPlane(evidence.data, plane, tolerance) } : {}),
  };
}
