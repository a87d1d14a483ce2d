/**
 * `mlgeo verify <report.json> [--model m] [--data points.csv]`: checks the report's schema version
 * and validates it with the zod report schema (report/schema.ts), then re-checks every claim by
 * recomputation: from the stored H-representations (verify/partition.ts, verify/complex.ts), by
 * rebuilding the complex (verify/complex-rebuild.ts), and with `--model` from the model itself
 * (verify/model.ts). The first failing claim is named; exit code 1. Without `--model` (`--data`)
 * the claims only the model (the data) can confirm are listed as not checked.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliIo } from '../cli.js';
import { readPoints } from '../data.js';
import { readModel } from '../engine.js';
import { sliceEvidence } from '../slice.js';
import { InputError, UsageError, VerificationError } from '../errors.js';
import { JsonSyntaxError, readJsonFile } from '../io/json-reader.js';
import { createProgress, silentProgress, type Progress } from '../progress.js';
import { REPORT_SCHEMA, REPORT_VERSION, reportProblem, reportSchema } from '../report/schema.js';
import type { ReportJson } from '../report/types.js';
import { VerifyCache } from './cache.js';
import { ClaimCounter, expectTrue } from './claims.js';
import { verifyComplex, verifyRidges } from './complex.js';
import {
  verifyRebuiltChecks,
  verifyRebuiltComplex,
  verifyRebuiltRidges,
} from './complex-rebuild.js';
import { type ModelEvidence, verifyAgainstModel } from './model.js';
import { verifyPartition } from './partition.js';
import { verifyLpReport } from '../lp/verify.js';
import { verifyPieces } from './pieces.js';
import { verifyCurvature } from './curvature.js';
import { verifySpectrum, verifySpline } from './laplacian.js';

/** Options of `mlgeo verify`. */
export interface VerifyOptions {
  report: string;
  /** The model file the report was made from (any format analyze reads). */
  model?: string;
  /** The data points the report counted (needs --model). */
  data?: string;
  /** Model format instead of detection. */
  format?: string;
  /** --label-column NAME, as given to analyze (a label column is not a coordinate). */
  labelColumn?: string;
  quiet?: boolean;
  debug?: boolean;
}

/** Outcome of a successful verification. */
export interface VerifySummary {
  claims: number;
  cells: number;
  /** One line per claim family that was not checked (no model or no data given). */
  unchecked: string[];
}

/** Inputs of {@link verifyReport} beyond the report. */
export interface VerifyContext {
  /** The model (and data) to re-derive the model's claims from. */
  model?: ModelEvidence;
  /** Memo of recomputations, shared by verifications of edits of one report (cache.ts). */
  cache?: VerifyCache;
  /** Progress bars (the command draws them on a terminal). */
  progress?: Progress;
}

