/**
 * `mlgeo analyze MODEL --cells all` in a child process (the sources through tsx), as the report
 * benchmarks run it: CPU and peak RSS of the child (getrusage), the report's size, and what
 * happened (written, stopped at the time limit, or the exit code with the last error line).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childCpu } from './child-cpu.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliReportRun {
  /** CPU seconds of the child (NaN if stopped). */
  seconds: number;
  maxRssKb: number;
  /** Bytes of the report written (NaN if none). */
  bytes: number;
  timedOut: boolean;
  /** 'written', or `exit N: <last error line>` (undefined when stopped at the time limit). */
  outcome: string | undefined;
}

/** Writes `<model>.{float,exact}.report.json` beside the model with the CLI and measures it. */
export function analyzeReportInChild(
  file: string,
  o: { float: boolean; domain: string; timeoutSeconds: number },
): CliReportRun {
  const out = `${file.replace(/\.json$/, '')}.${o.float ? 'float' : 'exact'}.report.json`;
  const bin = join(ROOT, 'packages/cli/src/bin.ts');
  const args = ['--conditions=@mlgeo/source', '--import', 'tsx', bin, 'analyze', file];
  args.push('--domain', o.domain, '--cells', 'all', '--quiet', '--out', out);
  args.push('--max-cells', '100000000');
  if (o.float) args.push('--float');
  const r = childCpu(process.execPath, args, { timeoutSeconds: o.timeoutSeconds, cwd: ROOT });
  let bytes = NaN;
  try {
    bytes = statSync(out).size;
  } catch {
    // no report written
  }
  const why = r.stderr
    .split('\n')
    .filter((l) => /error|Error|Invalid|heap/.test(l))
    .pop()
    ?.trim()
    .slice(0, 100);
  const outcome = r.timedOut
    ? undefined
    : r.status === 0
      ? 'written'
      : `exit ${r.status}${why ? `: ${why}` : ''}`;
  return { seconds: r.seconds, maxRssKb: r.maxRssKb, bytes, timedOut: r.timedOut, outcome };
}
