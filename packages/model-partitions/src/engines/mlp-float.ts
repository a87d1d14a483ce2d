/**
 * ReLU MLP activation regions on the float path (`predicates: 'filtered'`), float all the way
 * (issue 11; SPEC §1 float fast path, docs/float-enumeration.md): the same layer-by-layer,
 * unit-by-unit splitting as {@link mlpCells} (engines/mlp.ts), but every vertex is float64 with a
 * proven error bound and carries the current layer's pre-activations (likewise bounded), so a sign
 * test is one comparison |ẑ| > bound. A sign the bound cannot certify is decided exactly for that
 * vertex alone: its exact point is solved from its tight rows in the cell (lazy exact; the chain
 * of its exact ancestors only when those rows do not fix a point), and the unit's exact map on the
 * cell at that point gives the sign. The cells, labels, rows and vertex lists
 * are therefore identical to the exact path's; exact vertices, polytopes and maps are computed only
 * when read. Rows are kept as keys (a domain row, or a hidden unit and its side) and become exact
 * integer rows only when the polytope is asked for.
 *
 * Storage (session 6): vertices are indices into a {@link VertexPool} (typed arrays, no object per
 * vertex); a cell is three Int32Arrays (its vertices, and their incidence lists of row keys in CSR
 * form); an activation pattern is a bit mask in Uint32Array words. Scratch buffers are reused from
 * split to split and from layer to layer; float vertex coordinates are copied out only when read.
 * Session 7: the hot functions are module functions (no closures per enumeration, whose optimised
 * code V8 did not keep), final cells share one array, patterns one arena.
 */
import { type FilterStats, lazyProperty } from '@mlgeo/exact-arith';
import type { ReluMlpModel } from '../models.js';
import type { MlpCellMaps, PartitionCell, Predicates, ProgressCallback } from '../partition.js';
import { type IntAffine } from './affine.js';
import { exactVertexOfRows } from './cell.js';
import { type PoolLayer, VertexPool, poolLayers } from './float-pool.js';
import { type SideRows, UnitMapCache } from './known-cell-maps.js';
import { exactUnitMap } from './mlp-certify.js';
import {
  type IntLayer,
  type IntMap,
  evaluateMap,
  firstMap,
  integerLayers,
  nextMap,
  toAffineMap,
} from './mlp-maps.js';
import { type VCell } from './vcell.js';
import {
  type IntegerPoint,
  type Rational,
  gcdBig,
  integerNullSpace,
  integerPointToRationals,
  reducedIntegerPoint,
} from '@mlgeo/exact-arith';
import {
  type KnownCell,
  type KnownVertexSource,
  type Polytope,
  knownCell,
} from '@mlgeo/exact-polytope';

/**
 * A cell of the float enumeration is an offset c into the layer's arena A (one Int32Array, no object
 * per cell): A[c] = n vertices, A[c + 1 … c + n] their pool indices, A[c + n + 1 … c + 2n + 1]
 * offsets relative to c, vertex i's incidence list (sorted row keys) being
 * A[c + A[c + n + 1 + i] … c + A[c + n + 2 + i] − 1]. The arena of a layer holds its states (copied
 * in) and every part made from them; it is reused two layers later.
 */
export type FCell = number;

/** The arena being written (this layer) and the one read (the previous layer's final cells). */
let A = new Int32Array(1 << 12);
let top = 0;
let P = new Int32Array(1 << 12);

/** The pattern arena: activation bit masks of the parts, `words` entries each (offsets). */
let PT = new Uint32Array(1 << 10);
let ptTop = 0;

/** A new pattern in PT: a copy of the one at `from`, or zeros when from < 0. */
function newPattern(from: number, words: number): number {
  if (ptTop + words > PT.length) {
    const b = new Uint32Array(2 * PT.length + words);
    b.set(PT.subarray(0, ptTop));
    PT = b;
  }
  const at = ptTop;
  for (let w = 0; w < words; w++) PT[at + w] = from >= 0 ? PT[from + w]! : 0;
  ptTop += words;
  return at;
}

/** Room for k more entries in the arena (doubling; offsets stay valid). */
function reserve(k: number): void {
  if (top + k <= A.length) return;
  let len = A.length * 2;
  while (len < top + k) len *= 2;
  const b = new Int32Array(len);
  b.set(A.subarray(0, top));
  A = b;
}

/** Number of entries of the cell at c in `arr`. */
const cellSize = (arr: Int32Array, c: number): number => arr[c + 2 * arr[c]! + 1]!;

/** Copies the cell at c of `from` to the end of the arena. */
function copyCell(from: Int32Array, c: number): FCell {
  const size = cellSize(from, c);
  reserve(size);
  const at = top;
  for (let t = 0; t < size; t++) A[at + t] = from[c + t]!;
  top += size;
  return at;
}

/** The cell of the given vertices and incidence lists, appended to the arena. */
function makeCell(vs: ArrayLike<number>, incidence: readonly (readonly number[])[]): FCell {
  const b = lo;
  b.reset();
  for (let i = 0; i < vs.length; i++) {
    b.begin(vs[i]!);
    for (const r of incidence[i]!) b.key(r);
  }
  return b.finish();
}

/** True when the float enumeration applies: a ReLU net (no leaky slopes). */
export function floatEnumerationApplies(model: ReluMlpModel): boolean {
  return !model.layers.some((l) => l.negativeSlopes?.some((a) => !a.isZero()) ?? false);
}

/** Growable Int32Array scratch. */
class IntBuf {
  a = new Int32Array(64);
  n = 0;
  push(x: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = x;
  }
  slice(): Int32Array {
    return this.a.slice(0, this.n);
  }
}

/** Builds one part of a split (vertices with their incidence lists) in reused scratch buffers. */
class CellBuilder {
  vs = new IntBuf();
  off = new IntBuf();
  inc = new IntBuf();
  reset(): void {
    this.vs.n = 0;
    this.off.n = 0;
    this.inc.n = 0;
  }
  /** Adds vertex v with the keys src[from … to − 1] and, when extra ≥ 0, the key `extra`. */
  add(v: number, src: Int32Array, from: number, to: number, extra: number): void {
    this.vs.push(v);
    const inc = this.inc;
    this.off.push(inc.n);
    // room for all keys at once, then a plain copy
    const need = inc.n + (to - from) + 1;
    if (need > inc.a.length) {
      const b = new Int32Array(2 * need);
      b.set(inc.a.subarray(0, inc.n));
      inc.a = b;
    }
    const a = inc.a;
    let n = inc.n;
    for (let k = from; k < to; k++) a[n++] = src[k]!;
    if (extra >= 0) a[n++] = extra;
    inc.n = n;
  }
  /** Adds vertex v; its keys follow by {@link key}. */
  begin(v: number): void {
    this.vs.push(v);
    this.off.push(this.inc.n);
  }
  key(r: number): void {
    this.inc.push(r);
  }
  /** Appends the cell to the arena and returns its offset. */
  finish(): FCell {
    const n = this.vs.n;
    const base = 2 * n + 2;
    const m = this.inc.n;
    reserve(base + m);
    const c = top;
    const a = A;
    a[c] = n;
    const vs = this.vs.a;
    for (let i = 0; i < n; i++) a[c + 1 + i] = vs[i]!;
    const off = this.off.a;
    for (let i = 0; i < n; i++) a[c + n + 1 + i] = base + off[i]!;
    a[c + 2 * n + 1] = base + m;
    const inc = this.inc.a;
    for (let t = 0; t < m; t++) a[c + base + t] = inc[t]!;
    top += base + m;
    return c;
  }
}

