/**
 * `mlgeo analyze --curvature ollivier|forman`: curvature of the complex's edges and cells from the
 * data counts (SPEC §8, @mlgeo/curvature) for the report and the SVG. Options (docs/math.md §4, §8):
 * the edge lengths of the metric d and of the M_1 walk weights (`--curvature-length unit` — the hop
 * metric, default — `centroid` or `density` with β from `--alpha`; the volume-free data complex of
 * the LP tier has `unit` lengths only, its M_1 is `--face-weight unit|mass`), the laziness α
 * (`--laziness`, default 1/2) and the walk weights (`--walk-weights metric|unit`). Ollivier is
 * exact (every W_1 certified) with exact measures when the lengths are rational and the walk
 * weights lie in one field Q(√q), float otherwise.
 */
import { complexForman, complexOllivier, curvatureGraph, vertexCurvature } from '@mlgeo/curvature';
import { isMlgeoError, Rational } from '@mlgeo/exact-arith';
import type { ComplexOptions, RiemannianComplex } from '@mlgeo/riemannian-complex';
import { UsageError } from './errors.js';
import type { ReportJson } from './report/types.js';

export type CurvatureJson = NonNullable<ReportJson['curvature']>;

/** The options of one curvature computation (as the report's `curvature` section states them). */
export interface CurvatureChoice {
  kind: 'ollivier' | 'forman';
  /** Lengths of d and of the M_1 weights (default `unit`, the hop metric). */
  edgeLength?: 'unit' | 'centroid' | 'density';
  /** Exponent β of `density` lengths (default 1). */
  beta?: Rational;
  /** Ollivier: laziness α = m_i(i) (default 1/2). */
  alpha?: Rational;
  /** Walk weights w_ik: M_1 (`metric`, default) or 1 (`unit`). */
  weights?: 'metric' | 'unit';
}

/** `--laziness α`: a rational number in [0, 1] (usage error otherwise). */
export function parseLaziness(text: string | undefined): Rational | undefined {
  if (text === undefined) return undefined;
  let a: Rational | undefined;
  try {
    a = Rational.parse(text);
  } catch {
    a = undefined;
  }
  if (a === undefined || a.sign() < 0 || a.cmp(Rational.ONE) > 0)
    throw new UsageError(`--laziness must be a number in [0, 1], got "${text}"`, {
      field: '--laziness',
      fix: 'write e.g. --laziness 1/2 (the walk stays put with probability α)',
    });
  return a;
}

/** The report's `curvature` section. */
export function curvatureOf(
  complex: RiemannianComplex,
  choice: CurvatureChoice,
  exact: boolean,
): CurvatureJson {
  const { kind } = choice;
  const edgeLength = choice.edgeLength ?? 'unit';
  const beta = edgeLength === 'density' ? (choice.beta ?? Rational.ONE) : undefined;
  const weights = choice.weights ?? 'metric';
  const alpha = choice.alpha ?? Rational.of(1n, 2n);
  const length: ComplexOptions['edgeLength'] =
    beta !== undefined ? { kind: 'density', beta } : edgeLength;
  const graphOptions = { edgeLength: length, weights };
  const graph = curvatureGraph(complex, graphOptions);
  const edges = graph.edges;
  const finite = (x: number) => (Number.isFinite(x) ? x : null);
  const faceWeight = complex.metricFor(length).faceWeight ?? 'area';
  const stated = {
    kind,
    edgeLength,
    ...(beta !== undefined ? { beta: beta.toString() } : {}),
    weights,
    faceWeight,
  };
  // the vertex curvature is the M_1-weighted mean even when the walk uses unit weights (SPEC §8)
  const meanGraph =
    weights === 'unit' ? curvatureGraph(complex, { edgeLength: length, weights: 'metric' }) : graph;
  if (kind === 'forman') {
    const F = complexForman(complex, graphOptions);
    return {
      ...stated,
      tier: 'float',
      edges: edges.map(([i, j], e) => ({ i, j, value: finite(F[e]!) })),
      cells: vertexCurvature(meanGraph, F),
    };
  }
  let result = undefined;
  if (exact) {
    try {
      result = complexOllivier(complex, { ...graphOptions, alpha, mode: 'exact' });
    } catch (error) {
      if (!(isMlgeoError(error) && error.code === 'EXACT_UNSUPPORTED')) throw error;
    }
  }
  const tier = result === undefined ? 'float' : 'exact';
  result ??= complexOllivier(complex, { ...graphOptions, alpha });
  const exactValues = result.exact?.kappa;
  return {
    ...stated,
    alpha: alpha.toString(),
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
    cells: vertexCurvature(meanGraph, result.kappa),
  };
}
