/**
 * The weighted graph curvature works on: the 1-skeleton of a complex with edge lengths ℓ (the
 * metric d), walk weights w_e (M_1) and vertex masses p_v (data counts), SPEC §8. Values may be
 * exact (`Rational`, `SqrtRational`) or numbers; exact computations need exact values.
 */
import { Rational, SqrtRational, isRational, isSqrtRational } from '@mlgeo/exact-arith';
import { CurvatureInputError } from './errors.js';

/** A length, weight or mass: exact rational, exact r·√q, or a float. */
export type GraphValue = number | Rational | SqrtRational;

export interface WeightedGraph {
  vertexCount: number;
  /** Edges {i, j}, i ≠ j, each listed once. */
  edges: readonly (readonly [number, number])[];
  /** Edge lengths ℓ(e) of the metric (default 1: the hop metric); `Infinity` leaves an edge out. */
  lengths?: readonly GraphValue[];
  /** Walk / Forman edge weights w_e, e.g. M_1 (default 1). */
  weights?: readonly GraphValue[];
  /** Vertex masses p_v, e.g. data counts n_v (default 1; only ratios matter to the walk). */
  masses?: readonly GraphValue[];
  /** The complex's 2-simplices (vertex triples), for augmented Forman and the angle defect. */
  triangles?: readonly (readonly [number, number, number])[];
}

export function toNumber(x: GraphValue): number {
  return typeof x === 'number' ? x : x.toNumber();
}

/** x as a SqrtRational, or undefined for a float that is not meant as exact. */
export function toSqrtRational(x: GraphValue): SqrtRational | undefined {
  if (isSqrtRational(x)) return x;
  if (isRational(x)) return SqrtRational.fromRational(x);
  if (Number.isInteger(x)) return SqrtRational.fromRational(Rational.of(x));
  return undefined;
}

/** Adjacency in CSR form over the edges of finite length. */
export interface Adjacency {
  start: Int32Array;
  /** neighbour vertex */
  target: Int32Array;
  /** index of the edge in `graph.edges` */
  edge: Int32Array;
}

export function validateGraph(g: WeightedGraph): void {
  const n = g.vertexCount;
  if (!Number.isInteger(n) || n < 0)
    throw new CurvatureInputError(
      'BAD_GRAPH',
      `vertexCount ${String(n)} is not a non-negative integer`,
      'graph.vertexCount',
      'pass the number of vertices (cells)',
    );
  g.edges.forEach(([i, j], k) => {
    if (!(
      Number.isInteger(i) &&
      Number.isInteger(j) &&
      i >= 0 &&
      j >= 0 &&
      i < n &&
      j < n &&
      i !== j
    ))
      throw new CurvatureInputError(
        'BAD_GRAPH',
        `edge (${i}, ${j}) is not a pair of distinct vertices below ${n}`,
        `graph.edges[${k}]`,
        'list each edge as [i, j] with 0 ≤ i, j < vertexCount and i ≠ j',
      );
  });
  const seen = new Set<number>();
  g.edges.forEach(([i, j], k) => {
    const key = i < j ? i * n + j : j * n + i;
    if (seen.has(key))
      throw new CurvatureInputError(
        'BAD_GRAPH',
        `edge {${i}, ${j}} is listed twice`,
        `graph.edges[${k}]`,
        'list each edge once',
      );
    seen.add(key);
  });
  const check = (name: 'lengths' | 'weights' | 'masses', count: number, allowInf: boolean) => {
    const values = g[name];
    if (values === undefined) return;
    if (values.length !== count)
      throw new CurvatureInputError(
        'BAD_GRAPH',
        `${values.length} ${name} for ${count} ${name === 'masses' ? 'vertices' : 'edges'}`,
        `graph.${name}`,
        `give one value per ${name === 'masses' ? 'vertex' : 'edge'}`,
      );
    values.forEach((v, k) => {
      const x = toNumber(v);
      if (!(x >= 0) || (!allowInf && !Number.isFinite(x)) || (name === 'lengths' && x === 0))
        throw new CurvatureInputError(
          'BAD_GRAPH',
          `${name}[${k}] = ${String(v)} is not a ${name === 'lengths' ? 'positive length' : 'non-negative finite number'}`,
          `graph.${name}[${k}]`,
          name === 'lengths' ? 'use lengths > 0 (Infinity leaves the edge out)' : 'use values ≥ 0',
        );
    });
  };
  check('lengths', g.edges.length, true);
  check('weights', g.edges.length, false);
  check('masses', n, false);
}

/** CSR adjacency of the edges with finite length. */
export function adjacencyOf(g: WeightedGraph, lengths: ArrayLike<number>): Adjacency {
  const n = g.vertexCount;
  const deg = new Int32Array(n + 1);
  g.edges.forEach(([i, j], e) => {
    if (!Number.isFinite(lengths[e]!)) return;
    deg[i]!++;
    deg[j]!++;
  });
  const start = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) start[v + 1] = start[v]! + deg[v]!;
  const fill = start.slice(0, n);
  const target = new Int32Array(start[n]!);
  const edge = new Int32Array(start[n]!);
  g.edges.forEach(([i, j], e) => {
    if (!Number.isFinite(lengths[e]!)) return;
    target[fill[i]!] = j;
    edge[fill[i]!++] = e;
    target[fill[j]!] = i;
    edge[fill[j]!++] = e;
  });
  return { start, target, edge };
}
