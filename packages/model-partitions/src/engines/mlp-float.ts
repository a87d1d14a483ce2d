/**
 * ReLU MLP activation regions on the float path (`predicates: 'filtered'`), float all the way
 * (issue 11; SPEC §1 float fast path, docs/float-enumeration.md): the same layer-by-layer,
 * unit-by-unit splitting as {@link mlpCells} (engines/mlp.ts), but every vertex is float64 with a
 * proven error bound and carries the current layer's pre-activations (likewise bounded), so a sign
 * test is one comparison |ẑ| > bound. A sign the bound cannot certify is decided exactly for that
 * vertex alone: its exact point is recomputed from its parents and cutting unit (lazy exact), then
 * an integer forward pass gives the exact pre-activation. The cells, labels, rows and vertex lists
 * are therefore identical to the exact path's; exact vertices, polytopes and maps are computed only
 * when read. Rows are kept as keys (a domain row, or a hidden unit and its side) and become exact
 * integer rows only when the polytope is asked for.
 *
 * Storage (session 6): vertices are indices into a {@link VertexPool} (typed arrays, no object per
 * vertex); a cell is three Int32Arrays (its vertices, and their incidence lists of row keys in CSR
 * form); an activation pattern is a bit mask in Uint32Array words. Scratch buffers are reused from
 * split to split and from layer to layer; float vertex coordinates are copied out only when read.
 */
import { type FilterStats } from '@mlgeo/exact-arith';
import type { ReluMlpModel } from '../models.js';
import type { MlpCellMaps, PartitionCell, Predicates, ProgressCallback } from '../partition.js';
import { type IntAffine, negateAffine } from './affine.js';
import { defineLazy, exactVertexFromTightRows, polytopeOfKnownCell } from './cell.js';
import { VertexPool, poolLayers } from './float-pool.js';
import { UnitMapCache } from './known-cell-maps.js';
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
import { type Rational, integerPointToRationals } from '@mlgeo/exact-arith';
import type { Polytope } from '@mlgeo/exact-polytope';

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
    this.off.push(this.inc.n);
    for (let k = from; k < to; k++) this.inc.push(src[k]!);
    if (extra >= 0) this.inc.push(extra);
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

/**
 * exact-polytope's `splitVertexCell` (one double-description step on the V side, edges by the
 * combinatorial adjacency test of Fukuda–Prodon) on an {@link FCell} whose signs (−1/−2, 0, 1/2
 * per vertex; ±2 decided exactly) show a strict change: the same combinatorics in the same order
 * (kept vertices first in their order, then one new vertex per crossed edge in (above, below)
 * order), so the vertex lists equal the exact path's. `cross(p, q)` makes the vertex on the edge
 * between local vertices p (positive) and q (negative).
 */
