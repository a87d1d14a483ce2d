/**
 * `mlgeo analyze`: model file → exact partition → Riemannian complex → self-checks → report JSON,
 * SVG picture and a summary table.
 */
import {
  ADJACENCY_LP_MAX_DIMENSION,
  FULL_ENUMERATION_MAX_DIMENSION,
  type Model,
} from '@mlgeo/model-partitions';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Rational, isMlgeoError, type Measures, type Predicates } from '@mlgeo/exact-arith';
import type { CliIo } from './cli.js';
import { readPoints, type DataPoints } from './data.js';
import {
  cubeDomain,
  dataDomain,
  isDataDomain,
  parseDomainOption,
  type DomainChoice,
} from './domain-option.js';
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
  type EngineReadResult,
} from './engine.js';
import { InputError, UsageError, attributeToFile, detailOf, libraryCode } from './errors.js';
import { writeFileAtomic, type FileContent } from './io/atomic-write.js';
import { type CurvatureChoice, curvatureOf, parseLaziness } from './curvature.js';
import { spectrumOf } from './laplacian.js';
import {
  parseSplineChoice,
  splineInputOf,
  splineOfInput,
  withSectionBeforeChecks,
} from './spline-option.js';
import { Polytope } from '@mlgeo/exact-polytope';
import type { ComplexJson } from '@mlgeo/riemannian-complex';
import {
  BudgetError,
  BudgetedProgress,
  EXIT_BUDGET,
  defaultMaxMemory,
  parseMemory,
  type Budgets,
} from './budget.js';
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
import { cellsCsvChunks } from './report/cells-csv.js';
import { parseOmit } from './report/sections.js';
import { reportChunks, withoutTiming } from './report/serialize.js';
import { checkShardable, parseShard } from './shard/shard-option.js';
import { analyzeInWorkers } from './shard/workers.js';
import type { CheckJson, ReportJson } from './report/types.js';
import { isCellQuantity, sceneFromReport } from './svg/scene.js';
import { checkCellValuesOption, isCellValuesOption } from './svg/cell-values.js';
import { svgToPng } from './svg/png.js';
import { renderPartitionSvg } from './svg/render.js';
import { formatSummary } from './summary.js';
import {
  type SliceJson,
  parseSliceSpec,
  parseSliceTolerance,
  markSlicePoints,
  planeOfSlice,
  pointsNearPlaneCount,
  restrictsModel,
  sliceJson,
  slicedInputs,
} from './slice.js';

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
  /** --label-column NAME: the CSV column of class labels. */
  labelColumn?: string;
  /** --class-names a,b,c: class index → name (text labels map to these; legend). */
  classNames?: string;
  /** --feature-names a,b: input names for the picture axes. */
  featureNames?: string;
  format?: string;
  out?: string;
  svg?: string;
  png?: string;
  graph?: boolean;
  /** `--angles [below]`: true, or the degree threshold as given. */
  angles?: boolean | string;
  /** `--boundaries both|decision|cells`: boundary lines in the picture. */
  boundaries?: 'both' | 'decision' | 'cells';
  slice?: string;
  /** `--slice-tolerance`: data within this distance of the plane are projected and drawn. */
  sliceTolerance?: string;
  curvature?: 'ollivier' | 'forman';
  /** `--curvature-length unit|centroid|density`: lengths of d and of the walk's M_1 weights. */
  curvatureLength?: 'unit' | 'centroid' | 'density';
  /** `--laziness α`: the lazy walk's m_i(i) (default 1/2). */
  laziness?: string;
  /** `--walk-weights metric|unit`: w_ik = M_1 or 1. */
  walkWeights?: 'metric' | 'unit';
  /** `--spectrum k`: the k smallest eigenpairs of Δ_0 and the Betti numbers. */
  spectrum?: number;
  /** `--spline values.csv|predictions[:k]`: the simplicial spline of cell values. */
  spline?: string;
  /** `--lambda λ` of the spline (exact; default: chosen by GCV). */
  lambda?: string;
  /** `--spline-order 1|2`. */
  splineOrder?: string;
  /** `--colour-by class|volume|count|slope|eigenvector:j|spline`: what colours the SVG's cells. */
  colourBy?: string;
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
  /** `--shard i/n` (LP tier): only the cells ≡ i mod n; `mlgeo merge` joins the shards. */
  shard?: string;
  /** `--workers n` (LP tier): the run as n shards on worker threads, merged. */
  workers?: number;
  json?: boolean;
  /** false with --no-timing: the written report has no `timing` block. */
  timing?: boolean;
  /** `--measures`: exact values or float-only numbers in the report (default: float with --float). */
  measures?: 'exact' | 'float';
  /** `--omit metric,ridges,vertices`: sections left out of the report. */
  omit?: string;
  /** `--cells-csv FILE`: one row per cell (label, class, data count, volume, Chebyshev radius). */
  cellsCsv?: string;
  /** `--max-seconds N`: stop (exit 3) when the run takes longer. */
  maxSeconds?: number;
  /** `--cell-budget N`: stop (exit 3) when a phase holds more than N cells. */
  cellBudget?: number;
  /** `--max-memory SIZE`: stop (exit 3) when the V8 heap stays above it (default 85 % of its limit). */
  maxMemory?: string;
  /** `--partial`: when a budget stops the run, write what was finished, marked partial. */
  partial?: boolean;
  quiet?: boolean;
  debug?: boolean;
}

