/** Small graph families with known curvature (closed forms derived in the tests). */
import type { WeightedGraph } from './graph.js';

export function completeGraph(n: number): WeightedGraph {
  const edges: [number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) edges.push([i, j]);
  return { vertexCount: n, edges };
}

export function cycle(n: number): WeightedGraph {
  return {
    vertexCount: n,
    edges: Array.from(
      { length: n },
      (_, i) => (i + 1 < n ? [i, i + 1] : [0, n - 1]) as [number, number],
    ),
  };
}

/** w × h grid graph; vertex (x, y) = y·w + x. */
export function grid(
  w: number,
  h: number,
): WeightedGraph & { at: (x: number, y: number) => number } {
  const at = (x: number, y: number) => y * w + x;
  const edges: [number, number][] = [];
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      if (x + 1 < w) edges.push([at(x, y), at(x + 1, y)]);
      if (y + 1 < h) edges.push([at(x, y), at(x, y + 1)]);
    }
  return { vertexCount: w * h, edges, at };
}

/** A random tree from a seeded parent sequence: vertex k > 0 hangs below parent[k] < k. */
export function randomTree(n: number, random: () => number): WeightedGraph {
  const edges: [number, number][] = [];
  for (let k = 1; k < n; k++) edges.push([Math.floor(random() * k), k]);
  return { vertexCount: n, edges };
}

export function degrees(g: WeightedGraph): number[] {
  const d = new Array<number>(g.vertexCount).fill(0);
  for (const [i, j] of g.edges) {
    d[i]!++;
    d[j]!++;
  }
  return d;
}
