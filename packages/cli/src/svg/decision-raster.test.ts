/**
 * The picture shows the model's decisions (SPEC §5): the SVG of `mlgeo analyze` is rasterised by
 * resvg and the colour at ≥ 10,000 grid points is compared with an exact forward pass of the model
 * (argmax, lowest index on ties) — on the iris 2→8→8→3 ONNX network (tools/fixtures/iris-onnx.py) and
 * on seeded random 2→k→k→c ReLU nets, c = 1..5. Points within 3 pixels of a cell facet, a decision
 * boundary or the domain's edge (a float lower bound from the model, testing/forward-pass.ts) are
 * skipped: lines and anti-aliasing live there.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { Rational, seededRandom } from '@mlgeo/exact-arith';
import type { DenseLayer } from '@mlgeo/model-partitions';
import { readModelBytes } from '@mlgeo/model-readers';
import { describe, expect, it } from 'vitest';
import { analyze, type AnalyzeOptions } from '../analyze.js';
import type { ReportJson } from '../report/types.js';
import type { CliIo } from '../cli.js';
import { boundaryMargin, exactClass, floatLayers } from '../testing/forward-pass.js';
import { categoryColor } from './colors.js';
import { renderPartitionSvg } from './render.js';
import { sceneFromReport } from './scene.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'iris');
const dir = mkdtempSync(join(tmpdir(), 'mlgeo-decision-raster-'));
const io: CliIo = { stdout: () => {}, stderr: () => {}, stderrIsTTY: false, cwd: dir };

function options(model: string, data?: string): AnalyzeOptions {
  return {
    model,
    ...(data !== undefined ? { data } : {}),
    complex: 'adjacency',
    length: 'centroid',
    cells: 'all',
    maxCells: 1_000_000,
    quiet: true,
  };
}

function rasterise(svg: string): (x: number, y: number) => string {
  const image = new Resvg(svg, { font: { loadSystemFonts: false } }).render();
  const { pixels, width } = image;
  return (x, y) => {
    const i = (Math.floor(y) * width + Math.floor(x)) * 4;
    return (
      '#' +
      [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!]
        .map((v) => v.toString(16).padStart(2, '0'))
        .join('')
    );
  };
}

/** Mismatches between the picture and the exact forward pass on an n × n grid of [0,1]². */
async function compareWithModel(
  modelPath: string,
  layers: readonly DenseLayer[],
  n: number,
  paint: 'pieces' | 'cells' = 'pieces',
): Promise<{ tested: number; mismatches: string[]; report: ReportJson }> {
  const { report } = await analyze(options(modelPath), io);
  const scene = sceneFromReport(report);
  delete scene.edges; // the adjacency graph's lines and dots are drawn over cell interiors
  if (paint === 'cells') {
    // the negative control: every cell painted whole with its class at the centroid (version 2)
    for (const cell of scene.cells) delete cell.pieces;
    delete scene.boundary;
  }
  const result = renderPartitionSvg(scene);
  const pixel = rasterise(result.svg);
  const [x0] = result.toPixel([0, 0]);
  const [x1] = result.toPixel([1, 0]);
  const pixelsPerUnit = x1 - x0;
  const margin = 3 / pixelsPerUnit;
  const float = floatLayers(layers);
  let tested = 0;
  const mismatches: string[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = [
        Rational.of(2n * BigInt(i) + 1n, 2n * BigInt(n)),
        Rational.of(2n * BigInt(j) + 1n, 2n * BigInt(n)),
      ];
      const xf = x.map((v) => v.toNumber());
      const edge = Math.min(xf[0]!, 1 - xf[0]!, xf[1]!, 1 - xf[1]!);
      if (Math.min(edge, boundaryMargin(float, xf)) <= margin) continue;
      tested++;
      const cls = exactClass(layers, x);
      const [px, py] = result.toPixel(xf);
      const got = pixel(px, py);
      if (got !== categoryColor(cls)) mismatches.push(`(${xf}) class ${cls}: pixel ${got}`);
    }
  }
  return { tested, mismatches, report };
}

