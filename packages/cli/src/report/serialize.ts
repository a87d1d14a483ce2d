/**
 * The report's bytes: `JSON.stringify(report, null, 2)` and a final newline, produced as chunks
 * (io/json-chunks.ts) so that a report larger than a JavaScript string (V8: 2^29 − 24 characters)
 * can be written; io/atomic-write.ts writes them.
 */
import { jsonChunks } from '../io/json-chunks.js';
import type { ReportJson } from './types.js';

/** Characters per chunk handed to the writer. */
const CHUNK_SIZE = 1 << 16;

/** The report as written by `mlgeo analyze --out` / `--json`, in chunks. */
export function* reportChunks(report: ReportJson): Generator<string, void, undefined> {
  yield* jsonChunks(report, { indent: 2, chunkSize: CHUNK_SIZE });
  yield '\n';
}

/**
 * The report without its `timing` block (`--no-timing`): everything left is a function of the
 * model, the inputs and the options, so two runs write the same bytes.
 */
export function withoutTiming(report: ReportJson): ReportJson {
  const { timing: _timing, ...rest } = report;
  return rest;
}
