/**
 * The exact analysis the page runs in its worker, as `mlgeo analyze MODEL [--data DATA]` runs it
 * with default options: read the model with @mlgeo/model-readers (format detected), the data with
 * the CLI's own points reader, the domain from the model file or the unit box, all cells (or only
 * data-holding cells when the cell-count bound exceeds the CLI's default `--max-cells`), the
 * adjacency complex with centroid lengths and angles (@mlgeo/riemannian-complex), its self-checks,
 * and the report written by the CLI's own builder (`reportJson` of `@mlgeo/cli/browser`).
 */
import {
  type DataPoints,
  type DomainChoice,
  type ReportJson,
  type SliceJson,
  parseSliceSpec,
  planeOfSlice,
  readPoints,
  reportJson,
  restrictsModel,
  slicedInputs,
} from '@mlgeo/cli/browser';
import { version as CLI_VERSION } from '@mlgeo/cli/package.json';
import { Rational } from '@mlgeo/exact-arith';
import { boxHRep } from '@mlgeo/exact-polytope';
import {
  adapterFor,
  dataHoldingPartition,
  partitionOf,
  type Partition,
} from '@mlgeo/model-partitions';
import { readModelBytes } from '@mlgeo/model-readers';
import {
  type CheckResult,
  type RiemannianComplex,
  buildComplex,
  complexToJson,
  verify,
} from '@mlgeo/riemannian-complex';

/** `mlgeo analyze --max-cells` default: above this bound `--cells auto` keeps data cells only. */
export const CLI_MAX_CELLS = 20000;

/** A file handed to the analysis (picked, dropped, or made by the page). */
export interface NamedFile {
  name: string;
  bytes: Uint8Array;
}

/** Inputs of {@link analyzeModel}. */
export interface AnalysisInput {
  model: NamedFile;
  data?: NamedFile;
  /** Further dropped files: tfjs weight shards named by the model's manifest. */
  siblings?: NamedFile[];
  /**
   * `--cells`: 'auto' (the CLI default) keeps only data-holding cells when the cell-count bound
   * exceeds {@link CLI_MAX_CELLS}; 'all' always enumerates every cell (what a 2-D picture needs).
   */
  cells?: 'auto' | 'all';
  /**
   * `--slice` for models with more than two inputs (ignored for two): `rows:i,j,k` (three data rows, counted from
   * 0) or three points `p0;p1;p2`; the model is restricted to the plane through them as the CLI
   * restricts it (model-partitions `restrictToPlane`), and the picture is in plane coordinates.
   */
  slice?: string;
}

/** Hex sha256 of bytes (Web Crypto: browsers, workers and Node ≥ 20 alike). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** What the page shows besides the report: the data points as floats with labels, and timings. */
export interface AnalysisResult {
  report: ReportJson;
  /** Milliseconds to the certified cells (exact partition), before the complex. */
  partitionMilliseconds: number;
  points: { x: number[]; label: number | undefined }[];
  milliseconds: number;
}

/** The CLI command line that writes the same report (paths as the page names the files). */
export function cliCommand(
  modelFile: string,
  dataFile: string | undefined,
  cells: 'auto' | 'all' = 'auto',
  slice?: string,
): string {
  return [
    'mlgeo analyze',
    modelFile,
    ...(dataFile !== undefined ? ['--data', dataFile] : []),
    ...(cells === 'all' ? ['--cells', 'all'] : []),
    ...(slice !== undefined ? ['--slice', slice] : []),
  ].join(' ');
}

/**
 * The certified cells before their measures: exact combinatorics (every cell, its label and exact
 * vertices), with float areas and classes for drawing while the exact numbers are computed.
 */
export interface PartitionPreview {
  inputDimension: number;
  architecture: number[] | undefined;
  cells: {
    label: string;
    vertices: string[][];
    /** Float area of the polygon (shoelace on the float vertices), for colouring only. */
    area: number;
    /** The class at the float centroid of the vertices (the exact rule follows with the report). */
    predictedClass: number | undefined;
  }[];
  milliseconds: number;
}

/** Shoelace area and vertex mean of a convex polygon given by unordered float vertices. */
export function floatPolygon(vertices: readonly (readonly number[])[]): {
  area: number;
  mean: number[];
} {
  const n = vertices.length;
  const mean = [0, 1].map((k) => vertices.reduce((s, v) => s + v[k]!, 0) / Math.max(1, n));
  const order = [...vertices].sort(
    (a, b) =>
      Math.atan2(a[1]! - mean[1]!, a[0]! - mean[0]!) -
      Math.atan2(b[1]! - mean[1]!, b[0]! - mean[0]!),
  );
  let twice = 0;
  for (let i = 0; i < n; i++) {
    const a = order[i]!;
    const b = order[(i + 1) % n]!;
    twice += a[0]! * b[1]! - a[1]! * b[0]!;
  }
  return { area: Math.abs(twice) / 2, mean };
}

