/**
 * The activation regions of a 2-input float64 ReLU MLP built in flat typed arrays (no per-cell
 * objects), for the training loop's penalties: the same cells as `planeCells` (same clipping, same
 * tolerances, same thin-region rule), refined layer by layer, and the SPEC §6 penalties with their
 * gradients chained to the weights without per-cell map objects.
 *
 * Levels: level 0 is the box; the regions of level l+1 are those of level l cut by the lines of
 * hidden layer l. Each region of level l < H stores the maps (A_l, c_l) of layer l on it, packed
 * [a0, a1, c] per unit; each region of level l ≥ 1 stores its parent and its bits of layer l − 1.
 * The cells are the regions of level H. While a region is cut by the lines of layer l, every part
 * accumulates the maps of layer l+1 bit by bit (A_{l+1} = Σ_{k: bit k} W_{l+1}[:, k] A_l[k] + …),
 * so parts that share their first bits share that work. Everything lives in one arena that grows
 * and is reused from call to call (not reentrant; JavaScript is single-threaded).
 */
import type { FloatMlp, MlpGradient } from './float-net.js';
import {
  DEFAULT_THETA_MIN,
  type PenaltyKind,
  addCosineGradient,
  angleHinge,
  sliverHinge,
} from './penalty-core.js';
import { type PlaneBox, planeSetup } from './plane-cells.js';

/** Growable Float64Array. */
class F64 {
  a = new Float64Array(256);
  n = 0;
  reserve(extra: number): void {
    if (this.n + extra <= this.a.length) return;
    let len = this.a.length * 2;
    while (len < this.n + extra) len *= 2;
    const b = new Float64Array(len);
    b.set(this.a.subarray(0, this.n));
    this.a = b;
  }
}
/** Growable Int32Array. */
class I32 {
  a = new Int32Array(256);
  n = 0;
  reserve(extra: number): void {
    if (this.n + extra <= this.a.length) return;
    let len = this.a.length * 2;
    while (len < this.n + extra) len *= 2;
    const b = new Int32Array(len);
    b.set(this.a.subarray(0, this.n));
    this.a = b;
  }
  push(v: number): void {
    this.reserve(1);
    this.a[this.n++] = v;
  }
}
/** Growable Uint8Array. */
class U8 {
  a = new Uint8Array(256);
  n = 0;
  reserve(extra: number): void {
    if (this.n + extra <= this.a.length) return;
    let len = this.a.length * 2;
    while (len < this.n + extra) len *= 2;
    const b = new Uint8Array(len);
    b.set(this.a.subarray(0, this.n));
    this.a = b;
  }
}

/** Edge tags: unit j of hidden layer l is l·TAG + j (≥ 0); box side s is −1 − s. */
const TAG = 1 << 16;

/** One level of regions. */
interface Level {
  count: number;
  /** parent region (level − 1), bits of layer level − 1 (width of that layer per region). */
  parent: I32;
  bits: U8;
  /** maps of layer `level` per region, 3 per unit (levels < H). */
  maps: F64;
  /** polygon of each region: start in the vertex pool and number of vertices. */
  start: I32;
  len: I32;
  /** the regions of level + 1 cut from region r are childStart[r] … childStart[r + 1] − 1. */
  childStart: I32;
  /** gradient with respect to the maps (same layout as maps). */
  gmaps: F64;
  /** bounding box of each region as `disc` computes it: centre and half-sizes, 4 per region. */
  box: F64;
  /** per region (level ≥ 1): the XOR of the keys of its 1 bits (unitKeys). */
  keys: I32;
}

function newLevel(): Level {
  return {
    count: 0,
    parent: new I32(),
    bits: new U8(),
    maps: new F64(),
    start: new I32(),
    len: new I32(),
    childStart: new I32(),
    gmaps: new F64(),
    keys: new I32(),
    box: new F64(),
  };
}

/** The arena: vertex pool (x, y, tag of the edge leaving the vertex), levels, scratch. */
class Arena {
  x = new F64();
  y = new F64();
  tag = new I32();
  levels: Level[] = [];
  /** scratch for clipping and per-part state */
  h = new F64();
  partStart = new I32();
  partLen = new I32();
  partMaps = new F64();
  /** bounding disc of each part: centre and radius */
  partDisc = new F64();
  wt = new F64();
  t = new F64();
  keys = new I32();
  done = new U8();
  queue = new I32();
  slotKey = new I32();
  slotPart = new I32();
  cand = new I32();
  /** the cells: start and length of each (deduplicated) polygon in the pool, area */
  cStart = new I32();
  cLen = new I32();
  cArea = new F64();
}

const arena = new Arena();

/** The cells of a 2-input net (views into the shared arena, valid until the next build). */
export interface PlaneArrangement {
  net: FloatMlp;
  box: PlaneBox;
  /** hidden layer widths */
  widths: number[];
  cellCount: number;
}

function polyArea(x: Float64Array, y: Float64Array, s: number, n: number): number {
  let a = 0;
  for (let i = 0; i < n; i++) {
    const j = i + 1 === n ? s : s + i + 1;
    a += x[s + i]! * y[j]! - y[s + i]! * x[j]!;
  }
  return a / 2;
}

/**
 * Writes into the vertex pool the parts of polygon (s, n) where σ(w·x + c) ≥ 0 for σ = +1 and
 * σ = −1, given the vertex values h = w·v + c (0 where |h| ≤ eps) in A.h; new edges get the tag
 * `cut` (as `clip` in plane-cells.ts, both in one pass over the edges: a crossing point is
 * computed once, t = h_a/(h_a − h_b) being the same number for both signs); writes [startPos,
 * lenPos, startNeg, lenNeg] to `out`, and the shoelace area of each part (the sum of polyArea, term
 * by term in the same order, while the vertices are written) to clipArea and its bounding box (as
 * `disc` stores it) to boxPos / boxNeg.
 */
