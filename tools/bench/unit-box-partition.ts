/**
 * The issue-11 benches' partition: a ReLU net on the box [lo, 1]^d, on the float path (filtered
 * predicates, float measures) or the exact one.
 */
import { box, partitionOf, type ReluMlpModel } from '@mlgeo/model-partitions';
import {
  buildComplex,
  type ComplexOptions,
  type RiemannianComplex,
} from '@mlgeo/riemannian-complex';

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

/**
 * The issue-11 bench's float+cx (or exact+cx) work on the unit box: the partition, buildComplex,
 * every shared face's area, the ridge sums and the metric. `onProgress` is buildComplex's.
 */
export function unitBoxComplexRun(
  model: ReluMlpModel,
  d: number,
  measures: 'float' | 'exact',
  onProgress?: ComplexOptions['onProgress'],
): { partition: ReturnType<typeof partitionOf>; complex: RiemannianComplex; sum: number } {
  const partition = unitBoxPartition(model, d, measures);
  const complex = buildComplex(partition, { measures, ...(onProgress ? { onProgress } : {}) });
  let sum = 0;
  for (const f of complex.sharedFaces) sum += measures === 'float' ? f.floatVolume.value : 0;
  if (measures === 'exact') for (const f of complex.sharedFaces) void f.volume;
  for (const r of complex.ridges ?? []) sum += r.sum;
  if (measures === 'float') void complex.floatMetric;
  else void complex.metric;
  return { partition, complex, sum };
}
