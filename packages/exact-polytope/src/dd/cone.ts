/**
 * Double description method for a polyhedral cone C = {y ∈ R^n : G y ≥ 0, E y = 0} on BigInt.
 *
 * 1. The lineality space L = {y : G y = 0, E y = 0} is computed first (integer null space).
 * 2. The pointed part C' = C ∩ L^⊥ is parametrised as y = B z, B an integer basis of
 *    {y : E y = 0, L y = 0}; in z-coordinates C' = {z : (G B) z ≥ 0} with G B of full column rank.
 * 3. Starting from the simplicial cone of k independent rows, the remaining rows are inserted one
 *    at a time (see {@link InsertionOrder}). A new ray is made from each adjacent pair (r⁺, r⁻) of
 *    rays on opposite sides. Adjacency: the necessary test |Z(r⁺) ∩ Z(r⁻)| ≥ k − 2, then
 *    - both rays simple (|Z| = k − 1, rows then independent): adjacent iff they share k − 2 rows,
 *      found by hashing (k − 2)-subsets instead of looping over all pairs;
 *    - one simple: adjacent iff |Z(r⁺) ∩ Z(r⁻)| = k − 2 (the shared rows are independent);
 *    - both degenerate: the combinatorial test (no third ray's zero set contains Z(r⁺) ∩ Z(r⁻)),
 *      on an index from each row to the rays tight on it: a third ray must be tight on the row of
 *      Z with the fewest tight rays, so only those few rays are compared with Z.
 *    Zero sets are bitsets indexed by insertion rank; simple × simple pairs are found on a
 *    typed-array hash table reused across iterations. Rays are ids into one struct-of-arrays
 *    {@link RayStore} (ray.ts): no allocation per ray.
 *
 * Rays are primitive integer vectors held in the lanes of ray.ts: float64-exact small integers
 * first (the update and its gcd in float64 while every product stays below 2^53), BigInt when a
 * bound is exceeded, and — in the filtered mode — float64 approximations with a proven error bound
 * whose exact vector is computed lazily, only when a sign decision or an output needs it. Sign
 * decisions g·r are certified in float64 or made exactly, so both modes give identical rays and
 * zero sets (issue 11).
 */
import {
  type FilterStats,
  bareissRank,
  exactDotSign,
  gcdOfList,
  integerNullSpace,
  lazyProperty,
  sumErrorBound,
  toFloatVector,
} from '@mlgeo/exact-arith';
import {
  type RayRows,
  type RayStats,
  type SignRow,
  RayStore,
  combineRays,
  exactRay,
  newRayStats,
  raySign,
  setRayExact,
  signRow,
} from './ray.js';
import { FreshSolver } from './fresh.js';
import { setBit, wordCount } from './bitset.js';

/**
 * How sign decisions are made: exact BigInt; float64 with a proven filter and exact fallback; or
 * `'unfiltered'` — the raw float64 sign with no bound and no fallback (benchmarking only: its
 * combinatorics may be wrong on degenerate input).
 */
export type SignMode = 'exact' | 'float' | 'unfiltered';

export interface ConeInput {
  /** Dimension of the space the cone lives in. */
  n: number;
  /** Inequality rows g (g·y ≥ 0). */
  ineq: readonly (readonly bigint[])[];
  /** Equality rows e (e·y = 0). */
  eq: readonly (readonly bigint[])[];
  mode: SignMode;
  /** Row insertion order (default `'input'`); the result does not depend on it, the time does. */
  order?: InsertionOrder;
  /**
   * How degenerate pairs are tested (default `'index'`); `'scan'` compares Z with every ray, as
   * the engine does when the index would be too large. Both give identical results (tests).
   */
  adjacencyTest?: 'index' | 'scan';
}

/**
 * Row insertion orders: `'input'` (the rows as given, cdd's `minindex`), `'lexmin'` / `'lexmax'`
 * (lexicographically smallest / largest homogeneous row first). Measured on cddlib's examples,
 * `'input'` was never much slower than `lexmin` and is 50× faster on sampleh8 (lexmin builds 177,480
 * intermediate rays there, input order never more than the 13,865 final ones), so it is the default.
 */
export type InsertionOrder = 'input' | 'lexmin' | 'lexmax';

