/**
 * `mlgeo analyze --geometry lp`: the LP-only tier of data-holding cells in any d (docs/math.md §3
 * "LP tier"): certified facets, Chebyshev balls, cell ridge angles, margins, slope norms and the
 * facet adjacency with certificate points (@mlgeo/model-partitions `lpGeometry`), the volume-free
 * data complex (@mlgeo/riemannian-complex `dataComplex`: M_0 `mass`, `unit` lengths, face weight
 * `unit` or `mass`) and the report's `lp` block. No vertex, volume or centroid is computed.
 */
import { MlgeoError, Rational, SqrtRational } from '@mlgeo/exact-arith';
import {
  ADJACENCY_LP_MAX_DIMENSION,
  lpGeometry,
  type LpGeometry,
  type Partition,
} from '@mlgeo/model-partitions';
import { dataComplex, type RiemannianComplex } from '@mlgeo/riemannian-complex';
import type { Progress } from '../progress.js';
import type { CellJson, CheckJson, ReportJson } from '../report/types.js';
import { UsageError } from '../errors.js';

/** The values of the LP tier that `--lp` can select. */
export const LP_PARTS = [
  'chebyshev',
  'facets',
  'ridges',
  'margins',
  'slopes',
  'point-ridges',
] as const;
export type LpPart = (typeof LP_PARTS)[number];

/** The values computed without `--lp` (point ridges are asked for by name). */
export const DEFAULT_LP_PARTS: readonly LpPart[] = [
  'chebyshev',
  'facets',
  'ridges',
  'margins',
  'slopes',
];

/**
 * The values computed without `--lp` in d inputs: above ADJACENCY_LP_MAX_DIMENSION only those that
 * need no LP per cell (margins, slopes; adjacency from data certificates and bounded face LPs) — one 784-D cell's facet
 * LPs (784 variables, ~1,800 rows with the box) take minutes, so the five default values would
 * not finish for a few hundred images.
 */
export function defaultLpParts(dimension: number): readonly LpPart[] {
  return dimension > ADJACENCY_LP_MAX_DIMENSION ? ['margins', 'slopes'] : DEFAULT_LP_PARTS;
}

/** Nearest unit hyperplanes per data point entering point-ridge pairs (4: 6 pairs per point). */
export const DEFAULT_POINT_RIDGE_FACETS = 4;

/** Parses `--lp chebyshev,facets,…`. */
export function parseLpParts(text: string | undefined): LpPart[] | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(',').map((p) => p.trim());
  const bad = parts.find((p) => !(LP_PARTS as readonly string[]).includes(p));
  if (bad !== undefined)
    throw new UsageError(`unknown --lp value "${bad}"`, {
      field: '--lp',
      fix: `use a comma list of ${LP_PARTS.join(', ')}`,
    });
  if (parts.includes('point-ridges')) {
    const clash = parts.filter((p) => p === 'chebyshev' || p === 'facets' || p === 'ridges');
    if (clash.length > 0)
      throw new UsageError(
        `--lp point-ridges is the LP-free path and cannot be combined with ${clash.join(', ')}`,
        {
          field: '--lp',
          fix: 'use e.g. --lp margins,slopes,point-ridges (or drop point-ridges for LP facets and ridges)',
        },
      );
  }
  return parts as LpPart[];
}

/** Which geometry tier a run uses. */
export type GeometryChoice = 'auto' | 'vertices' | 'lp';

/**
 * Exact vertices (and volumes, centroids, face areas) are enumerated by default up to d = 4: the
 * vertex count of a cell grows exponentially with d, and on the 16×16 benchmark nets of issue 12
 * d = 4 took 5 s, d = 5 over a minute and d = 6 did not finish. Above, the LP tier is the default for
 * data-holding cells; `--geometry vertices` asks for vertices in any d.
 */
export const VERTEX_TIER_MAX_DIMENSION = 4;

