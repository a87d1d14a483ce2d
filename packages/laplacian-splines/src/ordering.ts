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
    // the separator: the smallest level whose cut leaves between 30 % and 70 % on each side
    // (the middle level if none), thinned: a separator vertex without a neighbour beyond the
    // separator moves to the near side (the cut stays a separator)
    const counts = new Int32Array(depth + 1);
    for (const v of order) counts[level[v]!]!++;
    let acc = 0;
    let mid = -1;
    let midFallback = 1;
    let bestSize = Infinity;
    for (let l = 0; l <= depth; l++) {
      const before = acc;
      acc += counts[l]!;
      if (l >= 1 && l <= depth - 1) {
        if (before < order.length / 2) midFallback = l;
        const after = order.length - acc;
        if (before >= 0.3 * order.length && after >= 0.3 * order.length && counts[l]! < bestSize) {
          bestSize = counts[l]!;
          mid = l;
        }
      }
    }
    if (mid === -1) mid = midFallback;
    const low: number[] = [];
    const sep: number[] = [];
    const high: number[] = [];
    for (const v of order) {
      const l = level[v]!;
      if (l < mid) low.push(v);
      else if (l > mid) high.push(v);
      else {
        let touchesHigh = false;
        for (let p = rs[v]!; p < rs[v + 1]!; p++) {
          const u = ci[p]!;
          if (piece[u] === id && level[u] === mid + 1) {
            touchesHigh = true;
            break;
          }
        }
        (touchesHigh ? sep : low).push(v);
      }
    }
    clearLevels(order);
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
