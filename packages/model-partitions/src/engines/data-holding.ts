/**
 * Data-holding cells (SPEC §2): push every point forward, read its label by the model's rule, group
 * the points by cell and build only those cells — a partial partition. Cells are H-representations
 * (the polytope is built lazily; no vertex is ever enumerated), so this works in 64 dimensions.
 *
 * A point on a boundary whose label names a lower-dimensional region goes to the lowest-indexed
 * full-dimensional region whose closure contains it; full-dimensionality is decided by a
 * strict-feasibility LP (float, certified by an exact interior point, else exact).
 */
import { Rational, type RationalLike, lazyProperty } from '@mlgeo/exact-arith';
import type { Model } from '../models.js';
import { type Domain, type DomainSpec, domainFrom } from '../domain.js';
import type { Partition, Predicates, PartitionCell, ProgressCallback } from '../partition.js';
import { DataPoint } from '../locate/point.js';
import { OutsideDomainError, labelerOf, registerDomain } from '../locate/locate.js';
import { type IntAffine } from './affine.js';
import { polytopeOfRows } from './cell.js';
import { slackFloat, strictlyFeasibleExact } from './lp-bridge.js';
import { sortByLabel } from './order.js';
import { irredundantRows } from './irredundant.js';
import { adapterFor } from '../adapters/index.js';
import { exactValue, vertexFromRationals } from './vcell.js';
import { validateModel } from './validate.js';

/** Options of {@link dataHoldingPartition}. */
export interface DataHoldingOptions {
  /** The domain X; default the unit box. */
  domain?: DomainSpec | Domain;
  /**
   * Sign decisions of the cells' polytopes: `'exact'` (default) or `'filtered'` (float filter with
   * exact fallback; identical cells). Point labels are always exact via a float filter.
   */
  predicates?: Predicates;
  /** Count points outside X as `outside` instead of throwing OutsideDomainError. */
  skipOutside?: boolean;
  /**
   * Build each cell's polytope from its facets only (one LP per constraint: redundant constraints
   * and duplicates removed). Default false: the polytope gets every unit's constraint.
   */
  irredundant?: boolean;
  /** Keep the indices of the points of each cell (default true). */
  keepIndices?: boolean;
  onProgress?: ProgressCallback;
}

/** Internal state of a data-holding partition (model, domain, row caches). */
export interface DataHoldingState {
  model: Model;
  domain: Domain;
  points: readonly (readonly RationalLike[])[];
  rowsCache: Map<string, { rows: IntAffine[]; tags: number[] }>;
}

const states = new WeakMap<Partition, DataHoldingState>();

/** The model and domain a data-holding partition was built from. */
export function dataHoldingState(partition: Partition): DataHoldingState | undefined {
  return states.get(partition);
}

/** Exact rows (cell rows then domain rows) of a label, cached; domain rows get tag −1. */
export function rowsOf(
  state: DataHoldingState,
  label: string,
): { rows: IntAffine[]; tags: number[] } {
  let r = state.rowsCache.get(label);
  if (!r) {
    const cell = adapterFor(state.model).cellRows(state.model, label);
    r = {
      rows: [...cell.rows, ...state.domain.rows],
      tags: [...cell.tags, ...state.domain.rows.map(() => -1)],
    };
    state.rowsCache.set(label, r);
  }
  return r;
}

/** True when every row is < 0 at the rational point (an exact certificate of an interior point). */
export function strictlyInside(rows: readonly IntAffine[], x: readonly Rational[]): boolean {
  const v = vertexFromRationals(x);
  return rows.every((g) => exactValue(g, v) < 0n);
}

/** vol_d > 0 for {rows ≤ 0}: float LP certified by an exact interior point, else exact LP. */
export function isFullDimensional(rows: readonly IntAffine[]): boolean {
  const f = slackFloat(rows, []);
  if (f.feasible && f.margin > 1e-9 && f.point) {
    if (
      strictlyInside(
        rows,
        f.point.map((v) => Rational.fromDouble(v)),
      )
    )
      return true;
  }
  return strictlyFeasibleExact(rows, []);
}

/**
 * The partial partition of the cells that hold data (SPEC §2). `points` are coordinate arrays
 * (numbers are the rationals they exactly are, strings "p/q" or decimals are parsed exactly).
 */
