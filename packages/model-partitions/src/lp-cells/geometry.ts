/**
 * The LP-only geometry tier of a data-holding partition, in any input dimension (docs/math.md "LP
 * tier"; SPEC §3–§5 values without vertices): per cell the Chebyshev ball, the irredundant facets,
 * the cell ridge angles, the data points' margins and the network's affine map with the norm of its
 * slope; between cells the facet adjacency with a certified point on each shared facet. Every
 * positive combinatorial claim is certified by an exact rational point; what the float LP alone
 * decided (redundant rows, absent ridges) is stated as tier `float`.
 */
import { MlgeoError, type SqrtRational } from '@mlgeo/exact-arith';
import type { Partition, AffineMap } from '../partition.js';
import { DataPoint } from '../locate/point.js';
import { dataHoldingState } from '../engines/data-holding.js';
import { facetAdjacencyOf, type FacetAdjacency } from '../engines/adjacency.js';
import type { FaceCandidate } from '../engines/face-candidates.js';
import { floatMlpRows, mlpPattern } from '../engines/cell-rows.js';
import type { ModelPartitionsErrorCode } from '../errors.js';
import type { ReluMlpModel } from '../models.js';
import {
  type ChebyshevBall,
  cellFacets,
  chebyshevBall,
  nearestRow,
  type RowStatus,
} from './facets.js';
import { rowTable } from './float-rows.js';
import { type PointMargin, pointMargins } from './margins.js';
import { type CellRidges, type RidgeOptions, cellRidges } from './ridges.js';
import { exactOutputMap, frobeniusNorm, spectralNorm, spectralNormOfGram } from './slope.js';
import { gramCell, gramContext, gramMargins, gramTags } from './gram.js';
import { cellSystem, systemContext } from './system.js';
import { type PointRidges, pointRidgeContext, pointRidges } from './point-ridges.js';
import { hasLeak } from '../engines/mlp-maps.js';
import { certifiedMlpAdjacency } from '../engines/mlp-adjacency.js';
import {
  estimateVolume,
  type VolumeEstimate,
  type VolumeEstimateOptions,
} from './volume-estimate.js';

/** Options of {@link lpGeometry}. */
export interface LpGeometryOptions {
  /** The Chebyshev ball (one LP per cell; default true). Without it a data point is the centre. */
  chebyshev?: boolean;
  /** Irredundant facets (default true; ridges and hyperplane-hash adjacency need them). */
  facets?: boolean;
  /** Cell ridge angles (default true) and how many facets per cell enter the pairs. */
  ridges?: boolean | RidgeOptions;
  /**
   * Ridge angles among the unit hyperplanes nearest to each data point (point-ridges.ts): ReLU MLP,
   * float values (`exact` false), a box domain, and neither facets nor the Chebyshev ball (the
   * LP-free path). `true` or the number of nearest hyperplanes per point (default 4). Default off.
   */
  pointRidges?: boolean | { facets: number };
  /** Margins of every data point (default true). */
  margins?: boolean;
  /** Facet adjacency with certificates (default true). */
  adjacency?: boolean;
  /**
   * Decide every MLP adjacency candidate by the exact cells' face LPs where the data give no
   * certificate (default true). false: without the cells' exact H-representations (for 784-D
   * cells, where one such face LP costs seconds; mlp-adjacency.ts `certifiedMlpAdjacency`): data
   * certificates first, then the bounded face LP (lp-cells/face-lp.ts: the box as variable bounds,
   * a certified point or a certified dual bound); candidates neither settles are counted in
   * `adjacencyUndecided`.
   */
  adjacencyLPs?: boolean;
  /** With `adjacencyLPs: false`: run the bounded face LPs (default true; false: data only). */
  boundedFaceLPs?: boolean;
  /** The output map and the norms of its slope (MLP; default true). */
  slopes?: boolean;
  /**
   * Exact values where float would do: margins and ridge cosines as r·√q. Default false: float
   * values (every positive claim is certified exactly either way).
   */
  exact?: boolean;
  /**
   * Decide every float "redundant" row and "no ridge" pair by the exact LP (slow in high d).
   * Default: the value of `exact`.
   */
  exactNegatives?: boolean;
  /** Float LPs per cell after the cheap tests, for facets (default Infinity). */
  maxLPs?: number;
  /**
   * Facets by Clarkson's redundancy removal on a warm simplex (default true); false: the previous
   * search (relaxation, then one LP per row), for comparisons.
   */
  warmFacets?: boolean;
  /**
   * Volume estimates (tier `estimate`, volume-estimate.ts: multiphase Monte Carlo with hit-and-run,
   * seeded, with an approximate confidence interval) for cells with a Chebyshev ball in a box
   * domain. Default off.
   */
  volumeEstimate?: boolean | VolumeEstimateOptions;
  /**
   * Only the cells whose index passes (a shard of the run, or one worker's part): the others are
   * left out of `cells`; the adjacency still covers every cell. Default: every cell.
   */
  cellFilter?: (index: number) => boolean;
  onProgress?: (p: { phase: string; done: number; total: number }) => void;
}

