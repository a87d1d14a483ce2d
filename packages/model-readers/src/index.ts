/**
 * @mlgeo/model-readers — model and data readers for @mlgeo/model-partitions (docs/formats.md): our
 * JSON formats, ONNX, TensorFlow.js layers models, scikit-learn tree arrays, ml-cart JSON, and data
 * points from CSV or JSON. Every number is converted to the rational it exactly is (SPEC §1); bad
 * input throws a ModelFormatError / DataFormatError naming the field and the fix.
 *
 * This entry reads bytes and strings and imports no Node module, so it bundles for browsers;
 * `readModelFile(path)` (from disk) is in `@mlgeo/model-readers/node`.
 */

/** Typed error of every model reader (code, field, fix, file). */
export {
  ModelFormatError,
  type ModelFormatErrorCode,
  type ModelReadersErrorCode,
} from './errors.js';

/** Reader results: the model, the optional domain `{kind: 'hrep', A, b}`, the format name. */
export {
  type DomainHRep,
  type ModelFileFormat,
  type ModelReadResult,
  MODEL_FILE_FORMATS,
} from './types.js';

/** The `domain` field of a model file (box or H-representation). */
export { readDomain, boxToHRep } from './domain.js';

/** Our JSON formats: mlgeo-mlp, -arrangement, -tree, -forest, -voronoi, -linear. */
export { readMlgeoJson, MLGEO_JSON_FORMATS, type MlgeoJsonFormat } from './mlgeo-json.js';

/** ONNX sequential ReLU networks (Gemm / MatMul + Add / Relu / Flatten / Identity). */
export { readOnnxModel } from './onnx.js';

/** TensorFlow.js layers models (model.json + weight shards). */
export { readTfjsModel } from './tfjs.js';

/** scikit-learn `tree_` arrays: single trees and forests. */
export { readSklearnTree, readSklearnForest } from './sklearn.js';

/** ml-cart DecisionTreeClassifier / DecisionTreeRegression JSON. */
export { readMlCartJson } from './ml-cart.js';

/** Format detection and reading model files from their bytes. */
export {
  detectModelFormat,
  detectJsonModelFormat,
  readModelBytes,
  readModelJson,
  type ReadModelFileOptions,
  type ReadModelBytesOptions,
} from './detect.js';

/** Data points from CSV / JSON, exact, with row/column errors. */
export { DataFormatError, type DataFormatErrorCode } from './data/errors.js';
export {
  readPointsCsv,
  readPointsJson,
  checkPointsDimension,
  type PointSet,
  type CsvPointsOptions,
} from './data/points.js';
