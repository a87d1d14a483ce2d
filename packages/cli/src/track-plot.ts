/**
 * SVG line plots of geometry over training (`mlgeo track --svg`): small multiples, one panel per
 * group of quantities, the checkpoints in order on the x axis. Exact values are drawn as solid
 * lines, float values dashed; the legend says which. Colours: the Okabe–Ito palette (colour-blind
 * safe), markers on every checkpoint, 1–2–5 ticks, a log₁₀ axis for cell volumes.
 */
import type { CheckpointGeometry, Quantiles, ValueTier } from '@mlgeo/diff-forms';

/** One line of a panel: its label, values per checkpoint (undefined: absent), tier. */
export interface PlotSeries {
  label: string;
  values: (number | undefined)[];
  tier: ValueTier;
}

/** One panel: title, y label, series, optional horizontal reference line, log scale. */
export interface PlotPanel {
  title: string;
  yLabel: string;
  series: PlotSeries[];
  reference?: { value: number; label: string };
  log?: boolean;
  /** A fixed y range (e.g. [0, 1] for fractions). */
  range?: [number, number];
}

const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];
const FONT = 'Helvetica, Arial, sans-serif';
const PANEL_W = 400;
const PANEL_H = 250;
const MARGIN = { left: 62, right: 30, top: 30, bottom: 48 };
/** Legend rows below each panel's x axis (two entries a row). */
const LEGEND_ROWS = 3;
const LEGEND_ROW_H = 14;
const PANEL_TOTAL_H = PANEL_H + LEGEND_ROWS * LEGEND_ROW_H;

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A number for a tick label: short, no float noise. */
function tickText(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(0).replace('e+', 'e');
  return String(Number(v.toPrecision(4)));
}

/** 1–2–5 ticks covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return niceTicks(lo - pad, hi + pad, count);
  }
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((f) => f * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let t = Math.floor(lo / step) * step; t <= hi + step * 1e-9; t += step)
    ticks.push(Number(t.toPrecision(12)));
  if (ticks[ticks.length - 1]! < hi) ticks.push(ticks[ticks.length - 1]! + step);
  return ticks;
}

/** Whole powers of ten (as exponents) covering [lo, hi], at most about 7 of them. */
function decadeTicks(lo: number, hi: number): number[] {
  const a = Math.floor(lo);
  const b = Math.max(Math.ceil(hi), a + 1);
  const step = Math.ceil((b - a) / 6);
  const ticks: number[] = [];
  for (let t = a; t < b + step; t += step) ticks.push(t);
  return ticks;
}

