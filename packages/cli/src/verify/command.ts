/**
 * `mlgeo verify <report.json> [--model m] [--data points.csv]`: checks the report's schema version
 * and validates it with the zod report schema (report/schema.ts), then re-checks every claim by
 * recomputation: from the stored H-representations (verify/partition.ts, verify/complex.ts), by
 * rebuilding the complex (verify/complex-rebuild.ts), and with `--model` from the model itself
 * (verify/model.ts). The first failing claim is named; exit code 1. Without `--model` (`--data`)
 * the claims only the model (the data) can confirm are listed as not checked.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliIo } from '../cli.js';
import { readPoints } from '../data.js';
import { readModel } from '../engine.js';
import { InputError, UsageError, VerificationError } from '../errors.js';
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

/** Options of `mlgeo verify`. */
export interface VerifyOptions {
  report: string;
  /** The model file the report was made from (any format analyze reads). */
  model?: string;
  /** The data points the report counted (needs --model). */
  data?: string;
  /** Model format instead of detection. */
  format?: string;
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
  if (report.data !== null && context.model?.data === undefined) {
    out.push(
      'partition.cells[*].dataCount, data.points, data.inCells, data.outside: only their sums were checked, not where the points lie (give --model and --data)',
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
  // of a report redoes only the sections the edit reaches
  const { model, domain, measures, data } = report;
  const partition = cache.section(
    JSON.stringify(['partition', model, domain, measures, data, report.partition]),
    counter,
    () => verifyPartition(report, counter, cache),
  );
  const cellsKey = JSON.stringify([
    partition.geometryId,
    report.partition.cells.map((c) => [c.label, c.dataCount ?? null]),
    report.partition.complete,
    data,
  ]);
  if (context.model !== undefined) {
    const evidence = context.model;
    cache.section(JSON.stringify(['model', model, cellsKey, report.partition]), counter, () =>
      verifyAgainstModel(report, partition, evidence, counter, cache),
    );
  }
  const { ridges, checks: complexChecks, ...complex } = report.complex;
  cache.section(JSON.stringify(['complex', cellsKey, complex]), counter, () => {
    verifyComplex(report, partition, counter);
    verifyRebuiltComplex(report, partition, counter, cache);
  });
  // what the ridges and checks depend on besides themselves: the options the complex is rebuilt with
  const options = [
    complex.kind,
    complex.dimension,
    complex.complete,
    complex.maxDimension,
    complex.metric.edgeLength,
    complex.metric.beta,
  ];
  cache.section(JSON.stringify(['ridges', cellsKey, options, ridges]), counter, () => {
    verifyRidges(report.complex, partition, counter, cache);
    verifyRebuiltRidges(report, partition, counter, cache);
  });
  cache.section(
    JSON.stringify(['checks', cellsKey, options, complexChecks, report.checks]),
    counter,
    () => {
      verifyDataAndChecks(report, counter);
      verifyRebuiltChecks(report, partition, counter, cache);
    },
  );
  // decision regions (SPEC §5): pieces, boundary pieces, bends and region volumes
  cache.section(
    JSON.stringify([
      'decision',
      cellsKey,
      report.partition.cells.map((c) => [
        c.output ?? null,
        c.pieces ?? null,
        c.predictedClass ?? null,
      ]),
      report.decision,
    ]),
    counter,
    () => verifyPieces(report, partition, counter),
  );
  // curvature (SPEC §8) on the rebuilt complex
  cache.section(
    JSON.stringify(['curvature', cellsKey, options, report.measures, report.curvature ?? null]),
    counter,
    () => verifyCurvature(report, partition, counter, cache),
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
  (report.complex.checks ?? []).forEach((check, i) => {
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
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, options.report), 'utf8');
  } catch {
    throw new InputError('NOT_FOUND', 'cannot read the report', {
      file: options.report,
      fix: 'give the path of a report written by mlgeo analyze --out',
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError('DECODE', `not valid JSON (${(error as Error).message})`, {
      file: options.report,
      fix: 'give a report written by mlgeo analyze --out',
    });
  }
  const context: VerifyContext = {};
  if (options.model !== undefined) context.model = await readEvidence(options, io, value);
  else if (options.data !== undefined) {
    throw new UsageError('--data needs --model: the data points are located by the model', {
      field: '--data',
      fix: 'add --model with the model file the report was made from',
    });
  }
  try {
    const summary = verifyReport(value, context);
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
    evidence.data = readPoints(text, options.data, read.model.inputDimension);
  }
  return evidence;
}
