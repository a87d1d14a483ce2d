/**
 * Forman–Ricci curvature of every edge (float), SPEC §8.
 *
 * - `weighted` (default): with vertex weights w_v and edge weights w_e (M_1),
 *   F(e) = w_u + w_v − Σ_{e'∋u, e'≠e} w_u √(w_e/w_e') − Σ_{e'∋v, e'≠e} w_v √(w_e/w_e').
 * - `augmented`: Forman's formula on the 2-complex (2-simplices f with weights w_f, the complex's
 *   M_2, so T-junction triangles count): an edge e' sharing a vertex with e is *parallel* to it
 *   unless both lie in a common 2-simplex, and
 *   F#(e) = w_u + w_v + Σ_{f ⊃ e} w_e²/w_f − Σ over parallel e' at u of w_u √(w_e/w_e') − (same at v).
 *   With all weights 1 this is 4 − deg u − deg v + 3·t(e), t(e) the 2-simplices on e.
 * - `balanced`: Balanced Forman curvature of Topping et al. (ICLR 2022) on the unweighted graph:
 *   2/d_i + 2/d_j − 2 + 2t/max(d_i, d_j) + t/min(d_i, d_j) + (#□^i + #□^j)/(γ_max·max(d_i, d_j)),
 *   t the triangles of the graph on {i, j}, #□^i the neighbours k of i outside the closed
 *   neighbourhood of j that close a 4-cycle i–k–w–j without diagonal (w ∉ closed neighbourhood of
 *   i), γ_max the largest number of such 4-cycles through one node k (or w); 0 when
 *   min(d_i, d_j) = 1, and the 4-cycle term is 0 when there is none.
 * Edges of weight 0 or of infinite length are left out: their curvature is NaN.
 */
import { CurvatureInputError } from './errors.js';
import { toNumber, validateGraph, type WeightedGraph } from './graph.js';

export interface FormanOptions {
  variant?: 'weighted' | 'augmented' | 'balanced';
  /**
   * Vertex weights w_v. Default: the masses normalised to sum 1 (p_v = n_v / n, SPEC §8
   * `vertexWeight: mass`), or 1 for every vertex when the graph has no masses.
   */
  vertexWeights?: readonly number[];
  /** Weights w_f of `graph.triangles` for `augmented` (default 1, the M_2 of a 2-D complex). */
  triangleWeights?: readonly number[];
}

interface Incidence {
  start: Int32Array;
  edge: Int32Array;
  other: Int32Array;
}

function incidence(
  n: number,
  edges: readonly (readonly [number, number])[],
  live: Uint8Array,
): Incidence {
  const deg = new Int32Array(n);
  edges.forEach(([i, j], e) => {
    if (live[e] === 0) return;
    deg[i]!++;
    deg[j]!++;
  });
  const start = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) start[v + 1] = start[v]! + deg[v]!;
  const fill = start.slice(0, n);
  const edge = new Int32Array(start[n]!);
  const other = new Int32Array(start[n]!);
  edges.forEach(([i, j], e) => {
    if (live[e] === 0) return;
    edge[fill[i]!] = e;
    other[fill[i]!++] = j;
    edge[fill[j]!] = e;
    other[fill[j]!++] = i;
  });
  return { start, edge, other };
}

/** Forman–Ricci curvature per edge, in the order of `graph.edges`. */
export function formanCurvature(graph: WeightedGraph, options: FormanOptions = {}): number[] {
  validateGraph(graph);
  const variant = options.variant ?? 'weighted';
  if (variant !== 'weighted' && variant !== 'augmented' && variant !== 'balanced')
    throw new CurvatureInputError(
      'BAD_OPTION',
      `unknown Forman variant "${String(variant)}"`,
      'options.variant',
      "use 'weighted', 'augmented' or 'balanced'",
    );
  const n = graph.vertexCount;
  const m = graph.edges.length;
  const w = new Float64Array(m);
  const live = new Uint8Array(m);
  for (let e = 0; e < m; e++) {
    w[e] = graph.weights === undefined ? 1 : toNumber(graph.weights[e]!);
    const len = graph.lengths === undefined ? 1 : toNumber(graph.lengths[e]!);
    live[e] = w[e]! > 0 && Number.isFinite(len) ? 1 : 0;
  }
  const inc = incidence(n, graph.edges, live);
  if (variant === 'balanced') return balancedForman(graph, inc, live);
  const wv = vertexWeights(graph, options.vertexWeights);
  const out = new Array<number>(m).fill(NaN);
  // augmented: 2-simplices per edge, and for each vertex pair the edges sharing a 2-simplex
  const faceTerm = new Float64Array(m);
  const coFace = new Map<number, Set<number>>();
  if (variant === 'augmented') {
    const edgeIndex = new Map<number, number>();
    graph.edges.forEach(([i, j], e) => edgeIndex.set(key(i, j, n), e));
    (graph.triangles ?? []).forEach((t, f) => {
      const wf = options.triangleWeights === undefined ? 1 : options.triangleWeights[f]!;
      const es = [key(t[0], t[1], n), key(t[0], t[2], n), key(t[1], t[2], n)].map((k) =>
        edgeIndex.get(k),
      );
      if (es.some((e) => e === undefined))
        throw new CurvatureInputError(
          'BAD_GRAPH',
          `triangle (${t.join(', ')}) has a side that is not an edge`,
          `graph.triangles[${f}]`,
          'list only triangles whose three sides are edges of the graph',
        );
      if (!(wf > 0)) return;
      for (const e of es as number[]) {
        faceTerm[e] = faceTerm[e]! + (w[e]! * w[e]!) / wf;
        for (const e2 of es as number[]) if (e2 !== e) (coFace.get(e) ?? setNew(coFace, e)).add(e2);
      }
    });
  }
  for (let e = 0; e < m; e++) {
    if (live[e] === 0) continue;
    const [u, v] = graph.edges[e]!;
    const we = w[e]!;
    let F = wv[u]! + wv[v]! + faceTerm[e]!;
    const shared = coFace.get(e);
    for (const x of [u, v]) {
      let s = 0;
      for (let k = inc.start[x]!; k < inc.start[x + 1]!; k++) {
        const e2 = inc.edge[k]!;
        if (e2 === e || shared?.has(e2) === true) continue;
        s += Math.sqrt(we / w[e2]!);
      }
      F -= wv[x]! * s;
    }
    out[e] = F;
  }
  return out;
}

