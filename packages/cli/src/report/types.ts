/**
 * TypeScript view of the CLI report (docs/report-schema.md, docs/report.schema.json): `z.infer` of
 * the zod schema in report/schema.ts, the report's one source. Exact values use the SPEC §1 JSON
 * forms; matrices of exact numbers are strings ("p/q").
 */
import type { z } from 'zod';
import type {
  cellSchema,
  checkSchema,
  decisionSchema,
  pieceSchema,
  reportSchema,
} from './schema.js';

export { REPORT_SCHEMA, REPORT_VERSION } from './schema.js';

/** The whole report. */
export type ReportJson = z.infer<typeof reportSchema>;

/** One cell of the partition. */
export type CellJson = z.infer<typeof cellSchema>;

/** One self-check: name, outcome, whether it applies, and a one-line detail. */
export type CheckJson = z.infer<typeof checkSchema>;

/** An H-representation {x : A x ≤ b} with exact entries as strings. */
export type HRepJson = CellJson['hrep'];

/** One class piece of a cell (SPEC §5). */
export type PieceJson = z.infer<typeof pieceSchema>;

/** The decision partition block (SPEC §5). */
export type DecisionJson = z.infer<typeof decisionSchema>;
