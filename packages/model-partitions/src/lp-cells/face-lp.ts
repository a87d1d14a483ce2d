/**
 * Facet adjacency of two ReLU MLP cells by one float LP with the box as variable bounds, each
 * answer certified exactly (docs/math.md §3, LP tier, *Adjacency*). Cells A and B differ in unit u; they
 * share a (d−1)-dimensional face iff some x of the box has z_u(x) = 0 and every other row of A
 * strictly negative (on z_u = 0 the rows of A and B agree), i.e. iff
 *
 *   t* = max { t : z_u(x) = 0, g_k(x) + t ≤ 0 (rows g_k of A scaled to ‖w_k‖₂ = 1, k ≠ u), x ∈ box }
 *
 * is positive. The LP has ≈ 2·(hidden units) rows and d bounded columns (784-D Fashion-MNIST:
 * 256 × 785), applied as a factored operator (`unitRows`: no d-long row is formed);
 * exact-polytope's bounded dual simplex solves it with t capped at a small τ (a positive margin is
 * all that is needed) from a start on z_u = 0 (where a data segment crosses it). That start, pulled
 * δ inside the box, is checked first: often it is a certificate already (pixels at 0 put the data
 * certificates of mlp-faces.ts on the box's boundary).
 *
 * - t* > 0: the float maximiser, in a box shrunk by δ so that it is strictly inside the box, is
 *   moved onto z_u = 0 exactly and checked by the masked forward pass (float with a proven error
 *   bound, integers when unsure): a certified point of the shared facet → adjacent.
 * - t* ≤ 0: weak duality. For multipliers λ_k ≥ 0 (not all 0) of the rows and any μ,
 *   F = Σ λ_k g_k + μ z_u is affine; if min over the closed box of F ≥ 0, no x of the box has
 *   z_u = 0 and every g_k < 0 (there F = Σ λ_k g_k < 0). The LP's multipliers, rounded to
 *   integers, give F exactly by one backward sweep through the integer layers (mlp-certify.ts), and
 *   the box minimum Σ min(F_i lo_i, F_i hi_i) + F_0 is evaluated in integers → not adjacent. When
 *   the multipliers of the δ-shrunk box fail, the LP over the closed box is tried (a hyperplane that
 *   touches the box only on its boundary).
 * - Anything else (a certificate that fails, the iteration limit, a non-box domain) is `undecided`:
 *   never guessed. Faces that meet only in lower dimension have t* = 0: the dual bound may prove
 *   them absent (F ≥ 0 on the box exactly); a point certificate can never pass for them.
 */
import { Rational } from '@mlgeo/exact-arith';
import { type LinearOperator, boundedDualSimplex } from '@mlgeo/exact-polytope';
import { mlpPattern } from '../engines/cell-rows.js';
import type { MlpFaceContext, MlpFaceTask } from '../engines/mlp-faces.js';
import { type IntAffine, IntAffineRow } from '../engines/affine.js';
import {
  exactUnitAffine,
  exactUnitMap,
  projectOntoHyperplane,
  strictlyInsideMasked,
  strictlyInsideMaskedFloat,
  unitAt,
} from '../engines/mlp-certify.js';
import { type IntLayer, leakDen, maskFactor } from '../engines/mlp-maps.js';
import { type HVertex, filteredSign, vertexFromRationals } from '../engines/vcell.js';

/** The box domain, exact and float. */
export interface FaceBox {
  lo: readonly Rational[];
  hi: readonly Rational[];
}

/** Result of {@link boundedFaceLP}. */
export interface BoundedFaceDecision {
  /** `adjacent` (certified point), `absent` (certified dual bound) or `undecided`. */
  decision: 'adjacent' | 'absent' | 'undecided';
  /** With `adjacent`: an exact point of the shared facet. */
  point?: HVertex;
  /** The float LP's optimum t* (capped at τ), NaN when it did not finish. */
  margin: number;
  /** Simplex iterations. */
  iterations: number;
  /** Why it is undecided. */
  reason?: string;
  /** How an adjacency was certified: the start point itself (no LP) or the LP's point. */
  by?: 'start' | 'lp';
}

