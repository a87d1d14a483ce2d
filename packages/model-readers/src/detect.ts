/**
 * Model files as bytes: `detectModelFormat` recognises a file by its name and content, and
 * `readModelBytes` dispatches to the matching reader (for tfjs, the weight shards listed in the
 * manifest are fetched through `readSibling`). No file-system access here, so this runs in a
 * browser; `readModelFile(path)` (reading from disk) is in `@mlgeo/model-readers/node`.
 * Errors carry the file name.
 */
import { ModelFormatError } from './errors.js';
import { isMlCartJson, readMlCartJson } from './ml-cart.js';
import { MLGEO_JSON_FORMATS, isMlgeoJson, parseJsonText, readMlgeoJson } from './mlgeo-json.js';
import { readOnnxModel } from './onnx.js';
import { isSklearnForest, isSklearnTree, readSklearnForest, readSklearnTree } from './sklearn.js';
import { isTfjsModelJson, readTfjsModel } from './tfjs.js';
import { MODEL_FILE_FORMATS, type ModelFileFormat, type ModelReadResult } from './types.js';

const SUPPORTED =
  'our JSON (format: ' +
  MLGEO_JSON_FORMATS.join(', ') +
  '), ONNX (.onnx), TensorFlow.js model.json (+ .bin shards), scikit-learn tree/forest JSON (children_left …, or {"estimators": […]} / {"trees": […]}), ml-cart JSON';

function unknownFormat(path: string, why: string): ModelFormatError {
  return new ModelFormatError('UNKNOWN_FORMAT', `cannot tell the model format (${why})`, {
    file: path,
    field: '(file)',
    fix: `supported: ${SUPPORTED}; or name the format explicitly (one of ${MODEL_FILE_FORMATS.join(', ')})`,
  });
}

function looksLikeJson(bytes: Uint8Array): boolean {
  for (const b of bytes) {
    if (
      b === 0x20 ||
      b === 0x0a ||
      b === 0x0d ||
      b === 0x09 ||
      b === 0xef ||
      b === 0xbb ||
      b === 0xbf
    )
      continue;
    return b === 0x7b || b === 0x5b; // '{' or '['
  }
  return false;
}

/** The format of a parsed JSON model value, or undefined. */
export function detectJsonModelFormat(value: unknown): ModelFileFormat | undefined {
  if (isTfjsModelJson(value)) return 'tfjs';
  if (isMlgeoJson(value)) return (value as { format: ModelFileFormat }).format;
  if (isSklearnTree(value)) return 'sklearn-tree';
  if (isSklearnForest(value)) return 'sklearn-forest';
  if (isMlCartJson(value)) return 'ml-cart';
  return undefined;
}

function decodeJson(path: string, bytes: Uint8Array): unknown {
  try {
    return parseJsonText(new TextDecoder('utf-8', { fatal: false }).decode(bytes));
  } catch (error) {
    throw error instanceof ModelFormatError ? error.withFile(path) : error;
  }
}

/**
 * Recognises a model file: `.onnx` (or any protobuf that decodes to an ONNX graph), tfjs
 * model.json (has `modelTopology`), our JSON (`format` field), scikit-learn JSON (`children_left`
 * or `estimators`), ml-cart JSON (`name: "DTClassifier"`). Unknown files throw UNKNOWN_FORMAT
 * naming the file and listing the supported formats.
 */
export function detectModelFormat(path: string, bytes: Uint8Array): ModelFileFormat {
  const lower = path.toLowerCase();
  if (lower.endsWith('.onnx')) return 'onnx';
  if (looksLikeJson(bytes)) {
    const value = decodeJson(path, bytes);
    const format = detectJsonModelFormat(value);
    if (format) return format;
    const f = (value as { format?: unknown } | null)?.format;
    throw unknownFormat(
      path,
      typeof f === 'string'
        ? `unknown "format": ${JSON.stringify(f)}`
        : 'JSON without a recognised shape',
    );
  }
  try {
    readOnnxModel(bytes);
    return 'onnx';
  } catch (error) {
    if (error instanceof ModelFormatError && error.code !== 'DECODE') return 'onnx'; // ONNX, but unsupported inside
    throw unknownFormat(path, 'neither JSON nor an ONNX protobuf');
  }
}