/** The claim families a verification without the model (or the data) leaves unchecked. */
export function uncheckedClaims(report: ReportJson, context: VerifyContext): string[] {
  const out: string[] = [];
  if (context.model === undefined) {
    out.push(
      'model.sha256, model.format, model.kind, model.inputDimension, model.architecture: not compared with the model file (give --model)',
      "partition.cells[*].label and hrep: labels are in SPEC §2 order and unique, but not shown to be the model's labels and regions, nor the cells to be all of the model's cells (give --model)",
    );
    if (report.partition.cells.some((c) => c.output !== undefined))
      out.push(
        'partition.cells[*].output: the per-cell affine maps were not recomputed (give --model)',
      );
    if (report.partition.cells.some((c) => c.prediction !== undefined))
      out.push(
        'partition.cells[*].prediction and predictedClass: not recomputed at the centroids (give --model)',
      );
  }
  const omitted = report.omitted ?? [];
  if (omitted.includes('metric'))
    out.push(
      'complex.metric: left out (--omit metric): M_0, edge lengths, M_1 and M_k are not in the report',
    );
  if (omitted.includes('ridges'))
    out.push('complex.ridges: left out (--omit ridges): no dihedral angles are in the report');
  if (omitted.includes('vertices'))
    out.push(
      'vertices of cells, pieces, boundary pieces, shared faces and ridges: left out (--omit vertices)',
    );
  if (report.partial !== undefined) {
    const p = report.partial;
    out.push(
      `the run was stopped by --${p.budget === 'max-cells' ? 'cell-budget' : p.budget} (${p.limit}) in phase "${p.phase}" at ${p.reached}: ` +
        (report.complex === null
          ? report.partition.cells.length === 0
            ? 'the report has no cells and no complex'
            : 'the report has the cells but no complex (nor curvature)'
          : 'the report holds what was finished'),
    );
  }
  if (report.data !== null && context.model?.data === undefined) {
    out.push(
      'partition.cells[*].dataCount, data.points, data.inCells, data.outside: only their sums were checked, not where the points lie (give --model and --data)',
    );
  }
  if (report.spline?.source === 'file') {
    out.push(
      `spline.cells[*].input: the values of ${report.spline.file ?? 'the values file'} are not re-read (the spline is checked against the inputs the report states)`,
    );
  }
  return out;
}

/**
 * Verifies a parsed report; throws VerificationError naming the first claim that fails (JSON path
 * such as `partition.cells[3].volume`).
 */
