/**
 * `mlgeo merge a.json b.json … --out all.json`: joins the shard reports of an LP-tier run
 * (`mlgeo analyze … --shard i/n`, shard/shard-option.ts) into the report of the unsharded run. The
 * shards agree on everything but their cells (each computed the whole partition, adjacency and
 * data complex); the merge takes every cell's values (margins and point ridges of its points
 * included) from its shard, orders cells, margins and point ridges as
 * the unsharded run does, recomputes the LP tier's checks and tiers from the joined cells, and
 * drops the `shard` block. With --no-timing (given to the shards) the merged bytes equal those of
 * the unsharded run (a test checks it); otherwise `timing` adds up the shards' times.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CliIo } from '../cli.js';
import { InputError, UsageError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { lpChecks } from '../lp/analysis.js';
import { reportChunks } from '../report/serialize.js';
import type { ReportJson } from '../report/types.js';

type Lp = NonNullable<ReportJson['lp']>;
type Tier = Lp['tiers'][string];

/** Options of `mlgeo merge`. */
export interface MergeOptions {
  reports: string[];
  out?: string;
  json?: boolean;
  quiet?: boolean;
}

/** The parts of a report every shard of one run has in common (as JSON text). */
function commonPart(report: ReportJson): Record<string, string> {
  const {
    shard: _shard,
    partition,
    lp,
    checks: _checks,
    timing: _timing,
    ...rest
  } = report as ReportJson & { shard?: unknown };
  const { cells: _cells, cellCount: _count, ...partitionRest } = partition;
  const {
    cells: _lpCells,
    margins: _margins,
    tiers: _tiers,
    pointRidges,
    ...lpRest
  } = lp ?? ({} as Lp);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(rest)) out[k] = JSON.stringify(v);
  out.partition = JSON.stringify(partitionRest);
  out.lp = JSON.stringify(lpRest);
  // every shard examines the points of its own cells; only the setting is common
  out['lp.pointRidges'] = JSON.stringify(pointRidges && pointRidges.facetsPerPoint);
  return out;
}

type PointRidges = NonNullable<Lp['pointRidges']>;

/**
 * The point ridges of the joined cells: a point lies in one cell, so its ridges come from one
 * shard, in that shard's order; the counts add up. The list is ordered by point as in the
 * unsharded run (a stable sort keeps each point's ridges in their order).
 */
function joinPointRidges(parts: readonly PointRidges[]): PointRidges {
  const sum = (key: 'pairs' | 'parallel' | 'box' | 'signs' | 'certified') =>
    parts.reduce((s, p) => s + p[key], 0);
  return {
    facetsPerPoint: parts[0]!.facetsPerPoint,
    pairs: sum('pairs'),
    parallel: sum('parallel'),
    box: sum('box'),
    signs: sum('signs'),
    certified: sum('certified'),
    list: parts.flatMap((p) => p.list).sort((x, y) => x.point - y.point),
  };
}

/**
 * The tier of a value over the joined cells: shards without any such value say `absent`; the
 * others agree, or the weakest tier stands (a float redundancy proof in one shard makes the joined
 * cells' redundancy float, as in the unsharded run).
 */
function joinTiers(tiers: readonly Tier[]): Tier {
  const present = tiers.filter((t) => t !== 'absent');
  if (present.length === 0) return 'absent';
  for (const weakest of ['estimate', 'float', 'exact'] as const)
    if (present.includes(weakest)) return weakest;
  return present[0]!;
}