/**
 * A seeded 2→k→k→c net (k = c + 5, dyadic weights) with at least min(max(c, 2), 3) of its classes that
 * show on a coarse grid (the first seed from 4242 + c on that does; nets predicting one class
 * everywhere test nothing).
 */
function randomNet(c: number): DenseLayer[] {
  for (let seed = 4242 + c; ; seed += 1000) {
    const rnd = seededRandom(seed);
    const q = (scale: number) => Rational.of(BigInt(Math.round((rnd() * 2 - 1) * scale * 32)), 32n);
    const k = c + 5;
    const layer = (inp: number, out: number): DenseLayer => ({
      weights: Array.from({ length: out }, () => Array.from({ length: inp }, () => q(2))),
      bias: Array.from({ length: out }, () => q(1)),
    });
    const layers = [layer(2, k), layer(k, k), layer(k, c)];
    const seen = new Set<number>();
    for (let i = 0; i < 20; i++)
      for (let j = 0; j < 20; j++)
        seen.add(exactClass(layers, [Rational.of(BigInt(i), 19n), Rational.of(BigInt(j), 19n)]));
    if (seen.size >= Math.min(Math.max(c, 2), 3)) return layers;
  }
}

describe('the SVG paints the exact decision regions (resvg raster vs exact forward pass)', () => {
  it('iris 2→8→8→3 ONNX network', async () => {
    const path = join(FIXTURES, 'iris-2-8-8-3.onnx');
    const read = await readModelBytes(path, readFileSync(path));
    if (read.model.kind !== 'mlp') throw new Error('expected an MLP');
    const { tested, mismatches, report } = await compareWithModel(path, read.model.layers, 130);
    expect(tested).toBeGreaterThanOrEqual(10_000);
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(report.decision!.regions.map((r) => r.class)).toEqual([0, 1, 2]);
    // the test can fail: painting whole cells by their class misplaces part of the domain
    const control = await compareWithModel(path, read.model.layers, 60, 'cells');
    expect(control.mismatches.length).toBeGreaterThan(0);
  }, 120_000);

  it('draws the boundary on cell facets of a model with one class per cell (Voronoi)', async () => {
    const file = join(dir, 'voronoi.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'mlgeo-voronoi',
        version: 1,
        sites: [
          [0.2, 0.2],
          [0.8, 0.3],
          [0.4, 0.8],
          [0.7, 0.7],
        ],
      }),
    );
    const { report } = await analyze(options(file), io);
    const scene = sceneFromReport(report);
    delete scene.edges;
    const result = renderPartitionSvg(scene);
    const pixel = rasterise(result.svg);
    const faces = report.complex!.sharedFaces;
    expect(faces.length).toBe(5);
    for (const f of faces) {
      const [p, q] = f.vertices!.map((v) => v.map((x) => Rational.parse(x).toNumber()));
      const [x, y] = result.toPixel([(p![0]! + q![0]!) / 2, (p![1]! + q![1]!) / 2]);
      expect(pixel(x, y), `face ${f.i}|${f.j}`).toBe('#000000');
    }
  });

  for (const c of [1, 2, 3, 4, 5]) {
    it(`random 2→k→k→${c} ReLU nets`, async () => {
      const layers = randomNet(c);
      const file = join(dir, `random-${c}.json`);
      writeFileSync(
        file,
        JSON.stringify({
          format: 'mlgeo-mlp',
          version: 1,
          inputDimension: 2,
          layers: layers.map((l, i) => ({
            weights: l.weights.map((r) => r.map(String)),
            bias: l.bias.map(String),
            activation: i < layers.length - 1 ? 'relu' : 'linear',
          })),
        }),
      );
      const { tested, mismatches, report } = await compareWithModel(file, layers, 120);
      expect(tested).toBeGreaterThanOrEqual(10_000);
      expect(mismatches.slice(0, 5)).toEqual([]);
      // a non-trivial picture: several cells, a boundary running through cells, ≥ 2 classes
      expect(report.partition.cellCount).toBeGreaterThan(10);
      expect(report.decision!.boundary.length).toBeGreaterThan(0);
      expect(report.decision!.regions.length).toBeGreaterThanOrEqual(2);
    }, 120_000);
  }
});
