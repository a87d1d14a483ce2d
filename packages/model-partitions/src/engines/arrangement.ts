/**
 * Hyperplane arrangements (SPEC §2): cells grown hyperplane by hyperplane; a cell splits when the
 * hyperplane takes both strict signs on it. Label character j = 1 iff h_j > 0 on the cell.
 */
import type { ArrangementModel } from '../models.js';
import type { Predicates, PartitionCell, ProgressCallback } from '../partition.js';
import { affineFromRationals, isConstantAffine } from './affine.js';
import { cellFromVCell } from './cell.js';
import type { FilterStats } from '@mlgeo/exact-arith';
import type { VCell } from './vcell.js';

export function arrangementCells(
  model: ArrangementModel,
  domainCell: VCell,
  predicates: Predicates,
  stats?: FilterStats,
  onProgress?: ProgressCallback,
): PartitionCell[] {
  let parts: { cell: VCell; bits: string }[] = [{ cell: domainCell, bits: '' }];
  model.hyperplanes.forEach((h, j) => {
    const g = affineFromRationals(h.w, h.c);
    if (isConstantAffine(g)) {
      const bit = g.c > 0n ? '1' : '0';
      parts = parts.map((p) => ({ cell: p.cell, bits: p.bits + bit }));
      return;
    }
    const next: typeof parts = [];
    for (const p of parts) {
      const { neg, pos } = p.cell.split(g, predicates, stats);
      if (neg) next.push({ cell: neg, bits: p.bits + '0' });
      if (pos) next.push({ cell: pos, bits: p.bits + '1' });
    }
    parts = next;
    onProgress?.({ phase: 'hyperplanes', done: j + 1, total: model.hyperplanes.length });
  });
  return parts.map((p) => cellFromVCell(p.bits, p.cell, predicates));
}
