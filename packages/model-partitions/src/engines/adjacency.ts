/**
 * Facet adjacency among data-holding cells: which pairs of cells share a (d−1)-dimensional face.
 *
 * Candidates come from the model's adapter (`faceCandidates`). For ReLU MLPs and arrangements, two
 * cells that meet across a facet generically differ in exactly one unit (crossing one hyperplane
 * flips one bit); we test only pairs whose labels
 * differ in one position, found by hashing the labels with that position masked. Limits: cells that
 * meet across a facet lying on two coinciding hyperplanes at once (degenerate weights) differ in
 * several bits and are not reported; cells that meet only in lower-dimensional faces are never
 * adjacent here by definition. For Voronoi, linear classifiers, trees and forests every pair is a
 * candidate and the separating hyperplanes are the rows g of one cell with −g in the other.
 *
 * Decision. One LP per candidate face: the face F = cl A ∩ {g = 0} (∩ cl B) is (d−1)-dimensional
 * iff the other rows can be made strictly negative on the hyperplane. The float LP proposes; a yes
 * is confirmed by an exact rational point on the hyperplane strictly inside all other rows, anything
 * else is decided by the exact LP (SPEC §1 filtered decisions). An adapter with a `faceDecider`
 * (ReLU MLPs: data certificates, worker threads) decides its candidates itself.
 */
import { MlgeoError, Rational } from '@mlgeo/exact-arith';
import type { Model } from '../models.js';
import type { Partition } from '../partition.js';
import { adapterFor } from '../adapters/index.js';
import type { IntAffine } from './affine.js';
import type { FloatRow } from './cell-rows.js';
import { dataHoldingState, rowsOf, type DataHoldingState } from './data-holding.js';
import type { FaceCandidate } from './face-candidates.js';
import type { FaceDecision } from './mlp-faces.js';
import { slackFloat, strictPointExact } from './lp-bridge.js';
import { type HVertex, exactValue, vertexFromRationals, vertexToRationals } from './vcell.js';
import type { ModelPartitionsErrorCode } from '../errors.js';

/** One facet-adjacent pair of cells (indices into partition.cells, a < b). */
export interface FacetEdge {
  a: number;
  b: number;
  /** Label position of the separating unit / hyperplane (MLP, arrangement), else −1. */
  position: number;
  /**
   * An exact point of the shared facet: on the separating hyperplane, strictly inside every other
   * constraint of both cells (the certificate that cl C_a ∩ cl C_b is (d−1)-dimensional).
   */
  certificate?: Rational[];
}

/** Facet adjacency with counters of how each decision was taken. */
export interface FacetAdjacency {
  edges: FacetEdge[];
  /** Candidate faces tested. */
  candidates: number;
  /** Faces certified by an exact point between two data points (MLP; no LP needed). */
  certifiedByData: number;
  /** Faces confirmed by the float LP plus an exact point certificate. */
  certifiedByPoint: number;
  /** Faces decided by the exact LP. */
  exactLPs: number;
}

/** A candidate face: cells a, b, the hyperplane g (equality), the other rows. */
export interface FaceTask {
  a: number;
  b: number;
  position: number;
  equality: IntAffine;
  rows: IntAffine[];
  floatRows?: FloatRow[];
  floatEquality?: FloatRow;
}

/** Gathers decisions into a FacetAdjacency. */
export function collect(
  tasks: readonly { a: number; b: number; position: number }[],
  decisions: readonly FaceDecision[],
): FacetAdjacency {
  const result: FacetAdjacency = {
    edges: [],
    candidates: tasks.length,
    certifiedByData: 0,
    certifiedByPoint: 0,
    exactLPs: 0,
  };
  const seen = new Set<string>();
  tasks.forEach((t, i) => {
    const r = decisions[i]!;
    if (r.how === 'data') result.certifiedByData++;
    else if (r.how === 'point') result.certifiedByPoint++;
    else result.exactLPs++;
    const key = `${t.a},${t.b}`;
    if (r.adjacent && !seen.has(key)) {
      seen.add(key);
      result.edges.push({
        a: t.a,
        b: t.b,
        position: t.position,
        ...(r.point ? { certificate: vertexToRationals(r.point) } : {}),
      });
    }
  });
  result.edges.sort((x, y) => x.a - y.a || x.b - y.b);
  return result;
}

/** The adapter's candidate faces of a data-holding partition. */
function faceCandidatesOf(partition: Partition, state: DataHoldingState): FaceCandidate[] {
  return adapterFor(state.model).faceCandidates(partition.cells.map((c) => c.label));
}

const rowKey = (g: IntAffine) => `${g.w.join(',')};${g.c}`;

/**
 * The face tasks of the candidates: with a known position the equality is the row of that unit in
 * cell a; otherwise every row g of a with −g in b is a separating hyperplane.
 */
