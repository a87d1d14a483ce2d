/** Result types shared by the model readers. */
import type { Rational } from '@mlgeo/exact-arith';
import type { Model } from '@mlgeo/model-partitions';

/**
 * A domain in H-representation {x : A x ≤ b} (SPEC §2); the engine checks it is bounded and
 * full-dimensional. `kind: 'hrep'` makes it a valid engine `DomainSpec` as it is; `box` is set
 * when the file gave the domain as a box (A, b are then its 2d rows).
 */
export interface DomainHRep {
  kind: 'hrep';
  A: Rational[][];
  b: Rational[];
  box?: { lo: Rational[]; hi: Rational[] };
}

/** Names of the formats `readModelFile` understands. */
export type ModelFileFormat =
  | 'mlgeo-mlp'
  | 'mlgeo-arrangement'
  | 'mlgeo-tree'
  | 'mlgeo-forest'
  | 'mlgeo-voronoi'
  | 'mlgeo-linear'
  | 'onnx'
  | 'tfjs'
  | 'sklearn-tree'
  | 'sklearn-forest'
  | 'ml-cart';

/** Every format name, in the order the docs list them. */
export const MODEL_FILE_FORMATS: readonly ModelFileFormat[] = [
  'mlgeo-mlp',
  'mlgeo-arrangement',
  'mlgeo-tree',
  'mlgeo-forest',
  'mlgeo-voronoi',
  'mlgeo-linear',
  'onnx',
  'tfjs',
  'sklearn-tree',
  'sklearn-forest',
  'ml-cart',
];

/** A model read from a file, with the optional domain the file carried. */
export interface ModelReadResult<M extends Model = Model> {
  model: M;
  /** Present when the file had a `domain` field. */
  domain?: DomainHRep;
  format: ModelFileFormat;
  /**
   * What the user should know about how the file was read when it is not exactly the file's
   * numbers (e.g. an ONNX BatchNormalization folded with float64-rounded scales); absent otherwise.
   */
  notes?: string[];
}
