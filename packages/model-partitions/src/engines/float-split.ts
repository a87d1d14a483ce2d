/**
 * The cell split of exact-polytope's `splitVertexCell` (one double-description step on the V side,
 * edges by the combinatorial adjacency test) for cells whose vertices are lazy-exact float vertices:
 * the same combinatorics in the same order (kept vertices first, then one new vertex per crossed edge
 * in (above, below) order), so the float enumeration's cells and vertex lists equal the exact ones.
 * Signs come in already decided (certified or exact); the crossing is made by the caller.
 */

/** One part of a split: vertices and their incidence lists (sorted row indices; shared, read-only). */
export interface FPart<V> {
  vertices: V[];
  incidence: (readonly number[])[];
}

/** a ∩ b (sorted) into the scratch `out`; returns its length. */
function intersectInto(out: number[], a: readonly number[], b: readonly number[]): number {
  let n = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      out[n++] = x;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/** True when the first n entries of `small` (sorted) all occur in `big` (sorted). */
function isSubsetSorted(small: readonly number[], n: number, big: readonly number[]): boolean {
  let j = 0;
  for (let i = 0; i < n; i++) {
    const x = small[i]!;
    while (j < big.length && big[j]! < x) j++;
    if (j >= big.length || big[j] !== x) return false;
    j++;
  }
  return true;
}

const common: number[] = [];

/**
 * Splits by signs (−1, 0, 1 per vertex): 'below' when none is positive, 'above' when none is
 * negative, otherwise both parts; `cross(p, q)` makes the vertex on the edge between vertex p
 * (positive) and q (negative).
 */
export function splitBySigns<V>(
  d: number,
  vertices: readonly V[],
  incidence: readonly (readonly number[])[],
  signs: Int8Array,
  newRow: number,
  cross: (p: number, q: number) => V,
): 'below' | 'above' | { below: FPart<V>; above: FPart<V> } {
  const n = vertices.length;
  let hasAbove = false;
  let hasBelow = false;
  for (let i = 0; i < n && !(hasAbove && hasBelow); i++) {
    if (signs[i]! > 0) hasAbove = true;
    else if (signs[i]! < 0) hasBelow = true;
  }
  if (!hasAbove) return 'below';
  if (!hasBelow) return 'above';
  const above: number[] = [];
  const below: number[] = [];
  const lo: FPart<V> = { vertices: [], incidence: [] };
  const hi: FPart<V> = { vertices: [], incidence: [] };
  for (let i = 0; i < n; i++) {
    const s = signs[i]!;
    const v = vertices[i]!;
    if (s === 0) {
      const inc = [...incidence[i]!, newRow];
      lo.vertices.push(v);
      lo.incidence.push(inc);
      hi.vertices.push(v);
      hi.incidence.push(inc);
    } else if (s > 0) {
      above.push(i);
      hi.vertices.push(v);
      hi.incidence.push(incidence[i]!);
    } else {
      below.push(i);
      lo.vertices.push(v);
      lo.incidence.push(incidence[i]!);
    }
  }
  for (const p of above) {
    const incP = incidence[p]!;
    for (const q of below) {
      // the rows through both, in a scratch buffer (most pairs are not edges)
      const m = intersectInto(common, incP, incidence[q]!);
      if (m < d - 1) continue;
      // p, q span an edge iff no third vertex lies on every row through both (Fukuda–Prodon)
      let edge = true;
      for (let w = 0; w < n && edge; w++) {
        if (w === p || w === q) continue;
        const inc = incidence[w]!;
        if (inc.length >= m && isSubsetSorted(common, m, inc)) edge = false;
      }
      if (!edge) continue;
      const list = common.slice(0, m);
      list.push(newRow);
      const v = cross(p, q);
      lo.vertices.push(v);
      lo.incidence.push(list);
      hi.vertices.push(v);
      hi.incidence.push(list);
    }
  }
  return { below: lo, above: hi };
}

/**
 * Incidence lists hold row keys (sorted; a new row's key exceeds every key already there). Rows on
 * fewer than d vertices cannot be facets and the kernel's `VCell.pruned` drops them at every split.
 * For d ≤ 3 that pruning cannot change any later decision or the final rows, so it is done once at
 * the end ({@link facetKeys}): a dropped row is a valid inequality of the cell (it was one of an
 * ancestor's), and the Fukuda–Prodon edge test stays exact with redundant valid rows; a face with
 * fewer than d vertices has dimension ≤ d − 2 ≤ 1, so its parts after later splits keep fewer than
 * d vertices and the row is dropped at the end as it was on the way. For d ≥ 4 (a (d−2)-face can
 * gain vertices) {@link pruneKeys} prunes at every split like the kernel.
 */
export function pruneKeys(d: number, inc: readonly (readonly number[])[]): (readonly number[])[] {
  const count = new Map<number, number>();
  for (const list of inc) for (const r of list) count.set(r, (count.get(r) ?? 0) + 1);
  let drop = false;
  for (const c of count.values()) if (c < d) drop = true;
  if (!drop) return inc as (readonly number[])[];
  return inc.map((list) => list.filter((r) => count.get(r)! >= d));
}

/** The row keys on at least d vertices, in increasing key order (= order of addition). */
export function facetKeys(d: number, inc: readonly (readonly number[])[]): number[] {
  const count = new Map<number, number>();
  for (const list of inc) for (const r of list) count.set(r, (count.get(r) ?? 0) + 1);
  const out: number[] = [];
  for (const [r, c] of count) if (c >= d) out.push(r);
  return out.sort((a, b) => a - b);
}
