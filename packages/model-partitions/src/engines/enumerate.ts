/**
 * Full enumeration of the cells a model induces in a domain (SPEC §2), exact or float-filtered with
 * identical cells (SPEC §1). Cells come out in SPEC §2 order.
 */
import type { Model } from '../models.js';
import { type Domain, type DomainSpec, domainFrom } from '../domain.js';
import type { Partition, Predicates, PartitionCell, ProgressCallback } from '../partition.js';
import { arrangementCells } from './arrangement.js';
import { linearCells, voronoiCells } from './argmin.js';
import { mlpCells } from './mlp.js';
import { sortByLabel } from './order.js';
import { forestCells, treeCells } from './tree.js';
import { validateModel } from './validate.js';
import { registerDomain } from '../locate/locate.js';
import { type FilterStats, type VCell, newFilterStats } from './vcell.js';

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

/** Cells of `model` inside the kernel cell `start` (unsorted). */
export function cellsIn(
  model: Model,
  start: VCell,
  predicates: Predicates,
  stats: FilterStats,
  onProgress?: ProgressCallback,
): PartitionCell[] {
  switch (model.kind) {
    case 'arrangement':
      return arrangementCells(model, start, predicates, stats, onProgress);
    case 'mlp':
      return mlpCells(model, start, predicates, stats, onProgress);
    case 'tree':
      return treeCells(model, start, predicates, stats);
    case 'forest':
      return forestCells(model, start, predicates, stats, onProgress);
    case 'voronoi':
      return voronoiCells(model, start, predicates, stats, onProgress);
    case 'linear':
      return linearCells(model, start, predicates, stats, onProgress);
  }
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
  const cells = sortByLabel(
    model.kind,
    cellsIn(model, domain.initialCell(), predicates, stats, options.onProgress),
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
  registerDomain(partition, domain);
  return partition;
}