function clipBoth(s: number, n: number, cut: number, out: Int32Array): void {
  const A = arena;
  // the vertex values h (|g| ≤ eps taken as 0) are in A.h already: the caller's side test wrote them
  const h = A.h.a;
  // each part has at most 2n vertices (a vertex and a crossing per edge): the positive part from
  // ps, the negative one from ps + 2n (moved down behind the positive one at the end)
  A.x.reserve(4 * n);
  A.y.reserve(4 * n);
  A.tag.reserve(4 * n);
  const X = A.x.a;
  const Y = A.y.a;
  const T = A.tag.a;
  const ps = A.x.n;
  const ns0 = ps + 2 * n;
  let p = ps;
  let q = ns0;
  // previous vertex written, area and bounding box so far, of each part
  let ppx = 0;
  let ppy = 0;
  let pa = 0;
  let px0 = Infinity;
  let px1 = -Infinity;
  let py0 = Infinity;
  let py1 = -Infinity;
  let qpx = 0;
  let qpy = 0;
  let qa = 0;
  let qx0 = Infinity;
  let qx1 = -Infinity;
  let qy0 = Infinity;
  let qy1 = -Infinity;
  for (let i = 0; i < n; i++) {
    const ha = h[i]!;
    const hb = h[i + 1 === n ? 0 : i + 1]!;
    const x = X[s + i]!;
    const y = Y[s + i]!;
    const tg = T[s + i]!;
    if (ha >= 0) {
      X[p] = x;
      Y[p] = y;
      T[p] = ha === 0 && hb < 0 ? cut : tg;
      if (p > ps) pa += ppx * y - ppy * x;
      ppx = x;
      ppy = y;
      if (x < px0) px0 = x;
      if (x > px1) px1 = x;
      if (y < py0) py0 = y;
      if (y > py1) py1 = y;
      p++;
    }
    if (ha <= 0) {
      X[q] = x;
      Y[q] = y;
      T[q] = ha === 0 && hb > 0 ? cut : tg;
      if (q > ns0) qa += qpx * y - qpy * x;
      qpx = x;
      qpy = y;
      if (x < qx0) qx0 = x;
      if (x > qx1) qx1 = x;
      if (y < qy0) qy0 = y;
      if (y > qy1) qy1 = y;
      q++;
    }
    if ((ha > 0 && hb < 0) || (ha < 0 && hb > 0)) {
      const j = i + 1 === n ? s : s + i + 1;
      const t = ha / (ha - hb);
      const cx = x + t * (X[j]! - x);
      const cy = y + t * (Y[j]! - y);
      X[p] = cx;
      Y[p] = cy;
      T[p] = ha > 0 ? cut : tg;
      if (p > ps) pa += ppx * cy - ppy * cx;
      ppx = cx;
      ppy = cy;
      if (cx < px0) px0 = cx;
      if (cx > px1) px1 = cx;
      if (cy < py0) py0 = cy;
      if (cy > py1) py1 = cy;
      p++;
      X[q] = cx;
      Y[q] = cy;
      T[q] = ha < 0 ? cut : tg;
      if (q > ns0) qa += qpx * cy - qpy * cx;
      qpx = cx;
      qpy = cy;
      if (cx < qx0) qx0 = cx;
      if (cx > qx1) qx1 = cx;
      if (cy < qy0) qy0 = cy;
      if (cy > qy1) qy1 = cy;
      q++;
    }
  }
  if (p > ps) pa += ppx * Y[ps]! - ppy * X[ps]!;
  if (q > ns0) qa += qpx * Y[ns0]! - qpy * X[ns0]!;
  // the negative part right behind the positive one
  const ns = p;
  for (let k = ns0; k < q; k++) {
    X[p] = X[k]!;
    Y[p] = Y[k]!;
    T[p++] = T[k]!;
  }
  let tiny = 1e-12 * (Math.abs(px0) + Math.abs(px1) + Math.abs(py0) + Math.abs(py1));
  boxPos[0] = 0.5 * (px0 + px1);
  boxPos[1] = 0.5 * (py0 + py1);
  boxPos[2] = 0.5 * (px1 - px0) * (1 + 1e-9) + tiny;
  boxPos[3] = 0.5 * (py1 - py0) * (1 + 1e-9) + tiny;
  tiny = 1e-12 * (Math.abs(qx0) + Math.abs(qx1) + Math.abs(qy0) + Math.abs(qy1));
  boxNeg[0] = 0.5 * (qx0 + qx1);
  boxNeg[1] = 0.5 * (qy0 + qy1);
  boxNeg[2] = 0.5 * (qx1 - qx0) * (1 + 1e-9) + tiny;
  boxNeg[3] = 0.5 * (qy1 - qy0) * (1 + 1e-9) + tiny;
  clipArea[0] = pa / 2;
  clipArea[1] = qa / 2;
  A.x.n = A.y.n = A.tag.n = p;
  out[0] = ps;
  out[1] = ns - ps;
  out[2] = ns;
  out[3] = p - ns;
}

const clipOut = new Int32Array(4);
const clipArea = new Float64Array(2);

/** Zobrist keys of the units: a part's key is the XOR of the keys of its 1 bits. */
const zobrist = new Int32Array(1 << 12);
{
  let x = 0x9e3779b9;
  for (let i = 0; i < zobrist.length; i++) {
    // xorshift32
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    zobrist[i] = x;
  }
}
/**
 * The keys of a layer of at most 32 units: unit j's key is bit j, so a part's key is its bit
 * pattern itself and equal keys mean equal bits (no check of the bytes needed).
 */
const bitKeys = new Int32Array(1 << 12);
for (let j = 0; j < 32; j++) bitKeys[j] = 1 << j;
/** The unit keys of a layer of width w (equal keys mean equal bits iff w ≤ 32). */
const unitKeys = (w: number): Int32Array => (w <= 32 ? bitKeys : zobrist);

/**
 * The maps of layer l+1 on the parts of region r (their bits in nxt.bits from bb), appended to nxt.maps:
 * the first part by the sum A_{l+1} = Σ_{k: bit k} W_{l+1}[:, k] (A_l[k], c_l[k]) + (0, 0, b), every
 * other from a neighbour across a line of layer l (bits differing in one unit k: ± one term),
 * breadth first over the parts' edges; a part no edge reaches is summed directly.
 */
