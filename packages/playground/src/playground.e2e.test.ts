/**
 * End to end in a real browser (Debian's chromium through playwright-core): the suite builds the
 * site with Vite, serves it on 127.0.0.1, and checks that
 * - the page fetches nothing but its own files;
 * - the bundled CLI example's numbers shown on the page (cells, exact areas, a cell's shared faces
 *   and angles) equal the report of `mlgeo analyze` run in-process on the CLI's example files;
 * - the downloaded report equals that report (timing aside) and `mlgeo verify --model --data`
 *   accepts it, with the model and data files downloaded from the page;
 * - a screenshot shows, at the exact centroid of every large cell, the colour of that cell;
 * - training runs and the live view changes; a pause certifies the trained net, whose downloaded
 *   report `mlgeo verify` accepts;
 * - files picked like a user drops them are analysed, a report re-opens, the state is in the URL;
 * - performance: frames per second of the live view of a 2→16→16→1 net, and the time of the
 *   exact complex of a 2→32→32→1 net (printed; see tools/bench/README.md).
 * Without chromium the suite fails (site.ts): it never skips.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze, runCli, withoutTiming, type CliIo, type ReportJson } from '@mlgeo/cli';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePng } from '../../cli/src/testing/png-decode.js';
import { planeCells } from '@mlgeo/diff-forms';
import { analyzeWithComplex } from './analysis.js';
import { cellColor } from './colors.js';
import { convexOrder, exactToNumber } from './geometry.js';
import { histogram, interiorAngles } from './histogram.js';
import { stateFromUrlHash } from './state.js';
import { complexView } from './views.js';
import { buildSite, launchChromium, serveSite } from './testing/site.js';

const CLI_EXAMPLES = fileURLToPath(new URL('../../cli/examples/', import.meta.url));
const SHOTS = join(fileURLToPath(new URL('../../../', import.meta.url)), 'reports/playground');

interface Probe {
  lastPartitionMs: number;
  lastPauseViewMs: number;
  lastPauseViewDomMs: number;
  lastPauseViewWorkerMs: number;
  pauseViewPhases: Record<string, number>;
  pauseViewSteps: Record<string, number>;
  pauseViews: number;
  pauseStatus: string;
  pauseSummaryHtml: string;
  lastChecksMs: number;
  phases: [string, number][];
  views: number;
  histograms: number;
  frames: number;
  lastStep: number;
  running: boolean;
  analyses: number;
  lastAnalysisMs: number;
  pendingAnalysis: boolean;
  error: string;
  report: ReportJson | undefined;
  fps(): number;
}

function io(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    stderrIsTTY: false,
    cwd,
  };
}

/**
 * Paths where two reports differ (timing aside): exact strings, integers, booleans and the shape
 * must be identical; a non-integer float (angles, float views) may differ by 1e−12 relative, since
 * chromium's and Node's Math.acos need not round alike.
 */
function reportDifferences(a: unknown, b: unknown, path = ''): string[] {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isInteger(a) && Number.isInteger(b)) return a === b ? [] : [path];
    return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)) ? [] : [path];
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [`${path}.length`];
    return a.flatMap((x, i) => reportDifferences(x, b[i], `${path}[${i}]`));
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
    const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
    if (ka.sort().join() !== kb.sort().join()) return [`${path} keys`];
    return ka.flatMap((k) =>
      reportDifferences(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        `${path}.${k}`,
      ),
    );
  }
  return a === b ? [] : [path];
}

function expectSameReport(page: ReportJson, cli: ReportJson): void {
  expect(reportDifferences(withoutTiming(page), withoutTiming(cli))).toEqual([]);
}

/** The page state its URL holds (compressed `#z=…`), decoded by the page's own state.ts. */
async function urlState(page: Page) {
  await page.waitForFunction(() => location.hash.startsWith('#z='));
  await page.waitForTimeout(100);
  return stateFromUrlHash(new URL(page.url()).hash);
}

const probe = <T>(page: Page, f: (p: Probe) => T): Promise<T> =>
  page.evaluate(
    (source) => (0, eval)(source)((window as unknown as { __playground: Probe }).__playground),
    f.toString(),
  ) as Promise<T>;

