/**
 * Input normalisation for V-representations conv(points) + cone(rays) + span(lines) (SPEC §3).
 *
 * Generators become homogeneous primitive integer rows: a point v is (1, v) scaled to coprime
 * integers (a positive multiple), a ray r is (0, r), a line l is (0, l). Duplicates are merged;
 * interior points are harmless (the dual double description ignores them).
 */
import { Rational, ShapeError, toPrimitiveIntegers, type RationalLike } from '@mlgeo/exact-arith';
import { inputNumber } from './input-number.js';

/** A normalised V-representation in homogeneous integer form (cdd's `1 x…` / `0 r…` rows). */
export interface IntegerVRep {
  d: number;
  /** Points (first entry > 0) and rays (first entry 0), primitive, pairwise distinct. */
  generators: bigint[][];
  /** Lines (first entry 0), primitive, sign-normalised. */
  lines: bigint[][];
  /** Number of generators that are points. */
  pointCount: number;
}

function convertList(
  list: unknown,
  name: string,
  d: number | undefined,
): { vectors: Rational[][]; d: number | undefined } {
  if (list === undefined) return { vectors: [], d };
  if (!Array.isArray(list))
    throw new ShapeError(`${name} must be an array of vectors`, name, 'pass number[][]');
  let dim = d;
  const vectors = list.map((v: unknown, i: number) => {
    if (!Array.isArray(v)) throw new ShapeError(`${name}[${i}] must be an array`, `${name}[${i}]`);
    if (dim === undefined) dim = v.length;
    else if (v.length !== dim)
      throw new ShapeError(
        `${name}[${i}] has ${v.length} entries, expected ${dim}`,
        `${name}[${i}]`,
        'give every vector the same length (the ambient dimension)',
      );
    return v.map((x: unknown, j: number) => {
      return inputNumber(x, `${name}[${i}][${j}]`);
    });
  });
  return { vectors, d: dim };
}

/** Validates and normalises a V-representation; `dimension` is needed only when all lists are empty. */
export function normalizeVRep(
  points: readonly (readonly RationalLike[])[],
  rays: readonly (readonly RationalLike[])[] | undefined,
  lines: readonly (readonly RationalLike[])[] | undefined,
  dimension?: number,
): IntegerVRep {
  const p = convertList(points, 'points', dimension);
  const r = convertList(rays, 'rays', p.d);
  const l = convertList(lines, 'lines', r.d);
  const d = l.d;
  if (d === undefined)
    throw new ShapeError(
      'cannot tell the ambient dimension from empty point, ray and line lists',
      'points',
      'give at least one point, or pass the dimension explicitly',
    );
  const generators: bigint[][] = [];
  const seen = new Set<string>();
  const add = (row: bigint[]): void => {
    const key = row.join(',');
    if (seen.has(key)) return;
    seen.add(key);
    generators.push(row);
  };
  for (const v of p.vectors) add(toPrimitiveIntegers([Rational.ONE, ...v]));
  const pointCount = generators.length;
  for (const v of r.vectors) {
    if (v.every((x) => x.isZero())) continue; // the zero ray adds nothing
    add(toPrimitiveIntegers([Rational.ZERO, ...v]));
  }
  const lineRows: bigint[][] = [];
  const seenLines = new Set<string>();
  for (const v of l.vectors) {
    if (v.every((x) => x.isZero())) continue;
    let row = toPrimitiveIntegers([Rational.ZERO, ...v]);
    const first = row.find((x) => x !== 0n)!;
    if (first < 0n) row = row.map((x) => -x);
    const key = row.join(',');
    if (seenLines.has(key)) continue;
    seenLines.add(key);
    lineRows.push(row);
  }
  return { d, generators, lines: lineRows, pointCount };
}
