/**
 * V-representation files (`.ext`): conv(points) + cone(rays) + span(lines).
 *
 * A row `1 x1 … xd` is a point (more generally `t x` with t > 0 is the point x/t), `0 r1 … rd` a
 * ray; rows named by `linearity` are lines (and must start with 0). A file with rays or lines but no
 * point is the cone with apex at the origin, as cdd and lrs read it.
 */
import { Rational, type RationalLike } from '@mlgeo/exact-arith';
import { readCddText, toRationalRows, writeCddText, type CddNumberType } from './cdd-text.js';
import { CddFormatError, CddWriteError } from './errors.js';

/** A V-representation read from an `.ext` file. */
export interface ExtData {
  /** Ambient dimension d (the file's column count minus one). */
  dimension: number;
  /** Points; the origin when the file has rays/lines but no point (cdd/lrs reading). */
  points: Rational[][];
  rays: Rational[][];
  lines: Rational[][];
  /** The file's optional name line. */
  name?: string;
  /** Number type declared on the size line. */
  numberType: CddNumberType;
}

/** What `formatExt` writes. */
export interface ExtInput {
  points: readonly (readonly RationalLike[])[];
  rays?: readonly (readonly RationalLike[])[];
  lines?: readonly (readonly RationalLike[])[];
  /** Needed only when there are no generators at all. */
  dimension?: number;
  name?: string;
}

/** Parses a cdd/lrs V-representation; malformed text throws CddFormatError with a line number. */
export function parseExt(text: string): ExtData {
  const doc = readCddText(text);
  if (doc.representation === 'H') {
    throw new CddFormatError(
      'wrong-representation',
      1,
      'this file is an H-representation (inequalities), not a V-representation',
      'read it with parseIne / Polytope.fromIne',
    );
  }
  const lineRows = new Set(doc.linearity);
  const points: Rational[][] = [];
  const rays: Rational[][] = [];
  const lines: Rational[][] = [];
  doc.rows.forEach((row, k) => {
    const t = row[0]!;
    const x = row.slice(1);
    const bad = (message: string, fix: string): never => {
      throw new CddFormatError('bad-generator', doc.rowLines[k]!, message, fix);
    };
    if (lineRows.has(k)) {
      if (!t.isZero()) {
        bad(
          `row ${k + 1} is listed under linearity (a line) but starts with ${t}`,
          'a line row starts with 0',
        );
      }
      lines.push(x);
    } else if (t.isZero()) rays.push(x);
    else if (t.sign() > 0) points.push(t.equals(Rational.ONE) ? x : x.map((v) => v.div(t)));
    else bad(`row ${k + 1} starts with ${t} < 0`, 'start a point with 1 and a ray with 0');
  });
  // cdd and lrs read generators without any point as the cone with apex at the origin.
  if (points.length === 0 && rays.length + lines.length > 0) {
    points.push(Array.from({ length: doc.columns - 1 }, () => Rational.ZERO));
  }
  const data: ExtData = {
    dimension: doc.columns - 1,
    points,
    rays,
    lines,
    numberType: doc.numberType,
  };
  if (doc.name !== undefined) data.name = doc.name;
  return data;
}

/** Writes conv(points) + cone(rays) + span(lines) as a cdd/lrs `.ext` file (points, rays, lines). */
export function formatExt(input: ExtInput): string {
  const rays = input.rays ?? [];
  const lines = input.lines ?? [];
  const d = input.dimension ?? input.points[0]?.length ?? rays[0]?.length ?? lines[0]?.length;
  if (d === undefined || !Number.isInteger(d) || d < 1) {
    throw new CddWriteError(
      'dimension',
      'the dimension is unknown or not a positive integer',
      'pass `dimension` when there are no points, rays or lines',
    );
  }
  if (input.points.length === 0 && rays.length + lines.length > 0) {
    throw new CddWriteError(
      'points',
      'rays or lines without any point: cdd and lrs would read the cone at the origin',
      'add the apex (for a cone, the origin) to `points`',
    );
  }
  const rows = [
    ...toRationalRows(input.points, d, 'points').map((x) => [Rational.ONE, ...x]),
    ...toRationalRows(rays, d, 'rays').map((x) => [Rational.ZERO, ...x]),
    ...toRationalRows(lines, d, 'lines').map((x) => [Rational.ZERO, ...x]),
  ];
  const firstLine = input.points.length + rays.length;
  return writeCddText({
    representation: 'V',
    ...(input.name !== undefined ? { name: input.name } : {}),
    columns: d + 1,
    rows,
    linearity: lines.map((_, k) => firstLine + k),
  });
}
