/** Messages between the page (main.ts) and its two workers (train-worker.ts, exact-worker.ts). */
import type { AnalysisResult, NamedFile, PartitionPreview } from './analysis.js';
import type { PauseView } from './pause-view.js';
import type { DatasetName, DatasetOptions } from './datasets.js';
import type { ViewKind, ViewOptions, ViewValues } from './views.js';

/** Settings of the live training (all in the URL). */
export interface TrainSettings {
  dataset: DatasetName;
  data: DatasetOptions;
  /** Hidden layer widths, e.g. [16, 16]. */
  hidden: number[];
  /** Seed of the initial weights. */
  seed: number;
  learningRate: number;
  /** Raster size in pixels (square). */
  resolution: number;
  /** Hidden layers whose patterns colour the raster (layer slider). */
  layers: number;
  /** Regularizer added to the logistic loss (@mlgeo/diff-forms penalties), with its weight. */
  regularizer: RegularizerKind;
  regularizerWeight: number;
}

/** The geometric regularizers of docs/math.md §6 the page can add while training. */
export type RegularizerKind = 'none' | 'angle' | 'sliver' | 'boundary';

export type TrainRequest =
  | { type: 'reset'; settings: TrainSettings }
  | { type: 'run' }
  | { type: 'pause' }
  /** The page drew the last frame (sent from its animation frame): the worker trains on. */
  | { type: 'ack' }
  | { type: 'step'; steps: number }
  | { type: 'layers'; layers: number }
  | { type: 'regularizer'; regularizer: RegularizerKind; weight: number };

export type TrainMessage =
  | {
      type: 'frame';
      pixels: Uint8ClampedArray;
      resolution: number;
      step: number;
      loss: number;
      accuracy: number;
      patterns: number;
      running: boolean;
      /** Float64 cell polygons of the current net: every interior angle (rad) and every area. */
      angles: Float64Array;
      areas: Float64Array;
      /** The regularizer's value at this step (0 without one). */
      penalty: number;
    }
  | {
      type: 'paused';
      step: number;
      /** The trained model as `mlgeo-mlp` JSON text and the data set as CSV text. */
      modelJson: string;
      dataCsv: string;
    };

export interface ExactRequest {
  id: number;
  type?: 'analyse';
  model: NamedFile;
  data?: NamedFile;
  siblings?: NamedFile[];
  cells?: 'auto' | 'all';
  slice?: string;
  /**
   * A paused trained net: post the pause view (pause-view.ts: exact cells, areas, shared faces,
   * angles) before the report, instead of the partition preview.
   */
  pauseView?: boolean;
}

/** A view of the last certified complex (the worker keeps it). */
export interface ViewRequest {
  id: number;
  type: 'view';
  kind: ViewKind;
  /** The page's cache key of the view (echoed back). */
  key?: string;
  options?: ViewOptions;
}

export type ExactMessage =
  | { id: number; type: 'partition'; preview: PartitionPreview }
  | {
      id: number;
      type: 'pauseView';
      view: PauseView;
      milliseconds: number;
      /** When the worker started and posted it (performance.timeOrigin + now(), ms since epoch). */
      startedAt: number;
      postedAt: number;
    }
  | { id: number; type: 'phase'; phase: string }
  | { id: number; type: 'checks'; passed: number; applicable: number; milliseconds: number }
  | { id: number; type: 'view'; view: ViewValues; key?: string }
  | { id: number; type: 'result'; result: AnalysisResult }
  | { id: number; type: 'error'; message: string };
