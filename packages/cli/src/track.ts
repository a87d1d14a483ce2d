/**
 * `mlgeo track`: geometry over training. Reads a sequence of checkpoints of one ReLU network (model
 * files in any format `analyze` reads, directories of them, or quoted globs, in order), runs
 * `trackGeometry` of @mlgeo/diff-forms on each, and writes JSON (every value with its tier: exact,
 * float or estimate), long-format CSV and an SVG of line plots over the checkpoints.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { Rational } from '@mlgeo/exact-arith';
import {
  type CheckpointGeometry,
  QUANTILE_KEYS,
  TRACKED_QUANTITIES,
  type TrackedQuantity,
  trackGeometry,
} from '@mlgeo/diff-forms';
import type { ReluMlpModel } from '@mlgeo/model-partitions';
import type { CliIo } from './cli.js';
import { readPoints, type DataPoints } from './data.js';
import {
  cubeDomain,
  dataDomain,
  isDataDomain,
  parseDomainOption,
  type DomainChoice,
} from './domain-option.js';
import { readModel } from './engine.js';
import { InputError, UsageError, attributeToFile } from './errors.js';
import { writeFileAtomic } from './io/atomic-write.js';
import { createProgress } from './progress.js';
import { trackSvg } from './track-plot.js';
import { TOOL_VERSION } from './version.js';

/** Options of `mlgeo track` as commander hands them over. */
export interface TrackCommandOptions {
  checkpoints: string[];
  data?: string;
  domain?: string;
  format?: string;
  labelColumn?: string;
  /** true (--full), false (--no-full) or undefined (default: d ≤ 2). */
  full?: boolean;
  sliverVolume?: string;
  smallAngle?: string;
  out?: string;
  csv?: string;
  svg?: string;
  json?: boolean;
  quiet?: boolean;
  debug?: boolean;
}

/** One value of the JSON: a number with its tier (and exact form when it is not an integer). */
export interface TrackValueJson {
  tier: string;
  /** A single value… */
  value?: number;
  /** …or quantiles min, q10, median, q90, max. */
  min?: number;
  q10?: number;
  median?: number;
  q90?: number;
  max?: number;
  /** The exact rational(s) of an exact value that is not an integer (per quantile for quantiles). */
  exact?: string | Record<string, string>;
}

/** The JSON `mlgeo track` writes (format mlgeo-track, version 1). */
export interface TrackJson {
  format: 'mlgeo-track';
  version: 1;
  tool: { name: 'mlgeo'; version: string };
  inputDimension: number;
  domain: string;
  data: { file: string; points: number; labels: boolean } | null;
  options: { full: boolean; sliverVolume: string | null; smallAngleDegrees: number };
  tiers: Record<'exact' | 'float' | 'estimate', string>;
  checkpoints: {
    index: number;
    name: string;
    file: string;
    sha256: string;
    values: Partial<Record<TrackedQuantity, TrackValueJson>>;
  }[];
}

const TIER_MEANINGS = {
  exact:
    'decided or computed in exact arithmetic; value is the nearest float64, exact the rational when it is not an integer',
  float: 'computed in float64 without an error bound (angles by arccos, sums of square roots)',
  estimate: 'statistical estimate (no value uses this tier yet)',
};

const MODEL_EXTENSIONS = /\.(json|onnx)$/i;

/** Natural order of names: epoch-2 before epoch-10. */
const byName = (a: string, b: string) =>
  a.localeCompare(b, 'en', { numeric: true, sensitivity: 'variant' });