const lo = new CellBuilder();
const hi = new CellBuilder();
let common = new Int32Array(64);
let aboveBuf = new Int32Array(64);
let belowBuf = new Int32Array(64);

/** Row buckets of the vertices of a split (stamped per split: no clearing). */
let keyStamp = new Int32Array(64);
let keyHead = new Int32Array(64);
let keySize = new Int32Array(64);
let keyStampNow = 0;
let belowIdx = new Int32Array(64);
/** Open-addressing table of row pairs (d = 3): keys, stamp, head of the vertex list. */
let pairK1 = new Int32Array(256);
let pairK2 = new Int32Array(256);
let pairStamp = new Int32Array(256);
// one more slot than the table: pairHead[size] = −1 is the empty list of a missing pair
let pairHead = new Int32Array(257).fill(-1, 256);
let pairMask = 255;

/** Room for `need` row pairs at load ≤ 1/2. */
function reservePairTable(need: number): void {
  if (2 * need <= pairMask + 1) return;
  let size = pairMask + 1;
  while (size < 2 * need) size *= 2;
  pairK1 = new Int32Array(size);
  pairK2 = new Int32Array(size);
  // a fresh table: stamps 0 never match the split's stamp (≥ 1)
  pairStamp = new Int32Array(size);
  pairHead = new Int32Array(size + 1);
  pairHead[size] = -1;
  pairMask = size - 1;
}

/**
 * The slot of row pair (r1 < r2) in this split's table (stamp); with `insert`, a missing pair gets
 * a slot with an empty list, otherwise the slot of a missing pair has the empty list (−1 head).
 */
function pairSlot(r1: number, r2: number, stamp: number, mask: number, insert: boolean): number {
  let h = (Math.imul(r1, 0x9e3779b1) ^ Math.imul(r2 + 0x7f4a7c15, 0x85ebca77)) >>> 0;
  h = (h ^ (h >>> 15)) & mask;
  for (;;) {
    if (pairStamp[h] !== stamp) {
      if (!insert) return mask + 1;
      pairStamp[h] = stamp;
      pairK1[h] = r1;
      pairK2[h] = r2;
      pairHead[h] = -1;
      return h;
    }
    if (pairK1[h] === r1 && pairK2[h] === r2) return h;
    h = (h + 1) & mask;
  }
}
let slotVal = new Int32Array(256);
let slotNext = new Int32Array(256);
let pairCount = new Int32Array(256);

function growSlots(): void {
  const v = new Int32Array(2 * slotVal.length);
  v.set(slotVal);
  slotVal = v;
  const nx = new Int32Array(2 * slotNext.length);
  nx.set(slotNext);
  slotNext = nx;
}

/** Room for row keys 0 … keys − 1 in the split's row buckets. */
function reserveKeys(keys: number): void {
  if (keyStamp.length >= keys) return;
  keyStamp = new Int32Array(keys);
  keyHead = new Int32Array(keys);
  keySize = new Int32Array(keys);
}

/**
 * exact-polytope's `splitVertexCell` (one double-description step on the V side, edges by the
 * combinatorial adjacency test of Fukuda–Prodon) on an {@link FCell} whose signs (−1/−2, 0, 1/2
 * per vertex; ±2 decided exactly) show a strict change: the same combinatorics in the same order
 * (kept vertices first in their order, then one new vertex per crossed edge in (above, below)
 * order), so the vertex lists equal the exact path's. {@link cross} makes the vertex on the edge
 * between local vertices p (positive) and q (negative).
 */
