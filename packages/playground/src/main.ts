/**
 * The playground page: controls, the live raster while training (train-worker.ts), the certified
 * exact view on pause or for a loaded model (exact-worker.ts), cell details on click, downloads
 * (report in the CLI's schema, model, data, SVG figure), drag and drop, and the state in the URL.
 * `window.__playground` exposes frame and analysis counters for the end-to-end test.
 */
import type { CellJson, ReportJson } from '@mlgeo/cli';
import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { histogram } from './histogram.js';
import type { AnalysisResult, NamedFile, PartitionPreview } from './analysis.js';
import type { PauseView } from './pause-view.js';
import { type Rgb, cellColor, css, pointRgb, rampColor } from './colors.js';
import { DATASET_NAMES } from './datasets.js';
import exampleData from './examples/moons.csv?raw';
import exampleModel from './examples/moons-mlp.json?raw';
import sliceData from './examples/slice-16d.csv?raw';
import sliceModel from './examples/slice-16d-mlp.json?raw';
import { convexOrder, exactToNumber, plotBox, prefixBits } from './geometry.js';
import type {
  ExactMessage,
  ExactRequest,
  TrainMessage,
  TrainRequest,
  ViewRequest,
} from './protocol.js';
import {
  type PageState,
  DEFAULT_STATE,
  compressHash,
  parseHidden,
  stateFromHash,
  stateToHash,
  stateFromUrlHash,
} from './state.js';
import type { ViewKind, ViewValues } from './views.js';

const SIZE = 512;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** Counters the end-to-end test reads. */
const probe = {
  frames: 0,
  frameTimes: [] as number[],
  lastStep: 0,
  running: false,
  analyses: 0,
  lastAnalysisMs: NaN,
  /** Time to the certified cells (before the complex) of the last analysis. */
  lastPartitionMs: NaN,
  /**
   * Milliseconds from the last pause click to the pause view on the screen (exact cells, areas,
   * shared faces and angles in the page, measured after the animation frame that renders them);
   * `pauseViewDom` to the end of drawing; `pauseViewWorker` the worker's part.
   */
  lastPauseViewMs: NaN,
  lastPauseViewDomMs: NaN,
  lastPauseViewWorkerMs: NaN,
  /** The pause view's way: click → worker start, worker, worker → page, page drawing (ms). */
  pauseViewSteps: {} as Record<string, number>,
  pauseViewPhases: {} as Record<string, number>,
  pauseViews: 0,
  /** The status line the last pause view showed (the report replaces it when it lands). */
  pauseStatus: '',
  /** The tables the last pause view showed, as the HTML it set (the report replaces them too). */
  pauseSummaryHtml: '',
  /** Time to the self-checks of the exact complex (before the report) of the last analysis. */
  lastChecksMs: NaN,
  pendingAnalysis: false,
  /** Phases the worker announced for the last analysis, with ms since the request. */
  phases: [] as [string, number][],
  /** Views received (eigenvector, curvatures) and histogram frames drawn. */
  views: 0,
  histograms: 0,
  error: '',
  report: undefined as ReportJson | undefined,
  fps(): number {
    const t = probe.frameTimes;
    if (t.length < 2) return 0;
    return (1000 * (t.length - 1)) / (t[t.length - 1]! - t[0]!);
  },
};
(window as unknown as { __playground: typeof probe }).__playground = probe;

let state: PageState = { ...DEFAULT_STATE, ...stateFromHash(location.hash) };
/** Where the current view comes from: the live training, a loaded model, or a re-opened report. */
let source: 'train' | 'file' | 'report' = 'train';
let files: { model?: NamedFile; data?: NamedFile; siblings: NamedFile[] } = { siblings: [] };
let result: AnalysisResult | undefined;
let selected: number | undefined;
/** The shared face last clicked (indices i < j of complex cells), shown instead of a cell. */
let selectedFace: [number, number] | undefined;
/** The last view values of the certified complex (per cell or per edge). */
const views = new Map<string, ViewValues>();
/** The key of a view in {@link views}: the eigenvector's index is part of it. */
const viewKey = (kind: ViewKind) => (kind === 'eigenvector' ? `${kind}:${state.eigen}` : kind);
let requestedAt = 0;
/** When Pause was clicked (NaN when consumed); the pause view's clock starts at `viewFrom`. */
let pausedAt = NaN;
let viewFrom = NaN;
let viewFromClick = false;
/** The pause view's status line while the self-checks and the report are computed. */
let pauseText = '';

// ---------------------------------------------------------------- workers

const trainWorker = new Worker(new URL('./train-worker.ts', import.meta.url), { type: 'module' });
const train = (request: TrainRequest) => trainWorker.postMessage(request);

let exactWorker: Worker | undefined;
let exactBusy = false;
let requestId = 0;

