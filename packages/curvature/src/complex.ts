/**
 * Curvature of a Riemannian complex (`@mlgeo/riemannian-complex`) with the data counts of its
 * cells, SPEC §8: the 1-skeleton with the lengths and M_1 weights of one edge-length option
 * (`unit` by default: the hop metric), and the cell masses p_i = n_i / n.
 */
import type { ComplexOptions, RiemannianComplex } from '@mlgeo/riemannian-complex';
import { CurvatureInputError } from './errors.js';
import { formanCurvature, type FormanOptions } from './forman.js';
import type { WeightedGraph } from './graph.js';
import { ollivierCurvature, type OllivierOptions, type OllivierResult } from './ollivier.js';
import { angleDefect, vertexCurvature, type VertexCurvatureOptions } from './vertex.js';

export interface ComplexCurvatureOptions {
  /** Edge lengths of the metric d and of the M_1 weights (default `'unit'`, the hop metric). */
  edgeLength?: ComplexOptions['edgeLength'];
  /** Walk weights w_ik: `'metric'` (default: M_1 under `edgeLength`) or `'unit'` (w = 1). */
  weights?: 'metric' | 'unit';
}

/** The complex as a weighted graph: lengths ℓ, weights M_1, masses n_i, 2-simplices. */
export function curvatureGraph(
  complex: RiemannianComplex,
  options: ComplexCurvatureOptions = {},
): WeightedGraph & { triangleWeights: number[] } {
  const counts = complex.cells.map((c, i) => {
    const n = c.dataCount;
    if (n === undefined || !Number.isInteger(n) || n < 0)
      throw new CurvatureInputError(
        'DATA_COUNT_MISSING',
        `cell ${i} (${c.label}) has no data count`,
        `complex.cells[${i}].dataCount`,
        'build the complex from a partition whose cells carry dataCount (the points in each cell)',
      );
    return n;
  });
  const weights = options.weights ?? 'metric';
  if (weights !== 'metric' && weights !== 'unit')
    throw new CurvatureInputError(
      'BAD_OPTION',
      `unknown weights "${String(weights)}"`,
      'options.weights',
      "use 'metric' (M_1) or 'unit'",
    );
  const metric = complex.metricFor(options.edgeLength ?? 'unit');
  const edges = (complex.simplices[1] ?? []).map(([i, j]) => [i!, j!] as [number, number]);
  const triangles = (complex.simplices[2] ?? []).map(
    ([a, b, c]) => [a!, b!, c!] as [number, number, number],
  );
  const m2 = metric.M[2] ?? [];
  return {
    vertexCount: complex.cells.length,
    edges,
    lengths: metric.edgeLengths,
    ...(weights === 'metric' ? { weights: metric.M1 } : {}),
    masses: counts,
    triangles,
    triangleWeights: triangles.map((_, f) => {
      const w = m2[f];
      return w === undefined ? 1 : typeof w === 'number' ? w : w.toNumber();
    }),
  };
}

/** Ollivier curvature of every edge of the complex (order of `complex.simplices[1]`). */
export function complexOllivier(
  complex: RiemannianComplex,
  options: ComplexCurvatureOptions & OllivierOptions = {},
): OllivierResult {
  return ollivierCurvature(curvatureGraph(complex, options), options);
}

/**
 * Forman curvature of every edge of the complex; vertex weights `mass` (p_i, default) or
 * `volume` (vol_d C_i); `augmented` uses the complex's 2-simplices with weights M_2.
 */
export function complexForman(
  complex: RiemannianComplex,
  options: ComplexCurvatureOptions &
    Omit<FormanOptions, 'vertexWeights' | 'triangleWeights'> & {
      vertexWeight?: 'mass' | 'volume';
    } = {},
): number[] {
  const g = curvatureGraph(complex, options);
  const vertexWeight = options.vertexWeight ?? 'mass';
  if (vertexWeight !== 'mass' && vertexWeight !== 'volume')
    throw new CurvatureInputError(
      'BAD_OPTION',
      `unknown vertexWeight "${String(vertexWeight)}"`,
      'options.vertexWeight',
      "use 'mass' (p_i = n_i / n) or 'volume'",
    );
  const opts: FormanOptions = { triangleWeights: g.triangleWeights };
  if (options.variant !== undefined) opts.variant = options.variant;
  if (vertexWeight === 'volume') opts.vertexWeights = complex.cells.map((c) => c.volume.toNumber());
  return formanCurvature(g, opts);
}

/** Whether each cell touches ∂X: its facets' total area exceeds that of its shared faces. */
export function touchesBoundary(complex: RiemannianComplex): boolean[] {
  const shared = new Float64Array(complex.cells.length);
  for (const f of complex.sharedFaces) {
    const a = f.volume.toNumber();
    shared[f.i] = shared[f.i]! + a;
    shared[f.j] = shared[f.j]! + a;
  }
  return complex.cells.map((c, i) => {
    const total = c.facetAreas.reduce((s, x) => s + x.toNumber(), 0);
    return total - shared[i]! > 1e-9 * Math.max(1, total);
  });
}

/**
 * Vertex curvature of the complex: the M_1-weighted mean (or sum) of the Ollivier curvature of
 * the cell's edges, or with `defect` (d = 2) the angle defect of the complex's triangles.
 */
export function complexVertexCurvature(
  complex: RiemannianComplex,
  options: ComplexCurvatureOptions &
    OllivierOptions &
    Omit<VertexCurvatureOptions, 'weights'> & { method?: 'ollivier' | 'defect' } = {},
): (number | null)[] {
  const g = curvatureGraph(complex, options);
  if (options.method === 'defect') {
    if (complex.dimension !== 2)
      throw new CurvatureInputError(
        'BAD_OPTION',
        `the angle defect is defined for d = 2, not d = ${complex.dimension}`,
        'options.method',
        "use method 'ollivier' in dimension ≠ 2",
      );
    return angleDefect(g, touchesBoundary(complex));
  }
  const kappa = ollivierCurvature(g, options).kappa;
  const vOpts: VertexCurvatureOptions = {};
  if (options.aggregate !== undefined) vOpts.aggregate = options.aggregate;
  // the mean is weighted by M_1 even when the walk uses unit weights (SPEC §8)
  const weighted =
    options.weights === 'unit' ? curvatureGraph(complex, { ...options, weights: 'metric' }) : g;
  return vertexCurvature(weighted, kappa, vOpts);
}

/**
 * Curvature per layer: the Ollivier curvature of each complex of a sequence (e.g. the
 * layer-wise complexes of a network), so curvature can be followed through the layers.
 */
export function layerCurvature(
  complexes: Iterable<RiemannianComplex>,
  options: ComplexCurvatureOptions & OllivierOptions = {},
): OllivierResult[] {
  return [...complexes].map((c) => complexOllivier(c, options));
}
