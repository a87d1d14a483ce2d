/**
 * Assembles the CLI report (docs/report-schema.md): tool, model, domain, data, the partition's cells
 * (labels, irredundant H-representations, measures, predictions, data counts), the complex as
 * written by @mlgeo/riemannian-complex, and the self-checks.
 *
 * Browser-safe (no Node module; `@mlgeo/cli/browser`): the CLI (report/build.ts) and the playground
 * build their reports with this one function; the caller names the tool (the CLI reads its version
 * from package.json with node:fs).
 */
import { type Measures, type Predicates, Rational, affineWithError } from '@mlgeo/exact-arith';
import { FLOAT_CENTROID_SCALE_TOLERANCE, FLOAT_MEASURE_TOLERANCE } from '@mlgeo/exact-polytope';
import {
  type AffineMap,
  adapterFor,
  classAt,
  classScores,
  type ModelAdapter,
} from '@mlgeo/model-partitions';
import type { ComplexJson } from '@mlgeo/riemannian-complex';
import type { DataPoints } from '../data.js';
import type { DomainChoice } from '../domain-option.js';
import type { EnginePartition, EngineReadResult } from '../engine.js';
import type { Progress } from '../progress.js';
import { decisionJson } from './decision-json.js';
import type { OmittedSection } from './sections.js';
import {
  REPORT_SCHEMA,
  REPORT_VERSION,
  type CellJson,
  type CheckJson,
  type HRepJson,
  type ReportJson,
} from './types.js';

/** Inputs of {@link reportJson}. */
export interface ReportInput {
  command: string;
  modelFile: string;
  modelBytes: Uint8Array;
  sha256: string;
  read: EngineReadResult;
  domain: DomainChoice;
  /** How the partition's combinatorial decisions were taken (identical cells either way). */
  predicates: Predicates;
  /** What the partition's measures are: exact rationals or float-only numbers. */
  measures: Measures;
  data: { file: string; points: DataPoints } | undefined;
  mode: 'all' | 'data';
  /** Why `mode` (the option, or --cells auto's bound against --max-cells); for the summary. */
  modeReason?: string;
  partition: EnginePartition;
  /** Null in a partial report stopped before the complex was written. */
  complex: ComplexJson | null;
  /**
   * Float path: the complex's float volume and centroid of cell i with their error bounds
   * (issue 11; used instead of recomputing them when within FLOAT_MEASURE_TOLERANCE).
   */
  cellFloatMeasures?: (i: number) => {
    volume: { value: number; error: number };
    centroid: { value: number[]; error: number[] };
  };
  /** `--curvature`: the curvature section (SPEC §8). */
  curvature?: ReportJson['curvature'];
  /** `--spectrum`, `--spline`: the Laplacian sections (SPEC §7). */
  spectrum?: ReportJson['spectrum'];
  spline?: ReportJson['spline'];
  /** `--slice`: the plane (with method "restricted" every coordinate is a plane coordinate). */
  slice?: ReportJson['slice'];
  checks: CheckJson[];
  seconds: number;
  /** Seconds per phase (read, partition, complex); `report` is added here. */
  phases: Record<string, number>;
  progress?: Progress;
  /** `--omit`: sections left out (stated in the report's `omitted`). */
  omitted?: readonly OmittedSection[];
  /** `--partial`: the budget that stopped the run. */
  partial?: ReportJson['partial'];
}

/** Exact strings of an H-representation. */
export function hrepJson(rows: readonly { a: readonly Rational[]; b: Rational }[]): HRepJson {
  return { A: rows.map((r) => r.a.map((x) => x.toString())), b: rows.map((r) => r.b.toString()) };
}

/** SPEC §1: a float prediction is within this relative error of the exact one. */
const PREDICTION_TOLERANCE = 1e-9;

/**
 * The float path's prediction at the cell's certified float centroid (exact-polytope, within
 * FLOAT_MEASURE_TOLERANCE relative or FLOAT_CENTROID_SCALE_TOLERANCE of the vertex scale) and its
 * class: certified by the running error bound when the argmax margin exceeds it, else undefined
 * (the caller decides exactly at the exact centroid, so the class is the exact path's).
 */
