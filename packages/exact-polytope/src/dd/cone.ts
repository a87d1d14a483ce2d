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
 *    typed-array hash table reused across iterations.
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
  sumErrorBound,
  toFloatVector,
} from '@mlgeo/exact-arith';
import {
  type Ray,
  type RayRows,
  type RayStats,
  combineRays,
  exactRay,
  newRayStats,
  rayFromExact,
  raySign,
  signRow,
} from './ray.js';
import { FreshSolver } from './fresh.js';
import { hasBit, intersectInto, isSubset, setBit, wordCount } from './bitset.js';

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

function hashRay(r: Ray, hashA: Uint32Array, hashB: Uint32Array): Ray {
  let ha = 0;
  let hb = 0;
  let count = 0;
  const z = r.zero;
  for (let w = 0; w < z.length; w++) {
    let x = z[w]!;
    while (x !== 0) {
      const low = x & -x;
      x ^= low;
      const i = (w << 5) + 31 - Math.clz32(low);
      ha ^= hashA[i]!;
      hb ^= hashB[i]!;
      count++;
    }
  }
  r.ha = ha;
  r.hb = hb;
  r.count = count;
  return r;
}

function addZero(r: Ray, i: number, hashA: Uint32Array, hashB: Uint32Array): void {
  setBit(r.zero, i);
  r.count++;
  r.ha ^= hashA[i]!;
  r.hb ^= hashB[i]!;
}

/**
 * A hash multimap from a 64-bit key (two 32-bit Zobrist hashes of a zero set minus one row) to
 * ray indices, on typed arrays reused across iterations (chained, power-of-two buckets): the
 * simple × simple pairing of one iteration without a Map or an array per key.
 */
class PairTable {
  head = new Int32Array(0);
  next = new Int32Array(0);
  ka = new Uint32Array(0);
  kb = new Uint32Array(0);
  val = new Int32Array(0);
  size = 0;
  mask = 0;

  reset(capacity: number): this {
    let buckets = 16;
    while (buckets < 2 * capacity) buckets *= 2;
    if (this.head.length < buckets) this.head = new Int32Array(buckets);
    this.mask = buckets - 1;
    this.head.fill(-1, 0, buckets);
    if (this.next.length < capacity) {
      this.next = new Int32Array(capacity);
      this.ka = new Uint32Array(capacity);
      this.kb = new Uint32Array(capacity);
      this.val = new Int32Array(capacity);
    }
    this.size = 0;
    return this;
  }

  add(a: number, b: number, v: number): void {
    const e = this.size++;
    const h = (a ^ Math.imul(b, 0x9e3779b1)) & this.mask;
    this.ka[e] = a;
    this.kb[e] = b;
    this.val[e] = v;
    this.next[e] = this.head[h]!;
    this.head[h] = e;
  }

  /** First entry with key (a, b), or −1. */
  first(a: number, b: number): number {
    return this.match(this.head[(a ^ Math.imul(b, 0x9e3779b1)) & this.mask]!, a, b);
  }

  /** Next entry after e with key (a, b), or −1. */
  nextMatch(e: number, a: number, b: number): number {
    return this.match(this.next[e]!, a, b);
  }

  private match(e: number, a: number, b: number): number {
    while (e >= 0 && (this.ka[e] !== a || this.kb[e] !== b)) e = this.next[e]!;
    return e;
  }
}

/**
 * Adjacency of two degenerate rays with Z = Z(rp) ∩ Z(rn), |Z| = c ≥ k − 2: adjacent iff the
 * rows in Z have rank k − 2 (algebraic test), equivalently iff no third ray's zero set contains
 * Z (combinatorial test, Fukuda–Prodon). The combinatorial test runs on the {@link TightIndex}:
 * a third ray containing Z is tight on every row of Z, in particular on the row of Z with the
 * fewest tight rays, so only those few rays are compared with Z (each comparison usually stops
 * at its first word). Cost: |Z| counter reads plus a handful of short subset tests, instead of a
 * scan over every ray or a BigInt rank computation.
 */