/** The LP-tier geometry of one data-holding cell. */
export interface LpCell {
  /** Index into partition.cells. */
  index: number;
  label: string;
  /** Number of constraint rows (cell rows then domain rows). */
  rows: number;
  /** Label position of each row (−1: domain row). */
  tags: number[];
  chebyshev?: ChebyshevBall;
  facets?: {
    /** Row indices of the certified facets. */
    rows: number[];
    status: RowStatus[];
    /**
     * Certificate of each facet (same order as `rows`): a float64 point (an exact rational) with
     * g_i > 0 and every other row < 0 (with the interior centre it proves the facet); undefined
     * for a facet found by the exact LP.
     */
    certificates: (number[] | undefined)[];
    /** The facet hyperplanes a·x ≤ b as primitive integers (same order as `rows`). */
    hyperplanes: { a: bigint[]; b: bigint }[];
    redundancyTier: 'exact' | 'float';
    stats: ReturnType<typeof cellFacets>['stats'];
  };
  ridges?: CellRidges;
  margins?: PointMargin[];
  /** With `pointRidges`: per data point of the cell (file row), its certified ridges. */
  pointRidges?: { point: number; ridges: PointRidges }[];
  /** With `volumeEstimate`: the cell's volume as an estimate with its interval. */
  volumeEstimate?: VolumeEstimate;
  /**
   * Output map on the cell (MLP) and the norms of its slope: the exact map and ‖A‖_F as r·√q with
   * `exact`, else ‖A‖_F in float from the float map (exact maps of 784-D cells are long BigInts).
   */
  output?: { map?: AffineMap; frobenius: SqrtRational | number; spectral: number };
}

/** The LP tier of a data-holding partition. */
export interface LpGeometry {
  cells: LpCell[];
  adjacency?: FacetAdjacency;
  /** How adjacency candidates were found. */
  candidates?: 'one-bit labels' | 'facet hyperplanes' | 'adapter';
  /** With `adjacencyLPs: false`: candidates neither certified nor decided (possible adjacencies). */
  adjacencyUndecided?: number;
  /** With `adjacencyLPs: false`: candidates proven not adjacent (exact dual bounds, constant units). */
  adjacencyAbsent?: number;
}

const keyOf = (w: readonly bigint[], c: bigint) => `${w.join(',')};${c}`;

/**
 * Candidate facet pairs by hashing each facet's exact primitive hyperplane (never all pairs): cells
 * a < b are candidates when a has the row g and b the row −g.
 */
export function hyperplaneCandidates(
  cells: readonly { index: number; hyperplanes: readonly { a: bigint[]; b: bigint }[] }[],
): FaceCandidate[] {
  const buckets = new Map<string, number[]>();
  for (const c of cells)
    for (const h of c.hyperplanes) {
      const k = keyOf(h.a, -h.b);
      let b = buckets.get(k);
      if (!b) buckets.set(k, (b = []));
      b.push(c.index);
    }
  const seen = new Set<string>();
  const out: FaceCandidate[] = [];
  for (const c of cells)
    for (const h of c.hyperplanes) {
      const opposite = buckets.get(
        keyOf(
          h.a.map((v) => -v),
          h.b,
        ),
      );
      if (!opposite) continue;
      for (const o of opposite) {
        if (o === c.index) continue;
        const a = Math.min(o, c.index);
        const b = Math.max(o, c.index);
        const k = `${a},${b}`;
        if (seen.has(k)) continue;
        seen.add(k);
        out.push({ a, b, position: -1 });
      }
    }
  return out.sort((x, y) => x.a - y.a || x.b - y.b);
}