/** Everything one analysis produces (the CLI writes it; tests may inspect it). */
export interface AnalysisResult {
  report: ReportJson;
  partition: EnginePartition;
  /** Undefined in a partial report stopped before the complex was built. */
  complex: EngineComplex | undefined;
  data: DataPoints | undefined;
  /** The model analysed (the file's, or its restriction to a --slice plane; the picture draws k-means sites from it). */
  model?: Model;
  /** With --partial: the budget that stopped the run (the report is marked `partial`). */
  stopped?: BudgetError;
  /** With --slice: the report's slice block (method "restricted": everything is in the plane). */
  slice?: SliceJson;
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

/**
 * `--angles [below]`: undefined (no marks), true (every ridge angle) or the degree threshold
 * (marks only the angles below it), a number in (0, 180].
 */
export function anglesOption(value: boolean | string | undefined): boolean | number | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  const deg = Number(value);
  if (value.trim() === '' || !Number.isFinite(deg) || deg <= 0 || deg > 180)
    throw new UsageError(`--angles takes a number of degrees in (0, 180], got "${value}"`, {
      field: '--angles',
      fix: 'write --angles to mark every angle, or e.g. --angles 30 to mark the angles below 30°',
    });
  return deg;
}

/**
 * The curvature options (`--curvature-length`, `--laziness`, `--walk-weights`; β of density lengths
 * from `--alpha`), checked before any work; undefined without `--curvature`.
 */
function curvatureChoiceOf(
  options: AnalyzeOptions,
  beta: Rational | undefined,
): CurvatureChoice | undefined {
  const given = (
    [
      ['--curvature-length', options.curvatureLength],
      ['--laziness', options.laziness],
      ['--walk-weights', options.walkWeights],
    ] as const
  ).filter(([, v]) => v !== undefined);
  if (options.curvature === undefined) {
    if (given.length > 0)
      throw new UsageError(`${given[0]![0]} only applies to --curvature`, {
        field: given[0]![0],
        fix: 'add --curvature ollivier|forman or drop the option',
      });
    return undefined;
  }
  const alpha = parseLaziness(options.laziness);
  if (alpha !== undefined && options.curvature !== 'ollivier')
    throw new UsageError('--laziness only applies to --curvature ollivier', {
      field: '--laziness',
      fix: 'use --curvature ollivier or drop --laziness',
    });
  const edgeLength = options.curvatureLength ?? 'unit';
  if (edgeLength === 'density' && options.data === undefined)
    throw new UsageError('--curvature-length density needs --data', {
      field: '--curvature-length',
      fix: 'give --data points.csv',
    });
  return {
    kind: options.curvature,
    edgeLength,
    ...(edgeLength === 'density' && beta !== undefined ? { beta } : {}),
    ...(alpha !== undefined ? { alpha } : {}),
    ...(options.walkWeights !== undefined ? { weights: options.walkWeights } : {}),
  };
}

