/**
 * Data points for `--data`, read with the readers of @mlgeo/model-readers (SPEC §1: CSV decimals
 * are the decimals they name, JSON numbers the doubles they are): CSV with an optional header, where
 * a column named `label`, `class` or `target` holds labels (used to colour the points), or JSON
 * (`[[x0, x1, …], …]` or `{"points": [[…]], "labels": […]}`).
 */
import type { Rational } from '@mlgeo/exact-arith';
import { readPointsCsv, readPointsJson } from '@mlgeo/model-readers';
import { attributeToFile } from './errors.js';

/** Points read from a file, with optional labels as small integers (for colours). */
export interface DataPoints {
  points: Rational[][];
  labels?: number[];
  /** The coordinate columns' names from the CSV header, when it has one (axis names). */
  featureNames?: string[];
}

const LABEL_COLUMNS = ['label', 'class', 'target'];

/** Label strings as integers: integer labels as they are, others by order of first appearance. */
function labelNumbers(labels: readonly string[]): number[] {
  if (labels.every((l) => /^\d+$/.test(l))) return labels.map(Number);
  const index = new Map<string, number>();
  return labels.map((l) => {
    if (!index.has(l)) index.set(l, index.size);
    return index.get(l)!;
  });
}

/** Reads a points file by extension (.json → JSON, anything else CSV) for a d-input model. */
export function readPoints(text: string, file: string, dimension: number): DataPoints {
  try {
    if (file.toLowerCase().endsWith('.json')) {
      const set = readPointsJson(text, { dimension });
      return set.labels
        ? { points: set.points, labels: labelNumbers(set.labels) }
        : { points: set.points };
    }
    const firstLine =
      text.split(/\r\n|\n|\r/).find((l) => l.trim() !== '' && !l.startsWith('#')) ?? '';
    const columns = firstLine.split(/[,;\t]/).map((c) => c.trim());
    const names = columns.map((c) => c.toLowerCase());
    const labelIndex = names.findIndex((n) => LABEL_COLUMNS.includes(n));
    const set = readPointsCsv(text, {
      dimension,
      ...(labelIndex >= 0 ? { labelColumn: labelIndex } : {}),
    });
    // a header: some column is not a number; its other columns name the coordinates
    const features = columns.filter((_, i) => i !== labelIndex);
    const header = columns.some((c) => c === '' || !Number.isFinite(Number(c)));
    return {
      points: set.points,
      ...(set.labels ? { labels: labelNumbers(set.labels) } : {}),
      ...(header && features.length === dimension ? { featureNames: features } : {}),
    };
  } catch (error) {
    throw attributeToFile(error, file);
  }
}