function startExactWorker(): Worker {
  const worker = new Worker(new URL('./exact-worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<ExactMessage>) => {
    const message = event.data;
    if (message.id !== requestId) return;
    if (message.type === 'pauseView') {
      const received = performance.now();
      showPauseView(message.view, message.milliseconds);
      const drawn = performance.now();
      const clicked = viewFrom;
      const origin = performance.timeOrigin;
      probe.pauseViewSteps = {
        toWorker: Math.round(message.startedAt - origin - clicked),
        worker: Math.round(message.milliseconds),
        toPage: Math.round(received - (message.postedAt - origin)),
        draw: Math.round(drawn - received),
      };
      probe.lastPauseViewDomMs = drawn - clicked;
      probe.lastPauseViewWorkerMs = message.milliseconds;
      probe.pauseViewPhases = message.view.phases;
      // on the screen: after the next animation frame's style, layout and paint (a task queued
      // from the animation frame callback runs once that frame is rendered)
      requestAnimationFrame(() =>
        setTimeout(() => {
          probe.lastPauseViewMs = performance.now() - clicked;
          probe.pauseViews++;
        }, 0),
      );
      return;
    }
    if (message.type === 'partition') {
      probe.lastPartitionMs = message.preview.milliseconds;
      showPreview(message.preview);
      return;
    }
    if (message.type === 'phase') {
      probe.phases.push([message.phase, performance.now() - requestedAt]);
      if (!result)
        $('phase').textContent =
          ` · ${message.phase} (${Math.round(performance.now() - requestedAt)} ms)`;
      return;
    }
    if (message.type === 'checks') {
      probe.lastChecksMs = message.milliseconds;
      if (!result)
        $('certified').textContent =
          (pauseText ? `${pauseText} · ` : '') +
          `self-checks of the exact complex: ${message.passed}/${message.applicable} passed after ` +
          `${Math.round(message.milliseconds)} ms; writing the exact numbers and the report…`;
      return;
    }
    if (message.type === 'view') {
      views.set(message.key ?? message.view.kind, message.view);
      probe.views++;
      $('view-detail').textContent = message.view.detail;
      showResult();
      return;
    }
    exactBusy = false;
    probe.pendingAnalysis = false;
    if (message.type === 'error') {
      probe.error = message.message;
      $('error').textContent = message.message;
      $('certified').textContent = '';
      return;
    }
    $('phase').textContent = '';
    probe.analyses++;
    probe.lastAnalysisMs = message.result.milliseconds;
    probe.report = message.result.report;
    result = message.result;
    views.clear();
    selectedFace = undefined;
    showResult();
    requestViews();
  };
  return worker;
}

/** Asks the worker for the views the state colours by (once per certified complex). */
function requestViews(): void {
  // a re-opened report has no complex in the worker: its views would be another model's
  if (!result || !exactWorker || exactBusy || source === 'report') return;
  const wanted: ViewKind[] = [];
  if (
    state.colorBy === 'eigenvector' ||
    state.colorBy === 'spline' ||
    state.colorBy === 'vertex-curvature'
  )
    wanted.push(state.colorBy);
  if (state.edges !== 'none') wanted.push(state.edges);
  const cells = result.report.partition.cells;
  for (const kind of wanted)
    if (!views.has(viewKey(kind))) {
      // the spline smooths each cell's model output at its centroid (else its class)
      const values = cells.map((c) =>
        typeof c.prediction === 'number' ? c.prediction : (c.predictedClass ?? 0),
      );
      const request: ViewRequest = {
        id: requestId,
        type: 'view',
        kind,
        key: viewKey(kind),
        options:
          kind === 'eigenvector' ? { index: state.eigen } : kind === 'spline' ? { values } : {},
      };
      exactWorker.postMessage(request);
    }
}

/** Sends an exact analysis; a running one is abandoned (its worker terminated). */
function analyse(): void {
  if (!files.model) return;
  if (exactBusy && exactWorker) {
    exactWorker.terminate();
    exactWorker = undefined;
  }
  exactWorker ??= startExactWorker();
  const request: ExactRequest = {
    id: ++requestId,
    model: files.model,
    ...(files.data ? { data: files.data } : {}),
    siblings: files.siblings,
    // the trained nets are drawn: every cell, whatever the cell-count bound (`--cells all`), and
    // shown at once by the pause view, before the report
    ...(source === 'train' ? { cells: 'all' as const, pauseView: true } : {}),
    // models with more than two inputs are cut by the plane of --slice (ignored in 2-D)
    ...(source !== 'train' ? { slice: state.slice } : {}),
  };
  requestedAt = performance.now();
  // the pause view's clock: from the Pause click when one led here, else from this request
  viewFromClick = !Number.isNaN(pausedAt);
  viewFrom = viewFromClick ? pausedAt : requestedAt;
  pausedAt = NaN;
  pauseText = '';
  probe.phases = [];
  exactBusy = true;
  probe.pendingAnalysis = true;
  probe.error = '';
  $('error').textContent = '';
  $('certified').textContent = 'computing the exact complex…';
  $('certified').className = '';
  exactWorker.postMessage(request);
}

// ---------------------------------------------------------------- live view

const canvas = $<HTMLCanvasElement>('live');
const context = canvas.getContext('2d')!;

trainWorker.onmessage = (event: MessageEvent<TrainMessage>) => {
  const message = event.data;
  if (source !== 'train') return;
  if (message.type === 'frame') {
    const n = message.resolution;
    if (canvas.width !== n) canvas.width = canvas.height = n;
    context.putImageData(new ImageData(new Uint8ClampedArray(message.pixels), n, n), 0, 0);
    // paced by paint: the worker trains on once this frame is on the screen
    if (message.running) requestAnimationFrame(() => train({ type: 'ack' }));
    drawHistograms(message.angles, message.areas, message.penalty);
    probe.frames++;
    probe.lastStep = message.step;
    probe.frameTimes.push(performance.now());
    if (probe.frameTimes.length > 30) probe.frameTimes.shift();
    const loss = Number.isFinite(message.loss) ? message.loss.toFixed(4) : '–';
    $('train-status').textContent =
      `step ${message.step} · loss ${loss} · accuracy ${(100 * message.accuracy).toFixed(1)}% · ` +
      `${message.patterns} activation patterns` +
      (message.running ? ` · ${probe.fps().toFixed(0)} frames/s` : '');
  } else {
    files = {
      model: { name: 'playground-model.json', bytes: new TextEncoder().encode(message.modelJson) },
      data: { name: `${state.dataset}.csv`, bytes: new TextEncoder().encode(message.dataCsv) },
      siblings: [],
    };
    analyse();
  }
};

function trainSettings() {
  return {
    dataset: state.dataset,
    data: { count: state.count, noise: state.noise, seed: state.dataSeed },
    hidden: state.hidden,
    seed: state.seed,
    learningRate: state.learningRate,
    resolution: 128,
    layers: state.layers === 0 ? state.hidden.length : state.layers,
    regularizer: state.regularizer,
    regularizerWeight: state.regularizerWeight,
  };
}

function setRunning(running: boolean): void {
  probe.running = running;
  $('run').textContent = running ? 'Pause' : 'Run';
  if (running) {
    // a running exact analysis is abandoned: its worker would compete with the training
    if (exactBusy && exactWorker) {
      exactWorker.terminate();
      exactWorker = undefined;
      exactBusy = false;
      probe.pendingAnalysis = false;
    }
    requestId++;
    result = undefined;
    selected = undefined;
    clearFigure();
    $('certified').textContent = 'live view: activation patterns per pixel (float64)';
    $('certified').className = '';
    train({ type: 'run' });
  } else {
    pausedAt = performance.now();
    train({ type: 'pause' });
  }
}

function resetTraining(): void {
  source = 'train';
  probe.running = false;
  $('run').textContent = 'Run';
  result = undefined;
  clearFigure();
  canvas.style.display = '';
  train({ type: 'reset', settings: trainSettings() });
  updateLayerSlider(state.hidden.length);
}

// ---------------------------------------------------------------- exact view

const figure = select<SVGSVGElement, unknown>('#figure')
  .attr('width', SIZE)
  .attr('height', SIZE)
  .attr('viewBox', `0 0 ${SIZE} ${SIZE}`);

function clearFigure(): void {
  figure.selectAll('*').remove();
  $('details').innerHTML = '<p class="hint">Pause and click a cell for its numbers.</p>';
  $('summary').textContent = '';
  for (const id of [
    'download-report',
    'download-model',
    'download-data',
    'download-svg',
    'download-png',
  ])
    $<HTMLButtonElement>(id).disabled = true;
}

const architecture = (report: ReportJson) =>
  report.model.kind === 'mlp' ? report.model.architecture : undefined;

/** |∇f| on a cell: the Euclidean norm of the output map's gradient (first output), 0 without one. */
function slopeNorm(cell: CellJson): number {
  const row = cell.output?.A[0];
  return row ? Math.hypot(...row.map(exactToNumber)) : 0;
}

/**
 * The hidden layer (1-based) whose unit switches across the shared face between cells with labels
 * a and b (MLP labels are the hidden units' bits, layer by layer), or 0 when it is not one bit.
 */
function switchingLayer(a: string, b: string, architecture: readonly number[]): number {
  let bit = -1;
  for (let i = 0; i < a.length; i++)
    if (a[i] !== b[i]) {
      if (bit >= 0) return 0;
      bit = i;
    }
  if (bit < 0) return 0;
  let end = 0;
  for (let l = 1; l < architecture.length - 1; l++) {
    end += architecture[l]!;
    if (bit < end) return l;
  }
  return 0;
}

/** The fill of a cell (or of one of its class pieces) under the current colouring. */
function fillOf(report: ReportJson, cell: CellJson, pieceClass: number | undefined): Rgb {
  const cells = report.partition.cells;
  if (state.colorBy === 'volume') {
    const max = Math.max(...cells.map((c) => float(c.volume)));
    const v = float(cell.volume);
    return rampColor(v / max);
  }
  if (state.colorBy === 'slope') {
    const max = Math.max(1e-300, ...cells.map(slopeNorm));
    return rampColor(slopeNorm(cell) / max);
  }
  if (
    state.colorBy === 'eigenvector' ||
    state.colorBy === 'spline' ||
    state.colorBy === 'vertex-curvature'
  ) {
    const values = views.get(viewKey(state.colorBy))?.cells;
    const v = values?.[cell.index];
    if (!values || v === null || v === undefined) return [200, 200, 200];
    const finite = values.filter((x): x is number => x !== null && Number.isFinite(x));
    const lo = Math.min(...finite);
    const hi = Math.max(...finite);
    return rampColor(hi > lo ? (v - lo) / (hi - lo) : 0.5);
  }
  if (state.colorBy === 'data') {
    const max = Math.max(1, ...cells.map((c) => c.dataCount ?? 0));
    return rampColor((cell.dataCount ?? 0) / max);
  }
  const arch = architecture(report);
  const hidden = arch ? arch.length - 2 : 0;
  const layers = state.layers === 0 ? hidden : state.layers;
  const label = arch ? cell.label.slice(0, prefixBits(arch, layers)) : cell.label;
  return cellColor(label, pieceClass ?? cell.predictedClass);
}

function showResult(): void {
  if (!result) return;
  const report = result.report;
  const d = report.model.inputDimension;
  const arch = architecture(report);
  updateLayerSlider(arch ? arch.length - 2 : 0);
  figure.selectAll('*').remove();
  if (d === 2) drawFigure(report, result.points);
  else {
    canvas.style.display = 'none';
    figure
      .append('text')
      .attr('x', 20)
      .attr('y', 40)
      .text(`${d}-input model: no 2-D picture (numbers below)`);
  }
  const checks = report.checks.filter((c) => c.applicable !== false);
  const ok = checks.every((c) => c.ok);
  const certified = $('certified');
  certified.textContent =
    `${ok ? 'certified' : 'NOT certified'}: ${report.partition.cellCount} cells, ` +
    `${report.complex!.sharedFaces.length} shared faces, ${checks.filter((c) => c.ok).length}/${checks.length} self-checks passed, ` +
    `exact complex in ${Math.round(result.milliseconds)} ms`;
  certified.className = ok ? 'ok' : '';
  showSummary(report);
  if (selected !== undefined && selected < report.partition.cells.length) showDetails(selected);
  for (const id of ['download-report', 'download-svg', 'download-png'])
    $<HTMLButtonElement>(id).disabled = false;
  $<HTMLButtonElement>('download-model').disabled = !files.model;
  $<HTMLButtonElement>('download-data').disabled = !files.data;
  $('download-model').textContent = files.model?.name ?? 'model';
  $('download-data').textContent = files.data?.name ?? 'data';
  showCommand();
}

/**
 * The pause view (pause-view.ts): the exact cells drawn, and their exact areas, shared faces and
 * angles as text, before the report (which replaces it with the full view when it is written).
 */
function showPauseView(view: PauseView, milliseconds: number): void {
  const labels = view.labels.split('\n');
  const areas = view.areas.split('\n');
  const lengths = view.faceLengths === '' ? [] : view.faceLengths.split('\n');
  const cosines = view.angleCos === '' ? [] : view.angleCos.split('\n');
  const n = labels.length;
  pauseText =
    `exact: ${n} cells, ${lengths.length} shared faces, ${cosines.length} angles ` +
    `(areas exact, lengths and cos as r·√q) ${Math.round(performance.now() - viewFrom)} ms ` +
    (viewFromClick ? 'after the pause' : 'after the request');
  $('certified').textContent = `${pauseText}; self-checks and the report follow…`;
  $('certified').className = 'ok';
  probe.pauseStatus = $('certified').textContent;
  figure.selectAll('*').remove();
  let lo = [Infinity, Infinity];
  let hi = [-Infinity, -Infinity];
  for (let k = 0; k < view.xy.length; k += 2) {
    lo = [Math.min(lo[0]!, view.xy[k]!), Math.min(lo[1]!, view.xy[k + 1]!)];
    hi = [Math.max(hi[0]!, view.xy[k]!), Math.max(hi[1]!, view.xy[k + 1]!)];
  }
  const x = (u: number) => ((u - lo[0]!) / (hi[0]! - lo[0]!)) * SIZE;
  const y = (v: number) => SIZE - ((v - lo[1]!) / (hi[1]! - lo[1]!)) * SIZE;
  const hidden = state.hidden.length;
  const layers = state.layers === 0 ? hidden : state.layers;
  const arch = [2, ...state.hidden, 1];
  const paths: string[] = [];
  for (let k = 0; k < n; k++) {
    let d = '';
    for (let v = view.starts[k]!; v < view.starts[k + 1]!; v++)
      d += `${v === view.starts[k] ? 'M' : 'L'}${x(view.xy[2 * v]!).toFixed(2)},${y(view.xy[2 * v + 1]!).toFixed(2)}`;
    const cls = view.classes[k]!;
    const fill = css(
      cellColor(labels[k]!.slice(0, prefixBits(arch, layers)), cls < 0 ? undefined : cls),
    );
    paths.push(
      `<path data-index="${k}" d="${d}Z" fill="${fill}" stroke="white" stroke-width="0.6"/>`,
    );
  }
  const node = figure.node()!;
  node.innerHTML = `<g class="pause-cells">${paths.join('')}</g>`;
  const row = (cells: (string | number)[], cls = '') =>
    `<tr${cls}>${cells.map((c) => `<td>${escape(String(c))}</td>`).join('')}</tr>`;
  const point = (k: number) =>
    `(${view.anglePoints[2 * k]!.toFixed(4)}, ${view.anglePoints[2 * k + 1]!.toFixed(4)})`;
  // the tables as text, in chunks of rows laid out and painted only when scrolled to
  // (content-visibility: auto; long exact numbers unwrapped: no line breaking of long digit runs)
  const table = (id: string, head: string[], rows: string[]) => {
    let html = `<div id="${id}" class="pause-table">`;
    for (let k = 0; k < Math.max(1, rows.length); k += 100)
      html +=
        `<div class="pause-chunk"><table>` +
        (k === 0 ? `<tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr>` : '') +
        rows.slice(k, k + 100).join('') +
        '</table></div>';
    return html + '</div>';
  };
  const summaryHtml =
    `<h4>Cells (${n}): exact areas</h4>` +
    table(
      'pause-cells',
      ['#', 'label', 'area (exact)', 'class'],
      labels.map((l, k) => row([k, l, areas[k]!, view.classes[k]! < 0 ? '' : view.classes[k]!])),
    ) +
    `<h4>Shared faces (${lengths.length}): exact lengths r·√q</h4>` +
    table(
      'pause-faces',
      ['i', 'j', 'length'],
      lengths.map((len, e) => row([view.faces[2 * e]!, view.faces[2 * e + 1]!, len])),
    ) +
    `<h4>Angles (${cosines.length}): cos (exact r·√q) and angle (rad)</h4>` +
    table(
      'pause-angles',
      ['cell', 'vertex', 'cos', 'angle'],
      cosines.map((c, k) => row([view.angleCells[k]!, point(k), c, view.angles[k]!.toFixed(6)])),
    );
  $('summary').innerHTML = summaryHtml;
  probe.pauseSummaryHtml = summaryHtml;
  $('details').innerHTML =
    `<p class="hint">exact pause view computed in ${Math.round(milliseconds)} ms in the worker; cell details once the report is written.</p>`;
}

/** The exact cells, drawn as soon as they are enumerated (the complex follows). */
function showPreview(preview: PartitionPreview): void {
  $('certified').textContent =
    `certified cells: ${preview.cells.length} (exact partition) in ${Math.round(preview.milliseconds)} ms; ` +
    'computing the exact areas, shared faces, angles and self-checks…';
  if (preview.inputDimension !== 2) return;
  figure.selectAll('*').remove();
  const xs = preview.cells.flatMap((c) => c.vertices.map((v) => exactToNumber(v[0]!)));
  const ys = preview.cells.flatMap((c) => c.vertices.map((v) => exactToNumber(v[1]!)));
  const x = scaleLinear()
    .domain([Math.min(...xs), Math.max(...xs)])
    .range([0, SIZE]);
  const y = scaleLinear()
    .domain([Math.min(...ys), Math.max(...ys)])
    .range([SIZE, 0]);
  const arch = preview.architecture;
  const hidden = arch ? arch.length - 2 : 0;
  const layers = state.layers === 0 ? hidden : state.layers;
  figure
    .append('g')
    .attr('class', 'preview')
    .selectAll('path')
    .data(preview.cells)
    .join('path')
    .attr(
      'd',
      (c) =>
        'M' +
        convexOrder(c.vertices)
          .map(([u, v]) => `${x(u).toFixed(2)},${y(v).toFixed(2)}`)
          .join('L') +
        'Z',
    )
    .attr('fill', (c) =>
      css(cellColor(arch ? c.label.slice(0, prefixBits(arch, layers)) : c.label, c.predictedClass)),
    )
    .attr('stroke', 'white')
    .attr('stroke-width', 0.6);
}

function drawFigure(report: ReportJson, points: AnalysisResult['points']): void {
  const [bx, by] = plotBox(report);
  const x = scaleLinear().domain(bx).range([0, SIZE]);
  const y = scaleLinear().domain(by).range([SIZE, 0]);
  const path = (vertices: readonly (readonly string[])[]) =>
    'M' +
    convexOrder(vertices)
      .map(([u, v]) => `${x(u).toFixed(2)},${y(v).toFixed(2)}`)
      .join('L') +
    'Z';
  const cells = report.partition.cells;
  const hiddenLayers = (architecture(report)?.length ?? 2) - 2;
  const allLayers = state.layers === 0 || state.layers >= hiddenLayers;
  figure
    .append('g')
    .attr('class', 'cells')
    .selectAll('g')
    .data(cells)
    .join('g')
    .attr('class', 'cell')
    .attr('data-index', (c) => c.index)
    .each(function (cell) {
      const g = select(this);
      const pieces =
        state.colorBy === 'class' && cell.pieces && cell.pieces.length > 1
          ? cell.pieces
          : undefined;
      if (pieces) {
        for (const piece of pieces)
          g.append('path')
            .attr('d', path(piece.vertices ?? []))
            .attr('fill', css(fillOf(report, cell, piece.class)));
      }
      g.append('path')
        .attr('class', 'outline')
        .attr('d', path(cell.vertices ?? []))
        .attr('data-value', String(viewValue(cell.index) ?? ''))
        .attr('fill', pieces ? 'none' : css(fillOf(report, cell, undefined)))
        // outlines only when every layer's cells are shown (the slider merges cells otherwise)
        .attr('stroke', allLayers ? 'white' : 'none')
        .attr('stroke-width', 0.6)
        .attr('pointer-events', 'all');
    })
    .on('click', (_event, cell) => showDetails(cell.index));
  // the decision boundary inside cells (SPEC §5)
  figure
    .append('g')
    .attr('class', 'boundary')
    .selectAll('path')
    .data(report.decision?.boundary ?? [])
    .join('path')
    .attr('d', (b) => {
      const v = (b.vertices ?? []).map((p) => [exactToNumber(p[0]!), exactToNumber(p[1]!)]);
      return v.length === 2
        ? `M${x(v[0]![0]!)},${y(v[0]![1]!)}L${x(v[1]![0]!)},${y(v[1]![1]!)}`
        : '';
    })
    .attr('stroke', '#222')
    .attr('stroke-width', 1.5)
    .attr('pointer-events', 'none');
  // the pulled-back hyperplanes of layer l (the slider): shared faces where a unit of layer l switches
  const arch = architecture(report);
  if (arch && arch.length > 2) {
    const hidden = arch.length - 2;
    const layer = state.layers === 0 ? hidden : Math.min(state.layers, hidden);
    const faces = report.complex!.sharedFaces.filter((f) => {
      const a = cells[report.complex!.cells[f.i]!.cell]!.label;
      const b = cells[report.complex!.cells[f.j]!.cell]!.label;
      return switchingLayer(a, b, arch) === layer;
    });
    figure
      .append('g')
      .attr('class', 'layer-faces')
      .attr('pointer-events', 'none')
      .selectAll('path')
      .data(faces)
      .join('path')
      .attr('d', (f) => {
        const v = (f.vertices ?? []).map((p) => [exactToNumber(p[0]!), exactToNumber(p[1]!)]);
        return v.length === 2
          ? `M${x(v[0]![0]!)},${y(v[0]![1]!)}L${x(v[1]![0]!)},${y(v[1]![1]!)}`
          : '';
      })
      .attr('stroke', 'rgba(0,0,0,0.45)')
      .attr('stroke-width', 1)
      .attr('stroke-dasharray', '3,2');
  }
  if ($<HTMLInputElement>('show-points').checked)
    figure
      .append('g')
      .attr('class', 'points')
      .attr('pointer-events', 'none')
      .selectAll('circle')
      .data(points)
      .join('circle')
      .attr('cx', (p) => x(p.x[0]!))
      .attr('cy', (p) => y(p.x[1]!))
      .attr('r', 2.5)
      .attr('fill', (p) => css(pointRgb(p.label)))
      .attr('stroke', 'white')
      .attr('stroke-width', 0.5);
  // shared faces: coloured by a curvature (edge view) and clickable (a wide transparent stroke)
  const complex = report.complex;
  if (complex) {
    const segment = (f: (typeof complex.sharedFaces)[number]) => {
      const v = (f.vertices ?? []).map((p) => [exactToNumber(p[0]!), exactToNumber(p[1]!)]);
      return v.length === 2
        ? `M${x(v[0]![0]!)},${y(v[0]![1]!)}L${x(v[1]![0]!)},${y(v[1]![1]!)}`
        : '';
    };
    const edgeView = state.edges !== 'none' ? views.get(state.edges)?.edges : undefined;
    if (edgeView) {
      const value = new Map(edgeView.map((e) => [`${e.i},${e.j}`, e.value]));
      const finite = edgeView.map((e) => e.value).filter(Number.isFinite);
      const bound = Math.max(1e-12, ...finite.map(Math.abs));
      figure
        .append('g')
        .attr('class', 'edge-view')
        .attr('pointer-events', 'none')
        .selectAll('path')
        .data(complex.sharedFaces)
        .join('path')
        .attr('d', segment)
        .attr('data-value', (f) => String(value.get(`${f.i},${f.j}`)))
        .attr('stroke', (f) => css(divergingColor((value.get(`${f.i},${f.j}`) ?? 0) / bound)))
        .attr('stroke-width', 3);
    }
    figure
      .append('g')
      .attr('class', 'faces')
      .selectAll('path')
      .data(complex.sharedFaces)
      .join('path')
      .attr('d', segment)
      .attr('data-face', (f) => `${f.i},${f.j}`)
      .attr('stroke', 'transparent')
      .attr('stroke-width', 7)
      .attr('fill', 'none')
      .attr('pointer-events', 'stroke')
      .on('click', (event: MouseEvent, f) => {
        event.stopPropagation();
        showFace(f.i, f.j);
      });
  }
  figure.append('g').attr('class', 'selection').attr('pointer-events', 'none');
  if (selectedFace !== undefined) highlightFace(selectedFace);
  else if (selected !== undefined) highlight(selected);
}

/** The value of the cell view the cells are coloured by (eigenvector, spline, κ(v)), if any. */
function viewValue(index: number): number | null | undefined {
  const kind = state.colorBy;
  if (kind !== 'eigenvector' && kind !== 'spline' && kind !== 'vertex-curvature') return undefined;
  return views.get(viewKey(kind))?.cells?.[index];
}

/** Blue (−1) – white (0) – red (+1) for signed values such as curvatures. */
function divergingColor(t: number): Rgb {
  const u = Math.max(-1, Math.min(1, Number.isFinite(t) ? t : 0));
  return u < 0
    ? [Math.round(255 + u * 222), Math.round(255 + u * 155), 255]
    : [255, Math.round(255 - u * 205), Math.round(255 - u * 225)];
}

function highlightFace([i, j]: [number, number]): void {
  if (!result?.report.complex) return;
  const report = result.report;
  const face = report.complex!.sharedFaces.find((f) => f.i === i && f.j === j);
  const g = figure.select('g.selection');
  g.selectAll('*').remove();
  const v = (face?.vertices ?? []).map((p) => [exactToNumber(p[0]!), exactToNumber(p[1]!)]);
  if (v.length !== 2) return;
  const [bx, by] = plotBox(report);
  const x = scaleLinear().domain(bx).range([0, SIZE]);
  const y = scaleLinear().domain(by).range([SIZE, 0]);
  g.append('path')
    .attr('d', `M${x(v[0]![0]!)},${y(v[0]![1]!)}L${x(v[1]![0]!)},${y(v[1]![1]!)}`)
    .attr('stroke', 'black')
    .attr('stroke-width', 4);
}

/**
 * The numbers of a shared face: its exact length r·√q, its endpoints, the two cells it separates,
 * and the angles of both cells at its endpoints (cos as r·√q); curvatures when computed.
 */
function showFace(i: number, j: number): void {
  if (!result?.report.complex) return;
  const report = result.report;
  const complex = report.complex!;
  const face = complex.sharedFaces.find((f) => f.i === i && f.j === j);
  if (!face) return;
  selected = undefined;
  selectedFace = [i, j];
  const a = complex.cells[i]!.cell;
  const b = complex.cells[j]!.cell;
  const ends = (face.vertices ?? []).map((p) => p.join(','));
  const angleRows = (complex.ridges ?? [])
    .filter((r) => ends.includes(r.point.join(',')))
    .flatMap((r) =>
      r.angles
        .filter((x) => x.cell === i || x.cell === j)
        .map(
          (x) =>
            `<tr><td>(${r.point.map((p) => exactToNumber(p).toFixed(4)).join(', ')})</td><td>${complex.cells[x.cell]!.cell}</td><td class="angle-cos">${escape(typeof x.cos === 'number' ? String(x.cos) : x.cos.exact)}</td><td>${x.angle.toFixed(6)}</td></tr>`,
        ),
    );
  const curvature = (['ollivier', 'forman'] as const)
    .map((k) => [k, views.get(k)?.edges?.find((e) => e.i === i && e.j === j)?.value] as const)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<tr><th>${k} curvature</th><td>${v!.toPrecision(8)}</td></tr>`);
  const cellRow = (c: number) => {
    const cell = report.partition.cells[c]!;
    return `<tr><td>${c}</td><td>${escape(cell.label)}</td><td>${escape(exact(cell.volume))}</td><td>${cell.predictedClass ?? ''}</td></tr>`;
  };
  $('details').innerHTML =
    `<h3>Shared face of cells ${a} and ${b}</h3><table id="face-numbers">` +
    `<tr><th>length (exact)</th><td id="face-length">${escape(typeof face.volume === 'number' ? String(face.volume) : face.volume.exact)}</td></tr>` +
    `<tr><th>length (float)</th><td>${(typeof face.volume === 'number' ? face.volume : face.volume.float).toPrecision(10)}</td></tr>` +
    `<tr><th>endpoints</th><td>${escape((face.vertices ?? []).map((p) => `(${p.join(', ')})`).join(' – '))}</td></tr>` +
    curvature.join('') +
    `</table><h4>The two cells</h4><table id="face-cells"><tr><th>#</th><th>label</th><th>area</th><th>class</th></tr>${cellRow(a)}${cellRow(b)}</table>` +
    `<h4>Angles of the two cells at its endpoints: cos (exact r·√q) and angle (rad)</h4><table id="face-angles"><tr><th>vertex</th><th>cell</th><th>cos</th><th>angle</th></tr>${angleRows.join('')}</table>`;
  highlightFace([i, j]);
}

/** Histograms of the live net's cell angles and areas (float64 polygons, diff-forms). */
function drawHistograms(angles: Float64Array, areas: Float64Array, penalty: number): void {
  const draw = (id: string, values: Float64Array, hi: number, label: string) => {
    const bins = histogram(values, 24, 0, hi);
    const max = Math.max(1, ...bins);
    const svg = select<SVGSVGElement, unknown>(`#${id}`);
    svg.attr('data-counts', bins.join(','));
    svg
      .selectAll('rect')
      .data(bins)
      .join('rect')
      .attr('x', (_, k) => 4 + k * 9)
      .attr('width', 8)
      .attr('y', (c) => 64 - (56 * c) / max)
      .attr('height', (c) => (56 * c) / max)
      .attr('fill', '#3b528b');
    svg
      .selectAll('text')
      .data([label])
      .join('text')
      .attr('x', 4)
      .attr('y', 78)
      .attr('font-size', 10)
      .text((t) => t);
  };
  const maxArea = Math.max(1e-12, ...areas);
  draw('histogram-angles', angles, Math.PI, `${angles.length} cell angles, 0 … π`);
  draw(
    'histogram-areas',
    areas,
    maxArea,
    `${areas.length} cell areas, 0 … ${maxArea.toPrecision(2)}`,
  );
  $('penalty').textContent =
    state.regularizer === 'none' ? '' : `${state.regularizer} penalty ${penalty.toPrecision(4)}`;
  probe.histograms++;
}

function highlight(index: number): void {
  if (!result) return;
  const report = result.report;
  const cell = report.partition.cells[index];
  const g = figure.select('g.selection');
  g.selectAll('*').remove();
  if (!cell?.vertices || report.model.inputDimension !== 2) return;
  const [bx, by] = plotBox(report);
  const x = scaleLinear().domain(bx).range([0, SIZE]);
  const y = scaleLinear().domain(by).range([SIZE, 0]);
  g.append('path')
    .attr(
      'd',
      'M' +
        convexOrder(cell.vertices)
          .map(([u, v]) => `${x(u)},${y(v)}`)
          .join('L') +
        'Z',
    )
    .attr('fill', 'none')
    .attr('stroke', 'black')
    .attr('stroke-width', 2.5);
}

// the page's reports always carry volumes and centroids (vertex tier); '–' guards the LP tier's absence
const exact = (v: { exact: string } | number | undefined) =>
  v === undefined ? '–' : typeof v === 'number' ? String(v) : v.exact;
const float = (v: { float: number } | number | undefined) =>
  v === undefined ? NaN : typeof v === 'number' ? v : v.float;
const escape = (s: string) =>
  s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);