export function verifyReport(value: unknown, context: VerifyContext = {}): VerifySummary {
  const head = value as {
    schema?: unknown;
    version?: unknown;
    tool?: { command?: unknown };
  } | null;
  if (typeof head !== 'object' || head === null || head.schema !== REPORT_SCHEMA) {
    throw new VerificationError(
      'schema',
      `expected "${REPORT_SCHEMA}": this is not an mlgeo report`,
    );
  }
  if (head.version !== REPORT_VERSION) {
    const command = typeof head.tool?.command === 'string' ? ` (${head.tool.command})` : '';
    throw new VerificationError(
      'version',
      `report schema version ${JSON.stringify(head.version)}, this mlgeo reads ${REPORT_VERSION}; ` +
        `re-run mlgeo analyze${command} to write a version ${REPORT_VERSION} report ` +
        '(docs/report-schema.md, "Changes")',
    );
  }
  const parsed = reportSchema.safeParse(value);
  if (!parsed.success) {
    const problem = reportProblem(parsed.error, value);
    throw new VerificationError(
      problem.path || '(root)',
      `does not follow the report schema: ${problem.message}`,
    );
  }
  const report = parsed.data;
  const counter = new ClaimCounter();
  if (report.partition.geometry === 'lp') {
    const unchecked = verifyLpReport(report, counter);
    return { claims: counter.count, cells: report.partition.cells.length, unchecked };
  }
  const cache = context.cache ?? new VerifyCache();
  // sections are verified once per distinct content (cache.section): re-verifying an edited copy
  // of a report with a shared cache redoes only the sections the edit reaches. The keys are the
  // JSON of whole sections, so they are built only for a shared cache: a one-off verification
  // (the command) would hold a second copy of the report as strings (and a report beyond V8's
  // longest string could not be verified at all)
  const shared = context.cache !== undefined;
  const progress = context.progress ?? silentProgress;
  const sections = 9;
  let done = 0;
  const section = <T>(key: () => string, verify: () => T): T => {
    progress.update('verify', done++, sections);
    return shared ? cache.section(key(), counter, verify) : verify();
  };
  const { model, domain, measures, data } = report;
  const partition = section(
    () => JSON.stringify(['partition', model, domain, measures, data, report.partition]),
    () => verifyPartition(report, counter, cache, progress),
  );
  const cellsKey = () =>
    JSON.stringify([
      partition.geometryId,
      report.partition.cells.map((c) => [c.label, c.dataCount ?? null]),
      report.partition.complete,
      data,
    ]);
  if (context.model !== undefined) {
    const evidence = context.model;
    section(
      () => JSON.stringify(['model', model, cellsKey(), report.partition]),
      () => verifyAgainstModel(report, partition, evidence, counter, cache),
    );
  }
  if (report.complex === null) {
    // only a partial report (a budget stopped the run before the complex was written) has none
    expectTrue(
      report.partial !== undefined,
      'complex',
      'missing: only a partial report (partial) may have no complex',
      counter,
    );
    section(
      () => 'no complex',
      () => verifyDataAndChecks(report, counter),
    );
  } else {
    const reportComplex = report.complex;
    const { ridges, checks: complexChecks, ...complex } = reportComplex;
    section(
      () => JSON.stringify(['complex', cellsKey(), complex]),
      () => {
        verifyComplex(report, partition, counter);
        verifyRebuiltComplex(report, partition, counter, cache);
      },
    );
    // what the ridges and checks depend on besides themselves: the options the complex is rebuilt with
    const options = [
      complex.kind,
      complex.dimension,
      complex.complete,
      complex.maxDimension,
      complex.metric?.edgeLength ?? null,
      complex.metric?.beta ?? null,
    ];
    section(
      () => JSON.stringify(['ridges', cellsKey(), options, ridges]),
      () => {
        verifyRidges(reportComplex, partition, counter, cache);
        verifyRebuiltRidges(report, partition, counter, cache);
      },
    );
    section(
      () => JSON.stringify(['checks', cellsKey(), options, complexChecks, report.checks]),
      () => {
        verifyDataAndChecks(report, counter);
        verifyRebuiltChecks(report, partition, counter, cache);
      },
    );
    // curvature (SPEC §8) on the rebuilt complex
    section(
      () =>
        JSON.stringify([
          'curvature',
          cellsKey(),
          options,
          report.measures,
          report.curvature ?? null,
        ]),
      () => verifyCurvature(report, partition, counter, cache),
    );
    // Laplacians (SPEC §7): spectrum, Betti numbers and spline on the rebuilt complex
    section(
      () => JSON.stringify(['spectrum', cellsKey(), options, report.spectrum ?? null]),
      () => verifySpectrum(report, partition, counter, cache),
    );
    section(
      () =>
        JSON.stringify([
          'spline',
          cellsKey(),
          options,
          report.spline ?? null,
          report.spline?.source === 'predictions'
            ? report.partition.cells.map((c) => [
                c.prediction ?? null,
                c.output ?? null,
                c.centroid,
              ])
            : null,
        ]),
      () => verifySpline(report, partition, counter, cache),
    );
  }
  // decision regions (SPEC §5): pieces, boundary pieces, bends and region volumes
  section(
    () =>
      JSON.stringify([
        'decision',
        cellsKey(),
        report.partition.cells.map((c) => [
          c.output ?? null,
          c.pieces ?? null,
          c.predictedClass ?? null,
        ]),
        report.decision,
      ]),
    () => verifyPieces(report, partition, counter),
  );
  return {
    claims: counter.count,
    cells: report.partition.cells.length,
    unchecked: uncheckedClaims(report, context),
  };
}

/** Data sums and the report's own check outcomes (needs neither model nor data). */
function verifyDataAndChecks(report: ReportJson, counter: ClaimCounter): void {
  if (report.data !== null) {
    const sum = report.partition.cells.reduce((s, c) => s + (c.dataCount ?? 0), 0);
    expectTrue(
      sum === report.data.inCells,
      'data.inCells',
      `report says ${report.data.inCells}, the cells hold ${sum}`,
      counter,
    );
    expectTrue(
      report.data.inCells + report.data.outside <= report.data.points,
      'data.points',
      'more points in cells and outside than read',
      counter,
    );
  }
  report.checks.forEach((check, i) => {
    expectTrue(
      check.ok,
      `checks[${i}]`,
      `the report's own check "${check.name}" failed: ${check.detail}`,
      counter,
    );
  });
  // mlgeo writes the complex's checks in `checks` (complex.checks is null); a complex that carries
  // its own must pass them too
  (report.complex?.checks ?? []).forEach((check, i) => {
    expectTrue(
      check.ok,
      `complex.checks[${i}]`,
      `the complex's own check "${check.name}" failed: ${check.detail}`,
      counter,
    );
  });
}

