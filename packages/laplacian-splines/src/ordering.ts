/**
 * Fill-reducing orderings for sparse symmetric factorisation: nested dissection by BFS level
 * structures (George's automatic nested dissection). A connected piece is split by the middle level
 * of a BFS from a pseudo-peripheral vertex; the two sides are ordered first (recursively) and the
 * separator last, so elimination never creates fill across the separator. For the planar adjacency
 * complexes of 2-D partitions the levels are O(√n) and the fill is O(n log n).
 */
import type { CsrMatrix } from '@mlgeo/exact-arith';

/** Pieces at most this large are ordered as they come (their fill is negligible). */
const LEAF_SIZE = 48;

/**
 * An ordering of the rows of a structurally symmetric n × n matrix: perm[newIndex] = oldIndex.
 * Only the sparsity pattern is read.
 */
export function nestedDissection(A: CsrMatrix<unknown>): Int32Array {
  const n = A.rows;
  const rs = A.rowStart;
  const ci = A.colIndex;
  const perm = new Int32Array(n);
  let filled = 0;
  // piece[v] = id of the piece v currently belongs to; −1 once ordered
  const piece = new Int32Array(n);
  const level = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let nextPiece = 1;

  /** BFS from s inside piece id; returns the visited vertices in BFS order and sets level[]. */
  const bfs = (s: number, id: number): { order: Int32Array; depth: number } => {
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    level[s] = 0;
    let depth = 0;
    while (head < tail) {
      const v = queue[head++]!;
      const lv = level[v]!;
      depth = lv;
      for (let p = rs[v]!; p < rs[v + 1]!; p++) {
        const u = ci[p]!;
        if (piece[u] === id && level[u] === -1) {
          level[u] = lv + 1;
          queue[tail++] = u;
        }
      }
    }
    const order = queue.slice(0, tail);
    return { order, depth };
  };
  const clearLevels = (vs: Int32Array): void => {
    for (const v of vs) level[v] = -1;
  };

  // explicit stack of pieces (arrays of vertices) to keep the recursion shallow
  type Task = { kind: 'split'; vertices: Int32Array } | { kind: 'emit'; vertices: Int32Array };
  const stack: Task[] = [{ kind: 'split', vertices: Int32Array.from({ length: n }, (_, i) => i) }];
  while (stack.length > 0) {
    const task = stack.pop()!;
    const vs = task.vertices;
    if (task.kind === 'emit' || vs.length <= LEAF_SIZE) {
      for (const v of vs) {
        perm[filled++] = v;
        piece[v] = -1;
      }
      continue;
    }
    const id = nextPiece++;
    for (const v of vs) piece[v] = id;
    // one connected component containing vs[0]
    let { order, depth } = bfs(vs[0]!, id);
    if (order.length < vs.length) {
      // split off the component; the rest is another piece
      clearLevels(order);
      const compSet = new Set<number>(order);
      const rest = vs.filter((v) => !compSet.has(v));
      stack.push({ kind: 'split', vertices: rest });
      stack.push({ kind: 'split', vertices: order });
      continue;
    }
    // pseudo-peripheral start: repeat BFS from the last vertex while the depth grows
    for (let round = 0; round < 4; round++) {
      const far = order[order.length - 1]!;
      clearLevels(order);
      const next = bfs(far, id);
      if (next.depth <= depth) {
        order = next.order;
        depth = next.depth;
        break;
      }
      order = next.order;
      depth = next.depth;
    }
    if (depth < 2) {
      clearLevels(order);
      stack.push({ kind: 'emit', vertices: order });
      continue;
    }
    // the separator: with u the root of this BFS and v its farthest vertex, the difference
    // δ(x) = dist(u, x) − dist(v, x) has level sets that cross the piece roughly perpendicular to
    // u–v (straighter, hence shorter, than the BFS levels themselves); cut at the median of δ
    // and keep, of the near side, only the vertices with a neighbour beyond the cut
    const distU = new Int32Array(order.length);
    order.forEach((x, i) => (distU[i] = level[x]!));
    const v = order[order.length - 1]!;
    clearLevels(order);
    const fromV = bfs(v, id);
    const delta = new Map<number, number>();
    order.forEach((x, i) => delta.set(x, distU[i]! - level[x]!));
    clearLevels(fromV.order);
    const sorted = Int32Array.from(delta.values()).sort();
    const t = sorted[Math.floor(sorted.length / 2)]!;
    const low: number[] = [];
    const sep: number[] = [];
    const high: number[] = [];
    for (const x of order) {
      const dx = delta.get(x)!;
      if (dx > t) {
        high.push(x);
        continue;
      }
      let touchesHigh = false;
      for (let p = rs[x]!; p < rs[x + 1]!; p++) {
        const u = ci[p]!;
        if (piece[u] === id && delta.get(u)! > t) {
          touchesHigh = true;
          break;
        }
      }
      (touchesHigh ? sep : low).push(x);
    }
    // the far side's boundary may be the smaller separator
    const farSep: number[] = [];
    const farRest: number[] = [];
    for (const x of high) {
      let touchesLow = false;
      for (let p = rs[x]!; p < rs[x + 1]!; p++) {
        const u = ci[p]!;
        if (piece[u] === id && delta.get(u)! <= t) {
          touchesLow = true;
          break;
        }
      }
      (touchesLow ? farSep : farRest).push(x);
    }
    if (farSep.length < sep.length) {
      low.push(...sep);
      sep.length = 0;
      sep.push(...farSep);
      high.length = 0;
      high.push(...farRest);
    }
    if (low.length === 0 || high.length === 0) {
      stack.push({ kind: 'emit', vertices: order });
      continue;
    }
    // processed in stack order: low, high, then the separator
    stack.push({ kind: 'emit', vertices: Int32Array.from(sep) });
    stack.push({ kind: 'split', vertices: Int32Array.from(high) });
    stack.push({ kind: 'split', vertices: Int32Array.from(low) });
  }
  return perm;
}

/** The inverse permutation: inv[perm[i]] = i. */
export function inversePermutation(perm: Int32Array): Int32Array {
  const inv = new Int32Array(perm.length);
  for (let i = 0; i < perm.length; i++) inv[perm[i]!] = i;
  return inv;
}
