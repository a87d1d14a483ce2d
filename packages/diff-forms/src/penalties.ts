/**
 * Geometric penalties of SPEC §6 on the activation regions of a 2-input network, with their
 * gradients with respect to the parameters (w, c) of the lines the cell edges lie on, chained to the
 * layer weights through the per-cell maps (SPEC §5). Float64; the gradients are the analytic
 * derivatives of the penalties for fixed combinatorics (tests compare them with central
 * differences).
 *
 * - angle:    Σ_cells Σ_vertices max(0, θ_min − θ)², θ = π − arccos(n_a·n_b) the interior angle
 *             between the outward unit normals of the two edges at the vertex (in 2-D the ridges of
 *             SPEC §4 are points, a flat cell contributes θ = π and nothing to the sum);
 * - sliver:   Σ_cells max(0, v_min − area)², with ∂area/∂c_F = σ len(F)/|w_F| and
 *             ∂area/∂w_F = σ len(F)/|w_F| · midpoint(F) (the facet moves by δw·x/|w| at x);
 * - boundary: Σ_faces len(F) = ½ Σ_cells (length of the cell's edges inside X); with data weights,
 *             Σ_faces (n_i + n_j)/(2n) len(F) = Σ_cells n_C/(2n) · (inner edge length of C).
 * Option `weighting: 'mass'` multiplies each cell's angle or sliver term by n_C/n as well.
 */
import {
  DEFAULT_THETA_MIN,
  type PenaltyKind,
  addCosineGradient,
  angleHinge,
  checkPenaltyOptions,
  sliverHinge,
} from './penalty-core.js';
import { arrangementMasses, arrangementPenalty, buildArrangement } from './plane-arrangement.js';
import {
  type FloatMlp,
  type MlpGradient,
  backpropCellMaps,
  firstLeakyLayer,
  labelOfPattern,
  patternAt,
  zeroGradient,
  zeroMapGradient,
} from './float-net.js';
import { type PlaneBox, type PlaneCell, edgeLine, planeCells } from './plane-cells.js';

export type { PenaltyKind } from './penalty-core.js';

/** Options of a penalty. */
export interface PenaltyOptions {
  kind: PenaltyKind;
  /** angle: the smallest angle not penalised, radians (default π/6). */
  thetaMin?: number;
  /** sliver: the smallest area not penalised (default 1/(4·number of cells)... given explicitly is better). */
  vMin?: number;
  /** `uniform` (default) or `mass`: cell terms weighted by data mass n_C/n (needs `masses`). */
  weighting?: 'uniform' | 'mass';
  /** Per cell n_C / n, same order as the cells (with `weighting: 'mass'`). */
  masses?: readonly number[];
}

/** ∂penalty/∂(w, c) of the line of edge `edge` of cell `cell` (box sides have none). */
export interface LineGradient {
  cell: number;
  edge: number;
  gw: [number, number];
  gc: number;
}

/** A penalty value and its gradient with respect to the lines of the cells' edges. */
export interface PenaltyResult {
  value: number;
  gradients: LineGradient[];
}

const hinge = new Float64Array(1);