function floatPrediction(
  output: AffineMap,
  centroid: number[],
  scale: number[],
): { values: number[] | undefined; cls: number | undefined } {
  const err = centroid.map((c, k) =>
    Math.max(FLOAT_MEASURE_TOLERANCE * Math.abs(c), FLOAT_CENTROID_SCALE_TOLERANCE * scale[k]!),
  );
  // SPEC §1: the output values only when their running error bound is within 1e-9 relative
  // (else undefined: the caller evaluates them at the exact centroid)
  const outputs = output.A.length;
  const vz = new Float64Array(outputs);
  const ve = new Float64Array(outputs);
  const certified =
    affineWithError(
      Float64Array.from(output.A.flat(), (v) => v.toNumber()),
      Float64Array.from(output.c, (v) => v.toNumber()),
      centroid,
      err,
      vz,
      ve,
    ) && vz.every((v, j) => ve[j]! <= PREDICTION_TOLERANCE * Math.abs(v));
  const values = certified ? Array.from(vz) : undefined;
  const scores = classScores(output);
  const m = scores.A.length;
  const z = new Float64Array(m);
  const e = new Float64Array(m);
  const W = Float64Array.from(scores.A.flat(), (v) => v.toNumber());
  const b = Float64Array.from(scores.c, (v) => v.toNumber());
  if (!affineWithError(W, b, centroid, err, z, e)) return { values, cls: undefined };
  let k = 0;
  for (let j = 1; j < m; j++) if (z[j]! > z[k]!) k = j;
  for (let j = 0; j < m; j++)
    if (j !== k && !(z[k]! - z[j]! > 2 * (e[k]! + e[j]!))) return { values, cls: undefined };
  return { values, cls: k };
}

/** The complex's float measures when certified to FLOAT_MEASURE_TOLERANCE (relative). */
function certifiedFloatMeasures(
  floats: ReportInput['cellFloatMeasures'],
  index: number,
): { volume: number; centroid: number[] } | undefined {
  if (floats === undefined) return undefined;
  const m = floats(index);
  const tight = (v: number, e: number) => e <= FLOAT_MEASURE_TOLERANCE * Math.abs(v);
  if (!tight(m.volume.value, m.volume.error)) return undefined;
  if (!m.centroid.value.every((c, k) => tight(c, m.centroid.error[k]!))) return undefined;
  return { volume: m.volume.value, centroid: m.centroid.value };
}

function cellJson(
  cell: EnginePartition['cells'][number],
  index: number,
  adapter: ModelAdapter,
  measures: Measures,
  withVertices = true,
  floats?: ReportInput['cellFloatMeasures'],
): CellJson {
  const polytope = cell.polytope;
  const d = polytope.ambientDimension;
  const known = measures === 'float' ? certifiedFloatMeasures(floats, index) : undefined;
  const out: CellJson = {
    index,
    label: cell.label,
    hrep: hrepJson(polytope.facets()),
    // float path (SPEC §1): same cells, measures in float64
    volume:
      measures === 'exact'
        ? polytope.volume().toJSON()
        : (known?.volume ?? polytope.volume({ measures: 'float' })),
    centroid:
      measures === 'exact'
        ? polytope.centroid().map((x) => x.toJSON())
        : (known?.centroid ?? polytope.centroid({ measures: 'float' })),
  };
  if (d <= 3 && withVertices)
    out.vertices = polytope.vertices().map((v) => v.map((x) => x.toString()));
  // MLP cells: computed below (reading `cell.prediction` would compute the exact centroid)
  let prediction = cell.mlp ? undefined : cell.prediction;
  let cls: number | undefined;
  if (cell.mlp && measures === 'float') {
    // float path (issue 11): the output at the float centroid; the class certified in float,
    // exactly at the exact centroid only when the float margin cannot decide it
    const { A, c } = cell.mlp.output;
    out.output = { A: A.map((row) => row.map((x) => x.toString())), c: c.map((x) => x.toString()) };
    const centroid = out.centroid as number[];
    const scale = centroid.map(() => 0);
    for (const v of polytope.vertices())
      v.forEach((x, k) => (scale[k] = Math.max(scale[k]!, Math.abs(x.toNumber()))));
    const p = floatPrediction(cell.mlp.output, centroid, scale);
    const values =
      p.values ??
      (() => {
        // not certified to 1e-9 relative in float: the output at the exact centroid, rounded
        const exact = polytope.centroid();
        return A.map((row, j) =>
          row.reduce((acc, a, i) => acc.add(a.mul(exact[i]!)), c[j]!).toNumber(),
        );
      })();
    prediction = values.length === 1 ? values[0]! : values;
    cls = p.cls ?? classAt(cell.mlp.output, polytope.centroid());
  } else if (cell.mlp) {
    const { A, c } = cell.mlp.output;
    out.output = { A: A.map((row) => row.map((x) => x.toString())), c: c.map((x) => x.toString()) };
    // SPEC §5: the output and its class at the cell's exact centroid (independent of data order)
    const centroid = polytope.centroid();
    prediction = A.map((row, j) =>
      row.reduce((acc, a, i) => acc.add(a.mul(centroid[i]!)), c[j]!).toNumber(),
    );
    if (prediction.length === 1) prediction = prediction[0]!;
    cls = classAt(cell.mlp.output, centroid);
  } else cls = adapter.predictedClass(prediction);
  if (prediction !== undefined) out.prediction = prediction;
  if (cls !== undefined) out.predictedClass = cls;
  if (cell.dataCount !== undefined) out.dataCount = cell.dataCount;
  return out;
}

