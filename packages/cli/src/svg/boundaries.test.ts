/**
 * Decision boundary vs cell boundaries (`--boundaries both|decision|cells`), checked on resvg's
 * pixels. SPEC §9 C (a tree on [0,1]²: class 0 left of x = 1/2, class 1 below y = 1/2 right of
 * it, class 0 above): the line x = 1/2 is the decision boundary for y < 1/2 and only a cell
 * boundary for y > 1/2 (class 0 on both sides); y = 1/2 for x > 1/2 is a decision boundary.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze.js';
import type { CliIo } from '../cli.js';
import { SPEC_MODELS } from '../testing/spec-models.js';
import { type BoundaryLines, renderPartitionSvg } from './render.js';
import { sceneFromReport } from './scene.js';

const dir = mkdtempSync(join(tmpdir(), 'mlgeo-boundaries-'));
const io: CliIo = { stdout: () => {}, stderr: () => {}, stderrIsTTY: false, cwd: dir };
writeFileSync(join(dir, 'C.json'), JSON.stringify(SPEC_MODELS.C));

async function picture(boundaries?: BoundaryLines) {
  const { report } = await analyze(
    { model: 'C.json', complex: 'adjacency', length: 'centroid', cells: 'all', maxCells: 100 },
    io,
  );
  const r = renderPartitionSvg(
    sceneFromReport(report, boundaries !== undefined ? { boundaries } : {}),
  );
  const img = new Resvg(r.svg, { font: { loadSystemFonts: false } }).render();
  const pixels = img.pixels; // a getter that copies: read it once
  /** Luminance (0 black … 255 white) of the pixels of row y from x − 4 to x + 4. */
  const row = (p: [number, number]) =>
    Array.from({ length: 9 }, (_, k) => {
      const i = (Math.floor(p[1]) * img.width + Math.floor(p[0]) - 4 + k) * 4;
      return 0.299 * pixels[i]! + 0.587 * pixels[i + 1]! + 0.114 * pixels[i + 2]!;
    });
  return { ...r, row };
}

/** Darkest luminance across a vertical line and how many pixels of the row are near black. */
function across(lum: number[]) {
  return { darkest: Math.min(...lum), black: lum.filter((l) => l < 60).length };
}

describe('--boundaries: decision boundary thick and dark, cell boundaries thin and light', () => {
  it('both (default): the decision boundary is black and ≥ 2 px wide, a cell edge is a faint line', async () => {
    const p = await picture();
    const fill = Math.max(...p.row(p.toPixel([0.25, 0.75])));
    const decision = across(p.row(p.toPixel([0.5, 0.25])));
    const cellEdge = across(p.row(p.toPixel([0.5, 0.75])));
    expect(decision.darkest).toBeLessThan(30);
    expect(decision.black).toBeGreaterThanOrEqual(2);
    // the cell edge is visible (darker than the fill) but light: no pixel near black
    expect(cellEdge.darkest).toBeLessThan(fill - 15);
    expect(cellEdge.darkest).toBeGreaterThan(90);
    expect(cellEdge.black).toBe(0);
    expect(p.svg).toMatch(/data-legend-line="decision"/);
    expect(p.svg).toMatch(/data-legend-line="cells"/);
    expect(p.svg).toMatch(/>decision boundary</);
    expect(p.svg).toMatch(/>cell boundary</);
  });

  it('decision: no cell-boundary lines (the class-0 edge is not drawn at all)', async () => {
    const p = await picture('decision');
    const fill = Math.max(...p.row(p.toPixel([0.25, 0.75])));
    expect(Math.min(...p.row(p.toPixel([0.5, 0.75])))).toBeGreaterThanOrEqual(fill - 1);
    expect(across(p.row(p.toPixel([0.5, 0.25]))).darkest).toBeLessThan(30);
    expect(p.svg).not.toMatch(/>cell boundary</);
  });

  it('cells: every cell edge drawn alike and thin, no decision-boundary emphasis', async () => {
    const p = await picture('cells');
    const a = across(p.row(p.toPixel([0.5, 0.25])));
    const b = across(p.row(p.toPixel([0.5, 0.75])));
    for (const x of [a, b]) {
      expect(x.darkest).toBeLessThan(120);
      expect(x.black).toBeLessThanOrEqual(1);
    }
    expect(p.svg).not.toMatch(/>decision boundary</);
    expect(p.svg).toMatch(/>cell boundary</);
  });
});
