/**
 * Deciding whether two MLP cells whose labels differ in one unit u share a (d−1)-dimensional face
 * (see adjacency.ts). On the hyperplane z_u = 0 both cells have the same constraints (the network is
 * continuous and unit u contributes relu(0) = 0 either way), so the face is cl A ∩ {z_u = 0}.
 *
 * Order of attempts, each a proof when it succeeds:
 *  1. data certificate: where the segment between a data point of A and one of B crosses z_u = 0,
 *     an exact rational point; if it is strictly inside every other constraint, the face is
 *     (d−1)-dimensional (no LP at all — the common case for neighbouring data); then each data point
 *     projected orthogonally onto z_u = 0 (moved onto it exactly), checked the same way — in 784-D
 *     the segment between two images often crosses other hyperplanes while the projection of one
 *     of them lands on the shared facet;
 *  2. float LP max-margin point, moved onto z_u = 0 exactly, checked exactly;
 *  3. exact LP on the exact H-representation (decides either way).
 */
import type { ReluMlpModel } from '../models.js';
import type { IntAffine } from './affine.js';
import { type FloatRow, floatMlpRows, mlpCellRows, mlpPattern } from './cell-rows.js';
import { slackFloat, strictPointExact } from './lp-bridge.js';
import { type IntLayer, floatSlopes, integerLayers } from './mlp-maps.js';
import {
  exactUnitMap,
  projectOntoHyperplane,
  strictlyInsideMasked,
  strictlyInsideMaskedFloat,
  unitAt,
} from './mlp-certify.js';
import {
  type HVertex,
  exactValue,
  filteredSign,
  makeVertex,
  vertexFromRationals,
} from './vcell.js';
import { Rational, roundRational } from '@mlgeo/exact-arith';

/** Everything needed to decide faces of one network (can live in a worker). */
export interface MlpFaceContext {
  model: ReluMlpModel;
  intLayers: IntLayer[];
  W: Float64Array[];
  b: Float64Array[];
  /** Float inactive-side slopes per layer (undefined: ReLU). */
  slopes: (Float64Array | undefined)[];
  domainRows: IntAffine[];
  floatCache: Map<string, { rows: FloatRow[]; tags: number[] }>;
}

export function mlpFaceContext(model: ReluMlpModel, domainRows: IntAffine[]): MlpFaceContext {
  return {
    model,
    intLayers: integerLayers(model),
    // filter operands (exact-arith roundRational: NaN for a weight below the normal range)
    W: model.layers.map((l) => Float64Array.from(l.weights.flat(), roundRational)),
    b: model.layers.map((l) => Float64Array.from(l.bias, roundRational)),
    slopes: floatSlopes(model),
    domainRows,
    floatCache: new Map(),
  };
}

/** One candidate face: cell labels, the differing unit, a few data points of each cell (float). */
export interface MlpFaceTask {
  a: number;
  b: number;
  labelA: string;
  labelB: string;
  position: number;
  samplesA: number[][];
  samplesB: number[][];
  /**
   * Only the data certificates (segments and projections, no LP): a face they do not certify is
   * `undecided` (neither adjacent nor proven absent). For the LP-free path in high d, where one
   * face LP over 784 variables and 1,800 rows costs seconds.
   */
  certificatesOnly?: boolean;
}

/**
 * A decided candidate face; when adjacent, `point` is an exact rational point of the shared facet
 * (on the separating hyperplane, strictly inside every other row of both cells) — its certificate.
 */
export type FaceDecision = {
  adjacent: boolean;
  how: 'data' | 'point' | 'exact' | 'undecided';
  point?: HVertex;
};

function floatRowsOf(ctx: MlpFaceContext, label: string): { rows: FloatRow[]; tags: number[] } {
  let r = ctx.floatCache.get(label);
  if (!r) {
    const f = floatMlpRows(ctx.model, ctx.W, ctx.b, mlpPattern(ctx.model, label));
    r = {
      rows: [...f.rows, ...ctx.domainRows],
      tags: [...f.tags, ...ctx.domainRows.map(() => -1)],
    };
    if (ctx.floatCache.size > 5000) ctx.floatCache.clear();
    ctx.floatCache.set(label, r);
  }
  return r;
}

const floatValue = (g: FloatRow, x: ArrayLike<number>) => {
  let s = g.cf;
  for (let i = 0; i < g.wf.length; i++) s += g.wf[i]! * x[i]!;
  return s;
};

/**
 * Exact check of a point y on z_u = 0: strictly inside X and all other unit constraints. The masked
 * forward pass runs in float with a proven error bound first; the integer pass only when unsure.
 */