/** Options of {@link boundedFaceLP}. */
export interface BoundedFaceOptions {
  /** The cap τ of the margin, relative to the box width (default 1e-4). */
  cap?: number;
  /** The box shrink δ for the primal point, relative to the box width (default 1e-6). */
  shrink?: number;
  /** Try the start point (pulled strictly inside the box) before the LP (default true). */
  startCheck?: boolean;
  /** Iteration limit of the simplex (default 20·(rows + d)). */
  maxIterations?: number;
}

/** Precomputed per network and box (shared by the candidates). */
export interface FaceLpContext {
  face: MlpFaceContext;
  lo: Float64Array;
  hi: Float64Array;
  /** Box bounds times the common denominator L of all bounds (integers). */
  loL: bigint[];
  hiL: bigint[];
  L: bigint;
  width: number;
  /** W₁W₁ᵀ of the first layer (made on first use). */
  gram0?: Float64Array;
}

/** The context, or undefined when the domain is not a box. */
export function faceLpContext(
  face: MlpFaceContext,
  box: FaceBox | undefined,
): FaceLpContext | undefined {
  if (!box) return undefined;
  const d = box.lo.length;
  let L = 1n;
  const gcd = (a: bigint, b: bigint): bigint => {
    while (b) [a, b] = [b, a % b];
    return a < 0n ? -a : a;
  };
  for (const r of [...box.lo, ...box.hi]) L = (L / gcd(L, r.den)) * r.den;
  const lo = Float64Array.from(box.lo, (r) => r.toNumber());
  const hi = Float64Array.from(box.hi, (r) => r.toNumber());
  let width = 0;
  for (let i = 0; i < d; i++) width = Math.max(width, hi[i]! - lo[i]!);
  return {
    face,
    lo,
    hi,
    loL: box.lo.map((r) => (r.num * L) / r.den),
    hiL: box.hi.map((r) => (r.num * L) / r.den),
    L,
    width: width > 0 ? width : 1,
  };
}

/**
 * A positive integer multiple of Σ_l Σ_j λ_{l,j} z_{l,j}(x) on the cell with `pattern` (z_{l,j}
 * the exact pre-activation of hidden unit j of layer l): one backward sweep, as exactUnitAffine.
 */
export function combinedUnitAffine(
  intLayers: readonly IntLayer[],
  pattern: readonly (readonly boolean[])[],
  lambda: readonly (readonly bigint[])[],
): { w: bigint[]; c: bigint } {
  let top = -1;
  lambda.forEach((l, k) => {
    if (l.some((v) => v !== 0n)) top = k;
  });
  const d = intLayers[0]!.W[0]!.length;
  if (top < 0) return { w: new Array<bigint>(d).fill(0n), c: 0n };
  // invariant: S·K = r·z_l + C (K > 0)
  let r = lambda[top]!.slice();
  let C = 0n;
  let K = 1n;
  for (let l = top; ; l--) {
    const { W, b, s } = intLayers[l]!;
    let rb = 0n;
    for (let j = 0; j < r.length; j++) if (r[j] !== 0n) rb += r[j]! * b[j]!;
    const n = W[0]!.length;
    if (l === 0) {
      const w = new Array<bigint>(n).fill(0n);
      for (let j = 0; j < r.length; j++) {
        const rj = r[j]!;
        if (rj === 0n) continue;
        const row = W[j]!;
        for (let i = 0; i < n; i++) if (row[i] !== 0n) w[i]! += rj * row[i]!;
      }
      return { w, c: rb + C * s };
    }
    // z_l = (W_l h + b_l)/s_l, h = diag(f) z_{l−1} / ld
    const prev = intLayers[l - 1]!;
    const ld = leakDen(prev);
    const bits = pattern[l - 1]!;
    const next = new Array<bigint>(n).fill(0n);
    for (let j = 0; j < r.length; j++) {
      const rj = r[j]!;
      if (rj === 0n) continue;
      const row = W[j]!;
      for (let i = 0; i < n; i++) if (row[i] !== 0n) next[i]! += rj * row[i]!;
    }
    for (let i = 0; i < n; i++) next[i] = next[i]! * maskFactor(prev, bits[i], i);
    C = (rb + C * s) * ld;
    K = K * s * ld;
    const lam = lambda[l - 1]!;
    for (let i = 0; i < n; i++) if (lam[i] !== 0n) next[i]! += K * lam[i]!;
    r = next;
  }
}