/** The value and line gradients of a penalty on the cells (SPEC §6). */
export function planePenalty(
  cells: readonly PlaneCell[],
  options: PenaltyOptions,
  box: PlaneBox = { lo: [0, 0], hi: [1, 1] },
): PenaltyResult {
  checkPenaltyOptions(options, cells.length);
  const weight = (i: number) => (options.weighting === 'mass' ? options.masses![i]! : 1);
  let value = 0;
  const gradients: LineGradient[] = [];
  cells.forEach((cell, ci) => {
    const n = cell.vertices.length;
    const lines = cell.tags.map((t) => edgeLine(cell, t, box));
    const gw = lines.map((): [number, number] => [0, 0]);
    const gc = lines.map(() => 0);
    const wt = weight(ci);
    if (options.kind === 'angle') {
      const thetaMin = options.thetaMin ?? DEFAULT_THETA_MIN;
      for (let v = 0; v < n; v++) {
        const [a, b] = [(v + n - 1) % n, v];
        const [la, lb] = [lines[a]!, lines[b]!];
        const na = Math.hypot(la.w[0], la.w[1]);
        const nb = Math.hypot(lb.w[0], lb.w[1]);
        // outward unit normals: −σ w/|w|
        const ua: [number, number] = [(-la.sigma * la.w[0]) / na, (-la.sigma * la.w[1]) / na];
        const ub: [number, number] = [(-lb.sigma * lb.w[0]) / nb, (-lb.sigma * lb.w[1]) / nb];
        const p = angleHinge(ua[0] * ub[0] + ua[1] * ub[1], thetaMin, wt, hinge);
        if (p === 0 && hinge[0] === 0) continue;
        value += p;
        addCosineGradient(2, hinge[0]!, -la.sigma, na, ua, ub, gw[a]!);
        addCosineGradient(2, hinge[0]!, -lb.sigma, nb, ub, ua, gw[b]!);
      }
    } else if (options.kind === 'sliver') {
      const p = sliverHinge(cell.area, options.vMin!, wt, hinge);
      if (p !== 0 || hinge[0] !== 0) {
        value += p;
        const dPdA = hinge[0]!;
        for (let e = 0; e < n; e++) {
          const [p, q] = [cell.vertices[e]!, cell.vertices[(e + 1) % n]!];
          const len = Math.hypot(q[0] - p[0], q[1] - p[1]);
          const l = lines[e]!;
          const s = (l.sigma * len) / Math.hypot(l.w[0], l.w[1]);
          gc[e]! += dPdA * s;
          gw[e]![0] += dPdA * s * 0.5 * (p[0] + q[0]);
          gw[e]![1] += dPdA * s * 0.5 * (p[1] + q[1]);
        }
      }
    } else {
      const k = options.weighting === 'mass' ? wt / 2 : 0.5;
      // gradient with respect to the vertices, then to the two lines through each vertex
      const gv = cell.vertices.map((): [number, number] => [0, 0]);
      for (let e = 0; e < n; e++) {
        if (cell.tags[e]!.kind === 'box') continue;
        const [p, q] = [cell.vertices[e]!, cell.vertices[(e + 1) % n]!];
        const len = Math.hypot(q[0] - p[0], q[1] - p[1]);
        value += k * len;
        if (len === 0) continue;
        const dir: [number, number] = [(q[0] - p[0]) / len, (q[1] - p[1]) / len];
        gv[(e + 1) % n]![0] += k * dir[0];
        gv[(e + 1) % n]![1] += k * dir[1];
        gv[e]![0] -= k * dir[0];
        gv[e]![1] -= k * dir[1];
      }
      for (let v = 0; v < n; v++)
        vertexAdjoint(cell.vertices[v]!, gv[v]!, (v + n - 1) % n, v, lines, gw, gc);
    }
    cell.tags.forEach((t, e) => {
      if (t.kind === 'box') return;
      if (gw[e]![0] === 0 && gw[e]![1] === 0 && gc[e] === 0) return;
      gradients.push({ cell: ci, edge: e, gw: gw[e]!, gc: gc[e]! });
    });
  });
  return { value, gradients };
}

/**
 * The vertex v = the intersection of lines a and b (M v = −c with M = [w_a; w_b]) moves with the
 * lines: dv = −M⁻¹(dM v + dc). So a gradient g at v adds λ_a v, λ_a to (w_a, c_a) and λ_b v, λ_b to
 * (w_b, c_b), with λ = −M⁻ᵀ g.
 */
export function vertexAdjoint(
  v: readonly [number, number],
  g: readonly [number, number],
  a: number,
  b: number,
  lines: readonly { w: [number, number] }[],
  gw: [number, number][],
  gc: number[],
): void {
  if (g[0] === 0 && g[1] === 0) return;
  const [wa, wb] = [lines[a]!.w, lines[b]!.w];
  const det = wa[0] * wb[1] - wa[1] * wb[0];
  if (det === 0) return;
  // M = [[wa0, wa1], [wb0, wb1]]; Mᵀ λ = −g  ⇒  λ = −M⁻ᵀ g
  const la = -(wb[1] * g[0] - wb[0] * g[1]) / det;
  const lb = -(-wa[1] * g[0] + wa[0] * g[1]) / det;
  gw[a]![0] += la * v[0];
  gw[a]![1] += la * v[1];
  gc[a]! += la;
  gw[b]![0] += lb * v[0];
  gw[b]![1] += lb * v[1];
  gc[b]! += lb;
}

