/**
 * One data-holding cell as a constraint system for the LP-only geometry tier (docs/math.md §3, §4,
 * "LP tier"): float rows g_i(x) = w_i·x + c_i ≤ 0 for the float LPs, each row's exact primitive
 * integer form on demand, and an exact test "is the rational point y strictly inside every row but
 * these" — the certificate check of every claim (SPEC §1 filtered decisions).
 *
 * ReLU MLP cells never form their full exact H-representation (O(n³) BigInt work in 64-D): the float
 * rows come from float layer maps, an exact row from one backward sweep (exactUnitMap), and the
 * inside test is the masked forward pass with a proven float error bound, exact on doubt
 * (mlp-certify.ts). Other model kinds use their exact rows (cheap: splits, sites, classes).
 */
import { affineWithError, approxAffineSign, gcdOfList, signBeyond } from '@mlgeo/exact-arith';
import type { ReluMlpModel } from '../models.js';
import type { IntLayer } from '../engines/mlp-maps.js';
import { exactPoint } from './float-rows.js';
import { type IntAffine, negateAffine } from '../engines/affine.js';
import { type FloatRow, floatMlpRows, mlpPattern } from '../engines/cell-rows.js';
import { rowsOf, type DataHoldingState } from '../engines/data-holding.js';
import {
  exactUnitMap,
  strictlyInsideMasked,
  strictlyInsideMaskedFloat,
  unitAt,
} from '../engines/mlp-certify.js';
import { type MlpFaceContext, mlpFaceContext } from '../engines/mlp-faces.js';
import { type HVertex, filteredSign } from '../engines/vcell.js';

/** A cell {x : g_i(x) ≤ 0 for every row i} (cell rows, then the domain rows). */
export interface CellSystem {
  /** Input dimension d. */
  readonly d: number;
  /** Float rows (any positive scale of the exact row; for float LPs and screens only). */
  readonly rows: readonly FloatRow[];
  /** Label position of each row (unit, hyperplane, split node …), −1 for a domain row. */
  readonly tags: readonly number[];
  /** The exact primitive integer row i (same sign as the float row). */
  exactRow(i: number): IntAffine;
  /** Exact: every row not in `skip` is < 0 at y. */
  strictlyInside(y: HVertex, skip: ReadonlySet<number>): boolean;
  /**
   * Exact, at a float point (a double vector is the rational it is): every row in `positive` is
   * > 0 and every other row not in `ignore` is < 0. Float with a proven error bound, exact on doubt.
   */
  signsHold(
    y: ArrayLike<number>,
    positive: ReadonlySet<number>,
    ignore?: ReadonlySet<number>,
  ): boolean;
}

/** Shared per-partition context: the MLP float/integer layers (built once). */
export interface SystemContext {
  state: DataHoldingState;
  mlp?: MlpFaceContext;
}

/** The context of a data-holding partition's state. */
export function systemContext(state: DataHoldingState): SystemContext {
  return state.model.kind === 'mlp'
    ? { state, mlp: mlpFaceContext(state.model, [...state.domain.rows]) }
    : { state };
}

/** The constraint system of the data-holding cell `label`. */
export function cellSystem(ctx: SystemContext, label: string): CellSystem {
  return ctx.mlp ? mlpSystem(ctx.mlp, label) : exactSystem(ctx.state, label);
}

/** Any model kind: the exact rows of the adapter plus the domain rows. */
function exactSystem(state: DataHoldingState, label: string): CellSystem {
  const { rows, tags } = rowsOf(state, label);
  return {
    d: state.model.inputDimension,
    rows,
    tags,
    exactRow: (i) => rows[i]!,
    strictlyInside: (y, skip) => rows.every((g, i) => skip.has(i) || filteredSign(g, y) < 0),
    signsHold: (yf, positive, ignore) => {
      let v: HVertex | undefined;
      return rows.every((g, i) => {
        if (ignore?.has(i)) return true;
        const want = positive.has(i) ? 1 : -1;
        const s = g.filterSafe ? approxAffineSign(g.wf, g.cf, yf) : undefined;
        if (s !== undefined) return s === want;
        return filteredSign(g, (v ??= exactPoint(yf))) === want;
      });
    },
  };
}

