/**
 * The volume-free data complex (docs/math.md §4 "Volume-free weights"): the vertices are the
 * data-holding cells, the edges their certified facet adjacencies (from the LP tier of
 * @mlgeo/model-partitions, in any d), and the metric needs no volume at all:
 *
 * - M_0 = `mass`: diag(n_i / n), the data share of each cell;
 * - edge length `unit`: ℓ(e) = 1;
 * - face weight `unit` (M_1 = 1) or `mass` (M_1 = (n_i + n_j) / (2n)).
 *
 * Every weight is rational, so Laplacians (@mlgeo/laplacian-splines) are exact and the Ollivier
 * curvature (@mlgeo/curvature, hop metric) is exact. Volumes, centroids, face areas and angles are
 * absent: asking a cell for them throws a VOLUME_FREE error naming the option to use instead.
 */
import { Rational, SqrtRational } from '@mlgeo/exact-arith';
import type { Polytope } from '@mlgeo/exact-polytope';
import { boundaryMatrix, toDenseNumbers } from './boundary.js';
import { ComplexOptionError, PartitionInputError } from './errors.js';
import { simplexKey } from './simplices.js';
import type {
  ComplexCell,
  ExactMetric,
  FloatMetricValues,
  FloatValue,
  FloatVector,
  Intersection,
  RiemannianComplex,
} from './types.js';

const volumeFreeComplexes = new WeakSet<RiemannianComplex>();

/** True for a complex made by {@link dataComplex} (it has no volumes to write or check). */
export function isVolumeFree(c: RiemannianComplex): boolean {
  return volumeFreeComplexes.has(c);
}

/** Input of {@link dataComplex}. */
export interface DataComplexInput {
  /** Input dimension d. */
  dimension: number;
  /** The domain X (kept for reports; never measured here). */
  domain: Polytope;
  /** Cells in SPEC §2 order with their point counts. */
  cells: readonly { label: string; dataCount: number }[];
  /** Facet-adjacent pairs (i, j) of cell indices (any order; duplicates are merged). */
  edges: readonly (readonly [number, number])[];
}

/** Options of {@link dataComplex}: the volume-free metric. */
export interface DataComplexOptions {
  /** M_0: `mass` (n_i / n), the only volume-free choice. */
  vertexWeight?: 'mass';
  /** M_1 face weight: `unit` (default, 1) or `mass` ((n_i + n_j) / (2n)). */
  faceWeight?: 'unit' | 'mass';
}

function volumeFree(what: string, field: string): never {
  throw new PartitionInputError(
    'VOLUME_FREE',
    `the data complex has no ${what} (it is built without volumes, docs/math.md §4)`,
    field,
    "use vertex weight 'mass', edge length 'unit' and face weight 'unit' or 'mass'",
  );
}

