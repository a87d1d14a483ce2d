/**
 * The data-weighted lazy random walk of SPEC §8: m_i(i) = α, and for each neighbour k,
 * m_i(k) = (1 − α) p_k w_ik / Σ_{k'~i} p_{k'} w_ik'; if that sum is 0 the walk uses p ≡ 1 (and
 * uniform weights if the weights sum to 0 too); a vertex without neighbours has m_i = δ_i.
 */
import { Rational, SqrtRational } from '@mlgeo/exact-arith';
import { CurvatureInputError } from './errors.js';
import { toNumber, toSqrtRational, type Adjacency, type GraphValue } from './graph.js';
import { Quadratic } from './transport/quadratic.js';

/** Walks of all vertices in CSR form: support of i = [i, neighbours of i in adjacency order]. */
export interface Walks<T> {
  /** offset of vertex i's walk: start[i] + i (one extra slot, for i itself) */
  offset: Int32Array;
  vertex: Int32Array;
  mass: T[];
}

function supportOffsets(adj: Adjacency): { offset: Int32Array; vertex: Int32Array } {
  const n = adj.start.length - 1;
  const offset = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) offset[i] = adj.start[i]! + i;
  const vertex = new Int32Array(offset[n]!);
  for (let i = 0; i < n; i++) {
    let o = offset[i]!;
    vertex[o++] = i;
    for (let k = adj.start[i]!; k < adj.start[i + 1]!; k++) vertex[o++] = adj.target[k]!;
  }
  return { offset, vertex };
}

/** Float walks, each renormalised to total 1; `defect` is the largest |Σ m_i − 1| before it. */
export function floatWalks(
  adj: Adjacency,
  alpha: number,
  weights: readonly GraphValue[] | undefined,
  masses: readonly GraphValue[] | undefined,
): Walks<number> & { defect: number } {
  const { offset, vertex } = supportOffsets(adj);
  const n = adj.start.length - 1;
  const mass = new Array<number>(vertex.length).fill(0);
  const w = (e: number) => (weights === undefined ? 1 : toNumber(weights[e]!));
  const p = (v: number) => (masses === undefined ? 1 : toNumber(masses[v]!));
  let defect = 0;
  for (let i = 0; i < n; i++) {
    const o = offset[i]!;
    const s0 = adj.start[i]!;
    const s1 = adj.start[i + 1]!;
    if (s0 === s1) {
      mass[o] = 1;
      continue;
    }
    let S = 0;
    for (let k = s0; k < s1; k++) S += p(adj.target[k]!) * w(adj.edge[k]!);
    const mode = S > 0 ? 0 : sumWeights(adj, i, w) > 0 ? 1 : 2;
    if (mode === 1) S = sumWeights(adj, i, w);
    if (mode === 2) S = s1 - s0;
    mass[o] = alpha;
    let total = alpha;
    for (let k = s0; k < s1; k++) {
      const num =
        mode === 0 ? p(adj.target[k]!) * w(adj.edge[k]!) : mode === 1 ? w(adj.edge[k]!) : 1;
      const x = ((1 - alpha) * num) / S;
      mass[o + 1 + k - s0] = x;
      total += x;
    }
    defect = Math.max(defect, Math.abs(total - 1));
    if (total !== 1) for (let k = o; k < o + 1 + s1 - s0; k++) mass[k] = mass[k]! / total;
  }
  return { offset, vertex, mass, defect };
}

function sumWeights(adj: Adjacency, i: number, w: (e: number) => number): number {
  let s = 0;
  for (let k = adj.start[i]!; k < adj.start[i + 1]!; k++) s += w(adj.edge[k]!);
  return s;
}

/** The radicand q of the field Q(√q) holding every weight (1 when all are rational). */
export function commonRadicand(weights: readonly GraphValue[] | undefined): bigint {
  let q = 1n;
  (weights ?? []).forEach((x, e) => {
    const s = exactValue(x, `graph.weights[${e}]`);
    if (s.isZero() || s.q === 1n) return;
    if (q === 1n) q = s.q;
    else if (s.q !== q)
      throw new CurvatureInputError(
        'EXACT_UNSUPPORTED',
        `walk weights with radicands √${q} and √${s.q}: exact W_1 handles one quadratic field`,
        `graph.weights[${e}]`,
        "use weights: 'unit' (rational walk) or the float mode",
      );
  });
  return q;
}

export function exactValue(x: GraphValue, field: string): SqrtRational {
  const s = toSqrtRational(x);
  if (s === undefined)
    throw new CurvatureInputError(
      'EXACT_UNSUPPORTED',
      `${String(x)} is a float, not an exact value`,
      field,
      'pass Rational/SqrtRational values (or integers), or use the float mode',
    );
  return s;
}

/** Exact walks in Q(√q). */
export function exactWalks(
  adj: Adjacency,
  alpha: Rational,
  weights: readonly GraphValue[] | undefined,
  masses: readonly GraphValue[] | undefined,
): Walks<Quadratic> & { q: bigint } {
  const q = commonRadicand(weights);
  const { offset, vertex } = supportOffsets(adj);
  const n = adj.start.length - 1;
  const ONE = Quadratic.rational(Rational.ONE, q);
  const ZERO = Quadratic.rational(Rational.ZERO, q);
  const wq =
    weights === undefined
      ? undefined
      : weights.map((x, e) => Quadratic.fromSqrtRational(exactValue(x, `graph.weights[${e}]`), q));
  const pq =
    masses === undefined
      ? undefined
      : masses.map((x, v) => Quadratic.fromSqrtRational(exactValue(x, `graph.masses[${v}]`), q));
  const w = (e: number) => (wq === undefined ? ONE : wq[e]!);
  const p = (v: number) => (pq === undefined ? ONE : pq[v]!);
  const mass = new Array<Quadratic>(vertex.length).fill(ZERO);
  const rest = Rational.ONE.sub(alpha);
  for (let i = 0; i < n; i++) {
    const o = offset[i]!;
    const s0 = adj.start[i]!;
    const s1 = adj.start[i + 1]!;
    if (s0 === s1) {
      mass[o] = ONE;
      continue;
    }
    const nums: Quadratic[] = [];
    for (let k = s0; k < s1; k++) nums.push(p(adj.target[k]!).mul(w(adj.edge[k]!)));
    let S = nums.reduce((s, x) => s.add(x), ZERO);
    if (S.sign() === 0) {
      nums.length = 0;
      for (let k = s0; k < s1; k++) nums.push(w(adj.edge[k]!));
      S = nums.reduce((s, x) => s.add(x), ZERO);
      if (S.sign() === 0) {
        nums.fill(ONE);
        S = Quadratic.rational(Rational.of(s1 - s0), q);
      }
    }
    mass[o] = Quadratic.rational(alpha, q);
    nums.forEach((x, k) => (mass[o + 1 + k] = x.div(S).scale(rest)));
  }
  return { offset, vertex, mass, q };
}
