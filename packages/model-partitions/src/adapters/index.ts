/**
 * The table of model adapters, one per model kind. Its type maps every `ModelKind` to an adapter of
 * that kind, so a kind added to `Model` without a table line does not compile.
 */
import { MlgeoError } from '@mlgeo/exact-arith';
import type { Model, ModelKind } from '../models.js';
import { arrangementAdapter } from './arrangement.js';
import { forestAdapter } from './forest.js';
import { linearAdapter } from './linear.js';
import { mlpAdapter } from './mlp.js';
import type { ModelAdapter } from './types.js';
import { treeAdapter } from './tree.js';
import { voronoiAdapter } from './voronoi.js';
import type { ModelPartitionsErrorCode } from '../errors.js';

/** One adapter per model kind. */
export type AdapterTable = { readonly [K in ModelKind]: ModelAdapter<Extract<Model, { kind: K }>> };

export const ADAPTERS: AdapterTable = {
  arrangement: arrangementAdapter,
  mlp: mlpAdapter,
  tree: treeAdapter,
  forest: forestAdapter,
  voronoi: voronoiAdapter,
  linear: linearAdapter,
};

/** The model kinds, in table order. */
export const KINDS = Object.keys(ADAPTERS) as ModelKind[];

/** The adapter of a kind; an unknown kind is an UNKNOWN_MODEL error. */
export function adapterOfKind(kind: ModelKind): ModelAdapter {
  if (!Object.hasOwn(ADAPTERS, kind))
    throw new MlgeoError<ModelPartitionsErrorCode>(
      'UNKNOWN_MODEL',
      `unknown model kind ${String(kind)}`,
      {
        field: 'kind',
        fix: `use ${KINDS.slice(0, -1).join(', ')} or ${KINDS[KINDS.length - 1]}`,
      },
    );
  return ADAPTERS[kind] as ModelAdapter;
}

/** The adapter of the model's kind (typed for that kind). */
export function adapterFor<M extends Model>(model: M): ModelAdapter<M> {
  return adapterOfKind(model.kind) as unknown as ModelAdapter<M>;
}

/** Compares two labels of the same model kind in SPEC §2 cell order. */
export function compareLabels(kind: ModelKind, a: string, b: string): number {
  return adapterOfKind(kind).compareLabels(a, b);
}

export type { FaceDecider, ModelAdapter, Prediction } from './types.js';
export type { FaceCandidate } from '../engines/face-candidates.js';
