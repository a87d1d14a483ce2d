/**
 * Picture options, checked by rasterising the SVG with resvg and reading pixels (and the legend's
 * text): k-means sites drawn as crosses and called clusters, --class-names and --feature-names in
 * the legend and on the axes, and --colour-by volume / count / slope with a colour bar. Expected
 * colours come from closed forms: a vertical line x = 1/4 splits [0,1]² into cells of volume 1/4
 * and 3/4; the data counts are those of the points written below.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { analyze, type AnalyzeOptions } from '../analyze.js';
import { runCli, type CliIo } from '../cli.js';
import { renderPartitionSvg, sequentialColor } from './render.js';
import { sceneFromReport, type SceneOptions } from './scene.js';

const dir = mkdtempSync(join(tmpdir(), 'mlgeo-figure-options-'));
const io: CliIo = { stdout: () => {}, stderr: () => {}, stderrIsTTY: false, cwd: dir };
const write = (name: string, value: unknown) =>
  writeFileSync(join(dir, name), typeof value === 'string' ? value : JSON.stringify(value));
write('kmeans.json', {
  format: 'mlgeo-voronoi',
  version: 1,
  sites: [
    ['1/4', '1/4'],
    ['3/4', '1/4'],
    ['1/2', '3/4'],
  ],
});
write('split.json', {
  format: 'mlgeo-arrangement',
  version: 1,
  hyperplanes: [{ w: [1, 0], c: '-1/4' }],
});
// a one-output ReLU net: slope 0 where x < 1/2 (relu off), |∇f| = 2 where x > 1/2
write('slope.json', {
  format: 'mlgeo-mlp',
  version: 1,
  layers: [
    { weights: [[1, 0]], bias: ['-1/2'] },
    { weights: [[2]], bias: [0] },
  ],
});
// class 1 iff x > 1/4
write('lin.json', { format: 'mlgeo-linear', version: 1, weights: [[1, 0]], bias: ['-1/4'] });
write('pts.csv', 'x,y,label\n0.1,0.5,0\n0.6,0.5,1\n0.7,0.2,1\n0.9,0.9,1\n');

function rasterise(svg: string): (p: [number, number]) => string {
  const { pixels, width } = new Resvg(svg, { font: { loadSystemFonts: false } }).render();
  return ([x, y]) => {
    const i = (Math.floor(y) * width + Math.floor(x)) * 4;
    return (
      '#' +
      [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!]
        .map((v) => v.toString(16).padStart(2, '0'))
        .join('')
    );
  };
}

async function picture(model: string, scene: SceneOptions = {}, data?: string) {
  const options: AnalyzeOptions = {
    model,
    ...(data !== undefined ? { data } : {}),
    complex: 'adjacency',
    length: 'centroid',
    cells: 'all',
    maxCells: 1000,
    quiet: true,
  };
  const result = await analyze(options, io);
  const rendered = renderPartitionSvg(
    sceneFromReport(result.report, { points: result.data, ...scene }),
  );
  return { ...rendered, pixel: rasterise(rendered.svg) };
}

describe('k-means pictures', () => {
  it('draws each site as a black cross and calls the regions clusters', async () => {
    const sites = [
      [0.25, 0.25],
      [0.75, 0.25],
      [0.5, 0.75],
    ];
    const p = await picture('kmeans.json', { sites });
    for (const s of sites) expect(p.pixel(p.toPixel(s))).toBe('#000000');
    // away from the crosses the cells keep their colour (not black)
    expect(p.pixel(p.toPixel([0.1, 0.9]))).not.toBe('#000000');
    expect(p.svg).toMatch(/>cluster 0</);
    expect(p.svg).toMatch(/>cluster centre</);
    expect(p.svg).not.toMatch(/>class \d/);
  });
  it('the command line draws the sites of a k-means file', async () => {
    const code = await runCli(['analyze', 'kmeans.json', '--svg', 'k.svg', '--quiet'], io);
    expect(code).toBe(0);
    const svg = readFileSync(join(dir, 'k.svg'), 'utf8');
    expect(svg.match(/data-site="\d"/g)).toHaveLength(3);
  });
});

describe('--colour-by', () => {
  it('volume: the 1/4 cell lightest, the 3/4 cell darkest, with a colour bar', async () => {
    const p = await picture('split.json', { colourBy: 'volume' });
    expect(p.pixel(p.toPixel([0.1, 0.5]))).toBe(sequentialColor(0.25, 0.25, 0.75));
    expect(p.pixel(p.toPixel([0.8, 0.5]))).toBe(sequentialColor(0.75, 0.25, 0.75));
    expect(sequentialColor(0.25, 0.25, 0.75)).not.toBe(sequentialColor(0.75, 0.25, 0.75));
    expect(p.svg).toMatch(/>cell volume</);
    expect(p.svg.match(/data-colour-bar=/g)).toHaveLength(5);
  });
  it('count: 1 point left of x = 1/4, 3 right of it', async () => {
    const p = await picture('split.json', { colourBy: 'count' }, 'pts.csv');
    // sample away from the data markers
    expect(p.pixel(p.toPixel([0.05, 0.05]))).toBe(sequentialColor(1, 1, 3));
    expect(p.pixel(p.toPixel([0.5, 0.95]))).toBe(sequentialColor(3, 1, 3));
  });
  it('slope: 0 where the unit is off, 2 where it is on', async () => {
    const p = await picture('slope.json', { colourBy: 'slope' });
    expect(p.pixel(p.toPixel([0.2, 0.5]))).toBe(sequentialColor(0, 0, 2));
    expect(p.pixel(p.toPixel([0.8, 0.5]))).toBe(sequentialColor(2, 0, 2));
  });
});

describe('names in the picture', () => {
  it('--class-names in the legend, --feature-names on the axes, text data labels named', async () => {
    write('named.csv', 'a,b,kind\n0.1,0.5,left\n0.6,0.5,right\n');
    const code = await runCli(
      [
        'analyze',
        'lin.json',
        '--data',
        'named.csv',
        '--label-column',
        'kind',
        '--svg',
        'n.svg',
        '--class-names',
        'left,right',
        '--feature-names',
        'petal length,petal width',
        '--quiet',
      ],
      io,
    );
    expect(code).toBe(0);
    const svg = readFileSync(join(dir, 'n.svg'), 'utf8');
    expect(svg).toMatch(/data-axis="x"[^>]*>petal length</);
    expect(svg).toMatch(/data-axis="y"[^>]*>petal width</);
    // the model's classes and the data labels by the given names
    expect(svg).toMatch(/>left</);
    expect(svg).toMatch(/>right</);
    expect(svg).not.toMatch(/>class [01]</);
    expect(svg).toMatch(/>data: left</);
    expect(svg).toMatch(/>data: right</);
  });
  it('a wrong number of feature names is a usage error before any work', async () => {
    let err = '';
    const code = await runCli(
      ['analyze', 'split.json', '--feature-names', 'a,b,c', '--svg', 'x.svg'],
      { ...io, stderr: (s) => void (err += s) },
    );
    expect(code).toBe(2);
    expect(err).toMatch(/--feature-names gives 3 name\(s\), the model has 2 input\(s\)/);
  });
});