/** ReLU MLP cell: float rows from float maps; exact rows and inside tests without the full H-rep. */
function mlpSystem(ctx: MlpFaceContext, label: string): CellSystem {
  const model: ReluMlpModel = ctx.model;
  const pattern = mlpPattern(model, label);
  const f = floatMlpRows(model, ctx.W, ctx.b, pattern);
  const unitRows = f.rows.length;
  const rows: FloatRow[] = [...f.rows, ...ctx.domainRows];
  const tags = [...f.tags, ...ctx.domainRows.map(() => -1)];
  const cache = new Map<number, IntAffine>();
  // units without a float row: constant on the cell (confirmed exactly; such units are no
  // constraint, SPEC §2) — an exactly non-constant one would be a missing row, so it is added
  const present = new Set(f.tags);
  let constants: Set<number> | undefined;
  const constantUnits = (): Set<number> => {
    if (constants) return constants;
    constants = new Set();
    let pos = 0;
    pattern.forEach((bits, l) => {
      bits.forEach((_, j) => {
        const p = pos + j;
        if (!present.has(p) && exactUnitMap(ctx.intLayers, pattern, l, j).w.every((v) => v === 0n))
          constants!.add(p);
      });
      pos += bits.length;
    });
    return constants;
  };
  const exactRow = (i: number): IntAffine => {
    let g = cache.get(i);
    if (!g) {
      if (i >= unitRows) g = ctx.domainRows[i - unitRows]!;
      else {
        const { layer, unit } = unitAt(ctx.intLayers, tags[i]!);
        const z = exactUnitMap(ctx.intLayers, pattern, layer, unit);
        // bit 1 ⇔ z ≥ 0 ⇔ −z ≤ 0 (cell-rows.ts signedRow)
        g = pattern[layer]![unit] ? negateAffine(z) : z;
      }
      cache.set(i, g);
    }
    return g;
  };
  const strictlyInside = (y: HVertex, skip: ReadonlySet<number>): boolean => {
    for (let k = 0; k < ctx.domainRows.length; k++)
      if (!skip.has(unitRows + k) && filteredSign(ctx.domainRows[k]!, y) >= 0) return false;
    const ignore = new Set(constantUnits());
    for (const i of skip) if (i < unitRows) ignore.add(tags[i]!);
    const fl = strictlyInsideMaskedFloat(ctx.W, ctx.b, pattern, y.xf, -1, ignore);
    if (fl !== undefined) return fl;
    return strictlyInsideMasked(ctx.intLayers, pattern, y, -1, ignore);
  };
  const ignoredUnits = new WeakMap<ReadonlySet<number>, Set<number>>();
  const signsHold = (
    yf: ArrayLike<number>,
    positive: ReadonlySet<number>,
    ignoreRows?: ReadonlySet<number>,
  ): boolean => {
    let v: HVertex | undefined;
    for (let k = 0; k < ctx.domainRows.length; k++) {
      if (ignoreRows?.has(unitRows + k)) continue;
      const g = ctx.domainRows[k]!;
      const want = positive.has(unitRows + k) ? 1 : -1;
      const s0 = g.filterSafe ? approxAffineSign(g.wf, g.cf, yf) : undefined;
      const s = s0 ?? filteredSign(g, (v ??= exactPoint(yf)));
      if (s !== want) return false;
    }
    // wanted sign of each unit's pre-activation z: row = bit ? −z : z
    const want = new Map<number, 1 | -1>();
    for (const i of positive) if (i < unitRows) want.set(tags[i]!, 1);
    let ignore: ReadonlySet<number> = constantUnits();
    if (ignoreRows && ignoreRows.size > 0) {
      // the same ignored rows come back for every pair of a cell (ridges): translate them once
      let more = ignoredUnits.get(ignoreRows);
      if (!more) {
        more = new Set(ignore);
        for (const i of ignoreRows) if (i < unitRows) more.add(tags[i]!);
        ignoredUnits.set(ignoreRows, more);
      }
      ignore = more;
    }
    const unitWant = (p: number, bit: boolean): 1 | -1 => {
      const rowSign = want.get(p) ?? -1;
      return (bit ? -rowSign : rowSign) as 1 | -1;
    };
    const fl = maskedSignsFloat(ctx.W, ctx.b, pattern, yf, ignore, unitWant);
    if (fl !== undefined) return fl;
    return maskedSignsExact(ctx.intLayers, pattern, v ?? exactPoint(yf), ignore, unitWant);
  };
  return { d: model.inputDimension, rows, tags, exactRow, strictlyInside, signsHold };
}

