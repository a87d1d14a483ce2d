/**
 * Facet decisions for ReLU MLP data-holding cells: each one-bit candidate face is decided by
 * mlp-faces (an exact point between two data points first, then LPs), in the calling thread or, as a
 * serializable job, in worker threads (`@mlgeo/model-partitions/node`). The ReLU MLP adapter offers this as its `faceDecider`.
 */
import type { ReluMlpModel } from '../models.js';
import type { Partition } from '../partition.js';
import { DataPoint } from '../locate/point.js';
import type { DataHoldingState } from './data-holding.js';
import { type FaceCandidate, oneBitPairs } from './face-candidates.js';
import { type FaceJob, decideFaceJob } from './face-job.js';
import type { FaceDecision, MlpFaceTask } from './mlp-faces.js';
import type { FacetAdjacency } from './adjacency.js';
import { vertexToRationals } from './vcell.js';

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

/** The MLP candidate faces as a job that worker threads can run. */
export function mlpWorkerJob(
  partition: Partition,
  state: DataHoldingState,
  candidates: readonly FaceCandidate[],
): FaceJob {
  return {
    model: state.model as ReluMlpModel,
    domainRows: [...state.domain.rows],
    tasks: mlpFaceTasks(partition, state, candidates),
  };
}

/** Decides the MLP candidate faces in the calling thread. */
export function decideMlpFaces(
  partition: Partition,
  state: DataHoldingState,
  candidates: readonly FaceCandidate[],
): FaceDecision[] {
  return decideFaceJob(mlpWorkerJob(partition, state, candidates));
}

/**
 * Facet adjacency of an MLP data-holding partition from data certificates only (no LP): the one-bit
 * candidates, each decided by an exact point on the separating hyperplane found from the data
 * (segments between points of the two cells, projections of the points onto the hyperplane).
 * Every edge is certified; a candidate without such a point is counted in `undecided` (it may or
 * may not be a facet adjacency), never reported absent.
 */
export function certifiedMlpAdjacency(
  partition: Partition,
  state: DataHoldingState,
): FacetAdjacency & { undecided: number } {
  const candidates = oneBitPairs(partition.cells.map((c) => c.label));
  const job = mlpWorkerJob(partition, state, candidates);
  job.tasks.forEach((t) => (t.certificatesOnly = true));
  const decisions = decideFaceJob(job);
  const out: FacetAdjacency & { undecided: number } = {
    edges: [],
    candidates: candidates.length,
    certifiedByData: 0,
    certifiedByPoint: 0,
    exactLPs: 0,
    undecided: 0,
  };
  const seen = new Set<string>();
  candidates.forEach((c, i) => {
    const r = decisions[i]!;
    if (r.how === 'undecided') out.undecided++;
    else if (r.how === 'data') out.certifiedByData++;
    else if (r.how === 'point') out.certifiedByPoint++;
    else out.exactLPs++;
    const key = `${c.a},${c.b}`;
    if (r.adjacent && !seen.has(key)) {
      seen.add(key);
      out.edges.push({
        a: c.a,
        b: c.b,
        position: c.position,
        ...(r.point ? { certificate: vertexToRationals(r.point) } : {}),
      });
    }
  });
  out.edges.sort((x, y) => x.a - y.a || x.b - y.b);
  return out;
}
