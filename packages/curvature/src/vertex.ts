/**
 * Vertex curvature, SPEC §8: κ(v) = Σ_{e∋v} κ(e) M_1(e) / Σ_{e∋v} M_1(e) (null for a vertex
 * without edges), the sum variant Σ_{e∋v} κ(e), and the angle defect of a 2-D complex.
 */
import { CurvatureInputError } from './errors.js';
import { toNumber, type WeightedGraph } from './graph.js';

export interface VertexCurvatureOptions {
  /** `mean` (default): M_1-weighted mean; `sum`: Σ_{e∋v} κ(e). */
  aggregate?: 'mean' | 'sum';
}

/** Vertex curvature from edge curvatures `kappa` (NaN edges are skipped). */
export function vertexCurvature(
  graph: WeightedGraph,
  kappa: readonly number[],
  options: VertexCurvatureOptions = {},
): (number | null)[] {
  const aggregate = options.aggregate ?? 'mean';
  if (aggregate !== 'mean' && aggregate !== 'sum')
    throw new CurvatureInputError(
      'BAD_OPTION',
      `unknown aggregate "${String(aggregate)}"`,
      'options.aggregate',
      "use 'mean' or 'sum'",
    );
  const num = new Float64Array(graph.vertexCount);
  const den = new Float64Array(graph.vertexCount);
  const seen = new Uint8Array(graph.vertexCount);
  graph.edges.forEach(([i, j], e) => {
    const k = kappa[e]!;
    if (Number.isNaN(k)) return;
    const w =
      aggregate === 'sum' ? 1 : graph.weights === undefined ? 1 : toNumber(graph.weights[e]!);
    for (const v of [i, j]) {
      seen[v] = 1;
      num[v] = num[v]! + k * w;
      den[v] = den[v]! + w;
    }
  });
  return Array.from(num, (x, v) =>
    seen[v] === 0 ? null : aggregate === 'sum' ? x : den[v]! > 0 ? x / den[v]! : null,
  );
}

/**
 * Angle defect of a 2-D complex: the angles at v of its triangles from the law of cosines on the
 * edge lengths ℓ; κ(v) = 2π − Σ angles inside X, π − Σ angles for a vertex touching ∂X.
 */
export function angleDefect(graph: WeightedGraph, boundary: readonly boolean[]): number[] {
  const n = graph.vertexCount;
  const len = new Map<number, number>();
  graph.edges.forEach(([i, j], e) => {
    len.set(
      i < j ? i * n + j : j * n + i,
      graph.lengths === undefined ? 1 : toNumber(graph.lengths[e]!),
    );
  });
  const L = (i: number, j: number) => len.get(i < j ? i * n + j : j * n + i) ?? NaN;
  const sum = new Float64Array(n);
  for (const [a, b, c] of graph.triangles ?? []) {
    const ab = L(a, b);
    const ac = L(a, c);
    const bc = L(b, c);
    const angle = (x: number, y: number, opposite: number) =>
      Math.acos(Math.min(1, Math.max(-1, (x * x + y * y - opposite * opposite) / (2 * x * y))));
    sum[a] = sum[a]! + angle(ab, ac, bc);
    sum[b] = sum[b]! + angle(ab, bc, ac);
    sum[c] = sum[c]! + angle(ac, bc, ab);
  }
  return Array.from(sum, (s, v) => (boundary[v] === true ? Math.PI : 2 * Math.PI) - s);
}
