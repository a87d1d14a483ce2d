/**
 * Regions defined by pairwise comparisons (SPEC §2): Voronoi cells of sites and the decision regions
 * of a multinomial linear classifier. Region i is X clipped by one half-space per rival k; a rival
 * whose comparison is identically zero (a duplicate site or class) takes the region from the higher
 * index (lowest index wins).
 */
import { type FilterStats, Rational } from '@mlgeo/exact-arith';
import type { LinearClassifierModel, VoronoiModel } from '../models.js';
import type { Predicates, PartitionCell, ProgressCallback } from '../partition.js';
import { type IntAffine, affineFromRationals, isConstantAffine } from './affine.js';
import { cellFromVCell } from './cell.js';
import { type TaggedRows, rowSink, signedRow } from './cell-rows.js';
import type { VCell } from './vcell.js';

/** g_{ik} ≤ 0 ⇔ i beats (or ties) k. */
export type Rival = (i: number, k: number) => IntAffine;

function regions(
  n: number,
  rival: Rival,
  domainCell: VCell,
  predicates: Predicates,
  stats?: FilterStats,
  onProgress?: ProgressCallback,
): { index: number; cell: VCell }[] {
  const out: { index: number; cell: VCell }[] = [];
  for (let i = 0; i < n; i++) {
    let cell: VCell | undefined = domainCell;
    for (let k = 0; k < n && cell; k++) {
      if (k === i) continue;
      const g = rival(i, k);
      if (isConstantAffine(g)) {
        // identical competitors (c = 0): the lower index keeps the region; c > 0: i never wins
        if (g.c > 0n || (g.c === 0n && k < i)) cell = undefined;
        continue;
      }
      cell = cell.clip(g, predicates, stats);
    }
    if (cell) out.push({ index: i, cell });
    onProgress?.({ phase: 'regions', done: i + 1, total: n });
  }
  return out;
}

const sub = (a: readonly Rational[], b: readonly Rational[]) => a.map((x, i) => x.sub(b[i]!));
const sq = (a: readonly Rational[]) => a.reduce((s, x) => s.add(x.mul(x)), Rational.ZERO);

/** Voronoi rivals: |x − s_i|² ≤ |x − s_k|² ⇔ 2(s_k − s_i)·x − (|s_k|² − |s_i|²) ≤ 0. */
export function voronoiRival(model: VoronoiModel): Rival {
  const s = model.sites;
  const norms = s.map(sq);
  const two = Rational.of(2);
  return (i, k) =>
    affineFromRationals(
      sub(s[k]!, s[i]!).map((x) => x.mul(two)),
      norms[i]!.sub(norms[k]!),
    );
}

/** Linear classifier rivals: (w_k − w_i)·x + (c_k − c_i) ≤ 0. */
export function linearRival(model: LinearClassifierModel): Rival {
  const W = model.weights;
  const c = model.bias;
  return (i, k) => affineFromRationals(sub(W[k]!, W[i]!), c[k]!.sub(c[i]!));
}

/** Cells of region i for every index (unsorted), labelled and predicting their index. */
export function argminCells(
  n: number,
  rival: Rival,
  domainCell: VCell,
  predicates: Predicates,
  stats?: FilterStats,
  onProgress?: ProgressCallback,
): PartitionCell[] {
  return regions(n, rival, domainCell, predicates, stats, onProgress).map((r) =>
    cellFromVCell(String(r.index), r.cell, predicates, { prediction: r.index }),
  );
}

/** Exact rows of region `label` = i: one rival row per k ≠ i tagged k; constant rivals give none. */
export function argminRows(n: number, rival: Rival, label: string): TaggedRows {
  const i = Number(label);
  const { out, push } = rowSink();
  for (let k = 0; k < n; k++) if (k !== i) push(signedRow(rival(i, k), false), k);
  return out;
}
