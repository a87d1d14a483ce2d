/**
 * Data points for data-holding cells (SPEC §2) from CSV or JSON, converted exactly (SPEC §1): a CSV
 * cell is text, so `0.1` is 1/10 unless `numbers: 'float64'` asks for the double a float parser
 * would produce; in JSON a number is the double it is and a string is parsed exactly.
 */
import { Rational } from '@mlgeo/exact-arith';
import { DataFormatError } from './errors.js';

/** Points read from a file. */
export interface PointSet {
  /** One row per point, all of length `dimension`. */
  points: Rational[][];
  dimension: number;
  /** Column names when the CSV had a header (coordinate columns only). */
  columns?: string[];
  /** Values of the label column, when one was requested. */
  labels?: string[];
  /** CSV: the 1-based line of the file each point is on (for messages about a point). */
  lines?: number[];
}

/** Options of {@link readPointsCsv}. */
export interface CsvPointsOptions {
  /** Whether line 1 is a header; `'auto'` (default): a header iff no cell of line 1 is a number. */
  header?: boolean | 'auto';
  /** Cell separator (default: `,`; `;` and tab are detected when the first line has no comma). */
  delimiter?: string;
  /** A column (0-based index, or header name) holding labels, kept out of the coordinates. */
  labelColumn?: number | string;
  /** Columns (0-based) that are neither coordinates nor labels, e.g. pandas' row index. */
  skipColumns?: readonly number[];
  /** `'exact'` (default): decimal text exactly; `'float64'`: the double nearest to the text. */
  numbers?: 'exact' | 'float64';
  /** Expected dimension (the model's input dimension); rows of another width are an error. */
  dimension?: number;
}