/** The LP tier of every cell of a data-holding partition (see the module comment). */
export function lpGeometry(partition: Partition, options: LpGeometryOptions = {}): LpGeometry {
  const state = dataHoldingState(partition);
  if (!state)
    throw new MlgeoError<ModelPartitionsErrorCode>(
      'NOT_DATA_HOLDING',
      'lpGeometry needs a partition made by dataHoldingPartition',
      { field: 'partition', fix: 'build the partition with dataHoldingPartition(model, points)' },
    );
  const ctx = systemContext(state);
  const d = partition.inputDimension;
  const wantFacets = options.facets ?? true;
  const ridgeOpt = options.ridges ?? true;
  const wantMargins = options.margins ?? true;
  const exact = options.exact ?? false;
  const exactNegatives = options.exactNegatives ?? exact;
  const box = state.domain.box;
  let scale = 1;
  if (box) {
    let w = 0;
    box.lo.forEach((lo, k) => (w = Math.max(w, box.hi[k]!.sub(lo).toNumber())));
    scale = w > 0 ? 1 / w : 1;
  }
  const total = partition.cells.length;
  const wantBall = options.chebyshev ?? true;
  // float margins and slopes of an MLP cell without its float layer maps (gram.ts), and without
  // the cell's system unless a facet/ball LP or an exact near-tie needs it
  const gram = ctx.mlp && !exact ? gramContext(ctx.mlp) : undefined;
  const wantPointRidges = options.pointRidges ?? false;
  if (wantPointRidges !== false) {
    const why = !gram
      ? 'needs a ReLU MLP and float values (exact: false)'
      : hasLeak(state.model as ReluMlpModel)
        ? 'needs ReLU units (this network has leaky units)'
        : !box
          ? 'needs a box domain'
          : wantFacets || (options.chebyshev ?? true)
            ? 'is the LP-free path: turn facets and chebyshev off'
            : undefined;
    if (why)
      throw new MlgeoError<ModelPartitionsErrorCode>(
        'POINT_RIDGES_UNSUPPORTED',
        `pointRidges ${why}`,
        {
          field: 'pointRidges',
          fix: 'use pointRidges with a ReLU MLP on a box, exact false, facets and chebyshev false',
        },
      );
  }
  const ridgeContext =
    wantPointRidges !== false && gram && box
      ? pointRidgeContext(gram, {
          lo: box.lo.map((r) => r.toNumber()),
          hi: box.hi.map((r) => r.toNumber()),
        })
      : undefined;
  const pointFacets = typeof wantPointRidges === 'object' ? wantPointRidges.facets : undefined;
  const lpCell = (cell: Partition['cells'][number], index: number): LpCell => {
    let sysMemo: ReturnType<typeof cellSystem> | undefined;
    let tableMemo: ReturnType<typeof rowTable> | undefined;
    const lazySys = () => (sysMemo ??= cellSystem(ctx, cell.label));
    const lazyTable = () => (tableMemo ??= rowTable(lazySys().rows));
    const pattern = gram ? mlpPattern(state.model as ReluMlpModel, cell.label) : undefined;
    const gc = gram && pattern ? gramCell(gram, pattern) : undefined;
    if (gc && !wantFacets && !wantBall) {
      const out: LpCell = {
        index,
        label: cell.label,
        rows: gc.unitRows + gram!.domainNorm.length,
        tags: gramTags(gc, gram!.domainNorm.length),
      };
      const pts = (cell.dataIndices ?? []).map((k) => {
        const p = DataPoint.from(state.points[k]!, d, `points[${k}]`);
        return { index: k, xf: p.xf, vertex: () => p.vertex(), exact: () => p.exact() };
      });
      let map: AffineMap | undefined;
      const model = state.model as ReluMlpModel;
      const exactMap = () => (map ??= exactOutputMap(model, ctx.mlp!.intLayers, cell.label));
      if (wantMargins)
        out.margins = gramMargins(gram!, gc, pattern!, pts, exactMap, (x) =>
          nearestRow(lazySys(), lazyTable(), x),
        );
      if (ridgeContext)
        out.pointRidges = pts.map((p) => ({
          point: p.index,
          ridges: pointRidges(ridgeContext, gc, pattern!, p.xf, {
            ...(pointFacets !== undefined ? { facets: pointFacets } : {}),
          }),
        }));
      if (options.slopes ?? true) {
        const m = gc.outputs;
        const G = Array.from({ length: m }, (_, i) =>
          Array.from({ length: m }, (_, j) => gc.Q[i * m + j]!),
        );
        let tr = 0;
        for (let i = 0; i < m; i++) tr += gc.Q[i * m + i]!;
        out.output = { frobenius: Math.sqrt(Math.max(0, tr)), spectral: spectralNormOfGram(G) };
      }
      options.onProgress?.({ phase: 'lp cells', done: index + 1, total });
      return out;
    }
    const sys = lazySys();
    const table = lazyTable();
    const out: LpCell = { index, label: cell.label, rows: sys.rows.length, tags: [...sys.tags] };
    const ball = wantBall ? chebyshevBall(sys, table, scale) : undefined;
    if (ball) out.chebyshev = ball;
    if (ball && box && options.volumeEstimate) {
      // K ⊂ box ⊂ B(c, R); the exact radius at the centre is a ball inside K
      const c = ball.centreFloat;
      let R2 = 0;
      box.lo.forEach((lo, k) => {
        const a = Math.abs(c[k]! - lo.toNumber());
        const b = Math.abs(box.hi[k]!.toNumber() - c[k]!);
        R2 += Math.max(a, b) ** 2;
      });
      const vo = typeof options.volumeEstimate === 'object' ? options.volumeEstimate : {};
      out.volumeEstimate = estimateVolume(
        table,
        c,
        ball.radius.toNumber() * (1 - 1e-9),
        Math.sqrt(R2) * (1 + 1e-9),
        { ...vo, seed: (vo.seed ?? 1) + index },
      );
    }
    const pts = (cell.dataIndices ?? []).map((k) => {
      const p = DataPoint.from(state.points[k]!, d, `points[${k}]`);
      return { index: k, xf: p.xf, vertex: () => p.vertex(), exact: () => p.exact() };
    });
    // interior point of the cell: the Chebyshev centre, else a data point
    const centre = ball?.centreFloat ?? (pts[0] ? Array.from(pts[0].xf) : undefined);
    if (wantFacets && centre) {
      const f = cellFacets(
        sys,
        centre,
        {
          exactRedundancy: exact,
          // the caller's budget is checked between rows, not only between cells
          ...(options.onProgress
            ? {
                onStep: () => options.onProgress!({ phase: 'lp cells', done: index, total }),
              }
            : {}),
          ...(options.warmFacets === false ? { warm: false } : {}),
          ...(options.maxLPs !== undefined ? { maxLPs: options.maxLPs } : {}),
        },
        table,
      );
      out.facets = {
        rows: f.facets,
        status: f.status,
        certificates: f.facets.map((i) => f.certificates.get(i)),
        hyperplanes: f.facets.map((i) => {
          const g = sys.exactRow(i);
          return { a: [...g.w], b: -g.c };
        }),
        redundancyTier: f.redundancyTier,
        stats: f.stats,
      };
      if (ridgeOpt !== false) {
        const ro: RidgeOptions = {
          ...(typeof ridgeOpt === 'object' ? ridgeOpt : {}),
          ...(options.onProgress
            ? { onStep: () => options.onProgress!({ phase: 'lp cells', done: index, total }) }
            : {}),
          ...(exactNegatives ? { exactNegatives: true } : {}),
          ...(exact ? { exactCos: true } : {}),
        };
        out.ridges = cellRidges(sys, f, centre, ro, table);
      }
    }
    if (state.model.kind === 'mlp' && ctx.mlp) {
      const model = state.model as ReluMlpModel;
      const fm = floatMlpRows(model, ctx.mlp.W, ctx.mlp.b, mlpPattern(model, cell.label));
      const last = fm.maps[fm.maps.length - 1]!;
      let map: AffineMap | undefined;
      const exactMap = () => (map ??= exactOutputMap(model, ctx.mlp!.intLayers, cell.label));
      if (wantMargins)
        out.margins = pointMargins(
          sys,
          table,
          pts,
          { A: last.A, c: last.c, exact: exactMap },
          {
            exact,
            nearestRow: (x) => nearestRow(sys, table, x),
          },
        );
      if (options.slopes ?? true) {
        const spectral = spectralNorm(last.A);
        if (exact) {
          const m = exactMap();
          out.output = { map: m, frobenius: frobeniusNorm(m.A), spectral };
        } else {
          let f2 = 0;
          for (const row of last.A) for (let i = 0; i < row.length; i++) f2 += row[i]! ** 2;
          out.output = { frobenius: Math.sqrt(f2), spectral };
        }
      }
    } else if (wantMargins)
      out.margins = pointMargins(sys, table, pts, undefined, {
        exact,
        nearestRow: (x) => nearestRow(sys, table, x),
      });
    options.onProgress?.({ phase: 'lp cells', done: index + 1, total });
    return out;
  };
  const chosen = options.cellFilter;
  const cells: LpCell[] = partition.cells.flatMap((cell, index) =>
    chosen && !chosen(index) ? [] : [lpCell(cell, index)],
  );
  const result: LpGeometry = { cells };
  if ((options.adjacency ?? true) && options.adjacencyLPs === false && state.model.kind === 'mlp') {
    const adj = certifiedMlpAdjacency(partition, state, {
      ...(options.boundedFaceLPs === false ? { faceLPs: false } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    result.adjacency = adj;
    result.candidates = 'one-bit labels';
    result.adjacencyUndecided = adj.undecided;
    result.adjacencyAbsent = adj.absent;
  } else if (options.adjacency ?? true) {
    if (state.model.kind === 'mlp' || state.model.kind === 'arrangement' || !wantFacets) {
      result.adjacency = facetAdjacencyOf(partition, undefined);
      result.candidates =
        state.model.kind === 'mlp' || state.model.kind === 'arrangement'
          ? 'one-bit labels'
          : 'adapter';
    } else {
      const cand = hyperplaneCandidates(
        cells.map((c) => ({ index: c.index, hyperplanes: c.facets?.hyperplanes ?? [] })),
      );
      result.adjacency = facetAdjacencyOf(partition, cand);
      result.candidates = 'facet hyperplanes';
    }
  }
  return result;
}