/** Hooks of {@link analyzeWithComplex}: the certified cells first, then each phase as it starts. */
export interface AnalysisHooks {
  onPartition?: (preview: PartitionPreview) => void;
  onPhase?: (phase: string) => void;
  /** The complex's self-checks, before its JSON and the report are written. */
  onChecks?: (checks: CheckResult[], milliseconds: number) => void;
}

/**
 * Runs the analysis (see module comment); `onPartition` gets the certified cells as soon as they
 * are enumerated. Library errors propagate with their codes and fields.
 */
export async function analyzeModel(
  input: AnalysisInput,
  onPartition?: (preview: PartitionPreview) => void,
): Promise<AnalysisResult> {
  return (await analyzeWithComplex(input, onPartition ? { onPartition } : {})).result;
}

/** {@link analyzeModel} that also returns the complex (the worker keeps it for the views). */
export async function analyzeWithComplex(
  input: AnalysisInput,
  hooks: AnalysisHooks = {},
): Promise<{ result: AnalysisResult; complex: RiemannianComplex }> {
  const started = performance.now();
  const siblings = new Map((input.siblings ?? []).map((f) => [f.name, f.bytes]));
  const read = await readModelBytes(input.model.name, input.model.bytes, {
    readSibling: async (relative) => {
      const name = relative.split(/[/\\]/).pop()!;
      const bytes = siblings.get(name);
      if (bytes === undefined) throw new Error(`drop the file ${relative} together with the model`);
      return bytes;
    },
  });
  let model = read.model;
  const d = model.inputDimension;
  let domain = modelDomain(read, input.model.name);
  // the CLI's own points reader (label column, class names, pandas index column)
  let data: DataPoints | undefined =
    input.data !== undefined
      ? readPoints(new TextDecoder().decode(input.data.bytes), input.data.name, d)
      : undefined;
  // --slice: the model, the domain and the data restricted to the plane, as the CLI does it
  let slice: SliceJson | undefined;
  const sliceOption = d > 2 ? input.slice : undefined;
  if (sliceOption !== undefined) {
    const spec = parseSliceSpec(sliceOption, d);
    const plane = planeOfSlice(spec, d, data);
    if (!restrictsModel(model))
      throw new Error(
        `${input.model.name}: a ${model.kind} model is not restricted to a plane in the page ` +
          '(the CLI draws the section of its full partition: mlgeo analyze --slice)',
      );
    const sliced = slicedInputs(model, domain, data, spec, plane, Rational.ZERO);
    ({ model, domain, data, json: slice } = sliced);
  }
  const phases: Record<string, number> = {};
  let mark = performance.now();
  const lap = (phase: string) => {
    const now = performance.now();
    phases[phase] = Math.round(now - mark) / 1000;
    mark = now;
  };
  lap('read');
  hooks.onPhase?.('partition');
  const domainSpec = { kind: 'hrep' as const, A: domain.A, b: domain.b };
  const bound = adapterFor(model).cellCountBound(model);
  const cells = input.cells ?? 'auto';
  const mode: 'all' | 'data' =
    cells === 'all' || data === undefined || slice !== undefined || bound <= CLI_MAX_CELLS
      ? 'all'
      : 'data';
  let partition: Partition;
  if (mode === 'all') {
    partition = partitionOf(model, { domain: domainSpec, predicates: 'exact' });
    if (data !== undefined) {
      const located = dataHoldingPartition(model, data.points, {
        domain: domainSpec,
        predicates: 'exact',
        keepIndices: false,
      });
      const counts = new Map(located.cells.map((c) => [c.label, c.dataCount ?? 0]));
      for (const cell of partition.cells) cell.dataCount = counts.get(cell.label) ?? 0;
      partition.totalPoints = located.totalPoints ?? data.points.length;
      if (located.outside !== undefined) partition.outside = located.outside;
    }
  } else {
    partition = dataHoldingPartition(model, data!.points, {
      domain: domainSpec,
      predicates: 'exact',
      keepIndices: false,
    });
  }
  lap('partition');
  let partitionMilliseconds = performance.now() - started;
  if (hooks.onPartition) {
    // float numbers only: the exact measures are the slow part and follow with the complex
    const adapter = adapterFor(model);
    const dim = partition.inputDimension;
    const previewCells = partition.cells.map((cell) => {
      const exactVertices = dim <= 3 ? cell.polytope.vertices() : [];
      const floats = exactVertices.map((v) => v.map((x) => x.toNumber()));
      const { area, mean } = dim === 2 ? floatPolygon(floats) : { area: NaN, mean: [] };
      let predictedClass: number | undefined;
      if (cell.mlp && mean.length === dim) {
        const { A, c } = cell.mlp.output;
        const out = A.map((row, j) =>
          row.reduce((s, a, i) => s + a.toNumber() * mean[i]!, c[j]!.toNumber()),
        );
        predictedClass = out.length === 1 ? (out[0]! > 0 ? 1 : 0) : out.indexOf(Math.max(...out));
      } else predictedClass = adapter.predictedClass(cell.prediction);
      return {
        label: cell.label,
        vertices: exactVertices.map((v) => v.map(String)),
        area,
        predictedClass,
      };
    });
    // the time to the cells as the page gets them (preview included)
    partitionMilliseconds = performance.now() - started;
    hooks.onPartition({
      inputDimension: dim,
      architecture: adapter.architecture?.(model),
      cells: previewCells,
      milliseconds: partitionMilliseconds,
    });
  }
  hooks.onPhase?.('complex');
  const complex = buildComplex(partition, {
    kind: 'adjacency',
    edgeLength: 'centroid',
    angles: partition.inputDimension <= 3,
    ...(hooks.onPhase ? { onProgress: phaseReporter(hooks.onPhase) } : {}),
  });
  // the self-checks before the JSON: the page says "certified" as soon as they pass
  hooks.onPhase?.('checks');
  const checks = verify(complex);
  hooks.onChecks?.(checks, performance.now() - started);
  hooks.onPhase?.('json');
  const complexReport = complexToJson(complex, { checks: false });
  lap('complex');
  hooks.onPhase?.('report');
  const report = reportJson(
    {
      command: cliCommand(input.model.name, input.data?.name, cells, sliceOption),
      modelFile: input.model.name,
      modelBytes: input.model.bytes,
      sha256: await sha256Hex(input.model.bytes),
      read: model === read.model ? read : { ...read, model },
      domain,
      predicates: 'exact',
      measures: 'exact',
      data: data && input.data ? { file: input.data.name, points: data } : undefined,
      mode,
      modeReason: cellsModeReason(cells, data !== undefined, bound, mode),
      partition,
      complex: complexReport,
      ...(slice !== undefined ? { slice } : {}),
      checks,
      seconds: (performance.now() - started) / 1000,
      phases,
    },
    { name: 'mlgeo', version: CLI_VERSION },
  );
  const points = (data?.points ?? []).map((p, i) => ({
    x: p.map((v) => v.toNumber()),
    label: data?.labels?.[i],
  }));
  return {
    result: { report, points, partitionMilliseconds, milliseconds: performance.now() - started },
    complex,
  };
}

