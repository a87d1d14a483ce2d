/** `mlgeo verify` rechecks the decision regions (verify/pieces.ts): good reports pass, edits fail. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze.js';
import type { CliIo } from '../cli.js';
import type { ReportJson } from '../report/types.js';
import { REPO_ROOT } from '../testing/run-cli.js';
import { verifyReport } from './command.js';

const io: CliIo = {
  stdout: () => {},
  stderr: () => {},
  stderrIsTTY: false,
  cwd: mkdtempSync(join(tmpdir(), 'mlgeo-verify-pieces-')),
};

async function reportOf(model: string, float = false): Promise<ReportJson> {
  const { report } = await analyze(
    {
      model: model.startsWith('/') ? model : join(REPO_ROOT, model),
      complex: 'adjacency',
      length: 'centroid',
      cells: 'all',
      maxCells: 1_000_000,
      quiet: true,
      ...(float ? { float: true } : {}),
    },
    io,
  );
  return JSON.parse(JSON.stringify(report)) as ReportJson;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests tamper with arbitrary fields
type Loose = Record<string, any>;

function refute(report: ReportJson, edit: (r: Loose) => void): string {
  const copy = structuredClone(report) as unknown as Loose;
  edit(copy);
  try {
    verifyReport(copy);
  } catch (error) {
    return (error as Error).message;
  }
  return 'verified';
}

describe('verify: decision regions (SPEC §5)', () => {
  it('certifies pieces, boundary, bends and regions, and refutes edits of each', async () => {
    const moons = await reportOf('packages/cli/examples/moons-mlp.json');
    expect(() => verifyReport(moons)).not.toThrow();
    expect(moons.decision!.bends.length).toBeGreaterThan(0);
    const split = moons.partition.cells.findIndex((c) => c.pieces!.length === 2);
    expect(split).toBeGreaterThanOrEqual(0);
    expect(refute(moons, (r) => (r.partition.cells[split].pieces[0].class = 1))).toMatch(
      /^partition\.cells\[\d+\]\.pieces/,
    );
    expect(refute(moons, (r) => r.partition.cells[split].pieces.pop())).toMatch(
      /^partition\.cells\[\d+\]\.pieces: the full-dimensional pieces are of classes \[0, 1\]/,
    );
    expect(
      refute(moons, (r) => {
        const v = r.partition.cells[split].pieces[1].volume;
        v.exact = '1/3';
        v.float = 1 / 3;
      }),
    ).toMatch(/pieces\[1\]\.volume: report says 1\/3/);
    expect(
      refute(moons, (r) => {
        const c = r.partition.cells[split];
        c.predictedClass = 1 - c.predictedClass;
      }),
    ).toMatch(/predictedClass: the output at the exact centroid predicts/);
    expect(
      refute(moons, (r) => (r.decision.boundary[0].volume = r.decision.boundary[1].volume)),
    ).toMatch(/^decision\.boundary\[0\]\.volume/);
    expect(refute(moons, (r) => r.decision.boundary.pop())).toMatch(
      /^decision\.boundary: cell \d+ has 1/,
    );
    expect(
      refute(moons, (r) => (r.decision.regions[0].volume = r.decision.regions[1].volume)),
    ).toMatch(/^decision\.regions\[0\]\.volume/);
    expect(
      refute(
        moons,
        (r) =>
          (r.decision.bends[0].cos = {
            ...r.decision.bends[0].cos,
            exact: '1',
            r: '1',
            q: '1',
            float: 1,
            squared: '1',
          }),
      ),
    ).toMatch(/^decision\.bends\[0\]\.cos/);
    expect(refute(moons, (r) => (r.decision.bends[0].angle += 1e-6))).toMatch(
      /^decision\.bends\[0\]\.angle/,
    );
    // no bend may be dropped, and none invented between pieces that do not meet
    expect(refute(moons, (r) => r.decision.bends.pop())).toMatch(/^decision\.bends/);
    expect(
      refute(moons, (r) => {
        const n = r.decision.boundary.length;
        r.decision.bends.push({ ...r.decision.bends[0], between: [n - 2, n - 1] });
      }),
    ).toMatch(/^decision\.bends/);
    // their order is a claim (sorted by between): two bends swapped are refuted
    expect(moons.decision!.bends.length).toBeGreaterThan(1);
    expect(
      refute(moons, (r) => {
        [r.decision.bends[0], r.decision.bends[1]] = [r.decision.bends[1], r.decision.bends[0]];
      }),
    ).toMatch(/^decision\.bends\[1\]\.between: bends are sorted by between/);
  }, 120_000);

  it('checks the iris net in exact and float reports, and a model of constant class per cell', async () => {
    const iris = await reportOf('packages/cli/src/fixtures/iris/iris-2-8-8-3.onnx');
    expect(() => verifyReport(iris)).not.toThrow();
    const float = await reportOf('packages/cli/src/fixtures/iris/iris-2-8-8-3.onnx', true);
    expect(() => verifyReport(float)).not.toThrow();
    expect(refute(float, (r) => (r.decision.regions[0].volume += 0.01))).toMatch(
      /^decision\.regions\[0\]\.volume/,
    );
    const voronoi = join(io.cwd, 'voronoi.json');
    writeFileSync(
      voronoi,
      JSON.stringify({
        format: 'mlgeo-voronoi',
        version: 1,
        sites: [
          [0, 0],
          [1, 0],
          [0, 1],
        ],
      }),
    );
    const sites = await reportOf(voronoi);
    expect(sites.partition.cells.map((c) => c.pieces!.map((p) => p.label))).toEqual([
      ['0:0'],
      ['1:1'],
      ['2:2'],
    ]);
    expect(() => verifyReport(sites)).not.toThrow();
    expect(refute(sites, (r) => (r.partition.cells[1].pieces[0].class = 2))).toMatch(
      /^partition\.cells\[1\]\.pieces: a cell of constant class is one piece/,
    );
  }, 120_000);
});
