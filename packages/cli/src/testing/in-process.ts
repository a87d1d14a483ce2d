/**
 * Test support: runs `mlgeo` in this process through `runCli` (no child process), collecting exit
 * code, stdout and stderr; `analyzeJson` runs `mlgeo analyze … --json` and checks that it succeeds
 * silently and that the report validates against the report schema.
 */
import { expect } from 'vitest';
import { runCli } from '../cli.js';
import { reportSchema } from '../report/schema.js';
import type { ReportJson } from '../report/types.js';
import type { CliRun } from './run-cli.js';

/** Runs `mlgeo <args>` in-process with `cwd` as its working directory. */
export async function runCliIn(cwd: string, args: readonly string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...args], {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    stderrIsTTY: false,
    cwd,
  });
  return { code, stdout, stderr };
}

/** `mlgeo analyze <args> --json` in `cwd`: exit 0, nothing on stderr, a schema-valid report. */
export async function analyzeJson(cwd: string, args: readonly string[]): Promise<ReportJson> {
  const r = await runCliIn(cwd, ['analyze', ...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const json = JSON.parse(r.stdout) as unknown;
  expect(reportSchema.safeParse(json).success).toBe(true);
  return json as ReportJson;
}