function insertionOrder(rows: readonly (readonly bigint[])[], how: InsertionOrder): number[] {
  const order = Array.from({ length: rows.length }, (_, i) => i);
  if (how === 'input') return order;
  order.sort((a, b) => compareRows(rows[a]!, rows[b]!) || a - b);
  if (how === 'lexmax') order.reverse();
  return order;
}

export interface DDStats extends FilterStats, RayStats {
  /** Largest number of rays held at any time. */
  maxRays: number;
  /** Adjacency candidate pairs that passed the cardinality test. */
  adjacencyTests: number;
}

/**
 * A float copy of a ray y with a proven bound: |y_t − μ·ŷ_t| ≤ e for some μ > 0 and every t
 * (e = 0: y is the exact primitive ray; e = Infinity: no bound, use the exact ray).
 */
export interface FloatRay {
  y: Float64Array;
  e: number;
}

export interface ConeResult {
  /** Integer basis of the lineality space L. */
  lineality: bigint[][];
  /**
   * Extreme rays of C ∩ L^⊥ as primitive integer vectors in R^n (in the filtered mode computed on
   * first access, from the rays' provenance).
   */
  readonly rays: bigint[][];
  /** Number of extreme rays. */
  rayCount: number;
  /** Ray i exactly (cached; the filtered mode computes only the rays asked for). */
  exactRay(i: number): bigint[];
  /** Ray i in float64 with a proven error bound (no BigInt work). */
  floatRay(i: number): FloatRay;
  /** For each ray, the bitset of inequality rows (by input index) tight on it. */
  zeroSets: Uint32Array[];
  /** Dimension k of the space {E y = 0} ∩ L^⊥ that C' spans at most. */
  pointedSpaceDimension: number;
  stats: DDStats;
}

function hashRay(st: RayStore, id: number, hashA: Int32Array, hashB: Int32Array): void {
  let ha = 0;
  let hb = 0;
  const count = st.zeroRanks(id);
  const ranks = st.ranks;
  for (let j = 0; j < count; j++) {
    const i = ranks[j]!;
    ha ^= hashA[i]!;
    hb ^= hashB[i]!;
  }
  st.HA[id] = ha;
  st.HB[id] = hb;
  st.COUNT[id] = count;
}

function addZero(st: RayStore, id: number, i: number, hashA: Int32Array, hashB: Int32Array): void {
  st.Z[id * st.W + (i >>> 5)]! |= 1 << (i & 31);
  st.COUNT[id]!++;
  st.HA[id]! ^= hashA[i]!;
  st.HB[id]! ^= hashB[i]!;
}

/** |Z(a) ∩ Z(b)| on the first `len` words, the intersection written to `out`. */
function intersectRays(st: RayStore, a: number, b: number, out: Uint32Array, len: number): number {
  const { Z, W } = st;
  const oa = a * W;
  const ob = b * W;
  let c = 0;
  for (let w = 0; w < len; w++) {
    let x = Z[oa + w]! & Z[ob + w]!;
    out[w] = x;
    if (x !== 0) {
      x = x - ((x >>> 1) & 0x55555555);
      x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
      x = (x + (x >>> 4)) & 0x0f0f0f0f;
      c += Math.imul(x, 0x01010101) >>> 24;
    }
  }
  return c;
}

/** z ⊆ Z(o) on the first `len` words. */
function subsetOfRay(z: Uint32Array, st: RayStore, o: number, len: number): boolean {
  const { Z, W } = st;
  const oo = o * W;
  for (let w = 0; w < len; w++) if ((z[w]! & ~Z[oo + w]!) !== 0) return false;
  return true;
}

/**
 * A hash multimap from a 64-bit key (two 32-bit Zobrist hashes of a zero set minus one row) to
 * ray ids, on one typed array reused across iterations: open addressing with linear probing, an
 * entry (key a, key b, value + 1) in three consecutive words (0: empty), so a lookup usually reads
 * one cache line. The simple × simple pairing of one iteration without a Map or an array per key.
 */
class PairTable {
  slots = new Int32Array(0);
  mask = 0;

  reset(capacity: number): this {
    let buckets = 16;
    while (buckets < 2 * capacity) buckets *= 2;
    if (this.slots.length < 3 * buckets) this.slots = new Int32Array(3 * buckets);
    else this.slots.fill(0, 0, 3 * buckets);
    this.mask = buckets - 1;
    return this;
  }

