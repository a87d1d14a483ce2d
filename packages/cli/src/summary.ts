/**
 * The short summary table `mlgeo analyze` prints: cells, data-holding cells, edges, triangles, the
 * volume and angle checks, and the time.
 */
import { complexCounts } from './report/complex-view.js';
import type { CheckJson, ReportJson } from './report/types.js';

function checkCell(checks: readonly CheckJson[], prefix: string): string {
  const matching = checks.filter((c) => c.name.startsWith(prefix));
  if (matching.length === 0) return 'not applicable';
  const failed = matching.find((c) => !c.ok);
  if (failed) return `FAILED: ${failed.detail}`;
  return `ok (${matching.map((c) => c.detail).join('; ')})`;
}

function otherChecks(checks: readonly CheckJson[]): string {
  const rest = checks.filter((c) => c.applicable && !/^(volume|angle)/.test(c.name));
  if (rest.length === 0) return 'none applicable';
  const failed = rest.filter((c) => !c.ok);
  if (failed.length > 0)
    return `FAILED: ${failed.map((c) => `${c.name} (${c.detail})`).join('; ')}`;
  return `ok (${rest.map((c) => c.name).join(', ')})`;
}

/** How the data labels were read, e.g. `species: setosa=0, versicolor=1 (first appearance)`. */
function labelsRow(
  labels: NonNullable<NonNullable<ReportJson['data']>['labels']>,
  indexColumn: string | undefined,
): [string, string] {
  const names = labels.classNames?.map((n, i) => `${n}=${i}`).join(', ');
  const how =
    labels.from === 'first appearance'
      ? 'by first appearance; --class-names sets the order'
      : labels.from === 'class names'
        ? 'by --class-names'
        : 'class indices';
  const index = indexColumn !== undefined ? `; index column ${indexColumn} left out` : '';
  return ['labels', `column ${labels.column}${names ? `: ${names}` : ''} (${how})${index}`];
}

/** The table as text (ends with a newline). */
export function formatSummary(
  report: ReportJson,
  written: { out?: string | undefined; svg?: string | undefined; png?: string | undefined },
): string {
  const p = report.partition;
  const counts = report.complex ? complexCounts(report.complex) : { edges: 0, triangles: 0 };
  const holding = p.cells.filter((c) => (c.dataCount ?? 0) > 0).length;
  const model = report.model;
  const arch = model.architecture ? ` ${model.architecture.join('→')}` : '';
  const rows: [string, string][] = [
    [
      'cells',
      `${p.cellCount}${p.complete ? ' (complete partition)' : ' (data-holding cells only)'}${p.modeReason !== undefined ? `; ${p.modeReason}` : ''}`,
    ],
    [
      'data-holding cells',
      report.data
        ? `${holding} (${report.data.inCells} of ${report.data.points} points)`
        : 'no data',
    ],
    ...(report.data?.labels ? [labelsRow(report.data.labels, report.data.indexColumn)] : []),
    ['edges', String(counts.edges)],
    ['triangles', String(counts.triangles)],
    ['volume check', checkCell(report.checks, 'volume')],
    ['angle check', checkCell(report.checks, 'angle')],
    ['other checks', otherChecks(report.checks)],
  ];
  if (report.timing) {
    rows.push([
      'time',
      `${report.timing.seconds.toFixed(2)} s (${Object.entries(report.timing.phases)
        .map(([phase, t]) => `${phase} ${t.toFixed(2)}`)
        .join(', ')})`,
    ]);
  }
  const width = Math.max(...rows.map((r) => r[0].length));
  const arithmetic =
    report.predicates === 'exact' && report.measures === 'exact'
      ? 'exact'
      : `${report.predicates} predicates, ${report.measures} measures`;
  const lines = [
    `mlgeo analyze ${model.file}: ${model.kind}${arch}, ${arithmetic}, ${report.domain.description}`,
    ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`),
  ];
  const files = [written.out, written.svg, written.png].filter((f): f is string => f !== undefined);
  if (files.length > 0) lines.push(`wrote ${files.join(', ')}`);
  return lines.join('\n') + '\n';
}
