/**
 * The issue-11 benches' partition: a ReLU net on the box [lo, 1]^d, on the float path (filtered
 * predicates, float measures) or the exact one.
 */
import { box, partitionOf, type ReluMlpModel } from '@mlgeo/model-partitions';

export function unitBoxPartition(
  model: ReluMlpModel,
  d: number,
  measures: 'float' | 'exact',
  lo = 0,
): ReturnType<typeof partitionOf> {
  return partitionOf(model, {
    domain: box(new Array(d).fill(lo), new Array(d).fill(1)),
    ...(measures === 'float'
      ? { predicates: 'filtered', measures: 'float' }
      : { predicates: 'exact' }),
  } as Parameters<typeof partitionOf>[1]);
}
