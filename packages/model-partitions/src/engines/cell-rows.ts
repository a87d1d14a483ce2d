/**
 * The H-representation of the cell with a given label, without enumeration (SPEC §2 formulas):
 * exact integer rows g(x) ≤ 0, and for ReLU MLPs a float copy of the layer maps for the float LP.
 * Used for data-holding cells, where a cell is only its H-representation (no vertices).
 */
import type { DecisionTreeModel, ReluMlpModel } from '../models.js';
import { type IntAffine, affineFromIntegers, isConstantAffine, negateAffine } from './affine.js';
import { type IntMap, firstMap, floatSlopes, integerLayers, nextMap } from './mlp-maps.js';
import { treeSplits } from './tree.js';

/** A float row w·x + c ≤ 0 (approximate; for float LPs only). */
export interface FloatRow {
  wf: ArrayLike<number>;
  cf: number;
}

/** Splits an MLP/arrangement label into per-layer bits. */
export function mlpPattern(model: ReluMlpModel, label: string): boolean[][] {
  const out: boolean[][] = [];
  let pos = 0;
  for (let l = 0; l < model.layers.length - 1; l++) {
    const m = model.layers[l]!.bias.length;
    out.push(Array.from(label.slice(pos, pos + m), (ch) => ch === '1'));
    pos += m;
  }
  return out;
}

/** Exact integer maps z_l = (A_l x + c_l)/S_l along a pattern, l = 1..L. */
export function mlpMapsOf(model: ReluMlpModel, pattern: boolean[][]): IntMap[] {
  const layers = integerLayers(model);
  const maps: IntMap[] = [firstMap(layers[0]!)];
  for (let l = 0; l < layers.length - 1; l++)
    maps.push(nextMap(maps[l]!, pattern[l]!, layers[l + 1]!, layers[l]!));
  return maps;
}

/** Row for "bit" on unit g: bit 1 ⇔ g ≥ 0 ⇔ −g ≤ 0. Constant units give no row (SPEC §2). */
export function signedRow(g: IntAffine, bit: boolean): IntAffine | undefined {
  if (isConstantAffine(g)) return undefined;
  return bit ? negateAffine(g) : g;
}

/** Rows of a unit-sign cell, each tagged with its unit index (flat, SPEC label position). */
export interface TaggedRows {
  rows: IntAffine[];
  /** For each row, the label position (unit / hyperplane / rival index) it comes from. */
  tags: number[];
}

/** An empty TaggedRows and a `push` that skips absent rows (constant units). */
export function rowSink(): {
  out: TaggedRows;
  push: (g: IntAffine | undefined, tag: number) => void;
} {
  const out: TaggedRows = { rows: [], tags: [] };
  return {
    out,
    push: (g, tag) => {
      if (g) {
        out.rows.push(g);
        out.tags.push(tag);
      }
    },
  };
}

/** Exact rows of the MLP cell `label`: each hidden unit's sign along the pattern (SPEC §2). */
export function mlpCellRows(model: ReluMlpModel, label: string): TaggedRows {
  const { out, push } = rowSink();
  const pattern = mlpPattern(model, label);
  const maps = mlpMapsOf(model, pattern);
  let pos = 0;
  pattern.forEach((bits, l) => {
    const z = maps[l]!;
    bits.forEach((bit, j) => push(signedRow(affineFromIntegers(z.A[j]!, z.c[j]!), bit), pos + j));
    pos += bits.length;
  });
  return out;
}

/**
 * Exact rows of the leaf box of `leaves[t]` in each tree t (a tree is a forest of one): the splits on
 * the path from the root, x_f ≤ t on a left turn and x_f ≥ t on a right turn. Tags number the nodes
 * of all trees consecutively.
 */
export function leafPathRows(
  trees: readonly DecisionTreeModel[],
  leaves: readonly number[],
  fieldOf: (tree: number) => string,
): TaggedRows {
  const { out, push } = rowSink();
  let tagBase = 0;
  trees.forEach((t, ti) => {
    const splits = treeSplits(t, fieldOf(ti));
    const parent = new Map<number, { node: number; left: boolean }>();
    t.nodes.forEach((n, i) => {
      if (n.kind === 'split') {
        parent.set(n.left, { node: i, left: true });
        parent.set(n.right, { node: i, left: false });
      }
    });
    for (let at = leaves[ti]!; parent.has(at);) {
      const { node, left } = parent.get(at)!;
      push(left ? splits[node]! : negateAffine(splits[node]!), tagBase + node);
      at = node;
    }
    tagBase += t.nodes.length;
  });
  return out;
}

/** Float rows of an MLP cell from float layer maps (for the float LP; no BigInt work). */
export function floatMlpRows(
  model: ReluMlpModel,
  W: Float64Array[],
  b: Float64Array[],
  pattern: boolean[][],
): { rows: FloatRow[]; tags: number[]; maps: { A: Float64Array[]; c: Float64Array }[] } {
  const d = model.inputDimension;
  const sizes = [d, ...model.layers.map((l) => l.bias.length)];
  // z_1 = W_1 x + b_1
  let A: Float64Array[] = Array.from({ length: sizes[1]! }, (_, j) =>
    W[0]!.slice(j * d, (j + 1) * d),
  );
  let c = b[0]!.slice();
  const maps = [{ A, c }];
  const rows: FloatRow[] = [];
  const tags: number[] = [];
  const slopes = floatSlopes(model);
  let pos = 0;
  for (let l = 0; l < sizes.length - 2; l++) {
    const bits = pattern[l]!;
    const slope = slopes[l];
    bits.forEach((bit, j) => {
      const wf = A[j]!;
      const s = bit ? -1 : 1;
      let zero = true;
      for (const v of wf) if (v !== 0) zero = false;
      if (zero) return;
      rows.push({ wf: wf.map((v) => s * v), cf: s * c[j]! });
      tags.push(pos + j);
    });
    pos += bits.length;
    const n = sizes[l + 1]!;
    const m = sizes[l + 2]!;
    const Wl = W[l + 1]!;
    const nA: Float64Array[] = [];
    const nc = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      const row = new Float64Array(d);
      let cj = b[l + 1]![j]!;
      for (let k = 0; k < n; k++) {
        // D_l: 1 on active units, the leaky slope (ReLU: 0) on inactive ones
        const f = bits[k] ? 1 : (slope?.[k] ?? 0);
        if (f === 0) continue;
        const w = Wl[j * n + k]! * f;
        if (w === 0) continue;
        const Ak = A[k]!;
        for (let i = 0; i < d; i++) row[i]! += w * Ak[i]!;
        cj += w * c[k]!;
      }
      nA.push(row);
      nc[j] = cj;
    }
    A = nA;
    c = nc;
    maps.push({ A, c });
  }
  return { rows, tags, maps };
}