/**
 * The cell's masked forward pass in float with the running error bound (masks of `pattern` held
 * fixed, so z_l are the cell's affine maps): true when every unit's sign is certified to be
 * `want(unit, bit)`, false when one certainly is not, undefined when the bound cannot tell.
 */
function maskedSignsFloat(
  W: readonly Float64Array[],
  b: readonly Float64Array[],
  pattern: readonly (readonly boolean[])[],
  yf: ArrayLike<number>,
  ignore: ReadonlySet<number>,
  want: (unit: number, bit: boolean) => 1 | -1,
): boolean | undefined {
  let h: ArrayLike<number> = yf;
  let e: Float64Array = new Float64Array(yf.length);
  let pos = 0;
  let unsure = false;
  for (let l = 0; l < pattern.length; l++) {
    const bits = pattern[l]!;
    const m = bits.length;
    const z = new Float64Array(m);
    const zErr = new Float64Array(m);
    if (!affineWithError(W[l]!, b[l]!, h, e, z, zErr)) return undefined;
    for (let j = 0; j < m; j++) {
      const p = pos + j;
      if (ignore.has(p)) continue;
      const s = signBeyond(z[j]!, zErr[j]!);
      if (s === undefined) unsure = true;
      else if (s !== want(p, bits[j]!)) return false;
    }
    for (let j = 0; j < m; j++)
      if (!bits[j]) {
        z[j] = 0;
        zErr[j] = 0;
      }
    pos += m;
    h = z;
    e = zErr;
  }
  return unsure ? undefined : true;
}

/** The same pass in integers (exact). */
function maskedSignsExact(
  intLayers: readonly IntLayer[],
  pattern: readonly (readonly boolean[])[],
  y: HVertex,
  ignore: ReadonlySet<number>,
  want: (unit: number, bit: boolean) => 1 | -1,
): boolean {
  let h: readonly bigint[] = y.num;
  let S = y.den;
  let pos = 0;
  for (let l = 0; l < intLayers.length - 1; l++) {
    const { W, b, s } = intLayers[l]!;
    const bits = pattern[l]!;
    const nh = new Array<bigint>(b.length);
    for (let j = 0; j < b.length; j++) {
      let z = b[j]! * S;
      const w = W[j]!;
      for (let k = 0; k < w.length; k++) if (w[k] !== 0n && h[k] !== 0n) z += w[k]! * h[k]!;
      const p = pos + j;
      if (!ignore.has(p)) {
        const sign = z > 0n ? 1 : z < 0n ? -1 : 0;
        if (sign !== want(p, bits[j]!)) return false;
      }
      nh[j] = bits[j] ? z : 0n;
    }
    pos += b.length;
    const g = gcdOfList([...nh, S * s]);
    h = g > 1n ? nh.map((v) => v / g) : nh;
    S = g > 1n ? (S * s) / g : S * s;
  }
  return true;
}
