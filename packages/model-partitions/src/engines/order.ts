/**
 * SPEC §2 cell order, one comparison per label shape; each model adapter picks its own
 * (`ModelAdapter.compareLabels`).
 */

/** Bit strings of equal length (arrangements, ReLU MLPs): lexicographic. */
export function compareBitLabels(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Leaf tuples `i.j.k` (forests): lexicographic on the numbers, shorter first on a common prefix. */
export function compareLeafTuples(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++)
    if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  return pa.length - pb.length;
}

/** Single indices (tree leaf, Voronoi site, class): numeric. */
export function compareIndexLabels(a: string, b: string): number {
  return Number(a) - Number(b);
}

/** Sorts items by their labels with `compare` (in place) and returns them. */
export function sortByLabel<T extends { label: string }>(
  items: T[],
  compare: (a: string, b: string) => number,
): T[] {
  return items.sort((x, y) => compare(x.label, y.label));
}
