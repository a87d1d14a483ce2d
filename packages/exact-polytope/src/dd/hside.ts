/**
 * Vertex enumeration of P = {x : h·(1, x) ≥ 0 for h in ineq, = 0 for h in eq} via the double
 * description of its homogenisation {(t, x) : h·(t, x) ≥ 0, t ≥ 0} (SPEC §3, issue 6).
 *
 * Rays with t > 0 are vertices (divide by t), rays with t = 0 extreme rays, the lineality space
 * gives the lines. Lines are split off first, so the vertices are those of P ∩ L^⊥.
 * Implicit equalities are the rows tight on every ray; a row is a facet iff its set of tight rays
 * is maximal (by inclusion) among the rows' sets, is not the set of the face at infinity t = 0,
 * and is the first row with that set.
 */
import { bareissRank } from '@mlgeo/exact-arith';
import type { IntegerHRep } from '../hrep.js';
import { bitsToList, isSubset, popcount, setBit, wordCount, equalSets } from './bitset.js';
import { enumerateCone, type DDStats, type SignMode } from './cone.js';
import { compareFractions, compareInts } from './order.js';

/** Everything the DD run tells about P, in homogeneous integer form. */
export interface HAnalysis {
  empty: boolean;
  /** Affine dimension of P (−1 when empty). */
  dimension: number;
  /** Homogeneous vertex rays (t > 0), primitive, in the order sorted by x = y'/t. */
  vertexRays: bigint[][];
  /** Extreme rays (t = 0), x-part, primitive, sorted. */
  rays: bigint[][];
  /** Lineality basis, x-part, primitive. */
  lines: bigint[][];
  /** Indices (into ineq) of the irredundant facet rows, increasing. */
  facetRows: number[];
  /** For each facet row, the sorted indices of vertices on it. */
  incidence: number[][];
  /** For each facet row, the sorted indices of rays on it. */
  rayIncidence: number[][];
  /** Independent equality rows (homogeneous) spanning the affine hull's equations. */
  hull: bigint[][];
  stats: DDStats;
}

function emptyAnalysis(stats: DDStats, hull: bigint[][]): HAnalysis {
  return {
    empty: true,
    dimension: -1,
    vertexRays: [],
    rays: [],
    lines: [],
    facetRows: [],
    incidence: [],
    rayIncidence: [],
    hull,
    stats,
  };
}

/** Greedy maximal independent subset of integer rows, in the given order. */
export function independentRows(rows: readonly (readonly bigint[])[]): bigint[][] {
  const out: bigint[][] = [];
  for (const r of rows) {
    if (r.every((x) => x === 0n)) continue;
    const trial = [...out, r];
    if (bareissRank(trial) === trial.length) out.push(r.slice());
  }
  return out;
}

/** Runs the H-side analysis; see the module comment. */
export function analyzeHRep(h: IntegerHRep, mode: SignMode): HAnalysis {
  const n = h.d + 1;
  const m = h.ineq.length;
  const tRow = new Array<bigint>(n).fill(0n);
  tRow[0] = 1n;
  const zeroStats: DDStats = { signTests: 0, exactFallbacks: 0, maxRays: 0, adjacencyTests: 0 };
  if (h.infeasible) return emptyAnalysis(zeroStats, []);
  const cone = enumerateCone({ n, ineq: [...h.ineq, tRow], eq: h.eq, mode });
  const { rays, zeroSets, lineality, stats } = cone;
  const vertexIdx: number[] = [];
  const rayIdx: number[] = [];
  rays.forEach((y, i) => (y[0]! > 0n ? vertexIdx : rayIdx).push(i));
  if (vertexIdx.length === 0) return emptyAnalysis(stats, []);

  // implicit equalities: rows tight on every ray (lines are tight on every row by construction)
  const words = wordCount(m + 1);
  const common = new Uint32Array(words).fill(0xffffffff);
  for (const z of zeroSets) for (let w = 0; w < words; w++) common[w]! &= z[w]!;
  const implicit = bitsToList(common).filter((i) => i < m);
  const hull = independentRows([...h.eq, ...implicit.map((i) => h.ineq[i]!)]);
  const coneDim = n - bareissRank([...h.eq, ...lineality, ...implicit.map((i) => h.ineq[i]!)]);
  const dimension = coneDim - 1 + lineality.length;

  // sort vertices and rays; maps from cone ray index to output index
  vertexIdx.sort((a, b) => compareFractions(rays[a]!, rays[b]!));
  const rayVectors = rayIdx.map((i) => rays[i]!.slice(1));
  const rayOrder = rayIdx
    .map((_, j) => j)
    .sort((a, b) => compareInts(rayVectors[a]!, rayVectors[b]!));
  rayIdx.splice(0, rayIdx.length, ...rayOrder.map((j) => rayIdx[j]!));
  const outIndex = new Int32Array(rays.length);
  vertexIdx.forEach((r, i) => (outIndex[r] = i));
  rayIdx.forEach((r, i) => (outIndex[r] = i));

  // per row: bitset of cone rays tight on it
  const R = rays.length;
  const rw = wordCount(R);
  const rowSets: Uint32Array[] = Array.from({ length: m + 1 }, () => new Uint32Array(rw));
  for (let j = 0; j < R; j++) for (const i of bitsToList(zeroSets[j]!)) setBit(rowSets[i]!, j);

  const implicitSet = new Set(implicit);
  const candidates: { row: number; set: Uint32Array; size: number }[] = [];
  for (let i = 0; i <= m; i++) {
    if (i < m && implicitSet.has(i)) continue;
    const size = popcount(rowSets[i]!);
    if (i < m && size < coneDim - 1) continue; // a facet of C' holds ≥ dim − 1 rays
    candidates.push({ row: i, set: rowSets[i]!, size });
  }
  candidates.sort((a, b) => b.size - a.size || a.row - b.row);
  const maximal: { row: number; set: Uint32Array; size: number }[] = [];
  const tSet = rowSets[m]!;
  const facetRows: number[] = [];
  for (const c of candidates) {
    let dominated = false;
    for (const t of maximal) {
      if (t.size === c.size ? equalSets(t.set, c.set) : isSubset(c.set, t.set)) {
        dominated = true;
        break;
      }
    }
    if (dominated) continue;
    maximal.push(c);
    if (c.row < m && !equalSets(c.set, tSet)) facetRows.push(c.row);
  }
  facetRows.sort((a, b) => a - b);
  // ties: when a row and the t-row share a set, the t-row (index m) sorts last among equal sizes;
  // handle explicitly: drop facet rows whose set equals the face at infinity.
  const facets = facetRows.filter((i) => !equalSets(rowSets[i]!, tSet));
  const isVertex = new Uint8Array(R);
  for (const v of vertexIdx) isVertex[v] = 1;
  const incidence = facets.map((i) =>
    bitsToList(rowSets[i]!)
      .filter((j) => isVertex[j] === 1)
      .map((j) => outIndex[j]!)
      .sort((a, b) => a - b),
  );
  const rayIncidence = facets.map((i) =>
    bitsToList(rowSets[i]!)
      .filter((j) => isVertex[j] === 0)
      .map((j) => outIndex[j]!)
      .sort((a, b) => a - b),
  );
  return {
    empty: false,
    dimension,
    vertexRays: vertexIdx.map((i) => rays[i]!),
    rays: rayIdx.map((i) => rays[i]!.slice(1)),
    lines: lineality.map((l) => l.slice(1)),
    facetRows: facets,
    incidence,
    rayIncidence,
    hull,
    stats,
  };
}
