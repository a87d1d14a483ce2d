/**
 * The pause view (pause-view.ts) against the CLI: for the CLI's example model and for nets trained
 * by the page's own trainer, every number the view shows — cell labels and exact areas, shared
 * faces (cells, exact lengths r·√q, endpoints), angles (cell, point, exact cos r·√q) — equals the
 * report `mlgeo analyze --cells all` writes for the same model file; the polygons drawn have the
 * exact areas (shoelace in float) and the classes of the report.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze, type CliIo, type ReportJson } from '@mlgeo/cli';
import { describe, expect, it } from 'vitest';
import { exactToNumber } from './geometry.js';
import { datasetToCsv, makeDataset } from './datasets.js';
import { adamState, adamStep, initMlp, mlpToJson } from './mlp.js';
import { type PauseView, pauseViewBuffers, pauseViewOf } from './pause-view.js';

const CLI_EXAMPLES = fileURLToPath(new URL('../../cli/examples/', import.meta.url));

const io = (cwd: string): CliIo => ({
  stdout: () => {},
  stderr: () => {},
  stderrIsTTY: false,
  cwd,
});

const text = (v: { exact: string } | number | undefined) =>
  v === undefined ? '' : typeof v === 'number' ? String(v) : v.exact;
const float = (v: { float: number } | number | undefined) =>
  v === undefined ? NaN : typeof v === 'number' ? v : v.float;

/** Every number of the view against the CLI's report of the same model. */
export function expectViewEqualsReport(view: PauseView, report: ReportJson): void {
  const cells = report.partition.cells;
  const complex = report.complex!;
  expect(complex.cells.map((c) => c.cell)).toEqual(cells.map((_, k) => k));
  expect(view.labels.split('\n')).toEqual(cells.map((c) => c.label));
  expect(view.areas.split('\n')).toEqual(cells.map((c) => text(c.volume)));
  expect([...view.faces]).toEqual(complex.sharedFaces.flatMap((f) => [f.i, f.j]));
  expect(view.faceLengths.split('\n')).toEqual(complex.sharedFaces.map((f) => text(f.volume)));
  complex.sharedFaces.forEach((f, e) => {
    const ends = f.vertices!.flatMap((v) => v.map(exactToNumber));
    for (let t = 0; t < 4; t++) expect(view.faceEnds[4 * e + t]).toBeCloseTo(ends[t]!, 12);
  });
  const angles = (complex.ridges ?? []).flatMap((r) => r.angles.map((a) => ({ r, a })));
  expect([...view.angleCells]).toEqual(angles.map(({ a }) => a.cell));
  expect(view.angleCos.split('\n')).toEqual(angles.map(({ a }) => text(a.cos)));
  angles.forEach(({ a }, k) => expect(view.angles[k]).toBeCloseTo(a.angle, 12));
  // the drawn polygons: float shoelace area = exact area (to float rounding)
  cells.forEach((c, k) => {
    let twice = 0;
    for (let v = view.starts[k]!; v < view.starts[k + 1]!; v++) {
      const w = v + 1 < view.starts[k + 1]! ? v + 1 : view.starts[k]!;
      twice += view.xy[2 * v]! * view.xy[2 * w + 1]! - view.xy[2 * w]! * view.xy[2 * v + 1]!;
    }
    expect(twice / 2, `cell ${k} area`).toBeCloseTo(float(c.volume), 9);
  });
  expect([...view.classes]).toEqual(cells.map((c) => c.predictedClass));
}

async function cliReport(dir: string, model: string): Promise<ReportJson> {
  return (
    await analyze(
      { model, complex: 'adjacency', length: 'centroid', cells: 'all', maxCells: 20000 },
      io(dir),
    )
  ).report;
}

describe('the pause view', () => {
  it('shows the numbers of mlgeo analyze for the CLI example', async () => {
    const name = 'moons-mlp.json';
    const view = await pauseViewOf({
      name,
      bytes: new Uint8Array(readFileSync(join(CLI_EXAMPLES, name))),
    });
    expectViewEqualsReport(view!, await cliReport(CLI_EXAMPLES, name));
    expect(view!.angleCos.split('\n').some((c) => c.includes('sqrt'))).toBe(true);
    expect(pauseViewBuffers(view!)).toHaveLength(8);
  });

  it('shows the numbers of mlgeo analyze --cells all for nets trained by the page', async () => {
    for (const [hidden, seed, steps] of [
      [[8, 8], 3, 150],
      [[16, 16], 1, 300],
    ] as const) {
      const data = makeDataset('spirals', { count: 120, noise: 0.03, seed: 5 });
      const mlp = initMlp([2, ...hidden, 1], seed);
      const adam = adamState(mlp);
      for (let i = 0; i < steps; i++) adamStep(mlp, adam, data.x, data.labels, 0.02);
      const dir = mkdtempSync(join(tmpdir(), 'mlgeo-playground-view-'));
      const json = mlpToJson(mlp, 'test');
      writeFileSync(join(dir, 'playground-model.json'), json);
      writeFileSync(join(dir, 'spirals.csv'), datasetToCsv(data));
      const view = await pauseViewOf({
        name: 'playground-model.json',
        bytes: new TextEncoder().encode(json),
      });
      expectViewEqualsReport(view!, await cliReport(dir, 'playground-model.json'));
    }
  }, 120_000);
});
