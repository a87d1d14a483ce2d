/**
 * buildComplex: partition → adjacency complex or nerve with shared faces, metric, boundary
 * matrices and dihedral angles (SPEC §3, §4).
 */
import { type CsrMatrix, type Rational, SqrtRational, lazyProperty } from '@mlgeo/exact-arith';
import { exactMeasure } from './lazy.js';
import { ComplexOptionError } from './errors.js';
import { computeRidges } from './angles.js';
import { boundaryMatrix, toDenseNumbers } from './boundary.js';
import { type CellGeometry, checkDomain, facetInfos, readCells } from './cells.js';
import { buildFloatMetric, buildMetric, readLengthOption, type LengthOption } from './metric.js';
import { findSharedFaces } from './shared-faces.js';
import { HyperplaneIds, PointIndex } from './float-points.js';
import {
  type IntersectionWork,
  adjacencySimplices,
  nerveSimplices,
  simplexKey,
} from './simplices.js';
import type { Polytope } from '@mlgeo/exact-polytope';
import type {
  ComplexCell,
  ComplexOptions,
  FloatMetricValues,
  FloatValue,
  FloatVector,
  Intersection,
  Metric,
  PartitionLike,
  RiemannianComplex,
  Tick,
} from './types.js';

/** Internal extension of the public complex that keeps the read cell geometry (for verify). */
export interface ComplexInternals {
  geometry: CellGeometry[];
  truncated: boolean;
}

/**
 * Where a complex keeps its internals: a non-enumerable property of the complex (not a WeakMap
 * keyed by complexes, whose entries the young-generation collector keeps alive, issue 11).
 */
const INTERNALS = Symbol('mlgeo complex internals');

export function complexInternals(c: RiemannianComplex): ComplexInternals | undefined {
  return (c as { [INTERNALS]?: ComplexInternals })[INTERNALS];
}

/** Reads and validates a partition's cells (the first step of buildComplex; used by tests). */
export function readPartition(partition: PartitionLike): { d: number; geometry: CellGeometry[] } {
  const d = checkDomain(partition);
  return { d, geometry: readCells(partition, d) };
}

function checkMaxDimension(value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(Number.isInteger(value) || value === Infinity) || value < 0)
    throw new ComplexOptionError(
      `maxDimension ${value} is not a non-negative integer`,
      'options.maxDimension',
      'pass 0, 1, 2, …',
    );
  return value;
}

/** The public view of an intersection: volumes read on demand, no working polytope. */
class PublicIntersection implements Intersection {
  readonly dimension: number;
  constructor(private readonly I: Intersection) {
    this.dimension = I.dimension;
  }
  get volume(): SqrtRational {
    return this.I.volume;
  }
  get floatVolume(): FloatValue {
    return this.I.floatVolume;
  }
}

/** … with vertices (exact; on the float path computed on first read by the working I(σ)). */
class PublicIntersectionWithVertices extends PublicIntersection {
  constructor(private readonly J: Intersection) {
    super(J);
  }
  get vertices(): Rational[][] {
    return this.J.vertices!;
  }
}

function publicIntersection(I: Intersection): Intersection {
  // float path: vertices whose exact coordinates are computed on first read
  if ((I as IntersectionWork).ends || I.vertices) return new PublicIntersectionWithVertices(I);
  return new PublicIntersection(I);
}

/** The public view of a cell: measures read from its geometry on demand. */
class CellView implements ComplexCell {
  readonly label: string;
  dataCount?: number;
  constructor(private readonly g: CellGeometry) {
    this.label = g.label;
    if (g.dataCount !== undefined) this.dataCount = g.dataCount;
  }
  /** The cell's Polytope (a float partition's is made when first read). */
  get polytope(): Polytope {
    return this.g.polytope;
  }
  get volume(): Rational {
    return this.g.volume;
  }
  get centroid(): Rational[] {
    return this.g.centroid;
  }
  get facetAreas(): SqrtRational[] {
    return exactMeasure(() => this.g.polytope.facetVolumes())();
  }
  get floatVolume(): FloatValue {
    return this.g.floatVolume;
  }
  get floatCentroid(): FloatVector {
    return this.g.floatCentroid;
  }
}

