/**
 * Angle marks (`--angles [below]`): arcs with the dihedral angle in degrees. Oracles: the angles of
 * the arrangement {x = 1/2, y = x} in [0,1]² worked out by hand (its four cells are two triangles
 * with angles 45°, 45°, 90° and two quadrilaterals with 45°, 135°, 90°, 90°); legibility and
 * "no text on text" checked on resvg's rendering of each label (its painted pixels), not on the
 * renderer's own size estimate.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { analyze, type AnalyzeOptions } from '../analyze.js';
import { runCli, type CliIo } from '../cli.js';
import { angleLabel } from './angle-marks.js';
import { renderPartitionSvg } from './render.js';
import { sceneFromReport, type SceneOptions } from './scene.js';

const dir = mkdtempSync(join(tmpdir(), 'mlgeo-angle-marks-'));
let stderr = '';
const io: CliIo = {
  stdout: () => {},
  stderr: (s) => void (stderr += s),
  stderrIsTTY: false,
  cwd: dir,
};
const write = (name: string, value: unknown) =>
  writeFileSync(join(dir, name), JSON.stringify(value));
write('cross.json', {
  format: 'mlgeo-arrangement',
  version: 1,
  hyperplanes: [
    { w: [1, 0], c: '-1/2' },
    { w: [1, -1], c: 0 },
  ],
});
// nine seeded lines through the square: many vertices, some crowded
let seed = 7;
const rand = () => ((seed = (seed * 48271) % 2147483647) / 2147483647) * 2 - 1;
write('nine.json', {
  format: 'mlgeo-arrangement',
  version: 1,
  hyperplanes: Array.from({ length: 9 }, () => {
    const w = [rand(), rand()].map((x) => Math.round(x * 64) / 64);
    const c = -(w[0]! * (0.5 + rand() / 3) + w[1]! * (0.5 + rand() / 3));
    return { w, c: Math.round(c * 256) / 256 };
  }),
});

async function picture(model: string, scene: SceneOptions) {
  const options: AnalyzeOptions = {
    model,
    complex: 'adjacency',
    length: 'centroid',
    cells: 'all',
    maxCells: 1000,
    quiet: true,
  };
  const result = await analyze(options, io);
  return renderPartitionSvg(sceneFromReport(result.report, scene));
}

/** The labels of a picture: value (degrees, as written), text, vertex pixel, attributes. */
function labels(svg: string) {
  return [
    ...svg.matchAll(
      /<text data-angle-label="([^"]+)" data-cell="(\d+)" data-at="([^"]+)" x="([^"]+)" y="([^"]+)">([^<]+)<\/text>/g,
    ),
  ].map((m) => ({
    degrees: Number(m[1]),
    cell: Number(m[2]),
    at: m[3]!.split(',').map(Number) as [number, number],
    element: m[0],
    text: m[6]!,
  }));
}

const near = (p: readonly number[], q: readonly number[]) =>
  Math.hypot(p[0]! - q[0]!, p[1]! - q[1]!) < 0.02;