function combinatorialAdjacency(
  rp: Ray,
  rn: Ray,
  z: Uint32Array,
  activeWords: number,
  index: TightIndex,
  ctx: { witness: Ray | undefined },
): boolean {
  // the ray that refuted the previous pair often refutes this one too
  const w = ctx.witness;
  if (w !== undefined && w !== rp && w !== rn && w.slot >= 0 && isSubset(z, w.zero, activeWords))
    return false;
  const { count, slotWords, tight, slots } = index;
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
  const usedWords = wordCount(slots.length); // slots above the high-water mark are empty
  for (let t = 0; t < usedWords; t++) {
    let x = tight[base + t]!;
    while (x !== 0) {
      const low = x & -x;
      x ^= low;
      const o = slots[(t << 5) + 31 - Math.clz32(low)]!;
      if (o === rp || o === rn) continue;
      if (isSubset(z, o.zero, activeWords)) {
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
  rp: Ray,
  rn: Ray,
  z: Uint32Array,
  activeWords: number,
  rays: readonly Ray[],
  ctx: { witness: Ray | undefined },
): boolean {
  const w = ctx.witness;
  if (w !== undefined && w !== rp && w !== rn && isSubset(z, w.zero, activeWords)) return false;
  for (const o of rays) {
    if (o === rp || o === rn) continue;
    if (isSubset(z, o.zero, activeWords)) {
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
 * slots, and its size. Created on the first degenerate × degenerate pair (small or simple
 * problems never pay for it) and then updated incrementally: a ray enters when it is created,
 * leaves when it is cut off, and gains a row when it lies on the row being inserted.
 */
interface TightIndex {
  slotWords: number;
  /** tight[row * slotWords + w]: word w of the slot set of rays tight on the row. */
  tight: Uint32Array;
  /** count[row] = number of current rays tight on the row. */
  count: Int32Array;
  slots: (Ray | undefined)[];
  free: number[];
  rows: number;
  /** Set when growing would exceed {@link INDEX_WORD_BUDGET}; the index is then dropped. */
  overflow: boolean;
}

function createTightIndex(rows: number, rays: readonly Ray[]): TightIndex {
  const slotWords = Math.max(1, wordCount(2 * rays.length));
  const index: TightIndex = {
    slotWords,
    tight: new Uint32Array(rows * slotWords),
    count: new Int32Array(rows),
    slots: [],
    free: [],
    rows,
    overflow: false,
  };
  for (const r of rays) indexAdd(index, r);
  return index;
}

function forEachBit(set: Uint32Array, f: (i: number) => void): void {
  for (let w = 0; w < set.length; w++) {
    let x = set[w]!;
    while (x !== 0) {
      const low = x & -x;
      x ^= low;
      f((w << 5) + 31 - Math.clz32(low));
    }
  }
}

function indexAdd(index: TightIndex, r: Ray): void {
  let slot = index.free.pop();
  if (slot === undefined) {
    slot = index.slots.length;
    index.slots.push(undefined);
    if (slot >= index.slotWords * 32) {
      // grow: twice the slot words, rows copied
      const sw = index.slotWords * 2;
      if (index.rows * sw > INDEX_WORD_BUDGET) {
        index.overflow = true;
        return;
      }
      const tight = new Uint32Array(index.rows * sw);
      for (let row = 0; row < index.rows; row++)
        tight.set(
          index.tight.subarray(row * index.slotWords, (row + 1) * index.slotWords),
          row * sw,
        );
      index.tight = tight;
      index.slotWords = sw;
    }
  }
  index.slots[slot] = r;
  r.slot = slot;
  const { tight, count, slotWords } = index;
  const word = slot >>> 5;
  const mask = 1 << (slot & 31);
  forEachBit(r.zero, (row) => {
    tight[row * slotWords + word]! |= mask;
    count[row]!++;
  });
}

function indexRemove(index: TightIndex, r: Ray): void {
  const slot = r.slot;
  const { tight, count, slotWords } = index;
  const word = slot >>> 5;
  const mask = ~(1 << (slot & 31));
  forEachBit(r.zero, (row) => {
    tight[row * slotWords + word]! &= mask;
    count[row]!--;
  });
  index.slots[slot] = undefined;
  index.free.push(slot);
  r.slot = -1;
}

function indexAddZero(index: TightIndex, r: Ray, row: number): void {
  index.tight[row * index.slotWords + (r.slot >>> 5)]! |= 1 << (r.slot & 31);
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
  const signRows = gz.map(signRow);
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
  const hashA = new Uint32Array(m);
  const hashB = new Uint32Array(m);
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
  let rays: Ray[] = [];
  for (let a = 0; a < chosen.length; a++) {
    const others = chosen.filter((_, b) => b !== a).map((c) => gz[c]!);
    const z = primitive(integerNullSpace(others, k)[0]!);
    if (exactDotSign(gz[chosen[a]!]!, z) < 0) for (let t = 0; t < k; t++) z[t] = -z[t]!;
    const zero = new Uint32Array(words);
    for (let b = 0; b < chosen.length; b++) if (b !== a) setBit(zero, b); // bit = insertion rank
    rays.push(hashRay(rayFromExact(z, zero, rayStats), hashA, hashB));
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
  const scratch = new Uint32Array(words);
  stats.maxRays = rays.length;

  const remaining = order.filter((i) => !chosenSet.has(i));
  let index: TightIndex | undefined;
  let scanOnly = input.adjacencyTest === 'scan';
  const adjacency = { witness: undefined as Ray | undefined };
  const pairs = new PairTable();
  for (const h of remaining) {
    const bit = rowOfRank.length;
    rowOfRank.push(h);
    const activeWords = wordCount(bit + 1);
    const row = signRows[h]!;
    const gf = row.gf;
    // a witness must be a current ray: the index knows (slot ≥ 0), the scan does not
    if (index === undefined) adjacency.witness = undefined;
    const pos: Ray[] = [];
    const neg: Ray[] = [];
    const zer: Ray[] = [];
    for (const r of rays) {
      let s: number;
      if (mode === 'unfiltered') {
        stats.signTests++;
        const rf = r.f;
        let sum = 0;
        for (let t = 0; t < k; t++) sum += gf[t]! * rf[t]!;
        s = sum > 0 ? 1 : sum < 0 ? -1 : 0;
        // benchmarking only: no bound; ds = 0 marks an exact small-lane value
        let abs = 0;
        for (let t = 0; t < k; t++) abs += Math.abs(gf[t]! * rf[t]!);
        r.s = sum;
        r.ds = r.small && row.exact && abs < 2 ** 53 ? 0 : Number.MIN_VALUE;
        r.sv = undefined;
      } else {
        stats.signTests++;
        s = raySign(r, row, rayRows, signStats, approximate);
      }
      if (s > 0) pos.push(r);
      else if (s < 0) neg.push(r);
      else zer.push(r);
    }
    for (const r of zer) {
      addZero(r, bit, hashA, hashB);
      if (index !== undefined) indexAddZero(index, r, bit);
    }
    if (neg.length === 0) continue;
    const next: Ray[] = [...pos, ...zer];
    const firstNew = next.length;
    const created = (rp: Ray, rn: Ray, zero: Uint32Array): void => {
      setBit(zero, bit);
      const r = combineRays(rp, rn, row, rayRows, zero, approximateLane(), rayStats);
      next.push(hashRay(r, hashA, hashB));
    };
    if (pos.length > 0) {
      const need = k - 2;
      // (a) simple × simple: |Z| = k − 1 on both sides. The k − 1 rows tight on an extreme ray are
      // independent, so such a pair is adjacent iff it shares exactly k − 2 of them; pairs are found
      // by hashing the (k − 2)-subsets (Zobrist hashes), then verified on the bitsets.
      // the side with fewer simple rays is hashed, the other side probes
      let simplePos = 0;
      let simpleNeg = 0;
      for (const r of pos) if (r.count === k - 1) simplePos++;
      for (const r of neg) if (r.count === k - 1) simpleNeg++;
      if (simplePos > 0 && simpleNeg > 0) {
        const hashPos = simplePos <= simpleNeg;
        const stored = hashPos ? pos : neg;
        const probing = hashPos ? neg : pos;
        const table = pairs.reset(Math.min(simplePos, simpleNeg) * (k - 1));
        for (let i = 0; i < stored.length; i++) {
          const r = stored[i]!;
          if (r.count !== k - 1) continue;
          // bits of Z(r), inlined (a closure per ray and iteration showed up in the GC time)
          const zr = r.zero;
          for (let w = 0; w < activeWords; w++) {
            let x = zr[w]!;
            while (x !== 0) {
              const low = x & -x;
              x ^= low;
              const a = (w << 5) + 31 - Math.clz32(low);
              table.add((r.ha ^ hashA[a]!) >>> 0, (r.hb ^ hashB[a]!) >>> 0, i);
            }
          }
        }
        for (const q of probing) {
          if (q.count !== k - 1) continue;
          const zq = q.zero;
          for (let w = 0; w < activeWords; w++) {
            let x = zq[w]!;
            while (x !== 0) {
              const low = x & -x;
              x ^= low;
              const b = (w << 5) + 31 - Math.clz32(low);
              const ka = (q.ha ^ hashA[b]!) >>> 0;
              const kb = (q.hb ^ hashB[b]!) >>> 0;
              for (let e = table.first(ka, kb); e >= 0; e = table.nextMatch(e, ka, kb)) {
                const o = stored[table.val[e]!]!;
                // Z(o) ∩ Z(q) = Z(q) \ {b} exactly (guards against hash collisions and repeats)
                if (hasBit(o.zero, b)) continue;
                if (intersectInto(o.zero, q.zero, scratch, activeWords) !== need) continue;
                stats.adjacencyTests++;
                if (hashPos) created(o, q, scratch.slice());
                else created(q, o, scratch.slice());
              }
            }
          }
        }
      }
      // (b) pairs with a degenerate ray (|Z| > k − 1). If the other ray is simple, Z lies inside its
      // independent zero set, so the pair is adjacent iff |Z| = k − 2; otherwise the full test.
      const adjacentDegenerate = (rp: Ray, rn: Ray): void => {
        const c = intersectInto(rp.zero, rn.zero, scratch, activeWords);
        if (c < need) return;
        stats.adjacencyTests++;
        if (rp.count === k - 1 || rn.count === k - 1) {
          if (c === need) created(rp, rn, scratch.slice());
          return;
        }
        if (index === undefined && !scanOnly) {
          if (m * wordCount(2 * rays.length) > INDEX_WORD_BUDGET) scanOnly = true;
          else index = createTightIndex(m, rays);
          adjacency.witness = undefined;
        }
        const adjacent =
          index !== undefined
            ? combinatorialAdjacency(rp, rn, scratch, activeWords, index, adjacency)
            : scanAdjacency(rp, rn, scratch, activeWords, rays, adjacency);
        if (adjacent) created(rp, rn, scratch.slice());
      };
      for (const rp of pos) if (rp.count > k - 1) for (const rn of neg) adjacentDegenerate(rp, rn);
      for (const rn of neg)
        if (rn.count > k - 1)
          for (const rp of pos) if (rp.count === k - 1) adjacentDegenerate(rp, rn);
    }
    if (index !== undefined) {
      for (const r of neg) indexRemove(index, r);
      for (let i = firstNew; i < next.length; i++) indexAdd(index, next[i]!);
      if (index.overflow) {
        index = undefined;
        scanOnly = true;
      }
    }
    rays = next;
    if (rays.length > stats.maxRays) stats.maxRays = rays.length;
  }

  stats.exactFallbacks = signStats.exactFallbacks;
  Object.assign(stats, { ...rayStats, exactFallbacks: signStats.exactFallbacks });
  const final = rays;
  // y = B z (B is often the identity: then y = z)
  const identity =
    k === n && basis.every((col, j) => col.every((x, t) => x === (t === j ? 1n : 0n)));
  const exactCache: (bigint[] | undefined)[] = new Array(final.length);
  const exactY = (i: number): bigint[] => {
    const cached = exactCache[i];
    if (cached !== undefined) return cached;
    const z = exactRay(final[i]!, rayRows, rayStats);
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
    if (identity) return { y: r.f, e: r.e };
    // ŷ_t = Σ_j B_tj f_j: |ŷ_t − λ(Bz)_t| ≤ e·Σ_j|B_tj| + sumErrorBound(k, Σ_j|B_tj f_j|)
    const y = new Float64Array(n);
    let e = 0;
    for (let t = 0; t < n; t++) {
      let sum = 0;
      let abs = 0;
      let b1 = 0;
      for (let j = 0; j < k; j++) {
        const b = basisF[j]![t]!;
        const p = b * r.f[j]!;
        sum += p;
        abs += Math.abs(p);
        b1 += Math.abs(b);
      }
      y[t] = sum;
      const et = (r.e * b1 + sumErrorBound(k, abs)) * (1 + 2 ** -40);
      if (et > e) e = et;
    }
    return { y, e: basisExact ? e : Infinity };
  };
  const basisF = basis.map(toFloatVector);
  const basisExact = basis.every((col) => col.every((x) => x < 2n ** 53n && x > -(2n ** 53n)));
  let allRays: bigint[][] | undefined;
  return {
    lineality,
    get rays(): bigint[][] {
      return (allRays ??= final.map((_, i) => exactY(i)));
    },
    rayCount: final.length,
    exactRay: exactY,
    floatRay: floatY,
    zeroSets: final.map((r) => {
      const byRow = new Uint32Array(words);
      forEachBit(r.zero, (b) => setBit(byRow, rowOfRank[b]!));
      return byRow;
    }),
    pointedSpaceDimension: k,
    stats,
  };
}