function nextMaps(
  l: number,
  nParts: number,
  Wn: { weights: readonly (readonly number[])[]; bias: readonly number[] },
  wn: number,
  w: number,
  M: Float64Array,
  mo: number,
  nxt: Level,
  bb: number,
): void {
  const A = arena;
  const base = nxt.maps.n;
  nxt.maps.reserve(nParts * 3 * wn);
  nxt.maps.n += nParts * 3 * wn;
  const out = nxt.maps.a;
  const bits = nxt.bits.a.subarray(bb);
  const WT = A.wt.a;
  A.done.reserve(nParts);
  A.queue.reserve(nParts);
  const keys = A.keys.a;
  const done = A.done.a;
  const queue = A.queue.a;
  const K = unitKeys(w);
  const exact = w <= 32;
  // open-addressing table key → part (−2: several parts share the key, a hash collision); the
  // slot from the high bits of the product (the low ones depend only on the key's low bits)
  let size = 16;
  let log = 4;
  while (size < 2 * nParts) {
    size *= 2;
    log++;
  }
  const shift = 32 - log;
  A.slotKey.reserve(size);
  A.slotPart.reserve(size);
  const slotKey = A.slotKey.a;
  const slotPart = A.slotPart.a;
  slotPart.fill(-1, 0, size);
  const mask = size - 1;
  const slotOf = (k: number) => {
    let h = Math.imul(k, 0x9e3779b1) >>> shift;
    while (slotPart[h] !== -1 && slotKey[h] !== k) h = (h + 1) & mask;
    return h;
  };
  // several parts may share a key only by a hash collision: then the key maps to −1 (no lookup)
  for (let p = 0; p < nParts; p++) {
    const k = keys[p]!; // XOR of the unit keys of its 1 bits, kept by cutRegion
    done[p] = 0;
    const h = slotOf(k);
    slotPart[h] = slotPart[h] === -1 ? p : -2;
    slotKey[h] = k;
  }
  for (let root = 0; root < nParts; root++) {
    if (done[root]) continue;
    directMaps(root, base, Wn, wn, w, M, mo, out, bits);
    let head = 0;
    let tail = 0;
    queue[tail++] = root;
    while (head < tail) {
      const p = queue[head++]!;
      const s = A.partStart.a[p]!;
      const n = A.partLen.a[p]!;
      for (let e = 0; e < n; e++) {
        const t = A.tag.a[s + e]!;
        if (t < l * TAG || t >= (l + 1) * TAG) continue;
        const k = t - l * TAG;
        const q = slotPart[slotOf(keys[p]! ^ K[k & 4095]!)]!;
        if (q < 0 || done[q]) continue;
        // q must have p's bits except bit k (sure when the keys are the bits)
        if (!exact) {
          let same = bits[q * w + k] !== bits[p * w + k];
          for (let j = 0; j < w && same; j++) same = j === k || bits[q * w + j] === bits[p * w + j];
          if (!same) continue;
        }
        const sg = bits[q * w + k] === 1 ? 1 : -1;
        const a0 = sg * M[mo + 3 * k]!;
        const a1 = sg * M[mo + 3 * k + 1]!;
        const c = sg * M[mo + 3 * k + 2]!;
        const op = base + p * 3 * wn;
        const oq = base + q * 3 * wn;
        const wo = k * wn;
        for (let i = 0; i < wn; i++) {
          const wik = WT[wo + i]!;
          out[oq + 3 * i] = out[op + 3 * i]! + wik * a0;
          out[oq + 3 * i + 1] = out[op + 3 * i + 1]! + wik * a1;
          out[oq + 3 * i + 2] = out[op + 3 * i + 2]! + wik * c;
        }
        done[q] = 1;
        queue[tail++] = q;
      }
    }
  }
}

/** The maps of layer l+1 on part p by the sum over its 1 bits (see nextMaps). */
function directMaps(
  p: number,
  base: number,
  Wn: { bias: readonly number[] },
  wn: number,
  w: number,
  M: Float64Array,
  mo: number,
  out: Float64Array,
  bits: Uint8Array,
): void {
  const A = arena;
  const WT = A.wt.a;
  const o = base + p * 3 * wn;
  for (let i = 0; i < wn; i++) {
    out[o + 3 * i] = 0;
    out[o + 3 * i + 1] = 0;
    out[o + 3 * i + 2] = Wn.bias[i]!;
  }
  for (let k = 0; k < w; k++) {
    if (bits[p * w + k] !== 1) continue;
    const a0 = M[mo + 3 * k]!;
    const a1 = M[mo + 3 * k + 1]!;
    const c = M[mo + 3 * k + 2]!;
    const wo = k * wn;
    for (let i = 0; i < wn; i++) {
      const wik = WT[wo + i]!;
      out[o + 3 * i] = out[o + 3 * i]! + wik * a0;
      out[o + 3 * i + 1] = out[o + 3 * i + 1]! + wik * a1;
      out[o + 3 * i + 2] = out[o + 3 * i + 2]! + wik * c;
    }
  }
  A.done.a[p] = 1;
}

/** The bounding box of part p: centre and half-sizes (slightly enlarged against rounding). */
function disc(p: number, s: number, n: number): void {
  const A = arena;
  A.partDisc.reserve(4 * (p + 1) - A.partDisc.n);
  if (A.partDisc.n < 4 * (p + 1)) A.partDisc.n = 4 * (p + 1);
  const X = A.x.a;
  const Y = A.y.a;
  let x0 = X[s]!;
  let x1 = x0;
  let y0 = Y[s]!;
  let y1 = y0;
  for (let i = 1; i < n; i++) {
    const x = X[s + i]!;
    const y = Y[s + i]!;
    if (x < x0) x0 = x;
    else if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    else if (y > y1) y1 = y;
  }
  const D = A.partDisc.a;
  const tiny = 1e-12 * (Math.abs(x0) + Math.abs(x1) + Math.abs(y0) + Math.abs(y1));
  D[4 * p] = 0.5 * (x0 + x1);
  D[4 * p + 1] = 0.5 * (y0 + y1);
  D[4 * p + 2] = 0.5 * (x1 - x0) * (1 + 1e-9) + tiny;
  D[4 * p + 3] = 0.5 * (y1 - y0) * (1 + 1e-9) + tiny;
}

const boxPos = new Float64Array(4);
const boxNeg = new Float64Array(4);

/** Stores a bounding box computed by clipBoth as part p's. */
function setBox(p: number, box: Float64Array): void {
  const A = arena;
  A.partDisc.reserve(4 * (p + 1) - A.partDisc.n);
  if (A.partDisc.n < 4 * (p + 1)) A.partDisc.n = 4 * (p + 1);
  const D = A.partDisc.a;
  D[4 * p] = box[0]!;
  D[4 * p + 1] = box[1]!;
  D[4 * p + 2] = box[2]!;
  D[4 * p + 3] = box[3]!;
}