function showDetails(index: number): void {
  if (!result) return;
  selected = index;
  selectedFace = undefined;
  const report = result.report;
  const cell = report.partition.cells[index]!;
  const complex = report.complex!; // the page always writes the complex (no budgets, no --omit)
  const k = complex.cells.findIndex((c) => c.cell === index);
  const faces = complex.sharedFaces.filter((f) => f.i === k || f.j === k);
  const rows = [
    ['label', cell.label],
    ['area (exact)', exact(cell.volume)],
    ['area (float)', float(cell.volume).toPrecision(10)],
    ['centroid', (cell.centroid ?? []).map((c) => exact(c)).join(', ')],
    ['predicted class', String(cell.predictedClass ?? '–')],
    ['output at centroid', String(cell.prediction ?? '–')],
    ['data points', String(cell.dataCount ?? '–')],
  ];
  const faceRows = faces.map((f) => {
    const other = complex.cells[f.i === k ? f.j : f.i]!.cell;
    return `<tr><td>${other}</td><td>${escape(report.partition.cells[other]!.label)}</td><td class="face-length">${escape(typeof f.volume === 'number' ? String(f.volume) : f.volume.exact)}</td><td>${(typeof f.volume === 'number' ? f.volume : f.volume.float).toPrecision(8)}</td></tr>`;
  });
  const angleRows = (complex.ridges ?? []).flatMap((r) =>
    r.angles
      .filter((a) => a.cell === k)
      .map(
        (a) =>
          `<tr><td>(${r.point.map((p) => exactToNumber(p).toFixed(4)).join(', ')})</td><td>${r.location}</td><td class="angle-cos">${escape(typeof a.cos === 'number' ? String(a.cos) : a.cos.exact)}</td><td>${a.angle.toFixed(6)}</td></tr>`,
      ),
  );
  const pieceRows = (cell.pieces ?? []).map(
    (p) => `<tr><td>${p.class}</td><td>${escape(exact(p.volume))}</td></tr>`,
  );
  $('details').innerHTML =
    `<h3>Cell ${index}</h3><table id="cell-numbers">${rows.map(([a, b]) => `<tr><th>${a}</th><td>${escape(b!)}</td></tr>`).join('')}</table>` +
    `<h4>Shared faces (${faces.length}): exact lengths r·√q</h4><table id="cell-faces"><tr><th>cell</th><th>label</th><th>length</th><th>float</th></tr>${faceRows.join('')}</table>` +
    `<h4>Angles at its vertices: cos (exact r·√q) and angle (rad)</h4><table id="cell-angles"><tr><th>vertex</th><th>where</th><th>cos</th><th>angle</th></tr>${angleRows.join('')}</table>` +
    (pieceRows.length > 1
      ? `<h4>Class pieces</h4><table><tr><th>class</th><th>area</th></tr>${pieceRows.join('')}</table>`
      : '');
  highlight(index);
}

