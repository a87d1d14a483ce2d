/**
 * Issue 10 finding 8: reports of the same run differ only in `timing`, and with --no-timing two runs
 * write byte-identical reports and SVGs. The bytes are also those of the format the report always
 * had, `JSON.stringify(report, null, 2)` and a newline (the streaming writer's oracle), and `--json`
 * prints the same bytes as `--out` writes.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli.js';
import { reportSchema } from './report/schema.js';
import { REPO_ROOT } from './testing/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'mlgeo-reproducible-'));
const MODEL = ['packages/cli/examples/moons-mlp.json', '--data', 'packages/cli/examples/moons.csv'];

async function analyze(tag: string, ...extra: string[]) {
  let stdout = '';
  let stderr = '';
  const out = join(dir, `${tag}.json`);
  const svg = join(dir, `${tag}.svg`);
  const code = await runCli(['analyze', ...MODEL, '--out', out, '--svg', svg, ...extra], {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    stderrIsTTY: false,
    cwd: REPO_ROOT,
  });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return { report: readFileSync(out), svg: readFileSync(svg), stdout };
}

describe('reproducible reports', () => {
  it('--no-timing: two runs write the same bytes (report and SVG); timing is the only difference', async () => {
    const first = await analyze('a', '--no-timing', '--json');
    const second = await analyze('b', '--no-timing', '--json');
    expect(second.report.equals(first.report)).toBe(true);
    expect(second.svg.equals(first.svg)).toBe(true);
    const text = first.report.toString('utf8');
    expect(first.stdout).toBe(text);

    const report = JSON.parse(text) as Record<string, unknown> & { tool: { command: string } };
    expect(text).toBe(JSON.stringify(report, null, 2) + '\n');
    expect('timing' in report).toBe(false);
    expect(reportSchema.safeParse(report).success).toBe(true);
    expect(report.tool.command).toMatch(/ --no-timing$/);
    // timing is informational: a report without it verifies
    const verified = await runCli(['verify', join(dir, 'a.json'), '--quiet'], {
      stdout: () => {},
      stderr: (s) => void process.stderr.write(s),
      stderrIsTTY: false,
      cwd: REPO_ROOT,
    });
    expect(verified).toBe(0);

    const timed = await analyze('c');
    const withTiming = JSON.parse(timed.report.toString('utf8')) as typeof report;
    expect(timed.report.toString('utf8')).toBe(JSON.stringify(withTiming, null, 2) + '\n');
    expect(Object.keys(withTiming).at(-1)).toBe('timing');
    expect(reportSchema.safeParse(withTiming).success).toBe(true);
    // remove the timing block (and the option from the command line): the rest is the same report
    const { timing: _timing, ...rest } = withTiming;
    rest.tool = { ...withTiming.tool, command: withTiming.tool.command + ' --no-timing' };
    expect(JSON.stringify(rest, null, 2) + '\n').toBe(text);
    expect(timed.svg.equals(first.svg)).toBe(true);
  }, 180_000);

  it('analyze --help documents --no-timing with an example, and atomic streamed output', async () => {
    let help = '';
    const code = await runCli(['analyze', '--help'], {
      stdout: (s) => void (help += s),
      stderr: (s) => void (help += s),
      stderrIsTTY: false,
      cwd: REPO_ROOT,
    });
    expect(code).toBe(0);
    expect(help).toMatch(/--no-timing +leave out the timing block/);
    expect(help).toMatch(/\$ mlgeo analyze .* --no-timing/);
    expect(help).toMatch(/written atomically/);
  });
});