  /** Adds (a, b) → v (v ≥ 0); at most `capacity` entries (half the buckets). */
  add(a: number, b: number, v: number): void {
    const { slots, mask } = this;
    let h = (a ^ Math.imul(b, 0x9e3779b1)) & mask;
    while (slots[3 * h + 2] !== 0) h = (h + 1) & mask;
    slots[3 * h] = a;
    slots[3 * h + 1] = b;
    slots[3 * h + 2] = v + 1;
  }

  /** The bucket where the search for key (a, b) starts. */
  start(a: number, b: number): number {
    return (a ^ Math.imul(b, 0x9e3779b1)) & this.mask;
  }
}

/**
 * Adjacency of two degenerate rays with Z = Z(rp) ∩ Z(rn), |Z| = c ≥ k − 2: adjacent iff the
 * rows in Z have rank k − 2 (algebraic test), equivalently iff no third ray's zero set contains
 * Z (combinatorial test, Fukuda–Prodon). The combinatorial test runs on the {@link TightIndex}:
 * a third ray containing Z is tight on every row of Z, in particular on the row of Z with the
 * fewest tight rays, so only those few rays are compared with Z (each comparison usually stops
 * at its first word). Cost: |Z| counter reads plus a handful of short subset tests, instead of a
 * scan over every ray or a BigInt rank computation. `ctx.witness`: a ray of the current cone
 * (before this row's new rays) that refuted an earlier pair of this iteration, or −1.
 */
function combinatorialAdjacency(
  st: RayStore,
  rp: number,
  rn: number,
  z: Uint32Array,
  activeWords: number,
  index: TightIndex,
  ctx: { witness: number },
): boolean {
  // the ray that refuted the previous pair often refutes this one too
  const w = ctx.witness;
  if (w >= 0 && w !== rp && w !== rn && subsetOfRay(z, st, w, activeWords)) return false;
  const { count, slotWords, tight } = index;
  let rarest = -1;
  let fewest = Infinity;
  scan: for (let t = 0; t < activeWords; t++) {
    let x = z[t]!;
    while (x !== 0) {
      const low = x & -x;
      x ^= low;
      const row = (t << 5) + 31 - Math.clz32(low);
      const c = count[row]!;
      if (c < fewest) {
        fewest = c;
        rarest = row;
        if (c <= RARE_ENOUGH) {
          if (c <= 2) return true; // only rp and rn are tight on this row
          break scan;
        }
      }
    }
  }
  const base = rarest * slotWords;
  const usedWords = Math.min(slotWords, wordCount(st.top)); // ids above the top are unused
  for (let t = 0; t < usedWords; t++) {
    let x = tight[base + t]!;
    while (x !== 0) {
      const low = x & -x;
      x ^= low;
      const o = (t << 5) + 31 - Math.clz32(low);
      if (o === rp || o === rn) continue;
      if (subsetOfRay(z, st, o, activeWords)) {
        ctx.witness = o;
        return false;
      }
    }
  }
  return true;
}

/** A row with this few tight rays is a good enough place to look for a third ray. */
const RARE_ENOUGH = 6;

/**
 * The same combinatorial test without the index (used only if the index would exceed
 * {@link INDEX_WORD_BUDGET}): a scan over every current ray.
 */
function scanAdjacency(
  st: RayStore,
  rp: number,
  rn: number,
  z: Uint32Array,
  activeWords: number,
  rays: IdList,
  ctx: { witness: number },
): boolean {
  const w = ctx.witness;
  if (w >= 0 && w !== rp && w !== rn && subsetOfRay(z, st, w, activeWords)) return false;
  for (let i = 0; i < rays.n; i++) {
    const o = rays.a[i]!;
    if (o === rp || o === rn) continue;
    if (subsetOfRay(z, st, o, activeWords)) {
      ctx.witness = o;
      return false;
    }
  }
  return true;
}

/** Largest size of the tight index in 32-bit words (64 MB); beyond it the scan is used. */
const INDEX_WORD_BUDGET = 1 << 24;

/**
 * For each row (by insertion rank), the set of current rays tight on it, as a bitset over ray
 * ids, and its size. Created on the first degenerate × degenerate pair (small or simple problems
 * never pay for it) and then updated incrementally: a ray enters when it is created, leaves when
 * it is cut off, and gains a row when it lies on the row being inserted.
 */
