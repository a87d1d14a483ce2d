/**
 * The `--spline values.csv|predictions[:k]`, `--lambda λ` and `--spline-order 1|2` options of
 * `mlgeo analyze`: checked before the analysis, resolved to cell values after it (spline-values.ts).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Rational, isMlgeoError } from '@mlgeo/exact-arith';
import { type Partition, locatorOf } from '@mlgeo/model-partitions';
import type { RiemannianComplex } from '@mlgeo/riemannian-complex';
import { InputError, UsageError, attributeToFile, detailOf, libraryCode } from './errors.js';
import { type SplineChoice, type SplineJson, splineOf } from './laplacian.js';
import type { ReportJson } from './report/types.js';
import {
  type SplineValues,
  predictionOutput,
  predictionValues,
  readSplineValues,
} from './spline-values.js';

/** The spline options as commander hands them over. */
export interface SplineOptionValues {
  spline?: string;
  lambda?: string;
  splineOrder?: string;
}

/** Checks `--lambda` and `--spline-order` (and that they come with `--spline`). */
export function parseSplineChoice(o: SplineOptionValues): SplineChoice | undefined {
  if (o.spline === undefined) {
    for (const [name, value] of [
      ['--lambda', o.lambda],
      ['--spline-order', o.splineOrder],
    ] as const)
      if (value !== undefined)
        throw new UsageError(`${name} only applies to --spline`, {
          field: name,
          fix: `add --spline values.csv (or --spline predictions), or drop ${name}`,
        });
    return undefined;
  }
  if (o.splineOrder !== undefined && o.splineOrder !== '1' && o.splineOrder !== '2')
    throw new UsageError(`--spline-order must be 1 or 2, got "${o.splineOrder}"`, {
      field: '--spline-order',
      fix: 'write --spline-order 1 (gradient roughness) or 2 (Laplacian roughness)',
    });
  const order = o.splineOrder === '2' ? 2 : 1;
  if (o.lambda === undefined) return { order };
  let lambda: Rational;
  try {
    lambda = Rational.parse(o.lambda);
  } catch {
    lambda = Rational.MINUS_ONE;
  }
  if (lambda.sign() < 0)
    throw new UsageError(`--lambda must be a number ≥ 0, got "${o.lambda}"`, {
      field: '--lambda',
      fix: 'write e.g. --lambda 1, --lambda 0.01 or --lambda 1/3, or leave it out to choose λ by GCV',
    });
  return { order, lambda };
}

/** The cell values `--spline` names, for the cells of `report` (built from `partition`). */
export function splineInputOf(
  spec: string,
  report: ReportJson,
  partition: Partition,
  cwd: string,
  dimension: number,
): SplineValues {
  const cells = report.partition.cells;
  const output = predictionOutput(spec);
  if (output !== undefined) {
    const got = predictionValues(cells, output);
    if (got === undefined) {
      const first = cells[0]?.prediction;
      const width = Array.isArray(first) ? first.length : 1;
      throw new UsageError(
        first === undefined
          ? `--spline ${spec}: the model (${report.model.kind}) makes no predictions`
          : `--spline ${spec}: the model has ${width} outputs`,
        {
          field: '--spline',
          fix:
            first === undefined
              ? 'give a values file: --spline values.csv with "cell,value" or "x,y,value" rows'
              : `choose one output: --spline predictions:0 … predictions:${width - 1}`,
        },
      );
    }
    return { source: 'predictions', ...got };
  }
  let text: string;
  try {
    text = readFileSync(resolve(cwd, spec), 'utf8');
  } catch {
    throw new InputError('NOT_FOUND', 'cannot read the file', {
      file: spec,
      fix: 'give a values CSV ("cell,value" or coordinates and "value"), or --spline predictions',
    });
  }
  try {
    return readSplineValues(text, spec, cells, dimension, () => locatorOf(partition));
  } catch (error) {
    throw attributeToFile(error, spec);
  }
}

/**
 * {@link splineOf}, with a component of the complex without any observed cell reported against
 * the values file (the spline is not determined there).
 */
export function splineOfInput(
  complex: RiemannianComplex,
  input: SplineValues,
  choice: SplineChoice,
): SplineJson {
  try {
    return splineOf(complex, input, choice);
  } catch (error) {
    if (isMlgeoError(error) && error.code === 'COMPONENT_UNOBSERVED')
      throw new InputError(libraryCode(error), detailOf(error), {
        file: input.file ?? '--spline',
        fix: 'give a value in (or a point of) at least one cell of every connected component of the complex',
      });
    throw error;
  }
}

/** The report with one more section placed before `checks` (the schema's field order). */
export function withSectionBeforeChecks<K extends 'spline'>(
  report: ReportJson,
  key: K,
  value: NonNullable<ReportJson[K]>,
): ReportJson {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(report)) {
    if (k === 'checks') out[key] = value;
    if (k !== key) out[k] = v;
  }
  return out as ReportJson;
}
