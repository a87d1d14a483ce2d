/**
 * Predictions at the exact centroid (SPEC §5), whatever the data order, and data points in the
 * pieces of their class. Oracles: the polygon centroid of the cell's reported vertices by the
 * shoelace formula, and an exact forward pass of the model's layers (testing/forward-pass.ts).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rational, seededRandom } from '@mlgeo/exact-arith';
import type { DenseLayer } from '@mlgeo/model-partitions';
import { readModelBytes } from '@mlgeo/model-readers';
import { describe, expect, it } from 'vitest';
import { analyze, type AnalyzeOptions } from '../analyze.js';
import type { CliIo } from '../cli.js';
import { exactClass, exactScores } from '../testing/forward-pass.js';
import { REPO_ROOT } from '../testing/run-cli.js';
import type { CellJson, ReportJson } from './types.js';

const EXAMPLES = join(REPO_ROOT, 'packages/cli/examples');
const IRIS = join(REPO_ROOT, 'packages/cli/src/fixtures/iris');
const dir = mkdtempSync(join(tmpdir(), 'mlgeo-predictions-'));
const io: CliIo = { stdout: () => {}, stderr: () => {}, stderrIsTTY: false, cwd: dir };

async function report(model: string, data: string, cells: 'all' | 'data'): Promise<ReportJson> {
  const options: AnalyzeOptions = {
    model,
    data,
    complex: 'adjacency',
    length: 'centroid',
    cells,
    maxCells: 1_000_000,
    quiet: true,
  };
  return (await analyze(options, io)).report;
}

async function layersOf(path: string): Promise<DenseLayer[]> {
  const read = await readModelBytes(path, readFileSync(path));
  if (read.model.kind !== 'mlp') throw new Error('expected an MLP');
  return read.model.layers;
}

/** Centroid of a convex polygon from its (unordered) vertices: shoelace over the angular order. */
function polygonCentroid(vertices: readonly (readonly string[])[]): Rational[] {
  const v = vertices.map((p) => p.map((x) => Rational.parse(x)));
  const mx = v.reduce((s, p) => s + p[0]!.toNumber(), 0) / v.length;
  const my = v.reduce((s, p) => s + p[1]!.toNumber(), 0) / v.length;
  v.sort(
    (a, b) =>
      Math.atan2(a[1]!.toNumber() - my, a[0]!.toNumber() - mx) -
      Math.atan2(b[1]!.toNumber() - my, b[0]!.toNumber() - mx),
  );
  let area = Rational.ZERO;
  let cx = Rational.ZERO;
  let cy = Rational.ZERO;
  v.forEach((p, i) => {
    const q = v[(i + 1) % v.length]!;
    const cross = p[0]!.mul(q[1]!).sub(q[0]!.mul(p[1]!));
    area = area.add(cross);
    cx = cx.add(p[0]!.add(q[0]!).mul(cross));
    cy = cy.add(p[1]!.add(q[1]!).mul(cross));
  });
  const six = area.mul(Rational.from(3));
  return [cx.div(six), cy.div(six)];
}

/** The cell's prediction and class equal the forward pass at the shoelace centroid. */
function expectCentroidPrediction(cell: CellJson, layers: readonly DenseLayer[]): void {
  const centroid = polygonCentroid(cell.vertices!);
  expect(cell.centroid!.map((c) => (typeof c === 'number' ? c : c.exact))).toEqual(
    centroid.map((x) => x.toString()),
  );
  const z = exactScores(layers, centroid);
  const outputs = z.length === 2 && layers[layers.length - 1]!.bias.length === 1 ? [z[1]!] : z;
  const prediction = outputs.map((x) => x.toNumber());
  expect(cell.prediction).toEqual(prediction.length === 1 ? prediction[0] : prediction);
  expect(cell.predictedClass).toBe(exactClass(layers, centroid));
}

describe('predictions at the exact centroid (SPEC §5), independent of the data order', () => {
  it('moons: cell 0000001010010100 is class 1 — the net is positive at its centroid', async () => {
    const model = join(EXAMPLES, 'moons-mlp.json');
    const layers = await layersOf(model);
    const r = await report(model, join(EXAMPLES, 'moons.csv'), 'all');
    const cell = r.partition.cells.find((c) => c.label === '0000001010010100')!;
    const f = exactScores(layers, polygonCentroid(cell.vertices!))[1]!;
    expect(f.sign()).toBe(1);
    expect(f.toNumber()).toBeCloseTo(0.146, 3); // the value issue 10 quotes
    expect(cell.predictedClass).toBe(1);
    for (const c of r.partition.cells) expectCentroidPrediction(c, layers);
  }, 120_000);

  it('shuffling the data changes no prediction (full and --cells data)', async () => {
    const model = join(EXAMPLES, 'moons-mlp.json');
    const layers = await layersOf(model);
    const [header, ...rows] = readFileSync(join(EXAMPLES, 'moons.csv'), 'utf8').trim().split('\n');
    const rnd = seededRandom(99);
    const shuffled = rows
      .map((row) => ({ row, key: rnd() }))
      .sort((a, b) => a.key - b.key)
      .map((x) => x.row);
    writeFileSync(join(dir, 'shuffled.csv'), [header, ...shuffled].join('\n') + '\n');
    for (const cells of ['all', 'data'] as const) {
      const a = await report(model, join(EXAMPLES, 'moons.csv'), cells);
      const b = await report(model, join(dir, 'shuffled.csv'), cells);
      const view = (r: ReportJson) =>
        r.partition.cells.map((c) => [c.label, c.prediction, c.predictedClass, c.pieces]);
      expect(view(b)).toEqual(view(a));
      for (const c of a.partition.cells) expectCentroidPrediction(c, layers);
    }
  }, 120_000);

  it('iris: every data point lies in a piece of the class the network predicts there', async () => {
    const model = join(IRIS, 'iris-2-8-8-3.onnx');
    const layers = await layersOf(model);
    const r = await report(model, join(IRIS, 'iris-petal.csv'), 'all');
    const pieces = r.partition.cells.flatMap((c) => c.pieces!);
    const points = readFileSync(join(IRIS, 'iris-petal.csv'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(',').map((x) => Rational.parse(x)));
    expect(points).toHaveLength(150);
    let wholeCellWrong = 0; // points a picture of whole cells (one class per cell) would misplace
    for (const x of points) {
      const cls = exactClass(layers, x);
      // a·x − b per row of each piece: ≤ 0 in the closed piece, < 0 everywhere in its interior
      const slack = (p: (typeof pieces)[number]) =>
        p.hrep.A.map((row, i) =>
          row
            .reduce((s, a, k) => s.add(Rational.parse(a).mul(x[k]!)), Rational.ZERO)
            .sub(Rational.parse(p.hrep.b[i]!))
            .sign(),
        );
      const containing = pieces.filter((p) => slack(p).every((s) => s <= 0));
      expect(containing.length, `point ${x}`).toBeGreaterThan(0);
      expect(containing.some((p) => p.class === cls)).toBe(true);
      for (const p of containing) if (slack(p).every((s) => s < 0)) expect(p.class).toBe(cls);
      const cell = r.partition.cells.find((c) => c.pieces!.some((p) => containing.includes(p)))!;
      if (cell.predictedClass !== cls) wholeCellWrong++;
    }
    // the check has teeth: on this net, painting whole cells misplaces some points
    expect(wholeCellWrong).toBeGreaterThan(0);
  }, 120_000);
});
