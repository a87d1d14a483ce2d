/**
 * Views of the certified complex the page colours by (computed in the exact worker, which keeps
 * the last complex): the Fiedler eigenvector of Δ_0 (@mlgeo/laplacian-splines, docs/math.md §7),
 * the vertex curvature κ(v) and, on edges, Ollivier and Forman curvature (@mlgeo/curvature,
 * docs/math.md §8). Values are float64 (views, not certified numbers).
 */
import { complexForman, complexOllivier, complexVertexCurvature } from '@mlgeo/curvature';
import { fromRiemannianComplex, laplacianSpectrum } from '@mlgeo/laplacian-splines';
import type { RiemannianComplex } from '@mlgeo/riemannian-complex';

/** What a view colours: cells (eigenvector, vertex curvature) or edges (Ollivier, Forman). */
export type ViewKind = 'eigenvector' | 'vertex-curvature' | 'ollivier' | 'forman';

export const VIEW_KINDS: readonly ViewKind[] = [
  'eigenvector',
  'vertex-curvature',
  'ollivier',
  'forman',
];

/** Per-cell values (partition cell order) or per-edge values (the complex's edges i < j). */
export interface ViewValues {
  kind: ViewKind;
  cells?: (number | null)[];
  edges?: { i: number; j: number; value: number }[];
  /** One line for the page: what was computed (e.g. the eigenvalue). */
  detail: string;
}

/** The values of one view of `complex` (every cell needs a data count for the curvatures). */
export function complexView(complex: RiemannianComplex, kind: ViewKind): ViewValues {
  const edges = complex.simplices[1] ?? [];
  const withCounts = complex.cells.every((c) => c.dataCount !== undefined);
  if (kind === 'eigenvector') {
    const spectrum = laplacianSpectrum(fromRiemannianComplex(complex), { count: 2 });
    const pair = spectrum.pairs[1] ?? spectrum.pairs[0]!;
    return {
      kind,
      cells: [...pair.vector],
      detail: `Δ_0 eigenvector 2 (λ = ${pair.value.toPrecision(6)}, residual ${pair.residual.toExponential(1)})`,
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