export function dataHoldingPartition(
  model: Model,
  points: readonly (readonly RationalLike[])[],
  options: DataHoldingOptions = {},
): Partition {
  validateModel(model);
  const d = model.inputDimension;
  const domain = domainFrom(options.domain, d);
  const predicates = options.predicates ?? 'exact';
  const keep = options.keepIndices ?? true;
  const labeler = labelerOf(model);
  const adapter = adapterFor(model);
  const state: DataHoldingState = { model, domain, points, rowsCache: new Map() };
  const exists = new Map<string, boolean>();
  const groups = new Map<string, number[]>();
  let outside = 0;
  let inside = 0;
  const box = domain.box
    ? { lo: domain.box.lo.map((r) => r.toNumber()), hi: domain.box.hi.map((r) => r.toNumber()) }
    : undefined;
  points.forEach((x, i) => {
    const field = `points[${i}]`;
    const p = DataPoint.from(x, d, field);
    // in the closed box: with the point exactly its doubles and the bounds exactly theirs
    // (boxExactStrict), the float comparisons lo ≤ x ≤ hi are exact (points on the box's
    // boundary, e.g. pixels at 0, need no exact sign of every domain row)
    let inX: boolean;
    if (
      box &&
      p.relError === 0 &&
      p.xf.every((v, k) => v >= box.lo[k]! && v <= box.hi[k]!) &&
      boxExactStrict(domain, box)
    )
      inX = true;
    else if (box && boxExactStrict(domain, box)) inX = inBox(p, domain.box!, box);
    else inX = domain.rows.every((g) => p.sign(g) <= 0);
    if (!inX) {
      if (options.skipOutside) {
        outside++;
        return;
      }
      throw new OutsideDomainError(field);
    }
    inside++;
    const pl = labeler.label(p);
    let label = pl.label;
    if (pl.tie) {
      const order = [pl.label, ...pl.candidates.filter((c) => c !== pl.label)];
      const found = order.find((c) => {
        let e = exists.get(c);
        if (e === undefined) {
          e = isFullDimensional(rowsOf(state, c).rows);
          exists.set(c, e);
        }
        return e;
      });
      label = found ?? pl.label;
    }
    let g = groups.get(label);
    if (!g) groups.set(label, (g = []));
    g.push(i);
    if (options.onProgress && i % 1000 === 999)
      options.onProgress({ phase: 'points', done: i + 1, total: points.length });
  });
  const cells = sortByLabel(
    [...groups.entries()].map(([label, idx]) => {
      const cell = { label, dataCount: idx.length } as PartitionCell;
      if (keep) cell.dataIndices = idx;
      lazyProperty(cell, 'polytope', () => {
        const rows = rowsOf(state, label).rows;
        return polytopeOfRows(options.irredundant ? irredundantRows(rows) : rows, predicates);
      });
      if (adapter.cellMaps) lazyProperty(cell, 'mlp', () => adapter.cellMaps!(model, label));
      // prediction: by the label, or the MLP output at the cell's exact centroid (lazily), so it
      // does not depend on the order of the data
      const at = () => cell.polytope.centroid();
      lazyProperty(cell, 'prediction', () => adapter.predict(model, label, at));
      return cell;
    }),
    adapter.compareLabels,
  );
  const partition: Partition = {
    model: model.kind,
    inputDimension: d,
    get domain() {
      return domain.polytope;
    },
    cells,
    complete: false,
    predicates,
    totalPoints: inside,
    outside,
  };
  registerDomain(partition, domain, model);
  states.set(partition, state);
  return partition;
}

/**
 * lo ≤ x ≤ hi for a point given as rationals: per coordinate a float test with the point's error
 * bound (|x − x_f| ≤ relError·|x_f|, the float bounds being exact), the exact comparison on doubt.
 */
function inBox(
  p: DataPoint,
  exactBox: { lo: Rational[]; hi: Rational[] },
  box: { lo: number[]; hi: number[] },
): boolean {
  for (let k = 0; k < p.xf.length; k++) {
    const v = p.xf[k]!;
    const m = p.filterable ? p.relError * Math.abs(v) : Infinity;
    if (v - m > box.lo[k]! && v + m < box.hi[k]!) continue;
    const x = p.exact()[k]!;
    if (x.lt(exactBox.lo[k]!) || x.gt(exactBox.hi[k]!)) return false;
  }
  return true;
}

const boxChecked = new WeakMap<Domain, boolean>();
/** True when the float box bounds equal the exact ones (so float comparisons are exact). */
function boxExactStrict(domain: Domain, box: { lo: number[]; hi: number[] }): boolean {
  let ok = boxChecked.get(domain);
  if (ok === undefined) {
    ok =
      domain.box!.lo.every((r, k) => Rational.fromDouble(box.lo[k]!).equals(r)) &&
      domain.box!.hi.every((r, k) => Rational.fromDouble(box.hi[k]!).equals(r));
    boxChecked.set(domain, ok);
  }
  return ok;
}
