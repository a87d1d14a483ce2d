/**
 * Full enumeration of the cells a model induces in a domain (SPEC §2), exact or float-filtered with
 * identical cells (SPEC §1). Cells come out in SPEC §2 order.
 */
import type { Model } from '../models.js';
import { type Domain, type DomainSpec, domainFrom } from '../domain.js';
import type { Partition, Predicates, ProgressCallback } from '../partition.js';
import { adapterFor } from '../adapters/index.js';
import { sortByLabel } from './order.js';
import { validateModel } from './validate.js';
import { registerDomain } from '../locate/locate.js';
import { type FilterStats, newFilterStats } from '@mlgeo/exact-arith';

/** Options of {@link partitionOf}. */
export interface PartitionOptions {
  /** The domain X; default the unit box [0,1]^d. */
  domain?: DomainSpec | Domain;
  /** 'exact' (default) or 'filtered' (float filter with exact fallback; identical cells). */
  predicates?: Predicates;
  onProgress?: ProgressCallback;
}

/** A complete partition plus the float-filter statistics of its sign decisions. */
export interface EnumeratedPartition extends Partition {
  filterStats: FilterStats;
}

/**
 * Every full-dimensional cell of the partition `model` induces in the domain (SPEC §2), in SPEC
 * order. Cells are grown by splitting existing cells (hyperplane by hyperplane, layer by layer,
 * down the trees), never by testing sign vectors.
 */
export function partitionOf(model: Model, options: PartitionOptions = {}): EnumeratedPartition {
  validateModel(model);
  const predicates = options.predicates ?? 'exact';
  const domain = domainFrom(options.domain, model.inputDimension);
  const stats = newFilterStats();
  const adapter = adapterFor(model);
  const cells = sortByLabel(
    adapter.cells(model, domain.initialCell(), predicates, stats, options.onProgress),
    adapter.compareLabels,
  );
  const partition: EnumeratedPartition = {
    model: model.kind,
    inputDimension: model.inputDimension,
    get domain() {
      return domain.polytope;
    },
    cells,
    complete: true,
    predicates,
    filterStats: stats,
  };
  registerDomain(partition, domain, model);
  return partition;
}