export function splitCell(d: number, c: FCell, sg: Int8Array, key: number): void {
  // read from the arena as it is now (the parts are appended only at the end)
  const inc = A;
  const n = inc[c]!;
  // vertex i is inc[c + 1 + i]; its incidence inc[c + off(i) … c + off(i + 1) − 1]
  const o = c + n + 1;
  if (aboveBuf.length < n) {
    aboveBuf = new Int32Array(2 * n);
    belowBuf = new Int32Array(2 * n);
  }
  const above = aboveBuf;
  const below = belowBuf;
  let na = 0;
  let nb = 0;
  lo.reset();
  hi.reset();
  for (let i = 0; i < n; i++) {
    const s = sg[i]!;
    const v = inc[c + 1 + i]!;
    const i0 = c + inc[o + i]!;
    const i1 = c + inc[o + i + 1]!;
    if (s === 0) {
      lo.add(v, inc, i0, i1, key);
      hi.add(v, inc, i0, i1, key);
    } else if (s > 0) {
      above[na++] = i;
      hi.add(v, inc, i0, i1, -1);
    } else {
      below[nb++] = i;
      lo.add(v, inc, i0, i1, -1);
    }
  }
  // candidate edges: pairs (above, below) on at least d − 1 common rows, counted row by row (every
  // vertex is listed under its rows, then every above vertex adds 1 to each pair it shares a row
  // with): O(Σ_rows above·below on the row) instead of a merge per pair
  if (belowIdx.length < n) belowIdx = new Int32Array(2 * n);
  const bIdx = belowIdx;
  for (let i = 0; i < n; i++) bIdx[i] = -1;
  for (let ib = 0; ib < nb; ib++) bIdx[below[ib]!] = ib;
  const stamp = ++keyStampNow;
  let slots = 0;
  const pairs = na * nb;
  if (pairCount.length < pairs) pairCount = new Int32Array(2 * pairs);
  const cnt = pairCount;
  cnt.fill(0, 0, pairs);
  if (d === 3) {
    // in space an edge lies on two rows: every vertex is listed under each pair of its rows (a
    // hash table; a pair's list is usually just an edge's two ends), and a pair (p, q) listed
    // together under some pair of rows shares at least d − 1 = 2 rows
    let need = 0;
    for (let w = 0; w < n; w++) {
      const k = inc[o + w + 1]! - inc[o + w]!;
      need += (k * (k - 1)) >> 1;
    }
    reservePairTable(need);
    const mask = pairMask;
    for (let w = 0; w < n; w++) {
      const t0 = c + inc[o + w]!;
      const t1 = c + inc[o + w + 1]!;
      for (let t = t0; t < t1; t++)
        for (let u = t + 1; u < t1; u++) {
          const h = pairSlot(inc[t]!, inc[u]!, stamp, mask, true);
          if (slots === slotVal.length) growSlots();
          slotVal[slots] = w;
          slotNext[slots] = pairHead[h]!;
          pairHead[h] = slots++;
        }
    }
    for (let ia = 0; ia < na; ia++) {
      const p = above[ia]!;
      const row = ia * nb;
      const t0 = c + inc[o + p]!;
      const t1 = c + inc[o + p + 1]!;
      for (let t = t0; t < t1; t++)
        for (let u = t + 1; u < t1; u++) {
          const h = pairSlot(inc[t]!, inc[u]!, stamp, mask, false);
          for (let sl = pairHead[h]!; sl >= 0; sl = slotNext[sl]!) {
            const ib = bIdx[slotVal[sl]!]!;
            if (ib >= 0) cnt[row + ib] = 2;
          }
        }
    }
  } else {
    // every vertex is listed under each of its rows, then every above vertex adds 1 to each pair
    // it shares a row with
    for (let w = 0; w < n; w++) {
      for (let t = c + inc[o + w]!, t1 = c + inc[o + w + 1]!; t < t1; t++) {
        const r = inc[t]!;
        if (keyStamp[r] !== stamp) {
          keyStamp[r] = stamp;
          keyHead[r] = -1;
          keySize[r] = 0;
        }
        if (slots === slotVal.length) growSlots();
        slotVal[slots] = w;
        slotNext[slots] = keyHead[r]!;
        keyHead[r] = slots++;
        keySize[r] = keySize[r]! + 1;
      }
    }
    for (let ia = 0; ia < na; ia++) {
      const p = above[ia]!;
      const row = ia * nb;
      for (let t = c + inc[o + p]!, t1 = c + inc[o + p + 1]!; t < t1; t++) {
        for (let sl = keyHead[inc[t]!]!; sl >= 0; sl = slotNext[sl]!) {
          const ib = bIdx[slotVal[sl]!]!;
          if (ib >= 0) cnt[row + ib] = cnt[row + ib]! + 1;
        }
      }
    }
  }
  for (let ia = 0; ia < na; ia++) {
    const p = above[ia]!;
    const p0 = c + inc[o + p]!;
    const p1 = c + inc[o + p + 1]!;
    for (let ib = 0; ib < nb; ib++) {
      if (cnt[ia * nb + ib]! < d - 1) continue;
      const q = below[ib]!;
      // the rows through both (sorted merge into the scratch), and the one on fewest vertices
      let q0 = c + inc[o + q]!;
      const q1 = c + inc[o + q + 1]!;
      if (common.length < p1 - p0) common = new Int32Array(2 * (p1 - p0));
      let m = 0;
      let i = p0;
      let rare = -1;
      while (i < p1 && q0 < q1) {
        const x = inc[i]!;
        const y = inc[q0]!;
        if (x === y) {
          common[m++] = x;
          if (d !== 3 && (rare < 0 || keySize[x]! < keySize[rare]!)) rare = x;
          i++;
          q0++;
        } else if (x < y) i++;
        else q0++;
      }
      // p, q span an edge iff no third vertex lies on every row through both (Fukuda–Prodon); such
      // a vertex is on the row `rare`, so only that row's vertices are scanned. In the plane that
      // never happens once they share a row: the rows through both are the line pq, and a third
      // vertex on it would lie between two others or have one between it and the third, which no
      // vertex of a convex polygon (an extreme point) does
      let edge = true;
      if (d > 2)
        for (
          let sl =
            d === 3
              ? pairHead[pairSlot(common[0]!, common[1]!, stamp, pairMask, false)]!
              : keyHead[rare]!;
          sl >= 0 && edge;
          sl = slotNext[sl]!
        ) {
          const w = slotVal[sl]!;
          if (w === p || w === q) continue;
          const w1 = c + inc[o + w + 1]!;
          let j = c + inc[o + w]!;
          if (w1 - j < m) continue;
          let all = true;
          for (let t = 0; t < m; t++) {
            const x = common[t]!;
            while (j < w1 && inc[j]! < x) j++;
            if (j >= w1 || inc[j] !== x) {
              all = false;
              break;
            }
            j++;
          }
          if (all) edge = false;
        }
      if (!edge) continue;
      const v = cross(p, q);
      lo.add(v, common, 0, m, key);
      hi.add(v, common, 0, m, key);
    }
  }
  splitBelow = lo.finish();
  splitAbove = hi.finish();
}

/** The parts of the last {@link splitCell}. */
let splitBelow: FCell = 0;
let splitAbove: FCell = 0;

let keyCount = new Int32Array(64);
let keyList = new Int32Array(64);

/** Counts how many vertices each key is on; returns the distinct keys (in keyList, unsorted). */
function countKeys(arr: Int32Array, c: number, keys: number): number {
  if (keyCount.length < keys) keyCount = new Int32Array(2 * keys);
  let distinct = 0;
  for (let t = c + 2 * arr[c]! + 2, end = c + cellSize(arr, c); t < end; t++) {
    const r = arr[t]!;
    const seen = keyCount[r]!;
    keyCount[r] = seen + 1;
    if (seen === 0) {
      if (distinct === keyList.length) {
        const b = new Int32Array(2 * keyList.length);
        b.set(keyList);
        keyList = b;
      }
      keyList[distinct++] = r;
    }
  }
  return distinct;
}

function clearKeys(distinct: number): void {
  for (let t = 0; t < distinct; t++) keyCount[keyList[t]!] = 0;
}

/** The facet keys of the last {@link facetKeysInto} (reused). */
let facetKeyBuf = new Int32Array(64);

/**
 * The row keys on at least d vertices (the facet rows) of cell c of `arr`, in increasing order,
 * into facetKeyBuf[0 … count − 1]; returns count.
 */
function facetKeysInto(d: number, arr: Int32Array, c: number, keys: number): number {
  const distinct = countKeys(arr, c, keys);
  if (facetKeyBuf.length < distinct) facetKeyBuf = new Int32Array(2 * distinct);
  const out = facetKeyBuf;
  let n = 0;
  for (let t = 0; t < distinct; t++) if (keyCount[keyList[t]!]! >= d) out[n++] = keyList[t]!;
  clearKeys(distinct);
  // insertion sort: a cell has few facets
  for (let i = 1; i < n; i++) {
    const x = out[i]!;
    let j = i - 1;
    for (; j >= 0 && out[j]! > x; j--) out[j + 1] = out[j]!;
    out[j + 1] = x;
  }
  return n;
}

/** The row keys on at least d vertices (the facet rows) of cell c of `arr`, in increasing order. */
export function facetKeysOf(d: number, arr: Int32Array, c: number, keys: number): number[] {
  const n = facetKeysInto(d, arr, c, keys);
  return Array.from(facetKeyBuf.subarray(0, n));
}

/**
 * Drops the keys on fewer than d vertices (they cannot be facets), as the kernel's `VCell.pruned`
 * does at every split. For d ≤ 3 this cannot change a later decision or the final rows (a dropped
 * row is a valid inequality of the cell, the edge test stays exact with redundant valid rows, and a
 * face with fewer than d vertices keeps fewer than d), so it is done once at the end
 * ({@link facetKeysOf}); for d ≥ 4 it is done at every split like the kernel.
 */
function pruneCell(d: number, c: FCell, keys: number): FCell {
  const distinct = countKeys(A, c, keys);
  let drop = false;
  for (let t = 0; t < distinct && !drop; t++) if (keyCount[keyList[t]!]! < d) drop = true;
  if (!drop) {
    clearKeys(distinct);
    return c;
  }
  const n = A[c]!;
  const b = lo;
  b.reset();
  for (let i = 0; i < n; i++) {
    b.begin(A[c + 1 + i]!);
    for (let t = c + A[c + n + 1 + i]!; t < c + A[c + n + 2 + i]!; t++)
      if (keyCount[A[t]!]! >= d) b.key(A[t]!);
  }
  clearKeys(distinct);
  return b.finish();
}