/** Chains line gradients to the layer weights through the cells' maps (SPEC §5 recursion). */
export function lineGradientsToWeights(
  net: FloatMlp,
  cells: readonly PlaneCell[],
  result: PenaltyResult,
): MlpGradient {
  const grad = zeroGradient(net);
  const byCell = new Map<number, typeof result.gradients>();
  for (const g of result.gradients) {
    let list = byCell.get(g.cell);
    if (!list) byCell.set(g.cell, (list = []));
    list.push(g);
  }
  // one zeroed buffer for every cell (all cells' maps have the same shape), re-zeroed after use
  let gm: ReturnType<typeof zeroMapGradient> | undefined;
  for (const [ci, list] of byCell) {
    const cell = cells[ci]!;
    if (gm === undefined) gm = zeroMapGradient(cell.maps);
    else
      for (let l = 0; l < gm.A.length; l++) {
        for (const row of gm.A[l]!) row.fill(0);
        gm.c[l]!.fill(0);
      }
    for (const g of list) {
      const tag = cell.tags[g.edge]!;
      if (tag.kind !== 'unit') continue;
      const row = gm.A[tag.layer]![tag.unit]!;
      row[0]! += g.gw[0];
      row[1]! += g.gw[1];
      gm.c[tag.layer]![tag.unit]! += g.gc;
    }
    backpropCellMaps(net, cell.pattern, cell.maps, gm, grad);
  }
  return grad;
}

/** n_C / n per cell for the points (points outside every cell are not counted). */
export function cellMasses(
  net: FloatMlp,
  cells: readonly { label: string }[],
  points: readonly (readonly number[])[],
): number[] {
  const index = new Map(cells.map((c, i) => [c.label, i]));
  const counts = cells.map(() => 0);
  let n = 0;
  for (const x of points) {
    const i = index.get(labelOfPattern(patternAt(net, x)));
    if (i === undefined) continue;
    counts[i]!++;
    n++;
  }
  return counts.map((c) => (n > 0 ? c / n : 0));
}

/**
 * A penalty of a 2-input network and its gradient with respect to every weight. The cells are
 * built in flat typed arrays (plane-arrangement.ts: the same cells as planeCells) and the
 * gradients chained once per region; `cells` (the PlaneCell objects) is built on first access only.
 * With explicit `masses` (in planeCells order) the penalty runs on planeCells' objects instead.
 */
export function networkPenalty(
  net: FloatMlp,
  options: PenaltyOptions & { box?: PlaneBox; points?: readonly (readonly number[])[] },
): { value: number; gradient: MlpGradient; cells: PlaneCell[] } {
  const box = options.box ?? { lo: [0, 0], hi: [1, 1] };
  const leaky = firstLeakyLayer(net) >= 0;
  if (leaky || (options.weighting === 'mass' && options.masses !== undefined)) {
    // planeCells' objects: explicit masses, or leaky units (the typed-array arrangement is ReLU only)
    const cells = planeCells(net, { box });
    const masses =
      options.weighting === 'mass'
        ? (options.masses ?? cellMasses(net, cells, options.points ?? []))
        : undefined;
    const result = planePenalty(cells, masses ? { ...options, masses } : options, box);
    return { value: result.value, gradient: lineGradientsToWeights(net, cells, result), cells };
  }
  checkPenaltyOptions(options, undefined);
  const arr = buildArrangement(net, { box });
  const masses =
    options.weighting === 'mass' ? arrangementMasses(arr, options.points ?? []) : undefined;
  const { value, gradient } = arrangementPenalty(arr, options, masses);
  let cells: PlaneCell[] | undefined;
  return {
    value,
    gradient,
    get cells() {
      return (cells ??= planeCells(net, { box }));
    },
  };
}
