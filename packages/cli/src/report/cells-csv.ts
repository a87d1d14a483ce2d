/**
 * `--cells-csv FILE`: one row per cell of the report, for pandas and spreadsheets
 * (docs/report-schema.md, "Per-cell CSV"): `index,label,class,dataCount,volume,volumeKind,
 * chebyshevRadius`. Numbers are floats (JavaScript's shortest round-trip form); an empty field is a
 * value the report does not have (pandas reads it as NaN). Streamed in chunks: its size is not
 * limited by the longest string.
 */
import type { CellJson, ReportJson } from './types.js';

/** The CSV header line (without the line break). */
export const CELLS_CSV_HEADER = 'index,label,class,dataCount,volume,volumeKind,chebyshevRadius';

/** A SPEC §1 value or a float-only number as a float; undefined when absent. */
function floatOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'object' && value !== null && 'float' in value) {
    const f = (value as { float: unknown }).float;
    return typeof f === 'number' ? f : undefined;
  }
  return undefined;
}

/**
 * The Chebyshev radius of a cell when the report carries one (the LP tier's per-cell geometry):
 * `chebyshevRadius` or `chebyshev.radius` on the cell, a float or a SPEC §1 value; else empty.
 */
export function chebyshevRadiusOf(cell: CellJson): number | undefined {
  const c = cell as unknown as Record<string, unknown>;
  const direct = floatOf(c['chebyshevRadius']);
  if (direct !== undefined) return direct;
  const ball = c['chebyshev'];
  return typeof ball === 'object' && ball !== null
    ? floatOf((ball as Record<string, unknown>)['radius'])
    : undefined;
}

const field = (x: number | string | undefined): string =>
  x === undefined ? '' : typeof x === 'number' ? (Number.isFinite(x) ? String(x) : '') : x;

/** A label as a CSV field: labels are digits, letters and separators; quoted if ever needed. */
const text = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/** One row per cell (CRLF-free, UTF-8), in chunks of about 64 KiB. */
export function* cellsCsvChunks(report: ReportJson): Generator<string, void, undefined> {
  let parts: string[] = [CELLS_CSV_HEADER + '\n'];
  let size = 0;
  const volumeKind = report.measures; // exact values are written as their floats
  for (const cell of report.partition.cells) {
    const volume = floatOf(cell.volume);
    const row = [
      field(cell.index),
      text(cell.label),
      field(cell.predictedClass),
      field(cell.dataCount),
      field(volume),
      volume === undefined ? '' : volumeKind,
      field(chebyshevRadiusOf(cell)),
    ].join(',');
    parts.push(row + '\n');
    size += row.length + 1;
    if (size >= 1 << 16) {
      yield parts.join('');
      parts = [];
      size = 0;
    }
  }
  if (parts.length > 0) yield parts.join('');
}
