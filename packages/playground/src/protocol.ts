/** Messages between the page (main.ts) and its two workers (train-worker.ts, exact-worker.ts). */
import type { AnalysisResult, NamedFile, PartitionPreview } from './analysis.js';
import type { DatasetName, DatasetOptions } from './datasets.js';

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
}

export type TrainRequest =
  | { type: 'reset'; settings: TrainSettings }
  | { type: 'run' }
  | { type: 'pause' }
  | { type: 'step'; steps: number }
  | { type: 'layers'; layers: number };

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
  model: NamedFile;
  data?: NamedFile;
  siblings?: NamedFile[];
  cells?: 'auto' | 'all';
}

export type ExactMessage =
  | { id: number; type: 'partition'; preview: PartitionPreview }
  | { id: number; type: 'result'; result: AnalysisResult }
  | { id: number; type: 'error'; message: string };
