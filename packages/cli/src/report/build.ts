/**
 * The CLI's report: {@link reportJson} (report-json.ts, browser-safe, shared with the playground)
 * written by this package's name and version.
 */
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { type ReportInput, reportJson } from './report-json.js';
import type { ReportJson } from './types.js';

export { hrepJson, type ReportInput } from './report-json.js';

/** Builds the report object (pure; the caller serialises it). */
export function buildReport(input: ReportInput): ReportJson {
  return reportJson(input, { name: TOOL_NAME, version: TOOL_VERSION });
}
