/**
 * Float views of a report's exact 2-D geometry for drawing: exact strings ("p/q") to numbers,
 * vertices of a convex polygon in counter-clockwise order, the plot box, the label prefix of the
 * first l hidden layers (the layer slider), and point-in-cell tests from the H-representation.
 */
import type { CellJson, HRepJson, ReportJson } from '@mlgeo/cli';

/** "p/q", "p" or a decimal as the nearest double (for drawing only). */
export function exactToNumber(text: string): number {
  const slash = text.indexOf('/');
  if (slash < 0) return Number(text);
  return Number(text.slice(0, slash)) / Number(text.slice(slash + 1));
}

/** The vertices of a convex polygon, sorted counter-clockwise around their mean. */
export function convexOrder(vertices: readonly (readonly string[])[]): [number, number][] {
  const pts = vertices.map((v) => [exactToNumber(v[0]!), exactToNumber(v[1]!)] as [number, number]);
  const cx = pts.reduce((s, p) => s + p[0], 0) / Math.max(1, pts.length);
  const cy = pts.reduce((s, p) => s + p[1], 0) / Math.max(1, pts.length);
  return pts.sort((a, b) => Math.atan2(a[1] - cy, a[0] - cx) - Math.atan2(b[1] - cy, b[0] - cx));
}

/** The bounding box of the domain's cells: [[xmin, xmax], [ymin, ymax]]. */
export function plotBox(report: ReportJson): [[number, number], [number, number]] {
  let box: [[number, number], [number, number]] = [
    [Infinity, -Infinity],
    [Infinity, -Infinity],
  ];
  for (const cell of report.partition.cells) {
    for (const v of cell.vertices ?? []) {
      for (const k of [0, 1] as const) {
        const x = exactToNumber(v[k]!);
        box[k] = [Math.min(box[k][0], x), Math.max(box[k][1], x)];
      }
    }
  }
  if (!Number.isFinite(box[0][0]))
    box = [
      [0, 1],
      [0, 1],
    ];
  return box;
}

/** Number of hidden-unit bits of the first `layers` hidden layers of an MLP architecture. */
export function prefixBits(architecture: readonly number[] | undefined, layers: number): number {
  if (!architecture) return Infinity;
  let bits = 0;
  for (let l = 1; l <= layers && l < architecture.length - 1; l++) bits += architecture[l]!;
  return bits;
}

/** Whether x satisfies A x ≤ b up to a float tolerance. */
export function inHrep(hrep: HRepJson, x: readonly number[], tolerance = 1e-9): boolean {
  return hrep.A.every(
    (row, i) =>
      row.reduce((s, a, k) => s + exactToNumber(a) * x[k]!, 0) <=
      exactToNumber(hrep.b[i]!) + tolerance,
  );
}

/** The index of the first cell whose closure holds x (float test), or −1. */
export function cellAt(cells: readonly CellJson[], x: readonly number[]): number {
  return cells.findIndex((c) => inHrep(c.hrep, x));
}
