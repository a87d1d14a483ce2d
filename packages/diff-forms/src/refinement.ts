/**
 * The layer-wise refinement P_1 ≥ P_2 ≥ … ≥ P_{L−1} of a ReLU MLP (SPEC §5): P_l is the partition by
 * the first l hidden layers, computed by model-partitions on the network cut after layer l; a cell
 * of P_{l+1} lies in the cell of P_l whose label is its label's prefix, so parents and children are
 * read off the labels. Each level's complex is riemannian-complex's buildComplex on P_l.
 */
import type { RationalLike } from '@mlgeo/exact-arith';
import { Rational } from '@mlgeo/exact-arith';
import {
  type DomainSpec,
  type Partition,
  type Predicates,
  type ReluMlpModel,
  dataHoldingPartition,
  partitionOf,
} from '@mlgeo/model-partitions';
import {
  type ComplexOptions,
  type RiemannianComplex,
  buildComplex,
} from '@mlgeo/riemannian-complex';
import { checkLayer } from './layer-maps.js';
import { DiffFormsError } from './errors.js';

/** Options of {@link layerRefinement}. */
export interface RefinementOptions {
  /** The domain X (default the unit box). */
  domain?: DomainSpec;
  /** Sign decisions (`'exact'` default, or `'filtered'`: identical cells). */
  predicates?: Predicates;
  /** Data points: when given, every level is the data-holding partition of these points. */
  points?: readonly (readonly RationalLike[])[];
}

/** One level P_l of the refinement. */
export interface RefinementLevel {
  /** l: the number of hidden layers that cut this level (1..L−1). */
  layer: number;
  /** P_l: cells labelled by the bits of the first l hidden layers (SPEC §2 order). */
  partition: Partition;
  /** parent[i]: index of the cell of P_{l−1} that contains cell i (−1 on level 1 or when absent). */
  parent: number[];
  /** children[i]: indices of the cells of P_{l+1} inside cell i (empty on the last level). */
  children: number[][];
  /** The complex of P_l (buildComplex, cached per options). */
  complex(options?: ComplexOptions): RiemannianComplex;
}

/** The network cut after hidden layer l, with a zero affine output (its cells are those of P_l). */
export function truncatedModel(model: ReluMlpModel, l: number): ReluMlpModel {
  checkLayer(l, model.layers.length - 1);
  const width = model.layers[l - 1]!.bias.length;
  return {
    kind: 'mlp',
    inputDimension: model.inputDimension,
    layers: [
      ...model.layers.slice(0, l),
      { weights: [new Array<Rational>(width).fill(Rational.ZERO)], bias: [Rational.ZERO] },
    ],
  };
}

/** P_1 ≥ … ≥ P_{L−1} with parent/child links and per-level complexes. */
export function layerRefinement(
  model: ReluMlpModel,
  options: RefinementOptions = {},
): RefinementLevel[] {
  if (model.kind !== 'mlp')
    throw new DiffFormsError(
      'MODEL_NOT_MLP',
      `model kind ${String((model as { kind: unknown }).kind)} is not a ReLU MLP`,
      'model.kind',
      'use a model of kind "mlp"',
    );
  const hidden = model.layers.length - 1;
  if (hidden < 1) return [];
  const levels: RefinementLevel[] = [];
  let prefix = 0;
  for (let l = 1; l <= hidden; l++) {
    const cut = truncatedModel(model, l);
    const opts = {
      ...(options.domain !== undefined ? { domain: options.domain } : {}),
      ...(options.predicates !== undefined ? { predicates: options.predicates } : {}),
    };
    const partition = options.points
      ? dataHoldingPartition(cut, options.points, opts)
      : partitionOf(cut, opts);
    const prev = levels[l - 2];
    const index = new Map(prev?.partition.cells.map((c, i) => [c.label, i]) ?? []);
    const parent = partition.cells.map((c) =>
      prev ? (index.get(c.label.slice(0, prefix)) ?? -1) : -1,
    );
    if (prev) parent.forEach((p, i) => p >= 0 && prev.children[p]!.push(i));
    prefix += model.layers[l - 1]!.bias.length;
    const cache = new Map<string, RiemannianComplex>();
    levels.push({
      layer: l,
      partition,
      parent,
      children: partition.cells.map(() => []),
      complex(complexOptions: ComplexOptions = {}) {
        const key = JSON.stringify(complexOptions);
        let c = cache.get(key);
        if (!c) cache.set(key, (c = buildComplex(partition, complexOptions)));
        return c;
      },
    });
  }
  return levels;
}
