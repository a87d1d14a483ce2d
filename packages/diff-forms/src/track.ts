/**
 * Geometry over training: for a sequence of checkpoints of one ReLU network (one per epoch, say), the
 * data-holding cells and their facet-adjacency graph (any d), and for low d the full partition's
 * cell count, the cells the decision boundary crosses, cell-volume and dihedral-angle quantiles (the
 * complex's angles θ_C(R) < π, docs/math.md §4) and sliver measures. Every value carries its tier:
 * `exact` (decided or computed in exact arithmetic; a number here is the nearest float64 of an exact
 * value, whose exact form is in `exact`), `float` (computed in float64 without an error bound, e.g.
 * angles by arccos) or `estimate` (statistical; no value uses it yet). Rows serialise to JSON and CSV.
 */
import { Rational, type RationalLike } from '@mlgeo/exact-arith';
import {
  ADJACENCY_LP_MAX_DIMENSION,
  type DomainSpec,
  type ReluMlpModel,
  dataHoldingPartition,
  decisionPartition,
  facetAdjacency,
  lpGeometry,
  mlpClassAt,
  partitionOf,
} from '@mlgeo/model-partitions';
import { buildComplex } from '@mlgeo/riemannian-complex';
import { DiffFormsError } from './errors.js';

/** How a value was obtained (docs/math.md §1: exact first, float where no exact form is used). */
export type ValueTier = 'exact' | 'float' | 'estimate';

/** Options of {@link trackGeometry}. */
export interface TrackOptions {
  domain?: DomainSpec;
  /** Also enumerate the full partition and its complex (default: d ≤ 2). */
  full?: boolean;
  /** Class labels of the points (index = class; single output: 1 when f > 0): adds `accuracy`. */
  labels?: readonly number[];
  /** Cells of smaller volume are slivers (default: 10⁻³ of the domain's volume). */
  sliverVolume?: RationalLike;
  /** Angles below this many degrees are small (default 15). */
  smallAngleDegrees?: number;
  /** Called after each checkpoint (progress of long runs). */
  onCheckpoint?: (done: number, total: number) => void;
}

/** Quantiles min, q10, median, q90, max. */
export interface Quantiles {
  min: number;
  q10: number;
  median: number;
  q90: number;
  max: number;
}

/** The quantile keys, in order. */
export const QUANTILE_KEYS = ['min', 'q10', 'median', 'q90', 'max'] as const;

/** The geometry of one checkpoint. */
export interface CheckpointGeometry {
  name: string;
  /** Data points given. */
  points: number;
  /** Data-holding cells (with points). */
  dataHoldingCells?: number;
  /**
   * Edges of the facet-adjacency graph of the data-holding cells, each certified by an exact point
   * of the shared facet. Above ADJACENCY_LP_MAX_DIMENSION inputs the candidates are decided from
   * data certificates and bounded face LPs (lpGeometry's LP-free path); those left undecided are in
   * `undecidedDataEdges`.
   */
  dataEdges?: number;
  /** One-bit candidate pairs neither certified nor excluded (d > 128 only; edges may be missing). */
  undecidedDataEdges?: number;
  /** 2·edges / cells of that graph (at most 2d on average; exact value in `exact`). */
  averageDataDegree?: number;
  /**
   * Data-holding cells whose points fall in at least two classes (single output: f > 0 and f ≤ 0):
   * cells the decision boundary certainly crosses (a lower bound of the cells it crosses).
   */
  boundaryDataCells?: number;
  /** Hidden units off (bit 0) in every data-holding cell: units no data point switches on. */
  deadUnits?: number;
  /** Fraction of points whose exact class (SPEC §2 ties) is their label (with `labels`). */
  accuracy?: number;
  /** Full partition (when `full`): cells, cells the decision boundary crosses, its (d−1)-volume. */
  cells?: number;
  boundaryCells?: number;
  boundaryVolume?: number;
  /** Cell volumes (exact quantiles, interpolated between order statistics). */
  cellVolume?: Quantiles;
  /** Cells of volume below the sliver volume, and Σ max(0, v_min − vol)² (the sliver penalty, §6). */
  sliverCells?: number;
  sliverPenalty?: number;
  /** Dihedral angles of the cells in degrees (float: arccos), and how many are below the small angle. */
  angleDegrees?: Quantiles;
  smallAngles?: number;
  /** The tier of every value present (quantiles: of all five). */
  tiers: Partial<Record<TrackedQuantity, ValueTier>>;
  /** Exact forms (rationals as text) of exact values that are not integers, by quantity (and `.q`). */
  exact: Record<string, string>;
}

/** The quantities a row may hold, in output order. */
export const TRACKED_QUANTITIES = [
  'points',
  'dataHoldingCells',
  'dataEdges',
  'undecidedDataEdges',
  'averageDataDegree',
  'boundaryDataCells',
  'deadUnits',
  'accuracy',
  'cells',
  'boundaryCells',
  'boundaryVolume',
  'cellVolume',
  'sliverCells',
  'sliverPenalty',
  'angleDegrees',
  'smallAngles',
] as const;
/** A quantity of {@link CheckpointGeometry}. */
export type TrackedQuantity = (typeof TRACKED_QUANTITIES)[number];

