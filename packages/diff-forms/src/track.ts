/**
 * Geometry over training: for a sequence of checkpoints of one ReLU network (one per epoch, say), the
 * data-holding cells and their facet-adjacency graph (any d), and for low d the full partition's
 * cell count, cell-volume and dihedral-angle quantiles (the complex's angles θ_C(R) < π, §4) and how
 * many data-holding cells the decision boundary crosses. Rows serialise to JSON and CSV.
 */
import { Rational, type RationalLike } from '@mlgeo/exact-arith';
import {
  type DomainSpec,
  type ReluMlpModel,
  dataHoldingPartition,
  facetAdjacency,
  partitionOf,
} from '@mlgeo/model-partitions';
import { buildComplex } from '@mlgeo/riemannian-complex';
import { cellLayerMaps } from './layer-maps.js';
import { DiffFormsError } from './errors.js';

/** Options of {@link trackGeometry}. */
export interface TrackOptions {
  domain?: DomainSpec;
  /** Also enumerate the full partition and its complex (default: d ≤ 2). */
  full?: boolean;
}

/** Quantiles min, q10, median, q90, max. */
export interface Quantiles {
  min: number;
  q10: number;
  median: number;
  q90: number;
  max: number;
}

/** The geometry of one checkpoint. */
export interface CheckpointGeometry {
  name: string;
  dataHoldingCells: number;
  /** Edges of the facet-adjacency graph of the data-holding cells. */
  dataEdges: number;
  /** 2·edges / cells of that graph. */
  averageDataDegree: number;
  /**
   * Data-holding cells with data points on both sides of the decision boundary (f > 0 and f ≤ 0):
   * cells the boundary certainly crosses (a lower bound of the cells it crosses).
   */
  boundaryDataCells: number;
  /** Full partition (when `full`): cells, cell volumes, angles in degrees. */
  cells?: number;
  cellVolume?: Quantiles;
  angleDegrees?: Quantiles;
}

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

/** The geometry of every checkpoint, in the order given. */
export function trackGeometry(
  checkpoints: readonly { name: string; model: ReluMlpModel }[],
  points: readonly (readonly RationalLike[])[],
  options: TrackOptions = {},
): CheckpointGeometry[] {
  return checkpoints.map(({ name, model }, k) => {
    if (model.kind !== 'mlp')
      throw new DiffFormsError(
        'MODEL_NOT_MLP',
        `checkpoint ${name} is not a ReLU MLP`,
        `checkpoints[${k}]`,
        'track ReLU MLPs only',
      );
    const opts = {
      predicates: 'filtered' as const,
      ...(options.domain ? { domain: options.domain } : {}),
    };
    const data = dataHoldingPartition(model, points, opts);
    const edges = facetAdjacency(data).edges.length;
    const n = data.cells.length;
    // the output is affine on the cell; data on both sides of f = 0 prove the boundary crosses it
    let boundary = 0;
    for (const cell of data.cells) {
      const out = cellLayerMaps(cell).at(-1)!;
      const signs = new Set(
        cell.dataIndices!.map((i) => {
          const x = points[i]!.map((v) => Rational.from(v).toNumber());
          const f = out.A[0]!.reduce((s, a, j) => s + a.toNumber() * x[j]!, out.c[0]!.toNumber());
          return f > 0;
        }),
      );
      if (signs.size === 2) boundary++;
    }
    const row: CheckpointGeometry = {
      name,
      dataHoldingCells: n,
      dataEdges: edges,
      averageDataDegree: n ? (2 * edges) / n : 0,
      boundaryDataCells: boundary,
    };
    if (options.full ?? model.inputDimension <= 2) {
      const partition = partitionOf(model, opts);
      const complex = buildComplex(partition, { edgeLength: 'unit' });
      row.cells = partition.cells.length;
      row.cellVolume = quantiles(
        partition.cells.map((c) => c.polytope.volume({ measures: 'float' })),
      );
      const angles = (complex.ridges ?? []).flatMap((r) =>
        r.angles.filter((a) => a.kind === 'ridge').map((a) => (a.angle * 180) / Math.PI),
      );
      row.angleDegrees = quantiles(angles);
    }
    return row;
  });
}

/** The rows as CSV (one line per checkpoint, quantiles flattened as volume_min, …). */
export function geometryCsv(rows: readonly CheckpointGeometry[]): string {
  const keys = ['min', 'q10', 'median', 'q90', 'max'] as const;
  const header = [
    'name',
    'dataHoldingCells',
    'dataEdges',
    'averageDataDegree',
    'boundaryDataCells',
    'cells',
    ...keys.map((k) => `volume_${k}`),
    ...keys.map((k) => `angle_${k}`),
  ];
  const lines = rows.map((r) =>
    [
      r.name,
      r.dataHoldingCells,
      r.dataEdges,
      r.averageDataDegree,
      r.boundaryDataCells,
      r.cells ?? '',
      ...keys.map((k) => r.cellVolume?.[k] ?? ''),
      ...keys.map((k) => r.angleDegrees?.[k] ?? ''),
    ].join(','),
  );
  return [header.join(','), ...lines].join('\n') + '\n';
}
