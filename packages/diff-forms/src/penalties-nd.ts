/**
 * The penalties of SPEC §6 in any input dimension d (docs/math.md §6): angle, sliver and boundary
 * on the activation regions of a ReLU network with d inputs, with gradients with respect to the
 * hyperplanes (w, c) of the cells' facets, chained to the layer weights through the per-cell maps
 * (§5). The cells are the exact cells of model-partitions (`partitionOf`, filtered predicates, so
 * the combinatorics are exact); the geometry on them is float64:
 *
 * - angle:    Σ_cells Σ_ridges R of C max(0, θ_min − θ_C(R))², θ = π − arccos(n_a·n_b) for the
 *             outward unit normals of the two facets meeting at R (§4) — the 2-D formula, in R^d;
 * - sliver:   Σ_cells max(0, v_min − vol_d(C))² with ∂vol_d/∂c_F = σ vol_{d−1}(F)/|w_F| and
 *             ∂vol_d/∂w_F = ∂vol_d/∂c_F · centroid(F);
 * - boundary: ½ Σ_cells Σ_{facets F of C inside X} vol_{d−1}(F) (each shared face counted from both
 *             sides), with weighting `mass` Σ_cells n_C/(2n) · (…).
 *
 * vol_{d−1}(F) is the sum over a fixed triangulation of F (a fan from a vertex, recursively over
 * the faces not containing it) of √det(EᵀE)/(d−1)!; its gradient with respect to the vertices,
 * vol · E (EᵀE)⁻¹, passes to the hyperplanes of each vertex v (M v = −c for the d facets through v)
 * as λ_a v, λ_a with λ = −M⁻ᵀ g (the 2-D rule of §6 in R^d). These are derivatives for fixed
 * combinatorics and simple vertices (exactly d facets through each vertex, the generic case; at a
 * degenerate vertex the first d independent facets are used).
 */
import { Rational } from '@mlgeo/exact-arith';
import type { Polytope } from '@mlgeo/exact-polytope';
import { type ReluMlpModel, partitionOf } from '@mlgeo/model-partitions';
import { DiffFormsError } from './errors.js';
import {
  type FloatMaps,
  type FloatMlp,
  type MlpGradient,
  backpropCellMaps,
  floatCellMaps,
  modelOfFloatMlp,
  zeroGradient,
  zeroMapGradient,
} from './float-net.js';
import { cellLayerMaps } from './layer-maps.js';
import { cellMasses } from './penalties.js';
import {
  DEFAULT_THETA_MIN,
  type PenaltyKind,
  addCosineGradient,
  angleHinge,
  checkPenaltyOptions,
  sliverHinge,
} from './penalty-core.js';

/** The hyperplane a facet lies on: unit `unit` of hidden layer `layer` (0-based) or a domain row. */
export type FacetTag =
  { kind: 'unit'; layer: number; unit: number } | { kind: 'domain'; row: number };

/** A box domain ∏ [lo_i, hi_i] (default the unit cube). */
export interface SpaceBox {
  lo: number[];
  hi: number[];
}

/** One activation region in R^d: float vertices, tagged facets, ridges and a triangulation. */
export interface PolytopeCell {
  label: string;
  pattern: boolean[][];
  maps: FloatMaps;
  vertices: number[][];
  /** The facets: the hyperplane each lies on and the indices of its vertices. */
  facets: { tag: FacetTag; vertices: number[] }[];
  /** Pairs of facets meeting in a ridge ((d−2)-face). */
  ridges: [number, number][];
  /** Per facet, its (d−1)-simplices (d vertex indices each), a fixed triangulation. */
  facetSimplices: number[][][];
  /** Per vertex, d facets through it with independent normals. */
  vertexFacets: number[][];
}

/** Options of {@link polytopePenalty}. */
export interface PolytopePenaltyOptions {
  kind: PenaltyKind;
  /** angle: smallest angle not penalised, radians (default π/6). */
  thetaMin?: number;
  /** sliver: smallest volume not penalised. */
  vMin?: number;
  weighting?: 'uniform' | 'mass';
  /** n_C / n per cell (with `weighting: 'mass'`). */
  masses?: readonly number[];
}

/** ∂penalty/∂(w, c) of the hyperplane of facet `facet` of cell `cell`. */
export interface FacetGradient {
  cell: number;
  facet: number;
  gw: number[];
  gc: number;
}

/** A penalty value and its facet gradients. */
export interface PolytopePenaltyResult {
  value: number;
  gradients: FacetGradient[];
}

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

