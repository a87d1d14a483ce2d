/**
 * @mlgeo/cli — the `mlgeo` command (bin `mlgeo`, entry src/bin.ts) and its building blocks:
 * `runCli` runs a command line and resolves to the exit code; `analyze` builds a report;
 * `verifyReport` re-checks every exact claim of a report; `renderPartitionSvg` draws 2-D partitions
 * and slices; `REPORT_JSON_SCHEMA` / `validateJsonSchema` describe and check reports.
 *
 * @example
 * ```ts
 * const code = await runCli(['analyze', 'model.json', '--out', 'report.json'], {
 *   stdout: (s) => process.stdout.write(s),
 *   stderr: (s) => process.stderr.write(s),
 *   stderrIsTTY: false,
 *   cwd: process.cwd(),
 * });
 * ```
 */
export { runCli, type CliIo } from './cli.js';
export { analyze, type AnalyzeOptions, type AnalysisResult } from './analyze.js';
export { verifyReport, type VerifyOptions, type VerifySummary } from './verify/command.js';
export {
  renderPartitionSvg,
  type SvgScene,
  type SvgCell,
  type SvgPoint,
  type SvgAngle,
  type SvgResult,
} from './svg/render.js';
export { sceneFromReport, type SceneOptions } from './svg/scene.js';
export { REPORT_JSON_SCHEMA } from './report/schema.js';
export { validateJsonSchema, type JsonSchema, type SchemaViolation } from './report/json-schema.js';
export {
  REPORT_SCHEMA,
  REPORT_VERSION,
  type ReportJson,
  type CellJson,
  type CheckJson,
  type HRepJson,
} from './report/types.js';
export { UsageError, InputError, VerificationError, EXIT_USAGE, EXIT_INPUT } from './errors.js';
