/**
 * @mlgeo/diff-forms — a ReLU network's geometry layer by layer (SPEC §5) and geometric
 * regularization (SPEC §6): per-cell layer maps and Jacobians, pullbacks of covectors, hyperplanes,
 * constant k-forms and metrics, exact layer volumes, the layer-wise refinement P_1 ≥ P_2 ≥ … with
 * a complex per level, penalties with gradients chained to the layer weights, and a float64
 * training loop for JSON MLPs.
 *
 * This entry imports no Node module and bundles for browsers.
 */
export { DiffFormsError, type DiffFormsErrorCode } from './errors.js';
export {
  type LayerMap,
  cellLayerMaps,
  layerMapsOfCellMaps,
  layerMapsOfLabel,
  stepJacobian,
  floatLayerMap,
} from './layer-maps.js';
export {
  type ConstantForm,
  pullbackCovector,
  pullbackHyperplane,
  pullbackForm,
  pullbackMetric,
  layerVolume,
  layerVolumeFloat,
  increasingSubsets,
  minor,
} from './pullback.js';
export {
  type RefinementOptions,
  type RefinementLevel,
  layerRefinement,
  truncatedModel,
} from './refinement.js';
export {
  type FloatMlp,
  type FloatMaps,
  type MlpGradient,
  floatMlpOf,
  modelOfFloatMlp,
  cloneMlp,
  forward,
  patternAt,
  labelOfPattern,
  floatCellMaps,
  zeroGradient,
  zeroMapGradient,
  backpropCellMaps,
} from './float-net.js';
export {
  type EdgeTag,
  type PlaneCell,
  type PlaneBox,
  planeCells,
  edgeLine,
  polygonArea,
} from './plane-cells.js';
export {
  type PenaltyKind,
  type PenaltyOptions,
  type LineGradient,
  type PenaltyResult,
  planePenalty,
  lineGradientsToWeights,
  cellMasses,
  networkPenalty,
} from './penalties.js';
export {
  type FacetTag,
  type SpaceBox,
  type PolytopeCell,
  type PolytopePenaltyOptions,
  type FacetGradient,
  type PolytopePenaltyResult,
  polytopeCells,
  facetHyperplane,
  simplexVolumeGradient,
  polytopePenalty,
  facetGradientsToWeights,
  polytopeCellMasses,
  networkPolytopePenalty,
} from './penalties-nd.js';
export {
  type LabelledData,
  type TrainOptions,
  type EpochStats,
  initMlp,
  accuracy,
  logisticLoss,
  jacobianNormPenalty,
  objective,
  trainMlp,
  deadUnits,
} from './train.js';
export {
  type FacetVolumeGradient,
  volumeGradient,
  facetCentroid,
  exactSliverPenalty,
} from './sliver-exact.js';
export {
  type TrackOptions,
  type Quantiles,
  type CheckpointGeometry,
  type ValueTier,
  type TrackedQuantity,
  QUANTILE_KEYS,
  TRACKED_QUANTITIES,
  trackGeometry,
  geometryCsv,
} from './track.js';
export { type PatternJacobian, outputJacobiansFloat } from './jacobians-float.js';
