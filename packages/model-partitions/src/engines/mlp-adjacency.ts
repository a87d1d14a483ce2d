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
import { type FaceDecision, type MlpFaceTask, decideMlpFace, mlpFaceContext } from './mlp-faces.js';
import type { FacetAdjacency } from './adjacency.js';
import { type HVertex, vertexToRationals } from './vcell.js';
import { boundedFaceLP, faceLpContext } from '../lp-cells/face-lp.js';

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

/** Options of {@link certifiedMlpAdjacency}. */
export interface CertifiedAdjacencyOptions {
  /**
   * Decide the candidates the data do not certify by the bounded face LP (lp-cells/face-lp.ts:
   * box as variable bounds, a certified point or a certified dual bound). Default true; needs a
   * box domain (otherwise those candidates stay undecided).
   */
  faceLPs?: boolean;
  onProgress?: (p: { phase: string; done: number; total: number }) => void;
}

/** {@link certifiedMlpAdjacency}'s result. */
export type CertifiedAdjacency = FacetAdjacency & {
  /** Candidates neither certified adjacent nor certified absent. */
  undecided: number;
  /** Candidates proven not adjacent (a dual bound checked exactly, or a unit constant on the cell). */
  absent: number;
  /** Bounded face LPs run, and their simplex iterations. */
  faceLPs: number;
  faceLpIterations: number;
};

/**
 * Facet adjacency of an MLP data-holding partition without the cells' exact H-representations (for
 * high d): the one-bit candidates, each first tried with an exact point on the separating
 * hyperplane found from the data (segments between points of the two cells, projections of the
 * points onto the hyperplane), then by the bounded face LP (lp-cells/face-lp.ts), whose answer is
 * certified exactly either way: a point of the shared facet, or a weak-duality bound over the box.
 * Every edge is certified, every absent candidate proven; a candidate neither certificate settles
 * is counted in `undecided` (it may or may not be a facet adjacency), never guessed.
 */
export function certifiedMlpAdjacency(
  partition: Partition,
  state: DataHoldingState,
  options: CertifiedAdjacencyOptions = {},
): CertifiedAdjacency {
  const candidates = oneBitPairs(partition.cells.map((c) => c.label));
  const job = mlpWorkerJob(partition, state, candidates);
  job.tasks.forEach((t) => (t.certificatesOnly = true));
  const ctx = mlpFaceContext(job.model, job.domainRows);
  const lc = options.faceLPs === false ? undefined : faceLpContext(ctx, state.domain.box);
  const out: CertifiedAdjacency = {
    edges: [],
    candidates: candidates.length,
    certifiedByData: 0,
    certifiedByPoint: 0,
    exactLPs: 0,
    undecided: 0,
    absent: 0,
    faceLPs: 0,
    faceLpIterations: 0,
  };
  const seen = new Set<string>();
  const total = candidates.length;
  candidates.forEach((c, i) => {
    const task = job.tasks[i]!;
    let r: { adjacent: boolean; how: string; point?: HVertex } = decideMlpFace(ctx, task);
    if (r.how === 'undecided' && lc) {
      const f = boundedFaceLP(lc, task);
      out.faceLPs++;
      out.faceLpIterations += f.iterations;
      if (f.decision === 'adjacent') r = { adjacent: true, how: 'point', point: f.point! };
      else if (f.decision === 'absent') r = { adjacent: false, how: 'dual' };
    }
    if (r.how === 'undecided') out.undecided++;
    else if (r.how === 'data') out.certifiedByData++;
    else if (r.how === 'point') out.certifiedByPoint++;
    else if (r.how === 'exact') out.exactLPs++;
    if (!r.adjacent && r.how !== 'undecided') out.absent++;
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
    options.onProgress?.({ phase: 'adjacency', done: i + 1, total });
  });
  out.edges.sort((x, y) => x.a - y.a || x.b - y.b);
  return out;
}