const QUANTILE_POINTS: [keyof Quantiles, Rational][] = [
  ['min', Rational.ZERO],
  ['q10', Rational.of(1, 10)],
  ['median', Rational.of(1, 2)],
  ['q90', Rational.of(9, 10)],
  ['max', Rational.ONE],
];

/** Linear interpolation between order statistics at p·(n − 1), in float64. */
function quantiles(values: number[]): Quantiles {
  const v = [...values].sort((a, b) => a - b);
  const q = (p: number) => {
    if (v.length === 0) return NaN;
    const pos = (v.length - 1) * p;
    const lo = Math.floor(pos);
    return v[lo]! + (v[Math.min(lo + 1, v.length - 1)]! - v[lo]!) * (pos - lo);
  };
  return { min: q(0), q10: q(0.1), median: q(0.5), q90: q(0.9), max: q(1) };
}

/** The same quantiles in exact arithmetic (p = 0, 1/10, 1/2, 9/10, 1). */
function exactQuantiles(values: Rational[]): Record<keyof Quantiles, Rational> {
  const v = [...values].sort((a, b) => a.cmp(b));
  const out = {} as Record<keyof Quantiles, Rational>;
  for (const [key, p] of QUANTILE_POINTS) {
    const pos = p.mul(Rational.of(v.length - 1));
    const lo = Number(pos.floor());
    const frac = pos.sub(Rational.of(lo));
    const a = v[lo]!;
    const b = v[Math.min(lo + 1, v.length - 1)]!;
    out[key] = a.add(b.sub(a).mul(frac));
  }
  return out;
}

function setExact(row: CheckpointGeometry, key: string, value: Rational): number {
  if (!value.isInteger()) row.exact[key] = value.toString();
  return value.toNumber();
}

/** The geometry of one checkpoint (see {@link trackGeometry}). */
function checkpointGeometry(
  name: string,
  model: ReluMlpModel,
  points: readonly Rational[][],
  options: TrackOptions,
): CheckpointGeometry {
  const opts = {
    predicates: 'filtered' as const,
    ...(options.domain ? { domain: options.domain } : {}),
  };
  const row: CheckpointGeometry = { name, points: points.length, tiers: {}, exact: {} };
  row.tiers.points = 'exact';
  if (points.length > 0) {
    const data = dataHoldingPartition(model, points, opts);
    let edges: number;
    if (model.inputDimension > ADJACENCY_LP_MAX_DIMENSION) {
      // no exact face LPs in high d: data certificates and bounded face LPs (the CLI's LP-free path)
      const g = lpGeometry(data, {
        facets: false,
        chebyshev: false,
        ridges: false,
        margins: false,
        slopes: false,
        adjacencyLPs: false,
      });
      edges = g.adjacency?.edges.length ?? 0;
      row.undecidedDataEdges = g.adjacencyUndecided ?? 0;
      row.tiers.undecidedDataEdges = 'exact';
    } else edges = facetAdjacency(data).edges.length;
    const n = data.cells.length;
    // classes are decided exactly per point (a filtered forward pass, SPEC §2 ties): no cell map,
    // whose exact entries cost megabytes per cell in 784-D
    let boundary = 0;
    let correct = 0;
    const hidden = data.cells[0]?.label.length ?? 0;
    const alive = new Array<boolean>(hidden).fill(false);
    for (const cell of data.cells) {
      const classes = new Set<number>();
      for (const i of cell.dataIndices!) {
        const k = mlpClassAt(model, points[i]!);
        classes.add(k);
        if (options.labels && options.labels[i] === k) correct++;
      }
      if (classes.size >= 2) boundary++;
      for (let j = 0; j < hidden; j++) if (cell.label[j] === '1') alive[j] = true;
    }
    row.dataHoldingCells = n;
    row.dataEdges = edges;
    row.averageDataDegree = n ? setExact(row, 'averageDataDegree', Rational.of(2 * edges, n)) : 0;
    row.boundaryDataCells = boundary;
    row.deadUnits = alive.filter((a) => !a).length;
    for (const key of [
      'dataHoldingCells',
      'dataEdges',
      'averageDataDegree',
      'boundaryDataCells',
      'deadUnits',
    ] as const)
      row.tiers[key] = 'exact';
    if (options.labels) {
      row.accuracy = setExact(row, 'accuracy', Rational.of(correct, points.length));
      row.tiers.accuracy = 'exact';
    }
  }
  if (options.full ?? model.inputDimension <= 2) {
    const partition = partitionOf(model, opts);
    row.cells = partition.cells.length;
    row.tiers.cells = 'exact';
    const decision = decisionPartition(partition, model, { predicates: 'filtered' });
    if (decision) {
      row.boundaryCells = new Set(decision.boundary.map((b) => b.cell)).size;
      // each piece's (d−1)-volume is an exact r·√q; their sum is taken in float64
      row.boundaryVolume = decision.boundary.reduce(
        (s, b) => s + (typeof b.volume === 'number' ? b.volume : b.volume.toNumber()),
        0,
      );
      row.tiers.boundaryCells = 'exact';
      row.tiers.boundaryVolume = 'float';
    }
    const volumes = partition.cells.map((c) => c.polytope.volume());
    const q = exactQuantiles(volumes);
    row.cellVolume = {} as Quantiles;
    for (const key of QUANTILE_KEYS)
      row.cellVolume[key] = setExact(row, `cellVolume.${key}`, q[key]);
    row.tiers.cellVolume = 'exact';
    const total = volumes.reduce((s, v) => s.add(v), Rational.ZERO);
    const vMin =
      options.sliverVolume !== undefined
        ? Rational.from(options.sliverVolume)
        : total.mul(Rational.of(1, 1000));
    let penalty = Rational.ZERO;
    let slivers = 0;
    for (const v of volumes)
      if (v.lt(vMin)) {
        slivers++;
        penalty = penalty.add(vMin.sub(v).mul(vMin.sub(v)));
      }
    row.sliverCells = slivers;
    row.sliverPenalty = setExact(row, 'sliverPenalty', penalty);
    row.tiers.sliverCells = 'exact';
    row.tiers.sliverPenalty = 'exact';
    const complex = buildComplex(partition, { edgeLength: 'unit' });
    const angles = (complex.ridges ?? []).flatMap((r) =>
      r.angles.filter((a) => a.kind === 'ridge').map((a) => (a.angle * 180) / Math.PI),
    );
    if (angles.length > 0) {
      row.angleDegrees = quantiles(angles);
      const small = options.smallAngleDegrees ?? 15;
      row.smallAngles = angles.filter((a) => a < small).length;
      row.tiers.angleDegrees = 'float';
      row.tiers.smallAngles = 'float';
    }
  }
  return row;
}