/**
 * Facets per cell whose pairs are decided for ridge angles in d ≥ 4 (the nearest to the Chebyshev
 * centre): all O(f²) pairs of a 64-D cell with ~200 facets would be ~20,000 decisions per cell.
 */
export const DEFAULT_RIDGE_FACETS = 12;

/** Resolves `--geometry` (and `--only cells`, which is an LP-tier mode). */
export function chooseGeometry(
  choice: GeometryChoice | undefined,
  only: string | undefined,
  mode: 'all' | 'data',
  dimension: number,
): 'vertices' | 'lp' {
  const c = choice ?? 'auto';
  const lp =
    c === 'lp' ||
    (c === 'auto' &&
      mode === 'data' &&
      (dimension > VERTEX_TIER_MAX_DIMENSION || only === 'cells'));
  if (lp && mode !== 'data')
    throw new UsageError('the LP tier (--geometry lp, --only cells) is for data-holding cells', {
      field: '--geometry',
      fix: 'add --data points.csv and --cells data',
    });
  if (only === 'cells' && !lp)
    throw new UsageError('--only cells uses the LP tier', {
      field: '--only',
      fix: 'drop --geometry vertices',
    });
  return lp ? 'lp' : 'vertices';
}

/** Options of {@link runLpTier}. */
export interface LpTierOptions {
  only?: 'cells' | undefined;
  /** Values to compute (`--lp`): default all of {@link LP_PARTS}. */
  parts?: readonly LpPart[] | undefined;
  /** Facets per cell entering ridge pairs (nearest to the centre); undefined = all. */
  ridgeFacets?: number | undefined;
  /** `--ridge-facets` as given (point ridges: hyperplanes per data point; default 4). */
  pointRidgeFacets?: number | undefined;
  faceWeight?: 'unit' | 'mass' | undefined;
  /** Exact values (r·√q radii, margins, cosines). */
  exact: boolean;
  /** Exact LPs for every "redundant" row and "no ridge" pair (`--exact` given explicitly). */
  exactNegatives: boolean;
  /** `--shard i/n`: only the cells with index ≡ i mod n get their per-cell values. */
  shard?: { index: number; count: number } | undefined;
}

/** Everything the LP tier adds to a run. */
export interface LpTierResult {
  geometry: LpGeometry;
  complex: RiemannianComplex;
  cells: CellJson[];
  lp: NonNullable<ReportJson['lp']>;
  checks: CheckJson[];
}

const sqrtOrFloat = (x: SqrtRational, exact: boolean) => (exact ? x.toJSON() : x.toNumber());

