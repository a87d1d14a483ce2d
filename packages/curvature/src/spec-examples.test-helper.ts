/**
 * The partitions of SPEC §9 examples A–C on X = [0,1]² with their point counts, built directly
 * from H-representations (labels and index order per SPEC §2).
 */
import { Polytope } from '@mlgeo/exact-polytope';
import {
  buildComplex,
  type PartitionLike,
  type RiemannianComplex,
} from '@mlgeo/riemannian-complex';

type Row = [number[], string | number];
const square: Row[] = [
  [[-1, 0], 0],
  [[1, 0], 1],
  [[0, -1], 0],
  [[0, 1], 1],
];
const cell = (rows: Row[]) =>
  Polytope.fromHRep(
    [...square, ...rows].map((r) => r[0]),
    [...square, ...rows].map((r) => r[1]),
  );
const domain = () => cell([]);

function partition(cells: [string, Row[], number][]): PartitionLike {
  return {
    domain: domain(),
    complete: true,
    cells: cells.map(([label, rows, dataCount]) => ({ label, polytope: cell(rows), dataCount })),
  };
}

/** A: h_1 = x − 1/2, h_2 = y − 1/2; 25 points per cell. */
export const exampleA = (): PartitionLike =>
  partition([
    [
      '00',
      [
        [[1, 0], '1/2'],
        [[0, 1], '1/2'],
      ],
      25,
    ],
    [
      '01',
      [
        [[1, 0], '1/2'],
        [[0, -1], '-1/2'],
      ],
      25,
    ],
    [
      '10',
      [
        [[-1, 0], '-1/2'],
        [[0, 1], '1/2'],
      ],
      25,
    ],
    [
      '11',
      [
        [[-1, 0], '-1/2'],
        [[0, -1], '-1/2'],
      ],
      25,
    ],
  ]);

/** B: h_1 = x − 1/2, h_2 = x + y − 1; points 40, 10, 15, 35. */
export const exampleB = (): PartitionLike =>
  partition([
    [
      '00',
      [
        [[1, 0], '1/2'],
        [[1, 1], 1],
      ],
      40,
    ],
    [
      '01',
      [
        [[1, 0], '1/2'],
        [[-1, -1], -1],
      ],
      10,
    ],
    [
      '10',
      [
        [[-1, 0], '-1/2'],
        [[1, 1], 1],
      ],
      15,
    ],
    [
      '11',
      [
        [[-1, 0], '-1/2'],
        [[-1, -1], -1],
      ],
      35,
    ],
  ]);

/** C: the decision tree x_0 ≤ 1/2 → 1 | (x_1 ≤ 1/2 → 3 | 4); points 50, 25, 25. */
export const exampleC = (): PartitionLike =>
  partition([
    ['1', [[[1, 0], '1/2']], 50],
    [
      '3',
      [
        [[-1, 0], '-1/2'],
        [[0, 1], '1/2'],
      ],
      25,
    ],
    [
      '4',
      [
        [[-1, 0], '-1/2'],
        [[0, -1], '-1/2'],
      ],
      25,
    ],
  ]);

export const complexOf = (p: PartitionLike): RiemannianComplex => buildComplex(p);