function setNew(map: Map<number, Set<number>>, k: number): Set<number> {
  const s = new Set<number>();
  map.set(k, s);
  return s;
}

function key(i: number, j: number, n: number): number {
  return i < j ? i * n + j : j * n + i;
}

function vertexWeights(graph: WeightedGraph, given: readonly number[] | undefined): Float64Array {
  const n = graph.vertexCount;
  if (given !== undefined) {
    if (given.length !== n || !given.every((x) => x >= 0 && Number.isFinite(x)))
      throw new CurvatureInputError(
        'BAD_OPTION',
        `vertexWeights needs ${n} finite values ≥ 0`,
        'options.vertexWeights',
        'give one weight per vertex',
      );
    return Float64Array.from(given);
  }
  if (graph.masses === undefined) return new Float64Array(n).fill(1);
  const p = Float64Array.from(graph.masses, toNumber);
  const total = p.reduce((s, x) => s + x, 0);
  if (total > 0) for (let v = 0; v < n; v++) p[v] = p[v]! / total;
  return p;
}

function balancedForman(graph: WeightedGraph, inc: Incidence, live: Uint8Array): number[] {
  const n = graph.vertexCount;
  const m = graph.edges.length;
  const out = new Array<number>(m).fill(NaN);
  // stamps: nbrI[x] === stamp iff x ~ i; nbrJ likewise
  const nbrI = new Int32Array(n).fill(-1);
  const nbrJ = new Int32Array(n).fill(-1);
  for (let e = 0; e < m; e++) {
    if (live[e] === 0) continue;
    const [i, j] = graph.edges[e]!;
    const di = inc.start[i + 1]! - inc.start[i]!;
    const dj = inc.start[j + 1]! - inc.start[j]!;
    if (Math.min(di, dj) <= 1) {
      out[e] = 0;
      continue;
    }
    for (let k = inc.start[i]!; k < inc.start[i + 1]!; k++) nbrI[inc.other[k]!] = e;
    for (let k = inc.start[j]!; k < inc.start[j + 1]!; k++) nbrJ[inc.other[k]!] = e;
    let triangles = 0;
    for (let k = inc.start[i]!; k < inc.start[i + 1]!; k++)
      if (nbrJ[inc.other[k]!] === e) triangles++;
    // 4-cycles i–k–w–j: k ~ i, k ∉ B1(j); w ~ k, w ~ j, w ∉ B1(i)
    let gammaMax = 0;
    const side = (a: number, b: number, nbrA: Int32Array, nbrB: Int32Array): number => {
      let count = 0;
      for (let k = inc.start[a]!; k < inc.start[a + 1]!; k++) {
        const x = inc.other[k]!;
        if (x === b || nbrB[x] === e) continue;
        let c = 0;
        for (let l = inc.start[x]!; l < inc.start[x + 1]!; l++) {
          const y = inc.other[l]!;
          if (y !== a && nbrB[y] === e && nbrA[y] !== e) c++;
        }
        if (c > 0) {
          count++;
          if (c > gammaMax) gammaMax = c;
        }
      }
      return count;
    };
    const squaresI = side(i, j, nbrI, nbrJ);
    const squaresJ = side(j, i, nbrJ, nbrI);
    const dmax = Math.max(di, dj);
    const dmin = Math.min(di, dj);
    let F = 2 / di + 2 / dj - 2 + (2 * triangles) / dmax + triangles / dmin;
    if (gammaMax > 0) F += (squaresI + squaresJ) / (gammaMax * dmax);
    out[e] = F;
  }
  return out;
}
