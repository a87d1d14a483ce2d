/**
 * `mlgeo verify --model`, the claims only the model can confirm: the model file's sha256, format,
 * kind, input dimension and architecture; every cell's label (the model's own labelling rule,
 * SPEC §2, at the exact centroid, an interior point of the cell) and region (the cell is exactly
 * X ∩ {the label's rows ≤ 0}); MLP cells' output map (A, c); predictions and predicted classes at
 * the exact centroid; and with `--data` every data point's cell by SPEC §2's tie rule (locatorOf),
 * the data counts, `inCells` and `outside`.
 */
import { Polytope } from '@mlgeo/exact-polytope';
import { Rational } from '@mlgeo/exact-arith';
import {
  type Model,
  type Partition,
  adapterFor,
  locatorOf,
  pointLabel,
} from '@mlgeo/model-partitions';
import type { DataPoints } from '../data.js';
import type { ReportJson } from '../report/types.js';
import type { VerifyCache } from './cache.js';
import { type ClaimCounter, expectTrue, floatClose } from './claims.js';
import type { VerifiedPartition } from './partition.js';

/** What `--model` (and `--data`) give verify: the model file read again, and the data points. */
export interface ModelEvidence {
  /** sha256 of the model file's bytes (hex). */
  sha256: string;
  /** The format the model file was read as (detected). */
  format: string;
  model: Model;
  /** The data points of `--data`, when given. */
  data?: DataPoints;
}

const showPoint = (x: readonly Rational[]) => `(${x.map((v) => v.toString()).join(', ')})`;

/** The model's claims about itself: file hash, format, kind, dimension, architecture. */
function verifyModelHeader(report: ReportJson, e: ModelEvidence, counter: ClaimCounter): void {
  const m = report.model;
  const adapter = adapterFor(e.model);
  const checks: [string, unknown, unknown][] = [
    ['model.sha256', m.sha256, e.sha256],
    ['model.format', m.format, e.format],
    ['model.kind', m.kind, e.model.kind],
    ['model.inputDimension', m.inputDimension, e.model.inputDimension],
    ['model.architecture', m.architecture, adapter.architecture?.(e.model)],
  ];
  for (const [claim, said, found] of checks) {
    expectTrue(
      JSON.stringify(said) === JSON.stringify(found),
      claim,
      `report says ${JSON.stringify(said) ?? 'nothing'}, the model file gives ${JSON.stringify(found) ?? 'nothing'}`,
      counter,
    );
  }
}

/** One cell's model-derived values, recomputed (cached per model, label and H-representation). */
interface CellTruth {
  /** The model's label of the exact centroid. */
  label: string;
  /** Undefined when the cell equals X ∩ region(label), else what differs. */
  regionProblem: string | undefined;
  output: { A: string[][]; c: string[] } | undefined;
  prediction: number | number[] | undefined;
  predictedClass: number | undefined;
}

function cellTruth(
  e: ModelEvidence,
  claimedLabel: string,
  polytope: Polytope,
  domain: Polytope,
): CellTruth {
  const adapter = adapterFor(e.model);
  const centroid = polytope.centroid();
  const label = pointLabel(e.model, centroid).label;
  if (label !== claimedLabel) {
    return {
      label,
      regionProblem: undefined,
      output: undefined,
      prediction: undefined,
      predictedClass: undefined,
    };
  }
  // the region of the label: X ∩ {g(x) = w·x + c ≤ 0 for the label's rows}
  const { rows } = adapter.cellRows(e.model, label);
  const domainRows = domain.facets();
  const region = Polytope.fromHRep(
    [...domainRows.map((r) => r.a), ...rows.map((g) => g.w)],
    [...domainRows.map((r) => r.b), ...rows.map((g) => -g.c)],
  );
  const inside = (p: Polytope, v: readonly Rational[]) =>
    p.facets().every((f) => !f.a.reduce((s, a, k) => s.add(a.mul(v[k]!)), Rational.ZERO).gt(f.b));
  const outOfRegion = polytope.vertices().find((v) => !inside(region, v));
  const outOfCell = region.vertices().find((v) => !inside(polytope, v));
  const regionProblem =
    outOfRegion !== undefined
      ? `the cell's vertex ${showPoint(outOfRegion)} is not in the model's region of "${label}"`
      : outOfCell !== undefined
        ? `the model's region of "${label}" has the vertex ${showPoint(outOfCell)} outside the cell`
        : undefined;
  const maps = adapter.cellMaps?.(e.model, label);
  const prediction = adapter.predict(e.model, label, () => centroid);
  return {
    label,
    regionProblem,
    output: maps
      ? {
          A: maps.output.A.map((row) => row.map((x) => x.toString())),
          c: maps.output.c.map((x) => x.toString()),
        }
      : undefined,
    prediction,
    predictedClass: adapter.predictedClass(prediction),
  };
}

/**
 * A float report's prediction is the output at the certified float centroid (issue 11): within the
 * float path's 1e-9 relative (SPEC §1) of the value at the exact centroid.
 */