/** Units constant on the cell (zero exact row) among the `candidates` (zero float rows). */
function constantUnits(
  ctx: MlpFaceContext,
  pattern: boolean[][],
  candidates: readonly number[],
): Set<number> {
  const out = new Set<number>();
  for (const p of candidates) {
    const { layer, unit } = unitAt(ctx.intLayers, p);
    if (exactUnitMap(ctx.intLayers, pattern, layer, unit).w.every((v) => v === 0n)) out.add(p);
  }
  return out;
}

/** Decides one candidate face by the bounded LP (see the module comment). */
export function boundedFaceLP(
  lc: FaceLpContext,
  task: MlpFaceTask,
  options: BoundedFaceOptions = {},
): BoundedFaceDecision {
  const ctx = lc.face;
  const model = ctx.model;
  const d = model.inputDimension;
  const pattern = mlpPattern(model, task.labelA);
  const { layer, unit } = unitAt(ctx.intLayers, task.position);
  // z_u exactly (an integer multiple, no gcd: only its hyperplane is used) and in float
  const ge = exactUnitAffine(ctx.intLayers, pattern, layer, unit);
  const gf = floatUnitRow(lc, pattern, layer, unit);
  const g: IntAffine = new IntAffineRow(ge.w, ge.c, gf.w, gf.c, false);
  if (g.w.every((v) => v === 0n))
    return { decision: 'absent', margin: -Infinity, iterations: 0, reason: 'constant unit' };
  let rowsMemo: ReturnType<typeof unitRows> | undefined;
  const rowsOf = () => (rowsMemo ??= unitRows(lc, pattern, task.position));
  const w = lc.width;
  const delta = (options.shrink ?? 1e-6) * w;
  // an exact point on z_u = 0 near xf (moved onto it exactly), checked strictly inside the box and
  // every other row of the cell
  let constants: Set<number> | undefined;
  const certifyAt = (xf: readonly number[]): { point?: HVertex; reason?: string } => {
    const y0 = vertexFromRationals(xf.map((v) => Rational.fromDouble(v)));
    const y = projectOntoHyperplane(g, y0);
    if (!y) return { reason: 'no projection' };
    if (!ctx.domainRows.every((r) => filteredSign(r, y) < 0))
      return { reason: 'point not certified (box)' };
    const check = (cs: Set<number>) => {
      const f = strictlyInsideMaskedFloat(
        ctx.W,
        ctx.b,
        pattern,
        y.xf,
        task.position,
        cs,
        ctx.slopes,
      );
      if (f !== undefined) return f;
      return strictlyInsideMasked(ctx.intLayers, pattern, y, task.position, cs);
    };
    if (check(new Set()) || check((constants ??= constantUnits(ctx, pattern, rowsOf().zero))))
      return { point: y };
    return { reason: 'point not certified (rows)' };
  };
  // start on z_u = 0: where the segment between the closest data points of A and B crosses it
  const zu = (x: ArrayLike<number>) => {
    let s = g.cf;
    for (let i = 0; i < d; i++) s += g.wf[i]! * x[i]!;
    return s;
  };
  let start: number[] | undefined;
  let best = Infinity;
  for (const p of task.samplesA)
    for (const q of task.samplesB) {
      let dist = 0;
      for (let i = 0; i < d; i++) dist += (p[i]! - q[i]!) ** 2;
      const gp = zu(p);
      const gq = zu(q);
      if (dist < best && gp !== gq) {
        const lam = gp / (gp - gq);
        if (lam >= 0 && lam <= 1) {
          best = dist;
          start = p.map((v, i) => v + lam * (q[i]! - v));
        }
      }
    }
  if (!start) {
    const p = task.samplesA[0] ?? Array.from(lc.lo, (l, i) => (l + lc.hi[i]!) / 2);
    let gn = 0;
    for (let i = 0; i < d; i++) gn += g.wf[i]! ** 2;
    const t = zu(p) / gn;
    start = p.map((v, i) => v - t * g.wf[i]!);
  }
  // the start itself, pulled strictly inside the box: often a certificate already (no LP)
  if (options.startCheck !== false) {
    const xs = start.map((v, i) => Math.min(lc.hi[i]! - delta, Math.max(lc.lo[i]! + delta, v)));
    const c = certifyAt(xs);
    if (c.point)
      return { decision: 'adjacent', point: c.point, margin: NaN, iterations: 0, by: 'start' };
  }
  const rowsOp = rowsOf();
  if (rowsOp.eqZero)
    return { decision: 'undecided', margin: NaN, iterations: 0, reason: 'float row of z_u is 0' };
  const { m, A, rowLo, rowHi, unitLayer, unitIndex, scale } = rowsOp;
  const n = d + 1;
  const tau = (options.cap ?? 1e-4) * w;
  const colLo = new Float64Array(n);
  const colHi = new Float64Array(n);
  for (let j = 0; j < d; j++) {
    colLo[j] = lc.lo[j]! + delta;
    colHi[j] = lc.hi[j]! - delta;
  }
  colLo[d] = -Infinity;
  colHi[d] = tau;
  const cost = new Float64Array(n);
  cost[d] = 1;
  const lpStart = [...start, tau];
  const solve = (shrink: number) => {
    for (let j = 0; j < d; j++) {
      colLo[j] = lc.lo[j]! + shrink;
      colHi[j] = lc.hi[j]! - shrink;
    }
    return boundedDualSimplex(
      { m, n, A, rowLo, rowHi, colLo, colHi, cost, start: lpStart },
      options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {},
    );
  };
  // the weak-duality certificate of "no point": true when the exact bound holds
  const dualCertificate = (res: ReturnType<typeof solve>): boolean => {
    // multipliers: inequality rows λ_k = max(0, y_k) (rows at their upper bound), the equality free
    const lambdaF = pattern.map((bits) => new Float64Array(bits.length));
    let anyRow = false;
    let mu: number;
    if (res.status === 'optimal') {
      // row i = scale_i · z (scale = s/‖z‖, s = −1 on active units): λ on z is y_i·scale_i
      for (let i = 0; i < m - 1; i++) {
        const yi = res.y[i]!;
        if (!(yi > 0)) continue;
        anyRow = true;
        lambdaF[unitLayer[i]!]![unitIndex[i]!]! += yi * scale[i]!;
      }
      mu = res.y[m - 1]! * scale[m - 1]!;
    } else if (res.status === 'infeasible') {
      // z_u = 0 misses the box: F = ±z_u alone
      const r = zu(Array.from(lc.lo, (l, i) => (g.wf[i]! > 0 ? l : lc.hi[i]!)));
      mu = r > 0 ? scale[m - 1]! : -scale[m - 1]!;
    } else return false;
    lambdaF[layer]![unit]! += mu;
    let big = 0;
    for (const l of lambdaF) for (const v of l) big = Math.max(big, Math.abs(v));
    if (!(big > 0) || !Number.isFinite(big)) return false;
    // integers: λ·2^e rounded (signs kept; any λ_k ≥ 0 gives a valid bound)
    const pow = 2 ** (62 - Math.ceil(Math.log2(big)));
    const lambda = lambdaF.map((l) => Array.from(l, (v) => BigInt(Math.round(v * pow))));
    const { w: Fw, c: Fc } = combinedUnitAffine(ctx.intLayers, pattern, lambda);
    // L · min over the closed box of F
    let minL = Fc * lc.L;
    for (let i = 0; i < d; i++) {
      const f = Fw[i]!;
      if (f > 0n) minL += f * lc.loL[i]!;
      else if (f < 0n) minL += f * lc.hiL[i]!;
    }
    return (
      minL > 0n || (minL === 0n && anyRow && rowMultipliersNonzero(lambda, pattern, layer, unit))
    );
  };
  const res = solve(delta);
  let iterations = res.iterations;
  if (res.status === 'optimal' && res.value > 0) {
    const xf = Array.from(res.x.subarray(0, d));
    const c = certifyAt(xf);
    if (c.point)
      return { decision: 'adjacent', point: c.point, margin: res.value, iterations, by: 'lp' };
    return { decision: 'undecided', margin: res.value, iterations, reason: c.reason };
  }
  if (res.status !== 'optimal' && res.status !== 'infeasible')
    return { decision: 'undecided', margin: NaN, iterations, reason: `simplex: ${res.status}` };
  if (dualCertificate(res)) return { decision: 'absent', margin: res.value, iterations };
  // the box shrunk by δ can lose the multipliers of a face that touches the box's boundary only:
  // the LP over the closed box
  const closed = solve(0);
  iterations += closed.iterations;
  if ((closed.status === 'optimal' && !(closed.value > 0)) || closed.status === 'infeasible')
    if (dualCertificate(closed)) return { decision: 'absent', margin: closed.value, iterations };
  return {
    decision: 'undecided',
    margin: res.value,
    iterations,
    reason: 'dual bound not certified',
  };
}