/**
 * Reads an already-parsed JSON model of any JSON format except tfjs (which needs its weight
 * shards): ours, scikit-learn, ml-cart. The format is detected unless `options.format` is given.
 */
export function readModelJson(value: unknown, options: ReadModelFileOptions = {}): ModelReadResult {
  const format = options.format ?? detectJsonModelFormat(value);
  const withDimension = (key: string) => {
    if (options.inputDimension === undefined || typeof value !== 'object' || value === null)
      return value;
    const v = value as Record<string, unknown>;
    return v[key] === undefined ? { ...v, [key]: options.inputDimension } : v;
  };
  switch (format) {
    case undefined:
      throw new ModelFormatError('UNKNOWN_FORMAT', 'JSON without a recognised model shape', {
        field: '(root)',
        fix: `supported: ${SUPPORTED}`,
      });
    case 'onnx':
    case 'tfjs':
      throw new ModelFormatError('UNKNOWN_FORMAT', `${format} models are read from their files`, {
        field: '(root)',
        fix:
          format === 'onnx' ? 'use readOnnxModel(bytes)' : 'use readTfjsModel(modelJson, weights)',
      });
    case 'sklearn-tree':
      return readSklearnTree(withDimension('n_features'));
    case 'sklearn-forest':
      return readSklearnForest(withDimension('n_features'));
    case 'ml-cart':
      return readMlCartJson(
        value,
        options.inputDimension !== undefined ? { inputDimension: options.inputDimension } : {},
      );
    default: {
      const result = readMlgeoJson(value);
      if (result.format !== format) {
        throw new ModelFormatError(
          'UNKNOWN_FORMAT',
          `the file says format "${result.format}" but "${format}" was requested`,
          { field: 'format', fix: 'drop the explicit format or fix the file' },
        );
      }
      return result;
    }
  }
}

/** Options of {@link readModelBytes} and `readModelFile`. */
export interface ReadModelFileOptions {
  /** Skip detection and read the file as this format. */
  format?: ModelFileFormat;
  /** Input dimension for formats that do not store it (ml-cart; sklearn without n_features). */
  inputDimension?: number;
}

/** Options of {@link readModelBytes}: tfjs weight shards are fetched through `readSibling`. */
export interface ReadModelBytesOptions extends ReadModelFileOptions {
  /**
   * The bytes of a file named relative to the model file (tfjs weight shards listed in
   * `weightsManifest`), e.g. `(rel) => fetch(new URL(rel, modelUrl)).then(…)`. Without it a tfjs
   * model with shards cannot be read.
   */
  readSibling?: (relative: string) => Promise<Uint8Array>;
}

/** The last segment of a `/`- or `\\`-separated path. */
function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** Reads `bytes` (the content of `path`) as `format`; tfjs shards are read via `readSibling`. */
export async function readModelBytes(
  path: string,
  bytes: Uint8Array,
  options: ReadModelBytesOptions = {},
): Promise<ModelReadResult> {
  try {
    const format = options.format ?? detectModelFormat(path, bytes);
    if (format === 'onnx') return readOnnxModel(bytes);
    const value = decodeJson(path, bytes);
    switch (format) {
      case 'tfjs': {
        const manifest =
          typeof value === 'object' && value !== null
            ? (value as { weightsManifest?: unknown }).weightsManifest
            : undefined;
        const paths = Array.isArray(manifest)
          ? manifest.flatMap((g: { paths?: unknown }) =>
              Array.isArray(g?.paths) ? g.paths.map(String) : [],
            )
          : [];
        const read = options.readSibling;
        const shards = new Map<string, Uint8Array>();
        for (const p of paths) {
          if (read === undefined) {
            throw new ModelFormatError('WEIGHTS', `cannot read weight shard "${p}"`, {
              field: 'weightsManifest.paths',
              fix: 'pass readSibling to readModelBytes, or use readModelFile from @mlgeo/model-readers/node',
            });
          }
          try {
            shards.set(p, await read(p));
          } catch {
            throw new ModelFormatError('WEIGHTS', `cannot read weight shard "${p}"`, {
              field: 'weightsManifest.paths',
              fix: `put ${baseName(p)} in the folder of ${baseName(path)}`,
            });
          }
        }
        return readTfjsModel(value as object, shards);
      }
      default:
        return readModelJson(value, { ...options, format });
    }
  } catch (error) {
    throw error instanceof ModelFormatError ? error.withFile(path) : error;
  }
}