/** true when (a, b) = t·(u, v) for some t > 0 (exact). */
function positiveMultiple(
  a: readonly Rational[],
  b: Rational,
  u: readonly Rational[],
  v: Rational,
): boolean {
  const k = a.findIndex((x) => !x.isZero());
  if (k < 0 || u[k]!.isZero()) return false;
  const t = a[k]!.div(u[k]!);
  if (t.sign() <= 0) return false;
  return a.every((x, i) => x.equals(t.mul(u[i]!))) && b.equals(t.mul(v));
}

function boxRows(box: SpaceBox): { a: Rational[]; b: Rational }[] {
  const d = box.lo.length;
  const rows: { a: Rational[]; b: Rational }[] = [];
  for (let i = 0; i < d; i++) {
    const e = (s: number) =>
      Array.from({ length: d }, (_, j) => (j === i ? Rational.of(s) : Rational.ZERO));
    rows.push({ a: e(-1), b: Rational.fromDouble(-box.lo[i]!) });
    rows.push({ a: e(1), b: Rational.fromDouble(box.hi[i]!) });
  }
  return rows;
}

/** Row k of M for Gaussian elimination: solves Mᵀ λ = r (M d×d) with partial pivoting. */
function solveTransposed(M: readonly (readonly number[])[], r: readonly number[]): number[] {
  const d = M.length;
  // Mᵀ as an augmented matrix
  const a = Array.from({ length: d }, (_, i) => [...M.map((row) => row[i]!), r[i]!]);
  for (let col = 0; col < d; col++) {
    let piv = col;
    for (let i = col + 1; i < d; i++) if (Math.abs(a[i]![col]!) > Math.abs(a[piv]![col]!)) piv = i;
    [a[col], a[piv]] = [a[piv]!, a[col]!];
    const p = a[col]![col]!;
    if (p === 0) return new Array<number>(d).fill(0);
    for (let i = col + 1; i < d; i++) {
      const f = a[i]![col]! / p;
      if (f === 0) continue;
      for (let j = col; j <= d; j++) a[i]![j]! -= f * a[col]![j]!;
    }
  }
  const x = new Array<number>(d).fill(0);
  for (let i = d - 1; i >= 0; i--) {
    let s = a[i]![d]!;
    for (let j = i + 1; j < d; j++) s -= a[i]![j]! * x[j]!;
    x[i] = s / a[i]![i]!;
  }
  return x;
}

/** Indices of d rows with independent normals among `rows` (Gram–Schmidt, in order). */
function independentRows(
  normals: readonly (readonly number[])[],
  rows: readonly number[],
  d: number,
): number[] {
  const basis: number[][] = [];
  const chosen: number[] = [];
  for (const r of rows) {
    const v = normals[r]!.slice();
    const norm0 = Math.hypot(...v);
    for (const b of basis) {
      const t = dot(v, b);
      for (let i = 0; i < v.length; i++) v[i]! -= t * b[i]!;
    }
    const norm = Math.hypot(...v);
    if (!(norm > 1e-9 * norm0)) continue;
    basis.push(v.map((x) => x / norm));
    chosen.push(r);
    if (chosen.length === d) break;
  }
  return chosen;
}

/** A fixed triangulation of every facet of the polytope (fans from a vertex, recursively). */
function facetTriangulations(polytope: Polytope, d: number): number[][][] {
  // faces by dimension k = 0 … d − 1, as sorted vertex-index lists
  const byDim: number[][][] = [];
  for (let k = 0; k <= d - 1; k++) byDim[k] = polytope.faces(d - k).map((f) => f.vertices);
  const contains = (outer: readonly number[], inner: readonly number[]) => {
    const set = new Set(outer);
    return inner.every((v) => set.has(v));
  };
  const triangulate = (verts: readonly number[], k: number): number[][] => {
    if (verts.length === k + 1) return [verts.slice()];
    const apex = verts[0]!;
    const out: number[][] = [];
    for (const sub of byDim[k - 1]!)
      if (!sub.includes(apex) && contains(verts, sub))
        for (const s of triangulate(sub, k - 1)) out.push([apex, ...s]);
    return out;
  };
  return polytope.incidence().map((verts) => triangulate(verts, d - 1));
}

/**
 * The activation regions of a float64 net with d inputs in a box, with exact combinatorics
 * (`partitionOf` of the net's exact weights) and float64 geometry.
 */