/** The budgets of `--max-seconds`, `--cell-budget` and `--max-memory` (default: 85 % of V8's heap). */
function budgetsOf(options: AnalyzeOptions): Budgets {
  const budgets: Budgets = {};
  if (options.maxSeconds !== undefined) budgets.maxSeconds = options.maxSeconds;
  if (options.cellBudget !== undefined) budgets.maxCells = options.cellBudget;
  if (options.maxMemory === undefined) budgets.maxMemory = defaultMaxMemory();
  else if (options.maxMemory !== 'off') {
    const bytes = parseMemory(options.maxMemory);
    if (bytes === undefined) {
      throw new UsageError(`--max-memory must be a size, got "${options.maxMemory}"`, {
        field: '--max-memory',
        fix: 'write e.g. --max-memory 1.5G, 800M, 60% (of the V8 heap limit) or off',
      });
    }
    budgets.maxMemory = bytes;
  }
  return budgets;
}

/** A partition with no cells: what a partial report holds when the partition did not finish. */
function emptyPartition(
  model: EngineReadResult['model'],
  domain: DomainChoice,
  predicates: Predicates,
): EnginePartition {
  return {
    model: model.kind,
    inputDimension: model.inputDimension,
    domain: Polytope.fromHRep(domain.A, domain.b),
    cells: [],
    complete: false,
    predicates,
  };
}

