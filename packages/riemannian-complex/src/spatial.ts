/**
 * Float pruning structures whose answers are supersets of the exact ones (boxes are widened to
 * cover rounding, see cells.ts): a uniform grid for point location and a sweep for box overlaps.
 */

export interface Box {
  lo: number[];
  hi: number[];
}

/** A {@link Box} made by `new`, so born young (docs/contributing.md, "Objects a run keeps"). */
class BoxPair implements Box {
  constructor(
    public lo: number[],
    public hi: number[],
  ) {}
}

/** The box [lo, hi]. */
export function boxOf(lo: number[], hi: number[]): Box {
  return new BoxPair(lo, hi);
}

export function boxesOverlap(a: Box, b: Box): boolean {
  for (let k = 0; k < a.lo.length; k++)
    if (a.lo[k]! > b.hi[k]! || b.lo[k]! > a.hi[k]!) return false;
  return true;
}

/**
 * Uniform grid over a set of boxes; `query(x)` returns every box index whose box contains x
 * ({@link FlatBoxGrid} over the boxes laid out flat, with the given bounds).
 */
export class BoxGrid {
  private readonly grid: FlatBoxGrid;
  private readonly boxes: readonly Box[];

  constructor(boxes: readonly Box[], bounds: Box) {
    this.boxes = boxes;
    const d = bounds.lo.length;
    const flat = new Float64Array(2 * d * boxes.length);
    boxes.forEach((b, i) => {
      for (let k = 0; k < d; k++) {
        flat[2 * d * i + k] = b.lo[k]!;
        flat[2 * d * i + d + k] = b.hi[k]!;
      }
    });
    this.grid = new FlatBoxGrid(flat, boxes.length, d, bounds);
  }

  /** Indices of boxes containing the float point x (a superset of the exact containment). */
  query(x: readonly number[]): number[] {
    const { start, boxes } = this.grid;
    const bucket = this.grid.bucketAt(x, 0);
    const out: number[] = [];
    for (let t = start[bucket]!; t < start[bucket + 1]!; t++) {
      const idx = boxes[t]!;
      const b = this.boxes[idx]!;
      let inside = true;
      for (let k = 0; k < x.length && inside; k++) inside = x[k]! >= b.lo[k]! && x[k]! <= b.hi[k]!;
      if (inside) out.push(idx);
    }
    return out;
  }
}

/**
 * Uniform grid over boxes given flat — box i's lo at flat[2d·i …], its hi at flat[2d·i + d …] —
 * over `bounds` (default: the boxes' own), about count^(1/d) buckets per axis, coarsened while
 * long boxes would fill too many buckets (≤ 64 registrations per box). Kept in CSR form: bucket
 * b's boxes (increasing) are `boxes[start[b] … start[b + 1] − 1]` (issue 11: no Box object, list
 * or map entry per box).
 */
export class FlatBoxGrid {
  private readonly lo: Float64Array;
  private readonly step: Float64Array;
  private readonly per: number;
  readonly start: Int32Array;
  readonly boxes: Int32Array;
  constructor(
    flat: Float64Array,
    count: number,
    private readonly d: number,
    bounds?: Box,
  ) {
    const lo = new Float64Array(d).fill(Infinity);
    const hi = new Float64Array(d).fill(-Infinity);
    if (bounds !== undefined) {
      lo.set(bounds.lo);
      hi.set(bounds.hi);
    } else
      for (let i = 0; i < count; i++)
        for (let k = 0; k < d; k++) {
          lo[k] = Math.min(lo[k]!, flat[2 * d * i + k]!);
          hi[k] = Math.max(hi[k]!, flat[2 * d * i + d + k]!);
        }
    let per = Math.max(1, Math.min(256, Math.round(Math.pow(count, 1 / d))));
    const step = new Float64Array(d);
    for (;;) {
      for (let k = 0; k < d; k++) step[k] = Math.max((hi[k]! - lo[k]!) / per, 1e-300);
      let registrations = 0;
      for (let i = 0; i < count; i++) {
        let cells = 1;
        for (let k = 0; k < d; k++)
          cells *= Math.min(
            per,
            Math.floor((flat[2 * d * i + d + k]! - flat[2 * d * i + k]!) / step[k]!) + 2,
          );
        registrations += cells;
      }
      if (per === 1 || registrations <= 64 * count) break;
      per = Math.max(1, Math.floor(per / 2));
    }
    for (let k = 0; k < d; k++) step[k] = Math.max((hi[k]! - lo[k]!) / per, 1e-300);
    this.lo = lo;
    this.step = step;
    this.per = per;
    // two passes over every box's buckets: their sizes, then the boxes in increasing order
    const start = new Int32Array(per ** d + 1);
    this.start = start;
    this.boxes = new Int32Array(0);
    this.register(flat, count, start, undefined);
    for (let b = 0; b + 1 < start.length; b++) start[b + 1]! += start[b]!;
    const fill = start.slice(0, start.length - 1);
    this.boxes = new Int32Array(start[start.length - 1]!);
    this.register(flat, count, fill, this.boxes);
  }

