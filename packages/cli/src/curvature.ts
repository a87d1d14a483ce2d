/**
 * `mlgeo analyze --curvature ollivier|forman`: curvature of the complex's edges and cells from the
 * data counts (SPEC §8, @mlgeo/curvature) for the report and the SVG. Ollivier uses the hop metric
 * and α = 1/2; it is exact (every W_1 certified) with exact measures when the walk weights allow
 * it, float otherwise.
 */
import { complexForman, complexOllivier, curvatureGraph, vertexCurvature } from '@mlgeo/curvature';
import { isMlgeoError } from '@mlgeo/exact-arith';
import type { RiemannianComplex } from '@mlgeo/riemannian-complex';
import type { ReportJson } from './report/types.js';

export type CurvatureJson = NonNullable<ReportJson['curvature']>;

/** The report's `curvature` section. */
export function curvatureOf(
  complex: RiemannianComplex,
  kind: 'ollivier' | 'forman',
  exact: boolean,
): CurvatureJson {
  const edgeLength = 'unit' as const;
  const graph = curvatureGraph(complex, { edgeLength });
  const edges = graph.edges;
  const finite = (x: number) => (Number.isFinite(x) ? x : null);
  if (kind === 'forman') {
    const F = complexForman(complex, { edgeLength });
    return {
      kind,
      edgeLength,
      tier: 'float',
      edges: edges.map(([i, j], e) => ({ i, j, value: finite(F[e]!) })),
      cells: vertexCurvature(graph, F),
    };
  }
  let result = undefined;
  if (exact) {
    try {
      result = complexOllivier(complex, { edgeLength, mode: 'exact' });
    } catch (error) {
      if (!(isMlgeoError(error) && error.code === 'EXACT_UNSUPPORTED')) throw error;
    }
  }
  const tier = result === undefined ? 'float' : 'exact';
  result ??= complexOllivier(complex, { edgeLength });
  const exactValues = result.exact?.kappa;
  return {
    kind,
    edgeLength,
    alpha: '1/2',
    tier,
    edges: edges.map(([i, j], e) => {
      const x = exactValues?.[e];
      return {
        i,
        j,
        value: finite(result.kappa[e]!),
        ...(x !== undefined && x !== null ? { exact: x.toString() } : {}),
      };
    }),
    cells: vertexCurvature(graph, result.kappa),
  };
}