function certifies(
  ctx: MlpFaceContext,
  pattern: boolean[][],
  position: number,
  y: HVertex,
  constants: Set<number>,
): boolean {
  if (!ctx.domainRows.every((g) => filteredSign(g, y) < 0)) return false;
  const f = strictlyInsideMaskedFloat(ctx.W, ctx.b, pattern, y.xf, position, constants, ctx.slopes);
  if (f !== undefined) return f;
  return strictlyInsideMasked(ctx.intLayers, pattern, y, position, constants);
}

/** Float masked forward pass at y (for screening candidate points before exact work). */
function floatScreen(
  ctx: MlpFaceContext,
  pattern: boolean[][],
  position: number,
  yf: ArrayLike<number>,
): boolean {
  for (const g of ctx.domainRows) if (floatValue(g, yf) >= 0) return false;
  let h: ArrayLike<number> = yf;
  let pos = 0;
  for (let l = 0; l < pattern.length; l++) {
    const bits = pattern[l]!;
    const n = h.length;
    const nh = new Float64Array(bits.length);
    for (let j = 0; j < bits.length; j++) {
      let z = ctx.b[l]![j]!;
      for (let k = 0; k < n; k++) z += ctx.W[l]![j * n + k]! * h[k]!;
      if (pos + j !== position && (bits[j] ? z <= 0 : z >= 0)) return false;
      nh[j] = bits[j] ? z : z * (ctx.slopes[l]?.[j] ?? 0);
    }
    pos += bits.length;
    h = nh;
  }
  return true;
}

/** Units whose map is exactly constant on the cell (zero float row confirmed exactly). */
export function constantUnits(
  ctx: MlpFaceContext,
  pattern: boolean[][],
  tags: readonly number[],
): Set<number> {
  const present = new Set(tags);
  const out = new Set<number>();
  let pos = 0;
  pattern.forEach((bits, l) => {
    bits.forEach((_, j) => {
      const p = pos + j;
      if (!present.has(p) && exactUnitMap(ctx.intLayers, pattern, l, j).w.every((v) => v === 0n))
        out.add(p);
    });
    pos += bits.length;
  });
  return out;
}

/** The centre of a box domain (every domain row 1-sparse), else undefined; cached on the context. */
const boxMids = new WeakMap<MlpFaceContext, Float64Array | null>();
function boxMid(ctx: MlpFaceContext): Float64Array | undefined {
  let m = boxMids.get(ctx);
  if (m === undefined) {
    const d = ctx.model.inputDimension;
    const lo = new Float64Array(d).fill(-Infinity);
    const hi = new Float64Array(d).fill(Infinity);
    let box = true;
    for (const r of ctx.domainRows) {
      const nz = [];
      for (let i = 0; i < r.wf.length; i++) if (r.wf[i] !== 0) nz.push(i);
      if (nz.length !== 1) {
        box = false;
        break;
      }
      const k = nz[0]!;
      // w x + c < 0: x < −c/w (w > 0) or x > −c/w (w < 0)
      const bound = -r.cf / r.wf[k]!;
      if (r.wf[k]! > 0) hi[k] = Math.min(hi[k]!, bound);
      else lo[k] = Math.max(lo[k]!, bound);
    }
    m =
      box && lo.every((v, i) => Number.isFinite(v) && Number.isFinite(hi[i]!))
        ? lo.map((v, i) => (v + hi[i]!) / 2)
        : null;
    boxMids.set(ctx, m);
  }
  return m ?? undefined;
}

/** Margin (rows scaled to ‖w‖_∞ = 1) at which the first face LP may stop. */
const EARLY_MARGIN = 1e-6;