/** Runs the LP tier on a data-holding partition and builds its report parts. */
export function runLpTier(
  partition: Partition,
  domainRows: number,
  options: LpTierOptions,
  progress: Progress,
): LpTierResult {
  const cellsOnly = options.only === 'cells';
  const ridgeFacets = options.ridgeFacets;
  const want = (p: LpPart) =>
    (options.parts ?? defaultLpParts(partition.inputDimension)).includes(p);
  const pointRidges = !cellsOnly && want('point-ridges');
  if (pointRidges && options.exact)
    throw new UsageError('--lp point-ridges gives float cosines and needs --float', {
      field: '--lp',
      fix: 'add --float (every ridge is still certified by exact points)',
    });
  if (pointRidges && partition.model !== 'mlp')
    throw new UsageError(`--lp point-ridges needs a ReLU MLP (this model is ${partition.model})`, {
      field: '--lp',
      fix: 'drop point-ridges, or use --lp chebyshev,facets,ridges for LP ridge angles',
    });
  const geometry = lpGeometryOrUsage(partition, {
    chebyshev: !cellsOnly && want('chebyshev'),
    facets: want('facets') || want('ridges') || cellsOnly,
    ridges:
      cellsOnly || !want('ridges')
        ? false
        : ridgeFacets === undefined
          ? true
          : { maxFacets: ridgeFacets },
    margins: !cellsOnly && want('margins'),
    slopes: !cellsOnly && want('slopes'),
    // the LP-free path (no facets, no balls) above ADJACENCY_LP_MAX_DIMENSION: adjacency from
    // data certificates only
    ...(!cellsOnly &&
    !want('facets') &&
    !want('ridges') &&
    !want('chebyshev') &&
    partition.inputDimension > ADJACENCY_LP_MAX_DIMENSION
      ? { adjacencyLPs: false }
      : {}),
    ...(pointRidges
      ? {
          chebyshev: false,
          pointRidges: { facets: options.pointRidgeFacets ?? DEFAULT_POINT_RIDGE_FACETS },
        }
      : {}),
    exact: options.exact,
    exactNegatives: options.exactNegatives,
    ...(options.shard ? { cellFilter: inShard(options.shard.index, options.shard.count) } : {}),
    onProgress: (p) => progress.update(p.phase, p.done, p.total),
  });
  const edges = geometry.adjacency?.edges ?? [];
  const complex = dataComplex(
    {
      dimension: partition.inputDimension,
      domain: partition.domain,
      cells: partition.cells.map((c) => ({ label: c.label, dataCount: c.dataCount ?? 0 })),
      edges: edges.map((e) => [e.a, e.b] as [number, number]),
    },
    { faceWeight: options.faceWeight ?? 'unit' },
  );
  const unitRowsOf = (tags: readonly number[]) => tags.filter((t) => t >= 0).length;
  const facetCode = (tags: readonly number[], row: number) =>
    tags[row]! >= 0 ? tags[row]! : -(1 + row - unitRowsOf(tags));
  const cells: CellJson[] = [];
  const lpCells: NonNullable<ReportJson['lp']>['cells'] = [];
  let floatRedundant = false;
  geometry.cells.forEach((c) => {
    const pc = partition.cells[c.index]!;
    const f = c.facets;
    const cell: CellJson = {
      index: c.index,
      label: c.label,
      hrep: {
        A: (f?.hyperplanes ?? []).map((h) => h.a.map(String)),
        b: (f?.hyperplanes ?? []).map((h) => String(h.b)),
      },
      ...(pc.dataCount !== undefined ? { dataCount: pc.dataCount } : {}),
    };
    if (c.output?.map)
      cell.output = {
        A: c.output.map.A.map((row) => row.map((x) => x.toString())),
        c: c.output.map.c.map((x) => x.toString()),
      };
    cells.push(cell);
    const u = f?.status.filter((s) => s === 'undecided').length ?? 0;
    if (f?.redundancyTier === 'float') floatRedundant = true;
    const entry: NonNullable<ReportJson['lp']>['cells'][number] = {
      cell: c.index,
      rows: c.rows,
      facets: (f?.rows ?? []).map((r) => facetCode(c.tags, r)),
      redundant: f?.status.filter((s) => s === 'redundant' || s === 'duplicate').length ?? 0,
      undecided: u,
    };
    if (c.chebyshev && !cellsOnly)
      entry.chebyshev = {
        centre: c.chebyshev.centreFloat,
        radius: sqrtOrFloat(c.chebyshev.radius, options.exact),
        radiusFloat: c.chebyshev.radiusFloat,
      };
    if (c.ridges) {
      const angles = c.ridges.ridges.map((r) => r.angle);
      entry.ridges = {
        facetsUsed: c.ridges.facetsUsed.length,
        pairs: c.ridges.pairs,
        count: c.ridges.ridges.length,
        undecided: c.ridges.stats.undecided,
        minAngle: angles.length ? Math.min(...angles) : null,
        maxAngle: angles.length ? Math.max(...angles) : null,
        list: c.ridges.ridges.map((r) => ({
          a: facetCode(c.tags, r.a),
          b: facetCode(c.tags, r.b),
          cos: r.cos ? r.cos.toJSON() : r.cosFloat,
          angle: r.angle,
        })),
      };
    }
    if (c.output)
      entry.slope = {
        frobenius:
          typeof c.output.frobenius === 'number'
            ? c.output.frobenius
            : sqrtOrFloat(c.output.frobenius, options.exact),
        spectral: c.output.spectral,
      };
    lpCells.push(entry);
  });
  const margins = cellsOnly
    ? undefined
    : geometry.cells
        .flatMap((c) =>
          (c.margins ?? []).map((m) => ({
            point: m.index,
            cell: c.index,
            boundary: m.boundaryExact && options.exact ? m.boundaryExact.toJSON() : m.boundary,
            decision: m.decision ?? null,
            certified: m.certified,
            lowerBound: m.lowerBound,
            ...(m.predictedClass !== undefined ? { predictedClass: m.predictedClass } : {}),
            ...(m.rival !== undefined ? { rival: m.rival } : {}),
          })),
        )
        .sort((x, y) => x.point - y.point);
  const pointRidgeList = geometry.cells.flatMap((c) =>
    (c.pointRidges ?? []).flatMap(({ point, ridges }) =>
      ridges.ridges.map((r) => ({
        point,
        cell: c.index,
        a: r.a,
        b: r.b,
        cos: r.cos,
        angle: r.angle,
      })),
    ),
  );
  pointRidgeList.sort((x, y) => x.point - y.point);
  const pointRidgeStats = { pairs: 0, parallel: 0, box: 0, signs: 0 };
  for (const c of geometry.cells)
    for (const { ridges } of c.pointRidges ?? []) {
      pointRidgeStats.pairs += ridges.pairs;
      pointRidgeStats.parallel += ridges.stats.parallel;
      pointRidgeStats.box += ridges.stats.box;
      pointRidgeStats.signs += ridges.stats.signs;
    }
  const exact = options.exact;
  const has = (p: 'chebyshev' | 'ridges' | 'margins' | 'slopes') =>
    geometry.cells.some((c) =>
      p === 'chebyshev'
        ? c.chebyshev
        : p === 'ridges'
          ? c.ridges
          : p === 'margins'
            ? c.margins
            : c.output,
    );
  const tiers: Record<string, 'exact' | 'float' | 'estimate' | 'absent'> = {
    cells: 'exact',
    counts: 'exact',
    facets: geometry.cells.some((c) => c.facets) ? 'exact' : 'absent',
    redundancy: !geometry.cells.some((c) => c.facets)
      ? 'absent'
      : floatRedundant
        ? 'float'
        : 'exact',
    ridgeAbsence: !has('ridges') ? 'absent' : options.exactNegatives ? 'exact' : 'float',
    adjacency: 'exact',
    adjacencyAbsence: (geometry.adjacencyUndecided ?? 0) > 0 ? 'absent' : 'exact',
    chebyshevCentre: has('chebyshev') ? 'exact' : 'absent',
    chebyshevRadius: !has('chebyshev') ? 'absent' : exact ? 'exact' : 'float',
    ridgeExistence: has('ridges') ? 'exact' : 'absent',
    ridgeCos: !has('ridges') ? 'absent' : exact ? 'exact' : 'float',
    marginBoundary: !has('margins') ? 'absent' : exact ? 'exact' : 'float',
    marginDecision: !has('margins') ? 'absent' : 'float',
    marginCertified: !has('margins') ? 'absent' : 'exact',
    outputMap: partition.model === 'mlp' && exact && has('slopes') ? 'exact' : 'absent',
    slopeFrobenius: !has('slopes') ? 'absent' : exact ? 'exact' : 'float',
    slopeSpectral: !has('slopes') ? 'absent' : 'float',
    volume: 'absent',
    centroid: 'absent',
    faceArea: 'absent',
    vertices: 'absent',
    M0: 'exact',
    M1: 'exact',
    ...(pointRidges
      ? { pointRidgeExistence: 'exact' as const, pointRidgeCos: 'float' as const }
      : {}),
  };
  const lp: NonNullable<ReportJson['lp']> = {
    tiers,
    ridgeFacets: ridgeFacets ?? null,
    cells: lpCells,
    ...(margins ? { margins } : {}),
    ...(pointRidges
      ? {
          pointRidges: {
            facetsPerPoint: options.pointRidgeFacets ?? DEFAULT_POINT_RIDGE_FACETS,
            ...pointRidgeStats,
            certified: pointRidgeList.length,
            list: pointRidgeList,
          },
        }
      : {}),
    adjacency: {
      candidates: geometry.candidates ?? 'adapter',
      ...(geometry.adjacencyUndecided !== undefined
        ? { undecided: geometry.adjacencyUndecided }
        : {}),
      ...(geometry.adjacencyAbsent !== undefined ? { absent: geometry.adjacencyAbsent } : {}),
      edges: edges.map((e) => ({
        a: e.a,
        b: e.b,
        position: e.position,
        ...(e.certificate ? { certificate: e.certificate.map((x: Rational) => x.toString()) } : {}),
      })),
    },
  };
  const checks = lpChecks(lp, domainRows);
  return { geometry, complex, cells, lp, checks };
}

