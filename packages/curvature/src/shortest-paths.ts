/**
 * Shortest-path distances of the 1-skeleton (SPEC §8: d is the path metric, not the edge length —
 * the GraphRicciCurvature #47 case). Searches stop once every requested target is settled, so
 * the distances between the supports of two neighbouring walks cost a few local searches. Lengths
 * are numbers: floats, or integers (scaled exact lengths), for which the sums are exact.
 */
import type { Adjacency } from './graph.js';

export class LocalDistances {
  private readonly dist: Float64Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  private readonly isTarget: Uint8Array;
  // binary heap of (key, vertex)
  private heapKey: Float64Array;
  private heapVertex: Int32Array;
  private readonly queue: Int32Array;

  constructor(
    private readonly adj: Adjacency,
    private readonly lengths: ArrayLike<number>,
    /** every finite length is 1: breadth-first search */
    private readonly unit: boolean,
  ) {
    const n = adj.start.length - 1;
    this.dist = new Float64Array(n).fill(Infinity);
    this.touched = new Int32Array(n);
    this.isTarget = new Uint8Array(n);
    this.heapKey = new Float64Array(64);
    this.heapVertex = new Int32Array(64);
    this.queue = new Int32Array(n);
  }

  /** out[k] = d(source, targets[k]) (Infinity when unreachable). */
  from(source: number, targets: ArrayLike<number>, out: Float64Array | number[]): void {
    let remaining = 0;
    for (let k = 0; k < targets.length; k++) {
      const t = targets[k]!;
      if (this.isTarget[t] === 0) {
        this.isTarget[t] = 1;
        remaining++;
      }
    }
    const { start, target, edge } = this.adj;
    const dist = this.dist;
    this.touchedCount = 0;
    dist[source] = 0;
    this.touched[this.touchedCount++] = source;
    if (this.unit) {
      const queue = this.queue;
      let head = 0;
      let tail = 0;
      queue[tail++] = source;
      while (head < tail && remaining > 0) {
        const x = queue[head++]!;
        if (this.isTarget[x] === 1) {
          this.isTarget[x] = 2;
          remaining--;
          if (remaining === 0) break;
        }
        const dx = dist[x]! + 1;
        for (let k = start[x]!; k < start[x + 1]!; k++) {
          const y = target[k]!;
          if (dist[y] === Infinity) {
            dist[y] = dx;
            this.touched[this.touchedCount++] = y;
            queue[tail++] = y;
          }
        }
      }
    } else {
      let size = 0;
      const push = (key: number, v: number) => {
        if (size === this.heapKey.length) {
          const k2 = new Float64Array(size * 2);
          k2.set(this.heapKey);
          const v2 = new Int32Array(size * 2);
          v2.set(this.heapVertex);
          this.heapKey = k2;
          this.heapVertex = v2;
        }
        const hk = this.heapKey;
        const hv = this.heapVertex;
        let i = size++;
        while (i > 0) {
          const p = (i - 1) >> 1;
          if (hk[p]! <= key) break;
          hk[i] = hk[p]!;
          hv[i] = hv[p]!;
          i = p;
        }
        hk[i] = key;
        hv[i] = v;
      };
      push(0, source);
      while (size > 0 && remaining > 0) {
        const hk = this.heapKey;
        const hv = this.heapVertex;
        const key = hk[0]!;
        const x = hv[0]!;
        // pop
        size--;
        const lk = hk[size]!;
        const lv = hv[size]!;
        let i = 0;
        for (;;) {
          let c = 2 * i + 1;
          if (c >= size) break;
          if (c + 1 < size && hk[c + 1]! < hk[c]!) c++;
          if (hk[c]! >= lk) break;
          hk[i] = hk[c]!;
          hv[i] = hv[c]!;
          i = c;
        }
        hk[i] = lk;
        hv[i] = lv;
        if (key > dist[x]!) continue;
        if (this.isTarget[x] === 1) {
          this.isTarget[x] = 2;
          remaining--;
          if (remaining === 0) break;
        }
        for (let k = start[x]!; k < start[x + 1]!; k++) {
          const y = target[k]!;
          const d = key + this.lengths[edge[k]!]!;
          if (d < dist[y]!) {
            if (dist[y] === Infinity) this.touched[this.touchedCount++] = y;
            dist[y] = d;
            push(d, y);
          }
        }
      }
    }
    for (let k = 0; k < targets.length; k++) {
      const t = targets[k]!;
      out[k] = dist[t]!;
    }
    for (let k = 0; k < targets.length; k++) this.isTarget[targets[k]!] = 0;
    for (let k = 0; k < this.touchedCount; k++) dist[this.touched[k]!] = Infinity;
  }
}
