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
import { approxAffineSign } from '@mlgeo/exact-arith';
import type { ReluMlpModel } from '../models.js';
import { exactPoint } from './float-rows.js';
import { type IntAffine, negateAffine } from '../engines/affine.js';
import { type FloatRow, floatMlpRows, mlpPattern } from '../engines/cell-rows.js';
import { rowsOf, type DataHoldingState } from '../engines/data-holding.js';
import {
  exactUnitMap,
  maskedSignsExact,
  maskedSignsFloat,
  strictlyInsideMasked,
  strictlyInsideMaskedFloat,
  unitAt,
} from '../engines/mlp-certify.js';
import {
  type MlpFaceContext,
  constantUnits as constantUnitsOf,
  mlpFaceContext,
} from '../engines/mlp-faces.js';
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
  // constraint, SPEC §2) — found on first use
  let constants: Set<number> | undefined;
  const constantUnits = (): Set<number> => (constants ??= constantUnitsOf(ctx, pattern, f.tags));
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
    const fl = strictlyInsideMaskedFloat(ctx.W, ctx.b, pattern, y.xf, -1, ignore, ctx.slopes);
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
    const ignored = (p: number) => ignore.has(p);
    const fl = maskedSignsFloat(ctx.W, ctx.b, pattern, yf, true, ignored, ctx.slopes, unitWant);
    if (fl !== undefined) return fl;
    return maskedSignsExact(ctx.intLayers, pattern, v ?? exactPoint(yf), ignored, unitWant);
  };
  return { d: model.inputDimension, rows, tags, exactRow, strictlyInside, signsHold };
}
