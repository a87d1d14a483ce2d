/**
 * Point location in a partition (SPEC §2 ties): the point gets the label of the model's rule; when
 * that label names no cell, the lowest-indexed cell whose closure contains the point. Points outside
 * X are an error (OutsideDomainError) unless the caller skips them.
 */
import { MlgeoError, type RationalLike } from '@mlgeo/exact-arith';
import type { Model, ReluMlpModel } from '../models.js';
import type { Partition } from '../partition.js';
import { type Domain, domainFrom } from '../domain.js';
import type { Labeler, PointLabel } from './label.js';
import { adapterFor } from '../adapters/index.js';
import { DataPoint } from './point.js';
import { type PreparedMlp, classAtPoint, prepareMlp } from './forward.js';
import type { ModelPartitionsErrorCode } from '../errors.js';

/** A point outside the domain X. */
export class OutsideDomainError extends MlgeoError<ModelPartitionsErrorCode> {
  constructor(field: string) {
    super('OUTSIDE_DOMAIN', 'the point lies outside the domain X', {
      field,
      fix: 'remove the point, enlarge the domain, or pass { skipOutside: true } to count it as outside',
    });
  }
}

const domains = new WeakMap<Partition, Domain>();
const models = new WeakMap<Partition, Model>();
const labelers = new WeakMap<Model, Labeler>();
const indexes = new WeakMap<Partition, Map<string, number>>();
const preparedNets = new WeakMap<ReluMlpModel, PreparedMlp>();

/** Remembers the validated domain (and the model) of a partition (engines call this). */
export function registerDomain(partition: Partition, domain: Domain, model?: Model): void {
  domains.set(partition, domain);
  if (model) models.set(partition, model);
}

/** The model a partition was built from by partitionOf / dataHoldingPartition, if any. */
export function modelOf(partition: Partition): Model | undefined {
  return models.get(partition);
}

/** The validated domain of a partition. */
export function domainOf(partition: Partition): Domain {
  let d = domains.get(partition);
  if (!d) {
    d = domainFrom(partition.domain, partition.inputDimension);
    domains.set(partition, d);
  }
  return d;
}

/** A cached labeler for the model. */
export function labelerOf(model: Model): Labeler {
  let l = labelers.get(model);
  if (!l) {
    l = adapterFor(model).labeler(model);
    labelers.set(model, l);
  }
  return l;
}

/** The label of x by the model's own rule (bit = 1 iff value > 0, x_f ≤ t left, lowest index wins). */
export function labelOf(model: Model, x: readonly RationalLike[]): string {
  return labelerOf(model).label(DataPoint.from(x, model.inputDimension)).label;
}

/** The model's label of x plus every label whose closed region contains x (SPEC order). */
export function pointLabel(model: Model, x: readonly RationalLike[]): PointLabel {
  return labelerOf(model).label(DataPoint.from(x, model.inputDimension));
}

/**
 * The class a ReLU MLP assigns to x (SPEC §2: argmax of the outputs, lowest index on ties; one
 * output: 1 when f(x) > 0), decided exactly: a float forward pass with a running error bound, the
 * exact integer pass only when that cannot certify the answer. No cell map is formed, so this is
 * cheap in any input dimension (a 784-D point: one float pass).
 */
export function mlpClassAt(model: ReluMlpModel, x: readonly RationalLike[] | DataPoint): number {
  let net = preparedNets.get(model);
  if (!net) preparedNets.set(model, (net = prepareMlp(model)));
  const p = x instanceof DataPoint ? x : DataPoint.from(x, model.inputDimension);
  return classAtPoint(net, p);
}

function labelIndex(partition: Partition): Map<string, number> {
  let m = indexes.get(partition);
  if (!m) {
    m = new Map(partition.cells.map((c, i) => [c.label, i]));
    indexes.set(partition, m);
  }
  return m;
}

/** Where a point went: its cell index (or −1 for a partial partition without that cell). */
export interface Location {
  index: number;
  label: string | undefined;
}

/**
 * Locates x in the partition of `model`: the cell of the model's label, else the lowest-indexed
 * cell whose closure contains x. Throws OutsideDomainError when x ∉ X. For a partial partition a
 * point whose cells are all missing gets index −1; there, for a point on a boundary, "lowest" is
 * among the cells present (dataHoldingPartition itself decides ties against all cells by LP).
 */
export function locatePoint(
  partition: Partition,
  model: Model,
  x: readonly RationalLike[],
  field = 'point',
): Location {
  const p = DataPoint.from(x, partition.inputDimension, field);
  const domain = domainOf(partition);
  if (!domain.rows.every((g) => p.sign(g) <= 0)) throw new OutsideDomainError(field);
  const pl = labelerOf(model).label(p);
  const index = labelIndex(partition);
  const direct = index.get(pl.label);
  if (direct !== undefined) return { index: direct, label: pl.label };
  // candidates are in SPEC order, so the first present one is the lowest-indexed
  for (const c of pl.candidates) {
    const i = index.get(c);
    if (i !== undefined) return { index: i, label: c };
  }
  if (partition.complete)
    throw new MlgeoError<ModelPartitionsErrorCode>(
      'NO_CELL',
      `no cell of the partition contains the point (label ${pl.label})`,
      {
        field,
        fix: 'use the partition computed for this model',
      },
    );
  return { index: -1, label: undefined };
}

/** Counts of points per cell (SPEC §2 ties), with `outside` when `skipOutside` is set. */
export function countPoints(
  partition: Partition,
  model: Model,
  points: readonly (readonly RationalLike[])[],
  options: { skipOutside?: boolean } = {},
): { counts: number[]; outside: number; missing: number } {
  const counts = new Array<number>(partition.cells.length).fill(0);
  let outside = 0;
  let missing = 0;
  points.forEach((x, i) => {
    try {
      const loc = locatePoint(partition, model, x, `points[${i}]`);
      if (loc.index >= 0) counts[loc.index]!++;
      else missing++;
    } catch (e) {
      if (e instanceof OutsideDomainError && options.skipOutside) outside++;
      else throw e;
    }
  });
  return { counts, outside, missing };
}