/** Runs the command; resolves to the exit code. */
export async function runVerify(options: VerifyOptions, io: CliIo): Promise<number> {
  const path = resolve(io.cwd, options.report);
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
  } catch {
    throw new InputError('NOT_FOUND', 'cannot read the report', {
      file: options.report,
      fix: 'give the path of a report written by mlgeo analyze --out',
    });
  }
  // minTotal 1: the verify phase counts its sections
  const progress = createProgress(io.stderrIsTTY && !options.quiet, 1);
  let value: unknown;
  try {
    // streamed (io/json-reader.ts): no string holds the whole report, so its size is not limited
    // by V8's longest string and memory holds the parsed report only
    value = readJsonFile(path, {
      onProgress: (done, total) => progress.update('read', done >> 20, Math.max(1, total >> 20)),
    });
  } catch (error) {
    progress.stop();
    if (!(error instanceof JsonSyntaxError)) throw error;
    throw new InputError('DECODE', `not valid JSON (${error.message})`, {
      file: options.report,
      fix: 'give a report written by mlgeo analyze --out',
    });
  }
  const context: VerifyContext = { progress };
  if (options.model !== undefined) context.model = await readEvidence(options, io, value);
  else if (options.data !== undefined) {
    throw new UsageError('--data needs --model: the data points are located by the model', {
      field: '--data',
      fix: 'add --model with the model file the report was made from',
    });
  }
  try {
    const summary = verifyReport(value, context);
    progress.stop();
    if (!options.quiet) {
      io.stdout(
        `${options.report}: verified ${summary.claims} claims about ${summary.cells} cells: all hold exactly\n`,
      );
      if (summary.unchecked.length > 0) {
        io.stdout(`not checked:\n${summary.unchecked.map((line) => `  - ${line}\n`).join('')}`);
      }
    }
    return 0;
  } catch (error) {
    progress.stop();
    if (error instanceof VerificationError) {
      io.stderr(`mlgeo: ${options.report}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

function readBytes(path: string, cwd: string, what: string): Buffer {
  try {
    return readFileSync(resolve(cwd, path));
  } catch {
    throw new InputError('NOT_FOUND', 'cannot read the file', {
      file: path,
      fix: `give the path of the ${what}`,
    });
  }
}

/**
 * The model file read again (format detected, else the report's format or --format), its sha256,
 * and the data points of --data.
 */
async function readEvidence(
  options: VerifyOptions,
  io: CliIo,
  report: unknown,
): Promise<ModelEvidence> {
  const file = options.model!;
  const bytes = readBytes(file, io.cwd, 'model file the report was made from');
  const full = resolve(io.cwd, file);
  let read;
  try {
    read = await readModel(full, file, bytes, options.format);
  } catch (error) {
    // a format detection cannot tell apart: read it as the report says
    const claimed = (report as { model?: { format?: unknown } } | null)?.model?.format;
    if (options.format !== undefined || typeof claimed !== 'string') throw error;
    try {
      read = await readModel(full, file, bytes, claimed);
    } catch {
      throw error;
    }
  }
  const evidence: ModelEvidence = {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    format: read.format,
    model: read.model,
  };
  if (options.data !== undefined) {
    const text = readBytes(options.data, io.cwd, 'data points the report counted').toString('utf8');
    evidence.data = readPoints(
      text,
      options.data,
      read.model.inputDimension,
      options.labelColumn !== undefined ? { labelColumn: options.labelColumn } : {},
    );
  }
  // a report of a --slice partitions the model restricted to its plane
  return sliceEvidence(evidence, report);
}
