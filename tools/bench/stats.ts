/** Small helpers shared by the benchmarks: medians, timing, table printing. */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

export function median(xs: readonly number[]): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const h = s.length >> 1;
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}

/**
 * Median where a timeout counts: Infinity stays in (sorted last) and NaN (both sides timed out)
 * counts as Infinity — the conservative reading for a target.
 */
export function medianCountingTimeouts(xs: readonly number[]): number {
  const s = xs.map((x) => (Number.isNaN(x) ? Infinity : x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const h = s.length >> 1;
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}

/** Seconds taken by f, and its result. */
export function timed<T>(f: () => T): { seconds: number; value: T } {
  const t0 = performance.now();
  const value = f();
  return { seconds: (performance.now() - t0) / 1000, value };
}

export function fmtSeconds(s: number): string {
  if (!Number.isFinite(s)) return '-';
  if (s < 0.001) return `${(s * 1e6).toFixed(0)} µs`;
  if (s < 1) return `${(s * 1000).toFixed(1)} ms`;
  return `${s.toFixed(2)} s`;
}

export function fmtRatio(r: number): string {
  if (r === Infinity) return '∞';
  return Number.isFinite(r) ? `${r.toFixed(2)}×` : '-';
}

/** A GitHub-flavoured markdown table. */
export function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** CPU model, core count and load average: timings on a loaded machine are noisy. */
export function machineLine(): string {
  const c = cpus();
  const [l1, l5] = loadavg();
  return `machine: ${c.length} × ${c[0]?.model ?? 'cpu'}; node ${process.version}; load average ${l1!.toFixed(1)} (1 min), ${l5!.toFixed(1)} (5 min)`;
}
