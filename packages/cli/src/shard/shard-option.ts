/**
 * `--shard i/n` and `--workers n` of `mlgeo analyze` (LP tier): shard i of n computes the per-cell
 * values of the data-holding cells with index ≡ i (mod n). Every shard locates all points (the
 * cell numbering is the partition's, so it is the same in every shard) and computes the whole facet
 * adjacency; `mlgeo merge` joins the shards into the report of the unsharded run
 * (docs/sharding.md).
 */
import { UsageError } from '../errors.js';

/** A shard of a run: 0 ≤ index < count. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** Parses `--shard i/n` (i counted from 0, as Slurm's `--array=0-(n−1)` and Kubernetes' indexes). */
export function parseShard(text: string): ShardSpec {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || !(count >= 1) || !(index < count) || !Number.isSafeInteger(count))
    throw new UsageError(`--shard "${text}" is not i/n with 0 ≤ i < n`, {
      field: '--shard',
      fix: 'give e.g. --shard 0/4 … --shard 3/4 (i counted from 0)',
    });
  return { index, count };
}

/** Options a sharded (or multi-worker) run cannot have: they need every cell in one process. */
export function checkShardable(
  flag: '--shard' | '--workers',
  options: {
    svg?: string | undefined;
    png?: string | undefined;
    cellsCsv?: string | undefined;
    curvature?: string | undefined;
    spectrum?: number | undefined;
    spline?: string | undefined;
    partial?: boolean | undefined;
  },
): void {
  const bad = (
    [
      ['--svg', options.svg],
      ['--png', options.png],
      ['--cells-csv', flag === '--shard' ? options.cellsCsv : undefined],
      ['--curvature', options.curvature],
      ['--spectrum', options.spectrum],
      ['--spline', options.spline],
      ['--partial', options.partial],
    ] as const
  ).find(([, v]) => v !== undefined && v !== false);
  if (bad)
    throw new UsageError(`${bad[0]} is not available with ${flag}`, {
      field: flag,
      fix:
        flag === '--shard'
          ? `drop ${bad[0]} from the shard runs (they hold a part of the cells)`
          : `drop ${bad[0]} or --workers`,
    });
}
