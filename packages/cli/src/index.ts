/**
 * @mlgeo/cli — the `mlgeo` command (bin `mlgeo`, entry src/bin.ts) and its building blocks:
 * `runCli` runs a command line and resolves to the exit code; `analyze` builds a report;
 * `verifyReport` re-checks every exact claim of a report; `renderPartitionSvg` draws 2-D partitions
 * and slices; `reportSchema` (zod) is the report's schema: its TypeScript type `ReportJson`, its
 * validator (`reportSchema.safeParse`, `reportProblem` names the first problem's JSON path) and
 * `reportJsonSchema()` (docs/report.schema.json) all come from it.
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
export {
  verifyReport,
  uncheckedClaims,
  type VerifyContext,
  type VerifyOptions,
  type VerifySummary,
} from './verify/command.js';
export { VerifyCache } from './verify/cache.js';
export type { ModelEvidence } from './verify/model.js';
export {
  renderPartitionSvg,
  type SvgScene,
  type SvgCell,
  type SvgPoint,
  type SvgAngle,
  type SvgPiece,
  type SvgBoundary,
  type SvgResult,
} from './svg/render.js';
export { sceneFromReport, type SceneOptions } from './svg/scene.js';
export {
  reportSchema,
  complexSchema,
  checkSchema,
  cellSchema,
  pieceSchema,
  decisionSchema,
  reportJsonSchema,
  reportProblem,
  type ReportProblem,
} from './report/schema.js';
export {
  REPORT_SCHEMA,
  REPORT_VERSION,
  type ReportJson,
  type CellJson,
  type CheckJson,
  type HRepJson,
  type PieceJson,
  type DecisionJson,
} from './report/types.js';
export { reportChunks, withoutTiming } from './report/serialize.js';
export { jsonChunks, type JsonChunkOptions } from './io/json-chunks.js';
export {
  JsonReader,
  JsonSyntaxError,
  parseJsonChunks,
  readJsonFile,
  type JsonReaderOptions,
  type StreamedArray,
  type ReadProgress,
} from './io/json-reader.js';
export { cellsCsvChunks, CELLS_CSV_HEADER } from './report/cells-csv.js';
export { OMITTABLE, parseOmit, type OmittedSection } from './report/sections.js';
export {
  BudgetError,
  BudgetedProgress,
  EXIT_BUDGET,
  defaultMaxMemory,
  parseMemory,
  type Budgets,
  type BudgetKind,
} from './budget.js';
export { writeFileAtomic, type FileContent } from './io/atomic-write.js';
export {
  UsageError,
  InputError,
  VerificationError,
  EXIT_USAGE,
  EXIT_INPUT,
  type CliErrorCode,
} from './errors.js';
