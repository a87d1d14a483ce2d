/**
 * Statistical Ricci curvature (Ollivier type) of every edge, SPEC §8:
 * κ(e) = 1 − W_1(m_i, m_j) / d(i, j), d the shortest-path metric of the 1-skeleton (not the edge
 * length: a triangle with lengths 10, 1, 1 has d = 2 across its long edge), m the lazy walks.
 *
 * W_1 only depends on m_i − m_j (Kantorovich–Rubinstein: d is a metric), so the common mass is
 * cancelled and the transportation problem runs from the positive to the negative part of the
 * difference. `float` mode solves it in float64; `exact` mode scales rational masses to integers
 * (the problem is totally unimodular: integral flow and integral potentials for integral costs),
 * or works in Q(√q) when the walk weights carry one radicand, and checks every certificate.
 */
import { RadicalSum, Rational, isRational, type RationalLike } from '@mlgeo/exact-arith';
import { CurvatureInputError } from './errors.js';
import { adjacencyOf, toNumber, validateGraph, type WeightedGraph } from './graph.js';
import { LocalDistances } from './shortest-paths.js';
import { bigintRing, checkTransportCertificate, type CheckRing } from './transport/certificate.js';
import {
  bigintAmounts,
  floatAmounts,
  safeIntegerAmounts,
  solveTransport,
} from './transport/network-simplex.js';
import { Quadratic, quadraticAmounts } from './transport/quadratic.js';
import { sinkhornW1, type SinkhornOptions } from './transport/sinkhorn.js';
import { exactValue, exactWalks, floatWalks } from './walk.js';

export interface OllivierOptions {
  /** Laziness α = m_i(i), in [0, 1] (default 1/2). Exact mode needs a rational α. */
  alpha?: RationalLike;
  /**
   * `float` (default), `exact` (certified W_1; rational lengths and exact weights/masses), or
   * `sinkhorn`: explicitly approximate entropic transport, reported with bounds (`bounds`).
   */
  mode?: 'float' | 'exact' | 'sinkhorn';
  /** Options of the `sinkhorn` mode. */
  sinkhorn?: SinkhornOptions;
  /** Keep each edge's transportation problem and certificate (exact mode), for re-checking. */
  keepCertificates?: boolean;
}

/** The transportation problem of one edge with its certificate (exact mode). */
export type EdgeTransport =
  | {
      kind: 'integer';
      /** supplies (positive part of m_i − m_j), demands (negative part), × `scale` */
      a: bigint[];
      b: bigint[];
      /** integer costs c = d · `lengthScale`, row-major |a| × |b| */
      cost: number[];
      flow: [number, number, bigint][];
      u: number[];
      v: number[];
      total: bigint;
      /** masses are integers / scale */
      scale: bigint;
      lengthScale: bigint;
    }
  | {
      kind: 'quadratic';
      q: bigint;
      a: Quadratic[];
      b: Quadratic[];
      cost: number[];
      flow: [number, number, Quadratic][];
      u: number[];
      v: number[];
      total: Quadratic;
      lengthScale: bigint;
    };

export interface OllivierResult {
  /** κ per edge, in the order of `graph.edges` (NaN for an edge of infinite length). */
  kappa: number[];
  /** W_1(m_i, m_j) per edge. */
  w1: number[];
  /** d(i, j) per edge (shortest-path distance). */
  distance: number[];
  /** Largest |Σ m_i − 1| of a float walk before renormalisation (0 in exact mode). */
  massDefect: number;
  /** Exact mode: exact κ and W_1 (null for an edge of infinite length); all certified. */
  exact?: { kappa: (RadicalSum | null)[]; w1: (RadicalSum | null)[]; certified: number };
  certificates?: (EdgeTransport | null)[];
  /**
   * `sinkhorn` mode: per edge [lower, upper] bounds on W_1 and on κ (valid up to float rounding);
   * `w1` is their midpoint, so the error is at most half the width.
   */
  bounds?: { w1: [number, number][]; kappa: [number, number][] };
}

const HALF = Rational.of(1n, 2n);

