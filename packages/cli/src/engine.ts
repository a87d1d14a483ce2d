/**
 * The CLI's bridge to the mlgeo libraries: model reading (@mlgeo/model-readers), full or
 * data-holding partitions, the Riemannian complex and its self-checks (@mlgeo/riemannian-complex).
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  adapterFor,
  dataHoldingPartition,
  partitionOf,
  type Model,
  type Partition,
} from '@mlgeo/model-partitions';
import {
  MODEL_FILE_FORMATS,
  readModelBytes,
  type ModelFileFormat,
  type ModelReadResult,
} from '@mlgeo/model-readers';
import { Rational, type Predicates } from '@mlgeo/exact-arith';
import {
  buildComplex,
  complexToJson,
  type ComplexJson,
  type ComplexJsonOptions,
  type RiemannianComplex,
  verify,
} from '@mlgeo/riemannian-complex';
import type { DataPoints } from './data.js';
import type { DomainChoice } from './domain-option.js';
import { UsageError, attributeToFile } from './errors.js';
import type { Progress } from './progress.js';
import type { CheckJson } from './report/types.js';

export type EngineReadResult = ModelReadResult;
export type EnginePartition = Partition;
export type EngineComplex = RiemannianComplex;

/** Reads a model file (format detected unless given); errors name `displayPath`. */
export async function readModel(
  fullPath: string,
  displayPath: string,
  bytes: Uint8Array,
  format: string | undefined,
): Promise<ModelReadResult> {
  if (format !== undefined && !(MODEL_FILE_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown --format "${format}"`, {
      field: '--format',
      fix: `use one of ${MODEL_FILE_FORMATS.join(', ')}`,
    });
  }
  try {
    return await readModelBytes(displayPath, bytes, {
      ...(format !== undefined ? { format: format as ModelFileFormat } : {}),
      readSibling: (relative) => readFile(join(dirname(fullPath), relative)),
    });
  } catch (error) {
    throw attributeToFile(error, displayPath);
  }
}

/** An upper bound on the number of cells of the model's partition (`--cells auto`; its adapter's). */
export function cellCountBound(model: Model): number {
  return adapterFor(model).cellCountBound(model);
}

function domainSpec(domain: DomainChoice) {
  return { kind: 'hrep' as const, A: domain.A, b: domain.b };
}

const onProgress = (progress: Progress) => (p: { phase: string; done: number; total: number }) =>
  progress.update(p.phase, p.done, p.total);

/**
 * Every cell of the domain (SPEC §2). With data, each cell also gets its data count (points are
 * located by the model's own labelling rule, SPEC §2 ties).
 */
export function fullPartition(
  model: Model,
  domain: DomainChoice,
  predicates: Predicates,
  data: DataPoints | undefined,
  options: { skipOutside?: boolean | undefined },
  progress: Progress,
): Partition {
  const partition = partitionOf(model, {
    domain: domainSpec(domain),
    predicates,
    onProgress: onProgress(progress),
  });
  if (data === undefined) return partition;
  const located = dataHoldingPartition(model, data.points, {
    domain: domainSpec(domain),
    predicates,
    skipOutside: options.skipOutside === true,
    keepIndices: false,
    onProgress: onProgress(progress),
  });
  const counts = new Map(located.cells.map((c) => [c.label, c.dataCount ?? 0]));
  for (const cell of partition.cells) cell.dataCount = counts.get(cell.label) ?? 0;
  partition.totalPoints = located.totalPoints ?? data.points.length;
  if (located.outside !== undefined) partition.outside = located.outside;
  return partition;
}

/** Only the cells that hold data points (a partial partition, SPEC §2). */
export function dataPartition(
  model: Model,
  domain: DomainChoice,
  predicates: Predicates,
  data: DataPoints,
  options: { skipOutside?: boolean | undefined },
  progress: Progress,
): Partition {
  return dataHoldingPartition(model, data.points, {
    domain: domainSpec(domain),
    predicates,
    skipOutside: options.skipOutside === true,
    // the LP tier's margins need each cell's points
    keepIndices: true,
    onProgress: onProgress(progress),
  });
}

/** Options of {@link buildComplexOf} as the CLI names them. */
export interface ComplexChoice {
  kind: 'adjacency' | 'nerve';
  maxDimension?: number;
  length: 'centroid' | 'unit' | 'density';
  beta?: Rational;
  /**
   * `float` (`--float` / `--measures float`): the complex computes float measures with error bounds
   * and no exact ones (issue 11); the combinatorics are the same.
   */
  measures?: 'exact' | 'float';
}

/**
 * The adjacency complex or nerve with its metric; angles for d ≤ 3 (not with `angles: false`).
 * `progress` sees the build's sub-phases (cells, faces, simplices, angles, metric).
 */
export function buildComplexOf(
  partition: Partition,
  choice: ComplexChoice,
  progress?: Progress,
  angles = true,
): RiemannianComplex {
  return buildComplex(partition, {
    kind: choice.kind,
    ...(choice.maxDimension !== undefined ? { maxDimension: choice.maxDimension } : {}),
    edgeLength:
      choice.length === 'density'
        ? { kind: 'density', ...(choice.beta !== undefined ? { beta: choice.beta } : {}) }
        : choice.length,
    angles: angles && partition.inputDimension <= 3,
    ...(choice.measures !== undefined ? { measures: choice.measures } : {}),
    ...(progress !== undefined ? { onProgress: onProgress(progress) } : {}),
  });
}

/**
 * The complex's JSON (riemannian-complex schema "2") without its self-checks (`checks: null`): the
 * report lists them once, in its top-level `checks` ({@link complexChecks}).
 */
export function complexJson(
  complex: RiemannianComplex,
  options: Omit<ComplexJsonOptions, 'checks'> = {},
): ComplexJson {
  return complexToJson(complex, { ...options, checks: false });
}

/** The complex's self-checks, the report's `checks` (volume-sum, angle-sums, minkowski, …). */
export function complexChecks(complex: RiemannianComplex): CheckJson[] {
  return verify(complex);
}