function showSummary(report: ReportJson): void {
  const cells = report.partition.cells.slice(0, 2000);
  const checks = report.checks
    .map(
      (c) =>
        `<tr><td>${escape(c.name)}</td><td>${c.ok ? 'ok' : 'FAILED'}</td><td>${escape(c.detail)}</td></tr>`,
    )
    .join('');
  const decision = (report.decision?.regions ?? [])
    .map((r) => `class ${r.class}: ${escape(exact(r.volume))}`)
    .join(' · ');
  $('summary').innerHTML =
    `<p>Σ areas = <span id="volume-sum">${escape(exact(report.partition.volumeSum))}</span> ` +
    `(domain ${escape(exact(report.domain.volume))}) · Euler characteristic ${report.complex!.eulerCharacteristic}` +
    (decision ? ` · decision regions: ${decision}` : '') +
    `</p><table id="checks"><tr><th>self-check</th><th></th><th></th></tr>${checks}</table>` +
    `<table id="cells-table"><tr><th>#</th><th>label</th><th>area (exact)</th><th>class</th><th>points</th></tr>` +
    cells
      .map(
        (c) =>
          `<tr data-index="${c.index}"><td>${c.index}</td><td>${escape(c.label)}</td><td class="area">${escape(exact(c.volume))}</td><td>${c.predictedClass ?? ''}</td><td>${c.dataCount ?? ''}</td></tr>`,
      )
      .join('') +
    `</table>`;
}