interface TightIndex {
  slotWords: number;
  /** tight[row * slotWords + w]: word w of the id set of rays tight on the row. */
  tight: Uint32Array;
  /** count[row] = number of current rays tight on the row. */
  count: Int32Array;
  rows: number;
  /** Set when growing would exceed {@link INDEX_WORD_BUDGET}; the index is then dropped. */
  overflow: boolean;
}

function createTightIndex(rows: number, st: RayStore, rays: IdList): TightIndex {
  const slotWords = Math.max(1, wordCount(2 * st.top));
  const index: TightIndex = {
    slotWords,
    tight: new Uint32Array(rows * slotWords),
    count: new Int32Array(rows),
    rows,
    overflow: false,
  };
  for (let i = 0; i < rays.n; i++) indexAdd(index, st, rays.a[i]!);
  return index;
}

function indexAdd(index: TightIndex, st: RayStore, r: number): void {
  if (r >= index.slotWords * 32) {
    // grow: at least twice the slot words, rows copied
    let sw = index.slotWords * 2;
    while (r >= sw * 32) sw *= 2;
    if (index.rows * sw > INDEX_WORD_BUDGET) {
      index.overflow = true;
      return;
    }
    const tight = new Uint32Array(index.rows * sw);
    for (let row = 0; row < index.rows; row++)
      tight.set(index.tight.subarray(row * index.slotWords, (row + 1) * index.slotWords), row * sw);
    index.tight = tight;
    index.slotWords = sw;
  }
  const { tight, count, slotWords } = index;
  const word = r >>> 5;
  const mask = 1 << (r & 31);
  const n = st.zeroRanks(r);
  const ranks = st.ranks;
  for (let j = 0; j < n; j++) {
    const row = ranks[j]!;
    tight[row * slotWords + word]! |= mask;
    count[row]!++;
  }
}

function indexRemove(index: TightIndex, st: RayStore, r: number): void {
  const { tight, count, slotWords } = index;
  const word = r >>> 5;
  const mask = ~(1 << (r & 31));
  const n = st.zeroRanks(r);
  const ranks = st.ranks;
  for (let j = 0; j < n; j++) {
    const row = ranks[j]!;
    tight[row * slotWords + word]! &= mask;
    count[row]!--;
  }
}

function indexAddZero(index: TightIndex, r: number, row: number): void {
  index.tight[row * index.slotWords + (r >>> 5)]! |= 1 << (r & 31);
  index.count[row]!++;
}

/** Approximate rays made before the lane is judged by how many of them had to be resolved. */
const APPROXIMATE_TRIAL = 64;

/** Zeroed {@link DDStats}. */
export function newDDStats(): DDStats {
  return { signTests: 0, exactFallbacks: 0, maxRays: 0, adjacencyTests: 0, ...newRayStats() };
}

function compareRows(a: readonly bigint[], b: readonly bigint[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i]! < b[i]!) return -1;
    if (a[i]! > b[i]!) return 1;
  }
  return 0;
}

function primitive(v: bigint[]): bigint[] {
  const g = gcdOfList(v);
  if (g > 1n) for (let i = 0; i < v.length; i++) v[i] = v[i]! / g;
  return v;
}

/**
 * A list of ray ids that keeps its storage when cleared (`n = 0`; a JS array cleared with
 * `length = 0` drops its storage, so four lists regrew every iteration). A plain array, not a
 * typed one: many small runs (cells of a complex) made typed arrays' allocation show up in GC.
 */
class IdList {
  a: number[] = [];
  n = 0;

  push(id: number): void {
    this.a[this.n++] = id; // appends at n = length, so the array stays packed
  }
}

/** The simple-pair table, shared by every run (runs are never nested; it only grows). */
const PAIRS = new PairTable();

/** What the insertion loop needs (see {@link insertRows}). */
interface LoopInput {
  st: RayStore;
  /** The rays of the initial cone (ids). */
  rays: number[];
  /** Rows (input indices) still to insert, in order. */
  remaining: readonly number[];
  /** Input index of each insertion rank (extended by the loop). */
  rowOfRank: number[];
  signRows: readonly SignRow[];
  rayRows: RayRows;
  hashA: Int32Array;
  hashB: Int32Array;
  k: number;
  m: number;
  words: number;
  mode: SignMode;
  approximate: boolean;
  approximateLane: () => boolean;
  stats: DDStats;
  rayStats: RayStats;
  signStats: RayStats & { exactFallbacks: number };
  scanOnly: boolean;
}