const NON_FINITE_TEXT = /^[+-]?(nan|inf|infinity)$/i;
const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parsed cells by their text, per file and number mode: data files repeat few distinct values
 * (Fashion-MNIST's 7.8 M pixels take 256 values), and a Rational is immutable, so a point may share
 * it. Bounded: after {@link CELL_CACHE_LIMIT} distinct texts new ones are parsed without caching.
 */
type CellCache = Map<string, Rational | 'non-finite' | undefined>;
const CELL_CACHE_LIMIT = 1 << 16;

function parseCellCached(
  text: string,
  numbers: 'exact' | 'float64',
  cache: CellCache,
): Rational | 'non-finite' | undefined {
  const hit = cache.get(text);
  if (hit !== undefined || cache.has(text)) return hit;
  const value = parseCell(text, numbers);
  if (cache.size < CELL_CACHE_LIMIT) cache.set(text, value);
  return value;
}

function parseCell(
  text: string,
  numbers: 'exact' | 'float64',
): Rational | 'non-finite' | undefined {
  const t = text.trim();
  if (NON_FINITE_TEXT.test(t)) return 'non-finite';
  // float64 mode: the double a float parser gives (decimals only; "p/q" text stays exact)
  if (numbers === 'float64' && DECIMAL_TEXT.test(t)) {
    const x = Number(t);
    return Number.isFinite(x) ? Rational.fromDouble(x) : 'non-finite'; // e.g. 1e400 overflows
  }
  try {
    return Rational.parse(t);
  } catch {
    return undefined;
  }
}

function splitLine(line: string, delimiter: string): string[] {
  if (!line.includes('"')) return line.split(delimiter);
  // minimal RFC 4180 quoting: "a,b" and "" inside quotes
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (line.startsWith(delimiter, i)) {
      cells.push(cell);
      cell = '';
      i += delimiter.length - 1;
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

/**
 * Reads points from CSV text: one point per non-empty line, coordinates exact. Errors name the
 * line and column (1-based in the message; `row`/`column` on the error are 0-based data indices).
 */
export function readPointsCsv(text: string, options: CsvPointsOptions = {}): PointSet {
  const numbers = options.numbers ?? 'exact';
  const lines = text.split(/\r\n|\n|\r/);
  const nonEmpty: { cells: string[]; line: number }[] = [];
  const firstContent = lines.find((l) => l.trim() !== '' && !l.startsWith('#')) ?? '';
  const delimiter =
    options.delimiter ??
    (firstContent.includes(',')
      ? ','
      : firstContent.includes(';')
        ? ';'
        : firstContent.includes('\t')
          ? '\t'
          : ',');
  lines.forEach((l, i) => {
    if (l.trim() === '' || l.startsWith('#')) return;
    nonEmpty.push({ cells: splitLine(l, delimiter), line: i + 1 });
  });
  let columns: string[] | undefined;
  const first = nonEmpty[0];
  const header =
    options.header === 'auto' || options.header === undefined
      ? first !== undefined && first.cells.every((c) => parseCell(c, 'exact') === undefined)
      : options.header;
  if (header && first) {
    columns = first.cells.map((c) => c.trim());
    nonEmpty.shift();
  }
  let labelIndex: number | undefined;
  if (options.labelColumn !== undefined) {
    labelIndex =
      typeof options.labelColumn === 'number'
        ? options.labelColumn
        : columns?.indexOf(options.labelColumn);
    if (labelIndex === undefined || labelIndex < 0) {
      throw new DataFormatError(
        'INVALID',
        `label column ${JSON.stringify(options.labelColumn)} not found`,
        {
          field: 'labelColumn',
          fix: columns
            ? `use one of ${columns.join(', ')}`
            : 'give a 0-based column index, or a name with a header line',
        },
      );
    }
  }
  if (nonEmpty.length === 0) {
    throw new DataFormatError('EMPTY', 'the file has no data rows', {
      fix: 'give one point per line',
    });
  }
  const width = columns?.length ?? nonEmpty[0]!.cells.length;
  const skip = new Set(options.skipColumns ?? []);
  const points: Rational[][] = [];
  const cache: CellCache = new Map();
  const labels: string[] = [];
  const pointLines: number[] = [];
  nonEmpty.forEach(({ cells, line }, row) => {
    pointLines.push(line);
    if (cells.length !== width) {
      throw new DataFormatError(
        'RAGGED',
        `line ${line} has ${cells.length} columns, expected ${width}`,
        {
          field: `points[${row}]`,
          row,
          line,
          fix: `give every line ${width} comma-separated values`,
        },
      );
    }
    const point: Rational[] = [];
    cells.forEach((cell, c) => {
      if (c === labelIndex) {
        labels.push(cell.trim());
        return;
      }
      if (skip.has(c)) return;
      const value = parseCellCached(cell, numbers, cache);
      const column = point.length;
      if (value === undefined || value === 'non-finite') {
        throw new DataFormatError(
          value === undefined ? 'NOT_A_NUMBER' : 'NON_FINITE',
          `line ${line}, column ${c + 1}: ${JSON.stringify(cell.trim())} is not a finite number`,
          {
            field: `points[${row}][${column}]`,
            row,
            column,
            line,
            fix: 'write integers, decimals ("0.25", "1e-3") or fractions ("1/3"); NaN/Infinity are not allowed',
          },
        );
      }
      point.push(value);
    });
    points.push(point);
  });
  const result: PointSet = { points, dimension: points[0]!.length, lines: pointLines };
  if (columns) result.columns = columns.filter((_, i) => i !== labelIndex && !skip.has(i));
  if (labelIndex !== undefined) result.labels = labels;
  if (options.dimension !== undefined) checkPointsDimension(result.points, options.dimension);
  return result;
}

/**
 * Reads points from JSON: an array of arrays, or `{"points": [[…], …], "labels"?: [...]}`. Numbers
 * are the doubles they are; strings (`"1/3"`, `"0.1"`) are exact.
 */
export function readPointsJson(
  input: string | unknown,
  options: { dimension?: number } = {},
): PointSet {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input) as unknown;
    } catch (error) {
      throw new DataFormatError('INVALID', `not valid JSON (${(error as Error).message})`, {
        fix: 'write [[x1, x2, …], …] or {"points": [[…], …]}',
      });
    }
  }
  const wrapped = typeof value === 'object' && value !== null && !Array.isArray(value);
  const rows = wrapped ? (value as { points?: unknown }).points : value;
  const prefix = wrapped ? 'points' : '';
  if (!Array.isArray(rows)) {
    throw new DataFormatError('INVALID', 'expected an array of points', {
      field: wrapped ? 'points' : '(root)',
      fix: 'write [[x1, x2, …], …] or {"points": [[…], …]}',
    });
  }
  if (rows.length === 0)
    throw new DataFormatError('EMPTY', 'there are no points', {
      field: prefix || '(root)',
      fix: 'give at least one point',
    });
  let width: number | undefined;
  const points = rows.map((r, row) => {
    const field = `${prefix}[${row}]`;
    if (!Array.isArray(r)) {
      throw new DataFormatError('INVALID', `point ${row} is not an array`, {
        field,
        row,
        fix: 'write each point as [x1, x2, …]',
      });
    }
    width ??= r.length;
    if (r.length !== width) {
      throw new DataFormatError(
        'RAGGED',
        `point ${row} has ${r.length} coordinates, expected ${width}`,
        {
          field,
          row,
          fix: `give every point ${width} coordinates`,
        },
      );
    }
    return r.map((x: unknown, column) => {
      const f = `${field}[${column}]`;
      if (typeof x === 'number') {
        if (!Number.isFinite(x))
          throw new DataFormatError('NON_FINITE', `${x} is not finite`, {
            field: f,
            row,
            column,
            fix: 'remove or fix the point',
          });
        return Rational.fromDouble(x);
      }
      const parsed = typeof x === 'string' ? parseCell(x, 'exact') : undefined;
      if (parsed === undefined || parsed === 'non-finite') {
        throw new DataFormatError(
          parsed === 'non-finite' ? 'NON_FINITE' : 'NOT_A_NUMBER',
          `${JSON.stringify(x)} is not a finite number`,
          {
            field: f,
            row,
            column,
            fix: 'write JSON numbers or exact strings such as "1/3"',
          },
        );
      }
      return parsed;
    });
  });
  const labels = wrapped ? (value as { labels?: unknown }).labels : undefined;
  const result: PointSet = { points, dimension: width! };
  if (Array.isArray(labels)) {
    if (labels.length !== points.length) {
      throw new DataFormatError('RAGGED', `${labels.length} labels for ${points.length} points`, {
        field: 'labels',
        fix: 'give one label per point',
      });
    }
    result.labels = labels.map(String);
  }
  if (options.dimension !== undefined) checkPointsDimension(points, options.dimension);
  return result;
}

/** Throws DIMENSION_MISMATCH naming the first point whose length is not `dimension`. */
export function checkPointsDimension(
  points: readonly (readonly unknown[])[],
  dimension: number,
): void {
  const row = points.findIndex((p) => p.length !== dimension);
  if (row >= 0) {
    throw new DataFormatError(
      'DIMENSION_MISMATCH',
      `point ${row} has ${points[row]!.length} coordinates but the model has ${dimension} inputs`,
      {
        field: `points[${row}]`,
        row,
        fix: `give ${dimension} coordinates per point (drop label columns with labelColumn)`,
      },
    );
  }
}
