/**
 * Seeded random ReLU MLP partitions for tests, built independently of @mlgeo/model-partitions
 * (float32 weights as exact rationals; cells by splitting with each layer's pre-activations).
 */
import { Rational, seededRandom } from '@mlgeo/exact-arith';
import type { Polytope } from '@mlgeo/exact-polytope';
import { type Row, boxRows, polytope } from './partitions.test-helper.js';
import type { PartitionLike } from './types.js';

export interface Layer {
  W: Rational[][];
  b: Rational[];
}

/** He-initialised ReLU layers with float32 weights, as exact rationals (SPEC §1). */
export function randomLayers(sizes: number[], seed: number): Layer[] {
  const rnd = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const layers: Layer[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const s = Math.sqrt(2 / sizes[l]!);
    layers.push({
      W: Array.from({ length: sizes[l + 1]! }, () =>
        Array.from({ length: sizes[l]! }, () => Rational.fromFloat32(gauss() * s)),
      ),
      b: Array.from({ length: sizes[l + 1]! }, () => Rational.fromFloat32(gauss() * 0.1)),
    });
  }
  return layers;
}

/**
 * The cells of a ReLU MLP with two hidden layers on a box, built independently of
 * @mlgeo/model-partitions: split by the first layer's hyperplanes, then split every cell by the
 * second layer's pre-activations, which are affine on it (SPEC §2; label = activation bits).
 */
export function mlpPartition(layers: Layer[], lo: number, hi: number): PartitionLike {
  const d = layers[0]!.W[0]!.length;
  const domainRows = boxRows(new Array(d).fill(lo), new Array(d).fill(hi));
  type Cell = { label: string; rows: Row[]; P: Polytope; affine: { w: Rational[]; c: Rational }[] };
  const split = (cells: Cell[], h: (cell: Cell) => { w: Rational[]; c: Rational }): Cell[] => {
    const out: Cell[] = [];
    for (const cell of cells) {
      const { w, c } = h(cell);
      let pos = false;
      let neg = false;
      for (const v of cell.P.vertices()) {
        const s = w.reduce((acc, wk, k) => acc.add(wk.mul(v[k]!)), c).sign();
        if (s > 0) pos = true;
        if (s < 0) neg = true;
      }
      const above: Row = [w.map((x) => x.neg()), c]; // h ≥ 0
      const below: Row = [w, c.neg()]; // h ≤ 0
      const parts: [string, Row][] =
        pos && neg
          ? [
              ['0', below],
              ['1', above],
            ]
          : [[pos ? '1' : '0', pos ? above : below]];
      for (const [bit, row] of parts) {
        const rows = [...cell.rows, row];
        const P = polytope([...domainRows, ...rows]);
        if (P.dimension() === d) out.push({ ...cell, label: cell.label + bit, rows, P });
      }
    }
    return out;
  };
  const [L1, L2] = layers as [Layer, Layer];
  let cells: Cell[] = [{ label: '', rows: [], P: polytope(domainRows), affine: [] }];
  L1.W.forEach((w, i) => {
    cells = split(cells, () => ({ w, c: L1.b[i]! }));
  });
  // z2_j = Σ_{i active} W2_ji (w1_i·x + b1_i) + b2_j on a cell with first-layer bits `label`
  const z2 = (label: string, j: number) => {
    let w = new Array<Rational>(d).fill(Rational.ZERO);
    let c = L2.b[j]!;
    for (let i = 0; i < L1.W.length; i++)
      if (label[i] === '1') {
        w = w.map((x, k) => x.add(L2.W[j]![i]!.mul(L1.W[i]![k]!)));
        c = c.add(L2.W[j]![i]!.mul(L1.b[i]!));
      }
    return { w, c };
  };
  const first = L1.W.length;
  L2.W.forEach((_, j) => {
    cells = split(cells, (cell) => z2(cell.label.slice(0, first), j));
  });
  cells.sort((x, y) => (x.label < y.label ? -1 : 1));
  return {
    domain: polytope(domainRows),
    cells: cells.map((c) => ({ label: c.label, polytope: c.P })),
    complete: true,
  };
}