function showCommand(): void {
  if (!result) return;
  const report = result.report;
  const model = report.model.file;
  const data = report.data?.file as string | undefined;
  const dataArg = data !== undefined ? ` --data ${data}` : '';
  $('cli-command').textContent =
    `${report.tool.command} --out report.json --svg figure.svg\n` +
    `mlgeo verify report.json --model ${model}${dataArg}`;
}

// ---------------------------------------------------------------- files

function download(name: string, content: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The figure as a standalone SVG document. */
function figureSvg(): string {
  const clone = figure.node()!.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.removeAttribute('id');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(clone) + '\n'
  );
}

async function named(file: File): Promise<NamedFile> {
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** Sorts dropped or picked files into model, data, tfjs weight shards and reports. */
async function loadFiles(list: readonly File[]): Promise<void> {
  // synchronously (before reading the files): an earlier error no longer stands
  probe.error = '';
  $('error').textContent = '';
  const read = await Promise.all(list.map(named));
  let model: NamedFile | undefined;
  let data: NamedFile | undefined;
  let report: ReportJson | undefined;
  const siblings: NamedFile[] = [];
  for (const f of read) {
    const lower = f.name.toLowerCase();
    if (lower.endsWith('.csv') || lower.endsWith('.tsv') || lower.endsWith('.txt')) data = f;
    else if (lower.endsWith('.json')) {
      let value: unknown;
      try {
        value = JSON.parse(new TextDecoder().decode(f.bytes));
      } catch {
        value = undefined;
      }
      const v = value as { schema?: unknown; points?: unknown } | undefined;
      if (v?.schema === 'mlgeo-report') report = value as ReportJson;
      else if (Array.isArray(value) || (v !== undefined && Array.isArray(v.points))) data = f;
      else if (model === undefined) model = f;
      else siblings.push(f);
    } else if (lower.endsWith('.onnx') || (model === undefined && !lower.endsWith('.bin')))
      model = f;
    else siblings.push(f);
  }
  if (report && !model) {
    source = 'report';
    train({ type: 'pause' });
    probe.running = false;
    $('run').textContent = 'Run';
    files = { siblings: [] };
    result = { report, points: [], milliseconds: NaN, partitionMilliseconds: NaN };
    probe.report = report;
    showResult();
    $('certified').textContent += ' (re-opened report: run mlgeo verify to re-check it)';
    return;
  }
  if (!model && !data) {
    $('error').textContent = 'no model, data or report among the files';
    return;
  }
  if (model) {
    source = 'file';
    train({ type: 'pause' });
    probe.running = false;
    $('run').textContent = 'Run';
    files = { model, siblings, ...(data ? { data } : {}) };
  } else if (data && files.model) files = { ...files, data };
  analyse();
}

// ---------------------------------------------------------------- controls

function updateLayerSlider(hiddenLayers: number): void {
  const slider = $<HTMLInputElement>('layers');
  slider.max = String(Math.max(1, hiddenLayers));
  slider.disabled = hiddenLayers <= 1;
  const value = state.layers === 0 ? hiddenLayers : Math.min(state.layers, hiddenLayers);
  slider.value = String(value);
  $('layers-value').textContent = hiddenLayers > 0 ? `P_${value} of P_${hiddenLayers}` : '';
}

/** Writes the state into the URL fragment, compressed (`#z=…`). */
function saveState(): void {
  const snapshot = { ...state };
  void compressHash(snapshot).then((hash) => {
    if (stateToHash(snapshot) === stateToHash(state)) history.replaceState(null, '', `#${hash}`);
  });
}

function fillControls(): void {
  const datasets = $<HTMLSelectElement>('dataset');
  datasets.innerHTML = DATASET_NAMES.map((n) => `<option value="${n}">${n}</option>`).join('');
  datasets.value = state.dataset;
  $<HTMLInputElement>('count').value = String(state.count);
  $<HTMLInputElement>('noise').value = String(state.noise);
  $<HTMLInputElement>('data-seed').value = String(state.dataSeed);
  $<HTMLInputElement>('hidden').value = state.hidden.join(',');
  $<HTMLInputElement>('seed').value = String(state.seed);
  $<HTMLInputElement>('learning-rate').value = String(state.learningRate);
  $<HTMLSelectElement>('color-by').value = state.colorBy;
  $<HTMLSelectElement>('regularizer').value = state.regularizer;
  $<HTMLInputElement>('regularizer-weight').value = String(state.regularizerWeight);
  $<HTMLSelectElement>('edges').value = state.edges;
  $<HTMLInputElement>('eigen-index').value = String(state.eigen);
  $<HTMLInputElement>('slice').value = state.slice;
}

function readControls(): void {
  const next = stateFromHash(
    stateToHash({
      ...state,
      dataset: $<HTMLSelectElement>('dataset').value as PageState['dataset'],
      count: Number($<HTMLInputElement>('count').value),
      noise: Number($<HTMLInputElement>('noise').value),
      dataSeed: Number($<HTMLInputElement>('data-seed').value),
      hidden: parseHidden($<HTMLInputElement>('hidden').value) ?? state.hidden,
      seed: Number($<HTMLInputElement>('seed').value),
      learningRate: Number($<HTMLInputElement>('learning-rate').value),
    }),
  );
  state = next;
  saveState();
  resetTraining();
}

for (const id of ['dataset', 'count', 'noise', 'data-seed', 'hidden', 'seed', 'learning-rate'])
  $(id).addEventListener('change', readControls);
$('run').addEventListener('click', () => {
  if (source !== 'train') resetTraining();
  setRunning(!probe.running);
});
$('step').addEventListener('click', () => {
  if (source !== 'train') resetTraining();
  if (probe.running) setRunning(false);
  train({ type: 'step', steps: 10 });
});
$('reset').addEventListener('click', () => readControls());
$('layers').addEventListener('input', () => {
  state.layers = Number($<HTMLInputElement>('layers').value);
  saveState();
  updateLayerSlider(Number($<HTMLInputElement>('layers').max));
  if (source === 'train' && !result) train({ type: 'layers', layers: state.layers });
  if (result) showResult();
});
$('color-by').addEventListener('change', () => {
  state.colorBy = $<HTMLSelectElement>('color-by').value as PageState['colorBy'];
  saveState();
  if (result) showResult();
  requestViews();
});
$('eigen-index').addEventListener('change', () => {
  const j = Number($<HTMLInputElement>('eigen-index').value);
  if (Number.isInteger(j) && j >= 1 && j <= 50) state.eigen = j;
  saveState();
  if (result) showResult();
  requestViews();
});
$('edges').addEventListener('change', () => {
  state.edges = $<HTMLSelectElement>('edges').value as PageState['edges'];
  saveState();
  if (result) showResult();
  requestViews();
});
const regularizerChanged = () => {
  state.regularizer = $<HTMLSelectElement>('regularizer').value as PageState['regularizer'];
  const w = Number($<HTMLInputElement>('regularizer-weight').value);
  if (Number.isFinite(w) && w >= 0 && w <= 100) state.regularizerWeight = w;
  saveState();
  train({ type: 'regularizer', regularizer: state.regularizer, weight: state.regularizerWeight });
};
$('regularizer').addEventListener('change', regularizerChanged);
$('regularizer-weight').addEventListener('change', regularizerChanged);
$('slice').addEventListener('change', () => {
  const text = $<HTMLInputElement>('slice').value.trim();
  state.slice = text === '' ? DEFAULT_STATE.slice : text;
  saveState();
  if (source === 'file') analyse();
});
$('example-slice').addEventListener('click', () => {
  source = 'file';
  train({ type: 'pause' });
  probe.running = false;
  $('run').textContent = 'Run';
  files = {
    model: { name: 'slice-16d-mlp.json', bytes: new TextEncoder().encode(sliceModel) },
    data: { name: 'slice-16d.csv', bytes: new TextEncoder().encode(sliceData) },
    siblings: [],
  };
  analyse();
});
$('show-points').addEventListener('change', () => result && showResult());
$('files').addEventListener('change', () => {
  const input = $<HTMLInputElement>('files');
  void loadFiles([...(input.files ?? [])]);
  input.value = '';
});
$('example').addEventListener('click', () => {
  source = 'file';
  train({ type: 'pause' });
  probe.running = false;
  $('run').textContent = 'Run';
  files = {
    model: { name: 'moons-mlp.json', bytes: new TextEncoder().encode(exampleModel) },
    data: { name: 'moons.csv', bytes: new TextEncoder().encode(exampleData) },
    siblings: [],
  };
  analyse();
});
$('download-report').addEventListener('click', () => {
  if (result)
    download('report.json', JSON.stringify(result.report, null, 2) + '\n', 'application/json');
});
$('download-model').addEventListener('click', () => {
  if (files.model)
    download(
      files.model.name,
      files.model.bytes as Uint8Array<ArrayBuffer>,
      'application/octet-stream',
    );
});
$('download-data').addEventListener('click', () => {
  if (files.data)
    download(files.data.name, files.data.bytes as Uint8Array<ArrayBuffer>, 'text/csv');
});
$('download-svg').addEventListener('click', () =>
  download('figure.svg', figureSvg(), 'image/svg+xml'),
);
$('download-png').addEventListener('click', () => {
  // the SVG figure rasterised by the browser at its size (512 × 512)
  const image = new Image();
  image.onload = () => {
    const raster = document.createElement('canvas');
    raster.width = raster.height = SIZE;
    raster.getContext('2d')!.drawImage(image, 0, 0);
    URL.revokeObjectURL(image.src);
    raster.toBlob((blob) => blob && download('figure.png', blob, 'image/png'), 'image/png');
  };
  image.src = URL.createObjectURL(new Blob([figureSvg()], { type: 'image/svg+xml' }));
});

document.addEventListener('dragover', (event) => {
  event.preventDefault();
  document.body.classList.add('dragging');
});
document.addEventListener('dragleave', () => document.body.classList.remove('dragging'));
document.addEventListener('drop', (event) => {
  event.preventDefault();
  document.body.classList.remove('dragging');
  void loadFiles([...(event.dataTransfer?.files ?? [])]);
});

void stateFromUrlHash(location.hash).then((s) => {
  state = s;
  fillControls();
  saveState();
  resetTraining();
});