/** Joins shard reports (see the module comment); `files` name them in messages. */
export function mergeShardReports(
  shards: readonly { file: string; report: ReportJson }[],
): ReportJson {
  if (shards.length === 0)
    throw new UsageError('mlgeo merge needs the shard reports', {
      field: 'reports',
      fix: 'give every report written by mlgeo analyze --shard i/n',
    });
  const specs = shards.map(({ file, report }) => {
    const spec = report.shard;
    if (spec === undefined || report.lp === undefined)
      throw new InputError('SHARD', 'is not a shard report (no "shard" block)', {
        file,
        field: 'shard',
        fix: 'give the reports written by mlgeo analyze --shard i/n',
      });
    return spec;
  });
  const first = shards[0]!;
  const { count, cells: total } = specs[0]!;
  const seen = new Map<number, string>();
  shards.forEach(({ file }, k) => {
    const s = specs[k]!;
    if (s.count !== count || s.cells !== total)
      throw new InputError(
        'SHARD',
        `is shard ${s.index}/${s.count} of ${s.cells} cells, ${first.file} of ${count} shards and ${total} cells`,
        { file, field: 'shard', fix: 'merge the shards of one run' },
      );
    const twice = seen.get(s.index);
    if (twice !== undefined)
      throw new InputError('SHARD', `is shard ${s.index} again (also ${twice})`, {
        file,
        field: 'shard.index',
        fix: 'give each shard once',
      });
    seen.set(s.index, file);
  });
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length > 0)
    throw new InputError('SHARD', `shard(s) ${missing.join(', ')} of ${count} missing`, {
      field: 'reports',
      fix: `add the reports of --shard ${missing.map((i) => `${i}/${count}`).join(', ')}`,
    });
  const base = commonPart(first.report);
  for (const { file, report } of shards.slice(1)) {
    const c = commonPart(report);
    const differs = Object.keys({ ...base, ...c }).find((k) => base[k] !== c[k]);
    if (differs !== undefined)
      throw new InputError('SHARD', `differs from ${first.file} in "${differs}"`, {
        file,
        field: differs,
        fix: 'merge the shards of one run (same model, data, domain and options)',
      });
  }
  const byIndex = <T>(items: T[], key: (t: T) => number) => items.sort((a, b) => key(a) - key(b));
  const cells = byIndex(
    shards.flatMap(({ report }) => report.partition.cells),
    (c) => c.index,
  );
  if (cells.length !== total || cells.some((c, i) => c.index !== i))
    throw new InputError('SHARD', `the shards hold ${cells.length} cells, the run has ${total}`, {
      field: 'partition.cells',
      fix: 'merge the unchanged reports of one run',
    });
  const lps = shards.map(({ report }) => report.lp!);
  const merged = structuredClone(first.report) as ReportJson & { shard?: unknown };
  const lp = merged.lp!;
  merged.partition.cells = cells;
  merged.partition.cellCount = cells.length;
  lp.cells = byIndex(
    lps.flatMap((l) => l.cells),
    (c) => c.cell,
  );
  if (lp.margins !== undefined)
    lp.margins = byIndex(
      lps.flatMap((l) => l.margins ?? []),
      (m) => m.point,
    );
  if (lp.pointRidges !== undefined)
    lp.pointRidges = joinPointRidges(lps.map((l) => l.pointRidges!));
  for (const key of Object.keys(lp.tiers))
    lp.tiers[key] = joinTiers(lps.map((l) => l.tiers[key] ?? 'absent'));
  const checks = new Map(lpChecks(lp, merged.domain.hrep.A.length).map((c) => [c.name, c]));
  merged.checks = merged.checks.map((c) => checks.get(c.name) ?? c);
  if (merged.timing !== undefined) {
    const phases: Record<string, number> = {};
    let seconds = 0;
    for (const { report } of shards) {
      seconds += report.timing?.seconds ?? 0;
      for (const [k, v] of Object.entries(report.timing?.phases ?? {}))
        phases[k] = (phases[k] ?? 0) + v;
    }
    const round = (x: number) => Math.round(x * 1000) / 1000;
    merged.timing = {
      seconds: round(seconds),
      phases: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, round(v)])),
    };
  }
  delete merged.shard;
  return merged;
}

/** Reads one shard report. */
function readReport(file: string, cwd: string): ReportJson {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), 'utf8');
  } catch {
    throw new InputError('NOT_FOUND', 'cannot read the file', {
      file,
      fix: 'give the path of a report written by mlgeo analyze --shard i/n',
    });
  }
  try {
    return JSON.parse(text) as ReportJson;
  } catch (error) {
    throw new InputError('DECODE', `is not JSON (${(error as Error).message})`, {
      file,
      fix: 'give a report written by mlgeo analyze --shard i/n',
    });
  }
}

/** `mlgeo merge`: exit code 0, or throws (bad shards: exit 1). */
export async function runMerge(options: MergeOptions, io: CliIo): Promise<number> {
  const shards = options.reports.map((file) => ({ file, report: readReport(file, io.cwd) }));
  const merged = mergeShardReports(shards);
  if (options.out !== undefined) {
    const full = resolve(io.cwd, options.out);
    try {
      mkdirSync(dirname(full), { recursive: true });
      await writeFileAtomic(full, reportChunks(merged));
    } catch (error) {
      throw new InputError('WRITE', `cannot write (${(error as Error).message.split('\n')[0]})`, {
        file: options.out,
        fix: 'give a writable path',
      });
    }
  }
  if (options.json) for (const chunk of reportChunks(merged)) io.stdout(chunk);
  else if (!options.quiet)
    io.stdout(
      `mlgeo merge: ${shards.length} shards, ${merged.partition.cellCount} cells` +
        (options.out !== undefined ? ` → ${options.out}` : '') +
        '\n',
    );
  const failed = merged.checks.filter((c) => !c.ok);
  return failed.length > 0 ? 1 : 0;
}