function readAlpha(alpha: RationalLike | undefined, exact: boolean): Rational | number {
  if (alpha === undefined) return exact ? HALF : 0.5;
  const bad = () =>
    new CurvatureInputError(
      'BAD_OPTION',
      `α = ${String(alpha)} is not in [0, 1]`,
      'options.alpha',
      'choose the laziness α with 0 ≤ α ≤ 1 (default 1/2)',
    );
  let r: Rational;
  try {
    r = isRational(alpha) ? alpha : Rational.from(alpha);
  } catch {
    throw bad();
  }
  if (r.sign() < 0 || r.gt(Rational.ONE)) throw bad();
  return exact ? r : r.toNumber();
}

/** Ollivier–Ricci curvature of every edge of `graph`. */
export function ollivierCurvature(
  graph: WeightedGraph,
  options: OllivierOptions = {},
): OllivierResult {
  validateGraph(graph);
  const mode = options.mode ?? 'float';
  if (mode !== 'float' && mode !== 'exact' && mode !== 'sinkhorn')
    throw new CurvatureInputError(
      'BAD_OPTION',
      `unknown mode "${String(mode)}"`,
      'options.mode',
      "use 'float', 'exact' or 'sinkhorn'",
    );
  return mode === 'exact'
    ? exactOllivier(graph, readAlpha(options.alpha, true) as Rational, options)
    : floatOllivier(
        graph,
        readAlpha(options.alpha, false) as number,
        mode === 'sinkhorn' ? (options.sinkhorn ?? {}) : undefined,
      );
}

function floatLengths(graph: WeightedGraph): { lengths: Float64Array; unit: boolean } {
  const m = graph.edges.length;
  const lengths = new Float64Array(m);
  let unit = true;
  for (let e = 0; e < m; e++) {
    const x = graph.lengths === undefined ? 1 : toNumber(graph.lengths[e]!);
    lengths[e] = x;
    if (x !== 1 && x !== Infinity) unit = false;
  }
  return { lengths, unit };
}

/** Scratch space for the signed difference m_i − m_j on the union of two supports. */
class Difference {
  readonly slot: Int32Array;
  readonly verts: number[] = [];
  constructor(n: number) {
    this.slot = new Int32Array(n).fill(-1);
  }
}

function floatOllivier(
  graph: WeightedGraph,
  alpha: number,
  sinkhorn: SinkhornOptions | undefined,
): OllivierResult {
  const bounds: NonNullable<OllivierResult['bounds']> = { w1: [], kappa: [] };
  const { lengths, unit } = floatLengths(graph);
  const adj = adjacencyOf(graph, lengths);
  const walks = floatWalks(adj, alpha, graph.weights, graph.masses);
  const search = new LocalDistances(adj, lengths, unit);
  const m = graph.edges.length;
  const kappa = new Array<number>(m);
  const w1 = new Array<number>(m);
  const distance = new Array<number>(m);
  const diff = new Difference(graph.vertexCount);
  const val: number[] = [];
  const P: number[] = [];
  const Q: number[] = [];
  const a: number[] = [];
  const b: number[] = [];
  const row = new Float64Array(graph.vertexCount > 0 ? graph.vertexCount : 1);
  const one = [0];
  let cost = new Float64Array(64);
  for (let e = 0; e < m; e++) {
    const [i, j] = graph.edges[e]!;
    if (!Number.isFinite(lengths[e]!)) {
      kappa[e] = w1[e] = distance[e] = NaN;
      bounds.w1[e] = bounds.kappa[e] = [NaN, NaN];
      continue;
    }
    one[0] = j;
    search.from(i, one, row);
    const dij = row[0]!;
    distance[e] = dij;
    // m_i − m_j
    const { slot, verts } = diff;
    verts.length = 0;
    val.length = 0;
    for (let k = walks.offset[i]!; k < walks.offset[i + 1]!; k++) {
      const x = walks.vertex[k]!;
      slot[x] = verts.length;
      verts.push(x);
      val.push(walks.mass[k]!);
    }
    for (let k = walks.offset[j]!; k < walks.offset[j + 1]!; k++) {
      const y = walks.vertex[k]!;
      const s = slot[y]!;
      if (s >= 0) val[s] = val[s]! - walks.mass[k]!;
      else {
        slot[y] = verts.length;
        verts.push(y);
        val.push(-walks.mass[k]!);
      }
    }
    P.length = Q.length = a.length = b.length = 0;
    for (let s = 0; s < verts.length; s++) {
      slot[verts[s]!] = -1;
      const x = val[s]!;
      if (x > 0) {
        P.push(verts[s]!);
        a.push(x);
      } else if (x < 0) {
        Q.push(verts[s]!);
        b.push(-x);
      }
    }
    let W = 0;
    if (P.length > 0 && Q.length > 0) {
      if (cost.length < P.length * Q.length) cost = new Float64Array(P.length * Q.length * 2);
      const maxCost = fillCosts(search, P, Q, row, cost, e, i, j);
      if (sinkhorn === undefined)
        W = solveTransport(floatAmounts, a, b, cost, maxCost * 1e-12).cost;
      else {
        const { lower, upper } = sinkhornW1(a, b, cost, sinkhorn);
        bounds.w1[e] = [lower, upper];
        bounds.kappa[e] = [1 - upper / dij, 1 - lower / dij];
        W = (lower + upper) / 2;
      }
    } else if (sinkhorn !== undefined) {
      bounds.w1[e] = [0, 0];
      bounds.kappa[e] = [1, 1];
    }
    w1[e] = W;
    kappa[e] = 1 - W / dij;
  }
  const result: OllivierResult = { kappa, w1, distance, massDefect: walks.defect };
  if (sinkhorn !== undefined) result.bounds = bounds;
  return result;
}

