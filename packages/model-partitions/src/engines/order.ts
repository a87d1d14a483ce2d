/** SPEC §2 cell order: labels compared per model kind. */
import type { ModelKind } from '../models.js';

/** Compares two labels of the same model kind in SPEC §2 cell order. */
export function compareLabels(kind: ModelKind, a: string, b: string): number {
  switch (kind) {
    case 'arrangement':
    case 'mlp':
      // bit strings of equal length: lexicographic
      return a < b ? -1 : a > b ? 1 : 0;
    case 'forest': {
      const pa = a.split('.').map(Number);
      const pb = b.split('.').map(Number);
      for (let i = 0; i < Math.min(pa.length, pb.length); i++)
        if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
      return pa.length - pb.length;
    }
    default:
      return Number(a) - Number(b);
  }
}

/** Sorts items by their labels in SPEC §2 order (in place) and returns them. */
export function sortByLabel<T extends { label: string }>(kind: ModelKind, items: T[]): T[] {
  return items.sort((x, y) => compareLabels(kind, x.label, y.label));
}