/** Some row multiplier other than the equality's is nonzero after rounding. */
function rowMultipliersNonzero(
  lambda: readonly (readonly bigint[])[],
  pattern: readonly (readonly boolean[])[],
  layer: number,
  unit: number,
): boolean {
  for (let l = 0; l < lambda.length; l++)
    for (let j = 0; j < pattern[l]!.length; j++)
      if (!(l === layer && j === unit) && lambda[l]![j] !== 0n) return true;
  return false;
}

/**
 * The LP rows of a cell as a factored operator (no d-long row is formed): row i is unit
 * (unitLayer[i], unitIndex[i]) scaled by scale[i] = s/‖w‖₂ (s = −1 on active units) plus the margin
 * column t; the last row is the equality z_u/‖w_u‖₂ (no t). A x is the masked forward pass of the
 * linear parts, Aᵀy one backward sweep; the row norms come from the Gram matrix W₁W₁ᵀ through the
 * active units.
 */
export function unitRows(
  lc: FaceLpContext,
  pattern: readonly (readonly boolean[])[],
  position: number,
): {
  m: number;
  A: LinearOperator;
  rowLo: Float64Array;
  rowHi: Float64Array;
  unitLayer: Int32Array;
  unitIndex: Int32Array;
  scale: Float64Array;
  /** Label positions whose float row is 0 (no LP row; constant units among them). */
  zero: number[];
  /** z_u's float row is 0 (no LP). */
  eqZero: boolean;
} {
  const ctx = lc.face;
  const d = ctx.model.inputDimension;
  const H = pattern.length;
  const W = ctx.W;
  const sizes = [d, ...pattern.map((b) => b.length)];
  const f = pattern.map((bits, l) =>
    Float64Array.from(bits, (bit, j) => (bit ? 1 : (ctx.slopes[l]?.[j] ?? 0))),
  );
  // constants of the unit maps
  const c: Float64Array[] = [];
  for (let l = 0; l < H; l++) {
    const nl = sizes[l + 1]!;
    const np = sizes[l]!;
    const cl = Float64Array.from(ctx.b[l]!.subarray(0, nl));
    if (l > 0) {
      const prev = c[l - 1]!;
      const fl = f[l - 1]!;
      for (let j = 0; j < nl; j++) {
        let sum = 0;
        for (let k = 0; k < np; k++) if (fl[k] !== 0) sum += W[l]![j * np + k]! * fl[k]! * prev[k]!;
        cl[j]! += sum;
      }
    }
    c.push(cl);
  }
  // squared row norms through the Gram matrices G_l of the unit maps' linear parts
  const norm2: Float64Array[] = [];
  let G = (lc.gram0 ??= gramOf(W[0]!, sizes[1]!, d));
  norm2.push(Float64Array.from({ length: sizes[1]! }, (_, j) => G[j * sizes[1]! + j]!));
  for (let l = 1; l < H; l++) {
    const nl = sizes[l + 1]!;
    const np = sizes[l]!;
    const fl = f[l - 1]!;
    const active: number[] = [];
    for (let k = 0; k < np; k++) if (fl[k] !== 0) active.push(k);
    // T = M G (M = W_l diag f), rows of M over the active units only
    const T = new Float64Array(nl * np);
    const nn = new Float64Array(nl);
    for (let j = 0; j < nl; j++) {
      const o = j * np;
      for (const k of active) {
        const mk = W[l]![o + k]! * fl[k]!;
        if (mk === 0) continue;
        const gk = k * np;
        for (let i = 0; i < np; i++) T[o + i]! += mk * G[gk + i]!;
      }
      let s = 0;
      for (const k of active) s += T[o + k]! * W[l]![o + k]! * fl[k]!;
      nn[j] = s;
    }
    norm2.push(nn);
    if (l + 1 < H) {
      const Gn = new Float64Array(nl * nl);
      for (let j = 0; j < nl; j++)
        for (let i = 0; i < nl; i++) {
          let s = 0;
          for (const k of active) s += T[j * np + k]! * W[l]![i * np + k]! * fl[k]!;
          Gn[j * nl + i] = s;
        }
      G = Gn;
    }
  }
  const layerOf: number[] = [];
  const indexOf: number[] = [];
  const scales: number[] = [];
  const his: number[] = [];
  let pos = 0;
  let eq: { l: number; j: number; s: number; hi: number } | undefined;
  const zero: number[] = [];
  for (let l = 0; l < H; l++) {
    for (let j = 0; j < sizes[l + 1]!; j++, pos++) {
      const nrm = Math.sqrt(Math.max(0, norm2[l]![j]!));
      if (!(nrm > 0)) zero.push(pos);
      if (pos === position) {
        if (nrm > 0) eq = { l, j, s: 1 / nrm, hi: -c[l]![j]! / nrm };
        continue;
      }
      if (!(nrm > 0)) continue;
      const sc = (pattern[l]![j] ? -1 : 1) / nrm;
      layerOf.push(l);
      indexOf.push(j);
      scales.push(sc);
      his.push(-sc * c[l]![j]!);
    }
  }
  const eqZero = !eq;
  const { l: el, j: ej, s: es, hi: eh } = eq ?? { l: 0, j: 0, s: 0, hi: 0 };
  layerOf.push(el);
  indexOf.push(ej);
  scales.push(es);
  his.push(eh);
  const m = scales.length;
  const unitLayer = Int32Array.from(layerOf);
  const unitIndex = Int32Array.from(indexOf);
  const scale = Float64Array.from(scales);
  const rowHi = Float64Array.from(his);
  const rowLo = new Float64Array(m).fill(-Infinity);
  rowLo[m - 1] = rowHi[m - 1]!;
  const z = sizes.slice(1).map((k) => new Float64Array(k));
  const v = sizes.slice(1).map((k) => new Float64Array(k));
  // z_0 given: the linear parts of the later layers, then the rows
  const forward = (out: Float64Array, t: number) => {
    for (let l = 1; l < H; l++) {
      const np = sizes[l]!;
      const prev = z[l - 1]!;
      const fl = f[l - 1]!;
      const zl = z[l]!;
      for (let j = 0; j < zl.length; j++) {
        let s = 0;
        const o = j * np;
        for (let k = 0; k < np; k++) if (fl[k] !== 0) s += W[l]![o + k]! * fl[k]! * prev[k]!;
        zl[j] = s;
      }
    }
    for (let i = 0; i < m; i++)
      out[i] = scale[i]! * z[unitLayer[i]!]![unitIndex[i]!]! + (i < m - 1 ? t : 0);
  };
  const n0 = sizes[1]!;
  const A: LinearOperator = {
    times(x, out) {
      const z0 = z[0]!;
      for (let r = 0; r < n0; r++) {
        let s = 0;
        const o = r * d;
        for (let i = 0; i < d; i++) s += W[0]![o + i]! * x[i]!;
        z0[r] = s;
      }
      forward(out, x[d]!);
    },
    column(j, out) {
      if (j === d) {
        for (let i = 0; i < m; i++) out[i] = i < m - 1 ? 1 : 0;
        return;
      }
      const z0 = z[0]!;
      for (let r = 0; r < n0; r++) z0[r] = W[0]![r * d + j]!;
      forward(out, 0);
    },
    transposeTimes(y, out) {
      for (const vl of v) vl.fill(0);
      let t = 0;
      for (let i = 0; i < m; i++) {
        const yi = y[i]!;
        if (yi === 0) continue;
        v[unitLayer[i]!]![unitIndex[i]!]! += yi * scale[i]!;
        if (i < m - 1) t += yi;
      }
      for (let l = H - 1; l >= 1; l--) {
        const np = sizes[l]!;
        const vl = v[l]!;
        const vp = v[l - 1]!;
        const fl = f[l - 1]!;
        for (let j = 0; j < vl.length; j++) {
          const a = vl[j]!;
          if (a === 0) continue;
          const o = j * np;
          for (let k = 0; k < np; k++) if (fl[k] !== 0) vp[k]! += a * fl[k]! * W[l]![o + k]!;
        }
      }
      out.fill(0);
      const v0 = v[0]!;
      for (let r = 0; r < n0; r++) {
        const a = v0[r]!;
        if (a === 0) continue;
        const o = r * d;
        for (let i = 0; i < d; i++) out[i]! += a * W[0]![o + i]!;
      }
      out[d] = t;
    },
  };
  return { m, A, rowLo, rowHi, unitLayer, unitIndex, scale, zero, eqZero };
}

