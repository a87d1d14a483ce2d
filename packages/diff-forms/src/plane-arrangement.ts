/**
 * The activation regions of a 2-input float64 ReLU MLP built in flat typed arrays (no per-cell
 * objects), for the training loop's penalties: the same cells as `planeCells` (same clipping, same
 * tolerances, same thin-region rule), refined layer by layer, and the SPEC §6 penalties with their
 * gradients chained to the weights without per-cell map objects (arrangement-penalty.ts).
 *
 * Levels: level 0 is the box; the regions of level l+1 are those of level l cut by the lines of
 * hidden layer l. Each region of level l < H stores the maps (A_l, c_l) of layer l on it, packed
 * [a0, a1, c] per unit; each region of level l ≥ 1 stores its parent and its bits of layer l − 1
 * (packed in 32-bit words). The cells are the regions of level H. Once a region is cut by the lines
 * of layer l, its parts get the maps of layer l+1 (A_{l+1} = Σ_{k: bit k} W_{l+1}[:, k] A_l[k] + …:
 * one part by that sum, every other from a neighbour across one line, one term each). With a penalty
 * of uniform weighting each cell is evaluated as soon as its region is cut. Everything lives in one
 * arena that grows and is reused from call to call (arrangement-store.ts).
 */
import { clipBoth, clipCounts, clipInfo, clipRun, polyArea } from './arrangement-clip.js';
import {
  type ArrangementPenaltyOptions,
  beginPenalty,
  chainToWeights,
  beginRegion,
  chainTopRegion,
  penaltyAnc,
  penaltyOfCell,
  penaltyValue,
  refreshCells,
  sliverBaseOf,
  sliverCell,
} from './arrangement-penalty.js';
import { type Level, TAG, arena, unitKeys, wordsOf } from './arrangement-store.js';
import { DiffFormsError } from './errors.js';
import type { FloatMlp, MlpGradient } from './float-net.js';
import { type PlaneBox, planeSetup } from './plane-cells.js';

export type { ArrangementPenaltyOptions } from './arrangement-penalty.js';

/** The cells of a 2-input net (views into the shared arena, valid until the next build). */
export interface PlaneArrangement {
  net: FloatMlp;
  box: PlaneBox;
  /** hidden layer widths */
  widths: number[];
  cellCount: number;
  /** whether the cells have their bits of the last hidden layer (not after a sliver build) */
  cellBits: boolean;
}

type NextLayer = { weights: readonly (readonly number[])[]; bias: readonly number[] };

/**
 * The maps of layer l+1 on the parts of region r (their words in nxt.words from wb), appended to
 * nxt.maps: the first part by the sum A_{l+1} = Σ_{k: bit k} W_{l+1}[:, k] (A_l[k], c_l[k]) +
 * (0, 0, b), every other from a neighbour across a line of layer l (bits differing in one unit k:
 * ± one term), breadth first over the parts' edges; a part no edge reaches is summed directly.
 */