/** The report's `model` block: file, format, kind, input dimension, hash, architecture. */
export function reportModelJson(
  input: Pick<ReportInput, 'modelFile' | 'read' | 'sha256'>,
): ReportJson['model'] {
  const { read } = input;
  const model: ReportJson['model'] = {
    file: input.modelFile,
    format: read.format,
    kind: read.model.kind,
    inputDimension: read.model.inputDimension,
    sha256: input.sha256,
  };
  const architecture = adapterFor(read.model).architecture?.(read.model);
  if (architecture) model.architecture = architecture;
  return model;
}

/** The report's `data` block (null without `--data`): counts, the label and index columns. */
export function reportDataJson(
  input: Pick<ReportInput, 'data'>,
  partition: { cells: readonly { dataCount?: number }[]; outside?: number },
): ReportJson['data'] {
  if (!input.data) return null;
  const { points } = input.data;
  return {
    file: input.data.file,
    points: points.points.length,
    inCells: partition.cells.reduce((s, c) => s + (c.dataCount ?? 0), 0),
    outside: partition.outside ?? 0,
    ...(points.labelsFrom !== undefined
      ? {
          labels: {
            column: points.labelColumn ?? 'labels',
            from: points.labelsFrom,
            ...(points.classNames ? { classNames: points.classNames } : {}),
          },
        }
      : {}),
    ...(points.indexColumn !== undefined ? { indexColumn: points.indexColumn } : {}),
  };
}

/** The report's `tool` field without the command line: the writer's name and version. */
export interface ReportTool {
  name: 'mlgeo';
  version: string;
}

/** Builds the report object written by `tool` (pure; the caller serialises it). */
export function reportJson(input: ReportInput, tool: ReportTool): ReportJson {
  const { partition, read } = input;
  const adapter = adapterFor(read.model);
  const started = performance.now();
  const omitted = input.omitted ?? [];
  const cells = partition.cells.map((cell, i) => {
    input.progress?.update('report', i, partition.cells.length);
    return cellJson(
      cell,
      i,
      adapter,
      input.measures,
      !omitted.includes('vertices'),
      input.cellFloatMeasures,
    );
  });
  // no cells (a partial report stopped in the partition): no decision block
  const decided =
    partition.cells.length === 0
      ? null
      : decisionJson(partition, read.model, {
          predicates: input.predicates,
          measures: input.measures,
          withVertices: !omitted.includes('vertices'),
        });
  if (decided) cells.forEach((cell, i) => (cell.pieces = decided.pieces[i]!));
  const exact = input.measures === 'exact';
  const volumeSum = exact
    ? partition.cells.reduce((s, c) => s.add(c.polytope.volume()), Rational.ZERO).toJSON()
    : cells.reduce((s, c) => s + (c.volume as number), 0);
  const domainVolume = exact
    ? partition.domain.volume().toJSON()
    : partition.domain.volume({ measures: 'float' });
  return {
    schema: REPORT_SCHEMA,
    version: REPORT_VERSION,
    tool: { name: tool.name, version: tool.version, command: input.command },
    model: reportModelJson(input),
    domain: {
      hrep: hrepJson(input.domain.A.map((a, i) => ({ a, b: input.domain.b[i]! }))),
      volume: domainVolume,
      description: input.domain.description,
    },
    predicates: input.predicates,
    measures: input.measures,
    data: reportDataJson(input, partition),
    partition: {
      mode: input.mode,
      ...(input.modeReason !== undefined ? { modeReason: input.modeReason } : {}),
      complete: partition.complete,
      cellCount: cells.length,
      cells,
      volumeSum,
    },
    decision: decided?.decision ?? null,
    complex: input.complex,
    ...(omitted.length > 0 ? { omitted: [...omitted] } : {}),
    ...(input.partial !== undefined ? { partial: input.partial } : {}),
    ...(input.slice !== undefined ? { slice: input.slice } : {}),
    ...(input.curvature !== undefined ? { curvature: input.curvature } : {}),
    ...(input.spectrum !== undefined ? { spectrum: input.spectrum } : {}),
    ...(input.spline !== undefined ? { spline: input.spline } : {}),
    checks: input.checks,
    timing: {
      seconds: Math.round((input.seconds + (performance.now() - started) / 1000) * 1000) / 1000,
      phases: { ...input.phases, report: Math.round(performance.now() - started) / 1000 },
    },
  };
}