/** Tells each new phase of the complex build once (cells, faces, angles, metric). */
function phaseReporter(onPhase: (phase: string) => void) {
  let last = '';
  return ({ phase }: { phase: string }) => {
    if (phase !== last) onPhase(phase);
    last = phase;
  };
}

/** Why every cell or only the data-holding ones, worded as the CLI's report partition.modeReason. */
function cellsModeReason(
  cells: 'auto' | 'all',
  hasData: boolean,
  bound: number,
  mode: 'all' | 'data',
): string {
  if (!hasData) return 'no data: every cell';
  if (cells !== 'auto') return `--cells ${cells}`;
  const shown = Number.isFinite(bound) && bound < 1e15 ? String(bound) : bound.toExponential(2);
  return mode === 'all'
    ? `--cells auto: at most ${shown} cells (model bound) ≤ --max-cells ${CLI_MAX_CELLS}`
    : `--cells auto: up to ${shown} cells (model bound) > --max-cells ${CLI_MAX_CELLS}; --cells all enumerates every cell`;
}

/** The model file's own domain field, else the box [0, 1]^d (as the CLI without --domain). */
export function modelDomain(
  read: { model: { inputDimension: number }; domain?: { A: Rational[][]; b: Rational[] } },
  modelName: string,
): DomainChoice {
  if (read.domain) return { ...read.domain, description: `domain field of ${modelName}` };
  const d = read.model.inputDimension;
  const { A, b } = boxHRep(new Array(d).fill(Rational.ZERO), new Array(d).fill(Rational.ONE));
  return { A, b, description: `box [0, 1]^${d}` };
}