/** Builds the cells of a 2-input net in the box into the shared arena. */
export function buildArrangement(
  net: FloatMlp,
  options: { box?: PlaneBox; minArea?: number } = {},
): PlaneArrangement {
  const { box, minArea, scale } = planeSetup(net, options);
  const H = net.layers.length - 1;
  const widths = net.layers.slice(0, H).map((l) => l.bias.length);
  const A = arena;
  A.x.n = A.y.n = A.tag.n = 0;
  while (A.levels.length <= H) A.levels.push(newLevel());
  // level 0: the box, maps of layer 0 = (W_0, b_0)
  const L0 = A.levels[0]!;
  L0.count = 1;
  L0.start.n = L0.len.n = L0.parent.n = L0.bits.n = 0;
  L0.start.push(0);
  L0.len.push(4);
  A.x.reserve(4);
  A.y.reserve(4);
  A.tag.reserve(4);
  // bottom (y ≥ lo_1), right (x ≤ hi_0), top (y ≤ hi_1), left (x ≥ lo_0), as planeCells
  const bx = [box.lo[0], box.hi[0], box.hi[0], box.lo[0]];
  const by = [box.lo[1], box.lo[1], box.hi[1], box.hi[1]];
  const bt = [2, 1, 3, 0];
  for (let i = 0; i < 4; i++) {
    A.x.a[i] = bx[i]!;
    A.y.a[i] = by[i]!;
    A.tag.a[i] = -1 - bt[i]!;
  }
  A.x.n = A.y.n = A.tag.n = 4;
  if (H >= 1) {
    const first = net.layers[0]!;
    const w = widths[0]!;
    L0.maps.n = 0;
    L0.maps.reserve(3 * w);
    for (let j = 0; j < w; j++) {
      L0.maps.a[3 * j] = first.weights[j]![0]!;
      L0.maps.a[3 * j + 1] = first.weights[j]![1]!;
      L0.maps.a[3 * j + 2] = first.bias[j]!;
    }
    L0.maps.n = 3 * w;
  }
  for (let l = 0; l < H; l++) {
    const cur = A.levels[l]!;
    const nxt = A.levels[l + 1]!;
    const w = widths[l]!;
    const hasNext = l + 1 < H;
    const wn = hasNext ? widths[l + 1]! : 0;
    const Wn = hasNext ? net.layers[l + 1]! : undefined;
    // W_{l+1} transposed: column j (the weights from unit j) contiguous
    A.wt.n = 0;
    if (hasNext) {
      A.wt.reserve(w * wn);
      for (let i = 0; i < wn; i++) {
        const row = Wn!.weights[i]!;
        for (let j = 0; j < w; j++) A.wt.a[j * wn + i] = row[j]!;
      }
    }
    nxt.count = 0;
    nxt.parent.n = nxt.bits.n = nxt.maps.n = nxt.start.n = nxt.len.n = nxt.keys.n = 0;
    nxt.box.n = 0;
    cur.childStart.n = 0;
    for (let r = 0; r < cur.count; r++) {
      cur.childStart.push(nxt.count);
      cutRegion(l, r, cur, nxt, w, wn, Wn, scale, minArea);
    }
    cur.childStart.push(nxt.count);
  }
  const cells = A.levels[H]!;
  finishCells(cells);
  return { net, box, widths, cellCount: cells.count };
}

/** Cell polygons of the last build, as plain arrays (for tests and inspection). */
export function arrangementCells(
  arr: PlaneArrangement,
): { pattern: boolean[][]; vertices: [number, number][]; area: number }[] {
  const A = arena;
  const H = arr.widths.length;
  const out: { pattern: boolean[][]; vertices: [number, number][]; area: number }[] = [];
  for (let r = 0; r < arr.cellCount; r++) {
    const pattern: boolean[][] = new Array(H);
    let q = r;
    for (let l = H; l >= 1; l--) {
      const w = arr.widths[l - 1]!;
      const lev = A.levels[l]!;
      pattern[l - 1] = Array.from(lev.bits.a.subarray(q * w, q * w + w), (b) => b === 1);
      q = lev.parent.a[q]!;
    }
    const s = A.cStart.a[r]!;
    const n = A.cLen.a[r]!;
    const vertices: [number, number][] = [];
    for (let i = 0; i < n; i++) vertices.push([A.x.a[s + i]!, A.y.a[s + i]!]);
    out.push({ pattern, vertices, area: A.cArea.a[r]! });
  }
  return out;
}

/** n_C/n per cell of the last build for the points (points in no cell are not counted). */
export function arrangementMasses(
  arr: PlaneArrangement,
  points: readonly (readonly number[])[],
): Float64Array {
  const A = arena;
  const H = arr.widths.length;
  const counts = new Float64Array(arr.cellCount);
  // per level, an open-addressing table (parent, key of the bits) → region; a hit is checked
  // against the parent and every bit, so a key shared by two regions only costs a probe
  const tables: Int32Array[] = [];
  const shifts: number[] = [];
  const slot = (parent: number, key: number, shift: number) =>
    Math.imul(key ^ Math.imul(parent + 1, 0x9e3779b1), 0x85ebca6b) >>> shift;
  for (let l = 1; l <= H; l++) {
    const lev = A.levels[l]!;
    let log = 4;
    while (1 << log < 2 * lev.count) log++;
    const t = new Int32Array(1 << log).fill(-1);
    const mask = (1 << log) - 1;
    const shift = 32 - log;
    for (let r = 0; r < lev.count; r++) {
      let h = slot(lev.parent.a[r]!, lev.keys.a[r]!, shift);
      while (t[h] !== -1) h = (h + 1) & mask;
      t[h] = r;
    }
    tables.push(t);
    shifts.push(shift);
  }
  const wmax = Math.max(...arr.widths);
  const bits = new Uint8Array(wmax);
  let n = 0;
  for (const x of points) {
    const x0 = x[0]!;
    const x1 = x[1]!;
    let r = 0;
    for (let l = 0; l < H && r >= 0; l++) {
      const w = arr.widths[l]!;
      const M = A.levels[l]!.maps.a;
      const mo = 3 * w * r;
      let key = 0;
      const K = unitKeys(w);
      for (let j = 0; j < w; j++) {
        const b = M[mo + 3 * j]! * x0 + M[mo + 3 * j + 1]! * x1 + M[mo + 3 * j + 2]! > 0 ? 1 : 0;
        bits[j] = b;
        if (b === 1) key ^= K[j & 4095]!;
      }
      const lev = A.levels[l + 1]!;
      const t = tables[l]!;
      const mask = t.length - 1;
      let found = -1;
      for (let h = slot(r, key, shifts[l]!); t[h] !== -1; h = (h + 1) & mask) {
        const q = t[h]!;
        if (lev.parent.a[q] !== r || lev.keys.a[q] !== key) continue;
        let same = true;
        if (w > 32) for (let j = 0; j < w && same; j++) same = lev.bits.a[q * w + j] === bits[j];
        if (same) {
          found = q;
          break;
        }
      }
      r = found;
    }
    if (r < 0) continue;
    counts[r]!++;
    n++;
  }
  if (n > 0) for (let r = 0; r < counts.length; r++) counts[r]! /= n;
  return counts;
}