/** The panels for the tracked rows (only those with values). */
export function trackPanels(rows: readonly CheckpointGeometry[], dimension: number): PlotPanel[] {
  const series = (
    label: string,
    pick: (r: CheckpointGeometry) => number | undefined,
    tier: (r: CheckpointGeometry) => ValueTier | undefined,
  ): PlotSeries | undefined => {
    const values = rows.map(pick);
    if (values.every((v) => v === undefined)) return undefined;
    return { label, values, tier: rows.map(tier).find((t) => t !== undefined) ?? 'exact' };
  };
  const quantileSeries = (
    key: 'cellVolume' | 'angleDegrees',
    which: readonly (keyof Quantiles)[],
  ): PlotSeries[] =>
    which
      .map((q) =>
        series(
          q === 'median' ? 'median' : q,
          (r) => r[key]?.[q],
          (r) => r.tiers[key],
        ),
      )
      .filter((s): s is PlotSeries => s !== undefined);
  const panels: PlotPanel[] = [];
  const add = (panel: Omit<PlotPanel, 'series'>, list: (PlotSeries | undefined)[]) => {
    const present = list.filter((s): s is PlotSeries => s !== undefined);
    if (present.length > 0) panels.push({ ...panel, series: present });
  };
  add({ title: 'Cells', yLabel: 'cells' }, [
    series(
      'all cells',
      (r) => r.cells,
      (r) => r.tiers.cells,
    ),
    series(
      'data-holding',
      (r) => r.dataHoldingCells,
      (r) => r.tiers.dataHoldingCells,
    ),
    series(
      'crossed by the boundary',
      (r) => r.boundaryCells,
      (r) => r.tiers.boundaryCells,
    ),
    series(
      'data cells with 2 classes',
      (r) => r.boundaryDataCells,
      (r) => r.tiers.boundaryDataCells,
    ),
  ]);
  add(
    {
      title: 'Data-holding adjacency graph',
      yLabel: 'average degree',
      reference: { value: 2 * dimension, label: `2d = ${2 * dimension}` },
    },
    [
      series(
        'average degree',
        (r) => r.averageDataDegree,
        (r) => r.tiers.averageDataDegree,
      ),
    ],
  );
  add({ title: 'Cell volume', yLabel: 'volume (log scale)', log: true }, [
    ...quantileSeries('cellVolume', ['min', 'q10', 'median', 'q90', 'max']),
  ]);
  add({ title: 'Dihedral angles of the cells', yLabel: 'degrees' }, [
    ...quantileSeries('angleDegrees', ['min', 'q10', 'median']),
  ]);
  add({ title: 'Slivers', yLabel: 'count' }, [
    series(
      'cells below the sliver volume',
      (r) => r.sliverCells,
      (r) => r.tiers.sliverCells,
    ),
    series(
      'angles below the small angle',
      (r) => r.smallAngles,
      (r) => r.tiers.smallAngles,
    ),
  ]);
  add({ title: 'Decision boundary', yLabel: 'length / (d−1)-volume' }, [
    series(
      'boundary (d−1)-volume',
      (r) => r.boundaryVolume,
      (r) => r.tiers.boundaryVolume,
    ),
  ]);
  add({ title: 'Accuracy on the data', yLabel: 'fraction correct', range: [0, 1] }, [
    series(
      'accuracy',
      (r) => r.accuracy,
      (r) => r.tiers.accuracy,
    ),
  ]);
  add({ title: 'Dead units', yLabel: 'hidden units' }, [
    series(
      'off on every data point',
      (r) => r.deadUnits,
      (r) => r.tiers.deadUnits,
    ),
  ]);
  return panels;
}