/** The volume-free adjacency complex of data-holding cells (see the module comment). */
export function dataComplex(
  input: DataComplexInput,
  options: DataComplexOptions = {},
): RiemannianComplex {
  const faceWeight = options.faceWeight ?? 'unit';
  if (faceWeight !== 'unit' && faceWeight !== 'mass')
    throw new ComplexOptionError(
      `unknown face weight "${String(faceWeight)}"`,
      'options.faceWeight',
      "use 'unit' or 'mass' (volume-free)",
    );
  if ((options.vertexWeight ?? 'mass') !== 'mass')
    throw new ComplexOptionError(
      `unknown vertex weight "${String(options.vertexWeight)}"`,
      'options.vertexWeight',
      "use 'mass' (volume-free)",
    );
  const n = input.cells.length;
  input.cells.forEach((c, i) => {
    if (!Number.isInteger(c.dataCount) || c.dataCount < 0)
      throw new PartitionInputError(
        'BAD_DATA_COUNT',
        `cell ${i} has data count ${String(c.dataCount)}`,
        `cells[${i}].dataCount`,
        'give a non-negative integer count per cell',
      );
  });
  const total = input.cells.reduce((s, c) => s + c.dataCount, 0);
  if (total === 0)
    throw new PartitionInputError(
      'NO_DATA',
      'the data complex needs at least one data point',
      'cells[].dataCount',
      'build it from data-holding cells',
    );
  const seen = new Set<string>();
  const edges: number[][] = [];
  input.edges.forEach(([a, b], e) => {
    if (!(
      Number.isInteger(a) &&
      Number.isInteger(b) &&
      a >= 0 &&
      b >= 0 &&
      a < n &&
      b < n &&
      a !== b
    ))
      throw new PartitionInputError(
        'PARTITION_INCONSISTENT',
        `edge ${e} = (${a}, ${b}) does not join two different cells of 0..${n - 1}`,
        `edges[${e}]`,
        'give pairs of distinct cell indices',
      );
    const s = [Math.min(a, b), Math.max(a, b)];
    const k = simplexKey(s);
    if (!seen.has(k)) {
      seen.add(k);
      edges.push(s);
    }
  });
  edges.sort((x, y) => x[0]! - y[0]! || x[1]! - y[1]!);
  const vertices = input.cells.map((_, i) => [i]);
  const simplices = [vertices, edges];
  const indexMaps = simplices.map((level) => new Map(level.map((s, i) => [simplexKey(s), i])));
  const d = input.dimension;
  const N = BigInt(total);
  const mass = input.cells.map((c) => Rational.of(BigInt(c.dataCount), N));
  const M1 = edges.map(([i, j]) =>
    faceWeight === 'unit'
      ? SqrtRational.ONE
      : SqrtRational.fromRational(
          Rational.of(BigInt(input.cells[i!]!.dataCount + input.cells[j!]!.dataCount), 2n * N),
        ),
  );
  const metric: ExactMetric = {
    measures: 'exact',
    edgeLength: 'unit',
    beta: 1,
    M0: mass,
    vertexWeight: 'mass',
    faceWeight,
    edgeLengths: edges.map(() => SqrtRational.ONE),
    M1,
    M: [mass.map((m) => SqrtRational.fromRational(m)), M1],
  };
  const cells: ComplexCell[] = input.cells.map((c, i) => ({
    label: c.label,
    dataCount: c.dataCount,
    get polytope(): Polytope {
      return volumeFree('cell polytopes', `cells[${i}].polytope`);
    },
    get volume(): Rational {
      return volumeFree('volumes', `cells[${i}].volume`);
    },
    get centroid(): Rational[] {
      return volumeFree('centroids', `cells[${i}].centroid`);
    },
    get facetAreas(): SqrtRational[] {
      return volumeFree('face areas', `cells[${i}].facetAreas`);
    },
    get floatVolume(): FloatValue {
      return volumeFree('volumes', `cells[${i}].floatVolume`);
    },
    get floatCentroid(): FloatVector {
      return volumeFree('centroids', `cells[${i}].floatCentroid`);
    },
  }));
  const edgeIntersection = (e: number): Intersection => ({
    dimension: d - 1,
    get volume(): SqrtRational {
      return volumeFree('shared-face areas', `intersections[1][${e}].volume`);
    },
    get floatVolume(): FloatValue {
      return volumeFree('shared-face areas', `intersections[1][${e}].floatVolume`);
    },
  });
  // the float view of the volume-free metric: its exact entries, rounded (rationals of counts)
  const exactF = (x: SqrtRational): FloatValue => {
    const value = x.toNumber();
    return { value, error: 2 ** -52 * Math.abs(value) };
  };
  const floatMetric: FloatMetricValues = {
    edgeLength: 'unit',
    beta: 1,
    M0: mass.map((m) => exactF(SqrtRational.fromRational(m))),
    edgeLengths: edges.map(() => ({ value: 1, error: 0 })),
    M1: M1.map(exactF),
    M: [],
  };
  const intersections: Intersection[][] = [[], edges.map((_, e) => edgeIntersection(e))];
  const boundaries = new Map<number, ReturnType<typeof boundaryMatrix>>();
  const boundary = (k: number) => {
    if (!Number.isInteger(k) || k < 1)
      throw new ComplexOptionError(`no boundary matrix B_${k}`, 'k', 'ask for B_k with k ≥ 1');
    let B = boundaries.get(k);
    if (!B) {
      B = boundaryMatrix(simplices[k - 1] ?? [], simplices[k] ?? [], indexMaps[k - 1] ?? new Map());
      boundaries.set(k, B);
    }
    return B;
  };
  const fVector = edges.length > 0 ? [n, edges.length] : [n];
  const complex: RiemannianComplex = {
    kind: 'adjacency',
    measures: 'exact',
    dimension: d,
    maxDimension: 1,
    complete: false,
    domain: input.domain,
    cells,
    simplices,
    intersections,
    sharedFaces: [],
    fVector,
    simplexCounts: [n, edges.length],
    eulerCharacteristic: n - edges.length,
    truncated: false,
    metric,
    metricFor: (edgeLength) => {
      const kind = typeof edgeLength === 'object' ? edgeLength.kind : (edgeLength ?? 'unit');
      if (kind !== 'unit')
        throw new ComplexOptionError(
          `edge length '${kind}' needs centroids or volumes, which the data complex does not have`,
          'edgeLength',
          "use edge length 'unit'",
        );
      return metric;
    },
    floatMetric,
    floatMetricFor: (edgeLength) => {
      complex.metricFor(edgeLength);
      return floatMetric;
    },
    maximalSimplices: () => {
      const touched = new Set(edges.flat());
      return [...vertices.filter(([i]) => !touched.has(i!)), ...edges.map((e) => e.slice())];
    },
    ridges: null,
    indexOf: (s) => indexMaps[s.length - 1]?.get(simplexKey(s)),
    boundary,
    boundaryDense: (k) => toDenseNumbers(boundary(k)),
  };
  volumeFreeComplexes.add(complex);
  return complex;
}