/** A `*`/`?` pattern of one path segment as a regular expression. */
function segmentPattern(glob: string): RegExp {
  const body = glob
    .split('')
    .map((ch) =>
      ch === '*' ? '[^/]*' : ch === '?' ? '[^/]' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${body}$`);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The checkpoint files, in order: each argument is a file, a directory (its model files — .json,
 * .onnx, and sub-directories holding a tfjs model.json — in natural name order; a directory holding
 * model.json is that one tfjs model) or a pattern with * or ? in its last segment (quoted, so the
 * shell leaves it alone), matched in natural name order.
 */
export function expandCheckpoints(args: readonly string[], cwd: string): string[] {
  const files: string[] = [];
  for (const arg of args) {
    const full = resolve(cwd, arg);
    if (/[*?]/.test(basename(arg))) {
      if (/[*?]/.test(dirname(arg)))
        throw new UsageError(`only the last part of a pattern may hold * or ?: "${arg}"`, {
          field: '<checkpoints>',
          fix: 'write e.g. "runs/seed1/epoch-*.json"',
        });
      const dir = dirname(full);
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        throw new InputError('NOT_FOUND', 'the directory of the pattern cannot be read', {
          file: dirname(arg),
          fix: 'give an existing directory in the pattern',
        });
      }
      const re = segmentPattern(basename(arg));
      const matched = names.filter((n) => re.test(n)).sort(byName);
      if (matched.length === 0)
        throw new InputError('NOT_FOUND', 'no file matches the pattern', {
          file: arg,
          fix: 'check the pattern (quoted, * and ? in the last part)',
        });
      files.push(...matched.map((n) => join(dirname(arg), n)));
    } else if (isDirectory(full)) {
      let names: string[];
      try {
        names = readdirSync(full);
      } catch {
        throw new InputError('NOT_FOUND', 'the directory cannot be read', {
          file: arg,
          fix: 'give a readable directory of checkpoints',
        });
      }
      if (names.includes('model.json')) {
        files.push(join(arg, 'model.json'));
        continue;
      }
      const found = names
        .filter((n) => !n.startsWith('.'))
        .sort(byName)
        .flatMap((n) => {
          if (MODEL_EXTENSIONS.test(n) && !isDirectory(join(full, n))) return [join(arg, n)];
          if (isDirectory(join(full, n)) && readdirSync(join(full, n)).includes('model.json'))
            return [join(arg, n, 'model.json')];
          return [];
        });
      if (found.length === 0)
        throw new InputError('NOT_FOUND', 'the directory holds no model files', {
          file: arg,
          fix: 'put the checkpoints (.json, .onnx, or tfjs folders with model.json) there, or name them',
        });
      files.push(...found);
    } else files.push(arg);
  }
  return files;
}

function readBytes(path: string, cwd: string, what: string): Buffer {
  try {
    return readFileSync(resolve(cwd, path));
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new InputError(
      'NOT_FOUND',
      code === 'EISDIR' ? 'is a directory' : 'cannot read the file',
      {
        file: path,
        fix: `give the path of an existing ${what}`,
      },
    );
  }
}

function parseSliverVolume(text: string | undefined): Rational | undefined {
  if (text === undefined) return undefined;
  let v: Rational | undefined;
  try {
    v = Rational.parse(text);
  } catch {
    v = undefined;
  }
  if (v === undefined || v.sign() <= 0)
    throw new UsageError(`--sliver-volume must be a number > 0, got "${text}"`, {
      field: '--sliver-volume',
      fix: 'write e.g. --sliver-volume 0.001 or --sliver-volume 1/1000',
    });
  return v;
}

function parseSmallAngle(text: string | undefined): number {
  if (text === undefined) return 15;
  const a = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(a > 0 && a < 180))
    throw new UsageError(`--small-angle must be degrees in (0, 180), got "${text}"`, {
      field: '--small-angle',
      fix: 'write e.g. --small-angle 15',
    });
  return a;
}

/** One checkpoint's values as JSON: each with its tier and, where not an integer, exact form. */
function valuesJson(row: CheckpointGeometry): Partial<Record<TrackedQuantity, TrackValueJson>> {
  const out: Partial<Record<TrackedQuantity, TrackValueJson>> = {};
  for (const key of TRACKED_QUANTITIES) {
    const tier = row.tiers[key];
    const v = row[key];
    if (tier === undefined || v === undefined) continue;
    if (typeof v === 'number') {
      out[key] = {
        value: v,
        tier,
        ...(row.exact[key] !== undefined ? { exact: row.exact[key] } : {}),
      };
    } else {
      const entry: TrackValueJson = { tier };
      const exact: Record<string, string> = {};
      for (const q of QUANTILE_KEYS) {
        entry[q] = v[q];
        const e = row.exact[`${key}.${q}`];
        if (e !== undefined) exact[q] = e;
      }
      if (Object.keys(exact).length > 0) entry.exact = exact;
      out[key] = entry;
    }
  }
  return out;
}

/** The values as long-format CSV: one row per checkpoint and quantity (quantiles as name.q). */
export function trackCsv(json: TrackJson): string {
  const lines = ['index,checkpoint,quantity,value,tier,exact'];
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  for (const cp of json.checkpoints)
    for (const [key, entry] of Object.entries(cp.values) as [string, TrackValueJson][]) {
      if (entry.value !== undefined)
        lines.push(
          [cp.index, quote(cp.name), key, entry.value, entry.tier, entry.exact ?? ''].join(','),
        );
      else
        for (const q of QUANTILE_KEYS) {
          const exact = (entry.exact as Record<string, string> | undefined)?.[q] ?? '';
          lines.push(
            [cp.index, quote(cp.name), `${key}.${q}`, entry[q], entry.tier, exact].join(','),
          );
        }
    }
  return lines.join('\n') + '\n';
}

const fmt = (v: number | undefined, digits = 4) =>
  v === undefined ? '—' : Number.isInteger(v) ? String(v) : v.toPrecision(digits);

/** The summary table printed after a run. */
function summaryTable(rows: readonly CheckpointGeometry[]): string {
  const header = [
    'checkpoint',
    'cells',
    'data cells',
    'avg degree',
    'boundary cells',
    '2-class data cells',
    'min angle°',
    'min volume',
    'accuracy',
  ];
  const body = rows.map((r) => [
    r.name,
    fmt(r.cells),
    fmt(r.dataHoldingCells),
    fmt(r.averageDataDegree),
    fmt(r.boundaryCells),
    fmt(r.boundaryDataCells),
    fmt(r.angleDegrees?.min),
    fmt(r.cellVolume?.min),
    fmt(r.accuracy),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), ...body.map(line)].join('\n') + '\n';
}

/** Runs the tracking without writing anything (the command and tests). */
export async function track(
  options: TrackCommandOptions,
  io: CliIo,
): Promise<{ json: TrackJson; rows: CheckpointGeometry[] }> {
  if (options.checkpoints.length === 0)
    throw new UsageError('no checkpoints given', {
      field: '<checkpoints>',
      fix: 'give the checkpoint files in order, a directory or a quoted pattern',
    });
  const sliverVolume = parseSliverVolume(options.sliverVolume);
  const smallAngle = parseSmallAngle(options.smallAngle);
  if (options.domain !== undefined && isDataDomain(options.domain) && options.data === undefined)
    throw new UsageError(`--domain ${options.domain} needs --data`, {
      field: '--domain',
      fix: 'give --data points.csv, or a box: --domain box:lo,hi',
    });
  const files = expandCheckpoints(options.checkpoints, io.cwd);
  const drawing = io.stderrIsTTY && !options.quiet && !options.json;
  const progress = createProgress(drawing, 2);
  if (drawing) io.stderr(`mlgeo: tracking ${files.length} checkpoints\n`);
  const checkpoints: { name: string; file: string; sha256: string; model: ReluMlpModel }[] = [];
  let firstDomain: DomainChoice | undefined;
  for (const [k, file] of files.entries()) {
    const bytes = readBytes(file, io.cwd, 'checkpoint (model file)');
    const read = await readModel(resolve(io.cwd, file), file, bytes, options.format);
    if (read.model.kind !== 'mlp')
      throw new InputError('CHECKPOINTS', `is a ${read.model.kind} model, not a ReLU MLP`, {
        file,
        field: 'model',
        fix: 'track checkpoints of one ReLU network (MLP)',
      });
    const first = checkpoints[0];
    if (first && read.model.inputDimension !== first.model.inputDimension)
      throw new InputError(
        'CHECKPOINTS',
        `has ${read.model.inputDimension} inputs, the first checkpoint (${first.file}) ${first.model.inputDimension}`,
        { file, field: 'inputDimension', fix: 'track checkpoints of one network' },
      );
    if (k === 0 && read.domain)
      firstDomain = { ...read.domain, description: `domain field of ${file}` };
    checkpoints.push({
      name: basename(file) === 'model.json' ? basename(dirname(file)) : basename(file),
      file,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      model: read.model,
    });
    progress.update('reading', k + 1, files.length);
  }
  const dimension = checkpoints[0]!.model.inputDimension;
  let data: DataPoints | undefined;
  if (options.data !== undefined) {
    const text = readBytes(options.data, io.cwd, 'points file (CSV or JSON)').toString('utf8');
    data = readPoints(text, options.data, dimension, {
      ...(options.labelColumn !== undefined ? { labelColumn: options.labelColumn } : {}),
    });
  }
  let domain: DomainChoice;
  if (options.domain !== undefined && isDataDomain(options.domain))
    domain = dataDomain(options.domain, data!.points, dimension);
  else if (options.domain !== undefined)
    domain = parseDomainOption(options.domain, dimension, io.cwd);
  else domain = firstDomain ?? cubeDomain(dimension, Rational.ZERO, Rational.ONE);
  const full = options.full ?? dimension <= 2;
  if (data === undefined && !full)
    throw new UsageError(
      `with ${dimension} inputs and no --data there is nothing to track (the full partition is enumerated for d ≤ 2 or with --full)`,
      { field: '--data', fix: 'give --data points.csv, or add --full for the whole partition' },
    );
  const rows: CheckpointGeometry[] = [];
  for (const [k, cp] of checkpoints.entries()) {
    try {
      const [row] = trackGeometry([{ name: cp.name, model: cp.model }], data?.points ?? [], {
        domain: { kind: 'hrep', A: domain.A, b: domain.b },
        full,
        smallAngleDegrees: smallAngle,
        ...(sliverVolume !== undefined ? { sliverVolume } : {}),
        ...(data?.labels !== undefined ? { labels: data.labels } : {}),
      });
      rows.push(row!);
    } catch (error) {
      progress.stop();
      throw attributeToFile(error, cp.file);
    }
    progress.update('checkpoints', k + 1, checkpoints.length);
  }
  progress.stop();
  const json: TrackJson = {
    format: 'mlgeo-track',
    version: 1,
    tool: { name: 'mlgeo', version: TOOL_VERSION },
    inputDimension: dimension,
    domain: domain.description,
    data: data
      ? { file: options.data!, points: data.points.length, labels: data.labels !== undefined }
      : null,
    options: {
      full,
      sliverVolume: sliverVolume?.toString() ?? null,
      smallAngleDegrees: smallAngle,
    },
    tiers: TIER_MEANINGS,
    checkpoints: checkpoints.map((cp, index) => ({
      index,
      name: cp.name,
      file: cp.file,
      sha256: cp.sha256,
      values: valuesJson(rows[index]!),
    })),
  };
  return { json, rows };
}

/** The command: track, then write --out, --csv, --svg (atomically) and the summary. */
export async function runTrack(options: TrackCommandOptions, io: CliIo): Promise<number> {
  const { json, rows } = await track(options, io);
  const text = JSON.stringify(json, null, 2) + '\n';
  const write = async (target: string, content: string, flag: string) => {
    try {
      // like analyze: the output's directory is created when missing
      mkdirSync(dirname(resolve(io.cwd, target)), { recursive: true });
      await writeFileAtomic(resolve(io.cwd, target), content);
    } catch {
      throw new InputError('WRITE', 'cannot write the file', {
        file: target,
        field: flag,
        fix: 'give a path in an existing, writable directory',
      });
    }
  };
  if (options.out !== undefined) await write(options.out, text, '--out');
  if (options.csv !== undefined) await write(options.csv, trackCsv(json), '--csv');
  if (options.svg !== undefined) {
    const caption = `mlgeo track: ${rows.length} checkpoints, ${json.inputDimension} inputs${json.data ? `, ${json.data.points} data points` : ''}`;
    await write(options.svg, trackSvg(rows, json.inputDimension, caption), '--svg');
  }
  if (options.json) io.stdout(text);
  else if (!options.quiet) io.stdout(summaryTable(rows));
  return 0;
}

const TRACK_EXAMPLES = `
Examples:
  $ mlgeo track packages/cli/examples/track --data packages/cli/examples/moons.csv \\
      --out out/track.json --csv out/track.csv --svg out/track.svg
  $ mlgeo track "runs/seed1/epoch-*.json" --data train.csv --json > track.json
  $ mlgeo track epoch-0.onnx epoch-10.onnx epoch-20.onnx --data points.csv --domain data
  $ mlgeo track checkpoints/ --data fashion-300.csv --no-full --quiet --out track.json

Checkpoints are taken in the order given; a directory contributes its model files (.json, .onnx,
and sub-directories with a tfjs model.json) and a quoted pattern its matches, in natural name order
(epoch-2 before epoch-10). All must be ReLU MLPs with the same number of inputs.

Per checkpoint: with --data, the data-holding cells, their facet-adjacency edges and average degree
(at most 2d on average), the data cells holding two classes, dead units, and the accuracy when the
data has labels; with the full partition (default for d ≤ 2, --full / --no-full), the cell count,
the cells the decision boundary crosses and its length ((d−1)-volume), exact cell-volume quantiles,
slivers (cells below --sliver-volume, default 1/1000 of the domain, and Σ (v_min − vol)²) and the
cells' dihedral angles (quantiles; angles below --small-angle, default 15°). Every value carries a
tier: exact (exact arithmetic; the rational is given when it is not an integer) or float (float64,
e.g. angles by arccos). --svg draws one panel per group over the checkpoints (solid: exact,
dashed: float); --csv writes one row per checkpoint and quantity.`;

/** Registers `mlgeo track` on the program; `setAction` receives what to run. */
export function registerTrackCommand(
  program: Command,
  io: CliIo,
  setAction: (action: { run(): Promise<number>; debug: boolean }) => void,
): void {
  program
    .command('track')
    .description(
      "Geometry over training: follow a ReLU network's cells, angles and volumes across checkpoints.",
    )
    .argument(
      '<checkpoints...>',
      'checkpoint files in order (any model format analyze reads), directories of them, or quoted patterns like "epoch-*.json"',
    )
    .option('--data <points.csv>', 'data points (CSV or JSON; a label column gives the accuracy)')
    .option(
      '--domain <domain>',
      'as for analyze: box, box:lo,hi, box:lo1,hi1,…, data[:M], or a .json/.ine file (default: the first checkpoint’s domain field, else the unit box)',
    )
    .option('--format <format>', 'model format instead of detection (as for analyze)')
    .option('--label-column <name>', 'the CSV column holding class labels')
    .option('--full', 'enumerate the full partition of every checkpoint (default for d ≤ 2)')
    .option('--no-full', 'only the data-holding cells, also for d ≤ 2')
    .option(
      '--sliver-volume <v>',
      'cells of smaller volume are slivers (default: domain volume / 1000)',
    )
    .option('--small-angle <degrees>', 'angles below this count as small (default 15)')
    .option('--out <track.json>', 'write the JSON here')
    .option('--csv <track.csv>', 'write the values as CSV, one row per checkpoint and quantity')
    .option('--svg <track.svg>', 'draw line plots over the checkpoints')
    .option('--json', 'write the JSON to stdout and nothing else')
    .option('--quiet', 'no summary table and no progress bars')
    .option('--debug', 'print stack traces of errors')
    .addHelpText('after', TRACK_EXAMPLES)
    .action((checkpoints: string[], options: Omit<TrackCommandOptions, 'checkpoints'>) => {
      setAction({
        debug: options.debug === true,
        run: () => runTrack({ ...options, checkpoints }, io),
      });
    });
}