export function polytopeCells(net: FloatMlp, options: { box?: SpaceBox } = {}): PolytopeCell[] {
  const d = net.inputDimension;
  const box = options.box ?? { lo: new Array<number>(d).fill(0), hi: new Array<number>(d).fill(1) };
  if (box.lo.length !== d || box.hi.length !== d)
    throw new DiffFormsError(
      'FORM_SHAPE',
      `the box has ${box.lo.length} dimensions, the net ${d} inputs`,
      'box',
      `give lo and hi with ${d} entries`,
    );
  const model: ReluMlpModel = modelOfFloatMlp(net);
  const partition = partitionOf(model, {
    predicates: 'filtered',
    domain: { kind: 'box', lo: box.lo, hi: box.hi },
  });
  const domainRows = boxRows(box);
  const widths = net.layers.slice(0, -1).map((l) => l.bias.length);
  return partition.cells.map((cell) => {
    const exactMaps = cellLayerMaps(cell).slice(0, -1);
    let at = 0;
    const pattern = widths.map((w) => [...cell.label.slice(at, (at += w))].map((b) => b === '1'));
    const maps = floatCellMaps(net, pattern);
    const polytope = cell.polytope;
    const rows = polytope.facets();
    const incidence = polytope.incidence();
    const facets = rows.map((row, f) => {
      let tag: FacetTag | undefined;
      exactMaps.forEach((m, l) =>
        m.A.forEach((Aj, j) => {
          if (tag) return;
          const s = pattern[l]![j] ? 1 : -1;
          // the cell is in {s (A_j x + c_j) ≥ 0}: the row −s A_j x ≤ s c_j
          const u = Aj.map((x) => x.mul(Rational.of(-s)));
          if (positiveMultiple(row.a, row.b, u, m.c[j]!.mul(Rational.of(s))))
            tag = { kind: 'unit', layer: l, unit: j };
        }),
      );
      if (!tag) {
        const r = domainRows.findIndex((dr) => positiveMultiple(row.a, row.b, dr.a, dr.b));
        if (r >= 0) tag = { kind: 'domain', row: r };
      }
      if (!tag) throw new Error(`facet ${f} of cell ${cell.label} lies on no unit and no box side`);
      return { tag, vertices: incidence[f]! };
    });
    const vertices = polytope.vertices().map((v) => v.map((x) => x.toNumber()));
    const ridges = polytope
      .faces(2)
      .map((face) => [face.facets[0]!, face.facets[1]!] as [number, number]);
    const normals = rows.map((r) => r.a.map((x) => x.toNumber()));
    const through = vertices.map((): number[] => []);
    incidence.forEach((vs, f) => vs.forEach((v) => through[v]!.push(f)));
    return {
      label: cell.label,
      pattern,
      maps,
      vertices,
      facets,
      ridges,
      facetSimplices: facetTriangulations(polytope, d),
      vertexFacets: through.map((fs) => independentRows(normals, fs, d)),
    };
  });
}

/** The hyperplane w·x + c = 0 of a facet and the side σ: the cell lies in {σ(w·x + c) ≥ 0}. */
export function facetHyperplane(
  cell: PolytopeCell,
  facet: number,
  box: SpaceBox,
): { w: number[]; c: number; sigma: 1 | -1 } {
  const tag = cell.facets[facet]!.tag;
  if (tag.kind === 'unit')
    return {
      w: cell.maps.A[tag.layer]![tag.unit]!.slice(),
      c: cell.maps.c[tag.layer]![tag.unit]!,
      sigma: cell.pattern[tag.layer]![tag.unit] ? 1 : -1,
    };
  const i = tag.row >> 1;
  const w = new Array<number>(box.lo.length).fill(0);
  // rows 2i: x_i ≥ lo_i (w = e_i, c = −lo_i); 2i + 1: x_i ≤ hi_i (w = −e_i, c = hi_i)
  w[i] = tag.row % 2 === 0 ? 1 : -1;
  return { w, c: tag.row % 2 === 0 ? -box.lo[i]! : box.hi[i]!, sigma: 1 };
}

/**
 * Volume of the k-simplex p_0 … p_k in R^d, √det(EᵀE)/k!, and its gradient with respect to each
 * point (vol · E (EᵀE)⁻¹ for p_1 … p_k, minus their sum for p_0).
 */
