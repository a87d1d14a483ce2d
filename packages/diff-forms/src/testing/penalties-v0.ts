/**
 * FROZEN ORACLE — the 2-D penalty as it was before the typed-array arrangement (plane-arrangement.ts)
 * replaced it in networkPenalty: planePenalty copied unchanged; planeCells (polygons per region),
 * lineGradientsToWeights and cellMasses, which have not changed since, are used from their modules.
 * Tests compare the new values and gradients with these; do not optimise or edit this file.
 */
import { DiffFormsError } from '../errors.js';
import { type FloatMlp, type MlpGradient } from '../float-net.js';
// planeCells is unchanged since the freeze: the oracle uses plane-cells.ts itself (not a copy)
import {
  type EdgeTag,
  type PlaneBox,
  type PlaneCell,
  edgeLine,
  planeCells,
} from '../plane-cells.js';
import { cellMasses, lineGradientsToWeights, vertexAdjoint } from '../penalties.js';
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

// vertexAdjoint, lineGradientsToWeights and cellMasses are unchanged since the freeze: the oracle
// uses them from penalties.ts (imported above), not a copy
export { cellMasses as cellMassesV0, lineGradientsToWeights as lineGradientsToWeightsV0 };

/** A penalty of a 2-input network and its gradient with respect to every weight. */
export function networkPenaltyV0(
  net: FloatMlp,
  options: PenaltyOptions & { box?: PlaneBox; points?: readonly (readonly number[])[] },
): { value: number; gradient: MlpGradient; cells: PlaneCell[] } {
  const box = options.box ?? { lo: [0, 0], hi: [1, 1] };
  const cells = planeCells(net, { box });
  const opts: PenaltyOptions =
    options.weighting === 'mass' && options.masses === undefined
      ? { ...options, masses: cellMasses(net, cells, options.points ?? []) }
      : options;
  const result = planePenaltyV0(cells, opts, box);
  return { value: result.value, gradient: lineGradientsToWeights(net, cells, result), cells };
}