/*
 * The enumeration in progress. Module state rather than closures: the hot functions below (signs,
 * cross, the split of a state) are then the same functions in every enumeration, so V8 keeps
 * their optimised code from one enumeration to the next instead of recompiling closures (and
 * on-stack-replacing one long function) every time — that recompilation cost more CPU than the
 * enumeration itself on the smaller nets.
 */
let R_pool: VertexPool;
let R_fl: readonly PoolLayer[] = [];
let R_model: ReluMlpModel | undefined;
let R_int: IntLayer[] | undefined;
let R_d = 0;
let R_m0 = 0;
let R_keys = 0;
let R_words = 1;
let R_unitBase: number[] = [];
let R_domainRows: readonly IntAffine[] = [];
let R_unitMaps = new Map<string, IntAffine>();
let R_tests = 0;
let R_fallbacks = 0;
let signBuf = new Int8Array(64);
/** The pattern of the cell whose signs are being taken (for an exact vertex from its rows). */
let signsPattern = 0;
/** The split in progress (for {@link cross}). */
let crossCell: FCell = 0;
let crossSigns: Int8Array = signBuf;
let crossLayer = 0;
let crossUnit = 0;
let crossWidth = 0;
/** Reused part lists (cells and patterns of the parts of one state). */
const partsA: FCell[] = [];
const bitsA: number[] = [];
const partsB: FCell[] = [];
const bitsB: number[] = [];

/** The exact integer layers, made when a decision first needs them. */
function runLayers(): IntLayer[] {
  return (R_int ??= integerLayers(R_model!));
}

/**
 * The exact point of local vertex i of cell c (pattern at offset pt of PT; only its bits of the
 * layers before the vertex's rows are read) from its tight rows in the cell — the domain rows and
 * the exact affine maps of the units it lies on, which are fixed by those bits — as the null space
 * of the (rows × (d + 1)) integer system: one solve instead of the exact crossings of all its
 * ancestors. Left to the ancestor chain (`exactPoint`) when the rows do not fix one point.
 */
function exactFromCell(c: FCell, i: number, pt: number): void {
  const pool = R_pool;
  const v = A[c + 1 + i]!;
  if (pool.exact[v]) return;
  const d = R_d;
  const m0 = R_m0;
  const unitBase = R_unitBase;
  const n = A[c]!;
  const M: bigint[][] = [];
  for (let t = c + A[c + n + 1 + i]!, end = c + A[c + n + 2 + i]!; t < end; t++) {
    const k = A[t]!;
    let row: IntAffine;
    if (k < m0) row = R_domainRows[k]!;
    else {
      const { layer, unit } = unitOf(unitBase, k - m0);
      row = unitMapAt(pt, layer, unit);
    }
    M.push([row.c, ...row.w]);
  }
  const basis = M.length >= d ? integerNullSpace(M, d + 1) : [];
  if (basis.length === 1 && basis[0]![0] !== 0n) {
    const y = basis[0]!;
    const sign = y[0]! > 0n ? 1n : -1n;
    pool.exact[v] = reducedIntegerPoint(
      y.slice(1).map((x) => x * sign),
      y[0]! * sign,
    );
  }
}

/**
 * The exact affine map of unit `unit` of hidden layer `layer` on the cells whose pattern (at offset
 * pt of PT) has the bits of the layers before it; memoised by that label prefix (shared with the
 * cells' polytopes). Its sign is the sign of the unit's pre-activation (exactUnitMap).
 */
function unitMapAt(pt: number, layer: number, unit: number): IntAffine {
  const unitBase = R_unitBase;
  const prefix = labelOf(PT, pt, unitBase[layer]!);
  const memoKey = `${prefix}:${unit}`;
  let g = R_unitMaps.get(memoKey);
  if (!g) {
    const bits: boolean[][] = [];
    for (let q = 0; q < layer; q++)
      bits.push(
        Array.from({ length: R_fl[q]!.outputs }, (_, u) => prefix[unitBase[q]! + u] === '1'),
      );
    R_unitMaps.set(memoKey, (g = exactUnitMap(runLayers(), bits, layer, unit)));
  }
  return g;
}

/** g(p)·den for the exact point p = num/den (den > 0): the sign of g at p, scaled by den. */
function mapAt(g: IntAffine, p: IntegerPoint): bigint {
  let s = g.c * p.den;
  for (let i = 0; i < g.w.length; i++) if (g.w[i] !== 0n) s += g.w[i]! * p.num[i]!;
  return s;
}

/**
 * Signs of unit j of layer l at the cell's vertices into signBuf (±2: decided exactly); returns
 * 1 when one is strictly positive, 2 when one is strictly negative, 3 when both.
 */
function signs(c: FCell, l: number, j: number): number {
  const a = A;
  const pool = R_pool;
  const fl = R_fl;
  const nv = a[c]!;
  if (signBuf.length < nv) signBuf = new Int8Array(2 * nv);
  const out = signBuf;
  const S = pool.S;
  // stable during the loop (the pool grows only when a crossing is made)
  const zLayer = pool.zLayer;
  const zv = pool.zv;
  const ze = pool.ze;
  let f = 0;
  R_tests += nv;
  for (let i = 0; i < nv; i++) {
    const v = a[c + 1 + i]!;
    if (zLayer[v] !== l) pool.ensure(v, l, fl);
    const z = zv[v * S + j]!;
    const e = ze[v * S + j]!;
    if (z > e) {
      out[i] = 1;
      f |= 1;
    } else if (z < -e) {
      out[i] = -1;
      f |= 2;
    } else {
      R_fallbacks++;
      // the vertex's exact point (from its rows in the cell), then the unit's exact map on the
      // cell at it: z_j is affine on the cell and continuous, so this is z_j(v)'s sign
      exactFromCell(c, i, signsPattern);
      const Z = mapAt(unitMapAt(signsPattern, l, j), pool.exactPoint(v, runLayers()));
      // ±2: decided exactly (a crossing next to it is then built exactly too)
      out[i] = Z > 0n ? 2 : Z < 0n ? -2 : 0;
      f |= Z > 0n ? 1 : Z < 0n ? 2 : 0;
    }
  }
  return f;
}

/**
 * The crossing of local vertices p (positive) and q (negative) of the cell being split (context in
 * the cross* variables). A crossing between float-certified signs (±1) is interpolated with its
 * bound (the proof needs both certified); next to an exactly decided sign (±2) it is built exactly.
 */
