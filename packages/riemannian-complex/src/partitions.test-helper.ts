/**
 * Test-only partitions built by hand with Polytope.fromHRep (SPEC §9 and random arrangements).
 * Not exported from the package (the `*.test-helper.ts` name keeps it out of the published files).
 */
import { Rational, type RationalLike, seededRandom } from '@mlgeo/exact-arith';
import { Polytope, boxHRep } from '@mlgeo/exact-polytope';
import type { PartitionLike } from './types.js';

/** A constraint a·x ≤ b. */
export type Row = [RationalLike[], RationalLike];

/** The box ∏ [lo_k, hi_k] as rows (exact-polytope's boxHRep). */
export function boxRows(lo: RationalLike[], hi: RationalLike[]): Row[] {
  const { A, b } = boxHRep(lo, hi, 'per-coordinate');
  return A.map((a, i) => [a, b[i]!]);
}

export function polytope(rows: Row[]): Polytope {
  return Polytope.fromHRep(
    rows.map((r) => r[0]),
    rows.map((r) => r[1]),
  );
}

export const unitSquareRows = (): Row[] => boxRows([0, 0], [1, 1]);

/** A partition of the domain `domainRows` whose cells are domain ∩ extra rows. */
export function partitionOf(
  domainRows: Row[],
  cells: { label: string; rows: Row[]; dataCount?: number }[],
  complete = true,
): PartitionLike {
  return {
    domain: polytope(domainRows),
    cells: cells.map((c) => ({
      label: c.label,
      polytope: polytope([...domainRows, ...c.rows]),
      ...(c.dataCount !== undefined ? { dataCount: c.dataCount } : {}),
    })),
    complete,
  };
}

/**
 * Full partition of a domain by an arrangement h_j(x) = w_j·x + c_j, split hyperplane by
 * hyperplane (a cell is split only when h_j takes both signs on its vertices); labels per SPEC §2
 * (bit j = 1 iff h_j > 0), cells sorted by label.
 */
export function arrangementPartition(
  domainRows: Row[],
  hyperplanes: { w: RationalLike[]; c: RationalLike }[],
): PartitionLike {
  type Cell = { label: string; rows: Row[]; P: Polytope };
  let cells: Cell[] = [{ label: '', rows: [], P: polytope(domainRows) }];
  for (const h of hyperplanes) {
    const w = h.w.map((x) => Rational.from(x));
    const c = Rational.from(h.c);
    const next: Cell[] = [];
    for (const cell of cells) {
      let pos = false;
      let neg = false;
      for (const v of cell.P.vertices()) {
        const s = w.reduce((acc, wk, k) => acc.add(wk.mul(v[k]!)), c).sign();
        if (s > 0) pos = true;
        if (s < 0) neg = true;
      }
      const above: Row = [w.map((x) => x.neg()), c]; // h ≥ 0  ⇔  −w·x ≤ c
      const below: Row = [w, c.neg()]; // h ≤ 0
      if (pos && neg) {
        for (const [bit, row] of [
          ['0', below],
          ['1', above],
        ] as const) {
          const rows = [...cell.rows, row];
          next.push({ label: cell.label + bit, rows, P: polytope([...domainRows, ...rows]) });
        }
      } else next.push({ ...cell, label: cell.label + (pos ? '1' : '0') });
    }
    cells = next;
  }
  cells.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return {
    domain: polytope(domainRows),
    cells: cells.map((c) => ({ label: c.label, polytope: c.P })),
    complete: true,
  };
}

/** SPEC §9 example A: the lines x = 1/2 and y = 1/2 cut the unit square into four squares. */
export const specExampleA = () =>
  arrangementPartition(unitSquareRows(), [
    { w: [1, 0], c: '-1/2' },
    { w: [0, 1], c: '-1/2' },
  ]);

/** SPEC §9 example B: the lines x = 1/2 and x + y = 1 in the unit square. */
export const specExampleB = () =>
  arrangementPartition(unitSquareRows(), [
    { w: [1, 0], c: '-1/2' },
    { w: [1, 1], c: -1 },
  ]);

/** m random lines with small integer coefficients through [−1,1]² (each passes near the centre). */
export function randomLines(m: number, seed: number): { w: number[]; c: number }[] {
  const r = seededRandom(seed);
  const out: { w: number[]; c: number }[] = [];
  while (out.length < m) {
    const w = [Math.round(r() * 40 - 20), Math.round(r() * 40 - 20)];
    if (w[0] === 0 && w[1] === 0) continue;
    // offset: the line passes through a random point of [−0.9, 0.9]² rounded to 1/16
    const px = Math.round((r() * 1.8 - 0.9) * 16) / 16;
    const py = Math.round((r() * 1.8 - 0.9) * 16) / 16;
    out.push({ w, c: -(w[0]! * px + w[1]! * py) });
  }
  return out;
}

/**
 * Four slabs of the unit cube crossing on z = 1/2 (x = 1/2 below, y = 1/2 above): a partition that
 * is not face-to-face (shared faces 1/2 and 1/4, ridge lines crossing).
 */
export const slabPartition = () =>
  partitionOf(boxRows([0, 0, 0], [1, 1, 1]), [
    {
      label: '0',
      rows: [
        [[0, 0, 1], '1/2'],
        [[1, 0, 0], '1/2'],
      ],
    },
    {
      label: '1',
      rows: [
        [[0, 0, 1], '1/2'],
        [[-1, 0, 0], '-1/2'],
      ],
    },
    {
      label: '2',
      rows: [
        [[0, 0, -1], '-1/2'],
        [[0, 1, 0], '1/2'],
      ],
    },
    {
      label: '3',
      rows: [
        [[0, 0, -1], '-1/2'],
        [[0, -1, 0], '-1/2'],
      ],
    },
  ]);
