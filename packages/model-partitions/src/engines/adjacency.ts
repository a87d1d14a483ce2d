/**
 * Facet adjacency among data-holding cells: which pairs of cells share a (d−1)-dimensional face.
 *
 * Candidates. For ReLU MLPs and arrangements, two cells that meet across a facet generically differ
 * in exactly one unit (crossing one hyperplane flips one bit); we test only pairs whose labels
 * differ in one position, found by hashing the labels with that position masked. Limits: cells that
 * meet across a facet lying on two coinciding hyperplanes at once (degenerate weights) differ in
 * several bits and are not reported; cells that meet only in lower-dimensional faces are never
 * adjacent here by definition. For Voronoi, linear classifiers, trees and forests every pair is a
 * candidate and the separating hyperplanes are the rows g of one cell with −g in the other.
 *
 * Decision. One LP per candidate face: the face F = cl A ∩ {g = 0} (∩ cl B) is (d−1)-dimensional
 * iff the other rows can be made strictly negative on the hyperplane. The float LP proposes; a yes
 * is confirmed by an exact rational point on the hyperplane strictly inside all other rows, anything
 * else is decided by the exact LP (SPEC §1 filtered decisions).
 */
import { MlgeoError, Rational } from '@mlgeo/exact-arith';
import type { Model } from '../models.js';
import type { Partition } from '../partition.js';
import { prepareMlp } from '../locate/forward.js';
import type { IntAffine } from './affine.js';
import { type FloatRow, floatMlpRows, mlpPattern } from './cell-rows.js';
import { dataHoldingState, rowsOf, type DataHoldingState } from './data-holding.js';
import { DataPoint } from '../locate/point.js';
import { decideInWorkers } from './face-jobs.js';
import { type FaceDecision, type MlpFaceTask, decideMlpFace, mlpFaceContext } from './mlp-faces.js';
import { slackFloat, strictlyFeasibleExact } from './lp-bridge.js';
import { exactValue, vertexFromRationals } from './vcell.js';

/** One facet-adjacent pair of cells (indices into partition.cells, a < b). */
export interface FacetEdge {
  a: number;
  b: number;
  /** Label position of the separating unit / hyperplane (MLP, arrangement), else −1. */
  position: number;
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

/** Number of data points per cell offered to the data certificate. */
const SAMPLES = 4;

/** MLP candidate faces (one-bit label differences) with a few data points of each cell. */
export function mlpFaceTasks(partition: Partition, state: DataHoldingState): MlpFaceTask[] {
  const labels = partition.cells.map((c) => c.label);
  const d = partition.inputDimension;
  const samples = (i: number): number[][] =>
    (partition.cells[i]!.dataIndices ?? [])
      .slice(0, SAMPLES)
      .map((k) => Array.from(DataPoint.from(state.points[k]!, d).xf));
  return oneBitPairs(labels).map(({ a, b, position }) => ({
    a,
    b,
    labelA: labels[a]!,
    labelB: labels[b]!,
    position,
    samplesA: samples(a),
    samplesB: samples(b),
  }));
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
      result.edges.push({ a: t.a, b: t.b, position: t.position });
    }
  });
  result.edges.sort((x, y) => x.a - y.a || x.b - y.b);
  return result;
}

/**
 * {@link facetAdjacency} with the MLP face decisions spread over `workers` worker threads (other
 * model kinds run in the calling thread). Same result as the sequential version.
 */
export async function facetAdjacencyParallel(
  partition: Partition,
  model?: Model,
  options: { workers?: number } = {},
): Promise<FacetAdjacency> {
  const state = dataHoldingState(partition);
  const workers = options.workers ?? 2;
  if (!state || state.model.kind !== 'mlp' || workers <= 1) return facetAdjacency(partition, model);
  if (model && model !== state.model) return facetAdjacency(partition, model); // throws
  const tasks = mlpFaceTasks(partition, state);
  const model0 = state.model;
  if (tasks.length < 2 * workers) {
    // too few faces to pay for starting threads
    const ctx = mlpFaceContext(model0, [...state.domain.rows]);
    return collect(
      tasks,
      tasks.map((t) => decideMlpFace(ctx, t)),
    );
  }
  const decisions = await decideInWorkers(
    { model: model0, domainRows: [...state.domain.rows], tasks },
    workers,
  );
  return collect(tasks, decisions);
}

