/**
 * The exact analysis the page runs in its worker, as `mlgeo analyze MODEL [--data DATA]` runs it
 * with default options: read the model with @mlgeo/model-readers (format detected), the domain from
 * the model file or the unit box, all cells (or only data-holding cells when the cell-count bound
 * exceeds the CLI's default `--max-cells`), the adjacency complex with centroid lengths and angles
 * (@mlgeo/riemannian-complex), its self-checks, and the report in the CLI's schema (report.ts).
 */
import type { ReportJson } from '@mlgeo/cli';
import { Rational } from '@mlgeo/exact-arith';
import { boxHRep } from '@mlgeo/exact-polytope';
import {
  adapterFor,
  classAt,
  dataHoldingPartition,
  partitionOf,
  type Partition,
} from '@mlgeo/model-partitions';
import { readModelBytes, readPointsCsv, readPointsJson } from '@mlgeo/model-readers';
import { buildComplex, complexToJson, verify } from '@mlgeo/riemannian-complex';
import { buildReport } from './report.js';

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
}

/** Points read like the CLI's `--data` (packages/cli/src/data.ts): CSV with a label column, or JSON. */
export interface DataPoints {
  points: Rational[][];
  labels?: number[];
  /** The CSV column the labels came from, and how they became class indices (report data.labels). */
  labelInfo?: { column: string; from: 'integers' | 'first appearance' };
}

const LABEL_COLUMNS = ['label', 'class', 'target'];

function labelsFrom(labels: readonly string[]): 'integers' | 'first appearance' {
  return labels.every((l) => /^\d+$/.test(l)) ? 'integers' : 'first appearance';
}

function labelNumbers(labels: readonly string[]): number[] {
  if (labels.every((l) => /^\d+$/.test(l))) return labels.map(Number);
  const index = new Map<string, number>();
  return labels.map((l) => {
    if (!index.has(l)) index.set(l, index.size);
    return index.get(l)!;
  });
}

/** Reads a points file by extension (.json → JSON, anything else CSV) for a d-input model. */
export function readPoints(text: string, file: string, dimension: number): DataPoints {
  if (file.toLowerCase().endsWith('.json')) {
    const set = readPointsJson(text, { dimension });
    return set.labels
      ? {
          points: set.points,
          labels: labelNumbers(set.labels),
          labelInfo: { column: 'labels', from: labelsFrom(set.labels) },
        }
      : { points: set.points };
  }
  const firstLine =
    text.split(/\r\n|\n|\r/).find((l) => l.trim() !== '' && !l.startsWith('#')) ?? '';
  const names = firstLine.split(/[,;\t]/).map((c) => c.trim().toLowerCase());
  const labelIndex = names.findIndex((n) => LABEL_COLUMNS.includes(n));
  const set = readPointsCsv(text, {
    dimension,
    ...(labelIndex >= 0 ? { labelColumn: labelIndex } : {}),
  });
  const column = labelIndex >= 0 ? firstLine.split(/[,;\t]/)[labelIndex]!.trim() : '';
  return {
    points: set.points,
    ...(set.labels
      ? {
          labels: labelNumbers(set.labels),
          labelInfo: { column, from: labelsFrom(set.labels) },
        }
      : {}),
  };
}

/** Hex sha256 of bytes (Web Crypto: browsers, workers and Node ≥ 20 alike). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** What the page shows besides the report: the data points as floats with labels, and timings. */
export interface AnalysisResult {
  report: ReportJson;
  points: { x: number[]; label: number | undefined }[];
  milliseconds: number;
}

/** The CLI command line that writes the same report (paths as the page names the files). */
export function cliCommand(
  modelFile: string,
  dataFile: string | undefined,
  cells: 'auto' | 'all' = 'auto',
): string {
  return [
    'mlgeo analyze',
    modelFile,
    ...(dataFile !== undefined ? ['--data', dataFile] : []),
    ...(cells === 'all' ? ['--cells', 'all'] : []),
  ].join(' ');
}

/** The exact cells before the complex: what the page draws while the complex is computed. */
export interface PartitionPreview {
  inputDimension: number;
  architecture: number[] | undefined;
  cells: {
    label: string;
    vertices: string[][];
    area: string;
    predictedClass: number | undefined;
  }[];
  milliseconds: number;
}

/**
 * Runs the analysis (see module comment); `onPartition` gets the exact cells as soon as they are
 * enumerated. Library errors propagate with their codes and fields.
 */
export async function analyzeModel(
  input: AnalysisInput,
  onPartition?: (preview: PartitionPreview) => void,
): Promise<AnalysisResult> {
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
  const model = read.model;
  const d = model.inputDimension;
  const domain = read.domain
    ? { ...read.domain, description: `domain field of ${input.model.name}` }
    : (() => {
        const { A, b } = boxHRep(new Array(d).fill(Rational.ZERO), new Array(d).fill(Rational.ONE));
        return { A, b, description: `box [0, 1]^${d}` };
      })();
  const data =
    input.data !== undefined
      ? readPoints(new TextDecoder().decode(input.data.bytes), input.data.name, d)
      : undefined;
  const phases: Record<string, number> = {};
  let mark = performance.now();
  const lap = (phase: string) => {
    const now = performance.now();
    phases[phase] = Math.round(now - mark) / 1000;
    mark = now;
  };
  lap('read');
  const domainSpec = { kind: 'hrep' as const, A: domain.A, b: domain.b };
  const bound = adapterFor(model).cellCountBound(model);
  const cells = input.cells ?? 'auto';
  const mode: 'all' | 'data' =
    cells === 'all' || data === undefined || bound <= CLI_MAX_CELLS ? 'all' : 'data';
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
  if (onPartition) {
    const adapter = adapterFor(model);
    onPartition({
      inputDimension: d,
      architecture: adapter.architecture?.(model),
      cells: partition.cells.map((cell) => ({
        label: cell.label,
        vertices: d <= 3 ? cell.polytope.vertices().map((v) => v.map(String)) : [],
        area: cell.polytope.volume().toString(),
        predictedClass: cell.mlp
          ? classAt(cell.mlp.output, cell.polytope.centroid())
          : adapter.predictedClass(cell.prediction),
      })),
      milliseconds: performance.now() - started,
    });
  }
  const complex = buildComplex(partition, {
    kind: 'adjacency',
    edgeLength: 'centroid',
    angles: d <= 3,
  });
  const complexReport = complexToJson(complex, { checks: false });
  const checks = verify(complex);
  lap('complex');
  const report = buildReport({
    command: cliCommand(input.model.name, input.data?.name, cells),
    modelFile: input.model.name,
    format: read.format,
    sha256: await sha256Hex(input.model.bytes),
    model,
    domain,
    data:
      data && input.data
        ? {
            file: input.data.name,
            points: data.points.length,
            ...(data.labelInfo ? { labels: data.labelInfo } : {}),
          }
        : undefined,
    mode,
    modeReason: cellsModeReason(cells, data !== undefined, bound, mode),
    partition,
    complex: complexReport,
    checks,
    seconds: (performance.now() - started) / 1000,
    phases,
  });
  const points = (data?.points ?? []).map((p, i) => ({
    x: p.map((v) => v.toNumber()),
    label: data?.labels?.[i],
  }));
  return { report, points, milliseconds: performance.now() - started };
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
