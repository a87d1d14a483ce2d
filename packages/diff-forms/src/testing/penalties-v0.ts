/**
 * FROZEN ORACLE — the 2-D penalty code as it was before the typed-array arrangement
 * (plane-arrangement.ts) replaced it in networkPenalty: planeCells (polygons per region, arrays of
 * arrays), planePenalty and lineGradientsToWeights, copied unchanged. Tests compare the new values
 * and gradients with these; do not optimise or edit this file.
 */
import { DiffFormsError } from '../errors.js';
import {
  type FloatMaps,
  type FloatMlp,
  type MlpGradient,
  backpropCellMaps,
  labelOfPattern,
  nextLayerMap,
  patternAt,
  zeroGradient,
  zeroMapGradient,
} from '../float-net.js';
/** The line an edge lies on: unit `unit` of hidden layer `layer` (0-based) or box side 0..3. */
export type EdgeTag = { kind: 'unit'; layer: number; unit: number } | { kind: 'box'; side: number };

/** One activation region as a counter-clockwise polygon. */
export interface PlaneCell {
  label: string;
  pattern: boolean[][];
  /** Vertices counter-clockwise; edge i runs from vertex i to vertex i + 1 (cyclically). */
  vertices: [number, number][];
  /** tags[i]: the line of edge i. */
  tags: EdgeTag[];
  /** The cell's affine maps (A_l, c_l) of every layer. */
  maps: FloatMaps;
  area: number;
}

/** A box [lo_0, hi_0] × [lo_1, hi_1] (default the unit square). */
export interface PlaneBox {
  lo: [number, number];
  hi: [number, number];
}

/**
 * The line w·x + c = 0 of an edge and the side σ of the cell: the cell lies in {σ(w·x + c) ≥ 0}.
 * Box sides are x ≥ lo_0, x ≤ hi_0, y ≥ lo_1, y ≤ hi_1 (σ = +1).
 */
export function edgeLine(
  cell: PlaneCell,
  tag: EdgeTag,
  box: PlaneBox,
): { w: [number, number]; c: number; sigma: 1 | -1 } {
  if (tag.kind === 'unit') {
    const w = cell.maps.A[tag.layer]![tag.unit]!;
    return {
      w: [w[0]!, w[1]!],
      c: cell.maps.c[tag.layer]![tag.unit]!,
      sigma: cell.pattern[tag.layer]![tag.unit] ? 1 : -1,
    };
  }
  const s = tag.side;
  const axis = (s >> 1) as 0 | 1;
  const w: [number, number] = [0, 0];
  w[axis] = s % 2 === 0 ? 1 : -1;
  const c = s % 2 === 0 ? -box.lo[axis] : box.hi[axis];
  return { w, c, sigma: 1 };
}

/** Shoelace area of a counter-clockwise polygon. */
export function polygonArea(v: readonly (readonly [number, number])[]): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) {
    const a = v[i]!;
    const b = v[(i + 1) % v.length]!;
    s += a[0] * b[1] - a[1] * b[0];
  }
  return s / 2;
}

interface Poly {
  vertices: [number, number][];
  tags: EdgeTag[];
}

/** The part of a polygon where s·(w·x + c) ≥ 0; the new edge gets tag `cut`. */
function clip(
  p: Poly,
  w: readonly number[],
  c: number,
  s: 1 | -1,
  cut: EdgeTag,
  eps: number,
): Poly {
  const n = p.vertices.length;
  const h = p.vertices.map((v) => {
    const g = s * (w[0]! * v[0] + w[1]! * v[1] + c);
    return Math.abs(g) <= eps ? 0 : g;
  });
  const vertices: [number, number][] = [];
  const tags: EdgeTag[] = [];
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    const [ha, hb] = [h[i]!, h[j]!];
    const [a, b] = [p.vertices[i]!, p.vertices[j]!];
    if (ha >= 0) {
      vertices.push(a);
      tags.push(ha === 0 && hb < 0 ? cut : p.tags[i]!);
    }
    if ((ha > 0 && hb < 0) || (ha < 0 && hb > 0)) {
      const t = ha / (ha - hb);
      vertices.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
      tags.push(ha > 0 ? cut : p.tags[i]!);
    }
  }
  return { vertices, tags };
}

/**
 * Every activation region of a 2-input float MLP in the box, sorted by label (SPEC §2 order).
 * Regions thinner than `minArea` (default 1e-13 · box area) are dropped as float noise.
 */
