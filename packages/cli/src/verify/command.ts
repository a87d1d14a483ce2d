/**
 * `mlgeo verify <report.json>`: checks the report's schema version and validates it with the zod
 * report schema (report/schema.ts), then re-checks every exact claim by recomputation from the
 * stored H-representations (verify/partition.ts, verify/complex.ts). The first failing claim is
 * named; exit code 1.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliIo } from '../cli.js';
import { InputError, VerificationError } from '../errors.js';
import { REPORT_SCHEMA, REPORT_VERSION, reportProblem, reportSchema } from '../report/schema.js';
import { ClaimCounter, expectTrue } from './claims.js';
import { verifyComplex } from './complex.js';
import { verifyPartition } from './partition.js';
import { verifyPieces } from './pieces.js';

/** Options of `mlgeo verify`. */
export interface VerifyOptions {
  report: string;
  quiet?: boolean;
  debug?: boolean;
}

/** Outcome of a successful verification. */
export interface VerifySummary {
  claims: number;
  cells: number;
}

/**
 * Verifies a parsed report; throws VerificationError naming the first claim that fails (JSON path
 * such as `partition.cells[3].volume`).
 */
export function verifyReport(value: unknown): VerifySummary {
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
  const partition = verifyPartition(report, counter);
  verifyComplex(report, partition, counter);
  verifyPieces(report, partition, counter);
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
  return { claims: counter.count, cells: report.partition.cells.length };
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
  try {
    const summary = verifyReport(value);
    if (!options.quiet) {
      io.stdout(
        `${options.report}: verified ${summary.claims} claims about ${summary.cells} cells: all hold exactly\n`,
      );
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