/**
 * The double description loop: inserts the remaining rows one at a time and returns the final
 * rays (ids). Kept apart from the set-up and the result (which see varied shapes: exact or
 * filtered, any input) so that the optimized code of this hot function is not discarded by a
 * deoptimization there (measured in session 7: `new Array(n)` with n > 16,384 at the end of the
 * run deoptimized the whole function on every polytope with that many vertices).
 */
function insertRows(input: LoopInput): number[] {
  const { st, remaining, rowOfRank, signRows, rayRows, hashA, hashB, k, m, words, mode } = input;
  const { approximate, approximateLane, stats, rayStats, signStats } = input;
  let { scanOnly } = input;
  let rays = new IdList();
  for (const r of input.rays) rays.push(r);
  const scratch = new Uint32Array(words);
  let index: TightIndex | undefined;
  const adjacency = { witness: -1 };
  const pairs = PAIRS;
  // per-iteration lists of ray ids, reused
  const pos = new IdList();
  const neg = new IdList();
  const zer = new IdList();
  let next = new IdList();
  for (const h of remaining) {
    const bit = rowOfRank.length;
    rowOfRank.push(h);
    const activeWords = wordCount(bit + 1);
    const row = signRows[h]!;
    const gf = row.gf;
    // a witness must be a ray of the cone before this row (never a new ray of this iteration)
    adjacency.witness = -1;
    pos.n = 0;
    neg.n = 0;
    zer.n = 0;
    for (let i = 0; i < rays.n; i++) {
      const r = rays.a[i]!;
      let s: number;
      if (mode === 'unfiltered') {
        stats.signTests++;
        const F = st.F;
        let sum = 0;
        for (let t = 0; t < k; t++) sum += gf[t]! * F[r * k + t]!;
        s = sum > 0 ? 1 : sum < 0 ? -1 : 0;
        // benchmarking only: no bound; ds = 0 marks an exact small-lane value
        let abs = 0;
        for (let t = 0; t < k; t++) abs += Math.abs(gf[t]! * F[r * k + t]!);
        st.S[r] = sum;
        st.DS[r] = st.SMALL[r] === 1 && row.exact && abs < 2 ** 53 ? 0 : Number.MIN_VALUE;
        st.sv[r] = undefined;
      } else {
        stats.signTests++;
        s = raySign(st, r, row, rayRows, signStats, approximate);
      }
      if (s > 0) pos.push(r);
      else if (s < 0) neg.push(r);
      else zer.push(r);
    }
    for (let i = 0; i < zer.n; i++) {
      const r = zer.a[i]!;
      addZero(st, r, bit, hashA, hashB);
      if (index !== undefined) indexAddZero(index, r, bit);
    }
    if (neg.n === 0) continue;
    next.n = 0;
    for (let i = 0; i < pos.n; i++) next.push(pos.a[i]!);
    for (let i = 0; i < zer.n; i++) next.push(zer.a[i]!);
    const firstNew = next.n;
    // the new ray of the adjacent pair (rp, rn); its zero set is `scratch` plus the new row
    const created = (rp: number, rn: number): void => {
      const id = st.alloc();
      const Z = st.Z;
      const o = id * words;
      for (let w = 0; w < activeWords; w++) Z[o + w] = scratch[w]!;
      Z[o + (bit >>> 5)]! |= 1 << (bit & 31);
      combineRays(st, id, rp, rn, row, rayRows, approximateLane(), rayStats);
      hashRay(st, id, hashA, hashB);
      next.push(id);
    };
    if (pos.n > 0) {
      const need = k - 2;
      const simple = k - 1;
      // (COUNT is read only for rays of the cone before this row, whose counts do not change
      // while new rays are created; a grown store copies them, so this reference stays valid)
      const COUNT = st.COUNT;
      // (a) simple × simple: |Z| = k − 1 on both sides. The k − 1 rows tight on an extreme ray are
      // independent, so such a pair is adjacent iff it shares exactly k − 2 of them; pairs are found
      // by hashing the (k − 2)-subsets (Zobrist hashes), then verified on the bitsets.
      // the side with fewer simple rays is hashed, the other side probes
      let simplePos = 0;
      let simpleNeg = 0;
      for (let i = 0; i < pos.n; i++) if (COUNT[pos.a[i]!] === simple) simplePos++;
      for (let i = 0; i < neg.n; i++) if (COUNT[neg.a[i]!] === simple) simpleNeg++;
      if (simplePos > 0 && simpleNeg > 0) {
        const hashPos = simplePos <= simpleNeg;
        const stored = hashPos ? pos : neg;
        const probing = hashPos ? neg : pos;
        const table = pairs.reset(Math.min(simplePos, simpleNeg) * (k - 1));
        const { HA, HB } = st;
        const Z0 = st.Z;
        for (let i = 0; i < stored.n; i++) {
          const r = stored.a[i]!;
          if (COUNT[r] !== simple) continue;
          const ha = HA[r]!;
          const hb = HB[r]!;
          for (let w = 0; w < activeWords; w++) {
            let x = Z0[r * words + w]!;
            while (x !== 0) {
              const low = x & -x;
              x ^= low;
              const a = (w << 5) + 31 - Math.clz32(low);
              table.add(ha ^ hashA[a]!, hb ^ hashB[a]!, r);
            }
          }
        }
        for (let j = 0; j < probing.n; j++) {
          const q = probing.a[j]!;
          if (COUNT[q] !== simple) continue;
          const ha = HA[q]!;
          const hb = HB[q]!;
          for (let w = 0; w < activeWords; w++) {
            // the store may have grown (created): read Z afresh
            let x = st.Z[q * words + w]!;
            while (x !== 0) {
              const low = x & -x;
              x ^= low;
              const b = (w << 5) + 31 - Math.clz32(low);
              const ka = ha ^ hashA[b]!;
              const kb = hb ^ hashB[b]!;
              // every entry with key (ka, kb): the run of full buckets from the key's start
              const T = table.slots;
              for (let e = table.start(ka, kb); T[3 * e + 2] !== 0; e = (e + 1) & table.mask) {
                if (T[3 * e] !== ka || T[3 * e + 1] !== kb) continue;
                const o = T[3 * e + 2]! - 1;
                // Z(o) ∩ Z(q) = Z(q) \ {b} exactly (guards against hash collisions and repeats)
                if ((st.Z[o * words + (b >>> 5)]! & (1 << (b & 31))) !== 0) continue;
                if (intersectRays(st, o, q, scratch, activeWords) !== need) continue;
                stats.adjacencyTests++;
                if (hashPos) created(o, q);
                else created(q, o);
              }
            }
          }
        }
      }
      // (b) pairs with a degenerate ray (|Z| > k − 1). If the other ray is simple, Z lies inside its
      // independent zero set, so the pair is adjacent iff |Z| = k − 2; otherwise the full test.
      const adjacentDegenerate = (rp: number, rn: number): void => {
        const c = intersectRays(st, rp, rn, scratch, activeWords);
        if (c < need) return;
        stats.adjacencyTests++;
        if (COUNT[rp] === simple || COUNT[rn] === simple) {
          if (c === need) created(rp, rn);
          return;
        }
        if (index === undefined && !scanOnly) {
          if (m * wordCount(2 * st.top) > INDEX_WORD_BUDGET) scanOnly = true;
          else index = createTightIndex(m, st, rays);
          adjacency.witness = -1;
        }
        const adjacent =
          index !== undefined
            ? combinatorialAdjacency(st, rp, rn, scratch, activeWords, index, adjacency)
            : scanAdjacency(st, rp, rn, scratch, activeWords, rays, adjacency);
        if (adjacent) created(rp, rn);
      };
      for (let i = 0; i < pos.n; i++) {
        const rp = pos.a[i]!;
        if (COUNT[rp]! > simple) for (let j = 0; j < neg.n; j++) adjacentDegenerate(rp, neg.a[j]!);
      }
      for (let j = 0; j < neg.n; j++) {
        const rn = neg.a[j]!;
        if (COUNT[rn]! > simple)
          for (let i = 0; i < pos.n; i++) {
            const rp = pos.a[i]!;
            if (COUNT[rp] === simple) adjacentDegenerate(rp, rn);
          }
      }
    }
    if (index !== undefined) {
      for (let j = 0; j < neg.n; j++) indexRemove(index, st, neg.a[j]!);
      for (let i = firstNew; i < next.n; i++) indexAdd(index, st, next.a[i]!);
      if (index.overflow) {
        index = undefined;
        scanOnly = true;
      }
    }
    for (let j = 0; j < neg.n; j++) st.release(neg.a[j]!);
    // swap the lists: the old one is reused for the next iteration's survivors
    const old = rays;
    rays = next;
    next = old;
    if (rays.n > stats.maxRays) stats.maxRays = rays.n;
  }

  const final: number[] = [];
  for (let i = 0; i < rays.n; i++) final.push(rays.a[i]!);
  return final;
}

