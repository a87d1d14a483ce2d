/**
 * Per-cell layer maps of a ReLU MLP (SPEC §5): on the cell with activation pattern s, layer l acts
 * as z_l(x) = A_l x + c_l (pre-activation) and h_l = D_l z_l (post-activation, D_l = diag(s_l); on a
 * leaky layer an inactive unit's entry is its negative slope α_j instead of 0), so J_l = D_l A_l.
 * The output layer L is affine: J_L = A_L. Exact maps come from model-partitions (the same
 * recursion that builds the cells); float copies are plain number arrays.
 */
import { Rational } from '@mlgeo/exact-arith';
import {
  type AffineMap,
  type MlpCellMaps,
  type PartitionCell,
  type ReluMlpModel,
  adapterFor,
} from '@mlgeo/model-partitions';
import { DiffFormsError } from './errors.js';

/** Layer l (1-based) of a cell: pre-activation map, post-activation Jacobian and offset. */
export interface LayerMap<T = Rational> {
  /** 1-based layer index; the last one is the (affine) output layer. */
  layer: number;
  /** z_l(x) = A x + c. */
  A: T[][];
  c: T[];
  /** h_l(x) = J x + offset with J = D_l A_l (the output layer: J = A, offset = c). */
  J: T[][];
  offset: T[];
  /** Activation bits of the layer's units (all true for the output layer). */
  bits: boolean[];
}

const zeroRow = (n: number) => new Array<Rational>(n).fill(Rational.ZERO);

/**
 * The factor D_l[j] of hidden unit j: 1 when active; when inactive its negative slope α_j on a leaky
 * layer (LeakyReLU, PReLU), 0 on a ReLU layer.
 */
function unitFactor(bit: boolean, slopes: readonly Rational[] | undefined, j: number): Rational {
  return bit ? Rational.ONE : (slopes?.[j] ?? Rational.ZERO);
}

/** LayerMaps from the per-cell data of model-partitions (h_l = D_l z_l, leaky slopes included). */
export function layerMapsOfCellMaps(maps: MlpCellMaps): LayerMap[] {
  const L = maps.layerMaps.length;
  return maps.layerMaps.map((m: AffineMap, i) => {
    const hidden = i < L - 1;
    const bits = hidden ? maps.pattern[i]! : m.c.map(() => true);
    const slopes = hidden ? maps.negativeSlopes?.[i] : undefined;
    const d = m.A[0]?.length ?? 0;
    const factor = (j: number) => unitFactor(bits[j]!, slopes, j);
    const scale = (v: Rational, f: Rational) => (f.equals(Rational.ONE) ? v : v.mul(f));
    return {
      layer: i + 1,
      A: m.A,
      c: m.c,
      J: m.A.map((row, j) => {
        const f = factor(j);
        return f.isZero() ? zeroRow(d) : f.equals(Rational.ONE) ? row : row.map((v) => v.mul(f));
      }),
      offset: m.c.map((v, j) => scale(v, factor(j))),
      bits,
    };
  });
}

/** The layer maps of an MLP cell of a partition (full or data-holding). */
export function cellLayerMaps(cell: PartitionCell, field = 'cell'): LayerMap[] {
  if (!cell.mlp)
    throw new DiffFormsError(
      'MODEL_NOT_MLP',
      `cell ${cell.label} carries no MLP layer maps`,
      field,
      'pass a cell of a partition built from a ReLU MLP (partitionOf or dataHoldingPartition)',
    );
  return layerMapsOfCellMaps(cell.mlp);
}

/** The layer maps of the activation region with the given label (bits of all hidden units). */
export function layerMapsOfLabel(model: ReluMlpModel, label: string): LayerMap[] {
  if (model.kind !== 'mlp')
    throw new DiffFormsError(
      'MODEL_NOT_MLP',
      `model kind ${String((model as { kind: unknown }).kind)} is not a ReLU MLP`,
      'model.kind',
      'use a model of kind "mlp"',
    );
  const hidden = model.layers.slice(0, -1).reduce((n, l) => n + l.bias.length, 0);
  if (label.length !== hidden || !/^[01]*$/.test(label))
    throw new DiffFormsError(
      'FORM_SHAPE',
      `label "${label}" is not a bit string of length ${hidden}`,
      'label',
      'give one bit per hidden unit, layer 1 units first',
    );
  return layerMapsOfCellMaps(adapterFor(model).cellMaps!(model, label));
}

/** The Jacobian of one layer step h_{l-1} ↦ h_l on a cell: D_l W_l (the output step: W_L). */
export function stepJacobian(
  model: ReluMlpModel,
  maps: readonly LayerMap[],
  l: number,
): Rational[][] {
  checkLayer(l, maps.length);
  const layer = model.layers[l - 1]!;
  const bits = maps[l - 1]!.bits;
  const slopes = l < maps.length ? layer.negativeSlopes : undefined;
  return layer.weights.map((row, j) => {
    const f = unitFactor(bits[j]!, slopes, j);
    return f.isZero() ? zeroRow(row.length) : row.map((v) => v.mul(f));
  });
}

/** Float64 copy of a layer map. */
export function floatLayerMap(m: LayerMap): LayerMap<number> {
  const f = (rows: Rational[][]) => rows.map((r) => r.map((v) => v.toNumber()));
  return {
    layer: m.layer,
    A: f(m.A),
    c: m.c.map((v) => v.toNumber()),
    J: f(m.J),
    offset: m.offset.map((v) => v.toNumber()),
    bits: m.bits,
  };
}

/** Throws LAYER_OUT_OF_RANGE unless 1 ≤ l ≤ L. */
export function checkLayer(l: number, L: number, field = 'layer'): void {
  if (!Number.isInteger(l) || l < 1 || l > L)
    throw new DiffFormsError(
      'LAYER_OUT_OF_RANGE',
      `layer ${l} is outside 1..${L}`,
      field,
      `give a 1-based layer index between 1 and ${L}`,
    );
}