/** Pairs of labels that differ in exactly one position (hash of the label with it masked). */
export function oneBitPairs(
  labels: readonly string[],
): { a: number; b: number; position: number }[] {
  const out: { a: number; b: number; position: number }[] = [];
  if (labels.length === 0) return out;
  const n = labels[0]!.length;
  // random 52-bit weights per position; key = Σ bits·r mod 2^52 with the position's term removed
  let seed = 0x9e3779b9;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed;
  };
  const r = Array.from({ length: n }, () => (rnd() % 2 ** 26) * 2 ** 26 + (rnd() % 2 ** 26));
  const M = 2 ** 52;
  const hashes = labels.map((l) => {
    let h = 0;
    for (let i = 0; i < n; i++) if (l.charCodeAt(i) === 49) h = (h + r[i]!) % M;
    return h;
  });
  for (let pos = 0; pos < n; pos++) {
    const buckets = new Map<number, number[]>();
    labels.forEach((l, i) => {
      const key = l.charCodeAt(pos) === 49 ? (hashes[i]! - r[pos]! + M) % M : hashes[i]!;
      let b = buckets.get(key);
      if (!b) buckets.set(key, (b = []));
      b.push(i);
    });
    for (const b of buckets.values()) {
      if (b.length < 2) continue;
      for (let x = 0; x < b.length; x++)
        for (let y = x + 1; y < b.length; y++) {
          const la = labels[b[x]!]!;
          const lb = labels[b[y]!]!;
          if (la[pos] === lb[pos]) continue;
          if (la.slice(0, pos) === lb.slice(0, pos) && la.slice(pos + 1) === lb.slice(pos + 1))
            out.push({ a: Math.min(b[x]!, b[y]!), b: Math.max(b[x]!, b[y]!), position: pos });
        }
    }
  }
  return out;
}

const rowKey = (g: IntAffine) => `${g.w.join(',')};${g.c}`;

/** The candidate face tasks of a data-holding partition. */
export function faceTasks(partition: Partition, state: DataHoldingState): FaceTask[] {
  const model = state.model;
  const labels = partition.cells.map((c) => c.label);
  const tasks: FaceTask[] = [];
  if (model.kind === 'mlp' || model.kind === 'arrangement') {
    const net = model.kind === 'mlp' ? prepareMlp(model) : undefined;
    const floatCache = new Map<number, { rows: FloatRow[]; tags: number[] }>();
    for (const { a, b, position } of oneBitPairs(labels)) {
      const { rows, tags } = rowsOf(state, labels[a]!);
      const at = tags.indexOf(position);
      if (at < 0) continue; // constant unit: the bit cannot differ across a facet
      const task: FaceTask = {
        a,
        b,
        position,
        equality: rows[at]!,
        rows: rows.filter((_, k) => k !== at),
      };
      if (net && model.kind === 'mlp') {
        let fr = floatCache.get(a);
        if (!fr) {
          const f = floatMlpRows(model, net.W, net.b, mlpPattern(model, labels[a]!));
          fr = {
            rows: [...f.rows, ...state.domain.rows],
            tags: [...f.tags, ...state.domain.rows.map(() => -1)],
          };
          floatCache.set(a, fr);
        }
        const fat = fr.tags.indexOf(position);
        if (fat >= 0) {
          task.floatEquality = fr.rows[fat]!;
          task.floatRows = fr.rows.filter((_, k) => k !== fat);
        }
      }
      tasks.push(task);
    }
    return tasks;
  }
  for (let a = 0; a < labels.length; a++)
    for (let b = a + 1; b < labels.length; b++) {
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
function certify(task: FaceTask, point: number[]): boolean {
  const x = point.map((v) => Rational.fromDouble(v));
  const g = task.equality;
  let k = 0;
  for (let i = 1; i < g.w.length; i++)
    if ((g.w[i]! < 0n ? -g.w[i]! : g.w[i]!) > (g.w[k]! < 0n ? -g.w[k]! : g.w[k]!)) k = i;
  if (g.w[k] === 0n) return false;
  // g(x) = w·x + c; set x_k so that g = 0
  let s = Rational.fromBigInt(g.c);
  g.w.forEach((w, i) => {
    if (i !== k && w !== 0n) s = s.add(x[i]!.mul(Rational.fromBigInt(w)));
  });
  x[k] = s.neg().div(Rational.fromBigInt(g.w[k]!));
  const v = vertexFromRationals(x);
  return task.rows.every((h) => exactValue(h, v) < 0n);
}

/** Decides one candidate face; returns [adjacent, how]. */
export function decideFace(task: FaceTask): FaceDecision {
  const f = slackFloat(task.floatRows ?? task.rows, [task.floatEquality ?? task.equality]);
  if (f.feasible && f.margin > 1e-9 && f.point && certify(task, f.point))
    return { adjacent: true, how: 'point' };
  return { adjacent: strictlyFeasibleExact(task.rows, [task.equality]), how: 'exact' };
}

/**
 * Facet adjacency of a data-holding partition (SPEC §4 adjacency restricted to the cells present):
 * pairs of cells whose closures share a (d−1)-dimensional face.
 */
export function facetAdjacency(partition: Partition, model?: Model): FacetAdjacency {
  const state = dataHoldingState(partition);
  if (!state || (model && model !== state.model))
    throw new MlgeoError(
      'NOT_DATA_HOLDING',
      'facetAdjacency needs a partition made by dataHoldingPartition',
      {
        field: 'partition',
        fix: 'build the partition with dataHoldingPartition(model, points)',
      },
    );
  if (state.model.kind === 'mlp') {
    const ctx = mlpFaceContext(state.model, [...state.domain.rows]);
    const tasks = mlpFaceTasks(partition, state);
    return collect(
      tasks,
      tasks.map((t) => decideMlpFace(ctx, t)),
    );
  }
  const tasks = faceTasks(partition, state);
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
      result.edges.push({ a: t.a, b: t.b, position: t.position });
    }
  }
  result.edges.sort((x, y) => x.a - y.a || x.b - y.b);
  return result;
}