/** Options of {@link arrangementPenalty}. */
export interface ArrangementPenaltyOptions {
  kind: PenaltyKind;
  thetaMin?: number;
  vMin?: number;
  weighting?: 'uniform' | 'mass';
}

const hingeOut = new Float64Array(1);
const scratch = {
  w0: new F64(),
  w1: new F64(),
  c: new F64(),
  sig: new F64(),
  nrm: new F64(),
  gw0: new F64(),
  gw1: new F64(),
  gc: new F64(),
  gvx: new F64(),
  gvy: new F64(),
};

/**
 * The SPEC §6 penalty of the last build and its gradient with respect to every weight: per cell
 * the line gradients of its edges (the same formulas as planePenalty, through penalty-core), added
 * to the map gradient of the region that owns each line, then chained level by level to the
 * weights (the reverse of the SPEC §2 recursion, once per region instead of once per cell).
 */
export function arrangementPenalty(
  arr: PlaneArrangement,
  options: ArrangementPenaltyOptions,
  masses?: Float64Array,
): { value: number; gradient: MlpGradient } {
  const A = arena;
  const { box, widths } = arr;
  const H = widths.length;
  for (let l = 0; l < H; l++) {
    const g = A.levels[l]!.gmaps;
    g.n = 0;
    g.reserve(3 * widths[l]! * A.levels[l]!.count);
    g.a.fill(0, 0, 3 * widths[l]! * A.levels[l]!.count);
    g.n = 3 * widths[l]! * A.levels[l]!.count;
  }
  const kind = options.kind;
  const thetaMin = options.thetaMin ?? DEFAULT_THETA_MIN;
  const mass = options.weighting === 'mass';
  const needNorms = kind !== 'boundary';
  const cells = A.levels[H]!;
  const S = scratch;
  const anc = new Int32Array(H + 1);
  // per level: maps, gradients, bits, parents and widths, looked up once
  const LM = A.levels.slice(0, H + 1).map((lev) => lev.maps.a);
  const LG = A.levels.slice(0, H + 1).map((lev) => lev.gmaps.a);
  const LB = A.levels.slice(0, H + 1).map((lev) => lev.bits.a);
  const LP = A.levels.slice(0, H + 1).map((lev) => lev.parent.a);
  const LW = Int32Array.from(widths);
  const ua = new Float64Array(2);
  const ub = new Float64Array(2);
  const gwa = new Float64Array(2);
  const gwb = new Float64Array(2);
  // the angle hinge is 0 (and angleHinge returns 0 with derivative 0) when the normals' cosine
  // u ≥ −cos θ_min: then θ = π − arccos u ≤ θ_min. With the margin 1e-12, far above the rounding of
  // arccos and cos (|d arccos/du| ≥ 1), every vertex with u ≥ uSkip is such a vertex, so skipping
  // it without evaluating arccos changes nothing
  const uSkip = -Math.cos(thetaMin) + 1e-12;
  let nmax = 0;
  for (let r = 0; r < cells.count; r++) nmax = Math.max(nmax, A.cLen.a[r]!);
  for (const b of [S.w0, S.w1, S.c, S.sig, S.nrm, S.gw0, S.gw1, S.gc, S.gvx, S.gvy])
    b.reserve(nmax);
  let value = 0;
  for (let r = 0; r < cells.count; r++) {
    const wt = mass ? masses![r]! : 1;
    if (wt === 0) continue;
    // an inactive sliver hinge (area ≥ v_min): nothing to add, no edge to look at
    let dPdA = 0;
    if (kind === 'sliver') {
      const p = sliverHinge(A.cArea.a[r]!, options.vMin!, wt, hingeOut);
      if (p === 0 && hingeOut[0] === 0) continue;
      value += p;
      dPdA = hingeOut[0]!;
    }
    const s = A.cStart.a[r]!;
    const n = A.cLen.a[r]!;
    // whether a line gradient of the cell may be non-zero (angle: set at an active vertex)
    let touched = kind !== 'angle';
    // ancestors: anc[l] = the region of level l containing the cell
    anc[H] = r;
    for (let l = H; l >= 1; l--) anc[l - 1] = LP[l]![anc[l]!]!;
    const lw0 = S.w0.a;
    const lw1 = S.w1.a;
    const lc = S.c.a;
    const sig = S.sig.a;
    const nrm = S.nrm.a;
    const gw0 = S.gw0.a;
    const gw1 = S.gw1.a;
    const gc = S.gc.a;
    for (let e = 0; e < n; e++) {
      const t = A.tag.a[s + e]!;
      if (t >= 0) {
        const l = (t / TAG) | 0;
        const j = t - l * TAG;
        const M = LM[l]!;
        const mo = 3 * (LW[l]! * anc[l]! + j);
        lw0[e] = M[mo]!;
        lw1[e] = M[mo + 1]!;
        lc[e] = M[mo + 2]!;
        sig[e] = LB[l + 1]![anc[l + 1]! * LW[l]! + j] === 1 ? 1 : -1;
      } else {
        const side = -1 - t;
        const axis = side >> 1;
        const sgn = side % 2 === 0 ? 1 : -1;
        lw0[e] = axis === 0 ? sgn : 0;
        lw1[e] = axis === 1 ? sgn : 0;
        lc[e] = side % 2 === 0 ? -box.lo[axis]! : box.hi[axis]!;
        sig[e] = 1;
      }
      if (needNorms) nrm[e] = Math.sqrt(lw0[e]! * lw0[e]! + lw1[e]! * lw1[e]!);
      gw0[e] = gw1[e] = gc[e] = 0;
    }
    if (kind === 'angle') {
      // outward unit normals −σ w/|w| of the edges (in gvx, gvy)
      const nx = S.gvx.a;
      const ny = S.gvy.a;
      for (let e = 0; e < n; e++) {
        nx[e] = (-sig[e]! * lw0[e]!) / nrm[e]!;
        ny[e] = (-sig[e]! * lw1[e]!) / nrm[e]!;
      }
      for (let v = 0; v < n; v++) {
        const a = v === 0 ? n - 1 : v - 1;
        const b = v;
        const u = nx[a]! * nx[b]! + ny[a]! * ny[b]!;
        if (u >= uSkip) continue;
        ua[0] = nx[a]!;
        ua[1] = ny[a]!;
        ub[0] = nx[b]!;
        ub[1] = ny[b]!;
        const p = angleHinge(u, thetaMin, wt, hingeOut);
        if (p === 0 && hingeOut[0] === 0) continue;
        value += p;
        touched = true;
        gwa[0] = gwa[1] = gwb[0] = gwb[1] = 0;
        addCosineGradient(2, hingeOut[0]!, -sig[a]!, nrm[a]!, ua, ub, gwa);
        addCosineGradient(2, hingeOut[0]!, -sig[b]!, nrm[b]!, ub, ua, gwb);
        gw0[a] = gw0[a]! + gwa[0];
        gw1[a] = gw1[a]! + gwa[1];
        gw0[b] = gw0[b]! + gwb[0];
        gw1[b] = gw1[b]! + gwb[1];
      }
    } else if (kind === 'sliver') {
      for (let e = 0; e < n; e++) {
        const q = e + 1 === n ? s : s + e + 1;
        const px = A.x.a[s + e]!;
        const py = A.y.a[s + e]!;
        const ex = A.x.a[q]! - px;
        const ey = A.y.a[q]! - py;
        const len = Math.sqrt(ex * ex + ey * ey);
        const f = (sig[e]! * len) / nrm[e]!;
        gc[e] = gc[e]! + dPdA * f;
        gw0[e] = gw0[e]! + dPdA * f * 0.5 * (px + A.x.a[q]!);
        gw1[e] = gw1[e]! + dPdA * f * 0.5 * (py + A.y.a[q]!);
      }
    } else {
      const k = mass ? wt / 2 : 0.5;
      const gvx = S.gvx.a;
      const gvy = S.gvy.a;
      for (let v = 0; v < n; v++) gvx[v] = gvy[v] = 0;
      for (let e = 0; e < n; e++) {
        if (A.tag.a[s + e]! < 0) continue;
        const e1 = e + 1 === n ? 0 : e + 1;
        const dx = A.x.a[s + e1]! - A.x.a[s + e]!;
        const dy = A.y.a[s + e1]! - A.y.a[s + e]!;
        const len = Math.sqrt(dx * dx + dy * dy);
        value += k * len;
        if (len === 0) continue;
        gvx[e1] = gvx[e1]! + (k * dx) / len;
        gvy[e1] = gvy[e1]! + (k * dy) / len;
        gvx[e] = gvx[e]! - (k * dx) / len;
        gvy[e] = gvy[e]! - (k * dy) / len;
      }
      // the vertex v = lines a ∩ b moves with them: λ = −M⁻ᵀ g, (w, c) += (λ v, λ) (penalties.ts)
      for (let v = 0; v < n; v++) {
        const g0 = gvx[v]!;
        const g1 = gvy[v]!;
        if (g0 === 0 && g1 === 0) continue;
        const a = v === 0 ? n - 1 : v - 1;
        const det = lw0[a]! * lw1[v]! - lw1[a]! * lw0[v]!;
        if (det === 0) continue;
        const la = -(lw1[v]! * g0 - lw0[v]! * g1) / det;
        const lb = -(-lw1[a]! * g0 + lw0[a]! * g1) / det;
        const vx = A.x.a[s + v]!;
        const vy = A.y.a[s + v]!;
        gw0[a] = gw0[a]! + la * vx;
        gw1[a] = gw1[a]! + la * vy;
        gc[a] = gc[a]! + la;
        gw0[v] = gw0[v]! + lb * vx;
        gw1[v] = gw1[v]! + lb * vy;
        gc[v] = gc[v]! + lb;
      }
    }
    // line gradients → the map gradient of the region owning each line (all 0 when untouched)
    if (!touched) continue;
    for (let e = 0; e < n; e++) {
      const t = A.tag.a[s + e]!;
      if (t < 0) continue;
      const l = (t / TAG) | 0;
      const j = t - l * TAG;
      const G = LG[l]!;
      const go = 3 * (LW[l]! * anc[l]! + j);
      G[go] = G[go]! + gw0[e]!;
      G[go + 1] = G[go + 1]! + gw1[e]!;
      G[go + 2] = G[go + 2]! + gc[e]!;
    }
  }
  return { value, gradient: chainToWeights(arr) };
}