export function simplexVolumeGradient(points: readonly (readonly number[])[]): {
  volume: number;
  gradient: number[][];
} {
  const k = points.length - 1;
  const d = points[0]!.length;
  const p0 = points[0]!;
  const E = points.slice(1).map((p) => p.map((x, i) => x - p0[i]!)); // k rows of length d
  const G = E.map((a) => E.map((b) => dot(a, b)));
  // Cholesky-free: solve G X = E (k×d) by elimination, det(G) from the pivots
  const aug = G.map((row, i) => [...row, ...E[i]!]);
  let det = 1;
  for (let col = 0; col < k; col++) {
    let piv = col;
    for (let i = col + 1; i < k; i++)
      if (Math.abs(aug[i]![col]!) > Math.abs(aug[piv]![col]!)) piv = i;
    if (piv !== col) {
      [aug[col], aug[piv]] = [aug[piv]!, aug[col]!];
      det = -det;
    }
    const p = aug[col]![col]!;
    det *= p;
    if (p === 0) return { volume: 0, gradient: points.map(() => new Array<number>(d).fill(0)) };
    for (let i = 0; i < k; i++) {
      if (i === col) continue;
      const f = aug[i]![col]! / p;
      if (f === 0) continue;
      for (let j = col; j < k + d; j++) aug[i]![j]! -= f * aug[col]![j]!;
    }
  }
  let fact = 1;
  for (let i = 2; i <= k; i++) fact *= i;
  const volume = Math.sqrt(Math.max(0, det)) / fact;
  // rows of G⁻¹ E: aug[i][k + j] / aug[i][i]
  const gradient = [new Array<number>(d).fill(0)];
  for (let i = 0; i < k; i++) {
    const row = aug[i]!.slice(k).map((x) => (volume * x) / aug[i]![i]!);
    gradient.push(row);
    for (let j = 0; j < d; j++) gradient[0]![j]! -= row[j]!;
  }
  return { volume, gradient };
}

/** vol_{d−1}(F), its centroid, and ∂vol/∂(vertex) for the vertices of F. */
function facetMeasure(cell: PolytopeCell, f: number) {
  const d = cell.vertices[0]!.length;
  let volume = 0;
  const centroid = new Array<number>(d).fill(0);
  const grad = new Map<number, number[]>();
  for (const simplex of cell.facetSimplices[f]!) {
    const pts = simplex.map((v) => cell.vertices[v]!);
    const s = simplexVolumeGradient(pts);
    volume += s.volume;
    for (let i = 0; i < d; i++)
      centroid[i]! += (s.volume * pts.reduce((t, p) => t + p[i]!, 0)) / pts.length;
    simplex.forEach((v, j) => {
      let g = grad.get(v);
      if (!g) grad.set(v, (g = new Array<number>(d).fill(0)));
      for (let i = 0; i < d; i++) g[i]! += s.gradient[j]![i]!;
    });
  }
  return { volume, centroid: centroid.map((x) => (volume > 0 ? x / volume : 0)), grad };
}

const hinge = new Float64Array(1);

