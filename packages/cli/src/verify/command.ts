/**
 * `mlgeo verify <report.json>`: checks the report against its JSON Schema, then re-checks every
 * exact claim by recomputation from the stored H-representations (verify/partition.ts,
 * verify/complex.ts). The first failing claim is named; exit code 1.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliIo } from '../cli.js';
import { InputError, VerificationError } from '../errors.js';
import { validateJsonSchema } from '../report/json-schema.js';
import { REPORT_JSON_SCHEMA } from '../report/schema.js';
import { REPORT_SCHEMA, REPORT_VERSION, type ReportJson } from '../report/types.js';
import { ClaimCounter, expectTrue } from './claims.js';
import { verifyComplex } from './complex.js';
import { verifyPartition } from './partition.js';

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
  const head = value as { schema?: unknown; version?: unknown } | null;
  if (typeof head !== 'object' || head === null || head.schema !== REPORT_SCHEMA) {
    throw new VerificationError(
      'schema',
      `expected "${REPORT_SCHEMA}": this is not an mlgeo report`,
    );
  }
  if (head.version !== REPORT_VERSION) {
    throw new VerificationError(
      'version',
      `report version ${JSON.stringify(head.version)} is not supported (this mlgeo reads version ${REPORT_VERSION})`,
    );
  }
  const violations = validateJsonSchema(REPORT_JSON_SCHEMA, value);
  if (violations.length > 0) {
    const v = violations[0]!;
    throw new VerificationError(
      v.path.replace(/^\$\.?/, '') || '(root)',
      `does not follow the report schema: ${v.message}`,
    );
  }
  const report = value as ReportJson;
  const counter = new ClaimCounter();
  const partition = verifyPartition(report, counter);
  verifyComplex(report, partition, counter);
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
