/**
 * `mlgeo analyze --geometry lp`: in 3-D the LP tier's H-representations and adjacency agree with
 * the vertex path's (exact vertex enumeration, riemannian-complex shared faces) on the same data
 * cells; a 6-D run uses the LP tier by default, validates against the schema, `mlgeo verify`
 * confirms it and rejects a tampered ridge cosine, Chebyshev radius and adjacency certificate;
 * `--only cells` writes no measures; the volume-free data complex carries `mass`/`unit`.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '@mlgeo/exact-arith';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { reportSchema } from '../report/schema.js';
import type { ReportJson } from '../report/types.js';
import { verifyReport } from '../verify/command.js';

const dir = mkdtempSync(join(tmpdir(), 'mlgeo-cli-lp-'));

/** A random ReLU net (dyadic weights) as an mlgeo-mlp file, and random points in the unit cube. */
function writeNet(name: string, sizes: number[], seed: number, points: number): void {
  const rnd = seededRandom(seed);
  const w = () => (Math.floor(rnd() * 33) - 16) / 8;
  const layers = sizes.slice(1).map((m, l) => ({
    weights: Array.from({ length: m }, () => Array.from({ length: sizes[l]! }, w)),
    bias: Array.from({ length: m }, w),
  }));
  writeFileSync(
    join(dir, `${name}.json`),
    JSON.stringify({ format: 'mlgeo-mlp', version: 1, inputDimension: sizes[0], layers }),
  );
  const rows = Array.from({ length: points }, () =>
    Array.from({ length: sizes[0]! }, () => (1 + Math.floor(rnd() * 254)) / 256).join(','),
  );
  const header = Array.from({ length: sizes[0]! }, (_, i) => `x${i + 1}`).join(',');
  writeFileSync(join(dir, `${name}.csv`), [header, ...rows].join('\n') + '\n');
}

async function report(args: string[]): Promise<ReportJson> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['analyze', ...args, '--json'], {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    stderrIsTTY: false,
    cwd: dir,
  });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const json = JSON.parse(stdout) as unknown;
  const parsed = reportSchema.safeParse(json);
  expect(parsed.success).toBe(true);
  return json as ReportJson;
}

const rowKeys = (h: { A: string[][]; b: string[] }) =>
  h.A.map((a, i) => `${a.join(',')};${h.b[i]}`).sort();

