/**
 * Typed errors of the model readers. Every error names the offending field (a path such as
 * `layers[1].weights[0][2]` or `graph.node[3]`) and says how to fix the file, so the CLI can print
 * one line instead of a stack trace.
 */
import { MlgeoError } from '@mlgeo/exact-arith';
import type { DataFormatErrorCode } from './data/errors.js';

/** Machine-readable reasons a model file is rejected. */
export type ModelFormatErrorCode =
  | 'INVALID' // wrong JSON type or missing field
  | 'NON_FINITE' // NaN / ±Infinity (number or string)
  | 'PARSE' // a string that is not an exact number
  | 'SHAPE' // wrong array lengths
  | 'LAYER_SIZE' // a layer's input size differs from the previous layer's output size
  | 'ACTIVATION' // unknown or misplaced activation
  | 'TREE_STRUCTURE' // dangling child, cycle, node reachable twice, unreachable node
  | 'FEATURE_RANGE' // feature index outside 0..inputDimension-1
  | 'EMPTY_MODEL' // no layers, hyperplanes, nodes, trees, sites or classes
  | 'DOMAIN' // malformed or visibly empty domain
  | 'UNSUPPORTED_OPERATOR' // ONNX operator / tfjs layer we cannot turn into a partition
  | 'UNSUPPORTED_DTYPE' // tensor data type other than float32/float64
  | 'DECODE' // bytes that are not a valid file of the claimed kind (e.g. truncated ONNX)
  | 'WEIGHTS' // tfjs weights manifest and binary shards disagree
  | 'UNKNOWN_FORMAT'; // no reader recognises the file

/** Every code @mlgeo/model-readers throws: model-file and data-file reasons (docs/errors.md). */
export type ModelReadersErrorCode = ModelFormatErrorCode | DataFormatErrorCode;

/** A model file (or in-memory model description) that cannot be read exactly. */
export class ModelFormatError extends MlgeoError<ModelFormatErrorCode> {
  /** The file the model came from, when known (set by `readModelFile`). */
  readonly file: string | undefined;
  /** The message without the file/field/fix decorations. */
  readonly detail: string;

  constructor(
    code: ModelFormatErrorCode,
    detail: string,
    options: { field?: string; fix?: string; file?: string } = {},
  ) {
    super(code, detail, {
      ...(options.field !== undefined ? { field: options.field } : {}),
      ...(options.fix !== undefined ? { fix: options.fix } : {}),
    });
    // one line for the CLI: "file: field: detail (fix: …)"
    if (options.file !== undefined) this.message = `${options.file}: ${this.message}`;
    this.file = options.file;
    this.detail = detail;
  }

  /** The same error attributed to `file` (the message then starts with the file name). */
  withFile(file: string): ModelFormatError {
    if (this.file !== undefined) return this;
    return new ModelFormatError(this.code, this.detail, {
      file,
      ...(this.field !== undefined ? { field: this.field } : {}),
      ...(this.fix !== undefined ? { fix: this.fix } : {}),
    });
  }
}

/** Joins a field path: `joinField('layers[1]', 'weights')` is `layers[1].weights`. */
export function joinField(prefix: string, key: string | number): string {
  if (typeof key === 'number') return `${prefix}[${key}]`;
  return prefix === '' ? key : `${prefix}.${key}`;
}
