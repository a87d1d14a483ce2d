/**
 * CLI error handling: usage errors (exit 2) versus bad input (exit 1), each printed as one line
 * `mlgeo: <file>: <field>: <problem> (fix: …)`; a stack trace only with --debug.
 */
import { type ExactArithErrorCode, MlgeoError, isMlgeoError } from '@mlgeo/exact-arith';
import type { ExactPolytopeErrorCode } from '@mlgeo/exact-polytope';
import type { ModelPartitionsErrorCode } from '@mlgeo/model-partitions';
import type { ModelReadersErrorCode } from '@mlgeo/model-readers';
import type { LaplacianSplinesErrorCode } from '@mlgeo/laplacian-splines';
import type { RiemannianComplexErrorCode } from '@mlgeo/riemannian-complex';
import type { DiffFormsErrorCode } from '@mlgeo/diff-forms';

/** The codes the CLI itself throws (docs/errors.md). */
export type CliErrorCode =
  | 'USAGE' // a command line the CLI cannot run (exit code 2)
  | 'VERIFY' // a report claim that recomputation does not confirm
  | 'NOT_FOUND' // an input file that cannot be read
  | 'DECODE' // a file that is not valid JSON
  | 'DOMAIN' // a malformed --domain value
  | 'PARSE' // a --domain number that is not an exact number
  | 'WRITE' // an output file that cannot be written
  | 'CHECKPOINTS' // mlgeo track: a checkpoint that is not a ReLU MLP or has another input dimension
  | 'VALUES' // a --spline values file that cannot be used
  | 'SHARD' // shard reports that `mlgeo merge` cannot join
  | 'BUDGET'; // a run stopped by --max-seconds, --cell-budget or --max-memory (exit code 3)

/** Codes of the libraries' errors, which the CLI re-throws attributed to the input file. */
type LibraryErrorCode =
  | ExactArithErrorCode
  | ExactPolytopeErrorCode
  | ModelPartitionsErrorCode
  | ModelReadersErrorCode
  | RiemannianComplexErrorCode
  | LaplacianSplinesErrorCode
  | DiffFormsErrorCode;

/** The code of a library error forwarded as an InputError (every MlgeoError of mlgeo has one). */
export function libraryCode(error: MlgeoError): LibraryErrorCode {
  return error.code as LibraryErrorCode;
}

/** Exit code for a wrong command line (unknown option, missing argument, bad option value). */
export const EXIT_USAGE = 2;
/** Exit code for bad input files or failed checks. */
export const EXIT_INPUT = 1;

/** A command line the CLI cannot run: exit code 2. */
export class UsageError extends MlgeoError<CliErrorCode> {
  constructor(message: string, options: { field?: string; fix?: string } = {}) {
    super('USAGE', message, options);
  }
}

/** Bad input (a file or one of its fields): exit code 1. Printed as `file: field: detail (fix: …)`. */
export class InputError extends MlgeoError<CliErrorCode | LibraryErrorCode> {
  /** The file the problem is in, when there is one. */
  readonly file: string | undefined;
  /** The problem without file, field and fix. */
  readonly detail: string;
  constructor(
    code: CliErrorCode | LibraryErrorCode,
    detail: string,
    options: { file?: string; field?: string; fix?: string } = {},
  ) {
    super(code, options.file !== undefined ? `${options.file}: ${detail}` : detail, {
      ...(options.field !== undefined ? { field: options.field } : {}),
      ...(options.fix !== undefined ? { fix: options.fix } : {}),
    });
    this.file = options.file;
    this.detail = detail;
  }
}

/** A claim of a report that recomputation does not confirm (`mlgeo verify`): exit code 1. */
export class VerificationError extends MlgeoError<CliErrorCode> {
  /** JSON path of the claim, e.g. `partition.cells[3].volume`. */
  readonly claim: string;
  constructor(claim: string, message: string) {
    super('VERIFY', `${claim}: ${message}`);
    this.claim = claim;
  }
}

/** The exit code for an error thrown while running a command. */
export function exitCodeOf(error: unknown): number {
  if (isMlgeoError(error) && error.code === 'BUDGET') return 3; // budget.ts EXIT_BUDGET
  return error instanceof UsageError ? EXIT_USAGE : EXIT_INPUT;
}

/**
 * One line describing `error` for the terminal: `mlgeo: <file>: <field>: <problem> (fix: <fix>)`.
 * `file` is used when the error does not name its own file. Errors that are not MlgeoErrors are
 * internal errors (with a hint to rerun with --debug).
 */
export function formatErrorLine(error: unknown, file?: string): string {
  if (isMlgeoError(error)) {
    const own = error as MlgeoError & { file?: unknown; detail?: unknown };
    const theFile = typeof own.file === 'string' ? own.file : file;
    const parts: string[] = [];
    if (theFile !== undefined) parts.push(`${theFile}:`);
    if (typeof own.detail === 'string') {
      if (error.field !== undefined) parts.push(`${error.field}:`);
      parts.push(own.detail);
      if (error.fix !== undefined) parts.push(`(fix: ${error.fix})`);
    } else {
      parts.push(error.message);
    }
    return `mlgeo: ${parts.join(' ').replace(/\s*\n\s*/g, ' ')}`;
  }
  const text = error instanceof Error ? error.message : String(error);
  return `mlgeo: internal error: ${text.split('\n')[0]} (rerun with --debug for details and report it)`;
}

/**
 * The same MlgeoError attributed to `file` (an InputError keeping code, field and fix), for errors
 * from library readers that do not know the file name. Other values are returned unchanged.
 */
export function attributeToFile(error: unknown, file: string): unknown {
  if (!isMlgeoError(error) || error instanceof InputError || error instanceof UsageError)
    return error;
  if (typeof (error as { file?: unknown }).file === 'string') return error;
  return new InputError(libraryCode(error), detailOf(error), {
    file,
    ...(error.field !== undefined ? { field: error.field } : {}),
    ...(error.fix !== undefined ? { fix: error.fix } : {}),
  });
}

/** The problem an MlgeoError describes, without the `field:` prefix and `(fix: …)` suffix. */
export function detailOf(error: MlgeoError): string {
  const own = (error as { detail?: unknown }).detail;
  let detail = typeof own === 'string' ? own : error.message;
  if (error.field !== undefined && detail.startsWith(`${error.field}: `)) {
    detail = detail.slice(error.field.length + 2);
  }
  if (error.fix !== undefined && detail.endsWith(` (fix: ${error.fix})`)) {
    detail = detail.slice(0, detail.length - error.fix.length - 8);
  }
  return detail;
}
