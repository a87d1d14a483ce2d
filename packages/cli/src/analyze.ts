/**
 * `mlgeo analyze`: model file → exact partition → Riemannian complex → self-checks → report JSON,
 * SVG picture and a summary table.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Rational, isMlgeoError, type Measures, type Predicates } from '@mlgeo/exact-arith';
import type { CliIo } from './cli.js';
import { readPoints, type DataPoints } from './data.js';
import { cubeDomain, parseDomainOption, type DomainChoice } from './domain-option.js';
import {
  buildComplexOf,
  cellCountBound,
  complexChecks,
  complexJson,
  dataPartition,
  fullPartition,
  readModel,
  type EngineComplex,
  type EnginePartition,
} from './engine.js';
import { InputError, UsageError, attributeToFile, detailOf, libraryCode } from './errors.js';
import { writeFileAtomic, type FileContent } from './io/atomic-write.js';
import { curvatureOf } from './curvature.js';
import {
  DEFAULT_RIDGE_FACETS,
  chooseGeometry,
  parseLpParts,
  runLpTier,
  type GeometryChoice,
} from './lp/analysis.js';
import { buildLpReport } from './lp/report.js';
import { createProgress } from './progress.js';
import { buildReport } from './report/build.js';
import { reportChunks, withoutTiming } from './report/serialize.js';
import type { ReportJson } from './report/types.js';
import { sceneFromReport } from './svg/scene.js';
import { svgToPng } from './svg/png.js';
import { renderPartitionSvg } from './svg/render.js';
import { formatSummary } from './summary.js';

/** Options of `mlgeo analyze` as commander hands them over. */
export interface AnalyzeOptions {
  model: string;
  data?: string;
  domain?: string;
  exact?: boolean;
  float?: boolean;
  complex: 'adjacency' | 'nerve';
  maxDim?: number;
  length: 'centroid' | 'unit' | 'density';
  alpha?: string;
  cells: 'auto' | 'all' | 'data';
  maxCells: number;
  skipOutside?: boolean;
  format?: string;
  out?: string;
  svg?: string;
  png?: string;
  graph?: boolean;
  angles?: boolean;
  slice?: string;
  curvature?: 'ollivier' | 'forman';
  /** Geometry tier: exact vertices, or the LP-only tier of data-holding cells (lp/analysis.ts). */
  geometry?: GeometryChoice;
  /** `cells`: patterns, counts, H-reps and adjacency only (LP tier, no measures). */
  only?: 'cells';
  /** LP tier: facets per cell (nearest the centre) whose pairs give ridge angles. */
  ridgeFacets?: number;
  /** LP tier: M_1 face weight of the volume-free data complex. */
  faceWeight?: 'unit' | 'mass';
  /** LP tier: which values (comma list of chebyshev, facets, ridges, margins, slopes). */
  lp?: string;
  json?: boolean;
  /** false with --no-timing: the written report has no `timing` block. */
  timing?: boolean;
  quiet?: boolean;
  debug?: boolean;
}

/** Everything one analysis produces (the CLI writes it; tests may inspect it). */
export interface AnalysisResult {
  report: ReportJson;
  partition: EnginePartition;
  complex: EngineComplex;
  data: DataPoints | undefined;
}

function parseAlpha(text: string | undefined): Rational | undefined {
  if (text === undefined) return undefined;
  let a: Rational;
  try {
    a = Rational.parse(text);
  } catch {
    throw new UsageError(`--alpha must be a number in (0, 1], got "${text}"`, {
      field: '--alpha',
      fix: 'write e.g. --alpha 1 or --alpha 1/2',
    });
  }
  if (a.sign() <= 0 || a.cmp(Rational.ONE) > 0) {
    throw new UsageError(`--alpha must be in (0, 1], got ${a}`, {
      field: '--alpha',
      fix: 'write e.g. --alpha 1/2',
    });
  }
  return a;
}