/** Cuts region r of level l by the lines of layer l into regions of level l + 1. */
function cutRegion(
  l: number,
  r: number,
  cur: Level,
  nxt: Level,
  w: number,
  wn: number,
  Wn: { weights: readonly (readonly number[])[]; bias: readonly number[] } | undefined,
  scale: number,
  minArea: number,
): void {
  const A = arena;
  const hasNext = Wn !== undefined;
  const M = cur.maps.a;
  const mo = 3 * w * r;
  // parts of region r: polygon, bits so far (w bytes each), next maps so far (3 wn each)
  A.partStart.n = A.partLen.n = 0;
  A.partStart.push(cur.start.a[r]!);
  A.partLen.push(cur.len.a[r]!);
  // part 0 is the region: its bounding box as stored when the region was made (the box: computed)
  A.partDisc.n = 0;
  if (l === 0) disc(0, cur.start.a[r]!, cur.len.a[r]!);
  else {
    A.partDisc.reserve(4);
    A.partDisc.n = 4;
    const D = A.partDisc.a;
    const B = cur.box.a;
    D[0] = B[4 * r]!;
    D[1] = B[4 * r + 1]!;
    D[2] = B[4 * r + 2]!;
    D[3] = B[4 * r + 3]!;
  }
  A.keys.n = 0;
  A.keys.push(0);
  // the parts' bits are written in place as the next level's (part p at bb + p w)
  const PB = nxt.bits;
  const bb = PB.n;
  PB.reserve(w);
  PB.n = bb + w; // kept = bb + (parts so far) w, so that growing the array keeps every part's bits
  // first pass over all lines against the region's bounding box: a line that misses it gives every
  // part the same bit (set now, on part 0, inherited by every later part); the others, usually a
  // few, are the candidates processed part by part below, in increasing unit order
  const K = unitKeys(w);
  A.cand.n = 0;
  A.cand.reserve(w);
  let nc = 0;
  {
    const D = A.partDisc.a;
    const cx = D[0]!;
    const cy = D[1]!;
    const hx = D[2]!;
    const hy = D[3]!;
    const bits = PB.a;
    const cand = A.cand.a;
    let key = 0;
    for (let j = 0; j < w; j++) {
      const w0 = M[mo + 3 * j]!;
      const w1 = M[mo + 3 * j + 1]!;
      const c = M[mo + 3 * j + 2]!;
      const aw0 = Math.abs(w0);
      const aw1 = Math.abs(w1);
      // eps + the rounding margin of the part loop below
      const margin = (1e-12 + 1e-9) * (aw0 * scale + aw1 * scale + Math.abs(c));
      const gm = w0 * cx + w1 * cy + c;
      const reach = aw0 * hx + aw1 * hy + margin;
      if (gm > reach) {
        bits[bb + j] = 1;
        key ^= K[j & 4095]!;
      } else if (gm < -reach) bits[bb + j] = 0;
      else cand[nc++] = j;
    }
    A.keys.a[0] = key;
  }
  for (let ci = 0; ci < nc; ci++) {
    const j = A.cand.a[ci]!;
    const w0 = M[mo + 3 * j]!;
    const w1 = M[mo + 3 * j + 1]!;
    const c = M[mo + 3 * j + 2]!;
    const eps = 1e-12 * (Math.abs(w0) * scale + Math.abs(w1) * scale + Math.abs(c));
    const cut = l * TAG + j;
    // a part whose bounding box the line misses by more than rounding lies on one side: every
    // vertex has |w·v + c| > eps by a margin far above the error of evaluating it
    const aw0 = Math.abs(w0);
    const aw1 = Math.abs(w1);
    const margin = eps + 1e-9 * (Math.abs(w0) * scale + Math.abs(w1) * scale + Math.abs(c));
    const nParts = A.partStart.n;
    for (let p = 0; p < nParts; p++) {
      const s = A.partStart.a[p]!;
      const n = A.partLen.a[p]!;
      // the side of the part: decided by the vertex signs when the line misses it
      let pos = false;
      let neg = false;
      const D = A.partDisc.a;
      const gm = w0 * D[4 * p]! + w1 * D[4 * p + 1]! + c;
      const reach = aw0 * D[4 * p + 2]! + aw1 * D[4 * p + 3]! + margin;
      if (gm > reach) pos = true;
      else if (gm < -reach) neg = true;
      else {
        // every vertex's value, kept in A.h for clipBoth (|g| ≤ eps counts as on the line)
        A.h.reserve(n);
        const hv = A.h.a;
        const X = A.x.a;
        const Y = A.y.a;
        for (let i = 0; i < n; i++) {
          const g = w0 * X[s + i]! + w1 * Y[s + i]! + c;
          const hi = Math.abs(g) <= eps ? 0 : g;
          hv[i] = hi;
          if (hi > 0) pos = true;
          else if (hi < 0) neg = true;
        }
      }
      let bit: boolean;
      if (!(pos && neg)) {
        bit = pos ? true : neg ? false : w0 === 0 && w1 === 0 && c > 0;
      } else {
        clipBoth(s, n, cut, clipOut);
        const sp = clipOut[0]!;
        const np = clipOut[1]!;
        const sn = clipOut[2]!;
        const nn = clipOut[3]!;
        const ap = clipArea[0]!;
        const an = clipArea[1]!;
        if (ap > minArea && an > minArea) {
          // the new part (negative side) copies bits and partial maps
          const q = A.partStart.n;
          A.partStart.push(sn);
          A.partLen.push(nn);
          PB.reserve(w);
          PB.n += w;
          {
            // element by element: for a few dozen bytes faster than copyWithin
            const B = PB.a;
            const qo = bb + q * w;
            const po = bb + p * w;
            for (let k = 0; k < w; k++) B[qo + k] = B[po + k]!;
            B[qo + j] = 0;
          }
          A.keys.push(A.keys.a[p]!);
          A.partStart.a[p] = sp;
          A.partLen.a[p] = np;
          setBox(q, boxNeg);
          setBox(p, boxPos);
          bit = true;
        } else {
          // the whole part is on one side (a constant unit: bit 1 iff the constant is > 0)
          A.x.n = A.y.n = A.tag.n = sp; // drop both clipped polygons
          bit = w0 === 0 && w1 === 0 ? c > 0 : ap > an;
        }
      }
      PB.a[bb + p * w + j] = bit ? 1 : 0;
      if (bit) A.keys.a[p] = A.keys.a[p]! ^ K[j & 4095]!;
    }
  }
  // the parts become regions of level l + 1
  const nParts = A.partStart.n;
  nxt.parent.reserve(nParts);
  nxt.start.reserve(nParts);
  nxt.len.reserve(nParts);
  if (hasNext) nextMaps(l, nParts, Wn!, wn, w, M, mo, nxt, bb);
  for (let p = 0; p < nParts; p++) {
    nxt.parent.push(r);
    nxt.start.push(A.partStart.a[p]!);
    nxt.len.push(A.partLen.a[p]!);
    nxt.keys.push(A.keys.a[p]!);
  }
  // each part's bounding box: the one clipBoth computed for its polygon, or its region's
  nxt.box.reserve(4 * nParts);
  {
    const B = nxt.box.a;
    const D = A.partDisc.a;
    const o = nxt.box.n;
    for (let k = 0; k < 4 * nParts; k++) B[o + k] = D[k]!;
    nxt.box.n += 4 * nParts;
  }
  nxt.count += nParts;
}

