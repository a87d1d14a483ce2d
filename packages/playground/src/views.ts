/**
 * Views of the certified complex the page colours by (computed in the exact worker, which keeps
 * the last complex): the Fiedler eigenvector of Δ_0 (@mlgeo/laplacian-splines, docs/math.md §7),
 * the vertex curvature κ(v) and, on edges, Ollivier and Forman curvature (@mlgeo/curvature,
 * docs/math.md §8). Values are float64 (views, not certified numbers).
 */
import { complexForman, complexOllivier, complexVertexCurvature } from '@mlgeo/curvature';
import {
  fromRiemannianComplex,
  laplacianSpectrum,
  simplicialSpline,
} from '@mlgeo/laplacian-splines';
import type { RiemannianComplex } from '@mlgeo/riemannian-complex';

/** What a view colours: cells (eigenvector, vertex curvature) or edges (Ollivier, Forman). */
export type ViewKind = 'eigenvector' | 'spline' | 'vertex-curvature' | 'ollivier' | 'forman';

/** Options of a view: the eigenvector's index j (1 = the constant one), the spline's data. */
export interface ViewOptions {
  /** Eigenvector j of Δ_0, counted from 1 (default 2, the Fiedler vector). */
  index?: number;
  /** Spline: one value per cell (the page sends each cell's model output at its centroid). */
  values?: readonly number[];
  /** Spline: the smoothing weight λ (default: chosen by GCV). */
  lambda?: number;
}

/** Per-cell values (partition cell order) or per-edge values (the complex's edges i < j). */
export interface ViewValues {
  kind: ViewKind;
  cells?: (number | null)[];
  edges?: { i: number; j: number; value: number }[];
  /** One line for the page: what was computed (e.g. the eigenvalue). */
  detail: string;
}

/** The values of one view of `complex` (every cell needs a data count for the curvatures). */
export function complexView(
  complex: RiemannianComplex,
  kind: ViewKind,
  options: ViewOptions = {},
): ViewValues {
  const edges = complex.simplices[1] ?? [];
  const withCounts = complex.cells.every((c) => c.dataCount !== undefined);
  if (kind === 'eigenvector') {
    const j = Math.max(1, Math.min(complex.cells.length, options.index ?? 2));
    const spectrum = laplacianSpectrum(fromRiemannianComplex(complex), { count: j });
    const pair = spectrum.pairs[j - 1] ?? spectrum.pairs[spectrum.pairs.length - 1]!;
    return {
      kind,
      cells: [...pair.vector],
      detail: `Δ_0 eigenvector ${j} (λ = ${pair.value.toPrecision(6)}, residual ${pair.residual.toExponential(1)})`,
    };
  }
  if (kind === 'spline') {
    const y = options.values ?? [];
    if (y.length !== complex.cells.length)
      return { kind, detail: 'the spline needs one value per cell' };
    const spline = simplicialSpline(fromRiemannianComplex(complex), y, {
      ...(options.lambda !== undefined ? { lambda: options.lambda } : {}),
    });
    return {
      kind,
      cells: (spline.values as (number | { toNumber(): number })[]).map((v) =>
        typeof v === 'number' ? v : v.toNumber(),
      ),
      detail:
        `order-1 simplicial spline of the cells' outputs, λ = ${(typeof spline.lambda === 'number' ? spline.lambda : spline.lambda.toNumber()).toPrecision(4)}` +
        (options.lambda === undefined ? ' (GCV)' : ''),
    };
  }
  if (!withCounts) return { kind, detail: 'curvature needs data counts: load data with the model' };
  if (kind === 'vertex-curvature') {
    return {
      kind,
      cells: complexVertexCurvature(complex),
      detail:
        'vertex curvature κ(v): M_1-weighted mean of the Ollivier κ of its edges (unit lengths)',
    };
  }
  const values = kind === 'ollivier' ? complexOllivier(complex).kappa : complexForman(complex);
  return {
    kind,
    edges: edges.map(([i, j], e) => ({ i: i!, j: j!, value: values[e]! })),
    detail:
      kind === 'ollivier'
        ? 'Ollivier curvature κ(e) = 1 − W_1(m_i, m_j)/d(i, j) per shared face (unit lengths, α = 1/2)'
        : 'Forman–Ricci curvature per shared face (weighted, vertex weights p_i = n_i/n)',
  };
}