describe('angle marks with their values', () => {
  // the angles of each cell at each vertex of {x = 1/2, y = x}, by hand (degrees)
  const expected: [number[], number[]][] = [
    [
      [0, 0],
      [45, 45],
    ],
    [
      [0.5, 0.5],
      [45, 45, 135, 135],
    ],
    [
      [0.5, 0],
      [90, 90],
    ],
    [
      [0.5, 1],
      [90, 90],
    ],
    [
      [1, 1],
      [45, 45],
    ],
  ];

  it('marks every ridge angle of {x = 1/2, y = x} with its closed-form value, legibly', async () => {
    const p = await picture('cross.json', { angles: true });
    const found = labels(p.svg);
    for (const [vertex, angles] of expected) {
      const at = p.toPixel(vertex);
      const here = found.filter((l) => near(l.at, at));
      expect(here.map((l) => l.degrees).sort((a, b) => a - b)).toEqual(angles);
      for (const l of here) expect(l.text).toBe(`${l.degrees}°`);
    }
    // the box corners (0, 1) and (1, 0) lie in one cell each: a 90° mark if any
    const corners = found.filter((l) => !expected.some(([v]) => near(l.at, p.toPixel(v))));
    for (const l of corners) expect(l.degrees).toBe(90);
    // every arc is labelled here (nothing is crowded); the legend names the marks
    expect(p.svg.match(/<path data-angle=/g)).toHaveLength(found.length);
    expect(p.svg).not.toMatch(/data-unlabelled/);
    expect(p.svg).toMatch(/>angle \(value in °\)</);
  });

  it('--angles 90 marks only the angles below 90° (here the 45° ones)', async () => {
    const code = await runCli(
      ['analyze', 'cross.json', '--svg', 'cross.svg', '--angles', '90', '--quiet'],
      io,
    );
    expect(code).toBe(0);
    const svg = readFileSync(join(dir, 'cross.svg'), 'utf8');
    const found = labels(svg);
    expect(found.length).toBe(6); // two at (0,0), two at the centre, two at (1,1)
    for (const l of found) expect(l.degrees).toBe(45);
    expect(svg).toMatch(/>angle &lt; 90° \(value\)</);
  });

  it('a threshold that is not a number of degrees in (0, 180] is a usage error', async () => {
    for (const bad of ['abc', '0', '200']) {
      stderr = '';
      const code = await runCli(['analyze', 'cross.json', '--svg', 'x.svg', '--angles', bad], io);
      expect(code).toBe(2);
      expect(stderr).toMatch(/--angles takes a number of degrees in \(0, 180\]/);
    }
  });

  it('labels never overlap and are painted on top, by resvg pixels (nine lines)', async () => {
    const p = await picture('nine.json', { angles: true });
    const found = labels(p.svg);
    const unlabelled = Number(/data-unlabelled="(\d+)"/.exec(p.svg)?.[1] ?? 0);
    expect(found.length).toBeGreaterThan(20);
    expect(p.svg.match(/<path data-angle=/g)!.length).toBe(found.length + unlabelled);
    // all labels alone, each in its own colour, without antialiasing: one resvg rendering gives
    // every label's painted pixel box
    const colour = (k: number) => `#${(k + 1).toString(16).padStart(6, '0')}`;
    const alone = `<svg xmlns="http://www.w3.org/2000/svg" width="${p.width}" height="${p.height}" font-family="sans-serif"><g font-size="9" text-anchor="middle" text-rendering="optimizeSpeed">${found
      .map((l, k) => l.element.replace('<text ', `<text fill="${colour(k)}" `))
      .join('')}</g></svg>`;
    const only = new Resvg(alone, { font: { loadSystemFonts: true } }).render();
    const onlyPixels = only.pixels; // a getter that copies: read it once
    const boxes = found.map(() => ({ x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity }));
    for (let y = 0; y < only.height; y++)
      for (let x = 0; x < only.width; x++) {
        const i = (y * only.width + x) * 4;
        if (onlyPixels[i + 3]! < 255) continue;
        const k = onlyPixels[i]! * 65536 + onlyPixels[i + 1]! * 256 + onlyPixels[i + 2]! - 1;
        const b = boxes[k];
        if (!b) continue;
        b.x0 = Math.min(b.x0, x);
        b.y0 = Math.min(b.y0, y);
        b.x1 = Math.max(b.x1, x);
        b.y1 = Math.max(b.y1, y);
      }
    boxes.forEach((b, k) =>
      expect(b.x1 - b.x0, `label ${found[k]!.text} painted`).toBeGreaterThan(3),
    );
    for (let a = 0; a < boxes.length; a++)
      for (let b = a + 1; b < boxes.length; b++) {
        const [u, v] = [boxes[a]!, boxes[b]!];
        const overlap = u.x0 <= v.x1 && v.x0 <= u.x1 && u.y0 <= v.y1 && v.y0 <= u.y1;
        expect(overlap, `${found[a]!.text} and ${found[b]!.text}`).toBe(false);
      }
    // in the full picture every label's box holds dark red text pixels (nothing painted over it)
    const full = new Resvg(p.svg, { font: { loadSystemFonts: true } }).render();
    const fullPixels = full.pixels;
    for (const b of boxes) {
      let red = 0;
      for (let y = b.y0; y <= b.y1; y++)
        for (let x = b.x0; x <= b.x1; x++) {
          const i = (y * full.width + x) * 4;
          const [r, g, bl] = [fullPixels[i]!, fullPixels[i + 1]!, fullPixels[i + 2]!];
          if (r - g > 60 && r - bl > 60) red++; // the label's dark red, not a halo or a fill
        }
      expect(red).toBeGreaterThan(5);
    }
  });

  it('formats degrees: one decimal below 10°, whole degrees above', () => {
    expect(angleLabel(Math.PI / 4)).toBe('45°');
    expect(angleLabel((7.14 * Math.PI) / 180)).toBe('7.1°');
    expect(angleLabel((135 * Math.PI) / 180)).toBe('135°');
  });
});
