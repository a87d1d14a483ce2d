/**
 * CPU time of child processes and of in-process work, the one way every benchmark here measures
 * time: a reference tool's user + system time comes from getrusage(RUSAGE_CHILDREN), read by the
 * tiny wrapper `child_cpu.py` (under /usr/bin/python3, or `MLGEO_BENCH_PYTHON`); our own code's from
 * `process.cpuUsage()` around the computation only. Neither depends on machine load the way wall
 * time does (a loaded machine delays a process; it does not make it use more CPU — apart from cache
 * effects), and no start-up figure has to be subtracted from a wall time.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WRAPPER = fileURLToPath(new URL('./child_cpu.py', import.meta.url));

/** The Python that runs the wrapper (it needs nothing beyond the standard library). */
export const benchPython = (): string => process.env.MLGEO_BENCH_PYTHON ?? '/usr/bin/python3';

export interface ChildCpu {
  /** stdout of the first run. */
  stdout: string;
  /** The last 20 kB of the first run's stderr. */
  stderr: string;
  /** CPU seconds (user + system) of each finished run. */
  cpu: number[];
  /** The smallest of `cpu` (Infinity when the first run timed out). */
  seconds: number;
  /** Peak resident set size of the runs, in KiB (getrusage ru_maxrss). */
  maxRssKb: number;
  timedOut: boolean;
  status: number | null;
}

/**
 * Runs `program args` `repeat` times under the getrusage wrapper (stdin from `input` when given)
 * and returns the CPU time of each run. A run over `timeoutSeconds` (wall time) is killed and stops
 * the repetitions.
 */
export function childCpu(
  program: string,
  args: readonly string[],
  o: { input?: string; repeat?: number; timeoutSeconds?: number; cwd?: string } = {},
): ChildCpu {
  const dir = o.input === undefined ? undefined : mkdtempSync(join(tmpdir(), 'mlgeo-cpu-'));
  try {
    const wrapperArgs = [WRAPPER, '--repeat', String(o.repeat ?? 1)];
    if (o.timeoutSeconds !== undefined) wrapperArgs.push('--timeout', String(o.timeoutSeconds));
    if (dir !== undefined) {
      const file = join(dir, 'stdin');
      writeFileSync(file, o.input!);
      wrapperArgs.push('--stdin', file);
    }
    const r = spawnSync(benchPython(), [...wrapperArgs, '--', program, ...args], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      cwd: o.cwd,
    });
    if (r.error) throw new Error(`child-cpu: cannot run ${benchPython()}: ${r.error.message}`);
    const lines = (r.stderr ?? '').trim().split('\n');
    const last = lines.pop() ?? '';
    let report: { cpu: number[]; maxrss_kb: number; timed_out: boolean; status: number | null };
    try {
      report = JSON.parse(last) as typeof report;
    } catch {
      throw new Error(`child-cpu: ${program} ${args.join(' ')}: no report:\n${r.stderr}`);
    }
    if (report.status === 127)
      throw new Error(`${program} is not installed (Debian: lrslib, qhull-bin, libcdd-tools)`);
    return {
      stdout: r.stdout ?? '',
      stderr: lines.join('\n'),
      cpu: report.cpu,
      seconds: report.cpu.length ? Math.min(...report.cpu) : Infinity,
      maxRssKb: report.maxrss_kb,
      timedOut: report.timed_out,
      status: report.status,
    };
  } finally {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  }
}

/** CPU seconds (user + system, this process) taken by f, and its result. */
export function cpuTimed<T>(f: () => T): { seconds: number; value: T } {
  const u0 = process.cpuUsage();
  const value = f();
  const u = process.cpuUsage(u0);
  return { seconds: (u.user + u.system) / 1e6, value };
}

/**
 * Runs a bench script under tsx in a new Node process (`node [flags] --conditions=@mlgeo/source
 * --import tsx SCRIPT args…`, cwd the repository root) and parses the last line of its stdout as
 * JSON — the way a bench runs one of its columns in a process of its own (its child mode prints
 * one JSON line last). Throws with the child's stderr when it fails.
 */
export function tsxChildJson<T>(
  script: string,
  args: readonly string[],
  nodeFlags: readonly string[] = [],
): T {
  const ROOT = fileURLToPath(new URL('../..', import.meta.url));
  const argv = [...nodeFlags, '--conditions=@mlgeo/source', '--import', 'tsx', script, ...args];
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8', cwd: ROOT, maxBuffer: 1 << 26 });
  const last = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !last.startsWith('{'))
    throw new Error(`${script} ${args.join(' ')} failed (${r.status}):\n${r.stderr?.slice(-3000)}`);
  return JSON.parse(last) as T;
}
