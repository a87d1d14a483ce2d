/**
 * FROZEN ORACLE — the 2-D penalty code as it was before the typed-array arrangement
 * (plane-arrangement.ts) replaced it in networkPenalty: planeCells (polygons per region, arrays of
 * arrays), planePenalty and lineGradientsToWeights, (planeCells from plane-cells.ts, which is unchanged) copied unchanged. Tests compare the new values
 * and gradients with these; do not optimise or edit this file.
 */
import { DiffFormsError } from '../errors.js';
import {
  type FloatMlp,
  type MlpGradient,
  backpropCellMaps,
  labelOfPattern,
  patternAt,
  zeroGradient,
  zeroMapGradient,
} from '../float-net.js';
// planeCells is unchanged since the freeze: the oracle uses plane-cells.ts itself (not a copy)
import {
  type EdgeTag,
  type PlaneBox,
  type PlaneCell,
  edgeLine,
  planeCells,
} from '../plane-cells.js';
export { planeCells as planeCellsV0 };
export type { EdgeTag, PlaneBox, PlaneCell };

/** Which SPEC §6 penalty. */
export type PenaltyKind = 'angle' | 'sliver' | 'boundary';

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

const DEFAULT_THETA_MIN = Math.PI / 6;

function checkOptions(cells: readonly PlaneCell[], o: PenaltyOptions): void {
  const bad = (field: string, message: string, fix: string) => {
    throw new DiffFormsError('OPTION_INVALID', message, field, fix);
  };
  if (!['angle', 'sliver', 'boundary'].includes(o.kind))
    bad('kind', `unknown penalty ${String(o.kind)}`, 'use angle, sliver or boundary');
  if (o.thetaMin !== undefined && !(o.thetaMin > 0 && o.thetaMin < Math.PI))
    bad(
      'thetaMin',
      `thetaMin ${o.thetaMin} is outside (0, π)`,
      'give an angle in radians in (0, π)',
    );
  if (o.kind === 'sliver' && !(o.vMin !== undefined && o.vMin > 0))
    bad('vMin', 'the sliver penalty needs vMin > 0', 'give the smallest cell area not penalised');
  if (o.weighting === 'mass' && o.masses?.length !== cells.length)
    bad(
      'masses',
      'mass weighting needs one mass per cell',
      'pass masses (n_C/n per cell), e.g. from cellMasses',
    );
}

/** The value and line gradients of a penalty on the cells (SPEC §6). */
export function planePenaltyV0(
  cells: readonly PlaneCell[],
  options: PenaltyOptions,
  box: PlaneBox = { lo: [0, 0], hi: [1, 1] },
): PenaltyResult {
  checkOptions(cells, options);
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
        const u = Math.min(1, Math.max(-1, ua[0] * ub[0] + ua[1] * ub[1]));
        const theta = Math.PI - Math.acos(u);
        const gap = thetaMin - theta;
        if (gap <= 0) continue;
        value += wt * gap * gap;
        // dP/du = dP/dθ · dθ/du = (−2 wt gap) · 1/√(1 − u²)
        const dPdu = (-2 * wt * gap) / Math.sqrt(Math.max(1e-24, 1 - u * u));
        // ∂(n_a·n_b)/∂w_a = (s_a/|w_a|)(n_b − (ŵ_a·n_b) ŵ_a), s_a = −σ_a, ŵ_a = s_a n_a
        const addNormal = (
          k: number,
          s: number,
          nk: number,
          self: [number, number],
          other: [number, number],
        ) => {
          const proj = self[0] * other[0] + self[1] * other[1];
          gw[k]![0] += (dPdu * s * (other[0] - proj * self[0])) / nk;
          gw[k]![1] += (dPdu * s * (other[1] - proj * self[1])) / nk;
        };
        addNormal(a, -la.sigma, na, ua, ub);
        addNormal(b, -lb.sigma, nb, ub, ua);
      }
    } else if (options.kind === 'sliver') {
      const gap = options.vMin! - cell.area;
      if (gap > 0) {
        value += wt * gap * gap;
        const dPdA = -2 * wt * gap;
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
function vertexAdjoint(
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
export function lineGradientsToWeightsV0(
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
export function cellMassesV0(
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

/** A penalty of a 2-input network and its gradient with respect to every weight. */
export function networkPenaltyV0(
  net: FloatMlp,
  options: PenaltyOptions & { box?: PlaneBox; points?: readonly (readonly number[])[] },
): { value: number; gradient: MlpGradient; cells: PlaneCell[] } {
  const box = options.box ?? { lo: [0, 0], hi: [1, 1] };
  const cells = planeCells(net, { box });
  const opts: PenaltyOptions =
    options.weighting === 'mass' && options.masses === undefined
      ? { ...options, masses: cellMassesV0(net, cells, options.points ?? []) }
      : options;
  const result = planePenaltyV0(cells, opts, box);
  return { value: result.value, gradient: lineGradientsToWeightsV0(net, cells, result), cells };
}
