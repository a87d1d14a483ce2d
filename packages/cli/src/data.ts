/**
 * Data points for `--data`, read with the readers of @mlgeo/model-readers (SPEC §1: CSV decimals
 * are the decimals they name, JSON numbers the doubles they are): CSV with an optional header, where
 * a column named `label`, `class`, `target` or `species` (or the `--label-column`) holds labels
 * (used to colour the points; texts become class indices by `--class-names` or first appearance),
 * an unnamed first column (pandas' row index) is left out, or JSON
 * (`[[x0, x1, …], …]` or `{"points": [[…]], "labels": […]}`).
 */
import type { Rational } from '@mlgeo/exact-arith';
import { readPointsCsv, readPointsJson } from '@mlgeo/model-readers';
import { type MlgeoError, isMlgeoError } from '@mlgeo/exact-arith';
import { InputError, UsageError, attributeToFile, detailOf, libraryCode } from './errors.js';

/** Points read from a file, with optional labels as small integers (for colours). */
export interface DataPoints {
  points: Rational[][];
  labels?: number[];
  /** The coordinate columns' names from the CSV header, when it has one (axis names). */
  featureNames?: string[];
  /** CSV: the 1-based file line of each point (for messages about a point). */
  lines?: number[];
  /** The label column's name (or 1-based number without a header). */
  labelColumn?: string;
  /** Class index → label text, when the labels were not already class indices. */
  classNames?: string[];
  /** How label texts became class indices (for the summary). */
  labelsFrom?: 'integers' | 'class names' | 'first appearance';
  /** The index column that was left out (pandas' unnamed first column). */
  indexColumn?: string;
}

/** How `readPoints` finds labels and names classes (`--label-column`, `--class-names`). */
export interface ReadPointsOptions {
  labelColumn?: string;
  classNames?: readonly string[];
}

const LABEL_COLUMNS = ['label', 'class', 'target', 'species'];

/**
 * Label strings as class indices: with class names, the index of each name (every label must be
 * one); else integer labels as they are; else by order of first appearance.
 */
function labelNumbers(
  labels: readonly string[],
  classNames: readonly string[] | undefined,
  lines: readonly number[] | undefined,
  file: string,
): { labels: number[]; from: NonNullable<DataPoints['labelsFrom']>; names?: string[] } {
  if (classNames !== undefined) {
    const index = new Map(classNames.map((n, i) => [n, i]));
    return {
      labels: labels.map((l, k) => {
        const i =
          index.get(l) ??
          (/^\d+$/.test(l) && Number(l) < classNames.length ? Number(l) : undefined);
        if (i === undefined) {
          throw new InputError('INVALID', `label "${l}" is not one of the class names`, {
            file,
            field: lines ? `line ${lines[k]}` : `labels[${k}]`,
            fix: `use labels among ${classNames.join(', ')} (--class-names), or class indices 0..${classNames.length - 1}`,
          });
        }
        return i;
      }),
      from: 'class names',
      names: [...classNames],
    };
  }
  if (labels.every((l) => /^\d+$/.test(l))) return { labels: labels.map(Number), from: 'integers' };
  const index = new Map<string, number>();
  const numbers = labels.map((l) => {
    if (!index.has(l)) index.set(l, index.size);
    return index.get(l)!;
  });
  return { labels: numbers, from: 'first appearance', names: [...index.keys()] };
}

/** The header name of the column a NOT_A_NUMBER error is about, when the file has a header. */
function textColumnOf(error: unknown, text: string): string | undefined {
  if (!isMlgeoError(error) || error.code !== 'NOT_A_NUMBER') return undefined;
  const m = /column (\d+):/.exec(error.message);
  if (!m) return undefined;
  const first = text.split(/\r\n|\n|\r/).find((l) => l.trim() !== '' && !l.startsWith('#')) ?? '';
  const delimiter = first.includes(',') ? ',' : first.includes(';') ? ';' : '\t';
  const name = first.split(delimiter)[Number(m[1]) - 1]?.trim();
  return name !== undefined && name !== '' && !Number.isFinite(Number(name)) ? name : undefined;
}

/** pandas' `to_csv` writes the row index as an unnamed first column. */
const isIndexColumnName = (name: string): boolean => /^(|unnamed: ?0|index)$/i.test(name);