/** Decides one candidate face (see the module comment). */
export function decideMlpFace(ctx: MlpFaceContext, task: MlpFaceTask): FaceDecision {
  const pattern = mlpPattern(ctx.model, task.labelA);
  const { layer, unit } = unitAt(ctx.intLayers, task.position);
  const g = exactUnitMap(ctx.intLayers, pattern, layer, unit);
  if (g.w.every((v) => v === 0n)) return { adjacent: false, how: 'exact' };
  let fr: { rows: FloatRow[]; tags: number[] } | undefined;
  const rowsA = () => (fr ??= floatRowsOf(ctx, task.labelA));
  // Units constant on the cell satisfy their own sign test unless the constant is exactly 0, so
  // first check without excluding them (a stricter test, still a proof) and find them only on failure.
  let constants: Set<number> | undefined;
  const none = new Set<number>();
  const check = (y: HVertex) =>
    certifies(ctx, pattern, task.position, y, none) ||
    certifies(
      ctx,
      pattern,
      task.position,
      y,
      (constants ??= constantUnits(ctx, pattern, rowsA().tags)),
    );
  // 1. data certificates: closest pairs first
  const pairs: { p: number[]; q: number[]; dist: number }[] = [];
  for (const p of task.samplesA)
    for (const q of task.samplesB) {
      let dist = 0;
      for (let i = 0; i < p.length; i++) dist += (p[i]! - q[i]!) ** 2;
      pairs.push({ p, q, dist });
    }
  pairs.sort((x, y) => x.dist - y.dist);
  for (const { p, q } of pairs.slice(0, 3)) {
    const gp = floatValue(g, p);
    const gq = floatValue(g, q);
    if (!(gp !== gq)) continue;
    const lam = gp / (gp - gq);
    const yf = p.map((v, i) => v + lam * (q[i]! - v));
    // cheap float screen before exact work (a constant unit at exactly 0 fails it; the LP path
    // below still handles that case)
    if (!floatScreen(ctx, pattern, task.position, yf)) continue;
    const P = vertexFromRationals(p.map((v) => Rational.fromDouble(v)));
    const Q = vertexFromRationals(q.map((v) => Rational.fromDouble(v)));
    const Gp = exactValue(g, P);
    const Gq = exactValue(g, Q);
    if (Gp === Gq) continue;
    const y = makeVertex(
      Q.num.map((qx, k) => Gp * qx - Gq * P.num[k]!),
      Gp * Q.den - Gq * P.den,
    );
    if (check(y)) return { adjacent: true, how: 'data', point: y };
  }
  // 1b. each data point projected orthogonally onto z_u = 0 (the nearest point of the hyperplane;
  // on the shared facet when no other row is nearer), moved onto it exactly, checked exactly
  let n2 = 0;
  for (let i = 0; i < g.wf.length; i++) n2 += g.wf[i]! ** 2;
  // a data point on the box (a pixel at 0) projects onto the box's boundary: also try it moved
  // 2^-8 of the way to the box's centre
  const mid = boxMid(ctx);
  const nudged = (p: number[]) => (mid ? [p, p.map((v, i) => v + (mid[i]! - v) / 256)] : [p]);
  if (n2 > 0)
    for (const p of [...task.samplesA, ...task.samplesB].flatMap(nudged)) {
      const t = floatValue(g, p) / n2;
      const yf = p.map((v, i) => v - t * g.wf[i]!);
      if (!floatScreen(ctx, pattern, task.position, yf)) continue;
      const y0 = vertexFromRationals(yf.map((v) => Rational.fromDouble(v)));
      const y = projectOntoHyperplane(g, y0);
      if (y && check(y)) return { adjacent: true, how: 'data', point: y };
    }
  if (task.certificatesOnly) return { adjacent: false, how: 'undecided' };
  // 2. float LP, exact point check
  const eqRow: FloatRow = g;
  const others = rowsA().rows.filter((_, k) => rowsA().tags[k] !== task.position);
  // first the simplex stopped at the first point with a small margin (a face needs a strictly
  // feasible point, not the largest margin; in 784-D the full solve takes hundreds of pivots)
  const early = slackFloat(others, [eqRow], EARLY_MARGIN);
  if (early.feasible && early.margin >= EARLY_MARGIN && early.point) {
    const y0 = vertexFromRationals(early.point.map((v) => Rational.fromDouble(v)));
    const y = projectOntoHyperplane(g, y0);
    if (y && check(y)) return { adjacent: true, how: 'point', point: y };
  }
  const f = early.feasible && early.margin >= EARLY_MARGIN ? slackFloat(others, [eqRow]) : early;
  if (f.feasible && f.margin > 1e-9 && f.point) {
    const y0 = vertexFromRationals(f.point.map((v) => Rational.fromDouble(v)));
    const y = projectOntoHyperplane(g, y0);
    if (y && check(y)) return { adjacent: true, how: 'point', point: y };
  }
  // 3. exact LP
  const exact = mlpCellRows(ctx.model, task.labelA);
  const rows = [...exact.rows.filter((_, k) => exact.tags[k] !== task.position), ...ctx.domainRows];
  const x = strictPointExact(rows, [g]);
  return x
    ? { adjacent: true, how: 'exact', point: vertexFromRationals(x) }
    : { adjacent: false, how: 'exact' };
}