export function faceTasks(
  partition: Partition,
  state: DataHoldingState,
  candidates: readonly FaceCandidate[],
): FaceTask[] {
  const labels = partition.cells.map((c) => c.label);
  const tasks: FaceTask[] = [];
  for (const { a, b, position } of candidates) {
    if (position >= 0) {
      const { rows, tags } = rowsOf(state, labels[a]!);
      const at = tags.indexOf(position);
      if (at < 0) continue; // constant unit: the bit cannot differ across a facet
      tasks.push({ a, b, position, equality: rows[at]!, rows: rows.filter((_, k) => k !== at) });
      continue;
    }
    const ra = rowsOf(state, labels[a]!).rows;
    const rb = rowsOf(state, labels[b]!).rows;
    const inB = new Set(rb.map(rowKey));
    const seen = new Set<string>();
    for (const g of ra) {
      const neg: IntAffine = { ...g, w: g.w.map((v) => -v), c: -g.c };
      const key = rowKey(g);
      if (!inB.has(rowKey(neg)) || seen.has(key)) continue;
      seen.add(key);
      const others = [...ra, ...rb].filter((h) => rowKey(h) !== key && rowKey(h) !== rowKey(neg));
      tasks.push({ a, b, position: -1, equality: g, rows: others });
    }
  }
  return tasks;
}

/** Exact point certificate: the float point moved onto g = 0 exactly, strictly inside the rows. */
function certify(task: FaceTask, point: number[]): HVertex | undefined {
  const x = point.map((v) => Rational.fromDouble(v));
  const g = task.equality;
  let k = 0;
  for (let i = 1; i < g.w.length; i++)
    if ((g.w[i]! < 0n ? -g.w[i]! : g.w[i]!) > (g.w[k]! < 0n ? -g.w[k]! : g.w[k]!)) k = i;
  if (g.w[k] === 0n) return undefined;
  // g(x) = w·x + c; set x_k so that g = 0
  let s = Rational.fromBigInt(g.c);
  g.w.forEach((w, i) => {
    if (i !== k && w !== 0n) s = s.add(x[i]!.mul(Rational.fromBigInt(w)));
  });
  x[k] = s.neg().div(Rational.fromBigInt(g.w[k]!));
  const v = vertexFromRationals(x);
  return task.rows.every((h) => exactValue(h, v) < 0n) ? v : undefined;
}

/** Decides one candidate face; returns [adjacent, how]. */
export function decideFace(task: FaceTask): FaceDecision {
  const f = slackFloat(task.floatRows ?? task.rows, [task.floatEquality ?? task.equality]);
  const y = f.feasible && f.margin > 1e-9 && f.point ? certify(task, f.point) : undefined;
  if (y) return { adjacent: true, how: 'point', point: y };
  const x = strictPointExact(task.rows, [task.equality]);
  return x
    ? { adjacent: true, how: 'exact', point: vertexFromRationals(x) }
    : { adjacent: false, how: 'exact' };
}

/**
 * Above this input dimension facet adjacency of data-holding MLP cells is decided without the
 * cells' exact H-representations (`lpGeometry(…, { adjacencyLPs: false })`; the CLI's LP-free path,
 * `mlgeo track`): data certificates, then the bounded face LP (box as variable bounds; a certified
 * point or an exact dual bound), instead of the face LP over 784 variables and 1,800 rows that took
 * seconds (one in 64-D takes about 6 ms: digits, 581 candidates in 3.7 s). Undecided candidates
 * are counted, never reported absent.
 */
export const ADJACENCY_LP_MAX_DIMENSION = 128;

/**
 * Facet adjacency of a data-holding partition (SPEC §4 adjacency restricted to the cells present):
 * pairs of cells whose closures share a (d−1)-dimensional face.
 */
export function facetAdjacency(partition: Partition, model?: Model): FacetAdjacency {
  return facetAdjacencyOf(partition, undefined, model);
}

/**
 * Facet adjacency among the given candidate pairs (default: the adapter's candidates), each
 * adjacent pair with an exact certificate point of the shared facet.
 */
export function facetAdjacencyOf(
  partition: Partition,
  given: readonly FaceCandidate[] | undefined,
  model?: Model,
): FacetAdjacency {
  const state = dataHoldingState(partition);
  if (!state || (model && model !== state.model))
    throw new MlgeoError<ModelPartitionsErrorCode>(
      'NOT_DATA_HOLDING',
      'facetAdjacency needs a partition made by dataHoldingPartition',
      {
        field: 'partition',
        fix: 'build the partition with dataHoldingPartition(model, points)',
      },
    );
  const candidates = given ?? faceCandidatesOf(partition, state);
  const decider = adapterFor(state.model).faceDecider;
  if (decider) return collect(candidates, decider.decide(partition, state, candidates));
  const tasks = faceTasks(partition, state, candidates);
  const seen = new Set<string>();
  const result: FacetAdjacency = {
    edges: [],
    candidates: tasks.length,
    certifiedByData: 0,
    certifiedByPoint: 0,
    exactLPs: 0,
  };
  for (const t of tasks) {
    const key = `${t.a},${t.b}`;
    if (seen.has(key)) continue;
    const r = decideFace(t);
    if (r.how === 'point') result.certifiedByPoint++;
    else result.exactLPs++;
    if (r.adjacent) {
      seen.add(key);
      result.edges.push({
        a: t.a,
        b: t.b,
        position: t.position,
        ...(r.point ? { certificate: vertexToRationals(r.point) } : {}),
      });
    }
  }
  result.edges.sort((x, y) => x.a - y.a || x.b - y.b);
  return result;
}
