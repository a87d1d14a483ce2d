/**
 * The storage of the typed-array plane arrangement (plane-arrangement.ts): growable typed arrays,
 * the levels of regions, and one arena of them reused from call to call (it only grows; not
 * reentrant — JavaScript is single-threaded). Bit patterns are packed 32 units to a 32-bit word.
 */

/** Growable Float64Array. */
export class F64 {
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
export class I32 {
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

/** Edge tags: unit j of hidden layer l is l·TAG + j (≥ 0); box side s is −1 − s. */
export const TAG_BITS = 16;
export const TAG = 1 << TAG_BITS;

/** 32-bit words per bit pattern of a layer of w units. */
export const wordsOf = (w: number): number => (w + 31) >>> 5;

/** One level of regions. */
export interface Level {
  count: number;
  /** parent region (level − 1) */
  parent: I32;
  /** bits of layer level − 1 per region, packed: bit k in word k >> 5 at k & 31 (wordsOf(w) each) */
  words: I32;
  /** per region: the XOR of the unit keys of its 1 bits (unitKeys) */
  keys: I32;
  /** maps of layer `level` per region, 3 per unit [a0, a1, c] (levels < H). */
  maps: F64;
  /** polygon of each region: start in the vertex pool and number of vertices. */
  start: I32;
  len: I32;
  /** the shoelace area of each region's polygon (as polyArea sums it) */
  area: F64;
  /** gradient with respect to the maps (same layout as maps). */
  gmaps: F64;
  /** bounding box of each region: centre and half-sizes (slightly enlarged), 4 per region. */
  box: F64;
}

function newLevel(): Level {
  return {
    count: 0,
    parent: new I32(),
    words: new I32(),
    keys: new I32(),
    maps: new F64(),
    start: new I32(),
    len: new I32(),
    area: new F64(),
    gmaps: new F64(),
    box: new F64(),
  };
}

/** The arena: vertex pool (x, y, tag of the edge leaving the vertex), levels, scratch. */
export class Arena {
  x = new F64();
  y = new F64();
  tag = new I32();
  levels: Level[] = [];
  /** scratch for clipping: the vertex values of the polygon being cut */
  h = new F64();
  /** per part of the region being cut: polygon, bounding box (4 each), area, key */
  partStart = new I32();
  partLen = new I32();
  partBox = new F64();
  partArea = new F64();
  keys = new I32();
  wt = new F64();
  t = new F64();
  done = new I32();
  queue = new I32();
  slotKey = new I32();
  slotPart = new I32();
  cand = new I32();
  /** the level-1 chain's running sums (3 per row) and last bits per row (arrangement-penalty.ts) */
  runSum = new F64();
  runBits = new I32();
  /** a level's regions in spatial order (plane-arrangement.ts spatialOrder) and its scratch */
  order = new I32();
  orderKey = new I32();
  orderCount = new I32();
  level(l: number): Level {
    while (this.levels.length <= l) this.levels.push(newLevel());
    return this.levels[l]!;
  }
}

export const arena = new Arena();

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
 * pattern itself (its one word) and equal keys mean equal bits (no check of the bits needed).
 */
const bitKeys = new Int32Array(1 << 12);
for (let j = 0; j < 32; j++) bitKeys[j] = 1 << j;
/** The unit keys of a layer of width w (equal keys mean equal bits iff w ≤ 32). */
export const unitKeys = (w: number): Int32Array => (w <= 32 ? bitKeys : zobrist);