function cross(p: number, q: number): number {
  const pool = R_pool;
  const a = A[crossCell + 1 + p]!;
  const b = A[crossCell + 1 + q]!;
  const seen = pool.memo(a, b, crossLayer, crossUnit);
  if (seen >= 0) return seen;
  const v =
    crossSigns[p] === 1 && crossSigns[q] === -1
      ? pool.crossing(a, b, crossLayer, crossUnit, crossWidth)
      : -1;
  if (v >= 0) return v;
  // built exactly: both ends' exact points from their tight rows, the unit's exact map on the cell
  // at both (the same positive scale: Za = z(a)·den_a·κ), x = (Za·b − Zb·a)/(Za·den_b − Zb·den_a)
  exactFromCell(crossCell, p, signsPattern);
  exactFromCell(crossCell, q, signsPattern);
  const g = unitMapAt(signsPattern, crossLayer, crossUnit);
  const pa = pool.exactPoint(a, runLayers());
  const pb = pool.exactPoint(b, runLayers());
  const Za = mapAt(g, pa);
  const Zb = mapAt(g, pb);
  const x = reducedIntegerPoint(
    pa.num.map((ai, k) => Za * pb.num[k]! - Zb * ai),
    Za * pb.den - Zb * pa.den,
  );
  return pool.exactCrossingAt(a, b, crossLayer, crossUnit, x, R_fl);
}

/**
 * Splits one state (a cell of the previous layer, at offset `state` of P, pattern at `pattern`) by
 * the n units of hidden layer l, unit by unit, and appends its parts and their patterns.
 */
function splitState(state: FCell, pattern: number, l: number, n: number, next: StateList): void {
  const np = splitUnits(state, pattern, l, n);
  const parts = outParts;
  const partBits = outBits;
  for (let pi = 0; pi < np; pi++) next.push(parts[pi]!, partBits[pi]!);
}

/**
 * A layer's states: cell offsets and pattern offsets in two growable Int32Arrays (no list of
 * numbers per layer); two of them, reused from layer to layer and from run to run.
 */
class StateList {
  cells = new Int32Array(256);
  patterns = new Int32Array(256);
  n = 0;
  push(cell: FCell, pattern: number): void {
    if (this.n === this.cells.length) {
      const c = new Int32Array(2 * this.n);
      c.set(this.cells);
      this.cells = c;
      const p = new Int32Array(2 * this.n);
      p.set(this.patterns);
      this.patterns = p;
    }
    this.cells[this.n] = cell;
    this.patterns[this.n++] = pattern;
  }
}
let statesA = new StateList();
let statesB = new StateList();

/** The part lists holding {@link splitUnits}' result (one of the reused pairs). */
let outParts: FCell[] = partsA;
let outBits: number[] = bitsA;

/**
 * The unit loop of {@link splitState}; returns the number of parts, left in outParts/outBits. A
 * function of its own ending at the loop: V8 optimises it on stack inside the loop, and code after
 * the loop had no type feedback then — the cached on-stack code deoptimised there on every later
 * call (`--trace-deopt`: "Insufficient type feedback", ≈ 100 per process).
 */
function splitUnits(state: FCell, pattern: number, l: number, n: number): number {
  const d = R_d;
  const m0 = R_m0;
  const keys = R_keys;
  const words = R_words;
  const base = R_unitBase[l]!;
  const cell = copyCell(P, state);
  let parts = partsA;
  let partBits = bitsA;
  let split = partsB;
  let splitBits = bitsB;
  parts[0] = cell;
  partBits[0] = pattern;
  let np = 1;
  for (let j = 0; j < n; j++) {
    const g = base + j;
    const word = g >>> 5;
    const bit = 1 << (g & 31);
    // z_j is affine on the state's cell: when its vertices show no strict sign change, no part can
    // be cut, and every part gets the bit the kernel would give it (a full-dimensional part has a
    // vertex with z_j ≠ 0 unless z_j ≡ 0 on the cell, and then all get 0)
    if (np > 1) {
      signsPattern = partBits[0]!;
      const f = signs(cell, l, j);
      if (f !== 3) {
        if (f & 1)
          for (let pi = 0; pi < np; pi++) {
            const at = partBits[pi]! + word;
            PT[at] = PT[at]! | bit;
          }
        continue;
      }
    }
    let ns = 0;
    const key = m0 + g;
    for (let pi = 0; pi < np; pi++) {
      const c = parts[pi]!;
      const bits = partBits[pi]!;
      signsPattern = bits;
      const f = signs(c, l, j);
      if (f !== 3) {
        if (f & 1) PT[bits + word] = PT[bits + word]! | bit;
        split[ns] = c;
        splitBits[ns++] = bits;
        continue;
      }
      crossCell = c;
      crossSigns = signBuf;
      crossLayer = l;
      crossUnit = j;
      crossWidth = n;
      splitCell(d, c, signBuf, key);
      // both parts carry the unit's key; the side comes from the cell's bit
      split[ns] = d <= 3 ? splitBelow : pruneCell(d, splitBelow, keys);
      splitBits[ns++] = newPattern(bits, words);
      split[ns] = d <= 3 ? splitAbove : pruneCell(d, splitAbove, keys);
      PT[bits + word] = PT[bits + word]! | bit;
      splitBits[ns++] = bits;
    }
    const t1 = parts;
    parts = split;
    split = t1;
    const t2 = partBits;
    partBits = splitBits;
    splitBits = t2;
    np = ns;
  }
  outParts = parts;
  outBits = partBits;
  return np;
}

/** All activation regions of a ReLU MLP in the domain cell, float all the way (unsorted). */
export function mlpCellsFloat(
  model: ReluMlpModel,
  domainCell: VCell,
  predicates: Predicates,
  stats?: FilterStats,
  onProgress?: ProgressCallback,
): PartitionCell[] {
  const d = domainCell.dimension;
  const fl = poolLayers(model);
  const L = fl.length;
  const domainRows = domainCell.rows;
  const m0 = domainRows.length;
  // row key: domain row r < m0; hidden unit with flat index u: m0 + u (its side is the cell's bit)
  const unitBase: number[] = [];
  let flat = 0;
  let widest = 0;
  for (let l = 0; l < L - 1; l++) {
    unitBase.push(flat);
    flat += fl[l]!.outputs;
    widest = Math.max(widest, fl[l]!.outputs);
  }
  const units = flat;
  const keys = m0 + units;
  const words = Math.max(1, Math.ceil(units / 32));
  reserveKeys(keys);
  const pool = new VertexPool(d, widest, 4 * domainCell.vertices.length + 64);
  const start = new Int32Array(domainCell.vertices.length);
  for (let i = 0; i < start.length; i++) start[i] = pool.addExact(domainCell.vertices[i]!);
  // exact unit maps by (label prefix of the layers before the unit, unit), shared with the cells
  const unitMaps = new Map<string, IntAffine>();
  R_pool = pool;
  R_fl = fl;
  R_model = model;
  R_int = undefined;
  R_d = d;
  R_m0 = m0;
  R_keys = keys;
  R_words = words;
  R_unitBase = unitBase;
  R_domainRows = domainRows;
  R_unitMaps = unitMaps;
  R_tests = 0;
  R_fallbacks = 0;
  top = 0;
  // the states of the layer being split and of the next one
  let states = statesA;
  let next = statesB;
  states.n = 0;
  // activation patterns: `words` mask words per pattern at an offset of the pattern arena PT
  ptTop = 0;
  states.push(makeCell(start, domainCell.incidence), newPattern(-1, words));
  for (let l = 0; l < L - 1; l++) {
    const n = fl[l]!.outputs;
    // this layer's arena: the other one (the previous layer's cells are read from P)
    {
      const t = P;
      P = A;
      A = t;
      top = 0;
    }
    next.n = 0;
    // the crossing of edge (p, q) by unit j is one point whichever cell (of this layer) cuts it:
    // z_j is continuous and affine on each cell containing the edge, so neighbours share it (memo
    // in the pool)
    for (let s = 0; s < states.n; s++) {
      splitState(states.cells[s]!, states.patterns[s]!, l, n, next);
      onProgress?.({ phase: `layer ${l + 1}`, done: s + 1, total: states.n });
    }
    const t = states;
    states = next;
    next = t;
  }
  if (stats) {
    stats.signTests += R_tests;
    stats.exactFallbacks += R_fallbacks;
  }
  let intLayers: IntLayer[] | undefined = R_int;
  const layersOf = (): IntLayer[] => (intLayers ??= integerLayers(model));
  // nothing of this enumeration is kept in the module state
  R_pool = undefined as unknown as VertexPool;
  R_model = undefined;
  R_int = undefined;
  R_unitMaps = new Map();
  // the float layer values are not needed any more (exact ones come from the exact points)
  pool.dropLayerValues();
  const ctx: CellContext = {
    d,
    m0,
    keys,
    units,
    domainRows,
    unitBase,
    widths: fl.slice(0, L - 1).map((x) => x.outputs),
    predicates,
    pool,
    layers: layersOf,
    // the unit maps the enumeration's exact fallbacks made are the cells' too (same keys)
    // ≈ 1.4 unit rows per cell on the benchmark nets (two sides of ≈ 0.7 facet units)
    unitMaps: new UnitMapCache(layersOf, unitBase, unitMaps, 2 * states.n),
    // set by finalCells
    cells: NO_INTS,
  };
  const res = finalCells(states, ctx);
  // the state lists are reused by the next enumeration; large ones are released
  if (statesA.cells.length > 1 << 16) statesA = new StateList();
  if (statesB.cells.length > 1 << 16) statesB = new StateList();
  // the arenas are reused by the next enumeration; large ones are released
  if (A.length > 1 << 20) A = new Int32Array(1 << 12);
  if (P.length > 1 << 20) P = new Int32Array(1 << 12);
  if (PT.length > 1 << 20) PT = new Uint32Array(1 << 10);
  top = 0;
  ptTop = 0;
  return res;
}