function panelSvg(panel: PlotPanel, names: readonly string[], x0: number, y0: number): string {
  const w = PANEL_W - MARGIN.left - MARGIN.right;
  const h = PANEL_H - MARGIN.top - MARGIN.bottom;
  const n = names.length;
  const tf = (v: number) => (panel.log ? Math.log10(v) : v);
  const all = panel.series
    .flatMap((s) => s.values)
    .filter((v): v is number => v !== undefined && Number.isFinite(tf(v)));
  if (panel.reference) all.push(panel.reference.value);
  let lo = Math.min(...all.map(tf));
  let hi = Math.max(...all.map(tf));
  if (!panel.log) {
    lo = Math.min(lo, 0);
    hi += (hi - lo) * 0.04; // head room: a line at the top does not run along the frame
  }
  if (panel.range) [lo, hi] = panel.range;
  const ticks = panel.log ? decadeTicks(lo, hi) : niceTicks(lo, hi);
  lo = ticks[0]!;
  hi = ticks[ticks.length - 1]!;
  const sx = (i: number) => x0 + MARGIN.left + (n <= 1 ? w / 2 : (i / (n - 1)) * w);
  const sy = (v: number) => y0 + MARGIN.top + h - ((tf(v) - lo) / (hi - lo || 1)) * h;
  const out: string[] = [];
  out.push(
    `<text x="${x0 + MARGIN.left}" y="${y0 + 18}" font-size="13" font-weight="bold">${escapeXml(panel.title)}</text>`,
  );
  // axes and grid
  for (const t of ticks) {
    const y = y0 + MARGIN.top + h - ((t - lo) / (hi - lo || 1)) * h;
    out.push(
      `<line x1="${x0 + MARGIN.left}" x2="${x0 + MARGIN.left + w}" y1="${y.toFixed(2)}" y2="${y.toFixed(2)}" stroke="#e5e5e5"/>`,
      `<text x="${x0 + MARGIN.left - 6}" y="${(y + 4).toFixed(2)}" font-size="10" text-anchor="end">${escapeXml(panel.log ? tickText(10 ** t) : tickText(t))}</text>`,
    );
  }
  const step = Math.max(1, Math.ceil(n / 8));
  const shortNames = names.map((s) => s.replace(/\.(json|onnx)$/i, ''));
  const longest = Math.max(...shortNames.map((s) => s.length));
  for (let i = 0; i < n; i += step) {
    const x = sx(i);
    const label = longest <= 10 ? shortNames[i]! : String(i);
    out.push(
      `<line x1="${x.toFixed(2)}" x2="${x.toFixed(2)}" y1="${y0 + MARGIN.top + h}" y2="${y0 + MARGIN.top + h + 4}" stroke="#333"/>`,
      `<text x="${x.toFixed(2)}" y="${y0 + MARGIN.top + h + 16}" font-size="10" text-anchor="middle">${escapeXml(label)}</text>`,
    );
  }
  out.push(
    `<rect x="${x0 + MARGIN.left}" y="${y0 + MARGIN.top}" width="${w}" height="${h}" fill="none" stroke="#333"/>`,
    `<text x="${x0 + MARGIN.left + w / 2}" y="${y0 + PANEL_H - 12}" font-size="11" text-anchor="middle">${longest <= 10 ? 'checkpoint' : 'checkpoint (index, in order)'}</text>`,
    `<text transform="translate(${x0 + 16} ${y0 + MARGIN.top + h / 2}) rotate(-90)" font-size="11" text-anchor="middle">${escapeXml(panel.yLabel)}</text>`,
  );
  if (panel.reference) {
    const y = sy(panel.reference.value);
    out.push(
      `<line x1="${x0 + MARGIN.left}" x2="${x0 + MARGIN.left + w}" y1="${y.toFixed(2)}" y2="${y.toFixed(2)}" stroke="#777" stroke-dasharray="2 3"/>`,
      `<text x="${x0 + MARGIN.left + w - 4}" y="${(y - 4).toFixed(2)}" font-size="10" text-anchor="end" fill="#555">${escapeXml(panel.reference.label)}</text>`,
    );
  }
  panel.series.forEach((s, k) => {
    const colour = COLOURS[k % COLOURS.length]!;
    const dash = s.tier === 'exact' ? '' : ' stroke-dasharray="6 3"';
    const pts = s.values
      .map((v, i) => (v === undefined || !Number.isFinite(tf(v)) ? undefined : [sx(i), sy(v)]))
      .filter((p): p is number[] => p !== undefined);
    if (pts.length > 1)
      out.push(
        `<polyline fill="none" stroke="${colour}" stroke-width="1.8"${dash} points="${pts.map(([x, y]) => `${x!.toFixed(2)},${y!.toFixed(2)}`).join(' ')}"/>`,
      );
    if (n <= 60)
      for (const [x, y] of pts)
        out.push(`<circle cx="${x!.toFixed(2)}" cy="${y!.toFixed(2)}" r="2.5" fill="${colour}"/>`);
    const ly = y0 + PANEL_H + 4 + Math.floor(k / 2) * LEGEND_ROW_H;
    const lx = x0 + MARGIN.left - 40 + (k % 2) * 180;
    out.push(
      `<line x1="${lx}" x2="${lx + 18}" y1="${ly - 4}" y2="${ly - 4}" stroke="${colour}" stroke-width="2"${dash}/>`,
      `<text x="${lx + 22}" y="${ly}" font-size="10">${escapeXml(s.label)}${s.tier === 'exact' ? '' : ` (${s.tier})`}</text>`,
    );
  });
  return out.join('\n');
}

/** The whole figure: panels in two columns and a caption line. */
export function trackSvg(
  rows: readonly CheckpointGeometry[],
  dimension: number,
  caption = '',
): string {
  const panels = trackPanels(rows, dimension);
  const names = rows.map((r) => r.name);
  const columns = panels.length > 1 ? 2 : 1;
  const height = Math.ceil(panels.length / columns) * PANEL_TOTAL_H + 28;
  const width = columns * PANEL_W;
  const body = panels.map((p, i) =>
    panelSvg(p, names, (i % columns) * PANEL_W, Math.floor(i / columns) * PANEL_TOTAL_H),
  );
  const note = `${caption}${caption ? '. ' : ''}Solid: exact values; dashed: float64.`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    ...body,
    `<text x="8" y="${height - 10}" font-size="10" fill="#555">${escapeXml(note)}</text>`,
    '</svg>',
    '',
  ].join('\n');
}