/** The cells (level H): vertices equal to their successor dropped (as planeCells), areas. */
function finishCells(cells: Level): void {
  const A = arena;
  A.cStart.n = A.cLen.n = A.cArea.n = 0;
  A.cStart.reserve(cells.count);
  A.cLen.reserve(cells.count);
  A.cArea.reserve(cells.count);
  A.cStart.n = A.cLen.n = A.cArea.n = cells.count;
  const X = A.x.a;
  const Y = A.y.a;
  const T = A.tag.a;
  for (let r = 0; r < cells.count; r++) {
    // in place: every cell owns its polygon's range of the pool (no two cells share one)
    const s = cells.start.a[r]!;
    const n = cells.len.a[r]!;
    const x0 = X[s]!;
    const y0 = Y[s]!;
    let m = s;
    for (let i = 0; i < n; i++) {
      const ax = X[s + i]!;
      const ay = Y[s + i]!;
      const bx = i + 1 === n ? x0 : X[s + i + 1]!;
      const by = i + 1 === n ? y0 : Y[s + i + 1]!;
      if (Math.abs(ax - bx) + Math.abs(ay - by) <= 1e-14 * (1 + Math.abs(ax) + Math.abs(ay)))
        continue;
      X[m] = ax;
      Y[m] = ay;
      T[m++] = T[s + i]!;
    }
    A.cStart.a[r] = s;
    A.cLen.a[r] = m - s;
    A.cArea.a[r] = polyArea(X, Y, s, m - s);
  }
}

