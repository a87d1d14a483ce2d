/**
 * The values a `--spline` smooths, one per cell of the partition (docs/report-schema.md, `spline`):
 *
 * - `predictions` (or `predictions:k`, output k of a model with several outputs): the model's
 *   prediction on each cell — exact (A·centroid + c) for MLP cells with an exact centroid, the
 *   reported float otherwise. Every cell is observed.
 * - a CSV file with a header, in one of two forms:
 *   - `cell,value`: one row per cell, `cell` its SPEC §2 label (as in partition.cells[].label);
 *     cells without a row are unobserved;
 *   - coordinate columns and a `value` column (e.g. `x,y,value`): one row per point, located in
 *     its cell by the model's own rule (SPEC §2 ties); a cell's value is the mean of its points'
 *     values, cells without points are unobserved (and points in no cell present are skipped).
 *   Numbers are exact decimals or fractions ("0.1" is 1/10).
 */
import { Rational } from '@mlgeo/exact-arith';
import { dataMeansPerCell } from '@mlgeo/laplacian-splines';
import type { Locator } from '@mlgeo/model-partitions';
import { InputError } from './errors.js';
import type { ReportJson } from './report/types.js';

/** Cell values and where they came from. */
export interface SplineValues {
  source: 'predictions' | 'file';
  file?: string;
  /** `cells` (a row per cell label) or `points` (a row per point, mean per cell). */
  format?: 'cells' | 'points';
  /** The output index for `predictions:k`. */
  output?: number;
  /** One per cell; undefined = not observed. */
  values: (Rational | number | undefined)[];
  /** `points`: the points per cell, and the points lying in no cell of the partition. */
  points?: number[];
  skipped?: number;
}

type Cells = ReportJson['partition']['cells'];

/** The output index of `predictions` / `predictions:k`, or undefined for a file name. */
export function predictionOutput(spec: string): number | 'all' | undefined {
  if (spec === 'predictions') return 'all';
  const m = /^predictions:(\d+)$/.exec(spec);
  return m ? Number(m[1]) : undefined;
}

/**
 * The model's prediction per cell as spline input (exact from the cell's affine output map at the
 * exact centroid when the report has both; else the float prediction). Undefined when a cell has
 * no prediction (arrangements).
 */
export function predictionValues(
  cells: Cells,
  output: number | 'all',
): { values: (Rational | number)[]; output?: number } | undefined {
  const first = cells[0]?.prediction;
  if (first === undefined) return undefined;
  const width = Array.isArray(first) ? first.length : 1;
  if (output === 'all' && width > 1) return undefined;
  const k = output === 'all' ? 0 : output;
  if (k >= width) return undefined;
  const values = cells.map((cell) => {
    const exact = exactPrediction(cell, k);
    if (exact !== undefined) return exact;
    const p = cell.prediction;
    return Array.isArray(p) ? p[k]! : p!;
  });
  return { values, ...(output === 'all' ? {} : { output: k }) };
}

function exactPrediction(cell: Cells[number], k: number): Rational | undefined {
  const out = cell.output;
  const centroid = cell.centroid;
  if (out === undefined || out.A[k] === undefined || centroid === undefined) return undefined;
  if (!centroid.every((x) => typeof x !== 'number')) return undefined;
  let s = Rational.parse(out.c[k]!);
  out.A[k]!.forEach((a, i) => {
    const x = centroid[i] as { exact: string };
    s = s.add(Rational.parse(a).mul(Rational.parse(x.exact)));
  });
  return s;
}

function splitRow(line: string): string[] {
  return line.split(/[,;\t]/).map((c) => c.trim());
}

/** Reads a values CSV (see module comment) for the cells of a partition. */
export function readSplineValues(
  text: string,
  file: string,
  cells: Cells,
  dimension: number,
  locator: () => Locator,
): SplineValues {
  const rows: { cells: string[]; line: number }[] = [];
  text.split(/\r\n|\n|\r/).forEach((l, i) => {
    if (l.trim() !== '' && !l.startsWith('#')) rows.push({ cells: splitRow(l), line: i + 1 });
  });
  const header = rows.shift();
  const names = header?.cells.map((c) => c.toLowerCase()) ?? [];
  const valueAt = names.indexOf('value');
  const fix =
    'write a header "cell,value" (one row per cell label) or coordinate columns and "value" (one row per point), e.g. "x,y,value"';
  if (header === undefined || valueAt < 0)
    throw new InputError('VALUES', 'no header with a "value" column', { file, fix });
  const number = (row: { cells: string[]; line: number }, at: number, what: string) => {
    const s = row.cells[at];
    try {
      if (s === undefined || s === '') throw new Error();
      return Rational.parse(s);
    } catch {
      throw new InputError('VALUES', `line ${row.line}: ${what} "${s ?? ''}" is not a number`, {
        file,
        field: names[at] ?? what,
        fix: 'write decimals or fractions such as 0.25 or 1/4',
      });
    }
  };
  const values: (Rational | undefined)[] = cells.map(() => undefined);
  if (names.includes('cell')) {
    if (names.length !== 2)
      throw new InputError('VALUES', `the header has ${names.length} columns`, { file, fix });
    const cellAt = names.indexOf('cell');
    const index = new Map(cells.map((c, i) => [c.label, i]));
    for (const row of rows) {
      const label = row.cells[cellAt] ?? '';
      const i = index.get(label);
      if (i === undefined)
        throw new InputError('VALUES', `line ${row.line}: no cell with label "${label}"`, {
          file,
          field: 'cell',
          fix: 'use the labels of partition.cells[].label in the report (mlgeo analyze --json)',
        });
      if (values[i] !== undefined)
        throw new InputError('VALUES', `line ${row.line}: cell "${label}" has a second row`, {
          file,
          field: 'cell',
          fix: 'give one row per cell',
        });
      values[i] = number(row, valueAt, 'value');
    }
    return { source: 'file', file, format: 'cells', values };
  }
  if (names.length !== dimension + 1)
    throw new InputError(
      'VALUES',
      `${names.length - 1} coordinate columns for a model with ${dimension} inputs`,
      { file, fix },
    );
  const cellOf: number[] = [];
  const pointValues: Rational[] = [];
  const counts = cells.map(() => 0);
  let skipped = 0;
  const locate = locator();
  for (const row of rows) {
    if (row.cells.length !== names.length)
      throw new InputError(
        'VALUES',
        `line ${row.line} has ${row.cells.length} columns, the header ${names.length}`,
        { file, fix },
      );
    const x = names.flatMap((n, j) => (j === valueAt ? [] : [number(row, j, n)]));
    let at: number;
    try {
      at = locate.locate(x, `line ${row.line}`).index;
    } catch (error) {
      if ((error as { code?: string }).code === 'OUTSIDE_DOMAIN') {
        skipped++;
        continue;
      }
      throw error;
    }
    if (at < 0) {
      skipped++;
      continue;
    }
    cellOf.push(at);
    pointValues.push(number(row, valueAt, 'value'));
    counts[at]!++;
  }
  const means = dataMeansPerCell(cells.length, cellOf, pointValues) as (Rational | undefined)[];
  return { source: 'file', file, format: 'points', values: means, points: counts, skipped };
}