/** lpGeometry, with its POINT_RIDGES_UNSUPPORTED (a domain that is not a box, leaky units) as a usage error. */
function lpGeometryOrUsage(
  partition: Partition,
  options: Parameters<typeof lpGeometry>[1],
): LpGeometry {
  try {
    return lpGeometry(partition, options);
  } catch (error) {
    if (error instanceof MlgeoError && error.code === 'POINT_RIDGES_UNSUPPORTED')
      throw new UsageError(`--lp point-ridges: ${error.message.replace(/^pointRidges /, '')}`, {
        field: '--lp',
        fix: 'point ridges need a ReLU MLP on a box domain (--domain box) with --float; drop point-ridges otherwise',
      });
    throw error;
  }
}

/** The cells of shard i of n: index ≡ i (mod n) (deterministic: cells are numbered by the partition). */
export const inShard =
  (index: number, count: number) =>
  (cell: number): boolean =>
    cell % count === index;

/** The LP tier's checks, from its report block (also what `mlgeo merge` recomputes). */
export function lpChecks(lp: NonNullable<ReportJson['lp']>, domainRows: number): CheckJson[] {
  const undecided = lp.cells.reduce((s, c) => s + c.undecided, 0);
  const edges = lp.adjacency.edges;
  const margins = lp.margins;
  const certifiedMargins = margins?.filter((m) => m.certified).length ?? 0;
  return [
    {
      name: 'lp-facets-decided',
      ok: undecided === 0,
      applicable: true,
      detail: `${undecided} rows left undecided by the LP budget (${domainRows} domain rows per cell)`,
    },
    {
      name: 'lp-adjacency-certified',
      ok: edges.every((e) => e.certificate !== undefined),
      applicable: edges.length > 0,
      detail: `${edges.length} facet adjacencies, each with an exact point of the shared facet`,
    },
    {
      name: 'lp-adjacency-decided',
      // by design on the LP-free path (stated, like uncertified margins), not a failure
      ok: true,
      applicable: lp.adjacency.undecided !== undefined,
      detail: `${lp.adjacency.undecided ?? 0} one-bit candidate facets neither certified nor excluded (LP-free path)${lp.adjacency.absent !== undefined ? `, ${lp.adjacency.absent} proven absent` : ''}`,
    },
    {
      name: 'lp-margins',
      ok: true,
      applicable: margins !== undefined,
      detail: `${certifiedMargins} of ${margins?.length ?? 0} decision distances certified exact (δ ≤ cell distance), the rest lower bounds`,
    },
  ];
}

/** vol_d of a box domain (product of widths), exactly; undefined for other domains. */
export function boxVolume(lo: readonly Rational[], hi: readonly Rational[]): Rational {
  return lo.reduce((v, l, k) => v.mul(hi[k]!.sub(l)), Rational.ONE);
}
