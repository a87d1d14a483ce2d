/**
 * The live histograms beside the training view: every interior angle and every area of the float64
 * activation polygons of the current net (@mlgeo/diff-forms `planeCells`), binned.
 */

/** Interior angles (radians) of a convex polygon given counter-clockwise. */
export function interiorAngles(vertices: readonly (readonly [number, number])[]): number[] {
  const n = vertices.length;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const [px, py] = vertices[(i + n - 1) % n]!;
    const [x, y] = vertices[i]!;
    const [qx, qy] = vertices[(i + 1) % n]!;
    const ax = px - x;
    const ay = py - y;
    const bx = qx - x;
    const by = qy - y;
    // the angle between the two edges at the vertex, in [0, π]
    out.push(Math.abs(Math.atan2(ax * by - ay * bx, ax * bx + ay * by)));
  }
  return out;
}

/** Counts of `values` in `bins` equal bins of [lo, hi] (values outside go to the end bins). */
export function histogram(
  values: ArrayLike<number>,
  bins: number,
  lo: number,
  hi: number,
): number[] {
  const counts = new Array<number>(bins).fill(0);
  const width = (hi - lo) / bins;
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (!Number.isFinite(v)) continue;
    const b = Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / width)));
    counts[b]!++;
  }
  return counts;
}