  /** Every box's buckets: counted into at[b + 1] (no `boxes`), or box i at boxes[at[b]++]. */
  private register(
    flat: Float64Array,
    count: number,
    at: Int32Array,
    boxes: Int32Array | undefined,
  ): void {
    const { d, per } = this;
    const from = new Int32Array(d);
    const to = new Int32Array(d);
    const cur = new Int32Array(d);
    for (let i = 0; i < count; i++) {
      for (let k = 0; k < d; k++) {
        from[k] = cur[k] = this.coord(flat[2 * d * i + k]!, k);
        to[k] = this.coord(flat[2 * d * i + d + k]!, k);
      }
      for (;;) {
        let key = 0;
        for (let k = 0; k < d; k++) key = key * per + cur[k]!;
        if (boxes === undefined) at[key + 1]!++;
        else boxes[at[key]!++] = i;
        let k = d - 1;
        while (k >= 0 && cur[k] === to[k]) {
          cur[k] = from[k]!;
          k--;
        }
        if (k < 0) break;
        cur[k] = cur[k]! + 1;
      }
    }
  }

  private coord(v: number, k: number): number {
    const c = Math.floor((v - this.lo[k]!) / this.step[k]!);
    return Math.min(this.per - 1, Math.max(0, c));
  }

  /** The bucket of the point x[at …] (its boxes: `boxes[start[b] … start[b + 1] − 1]`). */
  bucketAt(x: ArrayLike<number>, at: number): number {
    let key = 0;
    for (let k = 0; k < this.d; k++) key = key * this.per + this.coord(x[at + k]!, k);
    return key;
  }
}

/**
 * All pairs (i, j) with i in `left`, j in `right` (or i < j within one list when `right` is
 * omitted) whose boxes overlap: sort-and-sweep on coordinate 0.
 */
export function overlappingPairs(left: readonly Box[], right?: readonly Box[]): [number, number][] {
  const pairs: [number, number][] = [];
  type Ev = { side: 0 | 1; idx: number; lo: number; hi: number };
  const evs: Ev[] = left.map((b, idx) => ({ side: 0 as const, idx, lo: b.lo[0]!, hi: b.hi[0]! }));
  const other = right ?? left;
  if (right) right.forEach((b, idx) => evs.push({ side: 1, idx, lo: b.lo[0]!, hi: b.hi[0]! }));
  evs.sort((a, b) => a.lo - b.lo);
  const active: Ev[] = [];
  for (const e of evs) {
    let w = 0;
    for (const a of active) if (a.hi >= e.lo) active[w++] = a;
    active.length = w;
    for (const a of active) {
      if (right && a.side === e.side) continue;
      const [i, j] = right ? (a.side === 0 ? [a.idx, e.idx] : [e.idx, a.idx]) : [a.idx, e.idx];
      const bi = left[i]!;
      const bj = other[j]!;
      if (boxesOverlap(bi, bj)) pairs.push(right ? [i, j] : i < j ? [i, j] : [j, i]);
    }
    active.push(e);
  }
  return pairs;
}