/** Waits until the page has finished `count` exact analyses (fails on an analysis error). */
async function analyses(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const p = (window as unknown as { __playground: Probe }).__playground;
      return p.analyses >= n || p.error !== '';
    },
    count,
    { timeout: 120_000 },
  );
  expect(await probe(page, (p) => p.error)).toBe('');
}

async function saveDownload(page: Page, button: string, dir: string): Promise<string> {
  const [download]: [Download, void] = await Promise.all([
    page.waitForEvent('download'),
    page.click(button),
  ]);
  const name = download.suggestedFilename();
  await download.saveAs(join(dir, name));
  return name;
}

async function verifyIn(dir: string, report: string, model: string, data: string): Promise<void> {
  const cli = io(dir);
  const code = await runCli(['verify', report, '--model', model, '--data', data], cli);
  expect(cli.err.join(''), 'mlgeo verify stderr').toBe('');
  expect(code, cli.out.join('')).toBe(0);
}

describe('the playground in chromium', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveSite>>;
  let page: Page;
  let cliReport: ReportJson;
  const foreign: string[] = [];

  beforeAll(async () => {
    const dir = await buildSite();
    site = await serveSite(dir);
    browser = await launchChromium();
    page = await browser.newPage({
      viewport: { width: 1200, height: 1000 },
      acceptDownloads: true,
    });
    page.on('request', (r) => {
      if (
        !r.url().startsWith(site.url) &&
        !r.url().startsWith('blob:') &&
        !r.url().startsWith('data:')
      )
        foreign.push(r.url());
    });
    cliReport = (
      await analyze(
        {
          model: 'moons-mlp.json',
          data: 'moons.csv',
          complex: 'adjacency',
          length: 'centroid',
          cells: 'auto',
          maxCells: 20000,
        },
        io(CLI_EXAMPLES),
      )
    ).report;
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('loads from 127.0.0.1, fetches nothing else, and certifies the untrained net', async () => {
    await page.goto(`${site.url}#dataset=xor&hidden=8,8&seed=2&count=120`);
    await analyses(page, 1);
    expect(await page.textContent('#certified')).toMatch(/^certified: \d+ cells/);
    expect(await page.inputValue('#dataset')).toBe('xor');
    expect(await page.inputValue('#hidden')).toBe('8,8');
    expect(site.requests[0]).toBe('/');
    expect(site.requests.every((r) => r === '/' || r.startsWith('/assets/'))).toBe(true);
    expect(foreign).toEqual([]);
  });

  it('shows the numbers of mlgeo analyze for the bundled CLI example', async () => {
    const before = await probe(page, (p) => p.analyses);
    await page.click('#example');
    await analyses(page, before + 1);
    const rows = await page.$$eval('#cells-table tr[data-index]', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );
    expect(rows.map((r) => [r[1], r[2], r[3], r[4]])).toEqual(
      cliReport.partition.cells.map((c) => [
        c.label,
        typeof c.volume === 'number' ? String(c.volume) : c.volume!.exact,
        String(c.predictedClass ?? ''),
        String(c.dataCount ?? ''),
      ]),
    );
    expect(await page.textContent('#volume-sum')).toBe('1');
    // click the largest cell at its exact centroid: its shared faces and angles as in the report
    const cells = cliReport.partition.cells;
    const big = cells.reduce((a, c) =>
      (c.volume as { float: number }).float > (a.volume as { float: number }).float ? c : a,
    );
    const [cx, cy] = big.centroid!.map((c) => (c as { float: number }).float);
    const view = (await page.$('#view'))!;
    const box = (await view.boundingBox())!;
    await page.mouse.click(box.x + 1 + cx! * 512, box.y + 1 + (1 - cy!) * 512);
    await page.waitForSelector('#cell-numbers');
    expect(await page.textContent('#details h3')).toBe(`Cell ${big.index}`);
    const complex = cliReport.complex!;
    const k = complex.cells.findIndex((c) => c.cell === big.index);
    const faces = await page.$$eval('#cell-faces td.face-length', (tds) =>
      tds.map((t) => t.textContent),
    );
    expect(faces).toEqual(
      complex.sharedFaces
        .filter((f) => f.i === k || f.j === k)
        .map((f) => (typeof f.volume === 'number' ? String(f.volume) : f.volume.exact)),
    );
    expect(faces.length).toBeGreaterThan(0);
    const cosines = await page.$$eval('#cell-angles td.angle-cos', (tds) =>
      tds.map((t) => t.textContent),
    );
    expect(cosines).toEqual(
      (complex.ridges ?? []).flatMap((r) =>
        r.angles
          .filter((a) => a.cell === k)
          .map((a) => (typeof a.cos === 'number' ? String(a.cos) : a.cos.exact)),
      ),
    );
    expect(cosines.some((c) => c!.includes('sqrt'))).toBe(true);
  });

  it('shows a clicked shared face: exact length, the two cells, their angles at its ends', async () => {
    const complex = cliReport.complex!;
    const cells = cliReport.partition.cells;
    const length = (f: (typeof complex.sharedFaces)[number]) =>
      typeof f.volume === 'number' ? f.volume : f.volume.float;
    const face = complex.sharedFaces.reduce((a, f) => (length(f) > length(a) ? f : a));
    const [p, q] = face.vertices!.map((v) => v.map(exactToNumber)) as [number[], number[]];
    const box = (await (await page.$('#view'))!.boundingBox())!;
    await page.mouse.click(
      box.x + 1 + ((p[0]! + q[0]!) / 2) * 512,
      box.y + 1 + (1 - (p[1]! + q[1]!) / 2) * 512,
    );
    await page.waitForSelector('#face-numbers');
    const [a, b] = [complex.cells[face.i]!.cell, complex.cells[face.j]!.cell];
    expect(await page.textContent('#details h3')).toBe(`Shared face of cells ${a} and ${b}`);
    expect(await page.textContent('#face-length')).toBe(
      typeof face.volume === 'number' ? String(face.volume) : face.volume.exact,
    );
    const rows = await page.$$eval('#face-cells tr', (trs) =>
      trs.slice(1).map((tr) => tr.querySelectorAll('td')[1]!.textContent),
    );
    expect(rows).toEqual([cells[a]!.label, cells[b]!.label]);
    const ends = face.vertices!.map((v) => v.join(','));
    const cosines = await page.$$eval('#face-angles td.angle-cos', (tds) =>
      tds.map((t) => t.textContent),
    );
    expect(cosines).toEqual(
      (complex.ridges ?? [])
        .filter((r) => ends.includes(r.point.join(',')))
        .flatMap((r) =>
          r.angles
            .filter((x) => x.cell === face.i || x.cell === face.j)
            .map((x) => (typeof x.cos === 'number' ? String(x.cos) : x.cos.exact)),
        ),
    );
    expect(cosines.length).toBeGreaterThan(0);
  });

  it('colours by the Laplacian eigenvector and draws Ollivier curvature on the shared faces', async () => {
    const dir = fileURLToPath(new URL('../../cli/examples/', import.meta.url));
    const file = (name: string) => ({
      name,
      bytes: new Uint8Array(readFileSync(join(dir, name))),
    });
    const { complex } = await analyzeWithComplex({
      model: file('moons-mlp.json'),
      data: file('moons.csv'),
    });
    const fills = () =>
      page.$$eval('g.cell path.outline', (ps) => ps.map((p) => p.getAttribute('fill')));
    const before = await fills();
    let views = await probe(page, (p) => p.views);
    await page.selectOption('#color-by', 'eigenvector');
    await page.waitForFunction(
      (n) => (window as unknown as { __playground: Probe }).__playground.views > n,
      views,
    );
    expect(await page.textContent('#view-detail')).toMatch(/eigenvector 2 \(λ = /);
    const after = await fills();
    expect(after).not.toEqual(before);
    // the cells' order by the eigenvector is the order Node computes (same complex, same spectrum)
    const vector = complexView(complex, 'eigenvector').cells! as number[];
    const lambda = (await page.textContent('#view-detail'))!.match(/λ = ([0-9.e+-]+)/)![1]!;
    expect(Number(lambda)).toBeCloseTo(
      Number(complexView(complex, 'eigenvector').detail.match(/λ = ([0-9.e+-]+)/)![1]),
      4,
    );
    expect(new Set(after).size).toBeGreaterThan(3);
    expect(vector).toHaveLength(cliReport.partition.cellCount);
    // the spline of the cells' outputs (λ by GCV), value by value as Node computes it
    views = await probe(page, (p) => p.views);
    await page.selectOption('#color-by', 'spline');
    await page.waitForFunction(
      (n) => (window as unknown as { __playground: Probe }).__playground.views > n,
      views,
    );
    const spline = await page.$$eval('g.cell path.outline', (ps) =>
      ps.map((p) => Number(p.getAttribute('data-value'))),
    );
    const outputs = cliReport.partition.cells.map((c) =>
      typeof c.prediction === 'number' ? c.prediction : (c.predictedClass ?? 0),
    );
    const splineWant = complexView(complex, 'spline', { values: outputs }).cells! as number[];
    spline.forEach((v, k) => expect(v).toBeCloseTo(splineWant[k]!, 6));
    views = await probe(page, (p) => p.views);
    await page.selectOption('#edges', 'ollivier');
    await page.waitForFunction(
      (n) => (window as unknown as { __playground: Probe }).__playground.views > n,
      views,
    );
    const shown = await page.$$eval('g.edge-view path', (ps) =>
      ps.map((p) => Number(p.getAttribute('data-value'))),
    );
    const want = complexView(complex, 'ollivier').edges!.map((e) => e.value);
    expect(shown).toHaveLength(want.length);
    shown.forEach((v, k) => expect(v).toBeCloseTo(want[k]!, 9));
    await page.screenshot({ path: join(SHOTS, 'example-ollivier.png') });
    expect((await urlState(page)).edges).toBe('ollivier');
    await page.selectOption('#edges', 'none');
    await page.selectOption('#color-by', 'class');
  });

  it('downloads a report equal to the CLI report that mlgeo verify accepts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlgeo-playground-download-'));
    const report = await saveDownload(page, '#download-report', dir);
    const model = await saveDownload(page, '#download-model', dir);
    const data = await saveDownload(page, '#download-data', dir);
    expect([report, model, data]).toEqual(['report.json', 'moons-mlp.json', 'moons.csv']);
    expect(readFileSync(join(dir, model))).toEqual(readFileSync(join(CLI_EXAMPLES, model)));
    const json = JSON.parse(readFileSync(join(dir, report), 'utf8')) as ReportJson;
    expectSameReport(json, cliReport);
    await verifyIn(dir, report, model, data);
    const svg = await saveDownload(page, '#download-svg', dir);
    const text = readFileSync(join(dir, svg), 'utf8');
    expect(text).toMatch(/^<\?xml[^>]*>\n<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(text.match(/<g class="cell"/g)?.length).toBe(cliReport.partition.cellCount);
  });

  it('draws every large cell in its colour at its exact centroid (screenshot)', async () => {
    await page.uncheck('#show-points');
    await page.mouse.click(5, 5); // no selection outline
    const png = await (await page.$('#view'))!.screenshot({
      path: join(SHOTS, 'example-cells.png'),
    });
    const image = decodePng(new Uint8Array(png));
    let checked = 0;
    const seenAt: [number, number, number[]][] = [];
    for (const cell of cliReport.partition.cells) {
      if ((cell.pieces?.length ?? 1) > 1) continue;
      // the centroid must lie ≥ 3 pixels inside the cell (away from outlines and the boundary)
      const poly = convexOrder(cell.vertices!);
      const [cx, cy] = cell.centroid!.map((c) => (c as { float: number }).float) as [
        number,
        number,
      ];
      const inside = poly.every(([ax, ay], i) => {
        const [bx, by] = poly[(i + 1) % poly.length]!;
        const cross = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
        return cross / Math.hypot(bx - ax, by - ay) > 3 / 512;
      });
      if (!inside) continue;
      const px = Math.floor(1 + cx * 512);
      const py = Math.floor(1 + (1 - cy) * 512);
      const at = 4 * (py * image.width + px);
      const seen = [...image.pixels.slice(at, at + 3)];
      const want = cellColor(cell.label, cell.predictedClass);
      for (let c = 0; c < 3; c++)
        expect(Math.abs(seen[c]! - want[c]!), `cell ${cell.index}`).toBeLessThanOrEqual(2);
      seenAt.push([px, py, want]);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(5);
    // the downloaded PNG figure has the same colours at the same places
    const dir = mkdtempSync(join(tmpdir(), 'mlgeo-playground-png-'));
    const figure = decodePng(
      new Uint8Array(readFileSync(join(dir, await saveDownload(page, '#download-png', dir)))),
    );
    expect([figure.width, figure.height]).toEqual([512, 512]);
    for (const [px, py, want] of seenAt) {
      const at = 4 * ((py - 1) * 512 + (px - 1));
      for (let c = 0; c < 3; c++)
        expect(Math.abs(figure.pixels[at + c]! - want[c]!)).toBeLessThanOrEqual(2);
    }
    await page.check('#show-points');
  });

  it('merges cells by the first layer with the layer slider and draws its hyperplanes', async () => {
    const fills = () =>
      page.$$eval(
        'g.cell path.outline',
        (ps) => new Set(ps.map((p) => p.getAttribute('fill'))).size,
      );
    const all = await fills();
    expect(await page.$$eval('g.layer-faces path', (ps) => ps.length)).toBeGreaterThan(0);
    await page.fill('#layers', '1');
    await page.dispatchEvent('#layers', 'input');
    const first = await fills();
    // cells of the example (2→8→8→1) with equal first-layer bits and class share a colour
    // (cells cut by the decision boundary are drawn by their class pieces, outline fill "none")
    const colours = (bits: number) =>
      new Set(
        cliReport.partition.cells.map((c) =>
          (c.pieces?.length ?? 1) > 1 ? 'none' : `${c.label.slice(0, bits)}:${c.predictedClass}`,
        ),
      ).size;
    expect(all).toBe(colours(16));
    expect(first).toBe(colours(8));
    expect(first).toBeLessThan(all);
    expect((await urlState(page)).layers).toBe(1);
    await page.fill('#layers', '2');
    await page.dispatchEvent('#layers', 'input');
    expect(await fills()).toBe(all);
  });

  it('trains live (the view changes), and certifies the trained net on pause', async () => {
    await page.goto(`${site.url}#dataset=moons&hidden=16,16&seed=1&count=200&lr=0.02`);
    await page.reload();
    await analyses(page, 1);
    const shot0 = await page.locator('#live').screenshot({ path: join(SHOTS, 'train-0.png') });
    const frames0 = await probe(page, (p) => p.frames);
    await page.click('#run');
    await page.waitForTimeout(4000);
    const stats = await probe(page, (p) => ({ frames: p.frames, step: p.lastStep, fps: p.fps() }));
    const shot1 = await page.locator('#live').screenshot({ path: join(SHOTS, 'train-1.png') });
    expect(stats.frames).toBeGreaterThan(frames0 + 3);
    expect(stats.step).toBeGreaterThan(20);
    expect(Buffer.compare(shot0, shot1)).not.toBe(0);
    const load = loadavg()[0]!;
    console.log(
      `live view 2→16→16→1: ${stats.fps.toFixed(1)} frames/s, ${stats.step} Adam steps in 4 s ` +
        `(load average ${load.toFixed(1)} on ${cpus().length} cores)`,
    );
    // the ≥ 10 frames/s target, whatever the load (paced by paint, scanline raster)
    expect(stats.fps).toBeGreaterThanOrEqual(10);
    const before = await probe(page, (p) => p.analyses);
    const views = await probe(page, (p) => p.pauseViews);
    await page.click('#run');
    await page.waitForFunction(
      (n) => (window as unknown as { __playground: Probe }).__playground.pauseViews > n,
      views,
      { timeout: 120_000 },
    );
    // the tables the pause view showed, from the HTML it set (the report may already have
    // replaced them on the page, even between two reads)
    const summaryHtml = await probe(page, (p) => p.pauseSummaryHtml);
    const table = (id: string) =>
      page.evaluate(
        ([html, tableId]) => {
          const box = document.createElement('div');
          box.innerHTML = html;
          return [...box.querySelectorAll(`#${tableId} tr`)]
            .slice(1)
            .map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''));
        },
        [summaryHtml, id] as const,
      );
    const shown = {
      cells: await table('pause-cells'),
      faces: await table('pause-faces'),
      angles: await table('pause-angles'),
    };
    // what the pause view showed (on a small net the report may already have replaced it)
    expect(await probe(page, (p) => p.pauseStatus)).toMatch(/^exact: \d+ cells, \d+ shared faces/);
    await analyses(page, before + 1);
    expect(await page.textContent('#certified')).toMatch(/^certified: /);
    expect(await page.textContent('#cli-command')).toContain(
      'mlgeo verify report.json --model playground-model.json --data moons.csv',
    );
    const dir = mkdtempSync(join(tmpdir(), 'mlgeo-playground-trained-'));
    const report = await saveDownload(page, '#download-report', dir);
    const model = await saveDownload(page, '#download-model', dir);
    const data = await saveDownload(page, '#download-data', dir);
    await verifyIn(dir, report, model, data);
    // the pause view showed the numbers of mlgeo analyze --cells all for the downloaded model
    const cli = (
      await analyze(
        { model, complex: 'adjacency', length: 'centroid', cells: 'all', maxCells: 20000 },
        io(dir),
      )
    ).report;
    const text = (v: { exact: string } | number | undefined) =>
      v === undefined ? '' : typeof v === 'number' ? String(v) : v.exact;
    expect(shown.cells.map((r) => [r[1], r[2], r[3]])).toEqual(
      cli.partition.cells.map((c) => [c.label, text(c.volume), String(c.predictedClass ?? '')]),
    );
    expect(shown.faces).toEqual(
      cli.complex!.sharedFaces.map((f) => [String(f.i), String(f.j), text(f.volume)]),
    );
    expect(shown.angles.map((r) => [r[0], r[2]])).toEqual(
      (cli.complex!.ridges ?? []).flatMap((r) =>
        r.angles.map((a) => [String(a.cell), text(a.cos)]),
      ),
    );
    expect(shown.faces.length).toBeGreaterThan(0);
    // the URL keeps the state, compressed: a reload shows the same settings
    expect(page.url()).toMatch(/#z=[A-Za-z0-9_-]+$/);
    expect((await urlState(page)).hidden).toEqual([16, 16]);
  }, 300_000);

  it('trains with the angle regularizer and shows the histograms of the paused net', async () => {
    await page.goto(`${site.url}#dataset=moons&hidden=8,8&seed=4&count=100&lr=0.02`);
    await page.reload();
    await analyses(page, 1);
    await page.selectOption('#regularizer', 'angle');
    await page.fill('#regularizer-weight', '0.5');
    await page.dispatchEvent('#regularizer-weight', 'change');
    const before = await probe(page, (p) => p.analyses);
    const shown = await probe(page, (p) => p.histograms);
    await page.click('#run');
    await page.waitForTimeout(2000);
    expect(await probe(page, (p) => p.histograms)).toBeGreaterThan(shown + 2);
    expect(await page.textContent('#penalty')).toMatch(/^angle penalty [0-9.e+-]+$/);
    await page.click('#run');
    await analyses(page, before + 1);
    const state = await urlState(page);
    expect([state.regularizer, state.regularizerWeight]).toEqual(['angle', 0.5]);
    // the histogram of the paused net: the model file's float64 cell polygons, binned in Node
    const dir = mkdtempSync(join(tmpdir(), 'mlgeo-playground-reg-'));
    const name = await saveDownload(page, '#download-model', dir);
    const model = JSON.parse(readFileSync(join(dir, name), 'utf8')) as {
      layers: { weights: number[][]; bias: number[] }[];
    };
    const polygons = planeCells({ inputDimension: 2, layers: model.layers });
    const angles = polygons.flatMap((c) => interiorAngles(c.vertices));
    const counts = await page.getAttribute('#histogram-angles', 'data-counts');
    expect(counts).toBe(histogram(angles, 24, 0, Math.PI).join(','));
    await page.locator('#histograms').screenshot({ path: join(SHOTS, 'histograms.png') });
  }, 300_000);

  it('cuts a 16-input model by the plane through three data rows, as mlgeo analyze --slice', async () => {
    const cli = (
      await analyze(
        {
          model: 'slice-16d-mlp.json',
          data: 'slice-16d.csv',
          complex: 'adjacency',
          length: 'centroid',
          cells: 'auto',
          maxCells: 20000,
          slice: 'rows:0,1,2',
        },
        io(CLI_EXAMPLES),
      )
    ).report;
    const before = await probe(page, (p) => p.analyses);
    await page.click('#example-slice');
    await analyses(page, before + 1);
    const report = (await probe(page, (p) => p.report))!;
    expect(report.slice?.rows).toEqual([0, 1, 2]);
    expectSameReport(report, cli);
    expect(await page.$$eval('g.cell', (g) => g.length)).toBe(cli.partition.cellCount);
    await page.screenshot({ path: join(SHOTS, 'slice-16d.png') });
  });

  it('analyses picked files (model, data) and re-opens a report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlgeo-playground-pick-'));
    for (const name of ['moons-mlp.json', 'moons.csv'])
      writeFileSync(join(dir, name), readFileSync(join(CLI_EXAMPLES, name)));
    const before = await probe(page, (p) => p.analyses);
    await page.setInputFiles('#files', [join(dir, 'moons-mlp.json'), join(dir, 'moons.csv')]);
    await analyses(page, before + 1);
    const report = (await probe(page, (p) => p.report))!;
    expectSameReport(report, cliReport);
    // a broken model: one clear message naming the file and the field
    writeFileSync(
      join(dir, 'bad-model.json'),
      JSON.stringify({
        format: 'mlgeo-mlp',
        version: 1,
        inputDimension: 2,
        layers: [{ weights: [[1, 2, 3]], bias: [0] }],
      }),
    );
    await page.setInputFiles('#files', [join(dir, 'bad-model.json')]);
    await page.waitForFunction(() => document.getElementById('error')!.textContent !== '');
    const error = (await page.textContent('#error'))!;
    console.log(`error shown for a broken model: ${error}`);
    expect(error).toMatch(/^bad-model\.json: .*layers\[0\]/);
    writeFileSync(join(dir, 'report.json'), JSON.stringify(cliReport, null, 2));
    await page.setInputFiles('#files', [join(dir, 'report.json')]);
    await page.waitForFunction(() =>
      document.getElementById('certified')!.textContent!.includes('re-opened'),
    );
    expect(await page.$$eval('#cells-table tr[data-index]', (r) => r.length)).toBe(
      cliReport.partition.cellCount,
    );
  });

  it('reads dropped files (tfjs model.json with its weight file; a scikit-learn tree) as the CLI does', async () => {
    const fixtures = fileURLToPath(new URL('../../model-readers/src/fixtures/', import.meta.url));
    const drop = (paths: string[]) =>
      page.evaluate(
        (files) => {
          const transfer = new DataTransfer();
          for (const f of files) transfer.items.add(new File([new Uint8Array(f.bytes)], f.name));
          document.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true }));
        },
        paths.map((p) => ({ name: p.split('/').pop()!, bytes: [...readFileSync(p)] })),
      );
    for (const [dir, files] of [
      [`${fixtures}tfjs-leaky/`, ['model.json', 'weights.bin']],
      [fixtures, ['sklearn-tree.json']],
    ] as const) {
      const cli = (
        await analyze(
          {
            model: files[0],
            complex: 'adjacency',
            length: 'centroid',
            cells: 'auto',
            maxCells: 20000,
          },
          io(dir),
        )
      ).report;
      const before = await probe(page, (p) => p.analyses);
      await drop(files.map((f) => `${dir}${f}`));
      await analyses(page, before + 1);
      expectSameReport((await probe(page, (p) => p.report))!, cli);
    }
  });

  it('reads a dropped ONNX model (iris, 2→8→8→3) as the CLI does', async () => {
    const iris = fileURLToPath(new URL('../../cli/src/fixtures/iris/', import.meta.url));
    const cli = (
      await analyze(
        {
          model: 'iris-2-8-8-3.onnx',
          data: 'iris-petal.csv',
          complex: 'adjacency',
          length: 'centroid',
          cells: 'auto',
          maxCells: 20000,
        },
        io(iris),
      )
    ).report;
    const before = await probe(page, (p) => p.analyses);
    await page.setInputFiles('#files', [
      join(iris, 'iris-2-8-8-3.onnx'),
      join(iris, 'iris-petal.csv'),
    ]);
    await analyses(page, before + 1);
    const report = (await probe(page, (p) => p.report))!;
    expect(report.model.format).toBe('onnx');
    expectSameReport(report, cli);
    expect(new Set(report.partition.cells.map((c) => c.predictedClass)).size).toBe(3);
  });

  it('computes the exact complex of a 2→32→32→1 net after training (timed)', async () => {
    await page.goto(`${site.url}#dataset=spirals&hidden=32,32&seed=3&count=200&lr=0.01`);
    await page.reload();
    await analyses(page, 1);
    const before = await probe(page, (p) => p.analyses);
    await page.click('#run');
    await page.waitForTimeout(3000);
    await page.click('#run');
    // while the worker computes, the page answers: animation frames keep coming
    await page.waitForFunction(() => {
      const p = (window as unknown as { __playground: Probe }).__playground;
      return p.pendingAnalysis || p.error !== '';
    });
    const latencies: number[] = [];
    while (latencies.length < 5 && (await probe(page, (p) => p.pendingAnalysis))) {
      const started = Date.now();
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
      latencies.push(Date.now() - started);
      await page.waitForTimeout(200);
    }
    console.log(`animation-frame latency during the exact analysis: ${latencies.join(', ')} ms`);
    expect(latencies.length).toBeGreaterThan(0);
    expect(Math.max(...latencies)).toBeLessThan(2000);
    await analyses(page, before + 1);
    const ms = await probe(page, (p) => p.lastAnalysisMs);
    const view = await probe(page, (p) => ({
      screen: p.lastPauseViewMs,
      dom: p.lastPauseViewDomMs,
      worker: p.lastPauseViewWorkerMs,
      phases: p.pauseViewPhases,
      steps: p.pauseViewSteps,
    }));
    const viewLoad = loadavg()[0]!;
    console.log(
      `2→32→32→1 pause view on the screen ${Math.round(view.screen)} ms after the pause click ` +
        `(drawn ${Math.round(view.dom)} ms; steps ${JSON.stringify(view.steps)}; worker phases ` +
        `${JSON.stringify(view.phases)}; load average ${viewLoad.toFixed(1)} on ${cpus().length} cores)`,
    );
    expect(view.screen).toBeGreaterThan(0);
    expect(view.screen).toBeGreaterThanOrEqual(view.dom);
    // < 1 s asserted on a machine that is not oversubscribed (measured 0.47–1.03 s at load 10–11)
    if (viewLoad < cpus().length) expect(view.screen).toBeLessThan(1000);
    const text = (await page.textContent('#certified'))!;
    const phases = await probe(page, (p) => p.phases);
    const checksMs = await probe(page, (p) => p.lastChecksMs);
    console.log(
      `2→32→32→1 in the browser: self-checks passed after ` +
        `${Math.round(checksMs)} ms, whole exact report ` +
        `${Math.round(ms)} ms (${text}; phases ${phases.map(([p, t]) => `${p}@${Math.round(t)}`).join(' ')}; ` +
        `load average ${loadavg()[0]!.toFixed(1)})`,
    );
    expect(checksMs).toBeLessThan(ms);
    expect(text).toMatch(/^certified: /);
    const report = (await probe(page, (p) => p.report))!;
    expect([report.partition.mode, report.partition.complete]).toEqual(['all', true]);
    expect(report.tool.command).toBe(
      'mlgeo analyze playground-model.json --data spirals.csv --cells all',
    );
    await page.screenshot({ path: join(SHOTS, 'spirals-32-32.png') });
  }, 300_000);
});
