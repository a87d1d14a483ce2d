/**
 * Boundary matrices with the orientation of SPEC §4: B_k[τ, σ] = (−1)^m when τ is σ with its m-th
 * vertex (0-based, vertices in increasing cell index) removed.
 */
import { InconsistentPartitionError } from './errors.js';
import { simplexKey } from './simplices.js';
import type { SparseMatrix } from './types.js';

export function boundaryMatrix(
  lower: readonly number[][],
  upper: readonly number[][],
  lowerIndex: ReadonlyMap<string, number>,
): SparseMatrix {
  const entries: SparseMatrix['entries'] = [];
  upper.forEach((sigma, col) => {
    const column: SparseMatrix['entries'] = [];
    for (let m = 0; m < sigma.length; m++) {
      const tau = sigma.filter((_, idx) => idx !== m);
      const row = lowerIndex.get(simplexKey(tau));
      if (row === undefined)
        throw new InconsistentPartitionError(
          `face (${tau.join(', ')}) of simplex (${sigma.join(', ')}) is missing`,
          'simplices',
          'report this as a bug: the complex must be closed under faces',
        );
      column.push({ row, col, value: m % 2 === 0 ? 1 : -1 });
    }
    column.sort((a, b) => a.row - b.row);
    entries.push(...column);
  });
  return { rows: lower.length, cols: upper.length, entries };
}

export function toDense(m: SparseMatrix): number[][] {
  const out = Array.from({ length: m.rows }, () => new Array<number>(m.cols).fill(0));
  for (const e of m.entries) out[e.row]![e.col] = e.value;
  return out;
}

/** Sparse product A·B (integer entries); used for the B_k B_{k+1} = 0 check. */
export function sparseProduct(a: SparseMatrix, b: SparseMatrix): SparseMatrix {
  const byRowOfB = new Map<number, { col: number; value: number }[]>();
  for (const e of b.entries) {
    let l = byRowOfB.get(e.row);
    if (!l) byRowOfB.set(e.row, (l = []));
    l.push({ col: e.col, value: e.value });
  }
  const acc = new Map<string, { row: number; col: number; value: number }>();
  for (const e of a.entries)
    for (const f of byRowOfB.get(e.col) ?? []) {
      const key = `${e.row},${f.col}`;
      const cur = acc.get(key);
      if (cur) cur.value += e.value * f.value;
      else acc.set(key, { row: e.row, col: f.col, value: e.value * f.value });
    }
  const entries = [...acc.values()].filter((x) => x.value !== 0);
  entries.sort((x, y) => x.col - y.col || x.row - y.row);
  return { rows: a.rows, cols: b.cols, entries };
}