/**
 * The public cells: the final cells copied out of the arena (reused by the next enumeration) into
 * one array; a cell keeps its offset (offsets inside a cell are relative to it) and its label (read
 * from the pattern arena here: the cell keeps no mask).
 */
function finalCells(states: StateList, ctx: CellContext): PartitionCell[] {
  const cells = states.cells;
  const patterns = states.patterns;
  const count = states.n;
  let total = 0;
  for (let i = 0; i < count; i++) total += cellSize(A, cells[i]!);
  const cellArr = new Int32Array(total);
  ctx.cells = cellArr;
  const res: PartitionCell[] = new Array(count);
  for (let i = 0, at = 0; i < count; i++) {
    const c = cells[i]!;
    const size = cellSize(A, c);
    for (let t = 0; t < size; t++) cellArr[at + t] = A[c + t]!;
    res[i] = new FloatMlpCell(at, labelOf(PT, patterns[i]!, ctx.units), ctx);
    at += size;
  }
  return res;
}

/** ASCII label bytes, one buffer per label length; decoded natively (no argument list per label). */
const labelBytes: Uint8Array[] = [];
const ascii = new TextDecoder();

/** The label ('0'/'1' per hidden unit, layer by layer) of a pattern's bit mask. */
function labelOf(bits: Uint32Array, off: number, units: number): string {
  const codes = (labelBytes[units] ??= new Uint8Array(units));
  for (let g = 0; g < units; g++) codes[g] = (bits[off + (g >>> 5)]! >>> (g & 31)) & 1 ? 49 : 48;
  // one flat string (a concatenated rope would make every later comparison flatten it)
  return ascii.decode(codes);
}

/** Facet index by row key while a cell's polytope is built (−1 elsewhere). */
let keySlot = new Int32Array(0);
/** The tight facets of a cell's vertices while its KnownCell is built (knownCell's tightRows, tightStart). */
let tightBuf = new Int32Array(256);
let tightStartBuf = new Int32Array(64);
/** knownCell's input for a float cell (fields set per call: {@link FloatMlpCell.knownCell}). */
interface FloatKnownInput {
  dimension: number;
  homogeneousRows: readonly (readonly bigint[])[];
  vertexCount: number;
  tightRows: Int32Array;
  tightStart: Int32Array;
  vertexSource: KnownVertexSource | undefined;
  reducedVertices: boolean;
  floatCoordinates: { x: Float64Array; index: Int32Array; indexAt: number; error: number };
  predicates: Predicates;
  vertexIds: { space: object; ids: Int32Array; at: number };
}

const NO_ROWS: readonly (readonly bigint[])[] = [];
const NO_FLOATS = new Float64Array(0);
const NO_INTS = new Int32Array(0);
const NO_SPACE = {};

function newKnownInput(): FloatKnownInput {
  return {
    dimension: 0,
    homogeneousRows: NO_ROWS,
    vertexCount: 0,
    tightRows: NO_INTS,
    tightStart: NO_INTS,
    vertexSource: undefined,
    reducedVertices: true,
    floatCoordinates: { x: NO_FLOATS, index: NO_INTS, indexAt: 0, error: 0 },
    predicates: 'exact',
    vertexIds: { space: NO_SPACE, ids: NO_INTS, at: 0 },
  };
}

/** Drops an input's references to a cell, its rows and its pool. */
function releaseKnownInput(input: FloatKnownInput): void {
  input.homogeneousRows = NO_ROWS;
  input.vertexSource = undefined;
  input.floatCoordinates.x = NO_FLOATS;
  input.floatCoordinates.index = NO_INTS;
  input.vertexIds.space = NO_SPACE;
  input.vertexIds.ids = NO_INTS;
}

/** The input of the KnownCell being built (reused; a nested build makes its own). */
const knownInput = newKnownInput();
let knownInputBusy = false;

/** Per hidden layer: the rows table of a cell's prefix while its rows are made (then cleared). */
const sidesScratch: SideRows[] = [];

/**
 * The point of R² on the lines of homogeneous rows u, v (h0 + h'·x = 0), reduced (den > 0,
 * gcd 1): y = u × v spans the null space of the two rows, as the kernel vector `exactVertexOfRows`
 * finds (primitive, sign fixed by den > 0: the same point); undefined when the lines are parallel
 * or equal.
 */
function crossVertex(u: readonly bigint[], v: readonly bigint[]): IntegerPoint | undefined {
  let y0 = u[1]! * v[2]! - u[2]! * v[1]!;
  if (y0 === 0n) return undefined;
  let y1 = u[2]! * v[0]! - u[0]! * v[2]!;
  let y2 = u[0]! * v[1]! - u[1]! * v[0]!;
  let g = gcdBig(y0, y1);
  if (g !== 1n && y2 !== 0n) g = gcdBig(g, y2);
  if (g !== 1n) {
    y0 /= g;
    y1 /= g;
    y2 /= g;
  }
  if (y0 < 0n) {
    y0 = -y0;
    y1 = -y1;
    y2 = -y2;
  }
  return { num: [y1, y2], den: y0 };
}

