/**
 * The contract every model kind fulfils (SPEC §2): one `ModelAdapter` per kind holds all that is
 * specific to it, and the engines, the point locator and the CLI only call adapters.
 */
import type { Rational } from '@mlgeo/exact-arith';
import type { Model } from '../models.js';
import type {
  MlpCellMaps,
  Partition,
  Predicates,
  PartitionCell,
  ProgressCallback,
} from '../partition.js';
import type { TaggedRows } from '../engines/cell-rows.js';
import type { DataHoldingState } from '../engines/data-holding.js';
import type { FaceCandidate } from '../engines/face-candidates.js';
import type { FaceJob } from '../engines/face-job.js';
import type { FaceDecision } from '../engines/mlp-faces.js';
import type { FilterStats } from '@mlgeo/exact-arith';
import type { VCell } from '../engines/vcell.js';
import type { Labeler } from '../locate/label.js';

/** A prediction on a cell: one number or one per output. */
export type Prediction = number | number[];

/** A model-specific decision of candidate faces (faster than one LP per face, or in threads). */
export interface FaceDecider {
  /** One decision per candidate, in the calling thread. */
  decide(
    partition: Partition,
    state: DataHoldingState,
    candidates: readonly FaceCandidate[],
  ): FaceDecision[];
  /**
   * The same decisions as a serializable job for worker threads (run by `facetAdjacencyParallel`
   * of `@mlgeo/model-partitions/node`; this entry never starts a thread itself).
   */
  workerJob(
    partition: Partition,
    state: DataHoldingState,
    candidates: readonly FaceCandidate[],
  ): FaceJob;
}

/** Everything the engines need to know about one model kind. */
export interface ModelAdapter<M extends Model = Model> {
  readonly kind: M['kind'];
  /** Kind-specific shape checks (the input dimension is checked before); throws ShapeError. */
  validate(model: M): void;
  /** The cells of the model inside the kernel cell `start`, unsorted (SPEC §2 enumeration). */
  cells(
    model: M,
    start: VCell,
    predicates: Predicates,
    stats: FilterStats,
    onProgress?: ProgressCallback,
  ): PartitionCell[];
  /** Labels points by the model's own rule with exact ties (SPEC §2 "Ties and data"). */
  labeler(model: M): Labeler;
  /** Exact rows g ≤ 0 of the cell `label` (no domain rows), tagged with their label position. */
  cellRows(model: M, label: string): TaggedRows;
  /** SPEC §2 cell order on labels of this kind. */
  compareLabels(a: string, b: string): number;
  /**
   * The prediction on the cell `label`; `at` gives the cell's exact centroid and is only called
   * when the prediction depends on the point (MLP output). Undefined when the model predicts nothing.
   */
  predict(model: M, label: string, at: () => readonly Rational[]): Prediction | undefined;
  /** Class of a prediction: argmax (lowest index on ties), a one-value output > 0, or undefined. */
  predictedClass(prediction: Prediction | undefined): number | undefined;
  /** An upper bound on the number of cells in a d-dimensional domain (`--cells auto`). */
  cellCountBound(model: M): number;
  /** Pairs of data-holding cells whose common face must be tested (SPEC §4 adjacency). */
  faceCandidates(labels: readonly string[]): FaceCandidate[];
  /** Optional: per-cell affine maps of every layer (ReLU MLPs, SPEC §5). */
  cellMaps?(model: M, label: string): MlpCellMaps;
  /** Optional: a faster decision of the candidate faces than one LP per face (ReLU MLPs). */
  faceDecider?: FaceDecider;
  /** Optional: layer widths d, n_1, …, n_L for reports (ReLU MLPs). */
  architecture?(model: M): number[];
}
