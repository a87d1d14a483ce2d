/**
 * The report in the CLI's schema (docs/report-schema.md, `reportSchema` of @mlgeo/cli), built in
 * the browser from the same library calls `mlgeo analyze` makes with its default options
 * (adjacency complex, centroid edge lengths, exact predicates and measures, `--cells auto`).
 *
 * Why not the CLI's own `buildReport`: @mlgeo/cli's entry also loads commander, cli-progress,
 * resvg and reads its package.json with `node:fs`, so it does not bundle for a browser. This module
 * repeats the assembly (packages/cli/src/report/build.ts and decision-json.ts); the end-to-end
 * test checks that the page's report equals the CLI's report for the same model and data, and that
 * `mlgeo verify` accepts it, so the two cannot drift apart unnoticed.
 */
import type { CellJson, HRepJson, ReportJson } from '@mlgeo/cli';
import { version as CLI_VERSION } from '@mlgeo/cli/package.json';
import { Rational } from '@mlgeo/exact-arith';
import {
  adapterFor,
  classAt,
  type Model,
  type ModelAdapter,
  type Partition,
} from '@mlgeo/model-partitions';
import type { CheckResult, ComplexJson } from '@mlgeo/riemannian-complex';
// the CLI's own (browser-safe) decision-region JSON: one writer for both reports
import { decisionJson } from '@mlgeo/cli/decision-json';

/** The CLI's report schema name and version (docs/report-schema.md). */
export const REPORT_SCHEMA = 'mlgeo-report';
export const REPORT_VERSION = 4;

/** Exact strings of an H-representation. */
export function hrepJson(rows: readonly { a: readonly Rational[]; b: Rational }[]): HRepJson {
  return { A: rows.map((r) => r.a.map((x) => x.toString())), b: rows.map((r) => r.b.toString()) };
}

const points = (vs: readonly (readonly Rational[])[]) => vs.map((v) => v.map((x) => x.toString()));

function cellJson(
  cell: Partition['cells'][number],
  index: number,
  adapter: ModelAdapter,
): CellJson {
  const polytope = cell.polytope;
  const out: CellJson = {
    index,
    label: cell.label,
    hrep: hrepJson(polytope.facets()),
    volume: polytope.volume().toJSON(),
    centroid: polytope.centroid().map((x) => x.toJSON()),
  };
  if (polytope.ambientDimension <= 3) out.vertices = points(polytope.vertices());
  let prediction = cell.prediction;
  let cls: number | undefined;
  if (cell.mlp) {
    const { A, c } = cell.mlp.output;
    out.output = { A: A.map((row) => row.map((x) => x.toString())), c: c.map((x) => x.toString()) };
    // SPEC §5: the output and its class at the cell's exact centroid
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

/** Inputs of {@link buildReport}. */
export interface ReportInput {
  command: string;
  modelFile: string;
  format: string;
  sha256: string;
  model: Model;
  domain: { A: Rational[][]; b: Rational[]; description: string };
  data:
    | {
        file: string;
        points: number;
        labels?: { column: string; from: 'integers' | 'first appearance' };
      }
    | undefined;
  mode: 'all' | 'data';
  /** Why all cells or only data-holding ones (the CLI's partition.modeReason). */
  modeReason: string;
  partition: Partition;
  complex: ComplexJson;
  checks: CheckResult[];
  seconds: number;
  phases: Record<string, number>;
}

/** The report object, field for field as `mlgeo analyze` writes it. */
export function buildReport(input: ReportInput): ReportJson {
  const { partition, model } = input;
  const adapter = adapterFor(model);
  const started = performance.now();
  const cells = partition.cells.map((cell, i) => cellJson(cell, i, adapter));
  const decided = decisionJson(partition, model, { predicates: 'exact', measures: 'exact' });
  if (decided) cells.forEach((cell, i) => (cell.pieces = decided.pieces[i]!));
  const volumeSum = partition.cells
    .reduce((s, c) => s.add(c.polytope.volume()), Rational.ZERO)
    .toJSON();
  const modelJson: ReportJson['model'] = {
    file: input.modelFile,
    format: input.format as ReportJson['model']['format'],
    kind: model.kind,
    inputDimension: model.inputDimension,
    sha256: input.sha256,
  };
  const architecture = adapter.architecture?.(model);
  if (architecture) modelJson.architecture = architecture;
  const inCells = partition.cells.reduce((s, c) => s + (c.dataCount ?? 0), 0);
  return {
    schema: REPORT_SCHEMA,
    version: REPORT_VERSION,
    tool: { name: 'mlgeo', version: CLI_VERSION, command: input.command },
    model: modelJson,
    domain: {
      hrep: hrepJson(input.domain.A.map((a, i) => ({ a, b: input.domain.b[i]! }))),
      volume: partition.domain.volume().toJSON(),
      description: input.domain.description,
    },
    predicates: 'exact',
    measures: 'exact',
    data: input.data
      ? {
          file: input.data.file,
          points: input.data.points,
          inCells,
          outside: partition.outside ?? 0,
          ...(input.data.labels ? { labels: input.data.labels } : {}),
        }
      : null,
    partition: {
      mode: input.mode,
      modeReason: input.modeReason,
      complete: partition.complete,
      cellCount: cells.length,
      cells,
      volumeSum,
    },
    decision: decided?.decision ?? null,
    complex: input.complex,
    checks: input.checks,
    timing: {
      seconds: Math.round((input.seconds + (performance.now() - started) / 1000) * 1000) / 1000,
      phases: { ...input.phases, report: Math.round(performance.now() - started) / 1000 },
    },
  } as ReportJson;
}