function nextMaps(
  l: number,
  nParts: number,
  Wn: NextLayer,
  wn: number,
  w: number,
  M: Float64Array,
  mo: number,
  nxt: Level,
  wb: number,
): void {
  const A = arena;
  const base = nxt.maps.n;
  nxt.maps.reserve(nParts * 3 * wn);
  nxt.maps.n += nParts * 3 * wn;
  const out = nxt.maps.a;
  const nw = wordsOf(w);
  const words = nxt.words.a;
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
  // several parts may share a key only by a hash collision: then the key maps to −2 (no lookup)
  for (let p = 0; p < nParts; p++) {
    const k = keys[p]!; // XOR of the unit keys of its 1 bits, kept by cutRegion
    done[p] = 0;
    const h = slotOf(k);
    slotPart[h] = slotPart[h] === -1 ? p : -2;
    slotKey[h] = k;
  }
  const PS = A.partStart.a;
  const PL = A.partLen.a;
  const TG = A.tag.a;
  for (let root = 0; root < nParts; root++) {
    if (done[root]) continue;
    directMaps(root, base, Wn, wn, w, M, mo, out, words, wb);
    let head = 0;
    let tail = 0;
    queue[tail++] = root;
    while (head < tail) {
      const p = queue[head++]!;
      const s = PS[p]!;
      const n = PL[p]!;
      for (let e = 0; e < n; e++) {
        const t = TG[s + e]!;
        if (t < l * TAG || t >= (l + 1) * TAG) continue;
        const k = t - l * TAG;
        const q = slotPart[slotOf(keys[p]! ^ K[k & 4095]!)]!;
        if (q < 0 || done[q]) continue;
        const kw = k >>> 5;
        const kb = 1 << (k & 31);
        // q must have p's bits except bit k (sure when the keys are the bits)
        if (!exact) {
          let same = true;
          for (let i = 0; i < nw && same; i++)
            same = (words[wb + q * nw + i]! ^ words[wb + p * nw + i]!) === (i === kw ? kb : 0);
          if (!same) continue;
        }
        const sg = words[wb + q * nw + kw]! & kb ? 1 : -1;
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
  Wn: NextLayer,
  wn: number,
  w: number,
  M: Float64Array,
  mo: number,
  out: Float64Array,
  words: Int32Array,
  wb: number,
): void {
  const A = arena;
  const WT = A.wt.a;
  const nw = wordsOf(w);
  const o = base + p * 3 * wn;
  for (let i = 0; i < wn; i++) {
    out[o + 3 * i] = 0;
    out[o + 3 * i + 1] = 0;
    out[o + 3 * i + 2] = Wn.bias[i]!;
  }
  for (let wi = 0; wi < nw; wi++) {
    // the 1 bits in increasing order
    let x = words[wb + p * nw + wi]!;
    while (x !== 0) {
      const k = 32 * wi + 31 - Math.clz32(x & -x);
      x &= x - 1;
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
  }
  A.done.a[p] = 1;
}

/** The bounding box of polygon (s, n): centre and half-sizes (slightly enlarged against rounding). */
function boxOf(s: number, n: number, into: Float64Array, at: number): void {
  const X = arena.x.a;
  const Y = arena.y.a;
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
  const tiny = 1e-12 * (Math.abs(x0) + Math.abs(x1) + Math.abs(y0) + Math.abs(y1));
  into[at] = 0.5 * (x0 + x1);
  into[at + 1] = 0.5 * (y0 + y1);
  into[at + 2] = 0.5 * (x1 - x0) * (1 + 1e-9) + tiny;
  into[at + 3] = 0.5 * (y1 - y0) * (1 + 1e-9) + tiny;
}

/**
 * The regions of a level in a spatial order: by the cell of a G × G grid over the box holding each
 * region's bounding-box centre, the grid's rows in turn, every other row reversed (a serpentine),
 * so that consecutive regions are mostly near each other. (The level-1 chain's runs, sumLevel1 in
 * arrangement-penalty.ts, then change few bits from one region with a row to the next.)
 */
function spatialOrder(lev: Level, box: PlaneBox): Int32Array {
  const A = arena;
  const n = lev.count;
  const G = Math.max(1, Math.round(Math.sqrt(n / 4)));
  A.order.reserve(n);
  A.orderKey.reserve(n);
  A.orderCount.reserve(G * G + 1);
  const key = A.orderKey.a;
  const cnt = A.orderCount.a;
  cnt.fill(0, 0, G * G + 1);
  const B = lev.box.a;
  const x0 = box.lo[0]!;
  const y0 = box.lo[1]!;
  const fx = G / (box.hi[0]! - x0);
  const fy = G / (box.hi[1]! - y0);
  for (let r = 0; r < n; r++) {
    const gx = Math.min(G - 1, Math.max(0, Math.floor((B[4 * r]! - x0) * fx)));
    const gy = Math.min(G - 1, Math.max(0, Math.floor((B[4 * r + 1]! - y0) * fy)));
    const k = gy * G + (gy & 1 ? G - 1 - gx : gx);
    key[r] = k;
    cnt[k + 1]!++;
  }
  for (let k = 0; k < G * G; k++) cnt[k + 1]! += cnt[k]!;
  const order = A.order.a;
  for (let r = 0; r < n; r++) order[cnt[key[r]!]!++] = r;
  return order;
}

/**
 * How many parts the per-part scratch of cutRegion holds (partStart, partLen, partArea, keys: one
 * entry each, partBox: four): checked once per line instead of growing each array per line.
 */
let partRoom = 0;

/** Grows the per-part scratch to hold m parts (the first .n entries kept); updates partRoom. */
function growParts(m: number): void {
  const A = arena;
  A.partStart.reserve(m - A.partStart.n);
  A.partLen.reserve(m - A.partLen.n);
  A.partArea.reserve(m - A.partArea.n);
  A.keys.reserve(m - A.keys.n);
  A.partBox.reserve(4 * m - A.partBox.n);
  partRoom = Math.min(
    A.partStart.a.length,
    A.partLen.a.length,
    A.partArea.a.length,
    A.keys.a.length,
    A.partBox.a.length >> 2,
  );
}

/** How many vertices the pool (arena x, y, tag) holds: checked once per clip. */
let poolRoom = 0;

/** Grows the pool by room for `extra` vertices past its end; updates poolRoom. */
function growPool(extra: number): void {
  const A = arena;
  A.x.reserve(extra);
  A.y.reserve(extra);
  A.tag.reserve(extra);
  poolRoom = Math.min(A.x.a.length, A.y.a.length, A.tag.a.length);
}

/**
 * How many regions the level being made holds (its parent, start, len, keys and area arrays):
 * checked once per cut region; 0 when a level starts.
 */
let regionRoom = 0;

/** Grows the level being made by room for `extra` regions past its count; updates regionRoom. */
function growRegions(nxt: Level, extra: number): void {
  nxt.parent.reserve(extra);
  nxt.start.reserve(extra);
  nxt.len.reserve(extra);
  nxt.keys.reserve(extra);
  nxt.area.reserve(extra);
  regionRoom = Math.min(
    nxt.parent.a.length,
    nxt.start.a.length,
    nxt.len.a.length,
    nxt.keys.a.length,
    nxt.area.a.length,
  );
}

/** Whether the build evaluates a penalty on each cell as soon as it is made. */
let inlinePenalty = false;
/**
 * Whether the cells (the last level) get their bits and keys of the last hidden layer: not while a
 * sliver penalty is evaluated during the build (its kernel reads the cells' areas, edges and maps,
 * never their bits; the chain reads the bits of the levels below). Then arrangementCells and
 * arrangementMasses refuse the build (PlaneArrangement.cellBits is false). False exactly when a
 * sliver penalty is evaluated during the build: then sliverCell evaluates each cell as it is made.
 */
let cellBits = true;

/**
 * Cuts region r of level l by the lines of layer l into regions of level l + 1; on the last level
 * (l = H − 1) the parts are the cells: vertices equal to their successor are dropped (as
 * planeCells), and with an inline penalty each cell is evaluated right away.
 */
function cutRegion(
  l: number,
  r: number,
  cur: Level,
  nxt: Level,
  w: number,
  wn: number,
  Wn: NextLayer | undefined,
  last: boolean,
  scale: number,
  minArea: number,
): void {
  const A = arena;
  const M = cur.maps.a;
  const mo = 3 * w * r;
  const nw = wordsOf(w);
  // whether the parts get their bits (and keys) of layer l: every level but cells without bits
  const bits = !last || cellBits;
  // part 0 is the region: polygon, area and bounding box as stored when the region was made
  A.partStart.n = A.partLen.n = A.partArea.n = A.keys.n = A.partBox.n = 0;
  if (partRoom < 1) growParts(1);
  A.partStart.a[0] = cur.start.a[r]!;
  A.partLen.a[0] = cur.len.a[r]!;
  A.partArea.a[0] = cur.area.a[r]!;
  {
    const D = A.partBox.a;
    const B = cur.box.a;
    D[0] = B[4 * r]!;
    D[1] = B[4 * r + 1]!;
    D[2] = B[4 * r + 2]!;
    D[3] = B[4 * r + 3]!;
  }
  let nParts = 1;
  A.partStart.n = A.partLen.n = A.partArea.n = A.keys.n = 1;
  A.partBox.n = 4;
  // the parts' words are written in place as the next level's (part p at wb + p nw)
  const PW = nxt.words;
  const wb = PW.n;
  PW.reserve(nw);
  for (let i = 0; i < nw; i++) PW.a[wb + i] = 0;
  PW.n = wb + nw;
  // first pass over all lines against the region's bounding box: a line that misses it gives every
  // part the same bit (set now, on part 0, inherited by every later part); the others, usually a
  // few, are the candidates processed part by part below, in increasing unit order
  const K = unitKeys(w);
  A.cand.reserve(w);
  let nc = 0;
  {
    const D = A.partBox.a;
    const cx = D[0]!;
    const cy = D[1]!;
    const hx = D[2]!;
    const hy = D[3]!;
    const words = PW.a;
    const cand = A.cand.a;
    let key = 0;
    // a line misses the box when |g_m| > |w0| hx + |w1| hy + margin, g_m = w·centre + c, with
    // margin = k (|w0| scale + |w1| scale + |c|) (eps and the rounding margin of the part loop
    // below, k = 1e-12 + 1e-9). As |c| ≤ |g_m| + |w0| |cx| + |w1| |cy|, that margin is at most
    // |w0| k (scale + |cx|) + |w1| k (scale + |cy|) + k |g_m|: folded into the half-sizes and
    // into |g_m| (1 − k) the test stays sound without |c| (a line it keeps as a candidate where
    // the margin with |c| would not is found on one side of every part below: the same cells)
    const k = 1e-12 + 1e-9;
    const HX = hx + k * (scale + Math.abs(cx));
    const HY = hy + k * (scale + Math.abs(cy));
    if (bits) {
      for (let j = 0; j < w; j++) {
        const w0 = M[mo + 3 * j]!;
        const w1 = M[mo + 3 * j + 1]!;
        const gm = (w0 * cx + w1 * cy + M[mo + 3 * j + 2]!) * (1 - k);
        const reach = Math.abs(w0) * HX + Math.abs(w1) * HY;
        if (gm > reach) {
          words[wb + (j >>> 5)]! |= 1 << (j & 31);
          key ^= K[j & 4095]!;
        } else if (!(gm < -reach)) cand[nc++] = j;
      }
    } else {
      // cells without bits: the candidates only (the same test: neither gm > reach nor gm < −reach)
      for (let j = 0; j < w; j++) {
        const w0 = M[mo + 3 * j]!;
        const w1 = M[mo + 3 * j + 1]!;
        const gm = (w0 * cx + w1 * cy + M[mo + 3 * j + 2]!) * (1 - k);
        if (!(Math.abs(gm) > Math.abs(w0) * HX + Math.abs(w1) * HY)) cand[nc++] = j;
      }
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
    const jw = j >>> 5;
    const jb = 1 << (j & 31);
    const kj = K[j & 4095]!;
    // a part whose bounding box the line misses by more than rounding lies on one side: every
    // vertex has |w·v + c| > eps by a margin far above the error of evaluating it
    const aw0 = Math.abs(w0);
    const aw1 = Math.abs(w1);
    const margin = eps + 1e-9 * (Math.abs(w0) * scale + Math.abs(w1) * scale + Math.abs(c));
    // every part splits at most once by this line: room for twice the parts
    const n0 = nParts;
    if (2 * n0 > partRoom) growParts(2 * n0);
    if (bits) PW.reserve(wb + 2 * n0 * nw - PW.n);
    const PS = A.partStart.a;
    const PL = A.partLen.a;
    const PA = A.partArea.a;
    const KY = A.keys.a;
    const D = A.partBox.a;
    const WD = PW.a;
    // the vertex values of the part being tested (grown when a part has more vertices)
    let hv = A.h.a;
    for (let p = 0; p < n0; p++) {
      // (on the last level the parts keep no bounding box: the vertex signs decide; keeping the
      // boxes while clipping costs more than the vertex tests they save)
      if (!last) {
        // a part whose box the line misses: its bit, and nothing else to do (as below)
        const gm = w0 * D[4 * p]! + w1 * D[4 * p + 1]! + c;
        const reach = aw0 * D[4 * p + 2]! + aw1 * D[4 * p + 3]! + margin;
        if (gm > reach) {
          if (bits) {
            WD[wb + p * nw + jw]! |= jb;
            KY[p] = KY[p]! ^ kj;
          }
          continue;
        }
        if (gm < -reach) continue;
      }
      const s = PS[p]!;
      const n = PL[p]!;
      // the side of the part: decided by the vertex signs
      let pos = false;
      let neg = false;
      // the positive vertices' bits when no vertex value is 0 (n ≤ 30), else −1
      let signs = -1;
      {
        // every vertex's value, kept in A.h for the clip (|g| ≤ eps counts as on the line)
        if (n > hv.length) {
          A.h.reserve(n);
          hv = A.h.a;
        }
        const X = A.x.a;
        const Y = A.y.a;
        // the signs as bit masks (n ≤ 30, for clipRun), else flags
        if (n <= 30) {
          let pm = 0;
          let nm = 0;
          // (the raw values: they are the clip's unless some |g| ≤ eps, then set to 0 below)
          for (let i = 0; i < n; i++) {
            const g = w0 * X[s + i]! + w1 * Y[s + i]! + c;
            hv[i] = g;
            pm |= +(g > eps) << i;
            nm |= +(g < -eps) << i;
          }
          pos = pm !== 0;
          neg = nm !== 0;
          if ((pm | nm) === (1 << n) - 1) signs = pm;
          else for (let i = 0; i < n; i++) if (Math.abs(hv[i]!) <= eps) hv[i] = 0;
        } else {
          for (let i = 0; i < n; i++) {
            const g = w0 * X[s + i]! + w1 * Y[s + i]! + c;
            const hi = Math.abs(g) <= eps ? 0 : g;
            hv[i] = hi;
            if (hi > 0) pos = true;
            else if (hi < 0) neg = true;
          }
        }
      }
      let bit: boolean;
      if (!(pos && neg)) {
        bit = pos ? true : neg ? false : w0 === 0 && w1 === 0 && c > 0;
      } else {
        // each part has at most 2n vertices (a vertex and a crossing per edge)
        const sp = A.x.n;
        if (sp + 4 * n > poolRoom) growPool(4 * n);
        if (signs < 0 || !clipRun(s, n, cut, !last, signs)) clipBoth(s, n, cut, !last);
        const np = clipCounts[0]!;
        const ap = clipInfo[0]!;
        const bx = clipInfo[1]!;
        const by = clipInfo[2]!;
        const bhx = clipInfo[3]!;
        const bhy = clipInfo[4]!;
        const sn = sp + np;
        const nn = clipCounts[1]!;
        const an = clipInfo[5]!;
        if (ap > minArea && an > minArea) {
          // the new part (negative side) copies the words and key (bit j is 0 in both so far)
          const q = nParts++;
          PS[q] = sn;
          PL[q] = nn;
          PA[q] = an;
          PS[p] = sp;
          PL[p] = np;
          PA[p] = ap;
          if (bits) {
            KY[q] = KY[p]!;
            for (let i = 0; i < nw; i++) WD[wb + q * nw + i] = WD[wb + p * nw + i]!;
          }
          // (the last level keeps no boxes: clipInfo holds none)
          if (!last) {
            D[4 * q] = clipInfo[6]!;
            D[4 * q + 1] = clipInfo[7]!;
            D[4 * q + 2] = clipInfo[8]!;
            D[4 * q + 3] = clipInfo[9]!;
            D[4 * p] = bx;
            D[4 * p + 1] = by;
            D[4 * p + 2] = bhx;
            D[4 * p + 3] = bhy;
          }
          bit = true;
        } else {
          // the whole part is on one side (a constant unit: bit 1 iff the constant is > 0)
          A.x.n = A.y.n = A.tag.n = sp; // drop both clipped polygons
          bit = w0 === 0 && w1 === 0 ? c > 0 : ap > an;
        }
      }
      if (bit && bits) {
        WD[wb + p * nw + jw]! |= jb;
        KY[p] = KY[p]! ^ kj;
      }
    }
    A.partStart.n = A.partLen.n = A.partArea.n = A.keys.n = nParts;
    A.partBox.n = 4 * nParts;
    PW.n = wb + nParts * nw;
  }
  // the parts become regions of level l + 1
  const o = nxt.count;
  if (o + nParts > regionRoom) growRegions(nxt, nParts);
  nxt.parent.n = nxt.start.n = nxt.len.n = nxt.keys.n = nxt.area.n = o + nParts;
  nxt.count = o + nParts;
  const PS = A.partStart.a;
  const PL = A.partLen.a;
  const PA = A.partArea.a;
  const NP = nxt.parent.a;
  const NK = nxt.keys.a;
  const KY = A.keys.a;
  for (let p = 0; p < nParts; p++) {
    NP[o + p] = r;
    NK[o + p] = bits ? KY[p]! : 0;
  }
  const NS = nxt.start.a;
  const NL = nxt.len.a;
  const NA = nxt.area.a;
  if (!last) {
    if (Wn !== undefined) nextMaps(l, nParts, Wn, wn, w, M, mo, nxt, wb);
    for (let p = 0; p < nParts; p++) {
      NS[o + p] = PS[p]!;
      NL[o + p] = PL[p]!;
      NA[o + p] = PA[p]!;
    }
    // each part's bounding box: the one the clip computed for its polygon, or its region's
    nxt.box.reserve(4 * nParts);
    const B = nxt.box.a;
    const D = A.partBox.a;
    const bo = nxt.box.n;
    for (let k = 0; k < 4 * nParts; k++) B[bo + k] = D[k]!;
    nxt.box.n += 4 * nParts;
    return;
  }
  // the cells: in place (every cell owns its polygon's range of the pool), vertices equal to their
  // successor dropped; the area as the clip summed it unless a vertex was dropped (the same sum)
  const X = A.x.a;
  const Y = A.y.a;
  const T = A.tag.a;
  // two hidden layers: each region's map gradients go to the level-1 sums as soon as its cells are
  // evaluated (deeper nets chain after the build: the same sums in the same order either way)
  const fused = inlinePenalty && l === 1;
  if (inlinePenalty) refreshCells();
  if (fused) beginRegion(r, A.cand.a, nc);
  const anc = penaltyAnc();
  // the vertices lie in the box (up to rounding), so 1e-14 (1 + |x| + |y|) ≤ near: a vertex whose
  // x differs from its successor's by more than that is kept without the full test
  const near = 1e-14 * (1 + 2.001 * scale);
  // a build without cell bits: the sliver penalty of each cell (the region's map offsets once)
  const base = cellBits ? null : sliverBaseOf();
  for (let p = 0; p < nParts; p++) {
    const s = PS[p]!;
    const n = PL[p]!;
    const x0 = X[s]!;
    const y0 = Y[s]!;
    let m = s;
    for (let i = 0; i < n; i++) {
      const ax = X[s + i]!;
      const ay = Y[s + i]!;
      const bx = i + 1 === n ? x0 : X[s + i + 1]!;
      if (
        !(Math.abs(ax - bx) > near) &&
        Math.abs(ax - bx) + Math.abs(ay - (i + 1 === n ? y0 : Y[s + i + 1]!)) <=
          1e-14 * (1 + Math.abs(ax) + Math.abs(ay))
      )
        continue;
      if (m !== s + i) {
        X[m] = ax;
        Y[m] = ay;
        T[m] = T[s + i]!;
      }
      m++;
    }
    const area = m - s === n ? PA[p]! : polyArea(X, Y, s, m - s);
    NS[o + p] = s;
    NL[o + p] = m - s;
    NA[o + p] = area;
    if (base !== null) sliverCell(s, m - s, area, base);
    else if (inlinePenalty) {
      anc[l + 1] = o + p;
      penaltyOfCell(s, m - s, area, 1);
    }
  }
  // the region's map gradients, complete now, one level down (the rows of its candidates only)
  if (fused) chainTopRegion(r, A.cand.a, nc);
}

/**
 * Builds the cells of a 2-input net in the box into the shared arena; with `penalty` (uniform
 * weighting) each cell's penalty is evaluated as soon as the cell is made (see penaltyOfNet).
 */
export function buildArrangement(
  net: FloatMlp,
  options: { box?: PlaneBox; minArea?: number } = {},
  penalty?: ArrangementPenaltyOptions,
): PlaneArrangement {
  const { box, minArea, scale } = planeSetup(net, options);
  const H = net.layers.length - 1;
  const widths = net.layers.slice(0, H).map((l) => l.bias.length);
  const A = arena;
  A.x.n = A.y.n = A.tag.n = 0;
  for (let l = 0; l <= H; l++) A.level(l);
  inlinePenalty = penalty !== undefined && penalty.weighting !== 'mass' && H >= 1;
  cellBits = !(inlinePenalty && penalty!.kind === 'sliver');
  // level 0: the box, maps of layer 0 = (W_0, b_0)
  const L0 = A.levels[0]!;
  L0.count = 1;
  L0.start.n = L0.len.n = L0.parent.n = L0.words.n = L0.keys.n = L0.area.n = L0.box.n = 0;
  L0.start.push(0);
  L0.len.push(4);
  growPool(4);
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
  L0.area.reserve(1);
  L0.area.a[0] = polyArea(A.x.a, A.y.a, 0, 4);
  L0.area.n = 1;
  L0.box.reserve(4);
  boxOf(0, 4, L0.box.a, 0);
  L0.box.n = 4;
  if (H === 0) {
    A.levels[0]!.count = 1;
    return { net, box, widths, cellCount: 1, cellBits: true };
  }
  {
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
    const last = l + 1 === H;
    const wn = last ? 0 : widths[l + 1]!;
    const Wn = last ? undefined : net.layers[l + 1]!;
    // W_{l+1} transposed: column j (the weights from unit j) contiguous
    A.wt.n = 0;
    if (Wn !== undefined) {
      A.wt.reserve(w * wn);
      const WT = A.wt.a;
      for (let i = 0; i < wn; i++) {
        const row = Wn.weights[i]!;
        for (let j = 0; j < w; j++) WT[j * wn + i] = row[j]!;
      }
    }
    nxt.count = 0;
    nxt.parent.n = nxt.words.n = nxt.maps.n = nxt.start.n = nxt.len.n = nxt.keys.n = 0;
    nxt.area.n = nxt.box.n = 0;
    regionRoom = 0;
    if (last && inlinePenalty) beginPenalty(net, widths, penalty!, H === 2);
    const anc = penaltyAnc();
    // two hidden layers: the level-1 regions in spatial order (for the level-1 chain, see
    // spatialOrder; the cells are numbered in that order, and a penalty after the build chains the
    // regions in the same order: the same sums either way)
    const order = last && H === 2 ? spatialOrder(cur, box) : null;
    for (let ri = 0; ri < cur.count; ri++) {
      const r = order === null ? ri : order[ri]!;
      if (last && inlinePenalty) {
        // the ancestors of region r's cells
        anc[l] = r;
        for (let k = l; k >= 1; k--) anc[k - 1] = A.levels[k]!.parent.a[anc[k]!]!;
      }
      cutRegion(l, r, cur, nxt, w, wn, Wn, last, scale, minArea);
    }
  }
  return { net, box, widths, cellCount: A.levels[H]!.count, cellBits };
}

/** The cells' bits are there (a build without a sliver penalty evaluated during it). */
function needBits(arr: PlaneArrangement): void {
  if (!arr.cellBits)
    throw new DiffFormsError(
      'OPTION_INVALID',
      'the cells of a build with a sliver penalty have no bits of the last hidden layer',
      'penalty',
      'build the arrangement without a penalty to read its cells or masses',
    );
}

/** Cell polygons of the last build, as plain arrays (for tests and inspection). */
export function arrangementCells(
  arr: PlaneArrangement,
): { pattern: boolean[][]; vertices: [number, number][]; area: number }[] {
  needBits(arr);
  const A = arena;
  const H = arr.widths.length;
  const out: { pattern: boolean[][]; vertices: [number, number][]; area: number }[] = [];
  const cells = A.levels[H]!;
  for (let r = 0; r < arr.cellCount; r++) {
    const pattern: boolean[][] = new Array(H);
    let q = r;
    for (let l = H; l >= 1; l--) {
      const w = arr.widths[l - 1]!;
      const nw = wordsOf(w);
      const lev = A.levels[l]!;
      pattern[l - 1] = Array.from(
        { length: w },
        (_, k) => ((lev.words.a[q * nw + (k >>> 5)]! >>> (k & 31)) & 1) === 1,
      );
      q = lev.parent.a[q]!;
    }
    const s = cells.start.a[r]!;
    const n = cells.len.a[r]!;
    const vertices: [number, number][] = [];
    for (let i = 0; i < n; i++) vertices.push([A.x.a[s + i]!, A.y.a[s + i]!]);
    out.push({ pattern, vertices, area: cells.area.a[r]! });
  }
  return out;
}

/** n_C/n per cell of the last build for the points (points in no cell are not counted). */
export function arrangementMasses(
  arr: PlaneArrangement,
  points: readonly (readonly number[])[],
): Float64Array {
  needBits(arr);
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
  const words = new Int32Array(Math.max(1, ...arr.widths.map(wordsOf)));
  let n = 0;
  for (const x of points) {
    const x0 = x[0]!;
    const x1 = x[1]!;
    let r = 0;
    for (let l = 0; l < H && r >= 0; l++) {
      const w = arr.widths[l]!;
      const nw = wordsOf(w);
      const M = A.levels[l]!.maps.a;
      const mo = 3 * w * r;
      let key = 0;
      const K = unitKeys(w);
      words.fill(0, 0, nw);
      for (let j = 0; j < w; j++) {
        if (M[mo + 3 * j]! * x0 + M[mo + 3 * j + 1]! * x1 + M[mo + 3 * j + 2]! > 0) {
          words[j >>> 5]! |= 1 << (j & 31);
          key ^= K[j & 4095]!;
        }
      }
      const lev = A.levels[l + 1]!;
      const t = tables[l]!;
      const mask = t.length - 1;
      let found = -1;
      for (let h = slot(r, key, shifts[l]!); t[h] !== -1; h = (h + 1) & mask) {
        const q = t[h]!;
        if (lev.parent.a[q] !== r || lev.keys.a[q] !== key) continue;
        let same = true;
        if (w > 32)
          for (let i = 0; i < nw && same; i++) same = lev.words.a[q * nw + i] === words[i];
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

/**
 * The SPEC §6 penalty of the last build and its gradient with respect to every weight, evaluated
 * cell by cell after the build (any weighting; `masses` for `weighting: 'mass'`).
 */
export function arrangementPenalty(
  arr: PlaneArrangement,
  options: ArrangementPenaltyOptions,
  masses?: Float64Array,
): { value: number; gradient: MlpGradient } {
  // the sliver kernel reads no cell bits; the angle and boundary kernels do
  if (options.kind !== 'sliver') needBits(arr);
  const A = arena;
  const { widths } = arr;
  const H = widths.length;
  inlinePenalty = false;
  beginPenalty(arr.net, widths, options, false);
  refreshCells();
  const cells = A.levels[H]!;
  const anc = penaltyAnc();
  const mass = options.weighting === 'mass';
  for (let r = 0; r < cells.count; r++) {
    const wt = mass ? masses![r]! : 1;
    if (wt === 0) continue;
    anc[H] = r;
    for (let l = H; l >= 1; l--) anc[l - 1] = A.levels[l]!.parent.a[anc[l]!]!;
    penaltyOfCell(cells.start.a[r]!, cells.len.a[r]!, cells.area.a[r]!, wt);
  }
  return { value: penaltyValue(), gradient: chainToWeights(false) };
}

/**
 * Builds the cells of a 2-input net and evaluates a penalty on them: with uniform weighting during
 * the build (each cell right after its region's last cut), with data masses after it.
 */
export function penaltyOfNet(
  net: FloatMlp,
  box: PlaneBox,
  options: ArrangementPenaltyOptions,
  points: readonly (readonly number[])[],
): { value: number; gradient: MlpGradient } {
  const arr = buildArrangement(net, { box }, options);
  if (inlinePenalty) {
    inlinePenalty = false;
    return { value: penaltyValue(), gradient: chainToWeights(arr.widths.length === 2) };
  }
  const masses = options.weighting === 'mass' ? arrangementMasses(arr, points) : undefined;
  return arrangementPenalty(arr, options, masses);
}