/** Simplices that are a face of no simplex one level up (a face of a face is a face). */
function maximalSimplices(simplices: readonly number[][][]): number[][] {
  const out: number[][] = [];
  simplices.forEach((level, k) => {
    const covered = new Set<string>();
    for (const t of simplices[k + 1] ?? [])
      for (let drop = 0; drop < t.length; drop++)
        covered.add(simplexKey(t.filter((_, idx) => idx !== drop)));
    for (const s of level) if (!covered.has(simplexKey(s))) out.push(s.slice());
  });
  return out;
}

/**
 * Builds the adjacency complex (default) or the nerve of a partition with its Riemannian data
 * (SPEC §4). Cells keep the order given (SPEC §2 order is the caller's contract).
 */
export function buildComplex(
  partition: PartitionLike,
  options: ComplexOptions = {},
): RiemannianComplex {
  const kind = options.kind ?? 'adjacency';
  if (kind !== 'adjacency' && kind !== 'nerve')
    throw new ComplexOptionError(
      `unknown complex kind "${String(kind)}"`,
      'options.kind',
      "use 'adjacency' or 'nerve'",
    );
  const measures = options.measures ?? 'exact';
  if (measures !== 'exact' && measures !== 'float')
    throw new ComplexOptionError(
      `unknown measures "${String(measures)}"`,
      'options.measures',
      "use 'exact' or 'float'",
    );
  const lengthOption = readLengthOption(options.edgeLength);
  const d = checkDomain(partition);
  const report = options.onProgress;
  const tick = (phase: string): Tick | undefined =>
    report && ((done, total) => report({ phase, done, total }));
  const ids = measures === 'float' ? new HyperplaneIds() : undefined;
  const geometry = readCells(partition, d, tick('cells'), ids);
  const n = geometry.length;
  const maxDimension = Math.min(
    checkMaxDimension(options.maxDimension, kind === 'adjacency' ? d : Infinity),
    kind === 'adjacency' ? d : n - 1,
  );
  // float path, 2-D and 3-D: the distinct vertices with their combinatorial identities
  // (float-points.ts, float3d.ts)
  const points = ids && (d === 2 || d === 3) ? new PointIndex(geometry, d) : undefined;
  if (points) for (const g of geometry) g.points = points;
  const sharedFaces = findSharedFaces(geometry, d, points ? { points } : {}, tick('faces'));
  report?.({ phase: 'simplices', done: 0, total: 1 });
  const levels =
    kind === 'adjacency'
      ? adjacencySimplices(geometry, sharedFaces, d, maxDimension, points)
      : nerveSimplices(geometry, sharedFaces, d, maxDimension);
  const { simplices } = levels;
  const intersections: Intersection[][] = levels.intersections.map((level, k) =>
    k === 0
      ? // cells: their own I(σ), with the lazy volume (costly for long coordinates, not needed by
        // the complex) and no working polytope (simplices.ts CellIntersection)
        level
      : level.map((I) => publicIntersection(I)),
  );
  // simplex → index maps, per level on first use (indexOf, boundary matrices)
  const indexMapCache: (Map<string, number> | undefined)[] = [];
  const indexMap = (k: number): Map<string, number> | undefined => {
    const level = simplices[k];
    if (level === undefined) return undefined;
    return (indexMapCache[k] ??= new Map(level.map((s, idx) => [simplexKey(s), idx])));
  };
  const simplexCounts = simplices.map((level) => level.length);
  while (simplexCounts.length < maxDimension + 1) simplexCounts.push(0);
  const fVector = simplexCounts.slice();
  while (fVector.length > 1 && fVector[fVector.length - 1] === 0) fVector.pop();
  const eulerCharacteristic = fVector.reduce((s, f, k) => s + (k % 2 === 0 ? f : -f), 0);
  // M_1 needs exact centroid distances (r·√q normal forms, the costly part): built on first use,
  // once per edge-length option.
  const metrics = new Map<string, Metric>();
  const metricOf = (option: LengthOption): Metric => {
    const key = `${option.kind} ${option.beta.toString()}`;
    let metric = metrics.get(key);
    if (metric === undefined) {
      metric = buildMetric(geometry, simplices, levels.intersections, d, option, tick('metric'));
      metrics.set(key, metric);
    }
    return metric;
  };
  const getMetric = (): Metric => metricOf(lengthOption);
  const floatMetrics = new Map<string, FloatMetricValues>();
  const floatMetricOf = (option: LengthOption): FloatMetricValues => {
    const key = `${option.kind} ${option.beta.toString()}`;
    let metric = floatMetrics.get(key);
    if (metric === undefined) {
      metric = buildFloatMetric(
        geometry,
        simplices,
        levels.intersections,
        d,
        option,
        tick('metric'),
      );
      floatMetrics.set(key, metric);
    }
    return metric;
  };
  // validate data counts now
  if (lengthOption.kind === 'density')
    if (measures === 'float') floatMetricOf(lengthOption);
    else getMetric();
  // d ≥ 4: on request only (per-flat exact arrangements, costlier than the 2-D/3-D paths)
  const wantAngles = options.angles ?? d <= 3;
  const domainFacets = () => {
    const facets = facetInfos(partition.domain);
    if (ids) for (const G of facets) ids.of(G);
    return facets;
  };
  const ridges = wantAngles
    ? computeRidges(geometry, domainFacets(), d, tick('angles'), points, sharedFaces)
    : null;
  const boundaries = new Map<number, CsrMatrix<Rational>>();
  const boundary = (k: number): CsrMatrix<Rational> => {
    if (!Number.isInteger(k) || k < 1)
      throw new ComplexOptionError(`no boundary matrix B_${k}`, 'k', 'ask for B_k with k ≥ 1');
    let B = boundaries.get(k);
    if (!B) {
      B = boundaryMatrix(simplices[k - 1] ?? [], simplices[k] ?? [], indexMap(k - 1) ?? new Map());
      boundaries.set(k, B);
    }
    return B;
  };
  // metric and floatMetric: shared lazy getters (exact-arith lazyProperty), not getters of this
  // literal — an accessor per object gives it an old-generation hidden class that keeps the
  // whole complex alive through scavenges after it is dead (issue 11)
  const fields: Omit<RiemannianComplex, 'metric' | 'floatMetric'> = {
    kind,
    measures,
    dimension: d,
    maxDimension,
    complete: partition.complete,
    domain: partition.domain,
    cells: geometry.map((g) => new CellView(g)),
    simplices,
    intersections,
    sharedFaces,
    fVector,
    simplexCounts,
    eulerCharacteristic,
    truncated: levels.truncated,
    metricFor: (edgeLength) => metricOf(readLengthOption(edgeLength)),
    floatMetricFor: (edgeLength) => floatMetricOf(readLengthOption(edgeLength)),
    maximalSimplices: () => maximalSimplices(simplices),
    ridges,
    indexOf: (s) => indexMap(s.length - 1)?.get(simplexKey(s)),
    boundary,
    boundaryDense: (k) => toDenseNumbers(boundary(k)),
  };
  const complex: RiemannianComplex = lazyProperty(
    lazyProperty(fields, 'metric', getMetric),
    'floatMetric',
    () => floatMetricOf(lengthOption),
  );
  const inner: ComplexInternals = { geometry, truncated: levels.truncated };
  Object.defineProperty(complex, INTERNALS, { value: inner, enumerable: false });
  return complex;
}
