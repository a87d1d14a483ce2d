/**
 * Two-phase dense simplex method with free variables, generic over the tableau kernel.
 *
 * Standard form: every inequality row gets a slack s_i ≥ 0 (a_i·x + s_i = b_i); x is free.
 * - Phase 0 pivots each free variable into the basis (Gauss–Jordan). Rows that received a free
 *   variable are *frozen*: a free basic variable never leaves, so frozen rows take no part in ratio
 *   tests. A free variable that finds no pivot has a zero column in every unfrozen row (it is a
 *   lineality direction of the constraints); it then makes the LP unbounded iff its reduced cost is
 *   non-zero.
 * - Phase 1 gives each unfrozen row with a negative right-hand side (or an equality row without a
 *   free basic variable) an artificial variable and minimises their sum. Artificials left in the
 *   basis at zero are pivoted out, or their row is dropped as redundant.
 * - Phase 2 optimises the objective over the slack columns.
 *
 * Anti-cycling: Dantzig's rule (most negative reduced cost) until 50 degenerate pivots in a row,
 * then Bland's rule (lowest index entering, lowest basic index among tied ratios) until the next
 * non-degenerate pivot. A run of Bland pivots never cycles and a non-degenerate pivot strictly
 * improves the objective, so the method terminates (in exact arithmetic).
 */
import { MlgeoError } from '@mlgeo/exact-arith';
import type { ExactPolytopeErrorCode } from '../errors.js';
import type { Tableau } from './tableau.js';

/** Pivot budget exceeded (float round-off can make the simplex cycle; exact runs never should). */
export class LPIterationLimitError extends MlgeoError<ExactPolytopeErrorCode> {
  constructor(limit: number) {
    super('LP_ITERATION_LIMIT', `simplex stopped after ${limit} pivots`, {
      fix: 'use the exact (rational) field, or rescale the constraints to comparable magnitudes',
    });
  }
}

const DEGENERATE_RUN_BEFORE_BLAND = 50;

export interface StandardForm<C> {
  /** Number of free variables (columns 0..n−1). */
  n: number;
  /** Row kinds: slack column index for inequality rows, −1 for equality rows. */
  slackOf: number[];
  /** Phase-2 costs (maximisation) of the free variables, in the kernel's input type. */
  cost: Map<number, C>;
  /** The kernel's constant −1 (phase-1 cost of an artificial variable). */
  minusOne: C;
  maxPivots: number;
}

export interface SimplexOutcome<V> {
  status: 'optimal' | 'infeasible' | 'unbounded';
  /** Values of the free variables (optimal). */
  x?: V[];
  /** Reduced costs of the slack columns = inequality multipliers (optimal). */
  slackDuals?: V[];
  /** Final basis: basic column of each row (optimal). */
  basis?: number[];
  pivots: number;
}