/** Reads a points file by extension (.json → JSON, anything else CSV) for a d-input model. */
export function readPoints(
  text: string,
  file: string,
  dimension: number,
  options: ReadPointsOptions = {},
): DataPoints {
  try {
    if (file.toLowerCase().endsWith('.json')) {
      const set = readPointsJson(text, { dimension });
      if (!set.labels) return { points: set.points };
      const l = labelNumbers(set.labels, options.classNames, undefined, file);
      return {
        points: set.points,
        labels: l.labels,
        labelsFrom: l.from,
        ...(l.names ? { classNames: l.names } : {}),
      };
    }
    const firstLine =
      text.split(/\r\n|\n|\r/).find((l) => l.trim() !== '' && !l.startsWith('#')) ?? '';
    const delimiter = firstLine.includes(',')
      ? ','
      : firstLine.includes(';')
        ? ';'
        : firstLine.includes('\t')
          ? '\t'
          : ',';
    const columns = firstLine.split(delimiter).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    // a header: some column is not a number; its other columns name the coordinates
    const header = columns.some((c) => c === '' || !Number.isFinite(Number(c)));
    const names = columns.map((c) => c.toLowerCase());
    let labelIndex = -1;
    if (options.labelColumn !== undefined) {
      labelIndex = header ? columns.indexOf(options.labelColumn) : -1;
      if (labelIndex < 0 && /^\d+$/.test(options.labelColumn) && Number(options.labelColumn) >= 1)
        labelIndex = Number(options.labelColumn) - 1;
      if (labelIndex < 0 || labelIndex >= columns.length) {
        throw new UsageError(`--label-column ${options.labelColumn}: no such column`, {
          field: '--label-column',
          fix: header
            ? `use one of ${columns.filter((c) => c !== '').join(', ')}`
            : 'the file has no header: give the column number (1 = first column)',
        });
      }
    } else if (header) labelIndex = names.findIndex((n) => LABEL_COLUMNS.includes(n));
    const skip =
      header &&
      columns.length > dimension + (labelIndex >= 0 ? 1 : 0) &&
      isIndexColumnName(columns[0]!) &&
      labelIndex !== 0
        ? [0]
        : [];
    const set = readPointsCsv(text, {
      dimension,
      delimiter,
      ...(labelIndex >= 0 ? { labelColumn: labelIndex } : {}),
      ...(skip.length > 0 ? { skipColumns: skip } : {}),
    });
    const features = columns.filter((_, i) => i !== labelIndex && !skip.includes(i));
    const out: DataPoints = {
      points: set.points,
      ...(set.lines ? { lines: set.lines } : {}),
      ...(header && features.length === dimension ? { featureNames: features } : {}),
      ...(skip.length > 0 ? { indexColumn: columns[0] === '' ? '(unnamed)' : columns[0]! } : {}),
    };
    if (set.labels) {
      const l = labelNumbers(set.labels, options.classNames, set.lines, file);
      out.labels = l.labels;
      out.labelsFrom = l.from;
      out.labelColumn = header ? columns[labelIndex]! : String(labelIndex + 1);
      if (l.names) out.classNames = l.names;
    }
    return out;
  } catch (error) {
    const textColumn = textColumnOf(error, text);
    if (textColumn !== undefined && options.labelColumn === undefined) {
      // a column of words that no default label name matched: most likely the class labels
      throw new InputError(libraryCode(error as MlgeoError), detailOf(error as MlgeoError), {
        file,
        ...((error as MlgeoError).field !== undefined
          ? { field: (error as MlgeoError).field! }
          : {}),
        fix: `if column "${textColumn}" holds class labels, name it: --label-column ${textColumn}; otherwise write numbers there`,
      });
    }
    if (isMlgeoError(error) && error.code === 'DIMENSION_MISMATCH') {
      // the library's fix names its API option (labelColumn); say the CLI's
      throw new InputError(libraryCode(error), detailOf(error), {
        file,
        ...(error.field !== undefined ? { field: error.field } : {}),
        fix: 'give one coordinate per model input; name the label column with --label-column NAME (columns named label, class, target or species are found by themselves)',
      });
    }
    throw attributeToFile(error, file);
  }
}
