/**
 * In-memory models whose input-space partitions mlgeo computes (SPEC §2 table). Every parameter is
 * an exact Rational: readers convert file floats to the rationals they exactly are (SPEC §1).
 */
import type { Rational } from '@mlgeo/exact-arith';

/** Hyperplane arrangement h_j(x) = w_j·x + c_j; cell label bit j = 1 iff h_j(x) > 0. */
export interface ArrangementModel {
  kind: 'arrangement';
  inputDimension: number;
  hyperplanes: { w: Rational[]; c: Rational }[];
}

/** One affine layer z = W h + b; `weights` is out × in (row j holds unit j's input weights). */
export interface DenseLayer {
  weights: Rational[][];
  bias: Rational[];
  /**
   * Optional, hidden layers only: the activation's slope on the inactive side, per unit —
   * h_j = z_j for z_j > 0 and negativeSlopes[j]·z_j otherwise (LeakyReLU α, PReLU's fixed slopes).
   * Absent (or all 0) is ReLU. The cells are the same sign patterns; only the per-cell affine maps
   * change (D_l has slope_j instead of 0 on the inactive units, SPEC §2 recursion).
   */
  negativeSlopes?: Rational[];
}

/**
 * ReLU MLP: relu (or a leaky relu, {@link DenseLayer.negativeSlopes}) after every layer but the
 * last, which is affine (SPEC §2, §5).
 */
export interface ReluMlpModel {
  kind: 'mlp';
  inputDimension: number;
  layers: DenseLayer[];
}

export type TreeNode =
  | { kind: 'split'; feature: number; threshold: Rational; left: number; right: number }
  | { kind: 'leaf'; value: number[] };

/** Decision tree: split x_f ≤ t goes left; a leaf's label is its index in `nodes` (SPEC §2). */
export interface DecisionTreeModel {
  kind: 'tree';
  inputDimension: number;
  nodes: TreeNode[];
  /** Optional class names; a leaf predicts argmax of its value when `task` is classification. */
  task: 'classification' | 'regression';
}

/** Random forest / boosted trees: the common refinement of the trees' leaf boxes. */
export interface ForestModel {
  kind: 'forest';
  inputDimension: number;
  trees: DecisionTreeModel[];
  /** How leaf values combine into a prediction. */
  aggregate: 'mean' | 'sum';
  task: 'classification' | 'regression';
  /**
   * Gradient boosting (scikit-learn's GradientBoostingClassifier / Regressor): K = init.length
   * outputs, tree t adds to output t mod K (sklearn's `estimators_` in row-major order), and
   * f_k = init_k + Σ learningRate · leaf value, accumulated in sklearn's order in float64.
   * Classification: K = 1 is binary with the scores (0, f) (class 1 iff f > 0), K ≥ 2 is argmax f_k
   * (lowest index on ties). The cells are still the common refinement of all trees' leaves.
   */
  boosting?: { learningRate: number; init: number[] };
}

/** Voronoi / k-means / nearest-centroid sites; ties go to the lowest index. */
export interface VoronoiModel {
  kind: 'voronoi';
  inputDimension: number;
  sites: Rational[][];
}

/** Multinomial linear classifier argmax_j (w_j·x + c_j); ties go to the lowest index. */
export interface LinearClassifierModel {
  kind: 'linear';
  inputDimension: number;
  weights: Rational[][];
  bias: Rational[];
}

export type Model =
  | ArrangementModel
  | ReluMlpModel
  | DecisionTreeModel
  | ForestModel
  | VoronoiModel
  | LinearClassifierModel;

export type ModelKind = Model['kind'];