/** The value and facet gradients of a penalty on cells in any d (see the module comment). */
export function polytopePenalty(
  cells: readonly PolytopeCell[],
  options: PolytopePenaltyOptions,
  box?: SpaceBox,
): PolytopePenaltyResult {
  const d = cells[0]?.vertices[0]?.length ?? 0;
  const theBox = box ?? { lo: new Array<number>(d).fill(0), hi: new Array<number>(d).fill(1) };
  checkPenaltyOptions(options, cells.length, { volume: 'volume' });
  const weight = (i: number) => (options.weighting === 'mass' ? options.masses![i]! : 1);
  let value = 0;
  const gradients: FacetGradient[] = [];
  cells.forEach((cell, ci) => {
    const planes = cell.facets.map((_, f) => facetHyperplane(cell, f, theBox));
    const gw = planes.map((p) => p.w.map(() => 0));
    const gc = planes.map(() => 0);
    const wt = weight(ci);
    if (wt === 0) return;
    if (options.kind === 'angle') {
      const thetaMin = options.thetaMin ?? DEFAULT_THETA_MIN;
      for (const [a, b] of cell.ridges) {
        const [pa, pb] = [planes[a]!, planes[b]!];
        const na = Math.hypot(...pa.w);
        const nb = Math.hypot(...pb.w);
        const ua = pa.w.map((x) => (-pa.sigma * x) / na);
        const ub = pb.w.map((x) => (-pb.sigma * x) / nb);
        const p = angleHinge(dot(ua, ub), thetaMin, wt, hinge);
        if (p === 0 && hinge[0] === 0) continue;
        value += p;
        addCosineGradient(d, hinge[0]!, -pa.sigma, na, ua, ub, gw[a]!);
        addCosineGradient(d, hinge[0]!, -pb.sigma, nb, ub, ua, gw[b]!);
      }
    } else if (options.kind === 'sliver') {
      const measures = cell.facets.map((_, f) => facetMeasure(cell, f));
      // vol_d = (1/d) Σ_F dist(p, H_F) vol_{d−1}(F) for a point p of the cell
      const p = cell.vertices[0]!.map(
        (_, i) => cell.vertices.reduce((s, v) => s + v[i]!, 0) / cell.vertices.length,
      );
      const volume =
        planes.reduce(
          (s, pl, f) =>
            s + ((pl.sigma * (dot(pl.w, p) + pl.c)) / Math.hypot(...pl.w)) * measures[f]!.volume,
          0,
        ) / d;
      const term = sliverHinge(volume, options.vMin!, wt, hinge);
      if (term !== 0 || hinge[0] !== 0) {
        value += term;
        const dPdV = hinge[0]!;
        planes.forEach((pl, f) => {
          const dVdc = (pl.sigma * measures[f]!.volume) / Math.hypot(...pl.w);
          gc[f]! += dPdV * dVdc;
          for (let i = 0; i < d; i++) gw[f]![i]! += dPdV * dVdc * measures[f]!.centroid[i]!;
        });
      }
    } else {
      // boundary: ½ (or n_C/(2n)) · Σ inner facets' (d−1)-volumes
      const scale = options.weighting === 'mass' ? wt / 2 : 0.5;
      const vertexGrad = cell.vertices.map(() => new Array<number>(d).fill(0));
      cell.facets.forEach((facet, f) => {
        if (facet.tag.kind !== 'unit') return;
        const m = facetMeasure(cell, f);
        value += scale * m.volume;
        for (const [v, g] of m.grad)
          for (let i = 0; i < d; i++) vertexGrad[v]![i]! += scale * g[i]!;
      });
      // each vertex v solves M v = −c for its d facets: λ = −M⁻ᵀ g, (w_a, c_a) += (λ_a v, λ_a)
      vertexGrad.forEach((g, v) => {
        if (g.every((x) => x === 0)) return;
        const rows = cell.vertexFacets[v]!;
        if (rows.length < d) return;
        const M = rows.map((f) => planes[f]!.w);
        const lambda = solveTransposed(
          M,
          g.map((x) => -x),
        );
        rows.forEach((f, k) => {
          for (let i = 0; i < d; i++) gw[f]![i]! += lambda[k]! * cell.vertices[v]![i]!;
          gc[f]! += lambda[k]!;
        });
      });
    }
    cell.facets.forEach((_, f) => {
      if (gc[f] !== 0 || gw[f]!.some((x) => x !== 0))
        gradients.push({ cell: ci, facet: f, gw: gw[f]!, gc: gc[f]! });
    });
  });
  return { value, gradients };
}

/** Chains facet gradients to the layer weights through the cells' maps (SPEC §5 recursion). */
export function facetGradientsToWeights(
  net: FloatMlp,
  cells: readonly PolytopeCell[],
  result: PolytopePenaltyResult,
): MlpGradient {
  const grad = zeroGradient(net);
  const byCell = new Map<number, FacetGradient[]>();
  for (const g of result.gradients) {
    let list = byCell.get(g.cell);
    if (!list) byCell.set(g.cell, (list = []));
    list.push(g);
  }
  for (const [ci, list] of byCell) {
    const cell = cells[ci]!;
    const gm = zeroMapGradient(cell.maps);
    for (const g of list) {
      const tag = cell.facets[g.facet]!.tag;
      if (tag.kind !== 'unit') continue;
      const row = gm.A[tag.layer]![tag.unit]!;
      g.gw.forEach((x, i) => (row[i]! += x));
      gm.c[tag.layer]![tag.unit]! += g.gc;
    }
    backpropCellMaps(net, cell.pattern, cell.maps, gm, grad);
  }
  return grad;
}

/** n_C / n per cell for the points: {@link cellMasses} (the cells' labels are all it reads). */
export function polytopeCellMasses(
  net: FloatMlp,
  cells: readonly PolytopeCell[],
  points: readonly (readonly number[])[],
): number[] {
  return cellMasses(net, cells, points);
}

/** A penalty of a net with any number of inputs and its gradient with respect to every weight. */
export function networkPolytopePenalty(
  net: FloatMlp,
  options: PolytopePenaltyOptions & { box?: SpaceBox; points?: readonly (readonly number[])[] },
): { value: number; gradient: MlpGradient; cells: PolytopeCell[] } {
  const cells = polytopeCells(net, options.box ? { box: options.box } : {});
  const opts: PolytopePenaltyOptions =
    options.weighting === 'mass' && options.masses === undefined
      ? { ...options, masses: polytopeCellMasses(net, cells, options.points ?? []) }
      : options;
  const result = polytopePenalty(cells, opts, options.box);
  return { value: result.value, gradient: facetGradientsToWeights(net, cells, result), cells };
}