/**
 * The |P|×|Q| transport costs d(p, q) (row-major into `cost`) by one local search per source;
 * returns the largest. An unreachable pair means the edge (i, j) is disconnected.
 */
function fillCosts(
  search: LocalDistances,
  P: readonly number[],
  Q: readonly number[],
  row: Float64Array,
  cost: { [k: number]: number },
  e: number,
  i: number,
  j: number,
): number {
  let maxCost = 0;
  for (let r = 0; r < P.length; r++) {
    search.from(P[r]!, Q, row);
    for (let c = 0; c < Q.length; c++) {
      const d = row[c]!;
      if (d === Infinity) throw disconnected(e, i, j);
      cost[r * Q.length + c] = d;
      if (d > maxCost) maxCost = d;
    }
  }
  return maxCost;
}

function disconnected(e: number, i: number, j: number): CurvatureInputError {
  return new CurvatureInputError(
    'DISCONNECTED',
    `the supports of the walks of ${i} and ${j} are not connected by finite lengths`,
    `graph.edges[${e}]`,
    'check the edge lengths (Infinity leaves an edge out of the metric)',
  );
}

/** Integer lengths: exact rational lengths times the least common denominator. */
function integerLengths(graph: WeightedGraph): {
  lengths: Float64Array;
  scale: bigint;
  unit: boolean;
} {
  const m = graph.edges.length;
  const exact: (Rational | null)[] = [];
  let scale = 1n;
  for (let e = 0; e < m; e++) {
    const x = graph.lengths === undefined ? 1 : graph.lengths[e]!;
    if (x === Infinity) {
      exact.push(null);
      continue;
    }
    const s = exactValue(x, `graph.lengths[${e}]`);
    const r = s.toRational();
    if (r === undefined)
      throw new CurvatureInputError(
        'EXACT_UNSUPPORTED',
        `length ${s.toString()} is irrational: the exact W_1 needs rational lengths`,
        `graph.lengths[${e}]`,
        "use edge lengths 'unit' for the exact mode, or the float mode",
      );
    exact.push(r);
    scale = lcm(scale, r.den);
  }
  const lengths = new Float64Array(m);
  let unit = true;
  exact.forEach((r, e) => {
    if (r === null) {
      lengths[e] = Infinity;
      return;
    }
    const v = r.num * (scale / r.den);
    if (v > BigInt(Number.MAX_SAFE_INTEGER) / BigInt(Math.max(1, graph.vertexCount)))
      throw new CurvatureInputError(
        'EXACT_UNSUPPORTED',
        `length ${r.toString()} needs a scale beyond 2^53 for integer paths`,
        `graph.lengths[${e}]`,
        'use lengths with smaller denominators, or the float mode',
      );
    lengths[e] = Number(v);
    if (v !== 1n) unit = false;
  });
  return { lengths, scale, unit };
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}
function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function exactOllivier(
  graph: WeightedGraph,
  alpha: Rational,
  options: OllivierOptions,
): OllivierResult {
  const { lengths, scale: lengthScale, unit } = integerLengths(graph);
  const adj = adjacencyOf(graph, lengths);
  const walks = exactWalks(adj, alpha, graph.weights, graph.masses);
  const q = walks.q;
  const search = new LocalDistances(adj, lengths, unit);
  const m = graph.edges.length;
  const kappa: number[] = new Array<number>(m);
  const w1: number[] = new Array<number>(m);
  const distance: number[] = new Array<number>(m);
  const exactKappa: (RadicalSum | null)[] = [];
  const exactW1: (RadicalSum | null)[] = [];
  const certificates: (EdgeTransport | null)[] = [];
  let certified = 0;
  // rational walks: integer numerators over a denominator per vertex
  const rational = walks.mass.every((x) => x.isRational());
  const den: bigint[] = [];
  const num: bigint[] = new Array<bigint>(walks.mass.length);
  if (rational)
    for (let i = 0; i < graph.vertexCount; i++) {
      let D = 1n;
      for (let k = walks.offset[i]!; k < walks.offset[i + 1]!; k++)
        D = lcm(D, walks.mass[k]!.a.den);
      den.push(D);
      for (let k = walks.offset[i]!; k < walks.offset[i + 1]!; k++) {
        const r = walks.mass[k]!.a;
        num[k] = r.num * (D / r.den);
      }
    }
  const diff = new Difference(graph.vertexCount);
  const row = new Float64Array(Math.max(1, graph.vertexCount));
  const qRing = quadraticRing(q);
  for (let e = 0; e < m; e++) {
    const [i, j] = graph.edges[e]!;
    if (!Number.isFinite(lengths[e]!)) {
      kappa[e] = w1[e] = distance[e] = NaN;
      exactKappa.push(null);
      exactW1.push(null);
      certificates.push(null);
      continue;
    }
    search.from(i, [j], row);
    const dInt = row[0]!;
    distance[e] = Number(dInt) / Number(lengthScale);
    const { slot, verts } = diff;
    verts.length = 0;
    // signed difference, in integers (scaled by L = lcm(D_i, D_j)) or in Q(√q)
    const L = rational ? lcm(den[i]!, den[j]!) : 1n;
    const vi: bigint[] = [];
    const vq: Quadratic[] = [];
    for (let k = walks.offset[i]!; k < walks.offset[i + 1]!; k++) {
      const x = walks.vertex[k]!;
      slot[x] = verts.length;
      verts.push(x);
      if (rational) vi.push(num[k]! * (L / den[i]!));
      else vq.push(walks.mass[k]!);
    }
    for (let k = walks.offset[j]!; k < walks.offset[j + 1]!; k++) {
      const y = walks.vertex[k]!;
      const s = slot[y]!;
      if (s < 0) {
        slot[y] = verts.length;
        verts.push(y);
        if (rational) vi.push(0n);
        else vq.push(Quadratic.rational(Rational.ZERO, q));
      }
      const t = slot[y]!;
      if (rational) vi[t] = vi[t]! - num[k]! * (L / den[j]!);
      else vq[t] = vq[t]!.sub(walks.mass[k]!);
    }
    const P: number[] = [];
    const Q: number[] = [];
    const ai: bigint[] = [];
    const bi: bigint[] = [];
    const aq: Quadratic[] = [];
    const bq: Quadratic[] = [];
    for (let s = 0; s < verts.length; s++) {
      slot[verts[s]!] = -1;
      const sg = rational ? Math.sign(Number(vi[s]!)) : vq[s]!.sign();
      if (sg > 0) {
        P.push(verts[s]!);
        if (rational) ai.push(vi[s]!);
        else aq.push(vq[s]!);
      } else if (sg < 0) {
        Q.push(verts[s]!);
        if (rational) bi.push(-vi[s]!);
        else bq.push(vq[s]!.scale(Rational.MINUS_ONE));
      }
    }
    const cost: number[] = new Array<number>(P.length * Q.length);
    const maxCost = fillCosts(search, P, Q, row, cost, e, i, j);
    let W: Rational | Quadratic;
    let cert: EdgeTransport;
    const dq = Rational.of(BigInt(dInt));
    if (rational) {
      let total: bigint;
      let flow: [number, number, bigint][];
      let u: number[];
      let v: number[];
      if (P.length === 0) {
        total = 0n;
        flow = [];
        u = [];
        v = [];
      } else if (L * BigInt(Math.max(1, maxCost)) <= SAFE) {
        const sol = solveTransport(safeIntegerAmounts, ai.map(Number), bi.map(Number), cost);
        total = BigInt(sol.cost);
        flow = sol.flow.map(([r, c, f]) => [r, c, BigInt(f)]);
        u = sol.u;
        v = sol.v;
      } else {
        const sol = solveTransport(bigintAmounts, ai, bi, cost);
        total = sol.cost;
        flow = sol.flow;
        u = sol.u;
        v = sol.v;
      }
      cert = { kind: 'integer', a: ai, b: bi, cost, flow, u, v, total, scale: L, lengthScale };
      const failure = checkTransportCertificate(bigintRing, ai, bi, cost, {
        flow,
        u,
        v,
        cost: total,
      });
      if (failure !== null) throw new Error(`internal: W_1 certificate of edge ${e}: ${failure}`);
      // W_1 = total / (L · lengthScale); κ = 1 − total / (L · dInt)
      W = Rational.of(total, L * lengthScale);
      const k = Rational.ONE.sub(Rational.of(total, L).div(dq));
      exactKappa.push(RadicalSum.of(k));
      kappa[e] = k.toNumber();
    } else {
      const A = quadraticAmounts(q);
      const sol =
        P.length === 0
          ? { cost: A.zero, flow: [] as [number, number, Quadratic][], u: [], v: [] }
          : solveTransport(A, aq, bq, cost);
      cert = {
        kind: 'quadratic',
        q,
        a: aq,
        b: bq,
        cost,
        flow: sol.flow,
        u: sol.u,
        v: sol.v,
        total: sol.cost,
        lengthScale,
      };
      const failure = checkTransportCertificate(qRing, aq, bq, cost, {
        flow: sol.flow,
        u: sol.u,
        v: sol.v,
        cost: sol.cost,
      });
      if (failure !== null) throw new Error(`internal: W_1 certificate of edge ${e}: ${failure}`);
      W = sol.cost.scale(Rational.of(1n, lengthScale));
      const k = Quadratic.rational(Rational.ONE, q).sub(sol.cost.scale(dq.inv()));
      exactKappa.push(k.toRadicalSum());
      kappa[e] = k.toNumber();
    }
    certified++;
    w1[e] = W.toNumber();
    exactW1.push(W instanceof Quadratic ? W.toRadicalSum() : RadicalSum.of(W));
    certificates.push(cert);
  }
  const result: OllivierResult = {
    kappa,
    w1,
    distance,
    massDefect: 0,
    exact: { kappa: exactKappa, w1: exactW1, certified },
  };
  if (options.keepCertificates === true) result.certificates = certificates;
  return result;
}

/** Q(√q) as the checker's ring. */
export function quadraticRing(q: bigint): CheckRing<Quadratic> {
  return {
    zero: Quadratic.rational(Rational.ZERO, q),
    add: (x, y) => x.add(y),
    sub: (x, y) => x.sub(y),
    times: (x, k) => x.scale(Rational.fromBigInt(k)),
    sign: (x) => x.sign(),
  };
}