/** Runs the double description method; see the module comment. */
export function enumerateCone(input: ConeInput): ConeResult {
  const { n, ineq, eq, mode } = input;
  const m = ineq.length;
  const stats = newDDStats();
  const all = [...ineq, ...eq];
  const lineality = integerNullSpace(all, n);
  const basis = integerNullSpace([...eq, ...lineality], n); // k vectors of length n
  const k = basis.length;
  const words = wordCount(m);
  if (k === 0)
    return {
      lineality,
      rays: [],
      rayCount: 0,
      exactRay: () => [],
      floatRay: () => ({ y: new Float64Array(0), e: 0 }),
      zeroSets: [],
      pointedSpaceDimension: 0,
      stats,
    };

  // rows in z-coordinates: (G B)_{ij} = g_i · basis_j
  const gz: bigint[][] = ineq.map((g) =>
    basis.map((col) => {
      let s = 0n;
      for (let t = 0; t < n; t++) s += g[t]! * col[t]!;
      return s;
    }),
  );
  // built by push (always PACKED_ELEMENTS): an array from `map` was sometimes holey, and the
  // element kind changing between runs deoptimized the insertion loop (session 7, --trace-deopt)
  const signRows: SignRow[] = [];
  for (const g of gz) signRows.push(signRow(g));
  const rayStats = newRayStats();
  const signStats = Object.assign(rayStats, { exactFallbacks: 0 });
  const approximate = mode === 'float';
  // The approximate lane pays only if most approximate rays never need their exact vector. Its
  // float copies are combined from exact parents or solved fresh from the zero set (ray.ts,
  // fresh.ts), so on generic input they are almost never resolved; on degenerate input (many
  // exact zeros, which float cannot certify) most of them may be. The lane is switched off for the
  // rest of a run once more than half of at least 64 approximate rays have been resolved (the
  // results do not depend on it).
  const approximateLane = (): boolean =>
    mode === 'unfiltered' ||
    (approximate &&
      (rayStats.approxRays < APPROXIMATE_TRIAL ||
        2 * rayStats.lazyExactRays <= rayStats.approxRays));
  const order = insertionOrder(ineq, input.order ?? 'input');

  // Zobrist weights of the rows, for hashing zero sets (seeded: runs are reproducible)
  const hashA = new Int32Array(m);
  const hashB = new Int32Array(m);
  let seed = 0x9e3779b9;
  const next32 = (): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return seed >>> 0;
  };
  for (let i = 0; i < m; i++) {
    hashA[i] = next32();
    hashB[i] = next32();
  }

  // initial simplicial cone from k independent rows (greedy in insertion order)
  const chosen: number[] = [];
  for (const i of order) {
    if (chosen.length === k) break;
    if (gz[i]!.every((x) => x === 0n)) continue;
    const trial = [...chosen.map((c) => gz[c]!), gz[i]!];
    if (bareissRank(trial) === trial.length) chosen.push(i);
  }
  // chosen.length === k since G B has full column rank k
  const st = new RayStore(k, words, 2 * k);
  const rays: number[] = [];
  for (let a = 0; a < chosen.length; a++) {
    const others = chosen.filter((_, b) => b !== a).map((c) => gz[c]!);
    const z = primitive(integerNullSpace(others, k)[0]!);
    if (exactDotSign(gz[chosen[a]!]!, z) < 0) for (let t = 0; t < k; t++) z[t] = -z[t]!;
    const id = st.alloc();
    for (let b = 0; b < chosen.length; b++)
      if (b !== a) st.Z[id * words + (b >>> 5)]! |= 1 << (b & 31); // bit = insertion rank
    setRayExact(st, id, z, rayStats);
    hashRay(st, id, hashA, hashB);
    rays.push(id);
  }
  const chosenSet = new Set(chosen);
  // zero sets are indexed by insertion rank (row chosen[i] has rank i), so only the first
  // ⌈rank/32⌉ words are in use at any time; they are mapped back to row indices at the end
  const rowOfRank: number[] = chosen.slice();
  // filtered mode: new rays' float copies are solved from their zero sets (rows exact in float64)
  const rayRows: RayRows = {
    g: gz,
    signRows,
    rowOfRank,
    solver: approximate && signRows.every((r) => r.exact) ? new FreshSolver(k) : undefined,
  };
  stats.maxRays = rays.length;
  const remaining = order.filter((i) => !chosenSet.has(i));
  const final = insertRows({
    st,
    rays,
    remaining,
    rowOfRank,
    signRows,
    rayRows,
    hashA,
    hashB,
    k,
    m,
    words,
    mode,
    approximate,
    approximateLane,
    stats,
    rayStats,
    signStats,
    scanOnly: input.adjacencyTest === 'scan',
  });

  stats.exactFallbacks = signStats.exactFallbacks;
  Object.assign(stats, { ...rayStats, exactFallbacks: signStats.exactFallbacks });
  // y = B z (B is often the identity: then y = z)
  const identity =
    k === n && basis.every((col, j) => col.every((x, t) => x === (t === j ? 1n : 0n)));
  const exactCache: (bigint[] | undefined)[] = [];
  for (let i = 0; i < final.length; i++) exactCache.push(undefined);
  const exactY = (i: number): bigint[] => {
    const cached = exactCache[i];
    if (cached !== undefined) return cached;
    const z = exactRay(st, final[i]!, rayRows, rayStats);
    Object.assign(stats, rayStats);
    let y: bigint[];
    if (identity) y = z.slice();
    else {
      y = new Array<bigint>(n).fill(0n);
      for (let j = 0; j < k; j++) {
        const c = z[j]!;
        if (c === 0n) continue;
        const col = basis[j]!;
        for (let t = 0; t < n; t++) y[t] = y[t]! + c * col[t]!;
      }
      primitive(y);
    }
    exactCache[i] = y;
    return y;
  };
  const floatY = (i: number): FloatRay => {
    const r = final[i]!;
    const F = st.F;
    const re = st.E[r]!;
    if (identity) return { y: F.subarray(r * k, r * k + k), e: re };
    // ŷ_t = Σ_j B_tj f_j: |ŷ_t − λ(Bz)_t| ≤ e·Σ_j|B_tj| + sumErrorBound(k, Σ_j|B_tj f_j|)
    const y = new Float64Array(n);
    let e = 0;
    for (let t = 0; t < n; t++) {
      let sum = 0;
      let abs = 0;
      let b1 = 0;
      for (let j = 0; j < k; j++) {
        const b = basisF[j]![t]!;
        const p = b * F[r * k + j]!;
        sum += p;
        abs += Math.abs(p);
        b1 += Math.abs(b);
      }
      y[t] = sum;
      const et = (re * b1 + sumErrorBound(k, abs)) * (1 + 2 ** -40);
      if (et > e) e = et;
    }
    return { y, e: basisExact ? e : Infinity };
  };
  const basisF = basis.map(toFloatVector);
  const basisExact = basis.every((col) => col.every((x) => x < 2n ** 53n && x > -(2n ** 53n)));
  // rays: exact-arith lazyProperty (a shared getter; a getter of this literal would keep the
  // cone's scope alive to the young-generation collector after the result is dead, issue 11)
  const result = {
    lineality,
    rayCount: final.length,
    exactRay: exactY,
    floatRay: floatY,
    zeroSets: final.map((r) => {
      const byRow = new Uint32Array(words);
      const Z = st.Z;
      for (let w = 0; w < words; w++) {
        let x = Z[r * words + w]!;
        while (x !== 0) {
          const low = x & -x;
          x ^= low;
          setBit(byRow, rowOfRank[(w << 5) + 31 - Math.clz32(low)]!);
        }
      }
      return byRow;
    }),
    pointedSpaceDimension: k,
    stats,
  };
  return lazyProperty(result, 'rays', () => final.map((_, i) => exactY(i)));
}