/** The slice's three points as float64 (pictures of a section of a full partition). */
function floatSlicePoints(slice: SliceJson): [number[], number[], number[]] {
  return slice.points.map((p) => p.map((x) => Rational.parse(x).toNumber())) as [
    number[],
    number[],
    number[],
  ];
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
  // --measures float: float-only numbers everywhere in the report (the cells are the same)
  const measures: Measures = options.measures ?? (options.float ? 'float' : 'exact');
  const omitted = parseOmit(options.omit);
  const shard = options.shard !== undefined ? parseShard(options.shard) : undefined;
  if (shard) checkShardable('--shard', options);
  const budgets = budgetsOf(options);
  const alpha = parseAlpha(options.alpha);
  anglesOption(options.angles); // a usage error before any work
  const curvatureChoice = curvatureChoiceOf(options, alpha);
  if (
    alpha !== undefined &&
    options.length !== 'density' &&
    !(options.curvature !== undefined && options.curvatureLength === 'density')
  ) {
    throw new UsageError('--alpha only applies to --length density', {
      field: '--alpha',
      fix: 'add --length density (or --curvature-length density) or drop --alpha',
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
  const splineChoice = parseSplineChoice(options);
  if (
    options.colourBy !== undefined &&
    !isCellQuantity(options.colourBy) &&
    !isCellValuesOption(options.colourBy)
  )
    throw new UsageError(`unknown --colour-by "${options.colourBy}"`, {
      field: '--colour-by',
      fix: 'write class, volume, count, slope, eigenvector:2 (with --spectrum) or spline (with --spline)',
    });
  if (options.colourBy !== undefined && isCellValuesOption(options.colourBy))
    checkCellValuesOption(options.colourBy, options);
  const drawing = io.stderrIsTTY && !options.quiet && !options.json;
  const progress = new BudgetedProgress(createProgress(drawing), budgets, options.partial === true);
  /** One line about the work ahead, on a terminal (the bars' companion). */
  const estimate = (line: string) => {
    if (drawing) io.stderr(`mlgeo: ${line}\n`);
  };
  let stopped: BudgetError | undefined;
  try {
    const modelFile = readText(options.model, io.cwd, 'model file');
    const read = await readModel(
      resolve(io.cwd, options.model),
      options.model,
      modelFile.bytes,
      options.format,
    );
    // what the reader read approximately (e.g. a folded BatchNorm): said, never silent
    if (!options.quiet) for (const note of read.notes ?? []) io.stderr(`mlgeo: note: ${note}\n`);
    const dimension = read.model.inputDimension;
    // picture options are checked before the (possibly long) analysis
    const sliceSpec =
      options.slice !== undefined ? parseSliceSpec(options.slice, dimension) : undefined;
    if (options.sliceTolerance !== undefined && sliceSpec === undefined) {
      throw new UsageError('--slice-tolerance needs --slice', {
        field: '--slice-tolerance',
        fix: 'add --slice "p0;p1;p2" (or rows:i,j,k) or drop --slice-tolerance',
      });
    }
    const tolerance = parseSliceTolerance(options.sliceTolerance);
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
    const classNames = splitNames(options.classNames, '--class-names');
    const featureNames = splitNames(options.featureNames, '--feature-names');
    if (featureNames !== undefined && featureNames.length !== dimension) {
      throw new UsageError(
        `--feature-names gives ${featureNames.length} name(s), the model has ${dimension} input(s)`,
        { field: '--feature-names', fix: `give ${dimension} comma-separated names` },
      );
    }
    let domain: DomainChoice;
    let domainSource: string | undefined;
    // --domain data[:margin] is the data's padded bounding box, resolved once the data is read
    const fromData = options.domain !== undefined && isDataDomain(options.domain);
    if (fromData && options.data === undefined) {
      throw new UsageError(`--domain ${options.domain} needs --data`, {
        field: '--domain',
        fix: 'give --data points.csv, or a box: --domain box:lo,hi',
      });
    }
    if (options.domain !== undefined && !fromData) {
      domain = parseDomainOption(options.domain, dimension, io.cwd);
      if (!/^box(:|$)/.test(options.domain)) domainSource = options.domain;
    } else if (read.domain && !fromData) {
      domain = { ...read.domain, description: `domain field of ${options.model}` };
      domainSource = options.model;
    } else domain = cubeDomain(dimension, Rational.ZERO, Rational.ONE);

    let data: DataPoints | undefined;
    if (options.data !== undefined) {
      const file = readText(options.data, io.cwd, 'points file (CSV or JSON)');
      data = readPoints(file.text, options.data, dimension, {
        ...(options.labelColumn !== undefined ? { labelColumn: options.labelColumn } : {}),
        ...(classNames !== undefined ? { classNames } : {}),
      });
    }
    if (fromData) domain = dataDomain(options.domain!, data!.points, dimension);
    // --slice (d > 2): restrict the model, the domain and the data to the plane, then analyse the
    // 2-input model there; trees and forests keep their full partition (the picture is its section)
    let model = read.model;
    let slice: SliceJson | undefined;
    if (sliceSpec !== undefined) {
      const plane = planeOfSlice(sliceSpec, dimension, data);
      if (restrictsModel(read.model)) {
        const sliced = slicedInputs(read.model, domain, data, sliceSpec, plane, tolerance);
        ({ model, domain, data, json: slice } = sliced);
      } else {
        const near = data !== undefined ? pointsNearPlaneCount(data, plane, tolerance) : undefined;
        slice = sliceJson(sliceSpec, plane, read.model, tolerance, 'section', near);
      }
    }
    const analysed = model === read.model ? read : { ...read, model };
    const bound = cellCountBound(model);
    const mode: 'all' | 'data' =
      options.cells === 'all' || data === undefined
        ? 'all'
        : options.cells === 'data' || options.only === 'cells' || options.geometry === 'lp'
          ? 'data'
          : slice?.method === 'restricted' ||
              (bound <= options.maxCells && dimension <= FULL_ENUMERATION_MAX_DIMENSION)
            ? 'all' // a plane's partition is small enough to enumerate whole
            : 'data';
    const modeReason = cellsModeReason(options, data !== undefined, bound, mode, dimension);
    if (
      curvatureChoice !== undefined &&
      curvatureChoice.edgeLength !== 'unit' &&
      chooseGeometry(options.geometry, options.only, mode, dimension) === 'lp'
    )
      throw new UsageError(
        `--curvature-length ${curvatureChoice.edgeLength} needs centroids or volumes, which the LP tier's data complex does not have`,
        {
          field: '--curvature-length',
          fix: 'use --curvature-length unit (with --face-weight unit|mass for M_1), or --geometry vertices',
        },
      );
    const phases: Record<string, number> = {};
    let mark = performance.now();
    const lap = (phase: string) => {
      const now = performance.now();
      phases[phase] = Math.round(now - mark) / 1000;
      mark = now;
    };
    lap('read');
    estimate(
      mode === 'all'
        ? `partition: at most ${bound.toLocaleString('en-US')} cells (the model's cell-count bound)`
        : `partition: the cells holding ${data!.points.length.toLocaleString('en-US')} data points (at most that many cells)`,
    );
    let partition: EnginePartition;
    try {
      partition =
        mode === 'all'
          ? fullPartition(model, domain, predicates, data, options, progress)
          : dataPartition(model, domain, predicates, data!, options, progress);
    } catch (error) {
      if (error instanceof BudgetError && options.partial) {
        stopped = error;
        partition = emptyPartition(read.model, domain, predicates);
      } else throw attributeInputError(error, options, domainSource, domain, data);
    }
    lap('partition');
    const lpTier = chooseGeometry(options.geometry, options.only, mode, dimension) === 'lp';
    if (shard && !lpTier)
      throw new UsageError('--shard and --workers split the LP tier of data-holding cells', {
        field: '--shard',
        fix: 'add --data points.csv --cells data --geometry lp',
      });
    if (stopped === undefined && lpTier) {
      if (
        options.lp === undefined &&
        options.only === undefined &&
        dimension > ADJACENCY_LP_MAX_DIMENSION
      )
        estimate(
          `LP tier in ${dimension}-D: margins and slopes, adjacency from data certificates and bounded face LPs (facets, ridges and Chebyshev balls need LPs of minutes per cell above ${ADJACENCY_LP_MAX_DIMENSION} inputs: ask with --lp; ridge angles without LP: --float --lp margins,slopes,point-ridges)`,
        );
      const tier = runLpTier(
        partition,
        domain.A.length,
        {
          only: options.only,
          parts: parseLpParts(options.lp),
          ridgeFacets: options.ridgeFacets ?? (dimension > 3 ? DEFAULT_RIDGE_FACETS : undefined),
          pointRidgeFacets: options.ridgeFacets,
          faceWeight: options.faceWeight,
          exact: measures === 'exact',
          exactNegatives: options.exact === true,
          shard,
        },
        progress,
      );
      lap('lp');
      const curvature =
        options.curvature !== undefined
          ? curvatureOf(tier.complex, curvatureChoice!, measures === 'exact')
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
        complex: complexJson(tier.complex, { measures, omit: omitted }),
        cells: tier.cells,
        lp: tier.lp,
        ...(curvature !== undefined ? { curvature } : {}),
        checks: tier.checks,
        ...(shard ? { shard: { ...shard, cells: partition.cells.length } } : {}),
        seconds: (performance.now() - started) / 1000,
        phases,
        progress,
      });
      return { report, partition, complex: tier.complex, data, model };
    }
    let complex: EngineComplex | undefined;
    let complexReport: ComplexJson | null = null;
    let checks: CheckJson[] = [];
    if (stopped === undefined) {
      try {
        estimate(
          `complex: ${partition.cells.length.toLocaleString('en-US')} cells` +
            (omitted.includes('metric') ? ' (no metric: --omit metric)' : ', then the metric'),
        );
        progress.update('complex', 0, partition.cells.length);
        complex = buildComplexOf(
          partition,
          {
            kind: options.complex,
            ...(options.maxDim !== undefined ? { maxDimension: options.maxDim } : {}),
            length: options.length,
            ...(alpha !== undefined ? { beta: alpha } : {}),
            measures,
          },
          progress,
          !omitted.includes('ridges'),
        );
        complexReport = complexJson(complex, { measures, omit: omitted });
        progress.update('checks', 0, 1);
        checks = complexChecks(complex);
      } catch (error) {
        if (!(error instanceof BudgetError && options.partial)) throw error;
        stopped = error;
        // drop the unfinished complex: its memory is what the partial report is written with
        complex = undefined;
        complexReport = null;
      }
      lap('complex');
    }
    const curvature =
      options.curvature !== undefined && complex !== undefined && stopped === undefined
        ? curvatureOf(complex, curvatureChoice!, measures === 'exact')
        : undefined;
    if (curvature !== undefined) lap('curvature');
    const spectrum =
      options.spectrum !== undefined && complex !== undefined && stopped === undefined
        ? spectrumOf(complex, options.spectrum)
        : undefined;
    if (spectrum !== undefined) lap('spectrum');
    // a partial report is written whatever its size: the budgets are not checked any more
    if (stopped !== undefined) progress.disarm();
    let report = buildReport({
      command: ['mlgeo', 'analyze', ...commandLine(options)].join(' '),
      modelFile: options.model,
      modelBytes: modelFile.bytes,
      sha256: createHash('sha256').update(modelFile.bytes).digest('hex'),
      read: analysed,
      domain,
      predicates,
      measures,
      data: data && options.data !== undefined ? { file: options.data, points: data } : undefined,
      mode,
      modeReason,
      partition,
      complex: complexReport,
      ...(complex !== undefined && measures === 'float'
        ? {
            cellFloatMeasures: (i: number) => ({
              volume: complex!.cells[i]!.floatVolume,
              centroid: complex!.cells[i]!.floatCentroid,
            }),
          }
        : {}),
      ...(curvature !== undefined ? { curvature } : {}),
      ...(spectrum !== undefined ? { spectrum } : {}),
      ...(slice !== undefined ? { slice } : {}),
      checks,
      seconds: (performance.now() - started) / 1000,
      phases,
      progress,
      omitted,
      ...(stopped !== undefined
        ? {
            partial: {
              phase: stopped.phase,
              budget: stopped.budget,
              limit: stopped.limit,
              reached: stopped.reached,
            },
          }
        : {}),
    });
    if (splineChoice !== undefined && complex !== undefined && stopped === undefined) {
      // the spline's input may be the report's own per-cell predictions (report/build.ts)
      const t0 = performance.now();
      const input = splineInputOf(options.spline!, report, partition, io.cwd, dimension);
      const spline = splineOfInput(complex, input, splineChoice);
      report = withSectionBeforeChecks(report, 'spline', spline);
      const seconds = (performance.now() - t0) / 1000;
      if (report.timing) {
        report.timing.phases.spline = Math.round(seconds * 1000) / 1000;
        report.timing.seconds = Math.round((report.timing.seconds + seconds) * 1000) / 1000;
      }
    }
    return {
      report,
      partition,
      complex,
      data,
      model,
      ...(stopped ? { stopped } : {}),
      ...(slice !== undefined ? { slice } : {}),
    };
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
  domain?: DomainChoice,
  data?: DataPoints,
): unknown {
  if (!isMlgeoError(error)) return error;
  if (error.code === 'OUTSIDE_DOMAIN' && options.data !== undefined) {
    // say which point (file line, coordinates) and what the domain is
    const row = /^points\[(\d+)\]$/.exec(error.field ?? '');
    const k = row ? Number(row[1]) : undefined;
    const point = k !== undefined ? data?.points[k] : undefined;
    const line = k !== undefined ? data?.lines?.[k] : undefined;
    const where = point
      ? `the point (${point.map((x) => x.toNumber()).join(', ')})${line !== undefined ? ` on line ${line}` : ''} lies outside the domain`
      : detailOf(error);
    return new InputError(
      libraryCode(error),
      `${where}${domain ? ` (${domain.description})` : ''}`,
      {
        file: options.data,
        ...(line !== undefined
          ? { field: `line ${line}` }
          : error.field !== undefined
            ? { field: error.field }
            : {}),
        fix: 'remove the point, enlarge the domain (--domain, e.g. --domain data for the data bounding box), or pass --skip-outside to count it as outside',
      },
    );
  }
  if (error.code.startsWith('DOMAIN') && domainSource !== undefined) {
    // a domain file with A and b at its top level calls the library's domain.b[2] just b[2]
    if (domain?.topLevel === true && error.field?.startsWith('domain.') === true) {
      return new InputError(libraryCode(error), detailOf(error).replace(/\bdomain\./g, ''), {
        file: domainSource,
        field: error.field.slice('domain.'.length),
        ...(error.fix !== undefined ? { fix: error.fix } : {}),
      });
    }
    return attributeToFile(error, domainSource);
  }
  return error;
}

/** A comma-separated list of names (`--class-names`, `--feature-names`), or undefined. */
function splitNames(text: string | undefined, option: string): string[] | undefined {
  if (text === undefined) return undefined;
  const names = text.split(',').map((n) => n.trim());
  if (names.some((n) => n === '') || new Set(names).size !== names.length) {
    throw new UsageError(`${option} needs distinct, non-empty names, got "${text}"`, {
      field: option,
      fix: `write e.g. ${option} setosa,versicolor,virginica`,
    });
  }
  return names;
}

/** Why every cell or only the data-holding ones (the summary says it; report partition.modeReason). */
function cellsModeReason(
  options: AnalyzeOptions,
  hasData: boolean,
  bound: number,
  mode: 'all' | 'data',
  dimension: number,
): string {
  if (!hasData) return 'no data: every cell';
  if (options.cells !== 'auto') return `--cells ${options.cells}`;
  if (mode === 'data' && dimension > FULL_ENUMERATION_MAX_DIMENSION)
    return `--cells auto: ${dimension} inputs (full enumeration is for d ≤ ${FULL_ENUMERATION_MAX_DIMENSION})`;
  const shown = Number.isFinite(bound) && bound < 1e15 ? String(bound) : bound.toExponential(2);
  return mode === 'all'
    ? `--cells auto: at most ${shown} cells (model bound) ≤ --max-cells ${options.maxCells}`
    : `--cells auto: up to ${shown} cells (model bound) > --max-cells ${options.maxCells}; --cells all enumerates every cell`;
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
  if (o.curvatureLength !== undefined) args.push('--curvature-length', o.curvatureLength);
  if (o.laziness !== undefined) args.push('--laziness', o.laziness);
  if (o.walkWeights !== undefined) args.push('--walk-weights', o.walkWeights);
  if (o.spectrum !== undefined) args.push('--spectrum', String(o.spectrum));
  if (o.spline !== undefined) args.push('--spline', o.spline);
  if (o.lambda !== undefined) args.push('--lambda', o.lambda);
  if (o.splineOrder !== undefined) args.push('--spline-order', o.splineOrder);
  if (o.measures !== undefined) args.push('--measures', o.measures);
  if (o.omit !== undefined) args.push('--omit', parseOmit(o.omit).join(','));
  if (o.slice !== undefined) args.push('--slice', o.slice);
  if (o.sliceTolerance !== undefined) args.push('--slice-tolerance', o.sliceTolerance);
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
  const result: Partial<AnalysisResult> & Pick<AnalysisResult, 'report'> =
    (options.workers ?? 1) > 1 && options.shard === undefined
      ? { report: await analyzeInWorkers(options, io) }
      : await analyze(options, io);
  const slice = result.slice;
  const { report } = result;
  const written = options.timing === false ? withoutTiming(report) : report;
  // streamed: a report may be larger than the longest JavaScript string
  if (options.out !== undefined) await writeOutput(options.out, reportChunks(written), io.cwd);
  if (options.cellsCsv !== undefined)
    await writeOutput(options.cellsCsv, cellsCsvChunks(report), io.cwd);
  if (options.svg !== undefined || options.png !== undefined) {
    const classNames = splitNames(options.classNames, '--class-names');
    const featureNames = splitNames(options.featureNames, '--feature-names');
    const model = result.model;
    const scene = sceneFromReport(report, {
      points: result.data,
      ...(classNames ? { classNames } : {}),
      ...(featureNames ? { featureNames } : {}),
      ...(model?.kind === 'voronoi'
        ? { sites: model.sites.map((s) => s.map((x) => x.toNumber())) }
        : {}),
      ...(options.colourBy !== undefined ? { colourBy: options.colourBy } : {}),
      graph: options.graph === true,
      angles: anglesOption(options.angles),
      ...(options.boundaries !== undefined ? { boundaries: options.boundaries } : {}),
      ...(slice?.method === 'section' ? { slice: floatSlicePoints(slice) } : {}),
    });
    if (slice !== undefined) markSlicePoints(scene, slice);
    const { svg } = renderPartitionSvg(scene);
    if (options.svg !== undefined) await writeOutput(options.svg, svg, io.cwd);
    if (options.png !== undefined) await writeOutput(options.png, await svgToPng(svg), io.cwd);
  }
  if (options.json) for (const chunk of reportChunks(written)) io.stdout(chunk);
  else if (!options.quiet) {
    io.stdout(formatSummary(report, { out: options.out, svg: options.svg, png: options.png }));
  }
  if (result.stopped !== undefined) {
    // --partial: the report is written and marked; the run still did not finish (exit 3)
    io.stderr(
      `mlgeo: ${result.stopped.message}; partial report written (partial: ${report.partial?.phase})\n`,
    );
    return EXIT_BUDGET;
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