/** Flat unit index → (hidden layer, unit). */
function unitOf(unitBase: readonly number[], u: number): { layer: number; unit: number } {
  let l = unitBase.length - 1;
  while (unitBase[l]! > u) l--;
  return { layer: l, unit: u - unitBase[l]! };
}

/**
 * A public cell of the float enumeration: label at once; float vertices, exact vertices, polytope
 * (rows from the final incidence), prediction and maps computed when first read.
 */
class FloatMlpCell implements PartitionCell, KnownVertexSource {
  // declared fields assigned in the constructor (plain stores: thousands of cells are made)
  declare readonly label: string;
  /**
   * The cell's vertices and incidence, laid out as an arena cell at offset _at of the
   * enumeration's final cells (`_ctx.cells`, one array for all: no field per cell for it).
   */
  declare private _at: number;
  declare private _ctx: CellContext;
  /** What only some readers ask for (pattern, exact vertices, maps, prediction), made on first read. */
  declare private _rare: RareCellParts | undefined;
  declare private _known: KnownCell | undefined;

  constructor(at: number, label: string, ctx: CellContext) {
    this.label = label;
    this._at = at;
    this._ctx = ctx;
    this._rare = undefined;
    this._known = undefined;
  }

  /** Float vertices (copies of the pool's coordinates) and the largest of their bounds. */
  get floatVertices(): { points: Float64Array[]; error: number } {
    const more = this._more;
    if (!more.float) {
      const pool = this._ctx.pool;
      const c = this._ctx.cells;
      const at = this._at;
      const points = new Array<Float64Array>(c[at]!);
      let error = 0;
      for (let i = 0; i < points.length; i++) {
        const v = c[at + 1 + i]!;
        if (pool.ex[v]! > error) error = pool.ex[v]!;
        points[i] = pool.point(v);
      }
      more.float = { points, error };
    }
    return more.float;
  }

  /**
   * The float vertices for the polytope's vertex order: plain arrays read from the pool (not the
   * public Float64Array copies), with the largest bound.
   */
  private poolPoints(): { points: number[][]; error: number } {
    const pool = this._ctx.pool;
    const d = pool.d;
    const x = pool.x;
    const c = this._ctx.cells;
    const at = this._at;
    const points = new Array<number[]>(c[at]!);
    let error = 0;
    for (let i = 0; i < points.length; i++) {
      const v = c[at + 1 + i]!;
      if (pool.ex[v]! > error) error = pool.ex[v]!;
      const p = new Array<number>(d);
      for (let k = 0; k < d; k++) p[k] = x[v * d + k]!;
      points[i] = p;
    }
    return { points, error };
  }

  /** The rarely read parts' holder (made on first use). */
  private get _more(): RareCellParts {
    return (this._rare ??= {
      float: undefined,
      bits: undefined,
      vertices: undefined,
      maps: undefined,
      prediction: undefined,
      mlp: undefined,
    });
  }

  /** The activation pattern per hidden layer, from the label ('1': active). */
  private get _bits(): boolean[][] {
    const more = this._more;
    if (!more.bits) {
      const { unitBase, widths } = this._ctx;
      const label = this.label;
      more.bits = widths.map((w, l) =>
        Array.from({ length: w }, (_, j) => label.charCodeAt(unitBase[l]! + j) === 49),
      );
    }
    return more.bits;
  }

  get vertices(): Rational[][] {
    const more = this._more;
    if (!more.vertices) {
      const { pool } = this._ctx;
      const layers = this._ctx.layers();
      const at = this._at;
      more.vertices = Array.from(
        this._ctx.cells.subarray(at + 1, at + this._ctx.cells[at]! + 1),
        (v) => integerPointToRationals(pool.exactPoint(v, layers)),
      );
    }
    return more.vertices;
  }

  get polytope(): Polytope {
    return this.knownCell.polytope();
  }

  /**
   * The cell's facets (exact rows), incidence, vertex order and vertex ids without its Polytope
   * (s11-cellview): the float complex reads these and builds the Polytope only on demand.
   */
  get knownCell(): KnownCell {
    if (!this._known) {
      const ctx = this._ctx;
      const { d, keys, predicates } = ctx;
      const c = this._ctx.cells;
      const o = this._at;
      const facetCount = facetKeysInto(d, c, o, keys);
      const rows = this._rowsOf(facetKeyBuf, facetCount);
      // facet index by row key (a reused table: −1 = not a facet of this cell)
      if (keySlot.length < keys)
        keySlot = new Int32Array(Math.max(keys, 2 * keySlot.length)).fill(-1);
      for (let j = 0; j < facetCount; j++) keySlot[facetKeyBuf[j]!] = j;
      // known vertices and incidence (s6-cx): no second vertex enumeration on the rows; the tight
      // facets of every vertex in one reused list (knownCell reads it during the call only)
      const n = c[o]!;
      const first = o + c[o + n + 1]!;
      const last = o + c[o + 2 * n + 1]!;
      if (tightBuf.length < last - first) tightBuf = new Int32Array(2 * (last - first));
      if (tightStartBuf.length < n + 1) tightStartBuf = new Int32Array(2 * (n + 1));
      let len = 0;
      for (let i = 0; i < n; i++) {
        tightStartBuf[i] = len;
        for (let t = o + c[o + n + 1 + i]!, end = o + c[o + n + 2 + i]!; t < end; t++) {
          const j = keySlot[c[t]!]!;
          if (j >= 0) tightBuf[len++] = j;
        }
      }
      tightStartBuf[n] = len;
      for (let j = 0; j < facetCount; j++) keySlot[facetKeyBuf[j]!] = -1;
      // the float vertices read from the pool (no array per vertex), with the largest bound
      const pool = ctx.pool;
      let error = 0;
      for (let i = 0; i < n; i++) {
        const e = pool.ex[c[o + 1 + i]!]!;
        if (e > error) error = e;
      }
      // the input object reused (knownCell reads it during the call only; a nested call, if
      // any, makes its own)
      const input = knownInputBusy ? newKnownInput() : knownInput;
      knownInputBusy = true;
      input.dimension = d;
      input.homogeneousRows = rows;
      input.vertexCount = n;
      input.tightRows = tightBuf;
      input.tightStart = tightStartBuf;
      // tight sets rebuilt per vertex when asked (rarely): the cell keeps no list per vertex,
      // and no closure (the cell is the source: knownExactVertex)
      input.vertexSource = this;
      // its points are reduced (knownExactVertex): not reduced again
      input.reducedVertices = true;
      const fc = input.floatCoordinates;
      fc.x = pool.x;
      fc.index = c;
      fc.indexAt = o + 1;
      fc.error = error;
      input.predicates = predicates;
      // the pool indices: one point per index (for the complex's point identities)
      const ids = input.vertexIds;
      ids.space = pool;
      ids.ids = c;
      ids.at = o + 1;
      try {
        this._known = knownCell(input);
      } finally {
        if (input === knownInput) {
          // nothing of this cell or pool kept by the module
          releaseKnownInput(input);
          knownInputBusy = false;
        }
      }
    }
    return this._known;
  }

