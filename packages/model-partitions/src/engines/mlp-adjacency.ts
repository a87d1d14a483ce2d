/**
 * Facet decisions for ReLU MLP data-holding cells: each one-bit candidate face is decided by
 * mlp-faces (an exact point between two data points first, then LPs), in the calling thread or in
 * worker threads. The ReLU MLP adapter offers this as its `faceDecider`.
 */
import type { ReluMlpModel } from '../models.js';
import type { Partition } from '../partition.js';
import { DataPoint } from '../locate/point.js';
import type { DataHoldingState } from './data-holding.js';
import type { FaceCandidate } from './face-candidates.js';
import { decideInWorkers } from './face-jobs.js';
import { type FaceDecision, type MlpFaceTask, decideMlpFace, mlpFaceContext } from './mlp-faces.js';

/** Number of data points per cell offered to the data certificate. */
const SAMPLES = 4;

/** MLP face tasks of the candidates (one-bit label differences) with a few data points per cell. */
export function mlpFaceTasks(
  partition: Partition,
  state: DataHoldingState,
  candidates: readonly FaceCandidate[],
): MlpFaceTask[] {
  const labels = partition.cells.map((c) => c.label);
  const d = partition.inputDimension;
  const samples = (i: number): number[][] =>
    (partition.cells[i]!.dataIndices ?? [])
      .slice(0, SAMPLES)
      .map((k) => Array.from(DataPoint.from(state.points[k]!, d).xf));
  return candidates.map(({ a, b, position }) => ({
    a,
    b,
    labelA: labels[a]!,
    labelB: labels[b]!,
    position,
    samplesA: samples(a),
    samplesB: samples(b),
  }));
}

/** Decides the MLP candidate faces in the calling thread. */
export function decideMlpFaces(
  partition: Partition,
  state: DataHoldingState,
  candidates: readonly FaceCandidate[],
): FaceDecision[] {
  const ctx = mlpFaceContext(state.model as ReluMlpModel, [...state.domain.rows]);
  return mlpFaceTasks(partition, state, candidates).map((t) => decideMlpFace(ctx, t));
}

/** Decides the MLP candidate faces in `workers` threads (in this one when there are few). */
export async function decideMlpFacesParallel(
  partition: Partition,
  state: DataHoldingState,
  candidates: readonly FaceCandidate[],
  workers: number,
): Promise<FaceDecision[]> {
  // too few faces to pay for starting threads
  if (candidates.length < 2 * workers) return decideMlpFaces(partition, state, candidates);
  const tasks = mlpFaceTasks(partition, state, candidates);
  return decideInWorkers(
    { model: state.model as ReluMlpModel, domainRows: [...state.domain.rows], tasks },
    workers,
  );
}
