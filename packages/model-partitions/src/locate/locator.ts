/**
 * Locating and counting points in a partition without passing the model again: a plain object of
 * the partition, its model and two functions (SPEC §2 ties, as {@link locatePoint}).
 */
import { MlgeoError, type RationalLike } from '@mlgeo/exact-arith';
import type { Model } from '../models.js';
import type { Partition } from '../partition.js';
import { type Location, countPoints, locatePoint, modelOf } from './locate.js';
import type { ModelPartitionsErrorCode } from '../errors.js';

/** A partition bound to its model. */
export interface Locator {
  readonly partition: Partition;
  readonly model: Model;
  /** {@link locatePoint} with this partition and model. */
  locate(x: readonly RationalLike[], field?: string): Location;
  /** {@link countPoints} with this partition and model. */
  countPoints(
    points: readonly (readonly RationalLike[])[],
    options?: { skipOutside?: boolean },
  ): { counts: number[]; outside: number; missing: number };
}

/**
 * Binds a partition to its model: the model that built it (partitionOf, dataHoldingPartition)
 * unless `model` is given; a partition from elsewhere (e.g. parsed JSON) needs `model`.
 */
export function locatorOf(partition: Partition, model?: Model): Locator {
  const m = model ?? modelOf(partition);
  if (!m)
    throw new MlgeoError<ModelPartitionsErrorCode>(
      'NO_MODEL',
      'the partition was not built here, so its model is unknown',
      {
        field: 'model',
        fix: 'pass the model: locatorOf(partition, model)',
      },
    );
  return {
    partition,
    model: m,
    locate: (x, field) => locatePoint(partition, m, x, field),
    countPoints: (points, options) => countPoints(partition, m, points, options),
  };
}
