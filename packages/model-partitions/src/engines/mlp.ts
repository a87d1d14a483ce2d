/**
 * ReLU MLP activation regions grown layer by layer (SPEC §2, §5 P_1 ≥ P_2 ≥ …): every cell of the
 * first l hidden layers splits by the pulled-back hyperplanes of the units of layer l + 1, one unit
 * at a time. A unit whose pre-activation is constant on a cell adds no constraint and gets bit 1 iff
 * the constant is > 0. No sign vector is ever guessed: only cells that exist are split further.
 */
import type { ReluMlpModel } from '../models.js';
import type { MlpCellMaps, Predicates, PartitionCell, ProgressCallback } from '../partition.js';
import { affineFromIntegers, isConstantAffine } from './affine.js';
import { cellFromVCell, defineLazy } from './cell.js';
import {
  type IntMap,
  cellMapSlopes,
  evaluateMap,
  firstMap,
  integerLayers,
  nextMap,
  toAffineMap,
} from './mlp-maps.js';
import type { FilterStats } from '@mlgeo/exact-arith';
import type { VCell } from './vcell.js';

interface State {
  cell: VCell;
  bits: boolean[][];
  maps: IntMap[];
}

/** All activation regions of a ReLU MLP in the domain cell, unsorted. */
export function mlpCells(
  model: ReluMlpModel,
  domainCell: VCell,
  predicates: Predicates,
  stats?: FilterStats,
  onProgress?: ProgressCallback,
): PartitionCell[] {
  const layers = integerLayers(model);
  const slopes = cellMapSlopes(model);
  const L = layers.length;
  let states: State[] = [{ cell: domainCell, bits: [], maps: [firstMap(layers[0]!)] }];
  for (let l = 0; l < L - 1; l++) {
    const next: State[] = [];
    let done = 0;
    for (const st of states) {
      const z = st.maps[st.maps.length - 1]!;
      let parts: { cell: VCell; bits: boolean[] }[] = [{ cell: st.cell, bits: [] }];
      for (let j = 0; j < z.A.length; j++) {
        const g = affineFromIntegers(z.A[j]!, z.c[j]!);
        if (isConstantAffine(g)) {
          const bit = z.c[j]! > 0n; // S > 0, so the constant's sign is c's sign
          for (const p of parts) p.bits.push(bit);
          continue;
        }
        const split: typeof parts = [];
        for (const p of parts) {
          const { neg, pos } = p.cell.split(g, predicates, stats);
          if (neg && pos) {
            split.push({ cell: neg, bits: [...p.bits, false] });
            split.push({ cell: pos, bits: [...p.bits, true] });
          } else if (neg) {
            p.bits.push(false);
            split.push(p);
          } else {
            p.bits.push(true);
            split.push(p);
          }
        }
        parts = split;
      }
      for (const p of parts) {
        const bits = [...st.bits, p.bits];
        next.push({
          cell: p.cell,
          bits,
          maps: [...st.maps, nextMap(z, p.bits, layers[l + 1]!, layers[l]!)],
        });
      }
      onProgress?.({ phase: `layer ${l + 1}`, done: ++done, total: states.length });
    }
    states = next;
  }
  return states.map((st) => {
    const label = st.bits.map((b) => b.map((x) => (x ? '1' : '0')).join('')).join('');
    const out = st.maps[st.maps.length - 1]!;
    const cell = cellFromVCell(label, st.cell, predicates);
    // the output at the cell's exact centroid (SPEC §2: the prediction does not depend on vertex order)
    defineLazy(cell, 'prediction', () => {
      const y = evaluateMap(out, cell.polytope.centroid()).map((v) => v.toNumber());
      return y.length === 1 ? y[0]! : y;
    });
    defineLazy(cell, 'mlp', () => {
      // the output map now; the hidden layers' maps (wide, slow to reduce) when first asked for
      const output = toAffineMap(out);
      const maps = { pattern: st.bits, output, ...slopes } as MlpCellMaps;
      defineLazy(maps, 'layerMaps', () =>
        st.maps.map((m, i) => (i === st.maps.length - 1 ? output : toAffineMap(m))),
      );
      return maps;
    });
    return cell;
  });
}