/** Parses `--slice "p0;p1;p2"` (coordinates separated by commas) for a d-dimensional model. */
export function parseSlice(text: string, dimension: number): [number[], number[], number[]] {
  const pts = text.split(';').map((p) => p.split(',').map((x) => Number(x.trim())));
  if (
    pts.length !== 3 ||
    pts.some((p) => p.length !== dimension || p.some((x) => !Number.isFinite(x)))
  ) {
    throw new UsageError(
      `--slice needs three points with ${dimension} coordinates, got "${text}"`,
      {
        field: '--slice',
        fix: `write --slice "${Array.from({ length: 3 }, (_, i) => Array.from({ length: dimension }, (_, k) => (k === i ? 1 : 0)).join(',')).join(';')}"`,
      },
    );
  }
  return pts as [number[], number[], number[]];
}

function readText(path: string, cwd: string, what: string): { text: string; bytes: Buffer } {
  try {
    const bytes = readFileSync(resolve(cwd, path));
    return { bytes, text: bytes.toString('utf8') };
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

/** Runs the analysis without writing anything (used by the command and by tests). */
export async function analyze(options: AnalyzeOptions, io: CliIo): Promise<AnalysisResult> {
  const started = performance.now();
  // --float: filtered sign decisions (identical cells, faster) and float64 measures in the report
  const predicates: Predicates = options.float ? 'filtered' : 'exact';
  const measures: Measures = options.float ? 'float' : 'exact';
  const alpha = parseAlpha(options.alpha);
  if (alpha !== undefined && options.length !== 'density') {
    throw new UsageError('--alpha only applies to --length density', {
      field: '--alpha',
      fix: 'add --length density or drop --alpha',
    });
  }
  if (options.cells === 'data' && options.data === undefined) {
    throw new UsageError('--cells data needs --data', {
      field: '--cells',
      fix: 'give --data points.csv',
    });
  }
  if (options.curvature !== undefined && options.data === undefined) {
    throw new UsageError('--curvature needs --data (the walks and weights are the data counts)', {
      field: '--curvature',
      fix: 'give --data points.csv',
    });
  }
  if (options.length === 'density' && options.data === undefined) {
    throw new UsageError('--length density needs --data', {
      field: '--length',
      fix: 'give --data points.csv',
    });
  }
  const progress = createProgress(io.stderrIsTTY && !options.quiet && !options.json);
  try {
    const modelFile = readText(options.model, io.cwd, 'model file');
    const read = await readModel(
      resolve(io.cwd, options.model),
      options.model,
      modelFile.bytes,
      options.format,
    );
    const dimension = read.model.inputDimension;
    // picture options are checked before the (possibly long) analysis
    if (options.slice !== undefined) parseSlice(options.slice, dimension);
    const picture = options.svg !== undefined ? '--svg' : options.png !== undefined ? '--png' : '';
    if (picture !== '' && dimension !== 2 && options.slice === undefined) {
      throw new UsageError(
        `the model has ${dimension} inputs: ${picture} needs --slice for a 2-D slice`,
        {
          field: '--slice',
          fix: 'add --slice "p0;p1;p2" with three points spanning the plane to draw',
        },
      );
    }
    let domain: DomainChoice;
    let domainSource: string | undefined;
    if (options.domain !== undefined) {
      domain = parseDomainOption(options.domain, dimension, io.cwd);
      if (!/^box(:|$)/.test(options.domain)) domainSource = options.domain;
    } else if (read.domain) {
      domain = { ...read.domain, description: `domain field of ${options.model}` };
      domainSource = options.model;
    } else domain = cubeDomain(dimension, Rational.ZERO, Rational.ONE);

    let data: DataPoints | undefined;
    if (options.data !== undefined) {
      const file = readText(options.data, io.cwd, 'points file (CSV or JSON)');
      data = readPoints(file.text, options.data, dimension);
    }
    const bound = cellCountBound(read.model);
    const mode: 'all' | 'data' =
      options.cells === 'all' || data === undefined
        ? 'all'
        : options.cells === 'data' || options.only === 'cells' || options.geometry === 'lp'
          ? 'data'
          : bound <= options.maxCells
            ? 'all'
            : 'data';
    const phases: Record<string, number> = {};
    let mark = performance.now();
    const lap = (phase: string) => {
      const now = performance.now();
      phases[phase] = Math.round(now - mark) / 1000;
      mark = now;
    };
    lap('read');
    let partition: EnginePartition;
    try {
      partition =
        mode === 'all'
          ? fullPartition(read.model, domain, predicates, data, options, progress)
          : dataPartition(read.model, domain, predicates, data!, options, progress);
    } catch (error) {
      throw attributeInputError(error, options, domainSource);
    }
    lap('partition');
    if (chooseGeometry(options.geometry, options.only, mode, dimension) === 'lp') {
      const tier = runLpTier(
        partition,
        domain.A.length,
        {
          only: options.only,
          parts: parseLpParts(options.lp),
          ridgeFacets: options.ridgeFacets ?? (dimension > 3 ? DEFAULT_RIDGE_FACETS : undefined),
          faceWeight: options.faceWeight,
          exact: measures === 'exact',
          exactNegatives: options.exact === true,
        },
        progress,
      );
      lap('lp');
      const curvature =
        options.curvature !== undefined
          ? curvatureOf(tier.complex, options.curvature, measures === 'exact')
          : undefined;
      if (curvature !== undefined) lap('curvature');
      const report = buildLpReport({
        command: ['mlgeo', 'analyze', ...commandLine(options)].join(' '),
        modelFile: options.model,
        modelBytes: modelFile.bytes,
        sha256: createHash('sha256').update(modelFile.bytes).digest('hex'),
        read,
        domain,
        predicates,
        measures,
        data: data && options.data !== undefined ? { file: options.data, points: data } : undefined,
        mode,
        partition,
        complex: complexJson(tier.complex),
        cells: tier.cells,
        lp: tier.lp,
        ...(curvature !== undefined ? { curvature } : {}),
        checks: tier.checks,
        seconds: (performance.now() - started) / 1000,
        phases,
        progress,
      });
      return { report, partition, complex: tier.complex, data };
    }
    progress.update('complex', 0, partition.cells.length);
    const complex = buildComplexOf(partition, {
      kind: options.complex,
      ...(options.maxDim !== undefined ? { maxDimension: options.maxDim } : {}),
      length: options.length,
      ...(alpha !== undefined ? { beta: alpha } : {}),
    });
    const complexReport = complexJson(complex);
    const checks = complexChecks(complex);
    lap('complex');
    const curvature =
      options.curvature !== undefined
        ? curvatureOf(complex, options.curvature, measures === 'exact')
        : undefined;
    if (curvature !== undefined) lap('curvature');
    const report = buildReport({
      command: ['mlgeo', 'analyze', ...commandLine(options)].join(' '),
      modelFile: options.model,
      modelBytes: modelFile.bytes,
      sha256: createHash('sha256').update(modelFile.bytes).digest('hex'),
      read,
      domain,
      predicates,
      measures,
      data: data && options.data !== undefined ? { file: options.data, points: data } : undefined,
      mode,
      partition,
      complex: complexReport,
      ...(curvature !== undefined ? { curvature } : {}),
      checks,
      seconds: (performance.now() - started) / 1000,
      phases,
      progress,
    });
    return { report, partition, complex, data };
  } finally {
    progress.stop();
  }
}

/**
 * Library errors about data points or the domain, attributed to the file they come from (a point
 * outside the domain names the data file and suggests --skip-outside).
 */
function attributeInputError(
  error: unknown,
  options: AnalyzeOptions,
  domainSource: string | undefined,
): unknown {
  if (!isMlgeoError(error)) return error;
  if (error.code === 'OUTSIDE_DOMAIN' && options.data !== undefined) {
    return new InputError(libraryCode(error), detailOf(error), {
      file: options.data,
      ...(error.field !== undefined ? { field: error.field } : {}),
      fix: 'remove the point, enlarge the domain (--domain), or pass --skip-outside to count it as outside',
    });
  }
  if (error.code.startsWith('DOMAIN') && domainSource !== undefined) {
    return attributeToFile(error, domainSource);
  }
  return error;
}

/** The options as a reproducible command line (paths as given). */
function commandLine(o: AnalyzeOptions): string[] {
  const args = [o.model];
  if (o.data !== undefined) args.push('--data', o.data);
  if (o.domain !== undefined) args.push('--domain', o.domain);
  if (o.float) args.push('--float');
  if (o.complex !== 'adjacency') args.push('--complex', o.complex);
  if (o.maxDim !== undefined) args.push('--max-dim', String(o.maxDim));
  if (o.length !== 'centroid') args.push('--length', o.length);
  if (o.alpha !== undefined) args.push('--alpha', o.alpha);
  if (o.cells !== 'auto') args.push('--cells', o.cells);
  if (o.skipOutside) args.push('--skip-outside');
  if (o.format !== undefined) args.push('--format', o.format);
  if (o.timing === false) args.push('--no-timing');
  if (o.curvature !== undefined) args.push('--curvature', o.curvature);
  if (o.geometry !== undefined && o.geometry !== 'auto') args.push('--geometry', o.geometry);
  if (o.only !== undefined) args.push('--only', o.only);
  if (o.ridgeFacets !== undefined) args.push('--ridge-facets', String(o.ridgeFacets));
  if (o.faceWeight !== undefined) args.push('--face-weight', o.faceWeight);
  if (o.lp !== undefined) args.push('--lp', o.lp);
  return args;
}

/** Writes an output file atomically (io/atomic-write.ts): the previous file survives a failure. */
async function writeOutput(path: string, content: FileContent, cwd: string): Promise<void> {
  const full = resolve(cwd, path);
  try {
    mkdirSync(dirname(full), { recursive: true });
    await writeFileAtomic(full, content);
  } catch (error) {
    throw new InputError('WRITE', `cannot write (${(error as Error).message.split('\n')[0]})`, {
      file: path,
      fix: 'give a writable path',
    });
  }
}

/** The `analyze` command: analysis, then report/SVG files, stdout JSON or summary table. */
export async function runAnalyze(options: AnalyzeOptions, io: CliIo): Promise<number> {
  const slice = options.slice;
  const result = await analyze(options, io);
  const { report } = result;
  const written = options.timing === false ? withoutTiming(report) : report;
  // streamed: a report may be larger than the longest JavaScript string
  if (options.out !== undefined) await writeOutput(options.out, reportChunks(written), io.cwd);
  if (options.svg !== undefined || options.png !== undefined) {
    const dimension = report.model.inputDimension;
    const scene = sceneFromReport(report, {
      points: result.data,
      graph: options.graph === true,
      angles: options.angles === true,
      ...(slice !== undefined ? { slice: parseSlice(slice, dimension) } : {}),
    });
    const { svg } = renderPartitionSvg(scene);
    if (options.svg !== undefined) await writeOutput(options.svg, svg, io.cwd);
    if (options.png !== undefined) await writeOutput(options.png, await svgToPng(svg), io.cwd);
  }
  if (options.json) for (const chunk of reportChunks(written)) io.stdout(chunk);
  else if (!options.quiet) {
    io.stdout(formatSummary(report, { out: options.out, svg: options.svg, png: options.png }));
  }
  const failed = report.checks.filter((c) => !c.ok);
  if (failed.length > 0) {
    io.stderr(
      `mlgeo: ${failed.length} self-check(s) failed: ${failed.map((c) => `${c.name} (${c.detail})`).join('; ')}\n`,
    );
    return 1;
  }
  return 0;
}
