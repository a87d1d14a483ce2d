/**
 * `mlgeo analyze --curvature`: the report's curvature section carries SPEC §9's Ollivier values
 * (B: κ(00, 01) = −8 + 6√2, exact; C: 3/4, 3/4, 2/3) and Forman 0 on A, it validates against the
 * report schema, and the SVG colours edges and cells with a legend.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli.js';
import { reportSchema } from './report/schema.js';
import { verifyReport } from './verify/command.js';
import type { ReportJson } from './report/types.js';
import { writeSpecFiles } from './testing/spec-models.js';

const dir = mkdtempSync(join(tmpdir(), 'mlgeo-cli-curvature-'));
writeSpecFiles(dir);

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    stderrIsTTY: false,
    cwd: dir,
  });
  return { code, stdout, stderr };
}

async function report(args: string[]): Promise<ReportJson> {
  const r = await run(['analyze', ...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const json = JSON.parse(r.stdout) as unknown;
  expect(reportSchema.safeParse(json).success).toBe(true);
  return json as ReportJson;
}

describe('mlgeo analyze --curvature', () => {
  it('B: exact Ollivier κ(00, 01) = −8 + 6√2', async () => {
    const r = await report(['B.json', '--data', 'grid.csv', '--curvature', 'ollivier']);
    const k = r.curvature!;
    expect(k.tier).toBe('exact');
    expect(k.edgeLength).toBe('unit');
    expect(k.edges[0]).toMatchObject({ i: 0, j: 1, exact: '-8 + 6*sqrt(2)' });
    expect(k.edges[0]!.value).toBeCloseTo(0.485281374239, 11);
    expect(k.cells).toHaveLength(4);
    expect(r.tool.command).toContain('--curvature ollivier');
  });

  it('C: κ(1,3) = κ(1,4) = 3/4, κ(3,4) = 2/3; --float gives the float tier', async () => {
    const r = await report(['C.json', '--data', 'grid.csv', '--curvature', 'ollivier']);
    expect(r.curvature!.edges.map((e) => e.exact)).toEqual(['3/4', '3/4', '2/3']);
    const f = await report(['C.json', '--data', 'grid.csv', '--curvature', 'ollivier', '--float']);
    expect(f.curvature!.tier).toBe('float');
    expect(f.curvature!.edges.map((e) => e.value)).toEqual([
      expect.closeTo(0.75, 12),
      expect.closeTo(0.75, 12),
      expect.closeTo(2 / 3, 12),
    ]);
  });

  it('A: Forman 0 on every edge', async () => {
    const r = await report(['A.json', '--data', 'grid.csv', '--curvature', 'forman']);
    expect(r.curvature!.kind).toBe('forman');
    for (const e of r.curvature!.edges) expect(e.value).toBeCloseTo(0, 14);
  });

  it('the SVG colours edges (drawn with --graph) and cells and has a legend', async () => {
    const r = await run([
      'analyze',
      'B.json',
      '--data',
      'grid.csv',
      '--curvature',
      'ollivier',
      '--svg',
      'b.svg',
      '--graph',
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    const svg = readFileSync(join(dir, 'b.svg'), 'utf8');
    expect(svg).toContain('Ollivier curvature');
    const lines = svg.match(/<g id="adjacency"[\s\S]*?<\/g>/)![0];
    expect(lines.match(/<line [^>]*stroke="#[0-9a-f]{6}"/g)).toHaveLength(4);
  });

  it('needs --data', async () => {
    const r = await run(['analyze', 'A.json', '--curvature', 'ollivier']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--curvature needs --data/);
  });

  it('verify recomputes the curvature section and refutes an edited value', async () => {
    for (const args of [
      ['B.json', '--data', 'grid.csv', '--curvature', 'ollivier'],
      ['C.json', '--data', 'grid.csv', '--curvature', 'ollivier', '--float'],
      ['A.json', '--data', 'grid.csv', '--curvature', 'forman'],
    ]) {
      const r = await report(args);
      expect(() => verifyReport(structuredClone(r))).not.toThrow();
      const value = structuredClone(r);
      value.curvature!.edges[0]!.value = (value.curvature!.edges[0]!.value ?? 0) + 1e-6;
      expect(() => verifyReport(value)).toThrow(/curvature\.edges\[0\]\.value/);
      const cells = structuredClone(r);
      cells.curvature!.cells.pop();
      expect(() => verifyReport(cells)).toThrow(/curvature\.cells/);
    }
  });
});