export function splitCell(
  d: number,
  c: FCell,
  sg: Int8Array,
  key: number,
  cross: (p: number, q: number) => number,
): void {
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
  for (let ia = 0; ia < na; ia++) {
    const p = above[ia]!;
    const p0 = c + inc[o + p]!;
    const p1 = c + inc[o + p + 1]!;
    for (let ib = 0; ib < nb; ib++) {
      const q = below[ib]!;
      // the rows through both (sorted merge into the scratch; most pairs are not edges)
      let q0 = c + inc[o + q]!;
      const q1 = c + inc[o + q + 1]!;
      if (common.length < p1 - p0) common = new Int32Array(2 * (p1 - p0));
      let m = 0;
      let i = p0;
      while (i < p1 && q0 < q1) {
        const x = inc[i]!;
        const y = inc[q0]!;
        if (x === y) {
          common[m++] = x;
          i++;
          q0++;
        } else if (x < y) i++;
        else q0++;
      }
      if (m < d - 1) continue;
      // p, q span an edge iff no third vertex lies on every row through both (Fukuda–Prodon). In
      // the plane that never happens once they share a row: the rows through both are the line pq,
      // and a third vertex on it would lie between two others or have one between it and the
      // third, which no vertex of a convex polygon (an extreme point) does
      let edge = true;
      for (let w = 0; w < n && edge && d > 2; w++) {
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

/** The row keys on at least d vertices (the facet rows) of cell c of `arr`, in increasing order. */
export function facetKeysOf(d: number, arr: Int32Array, c: number, keys: number): number[] {
  const distinct = countKeys(arr, c, keys);
  const out: number[] = [];
  for (let t = 0; t < distinct; t++) if (keyCount[keyList[t]!]! >= d) out.push(keyList[t]!);
  clearKeys(distinct);
  return out.sort((a, b) => a - b);
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

/** All activation regions of a ReLU MLP in the domain cell, float all the way (unsorted). */
export function mlpCellsFloat(
  model: ReluMlpModel,
  domainCell: VCell,
  predicates: Predicates,
  stats?: FilterStats,
  onProgress?: ProgressCallback,
): PartitionCell[] {
  const d = domainCell.dimension;
  // exact integer layers only when a decision or a reader needs them
  let intLayers: IntLayer[] | undefined;
  const layersOf = (): IntLayer[] => (intLayers ??= integerLayers(model));
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
  const pool = new VertexPool(d, widest, 4 * domainCell.vertices.length + 64);
  const start = new Int32Array(domainCell.vertices.length);
  for (let i = 0; i < start.length; i++) start[i] = pool.addExact(domainCell.vertices[i]!);
  top = 0;
  let cells: FCell[] = [makeCell(start, domainCell.incidence)];
  let patterns: Uint32Array[] = [new Uint32Array(words)];
  let tests = 0;
  let fallbacks = 0;
  let signBuf = new Int8Array(64);
  /** Signs of unit j of layer l (width n) at the cell's vertices (±2: decided exactly). */
  /**
   * Signs of unit j of layer l at the cell's vertices into signBuf (±2: decided exactly); returns
   * 1 when one is strictly positive, 2 when one is strictly negative, 3 when both.
   */
  const signs = (c: FCell, l: number, j: number): number => {
    const a = A;
    const nv = a[c]!;
    if (signBuf.length < nv) signBuf = new Int8Array(2 * nv);
    const out = signBuf;
    const S = pool.S;
    // stable during the loop (the pool grows only when a crossing is made)
    const zLayer = pool.zLayer;
    const zv = pool.zv;
    const ze = pool.ze;
    let f = 0;
    tests += nv;
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
        fallbacks++;
        const Z = pool.exactZ(v, layersOf(), l)[j]!;
        // ±2: decided exactly (a crossing next to it is then built exactly too)
        out[i] = Z > 0n ? 2 : Z < 0n ? -2 : 0;
        f |= Z > 0n ? 1 : Z < 0n ? 2 : 0;
      }
    }
    return f;
  };
  // the crossing of local vertices p (positive) and q (negative) of the cell being split: one
  // function for every split (its context in the variables below), no closure per split.
  // A crossing between float-certified signs (±1) is interpolated with its bound (the proof needs
  // both certified); next to an exactly decided sign (±2) it is built exactly
  let crossCell: FCell = cells[0]!;
  let crossSigns: Int8Array = signBuf;
  let crossLayer = 0;
  let crossUnit = 0;
  let crossWidth = 0;
  const cross = (p: number, q: number): number => {
    const a = A[crossCell + 1 + p]!;
    const b = A[crossCell + 1 + q]!;
    const seen = pool.memo(a, b, crossLayer, crossUnit);
    if (seen >= 0) return seen;
    const v =
      crossSigns[p] === 1 && crossSigns[q] === -1
        ? pool.crossing(a, b, crossLayer, crossUnit, crossWidth)
        : -1;
    return v >= 0 ? v : pool.exactCrossing(a, b, crossLayer, crossUnit, layersOf());
  };
  // reused part lists (cells and patterns of the parts of one state)
  let parts: FCell[] = [];
  let partBits: Uint32Array[] = [];
  let split: FCell[] = [];
  let splitBits: Uint32Array[] = [];
  for (let l = 0; l < L - 1; l++) {
    const n = fl[l]!.outputs;
    const nextCells: FCell[] = [];
    // this layer's arena: the other one (the previous layer's cells are read from P)
    {
      const t = P;
      P = A;
      A = t;
      top = 0;
    }
    const nextPatterns: Uint32Array[] = [];
    // the crossing of edge (p, q) by unit j is one point whichever cell (of this layer) cuts it:
    // z_j is continuous and affine on each cell containing the edge, so neighbours share it (memo
    // in the pool)
    let done = 0;
    for (let s = 0; s < cells.length; s++) {
      const cell = copyCell(P, cells[s]!);
      parts[0] = cell;
      partBits[0] = patterns[s]!;
      let np = 1;
      for (let j = 0; j < n; j++) {
        const g = unitBase[l]! + j;
        const word = g >>> 5;
        const bit = 1 << (g & 31);
        // z_j is affine on the state's cell: when its vertices show no strict sign change, no part
        // can be cut, and every part gets the bit the kernel would give it (a full-dimensional part
        // has a vertex with z_j ≠ 0 unless z_j ≡ 0 on the cell, and then all get 0)
        if (np > 1) {
          const f = signs(cell, l, j);
          if (f !== 3) {
            if (f & 1)
              for (let pi = 0; pi < np; pi++) partBits[pi]![word] = partBits[pi]![word]! | bit;
            continue;
          }
        }
        let ns = 0;
        const key = m0 + g;
        for (let pi = 0; pi < np; pi++) {
          const c = parts[pi]!;
          const bits = partBits[pi]!;
          const f = signs(c, l, j);
          const sg = signBuf;
          if (f !== 3) {
            if (f & 1) bits[word] = bits[word]! | bit;
            split[ns] = c;
            splitBits[ns++] = bits;
            continue;
          }
          crossCell = c;
          crossSigns = sg;
          crossLayer = l;
          crossUnit = j;
          crossWidth = n;
          splitCell(d, c, sg, key, cross);
          // both parts carry the unit's key; the side comes from the cell's bit
          split[ns] = d <= 3 ? splitBelow : pruneCell(d, splitBelow, keys);
          splitBits[ns++] = bits.slice();
          split[ns] = d <= 3 ? splitAbove : pruneCell(d, splitAbove, keys);
          bits[word] = bits[word]! | bit;
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
      for (let pi = 0; pi < np; pi++) {
        nextCells.push(parts[pi]!);
        nextPatterns.push(partBits[pi]!);
      }
      onProgress?.({ phase: `layer ${l + 1}`, done: ++done, total: cells.length });
    }
    cells = nextCells;
    patterns = nextPatterns;
  }
  if (stats) {
    stats.signTests += tests;
    stats.exactFallbacks += fallbacks;
  }
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
    unitMaps: new UnitMapCache(layersOf, unitBase),
  };
  if (labelBuf.length < units) labelBuf = new Uint16Array(units);
  const res: PartitionCell[] = new Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    // each cell's own copy (offsets are relative to the cell)
    const c = cells[i]!;
    res[i] = new FloatMlpCell(A.slice(c, c + cellSize(A, c)), patterns[i]!, ctx);
  }
  // the arenas are reused by the next enumeration; large ones are released
  if (A.length > 1 << 20) A = new Int32Array(1 << 12);
  if (P.length > 1 << 20) P = new Int32Array(1 << 12);
  top = 0;
  return res;
}

let labelBuf = new Uint16Array(64);

/** The label ('0'/'1' per hidden unit, layer by layer) of a pattern's bit mask. */
function labelOf(bits: Uint32Array, units: number): string {
  const codes = units === labelBuf.length ? labelBuf : labelBuf.subarray(0, units);
  for (let g = 0; g < units; g++) codes[g] = (bits[g >>> 5]! >>> (g & 31)) & 1 ? 49 : 48;
  // one flat string (a concatenated rope would make every later comparison flatten it)
  return String.fromCharCode.apply(null, codes as unknown as number[]);
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
class FloatMlpCell implements PartitionCell {
  // declared fields assigned in the constructor (plain stores: thousands of cells are made)
  declare readonly label: string;
  /** The cell's vertices and incidence, laid out as an arena cell at offset 0. */
  declare private _cell: Int32Array;
  declare private _mask: Uint32Array;
  declare private _ctx: CellContext;
  declare private _float: { points: Float64Array[]; error: number } | undefined;
  declare private _bitsArr: boolean[][] | undefined;
  declare private _exactVertices: Rational[][] | undefined;
  declare private _polytope: Polytope | undefined;
  declare private _maps: IntMap[] | undefined;
  declare private _prediction: number | number[] | undefined;
  declare private _mlp: MlpCellMaps | undefined;

  constructor(cell: Int32Array, mask: Uint32Array, ctx: CellContext) {
    this.label = labelOf(mask, ctx.units);
    this._cell = cell;
    this._mask = mask;
    this._ctx = ctx;
    this._float = undefined;
    this._bitsArr = undefined;
    this._exactVertices = undefined;
    this._polytope = undefined;
    this._maps = undefined;
    this._prediction = undefined;
    this._mlp = undefined;
  }

  /** Float vertices (copies of the pool's coordinates) and the largest of their bounds. */
  get floatVertices(): { points: Float64Array[]; error: number } {
    if (!this._float) {
      const pool = this._ctx.pool;
      const c = this._cell;
      const points = new Array<Float64Array>(c[0]!);
      let error = 0;
      for (let i = 0; i < points.length; i++) {
        const v = c[1 + i]!;
        if (pool.ex[v]! > error) error = pool.ex[v]!;
        points[i] = pool.point(v);
      }
      this._float = { points, error };
    }
    return this._float;
  }

  private get _bits(): boolean[][] {
    if (!this._bitsArr) {
      const { unitBase, widths } = this._ctx;
      this._bitsArr = widths.map((w, l) =>
        Array.from({ length: w }, (_, j) => {
          const g = unitBase[l]! + j;
          return ((this._mask[g >>> 5]! >>> (g & 31)) & 1) === 1;
        }),
      );
    }
    return this._bitsArr;
  }

  get vertices(): Rational[][] {
    if (!this._exactVertices) {
      const { pool } = this._ctx;
      const layers = this._ctx.layers();
      this._exactVertices = Array.from(this._cell.subarray(1, this._cell[0]! + 1), (v) =>
        integerPointToRationals(pool.exactPoint(v, layers)),
      );
    }
    return this._exactVertices;
  }

  get polytope(): Polytope {
    if (!this._polytope) {
      const { d, m0, keys, domainRows, unitBase, predicates } = this._ctx;
      const layers = this._ctx.layers();
      const bits = this._bits;
      const facetKeys = facetKeysOf(d, this._cell, 0, keys);
      const rows = facetKeys.map((key) => {
        if (key < m0) return domainRows[key]!;
        const { layer, unit } = unitOf(unitBase, key - m0);
        // the unit's map depends on the bits of the layers before it: cells share it (and the
        // layer maps below it, known-cell-maps.ts)
        const g = this._ctx.unitMaps.unitMap(this.label, bits, layer, unit);
        // the cell lies where the unit's bit says: bit 1 ⇔ z ≥ 0 ⇔ −z ≤ 0
        return bits[layer]![unit] ? negateAffine(g) : g;
      });
      // known vertices and incidence (s6-cx): no second vertex enumeration on the rows
      const at = new Map(facetKeys.map((k, j) => [k, j]));
      const c = this._cell;
      const n = c[0]!;
      const tight = Array.from({ length: n }, (_, i) => {
        const out: number[] = [];
        for (let t = c[n + 1 + i]!, end = c[n + 2 + i]!; t < end; t++) {
          const j = at.get(c[t]!);
          if (j !== undefined) out.push(j);
        }
        return out;
      });
      this._polytope = polytopeOfKnownCell(
        d,
        rows,
        tight,
        exactVertexFromTightRows(d, rows, tight, (i) =>
          this._ctx.pool.exactPoint(c[1 + i]!, layers),
        ),
        this.floatVertices,
        predicates,
        // the pool indices: one point per index (for the complex's point identities)
        { space: this._ctx.pool, ids: c.subarray(1, n + 1) },
      );
    }
    return this._polytope;
  }

  private _exactMaps(): IntMap[] {
    if (!this._maps) {
      const layers = this._ctx.layers();
      const bits = this._bits;
      const maps = [firstMap(layers[0]!)];
      for (let l = 0; l < layers.length - 1; l++)
        maps.push(nextMap(maps[l]!, bits[l]!, layers[l + 1]!, layers[l]!));
      this._maps = maps;
    }
    return this._maps;
  }

  /** The output at the cell's exact centroid (as the exact path: SPEC §2). */
  get prediction(): number | number[] {
    if (this._prediction === undefined) {
      const all = this._exactMaps();
      const y = evaluateMap(all[all.length - 1]!, this.polytope.centroid()).map((v) =>
        v.toNumber(),
      );
      this._prediction = y.length === 1 ? y[0]! : y;
    }
    return this._prediction;
  }

  get mlp(): MlpCellMaps {
    if (!this._mlp) {
      const all = this._exactMaps();
      const output = toAffineMap(all[all.length - 1]!);
      const out = { pattern: this._bits, output } as MlpCellMaps;
      defineLazy(out, 'layerMaps', () =>
        all.map((m, i) => (i === all.length - 1 ? output : toAffineMap(m))),
      );
      this._mlp = out;
    }
    return this._mlp;
  }
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
  unitBase: readonly number[];
  /** Hidden layer widths. */
  widths: readonly number[];
  predicates: Predicates;
  pool: VertexPool;
  layers: () => readonly IntLayer[];
  /** Exact unit maps by (label prefix of the layers before the unit, unit). */
  unitMaps: UnitMapCache;
}