export function planeCellsV0(
  net: FloatMlp,
  options: { box?: PlaneBox; minArea?: number } = {},
): PlaneCell[] {
  if (net.inputDimension !== 2)
    throw new DiffFormsError(
      'DIMENSION_UNSUPPORTED',
      `planeCells needs 2 inputs, the network has ${net.inputDimension}`,
      'net.inputDimension',
      'use model-partitions (partitionOf / dataHoldingPartition) in other dimensions',
    );
  const box = options.box ?? { lo: [0, 0], hi: [1, 1] };
  const boxArea = (box.hi[0] - box.lo[0]) * (box.hi[1] - box.lo[1]);
  const minArea = options.minArea ?? 1e-13 * boxArea;
  const scale = Math.max(...box.lo.map(Math.abs), ...box.hi.map(Math.abs), 1);
  const first = net.layers[0]!;
  let states: { poly: Poly; pattern: boolean[][]; maps: FloatMaps }[] = [
    {
      poly: {
        vertices: [
          [box.lo[0], box.lo[1]],
          [box.hi[0], box.lo[1]],
          [box.hi[0], box.hi[1]],
          [box.lo[0], box.hi[1]],
        ],
        // bottom (y ≥ lo_1), right (x ≤ hi_0), top (y ≤ hi_1), left (x ≥ lo_0)
        tags: [2, 1, 3, 0].map((side) => ({ kind: 'box', side }) as EdgeTag),
      },
      pattern: [],
      maps: { A: [first.weights.map((r) => r.slice())], c: [first.bias.slice()] },
    },
  ];
  const hidden = net.layers.length - 1;
  // one tag object per unit, shared by every edge on its line
  const unitTags: EdgeTag[][] = net.layers
    .slice(0, hidden)
    .map((layer, l) => layer.bias.map((_, unit) => ({ kind: 'unit', layer: l, unit })));
  for (let l = 0; l < hidden; l++) {
    const next: typeof states = [];
    for (const st of states) {
      const A = st.maps.A[l]!;
      const c = st.maps.c[l]!;
      let parts: { poly: Poly; bits: boolean[] }[] = [{ poly: st.poly, bits: [] }];
      for (let j = 0; j < A.length; j++) {
        const w = A[j]!;
        const tag = unitTags[l]![j]!;
        const eps = 1e-12 * (Math.abs(w[0]!) * scale + Math.abs(w[1]!) * scale + Math.abs(c[j]!));
        const split: typeof parts = [];
        for (const part of parts) {
          // most lines miss most cells: decide those by the signs at the vertices, without clipping
          const side = sideOf(part.poly, w, c[j]!, eps);
          if (side !== 0) {
            part.bits.push(side > 0);
            split.push(part);
            continue;
          }
          const pos = clip(part.poly, w, c[j]!, 1, tag, eps);
          const neg = clip(part.poly, w, c[j]!, -1, tag, eps);
          const [ap, an] = [polygonArea(pos.vertices), polygonArea(neg.vertices)];
          if (ap > minArea && an > minArea) {
            split.push({ poly: neg, bits: [...part.bits, false] });
            part.bits.push(true);
            split.push({ poly: pos, bits: part.bits });
          } else {
            // the whole part is on one side (a constant unit: bit 1 iff the constant is > 0)
            part.bits.push(w[0] === 0 && w[1] === 0 ? c[j]! > 0 : ap > an);
            split.push(part);
          }
        }
        parts = split;
      }
      for (const part of parts) {
        // the maps of layer l+2 from those of layer l+1 and the part's bits (SPEC §2 recursion)
        const m = nextLayerMap(A, c, part.bits, net.layers[l + 1]!);
        next.push({
          poly: part.poly,
          pattern: [...st.pattern, part.bits],
          maps: { A: [...st.maps.A, m.A], c: [...st.maps.c, m.c] },
        });
      }
    }
    states = next;
  }
  // SPEC §2 order: lexicographic in the bits (0 before 1), compared without building strings
  states.sort((a, b) => {
    for (let l = 0; l < a.pattern.length; l++) {
      const [x, y] = [a.pattern[l]!, b.pattern[l]!];
      for (let j = 0; j < x.length; j++) if (x[j] !== y[j]) return x[j] ? 1 : -1;
    }
    return 0;
  });
  return states.map((st) => {
    const poly = dropDuplicates(st.poly);
    const codes: number[] = [];
    for (const bits of st.pattern) for (const b of bits) codes.push(b ? 49 : 48); // '1' : '0'
    return {
      label: String.fromCharCode(...codes),
      pattern: st.pattern,
      vertices: poly.vertices,
      tags: poly.tags,
      maps: st.maps,
      area: polygonArea(poly.vertices),
    };
  });
}

/** +1 / −1 when every vertex is on that side of w·x + c = 0 (within eps), 0 when the line cuts. */
function sideOf(p: Poly, w: readonly number[], c: number, eps: number): -1 | 0 | 1 {
  let pos = false;
  let neg = false;
  for (const v of p.vertices) {
    const g = w[0]! * v[0] + w[1]! * v[1] + c;
    if (g > eps) pos = true;
    else if (g < -eps) neg = true;
    if (pos && neg) return 0;
  }
  if (pos) return 1;
  if (neg) return -1;
  // every vertex on the line: a degenerate polygon or a constant unit
  return w[0] === 0 && w[1] === 0 && c > 0 ? 1 : -1;
}

/** Removes vertices equal to their successor (zero-length edges from cuts through vertices). */
function dropDuplicates(p: Poly): Poly {
  const vertices: [number, number][] = [];
  const tags: EdgeTag[] = [];
  const n = p.vertices.length;
  for (let i = 0; i < n; i++) {
    const a = p.vertices[i]!;
    const b = p.vertices[(i + 1) % n]!;
    if (
      Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) <=
      1e-14 * (1 + Math.abs(a[0]) + Math.abs(a[1]))
    )
      continue;
    vertices.push(a);
    tags.push(p.tags[i]!);
  }
  return { vertices, tags };
}
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
  const cells = planeCellsV0(net, { box });
  const opts: PenaltyOptions =
    options.weighting === 'mass' && options.masses === undefined
      ? { ...options, masses: cellMassesV0(net, cells, options.points ?? []) }
      : options;
  const result = planePenaltyV0(cells, opts, box);
  return { value: result.value, gradient: lineGradientsToWeightsV0(net, cells, result), cells };
}
