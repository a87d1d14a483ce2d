/**
 * The training worker: Adam steps on the bundled data set in time slices of ~15 ms, each followed by
 * the activation-pattern raster (raster.ts) sent to the page as a transferable frame. Paced by
 * paint: after a frame it waits for the page's `ack` (sent from the animation frame that drew it)
 * before the next slice, so frames never pile up in the page and a pause is answered at once. On
 * pause it first sends the model as `mlgeo-mlp` JSON and the data as CSV (the files the exact
 * analysis reads), then the paused net's frame.
 */
import { type PlaneCell, networkPenalty, planeCells } from '@mlgeo/diff-forms';
import { datasetToCsv, makeDataset, type Dataset } from './datasets.js';
import { interiorAngles } from './histogram.js';
import {
  accuracy,
  adamState,
  adamStep,
  initMlp,
  mlpToJson,
  type AdamState,
  type FloatMlp,
} from './mlp.js';
import type { RegularizerKind, TrainMessage, TrainRequest, TrainSettings } from './protocol.js';
import { rasterPatterns } from './raster.js';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<TrainRequest>) => void) | null;
  postMessage(message: TrainMessage, transfer?: Transferable[]): void;
};

/** Milliseconds of training between two frames. */
const SLICE_MS = 15;

let settings: TrainSettings | undefined;
let data: Dataset | undefined;
let mlp: FloatMlp | undefined;
let adam: AdamState | undefined;
let step = 0;
let loss = NaN;
let running = false;
let timer: ReturnType<typeof setTimeout> | undefined;
/** A frame was sent while running and the page has not acknowledged it yet. */
let awaitingAck = false;
/** Milliseconds after which a frame counts as acknowledged (a hidden page paints no frames). */
const ACK_TIMEOUT_MS = 250;
/** The float64 cell polygons of the last penalty evaluation (reused for the histograms). */
let cells: PlaneCell[] | undefined;
let penalty = 0;

/** The sliver penalty's smallest unpenalised area (docs/math.md §6): 1/500 of the unit square. */
export const SLIVER_MIN_AREA = 0.002;

/** The diff-forms view of the page's net (same weights, no copy). */
const netOf = (m: FloatMlp) => ({ inputDimension: m.sizes[0]!, layers: m.layers });

/** One Adam step on the logistic loss plus the chosen regularizer (its gradient by diff-forms). */
function step1(kind: RegularizerKind, weight: number): number {
  if (kind === 'none' || weight === 0 || !mlp || !adam || !data || !settings) {
    cells = undefined;
    penalty = 0;
    return adamStep(mlp!, adam!, data!.x, data!.labels, settings!.learningRate);
  }
  const term = networkPenalty(netOf(mlp), {
    kind,
    ...(kind === 'sliver' ? { vMin: SLIVER_MIN_AREA } : {}),
  });
  cells = term.cells;
  penalty = term.value;
  return adamStep(mlp, adam, data.x, data.labels, settings.learningRate, term.gradient, weight);
}

/** Every interior angle and area of the current net's float64 cell polygons. */
function geometry(): { angles: Float64Array; areas: Float64Array } {
  const polygons = cells ?? planeCells(netOf(mlp!));
  cells = polygons;
  return {
    angles: Float64Array.from(polygons.flatMap((c) => interiorAngles(c.vertices))),
    areas: Float64Array.from(polygons.map((c) => c.area)),
  };
}

function frame(): void {
  if (!mlp || !settings || !data) return;
  const { pixels, patterns } = rasterPatterns(mlp, {
    width: settings.resolution,
    height: settings.resolution,
    layers: settings.layers,
  });
  const { angles, areas } = geometry();
  scope.postMessage(
    {
      type: 'frame',
      pixels,
      resolution: settings.resolution,
      step,
      loss,
      accuracy: accuracy(mlp, data.x, data.labels),
      patterns,
      running,
      angles,
      areas,
      penalty,
    },
    [pixels.buffer, angles.buffer, areas.buffer],
  );
}

function trainSlice(): void {
  timer = undefined;
  if (!running || !mlp || !adam || !data || !settings) return;
  const until = performance.now() + SLICE_MS;
  do {
    loss = step1(settings.regularizer, settings.regularizerWeight);
    step++;
  } while (performance.now() < until);
  frame();
  awaitingAck = true;
  timer = setTimeout(acknowledged, ACK_TIMEOUT_MS);
}

/** The page drew the last frame (or did not answer in time): train the next slice. */
function acknowledged(): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  awaitingAck = false;
  if (running) timer = setTimeout(trainSlice, 0);
}

function paused(): void {
  if (!mlp || !data || !settings) return;
  const description =
    `ReLU MLP ${mlp.sizes.join('→')} trained in the mlgeo playground on ${data.name} ` +
    `(${data.x.length} points, noise ${settings.data.noise}, data seed ${settings.data.seed}), ` +
    `Adam, learning rate ${settings.learningRate}, weight seed ${settings.seed}, ${step} steps.`;
  scope.postMessage({
    type: 'paused',
    step,
    modelJson: mlpToJson(mlp, description),
    dataCsv: datasetToCsv(data),
  });
}

scope.onmessage = (event) => {
  const request = event.data;
  switch (request.type) {
    case 'reset':
      settings = request.settings;
      data = makeDataset(settings.dataset, settings.data);
      mlp = initMlp([2, ...settings.hidden, 1], settings.seed);
      adam = adamState(mlp);
      cells = undefined;
      penalty = 0;
      step = 0;
      loss = NaN;
      frame();
      if (!running) paused();
      break;
    case 'run':
      if (!running) {
        running = true;
        if (timer === undefined && !awaitingAck) timer = setTimeout(trainSlice, 0);
      }
      break;
    case 'ack':
      if (awaitingAck) acknowledged();
      break;
    case 'pause':
      running = false;
      awaitingAck = false;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      // the model first: the exact analysis starts while this worker draws the paused frame
      paused();
      // the paused frame's histograms are of the paused net (not of the last penalty step)
      cells = undefined;
      frame();
      break;
    case 'step':
      if (mlp && adam && data && settings) {
        for (let i = 0; i < request.steps; i++) {
          loss = step1(settings.regularizer, settings.regularizerWeight);
          step++;
        }
        frame();
        if (!running) paused();
      }
      break;
    case 'layers':
      if (settings) settings.layers = request.layers;
      frame();
      break;
    case 'regularizer':
      if (settings) {
        settings.regularizer = request.regularizer;
        settings.regularizerWeight = request.weight;
      }
      break;
  }
};