/** The geometry of every checkpoint, in the order given. */
export function trackGeometry(
  checkpoints: readonly { name: string; model: ReluMlpModel }[],
  points: readonly (readonly RationalLike[])[],
  options: TrackOptions = {},
): CheckpointGeometry[] {
  const exactPoints = points.map((p) => p.map((v) => Rational.from(v)));
  if (options.labels && options.labels.length !== points.length)
    throw new DiffFormsError(
      'DATA_SHAPE',
      `${options.labels.length} labels for ${points.length} points`,
      'labels',
      'give one label per point',
    );
  if (options.smallAngleDegrees !== undefined && !(options.smallAngleDegrees > 0))
    throw new DiffFormsError(
      'OPTION_INVALID',
      `smallAngleDegrees ${options.smallAngleDegrees} is not > 0`,
      'smallAngleDegrees',
      'give an angle in degrees, e.g. 15',
    );
  if (options.sliverVolume !== undefined && Rational.from(options.sliverVolume).sign() <= 0)
    throw new DiffFormsError(
      'OPTION_INVALID',
      `sliverVolume ${options.sliverVolume} is not > 0`,
      'sliverVolume',
      'give the smallest cell volume that is not a sliver, e.g. 0.001',
    );
  return checkpoints.map(({ name, model }, k) => {
    if (model.kind !== 'mlp')
      throw new DiffFormsError(
        'MODEL_NOT_MLP',
        `checkpoint ${name} is not a ReLU MLP`,
        `checkpoints[${k}]`,
        'track ReLU MLPs only',
      );
    const row = checkpointGeometry(name, model, exactPoints, options);
    options.onCheckpoint?.(k + 1, checkpoints.length);
    return row;
  });
}

/** The rows as CSV (one line per checkpoint, quantiles flattened as volume_min, …). */
export function geometryCsv(rows: readonly CheckpointGeometry[]): string {
  const keys = QUANTILE_KEYS;
  const header = [
    'name',
    'dataHoldingCells',
    'dataEdges',
    'averageDataDegree',
    'boundaryDataCells',
    'cells',
    ...keys.map((k) => `volume_${k}`),
    ...keys.map((k) => `angle_${k}`),
    'deadUnits',
    'accuracy',
    'boundaryCells',
    'boundaryVolume',
    'sliverCells',
    'sliverPenalty',
    'smallAngles',
    'undecidedDataEdges',
  ];
  const lines = rows.map((r) =>
    [
      r.name,
      r.dataHoldingCells ?? '',
      r.dataEdges ?? '',
      r.averageDataDegree ?? '',
      r.boundaryDataCells ?? '',
      r.cells ?? '',
      ...keys.map((k) => r.cellVolume?.[k] ?? ''),
      ...keys.map((k) => r.angleDegrees?.[k] ?? ''),
      r.deadUnits ?? '',
      r.accuracy ?? '',
      r.boundaryCells ?? '',
      r.boundaryVolume ?? '',
      r.sliverCells ?? '',
      r.sliverPenalty ?? '',
      r.smallAngles ?? '',
      r.undecidedDataEdges ?? '',
    ].join(','),
  );
  return [header.join(','), ...lines].join('\n') + '\n';
}
