/**
 * Partition types (SPEC §2): a list of closed, full-dimensional convex cells of a domain X, in
 * SPEC cell order, each with its label and optional prediction and data.
 */
import type { Predicates, Rational } from '@mlgeo/exact-arith';
import type { KnownCell, Polytope } from '@mlgeo/exact-polytope';
import type { ModelKind } from './models.js';

export type { Predicates } from '@mlgeo/exact-arith';

/** An affine map x ↦ A x + c with exact rational entries. */
export interface AffineMap {
  A: Rational[][];
  c: Rational[];
}

/** Per-cell data of a ReLU MLP cell (SPEC §2, §5). */
export interface MlpCellMaps {
  /** Activation bits per hidden layer (`pattern[l][j]` = bit of unit j of hidden layer l+1). */
  pattern: boolean[][];
  /** z_l(x) = A_l x + c_l for every layer l = 1..L (pre-activations, the last one is the output). */
  layerMaps: AffineMap[];
  /** The output restricted to the cell (same as the last entry of `layerMaps`). */
  output: AffineMap;
  /**
   * Leaky hidden layers (LeakyReLU, PReLU): per hidden layer the slopes α_j with which an inactive
   * unit passes its pre-activation (h_j = α_j z_j for bit 0; undefined entries are ReLU layers), so
   * D_l = diag(bit ? 1 : α_j). Absent for ReLU nets (D_l = diag(bits)).
   */
  negativeSlopes?: (Rational[] | undefined)[];
}

/** One cell C = X ∩ {A x ≤ b} of a partition. */
export interface PartitionCell {
  /** SPEC §2 label: bit string, leaf index, leaf indices joined by `.`, site or class index. */
  label: string;
  /** The closed cell as a polytope (full-dimensional). Built lazily for data-holding cells. */
  polytope: Polytope;
  /**
   * Prediction on the cell: MLP output at the cell's exact centroid, tree/forest leaf value(s),
   * site or class index.
   */
  prediction?: number | number[];
  /** Number of data points in the cell (data-holding partitions). */
  dataCount?: number;
  /** Indices (into the input point list) of the data points in the cell. */
  dataIndices?: number[];
  /** MLP cells: activation pattern and the affine maps of every layer on the cell. */
  mlp?: MlpCellMaps;
  /**
   * Vertices of the cell when the enumeration computed them (low-dimensional full enumeration);
   * absent for data-holding cells, which are kept as H-representations only.
   */
  vertices?: Rational[][];
  /**
   * The cell's vertices in float64 (same order as `vertices`) with a proven bound `error` on the
   * absolute error of every coordinate; filled by the float path (`predicates: 'filtered'`) of
   * ReLU MLP enumeration, where `vertices` and `polytope` are exact and computed only when read.
   */
  floatVertices?: { points: Float64Array[] | number[][]; error: number };
  /**
   * Float path of ReLU MLP enumeration: the facet rows, incidence, vertex order and ids of
   * `polytope` (exact-polytope `KnownCell`, the same facet and vertex order), read without making
   * the Polytope (which `knownCell.polytope()` makes, once, and `polytope` returns).
   */
  knownCell?: KnownCell;
}

/** A partition of the domain induced by a model (SPEC §2). */
export interface Partition {
  model: ModelKind;
  inputDimension: number;
  /** The domain X. */
  domain: Polytope;
  /** Cells in SPEC §2 order. */
  cells: PartitionCell[];
  /** True when the cells cover X; false for data-holding (partial) partitions. */
  complete: boolean;
  /** How the sign decisions were taken (`'exact'` or `'filtered'`; the cells are identical). */
  predicates: Predicates;
  /** Number of data points that fell in the cells (data-holding partitions). */
  totalPoints?: number;
  /** Number of data points outside X that were skipped on request. */
  outside?: number;
}

/** Progress callback: `done` units of work out of `total` (total may grow while enumerating). */
export type ProgressCallback = (progress: { phase: string; done: number; total: number }) => void;