/** The map gradients of every level chained to the weights (the reverse of the SPEC §2 recursion). */
function chainToWeights(arr: PlaneArrangement): MlpGradient {
  const A = arena;
  const { net, widths } = arr;
  const H = widths.length;
  // chain to the weights: level l ≥ 1 maps are A_l = W_l D_{l−1} A_{l−1}, c_l = W_l D c_{l−1} + b_l
  const gradient: MlpGradient = {
    weights: net.layers.map((l) => l.weights.map((r) => new Array<number>(r.length).fill(0))),
    bias: net.layers.map((l) => new Array<number>(l.bias.length).fill(0)),
  };
  for (let l = H - 1; l >= 1; l--) {
    const lev = A.levels[l]!;
    const par = A.levels[l - 1]!;
    const w = widths[l]!;
    const wp = widths[l - 1]!;
    const G = lev.gmaps.a;
    const Gp = par.gmaps.a;
    const Mp = par.maps.a;
    const W = net.layers[l]!.weights;
    const gW = gradient.weights[l]!;
    const gb = gradient.bias[l]!;
    if (l === 1) {
      // the parent is the box, whose maps (W_0, b_0) every region shares: sum the row gradients
      // over the regions with bit k first, T[j][k] = Σ_{regions, bit k} g_j, then multiply once
      A.t.reserve(3 * w * wp);
      const T = A.t.a;
      T.fill(0, 0, 3 * w * wp);
      A.cand.reserve(wp);
      const on = A.cand.a;
      for (let r = 0; r < lev.count; r++) {
        const bo = r * wp;
        // the region's 1 bits, listed once
        let m = 0;
        for (let k = 0; k < wp; k++) if (lev.bits.a[bo + k] === 1) on[m++] = k;
        for (let j = 0; j < w; j++) {
          const go = 3 * (w * r + j);
          const g0 = G[go]!;
          const g1 = G[go + 1]!;
          const g2 = G[go + 2]!;
          if (g0 === 0 && g1 === 0 && g2 === 0) continue;
          gb[j]! += g2;
          const to = 3 * wp * j;
          for (let i = 0; i < m; i++) {
            const q = to + 3 * on[i]!;
            T[q] = T[q]! + g0;
            T[q + 1] = T[q + 1]! + g1;
            T[q + 2] = T[q + 2]! + g2;
          }
        }
      }
      for (let j = 0; j < w; j++) {
        const row = W[j]!;
        const gWj = gW[j]!;
        const to = 3 * wp * j;
        for (let k = 0; k < wp; k++) {
          const q = to + 3 * k;
          const t0 = T[q]!;
          const t1 = T[q + 1]!;
          const t2 = T[q + 2]!;
          if (t0 === 0 && t1 === 0 && t2 === 0) continue;
          gWj[k]! += t0 * Mp[3 * k]! + t1 * Mp[3 * k + 1]! + t2 * Mp[3 * k + 2]!;
          const wjk = row[k]!;
          Gp[3 * k] = Gp[3 * k]! + wjk * t0;
          Gp[3 * k + 1] = Gp[3 * k + 1]! + wjk * t1;
          Gp[3 * k + 2] = Gp[3 * k + 2]! + wjk * t2;
        }
      }
      continue;
    }
    for (let r = 0; r < lev.count; r++) {
      const P = lev.parent.a[r]!;
      const bo = r * wp;
      const po = 3 * wp * P;
      for (let j = 0; j < w; j++) {
        const go = 3 * (w * r + j);
        const g0 = G[go]!;
        const g1 = G[go + 1]!;
        const g2 = G[go + 2]!;
        if (g0 === 0 && g1 === 0 && g2 === 0) continue;
        gb[j]! += g2;
        const row = W[j]!;
        const gWj = gW[j]!;
        for (let k = 0; k < wp; k++) {
          if (lev.bits.a[bo + k] !== 1) continue;
          const q = po + 3 * k;
          gWj[k]! += g0 * Mp[q]! + g1 * Mp[q + 1]! + g2 * Mp[q + 2]!;
          const wjk = row[k]!;
          Gp[q] = Gp[q]! + wjk * g0;
          Gp[q + 1] = Gp[q + 1]! + wjk * g1;
          Gp[q + 2] = Gp[q + 2]! + wjk * g2;
        }
      }
    }
  }
  if (H >= 1) {
    const G = A.levels[0]!.gmaps.a;
    for (let j = 0; j < widths[0]!; j++) {
      gradient.weights[0]![j]![0]! += G[3 * j]!;
      gradient.weights[0]![j]![1]! += G[3 * j + 1]!;
      gradient.bias[0]![j]! += G[3 * j + 2]!;
    }
  }
  return gradient;
}