/** W Wᵀ of a row-major r × d matrix. */
function gramOf(W: Float64Array, r: number, d: number): Float64Array {
  const G = new Float64Array(r * r);
  for (let i = 0; i < r; i++)
    for (let j = i; j < r; j++) {
      let s = 0;
      const a = i * d;
      const b = j * d;
      for (let k = 0; k < d; k++) s += W[a + k]! * W[b + k]!;
      G[i * r + j] = s;
      G[j * r + i] = s;
    }
  return G;
}

/** The float map z_u(x) = w·x + c of hidden unit (layer, unit) on the cell (a backward sweep). */
function floatUnitRow(
  lc: FaceLpContext,
  pattern: readonly (readonly boolean[])[],
  layer: number,
  unit: number,
): { w: Float64Array; c: number } {
  const ctx = lc.face;
  const d = ctx.model.inputDimension;
  const sizes = [d, ...pattern.map((b) => b.length)];
  let v = new Float64Array(sizes[layer + 1]!);
  v[unit] = 1;
  let c = 0;
  for (let l = layer; l >= 0; l--) {
    const np = sizes[l]!;
    const Wl = ctx.W[l]!;
    for (let j = 0; j < v.length; j++) c += v[j]! * ctx.b[l]![j]!;
    const next = new Float64Array(np);
    for (let j = 0; j < v.length; j++) {
      const a = v[j]!;
      if (a === 0) continue;
      const o = j * np;
      for (let k = 0; k < np; k++) next[k]! += a * Wl[o + k]!;
    }
    if (l > 0) {
      const bits = pattern[l - 1]!;
      for (let k = 0; k < np; k++) next[k]! *= bits[k] ? 1 : (ctx.slopes[l - 1]?.[k] ?? 0);
    }
    v = next;
  }
  return { w: v, c };
}