  /**
   * The float vertices given to its KnownCell (`floatVertices`), made again when the Polytope
   * reads them (the KnownCell keeps no copy).
   * @internal
   */
  knownFloatVertices(): { points: readonly ArrayLike<number>[]; error: number } {
    return this._rare?.float ?? this.poolPoints();
  }

  /**
   * The homogeneous rows h0 + h'·x ≥ 0 of the given row keys (shared with the cells of the same
   * prefix and side).
   */
  private _rowsOf(facetKeys: Int32Array, count: number): (readonly bigint[])[] {
    const ctx = this._ctx;
    const { m0, unitBase } = ctx;
    const label = this.label;
    const domainH = (ctx.domainH ??= ctx.domainRows.map((g) => [-g.c, ...g.w.map((x) => -x)]));
    const rows = new Array<readonly bigint[]>(count);
    // per hidden layer: the rows table of this cell's label prefix (looked up once; a reused
    // list, cleared below)
    const sidesByLayer = sidesScratch;
    for (let j = 0; j < count; j++) {
      const key = facetKeys[j]!;
      if (key < m0) {
        rows[j] = domainH[key]!;
        continue;
      }
      const u = key - m0;
      let layer = unitBase.length - 1;
      while (unitBase[layer]! > u) layer--;
      // the unit's map depends on the bits of the layers before it: cells share it (and the
      // layer maps below it, known-cell-maps.ts); the side is the cell's bit
      let sides = sidesByLayer[layer];
      if (sides === undefined || sides < 0)
        sidesByLayer[layer] = sides = ctx.unitMaps.sidesOf(label, layer);
      rows[j] = ctx.unitMaps.homogeneousRow(label, layer, u - unitBase[layer]!, sides);
    }
    for (let l = 0; l < sidesByLayer.length; l++) sidesByLayer[l] = -1;
    return rows;
  }

  /**
   * The exact vertex i (in the cell's own vertex order) for its KnownCell: the null space of its
   * tight facet rows, found again from the packed incidence on each call (the same rows,
   * increasing, as the tight sets given to `knownCell`), else the pool's exact point. The facet
   * keys and rows are made again too (the cell keeps nothing for this rare read).
   * @internal
   */
  knownExactVertex(i: number): IntegerPoint {
    const ctx = this._ctx;
    const d = ctx.d;
    const c = this._ctx.cells;
    const o = this._at;
    const facetCount = facetKeysInto(d, c, o, ctx.keys);
    const n = c[o]!;
    if (d === 2) {
      // a vertex on exactly two facets: the cross product of their rows (no elimination)
      let k0 = -1;
      let k1 = -1;
      let count = 0;
      for (let t = o + c[o + n + 1 + i]!, end = o + c[o + n + 2 + i]!; t < end; t++) {
        const key = c[t]!;
        let j = facetCount - 1;
        while (j >= 0 && facetKeyBuf[j] !== key) j--;
        if (j < 0) continue;
        if (count === 0) k0 = key;
        else k1 = key;
        count++;
      }
      if (count === 2) {
        const p = crossVertex(this._rowOfKey(k0), this._rowOfKey(k1));
        if (p) return p;
      }
    }
    const rows = this._rowsOf(facetKeyBuf, facetCount);
    const tight: number[] = [];
    for (let t = o + c[o + n + 1 + i]!, end = o + c[o + n + 2 + i]!; t < end; t++) {
      let j = facetCount - 1;
      while (j >= 0 && facetKeyBuf[j] !== c[t]) j--;
      if (j < 0) continue;
      // increasing, as the lists given to knownCell (insertion)
      let k = tight.length;
      tight.push(j);
      for (; k > 0 && tight[k - 1]! > j; k--) tight[k] = tight[k - 1]!;
      tight[k] = j;
    }
    // reduced (the KnownCell takes the points as given: `reducedVertices`): the kernel vector is
    // primitive, the pool's point is reduced here
    return exactVertexOfRows(d, rows, tight, i, (v) => {
      const p = ctx.pool.exactPoint(c[o + 1 + v]!, ctx.layers());
      return reducedIntegerPoint(p.num, p.den);
    });
  }

  /** The homogeneous row h0 + h'·x ≥ 0 of one row key of this cell (as {@link _rowsOf}). */
  private _rowOfKey(key: number): readonly bigint[] {
    const ctx = this._ctx;
    const { m0, unitBase } = ctx;
    if (key < m0)
      return (ctx.domainH ??= ctx.domainRows.map((g) => [-g.c, ...g.w.map((x) => -x)]))[key]!;
    const u = key - m0;
    let layer = unitBase.length - 1;
    while (unitBase[layer]! > u) layer--;
    return ctx.unitMaps.homogeneousRow(this.label, layer, u - unitBase[layer]!);
  }

  private _exactMaps(): IntMap[] {
    const more = this._more;
    if (!more.maps) {
      const layers = this._ctx.layers();
      const bits = this._bits;
      const maps = [firstMap(layers[0]!)];
      for (let l = 0; l < layers.length - 1; l++)
        maps.push(nextMap(maps[l]!, bits[l]!, layers[l + 1]!, layers[l]!));
      more.maps = maps;
    }
    return more.maps;
  }

  /** The output at the cell's exact centroid (as the exact path: SPEC §2). */
  get prediction(): number | number[] {
    const more = this._more;
    if (more.prediction === undefined) {
      const all = this._exactMaps();
      const y = evaluateMap(all[all.length - 1]!, this.polytope.centroid()).map((v) =>
        v.toNumber(),
      );
      more.prediction = y.length === 1 ? y[0]! : y;
    }
    return more.prediction;
  }

  get mlp(): MlpCellMaps {
    const more = this._more;
    if (!more.mlp) {
      const all = this._exactMaps();
      const output = toAffineMap(all[all.length - 1]!);
      const out = { pattern: this._bits, output } as MlpCellMaps;
      lazyProperty(out, 'layerMaps', () =>
        all.map((m, i) => (i === all.length - 1 ? output : toAffineMap(m))),
      );
      more.mlp = out;
    }
    return more.mlp;
  }
}

/** The parts of a float cell few readers ask for (each made on first read). */
interface RareCellParts {
  /** Float vertices (copies of the pool's coordinates) and the largest of their bounds. */
  float: { points: Float64Array[]; error: number } | undefined;
  bits: boolean[][] | undefined;
  vertices: Rational[][] | undefined;
  maps: IntMap[] | undefined;
  prediction: number | number[] | undefined;
  mlp: MlpCellMaps | undefined;
}

/** What the lazy parts of a cell need from its enumeration. */
interface CellContext {
  d: number;
  m0: number;
  /** Number of row keys (domain rows + hidden units). */
  keys: number;
  /** Number of hidden units (label length). */
  units: number;
  domainRows: readonly IntAffine[];
  /** The domain rows as homogeneous rows (h0, h'), h0 + h'·x ≥ 0 (made on first use). */
  domainH?: bigint[][];
  unitBase: readonly number[];
  /** Hidden layer widths. */
  widths: readonly number[];
  predicates: Predicates;
  pool: VertexPool;
  layers: () => readonly IntLayer[];
  /** Exact unit maps by (label prefix of the layers before the unit, unit). */
  unitMaps: UnitMapCache;
  /** The final cells, one after the other (each cell's offset in it is its `_at`). */
  cells: Int32Array;
}
