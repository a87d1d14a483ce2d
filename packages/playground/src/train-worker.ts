/**
 * The training worker: Adam steps on the bundled data set in time slices of ~25 ms, each followed by
 * the activation-pattern raster (raster.ts) sent to the page as a transferable frame. On pause it
 * sends the model as `mlgeo-mlp` JSON and the data as CSV, the files the exact analysis reads.
 */
import { datasetToCsv, makeDataset, type Dataset } from './datasets.js';
import {
  accuracy,
  adamState,
  adamStep,
  initMlp,
  mlpToJson,
  type AdamState,
  type FloatMlp,
} from './mlp.js';
import type { TrainMessage, TrainRequest, TrainSettings } from './protocol.js';
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

function frame(): void {
  if (!mlp || !settings || !data) return;
  const { pixels, patterns } = rasterPatterns(mlp, {
    width: settings.resolution,
    height: settings.resolution,
    layers: settings.layers,
  });
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
    },
    [pixels.buffer],
  );
}

function trainSlice(): void {
  timer = undefined;
  if (!running || !mlp || !adam || !data || !settings) return;
  const until = performance.now() + SLICE_MS;
  do {
    loss = adamStep(mlp, adam, data.x, data.labels, settings.learningRate);
    step++;
  } while (performance.now() < until);
  frame();
  timer = setTimeout(trainSlice, 0);
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
      step = 0;
      loss = NaN;
      frame();
      if (!running) paused();
      break;
    case 'run':
      if (!running) {
        running = true;
        if (timer === undefined) timer = setTimeout(trainSlice, 0);
      }
      break;
    case 'pause':
      running = false;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      frame();
      paused();
      break;
    case 'step':
      if (mlp && adam && data && settings) {
        for (let i = 0; i < request.steps; i++) {
          loss = adamStep(mlp, adam, data.x, data.labels, settings.learningRate);
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
  }
};