describe('mlgeo analyze --geometry lp', () => {
  it('3-D: the same H-representations and adjacency as the vertex path', async () => {
    writeNet('net3', [3, 5, 4, 2], 11, 40);
    const args = ['net3.json', '--data', 'net3.csv', '--cells', 'data'];
    const lp = await report([...args, '--geometry', 'lp']);
    const vx = await report([...args, '--geometry', 'vertices']);
    expect(lp.partition.geometry).toBe('lp');
    expect(lp.partition.cells.map((c) => c.label)).toEqual(vx.partition.cells.map((c) => c.label));
    lp.partition.cells.forEach((c, i) =>
      expect(rowKeys(c.hrep)).toEqual(rowKeys(vx.partition.cells[i]!.hrep)),
    );
    expect(lp.complex!.simplices[1]).toEqual(vx.complex!.simplices[1]);
    expect(lp.complex!.metric!.vertexWeight).toBe('mass');
    expect(lp.complex!.metric!.edgeLength).toBe('unit');
    expect(verifyReport(lp).claims).toBeGreaterThan(0);
  }, 120_000);

  it('the data block (labels, counts) is the vertex path’s', async () => {
    writeNet('net3l', [3, 5, 4, 2], 12, 30);
    const csv = readFileSync(join(dir, 'net3l.csv'), 'utf8').trim().split('\n');
    writeFileSync(
      join(dir, 'net3l.csv'),
      csv.map((line, i) => `${line},${i === 0 ? 'label' : i % 2}`).join('\n') + '\n',
    );
    const args = ['net3l.json', '--data', 'net3l.csv', '--cells', 'data'];
    const lp = await report([...args, '--geometry', 'lp']);
    const vx = await report([...args, '--geometry', 'vertices']);
    expect(lp.data!.labels).toBeDefined();
    expect(lp.data).toEqual(vx.data);
    expect(lp.model).toEqual(vx.model);
  }, 120_000);

  it('6-D: LP tier by default, verified, tampering caught', async () => {
    writeNet('net6', [6, 8, 6, 3], 5, 25);
    const r = await report(['net6.json', '--data', 'net6.csv', '--cells', 'data', '--float']);
    expect(r.partition.geometry).toBe('lp');
    expect(r.lp!.margins!.length).toBe(25);
    expect(r.lp!.tiers['volume']).toBe('absent');
    expect(r.lp!.tiers['ridgeAbsence']).toBe('float');
    verifyReport(r);
    const withRidge = r.lp!.cells.findIndex((c) => (c.ridges?.list.length ?? 0) > 0);
    expect(withRidge).toBeGreaterThanOrEqual(0);
    const bad1 = structuredClone(r);
    bad1.lp!.cells[withRidge]!.ridges!.list[0]!.cos = 0.123;
    expect(() => verifyReport(bad1)).toThrow(/cos/);
    const bad2 = structuredClone(r);
    bad2.lp!.cells[0]!.chebyshev!.radius = 2 * (r.lp!.cells[0]!.chebyshev!.radiusFloat + 0.01);
    expect(() => verifyReport(bad2)).toThrow(/radius/);
    if (r.lp!.adjacency.edges.length > 0) {
      const bad3 = structuredClone(r);
      bad3.lp!.adjacency.edges[0]!.certificate = Array.from({ length: 6 }, () => '1/3');
      expect(() => verifyReport(bad3)).toThrow(/certificate/);
    }
  }, 120_000);

  it('--lp margins,slopes (no facets): verify reads the report and lists what it cannot place', async () => {
    const r = await report([
      'net6.json',
      '--data',
      'net6.csv',
      '--cells',
      'data',
      '--float',
      '--lp',
      'margins,slopes',
    ]);
    expect(r.lp!.tiers['facets']).toBe('absent');
    expect(r.partition.cells.every((c) => c.hrep.A.length === 0)).toBe(true);
    const s = verifyReport(r);
    expect(s.claims).toBeGreaterThan(0);
    if (r.lp!.adjacency.edges.length > 0) {
      expect(s.unchecked.some((u) => /adjacency certificates/.test(u))).toBe(true);
      const bad = structuredClone(r);
      bad.lp!.adjacency.edges[0]!.certificate![0] = 'not a number';
      expect(() => verifyReport(bad)).toThrow(/certificate/);
    }
  }, 120_000);

  it('--lp point-ridges: certified ridges at the data points; usage errors name the clash', async () => {
    const base = ['net6.json', '--data', 'net6.csv', '--cells', 'data'];
    const r = await report([...base, '--float', '--lp', 'margins,point-ridges']);
    const pr = r.lp!.pointRidges!;
    expect(pr.facetsPerPoint).toBe(4);
    expect(pr.pairs).toBe(25 * 6);
    expect(pr.certified).toBe(pr.list.length);
    expect(pr.certified + pr.parallel + pr.box + pr.signs).toBe(pr.pairs);
    expect(pr.certified).toBeGreaterThan(0);
    expect(r.lp!.tiers['pointRidgeCos']).toBe('float');
    const units = r.partition.cells[0]!.label.length;
    for (const x of pr.list) {
      expect(x.a).toBeGreaterThanOrEqual(0);
      expect(x.b).toBeLessThan(units);
      expect(Math.cos(x.angle)).toBeCloseTo(x.cos, 12);
    }
    verifyReport(r);
    const fails = async (args: string[]) => {
      let stderr = '';
      const code = await runCli(['analyze', ...args, '--json'], {
        stdout: () => undefined,
        stderr: (s) => void (stderr += s),
        stderrIsTTY: false,
        cwd: dir,
      });
      expect(code).not.toBe(0);
      return stderr;
    };
    expect(await fails([...base, '--float', '--lp', 'facets,point-ridges'])).toMatch(
      /point-ridges.*cannot be combined with facets/,
    );
    expect(await fails([...base, '--float', '--lp', 'point-ridges,ridges,chebyshev'])).toMatch(
      /ridges, chebyshev/,
    );
    expect(await fails([...base, '--lp', 'margins,point-ridges'])).toMatch(/needs --float/);
  }, 120_000);

  it('above 128 inputs the default values need no LP per cell: margins and slopes', async () => {
    writeNet('net130', [130, 4, 3, 2], 5, 6);
    const base = ['net130.json', '--data', 'net130.csv'];
    const r = await report(base);
    expect(r.partition.geometry).toBe('lp');
    expect(r.lp!.tiers.facets).toBe('absent');
    expect(r.lp!.tiers.chebyshevRadius).toBe('absent');
    expect(r.lp!.margins).toHaveLength(6);
    expect(r.lp!.cells.every((c) => c.slope !== undefined && c.chebyshev === undefined)).toBe(true);
    // the LP-free adjacency: candidates certified or counted as undecided
    expect(r.lp!.adjacency.undecided).toBeDefined();
    // asked for by name, facets are still computed
    const f = await report([...base, '--lp', 'facets', '--float']);
    expect(f.lp!.tiers.facets).toBe('exact');
    expect(f.lp!.cells.every((c) => c.facets.length > 0)).toBe(true);
  }, 120_000);

  it('--max-seconds stops inside a cell whose facet LPs take long (not after it)', async () => {
    writeNet('net200', [200, 48, 24, 2], 9, 2);
    let stderr = '';
    const code = await runCli(
      ['analyze', 'net200.json', '--data', 'net200.csv', '--lp', 'facets', '--float'].concat([
        '--max-seconds',
        '0.3',
        '--quiet',
      ]),
      { stdout: () => {}, stderr: (t) => void (stderr += t), stderrIsTTY: false, cwd: dir },
    );
    expect(code).toBe(3);
    // stopped while the first cell's rows were decided: 0 cells done
    expect(stderr).toMatch(/--max-seconds: stopped in phase "lp cells": 0 of \d+/);
  }, 120_000);

  it('--only cells: patterns, counts, H-reps, adjacency, no measures', async () => {
    const r = await report(['net6.json', '--data', 'net6.csv', '--only', 'cells', '--float']);
    expect(r.lp!.margins).toBeUndefined();
    expect(r.lp!.cells.every((c) => c.chebyshev === undefined && c.ridges === undefined)).toBe(
      true,
    );
    expect(r.partition.cells.every((c) => c.volume === undefined && c.hrep.A.length > 0)).toBe(
      true,
    );
    expect(r.lp!.tiers['chebyshevRadius']).toBe('absent');
  }, 120_000);
});
