/**
 * `--colour-by eigenvector:j|spline`, rasterised with resvg: on SPEC §9 A (`unit`), Δ_0 = 2·L(C_4)
 * and its largest eigenvector alternates around the 4-cycle 00–01–11–10 (λ = 8), so 00 and 11 get
 * one end of the diverging scale and 01 and 10 the other; the spline (6/5, 7/5, 8/5, 9/5) puts
 * cell 00 at the light end of the sequential scale and 11 at the dark end. The colour bar is drawn.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import type { ReportJson } from '../report/types.js';
import { writeSpecFiles } from '../testing/spec-models.js';
import { curvatureColor } from './colors.js';
import { renderPartitionSvg } from './render.js';
import { sceneFromReport } from './scene.js';
import { runCliIn } from '../testing/in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'mlgeo-cli-colour-by-'));
writeSpecFiles(dir);
writeFileSync(join(dir, 'a-values.csv'), 'cell,value\n00,0\n01,1\n10,2\n11,3\n');

const run = (args: readonly string[]) => runCliIn(dir, args);

function pixelAt(svg: string, x: number, y: number): string {
  const image = new Resvg(svg, { font: { loadSystemFonts: false } }).render();
  const i = (Math.round(y) * image.width + Math.round(x)) * 4;
  return '#' + [0, 1, 2].map((k) => image.pixels[i + k]!.toString(16).padStart(2, '0')).join('');
}

const CENTRES: Record<string, [number, number]> = {
  '00': [0.25, 0.25],
  '01': [0.25, 0.75],
  '10': [0.75, 0.25],
  '11': [0.75, 0.75],
};

describe('--colour-by', () => {
  const args = ['A.json', '--length', 'unit', '--spectrum', '4'];
  const withSpline = [...args, '--spline', 'a-values.csv', '--lambda', '1'];

  it('eigenvector:4 of A alternates around the 4-cycle (diverging scale)', async () => {
    const r = await run(['analyze', ...args, '--json']);
    const report = JSON.parse(r.stdout) as ReportJson;
    const result = renderPartitionSvg(sceneFromReport(report, { colourBy: 'eigenvector:4' }));
    const red = curvatureColor(1, 1);
    const blue = curvatureColor(-1, 1);
    const sign = Math.sign(report.spectrum!.pairs[3]!.vector[0]!);
    for (const [label, p] of Object.entries(CENTRES)) {
      const [x, y] = result.toPixel(p);
      const even = label === '00' || label === '11';
      expect(pixelAt(result.svg, x, y), `cell ${label}`).toBe(even === sign > 0 ? red : blue);
    }
    expect(result.svg).toContain('eigenvector 4 (λ = 8)');
    expect(result.svg).toContain('<g id="colour-bar">');
  });

  it('spline: lowest value at the light end, highest at the dark end; the SVG file', async () => {
    const r = await run([
      'analyze',
      ...withSpline,
      '--svg',
      'a.svg',
      '--colour-by',
      'spline',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as ReportJson;
    const svg = readFileSync(join(dir, 'a.svg'), 'utf8');
    const result = renderPartitionSvg(sceneFromReport(report, { colourBy: 'spline' }));
    expect(svg).toBe(result.svg);
    const at = (label: string) => {
      const [x, y] = result.toPixel(CENTRES[label]!);
      return pixelAt(svg, x, y);
    };
    expect(at('00')).toBe('#ffffcc');
    expect(at('11')).toBe('#253494');
    expect(new Set(['00', '01', '10', '11'].map(at)).size).toBe(4);
    expect(svg).toContain('spline (λ = 1)');
  });

  it('usage errors: unknown value, eigenvector without --spectrum or beyond k', async () => {
    const unknown = await run(['analyze', ...args, '--svg', 'x.svg', '--colour-by', 'rainbow']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown --colour-by "rainbow"/);
    const none = await run(['analyze', 'A.json', '--svg', 'x.svg', '--colour-by', 'eigenvector:2']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/needs --spectrum/);
    const far = await run(['analyze', ...args, '--svg', 'x.svg', '--colour-by', 'eigenvector:5']);
    expect(far.code).toBe(2);
    expect(far.stderr).toMatch(/--spectrum 4 gives eigenvectors 1 … 4/);
    const spline = await run(['analyze', ...args, '--svg', 'x.svg', '--colour-by', 'spline']);
    expect(spline.code).toBe(2);
    expect(spline.stderr).toMatch(/--colour-by spline needs --spline/);
    // a complex with fewer cells than k: the report has only as many eigenpairs as cells
    const few = await run([
      'analyze',
      'C.json',
      '--spectrum',
      '5',
      '--svg',
      'x.svg',
      '--colour-by',
      'eigenvector:4',
    ]);
    expect(few.code).toBe(2);
    expect(few.stderr).toMatch(/the report has 3 eigenpairs/);
  });
});