function predictionClose(
  claimed: number | number[] | undefined,
  truth: number | number[] | undefined,
): boolean {
  if (typeof claimed === 'number' && typeof truth === 'number')
    return floatClose(claimed, truth, 1e-9, 1e-12);
  return (
    Array.isArray(claimed) &&
    Array.isArray(truth) &&
    claimed.length === truth.length &&
    claimed.every((x, k) => typeof x === 'number' && floatClose(x, truth[k]!, 1e-9, 1e-12))
  );
}

/** Verifies every claim that needs the model (see the module comment). */
export function verifyAgainstModel(
  report: ReportJson,
  p: VerifiedPartition,
  e: ModelEvidence,
  counter: ClaimCounter,
  cache: VerifyCache,
): void {
  verifyModelHeader(report, e, counter);
  report.partition.cells.forEach((cell, i) => {
    const claim = `partition.cells[${i}]`;
    const verified = p.cells[i]!;
    const truth = cache.get(`model-cell:${cell.label}|${verified.key}|${p.domainKey}`, () =>
      cellTruth(e, cell.label, verified.polytope, p.domain),
    );
    expectTrue(
      truth.label === cell.label,
      `${claim}.label`,
      `report says "${cell.label}", the model labels the cell's centroid "${truth.label}"`,
      counter,
    );
    expectTrue(
      truth.regionProblem === undefined,
      `${claim}.hrep`,
      `${truth.regionProblem}: the cell is not the model's cell`,
      counter,
    );
    expectTrue(
      JSON.stringify(cell.output) === JSON.stringify(truth.output),
      `${claim}.output`,
      truth.output === undefined
        ? 'the model has no per-cell output map (only ReLU MLPs do)'
        : `report says ${JSON.stringify(cell.output) ?? 'nothing'}, the model's map on the cell is ${JSON.stringify(truth.output)}`,
      counter,
    );
    expectTrue(
      JSON.stringify(cell.prediction) === JSON.stringify(truth.prediction) ||
        (report.measures === 'float' && predictionClose(cell.prediction, truth.prediction)),
      `${claim}.prediction`,
      `report says ${JSON.stringify(cell.prediction) ?? 'nothing'}, the model gives ${JSON.stringify(truth.prediction) ?? 'nothing'} (at the exact centroid)`,
      counter,
    );
    expectTrue(
      cell.predictedClass === truth.predictedClass,
      `${claim}.predictedClass`,
      `report says ${cell.predictedClass ?? 'nothing'}, the model's class is ${truth.predictedClass ?? 'none'}`,
      counter,
    );
  });
  if (e.data !== undefined) verifyData(report, p, e, e.data, counter, cache);
}

/** Data points located by SPEC §2's tie rule: counts, inCells, outside, points. */
function verifyData(
  report: ReportJson,
  p: VerifiedPartition,
  e: ModelEvidence,
  data: DataPoints,
  counter: ClaimCounter,
  cache: VerifyCache,
): void {
  const cells = report.partition.cells;
  expectTrue(
    report.data !== null,
    'data',
    'report says null, but --data gives points: analyze the model with these data',
    counter,
  );
  const key = JSON.stringify([
    'data',
    p.domainKey,
    cells.map((c, i) => [c.label, p.cells[i]!.key]),
  ]);
  const located = cache.get(key, () => {
    const partition: Partition = {
      model: e.model.kind,
      inputDimension: p.dimension,
      domain: p.domain,
      cells: cells.map((c, i) => ({ label: c.label, polytope: p.cells[i]!.polytope })),
      complete: report.partition.complete,
      predicates: 'exact',
    };
    return locatorOf(partition, e.model).countPoints(data.points, { skipOutside: true });
  });
  const d = report.data!;
  expectTrue(
    d.points === data.points.length,
    'data.points',
    `report says ${d.points}, the data file has ${data.points.length} points`,
    counter,
  );
  expectTrue(
    d.outside === located.outside,
    'data.outside',
    `report says ${d.outside}, ${located.outside} points lie outside the domain`,
    counter,
  );
  expectTrue(
    located.missing === 0,
    'partition.cells',
    `${located.missing} data points lie in cells the report does not list`,
    counter,
  );
  const inCells = located.counts.reduce((s, n) => s + n, 0);
  expectTrue(
    d.inCells === inCells,
    'data.inCells',
    `report says ${d.inCells}, ${inCells} points lie in the cells`,
    counter,
  );
  cells.forEach((cell, i) => {
    expectTrue(
      cell.dataCount === located.counts[i],
      `partition.cells[${i}].dataCount`,
      `report says ${cell.dataCount ?? 'nothing'}, ${located.counts[i]} data points lie in the cell (SPEC §2 ties)`,
      counter,
    );
    if (report.partition.mode === 'data') {
      expectTrue(
        located.counts[i]! > 0,
        `partition.cells[${i}]`,
        'holds no data point, but partition.mode "data" lists only the cells that hold data',
        counter,
      );
    }
  });
}