/** Runs phases 0–2 on a tableau whose columns are [free vars | slacks] and rows the constraints. */
export function runTwoPhaseSimplex<V, C>(
  tab: Tableau<V>,
  form: StandardForm<C>,
  zero: V,
): SimplexOutcome<V> {
  const m = tab.rows;
  const { n, slackOf } = form;
  const basis = slackOf.slice();
  const frozen = new Array<boolean>(m).fill(false);
  const active = new Array<boolean>(m).fill(true);
  let pivots = 0;
  const doPivot = (r: number, c: number): void => {
    if (++pivots > form.maxPivots) throw new LPIterationLimitError(form.maxPivots);
    tab.pivot(r, c);
    basis[r] = c;
  };

  // Phase 0: free variables into the basis, equality rows first, largest |entry| for stability.
  for (let j = 0; j < n; j++) {
    let best = -1;
    let bestIsEq = false;
    for (let i = 0; i < m; i++) {
      if (frozen[i] || tab.sign(i, j) === 0) continue;
      const isEq = basis[i]! < 0;
      if (best < 0 || (isEq && !bestIsEq) || (isEq === bestIsEq && tab.cmpAbs(i, best, j) > 0)) {
        best = i;
        bestIsEq = isEq;
      }
    }
    if (best < 0) continue;
    doPivot(best, j);
    frozen[best] = true;
  }
  for (let i = 0; i < m; i++) if (frozen[i]) active[i] = false;

  // Phase 1: artificials where the slack basis is not feasible.
  const artificial = new Set<number>();
  for (let i = 0; i < m; i++) {
    if (frozen[i]) continue;
    if (basis[i]! >= 0 && tab.rhsSign(i) >= 0) continue;
    if (tab.rhsSign(i) < 0) tab.negateRow(i);
    const col = tab.addUnitColumn(i);
    artificial.add(col);
    basis[i] = col;
  }
  const isSlack = (j: number): boolean => j >= n && !artificial.has(j);
  if (artificial.size > 0) {
    const phase1Cost = new Map<number, C>();
    for (const a of artificial) phase1Cost.set(a, form.minusOne);
    tab.setObjective(phase1Cost, basis);
    pivots = optimise(tab, basis, active, (j) => j >= n, pivots, form.maxPivots).pivots;
    if (tab.objValueSign() < 0) return { status: 'infeasible', pivots };
    // drive zero-level artificials out of the basis, or drop their (redundant) rows
    for (let i = 0; i < m; i++) {
      if (!active[i] || !artificial.has(basis[i]!)) continue;
      let col = -1;
      for (let j = n; j < tab.cols; j++) {
        if (isSlack(j) && tab.sign(i, j) !== 0) {
          col = j;
          break;
        }
      }
      if (col < 0) active[i] = false;
      else doPivot(i, col);
    }
  }

  // Phase 2.
  tab.setObjective(form.cost, basis);
  const inBasis = new Set(basis);
  for (let j = 0; j < n; j++) {
    if (!inBasis.has(j) && tab.objSign(j) !== 0) return { status: 'unbounded', pivots };
  }
  const res = optimise(tab, basis, active, isSlack, pivots, form.maxPivots);
  pivots = res.pivots;
  if (res.unbounded) return { status: 'unbounded', pivots };

  const x = new Array<V>(n).fill(zero);
  for (let i = 0; i < m; i++) {
    const b = basis[i]!;
    if (b < n) x[b] = tab.rhsValue(i);
  }
  const slackDuals = slackOf.filter((s) => s >= 0).map((s) => tab.objValue(s));
  return { status: 'optimal', x, slackDuals, basis, pivots };
}

/** Primal simplex iterations (maximisation) over the eligible columns and active rows. */
function optimise<V>(
  tab: Tableau<V>,
  basis: number[],
  active: readonly boolean[],
  eligible: (j: number) => boolean,
  pivots: number,
  maxPivots: number,
): { unbounded: boolean; pivots: number } {
  const m = tab.rows;
  let degenerateRun = 0;
  const basic = new Set(basis);
  for (;;) {
    const bland = degenerateRun >= DEGENERATE_RUN_BEFORE_BLAND;
    let c = -1;
    for (let j = 0; j < tab.cols; j++) {
      if (!eligible(j) || basic.has(j) || tab.objSign(j) >= 0) continue;
      if (bland) {
        c = j;
        break;
      }
      if (c < 0 || tab.cmpObj(j, c) < 0) c = j;
    }
    if (c < 0) return { unbounded: false, pivots };
    let r = -1;
    for (let i = 0; i < m; i++) {
      if (!active[i] || tab.sign(i, c) <= 0) continue;
      if (r < 0) {
        r = i;
        continue;
      }
      const cmp = tab.cmpRatio(i, r, c);
      if (cmp < 0 || (cmp === 0 && basis[i]! < basis[r]!)) r = i;
    }
    if (r < 0) return { unbounded: true, pivots };
    const degenerate = tab.rhsSign(r) === 0;
    if (++pivots > maxPivots) throw new LPIterationLimitError(maxPivots);
    tab.pivot(r, c);
    basic.delete(basis[r]!);
    basic.add(c);
    basis[r] = c;
    degenerateRun = degenerate ? degenerateRun + 1 : 0;
  }
}
