/**
 * Greatest common divisors on float64 limbs (issue 11, s14-rows): integers as base-2^21 digits
 * x = Σ_t l_t·2^(21t), 0 ≤ l_t < 2^21, each digit a double, so that Lehmer's algorithm runs in
 * exact float arithmetic with no BigInt per step (a BigInt operation allocates). Used by `gcdBig`
 * for long operands and by engines whose integers are limbs already (model-partitions
 * limb-maps.ts).
 */

/** Bits per limb. */
export const LIMB_BITS = 21;
const BASE = 2 ** LIMB_BITS;
const INV_BASE = 2 ** -LIMB_BITS;

/** 2^32: gcds and divisors below it keep r·2^21 + limb below 2^53 (exact remainders in doubles). */
const SMALL = 2 ** 32;
/** Lehmer's matrix entries stay below 2^30, so entry · limb sums and carries stay below 2^53. */
const MATRIX_LIMIT = 2 ** 30;

/** The four operands of {@link limbGcd} (reused). */
let gcdBufs = [0, 1, 2, 3].map(() => new Float64Array(16));

/** floor(n/d) for integers |n|, |d| < 2^52, d ≠ 0 (float division corrected to the exact floor). */
export function floorDiv(n: number, d: number): number {
  let q = Math.floor(n / d);
  const r = n - q * d;
  if (d > 0 ? r < 0 : r > 0) q -= 1;
  else if (d > 0 ? r >= d : r <= d) q += 1;
  return q;
}

/**
 * {@link lehmerMatrix}'s operands and result: the leading digits x, y in at 4, 5 (set by the
 * caller: doubles passed as arguments to a call that is not inlined are boxed, one heap number
 * each), the matrix [A, B, C, D] out at 0 … 3.
 */
export const lehmer = new Float64Array(6);

/**
 * Lehmer's step on leading digits x ≥ y (lehmer[4], lehmer[5]) of a ≥ b: the Euclidean quotients
 * that x and y alone determine, multiplied into the matrix [A B; C D] (written to lehmer[0 … 3])
 * with (A·a + B·b, C·a + D·b) the pair those quotients reach. (x + A)/(y + C) and (x + B)/(y + D)
 * bound the true quotient, so equal floors make it exact. Stops before an entry reaches `limit` in
 * magnitude. B = 0 on return: no quotient was certain.
 */
export function lehmerMatrix(limit: number): void {
  let x = lehmer[4]!;
  let y = lehmer[5]!;
  let A = 1;
  let B = 0;
  let C = 0;
  let D = 1;
  while (y + C !== 0 && y + D !== 0) {
    const q = floorDiv(x + A, y + C);
    if (q !== floorDiv(x + B, y + D)) break;
    const nC = A - q * C;
    const nD = B - q * D;
    if (!(Math.abs(nC) < limit && Math.abs(nD) < limit)) break;
    A = C;
    C = nC;
    B = D;
    D = nD;
    const t = x - q * y;
    x = y;
    y = t;
  }
  lehmer[0] = A;
  lehmer[1] = B;
  lehmer[2] = C;
  lehmer[3] = D;
}

/** Index of the highest non-zero limb of x[at … at + T − 1] (−1 for 0). */
export function limbTop(x: Float64Array, at: number, T: number): number {
  let t = T - 1;
  while (t >= 0 && x[at + t] === 0) t--;
  return t;
}

/** x mod n for limbs x[at … at + T − 1] ≥ 0 and an integer 0 < n < 2^32 (Horner, exact). */
export function limbsMod(x: Float64Array, at: number, T: number, n: number): number {
  let r = 0;
  for (let t = T - 1; t >= 0; t--) r = (r * BASE + x[at + t]!) % n;
  return r;
}

/** gcd(x, y) of integers 0 ≤ x, y < 2^53 in doubles. */
export function gcdDouble(x: number, y: number): number {
  while (y !== 0) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

/** a := A·a + B·b (limbs 0 … top, normalised); false when the result is not a normalised ≥ 0. */
function combineInto(
  out: Float64Array,
  a: Float64Array,
  b: Float64Array,
  A: number,
  B: number,
  top: number,
): boolean {
  let carry = 0;
  for (let t = 0; t <= top; t++) {
    const v = A * a[t]! + B * b[t]! + carry;
    carry = Math.floor(v * INV_BASE);
    out[t] = v - carry * BASE;
  }
  return carry === 0;
}

/** The leading three limbs of x (top at t) as a double (x / 2^(21(t − 2)), rounded). */
function leading(x: Float64Array, t: number): number {
  return x[t]! * BASE * BASE + (t >= 1 ? x[t - 1]! * BASE : 0) + (t >= 2 ? x[t - 2]! : 0);
}

/** floor(a/b) within one, for a ≥ b > 0 (tops ta ≥ tb), when below 2^30; else −1. */
function quotientEstimate(a: Float64Array, ta: number, b: Float64Array, tb: number): number {
  if (ta - tb > 2) return -1;
  // both leading parts carry ≥ 42 bits (relative error ≤ 2^-41): the quotient is off by < 1
  const r = (leading(a, ta) / leading(b, tb)) * BASE ** (ta - tb);
  return r < MATRIX_LIMIT ? Math.floor(r) : -1;
}

/**
 * out := a mod b from a − q·b with q = floor(a/b) ± 1 (limbs 0 … top): the product subtracted
 * exactly, then b added or subtracted once; false when that does not land in [0, b).
 */
function remainderStep(
  out: Float64Array,
  a: Float64Array,
  b: Float64Array,
  q: number,
  top: number,
): boolean {
  let carry = 0;
  for (let t = 0; t <= top; t++) {
    const v = a[t]! - q * b[t]! + carry;
    carry = Math.floor(v * INV_BASE);
    out[t] = v - carry * BASE;
  }
  // carry −1: out holds r + 2^(21(top + 1)) (r < 0): add b back
  if (carry < 0) {
    carry += addInto(out, b, 1, top);
    if (carry !== 0) return false;
  } else if (carry !== 0) return false;
  // r ≥ b: subtract b once
  if (compareLimbs(out, b, top) >= 0) {
    if (addInto(out, b, -1, top) !== 0) return false;
    if (compareLimbs(out, b, top) >= 0) return false;
  }
  return true;
}

/** out := out + s·b on limbs 0 … top (s = ±1); returns the final carry. */
function addInto(out: Float64Array, b: Float64Array, s: number, top: number): number {
  let carry = 0;
  for (let t = 0; t <= top; t++) {
    const v = out[t]! + s * b[t]! + carry;
    carry = Math.floor(v * INV_BASE);
    out[t] = v - carry * BASE;
  }
  return carry;
}

/** The sign of x − y for normalised limbs 0 … top. */
function compareLimbs(x: Float64Array, y: Float64Array, top: number): number {
  for (let t = top; t >= 0; t--) if (x[t] !== y[t]) return x[t]! < y[t]! ? -1 : 1;
  return 0;
}

/**
 * gcd(a, b) for magnitudes a, b ≥ 0 of T normalised limbs in src at aAt, bAt, when it is below
 * 2^32 and every quotient is below 2^30; −1 otherwise (the caller takes BigInts). Lehmer's
 * algorithm (Knuth, TAOCP 4.5.2, Algorithm L, as exact-arith `gcdBig`): quotients from the leading
 * ≤ 51 bits while they provably agree with those of a and b, the 2×2 matrix (entries below 2^30)
 * applied to the limbs (a large quotient, below 2^30: one division step with a float estimate); once
 * b < 2^32, one remainder by Horner and the rest in doubles.
 */
export function limbGcd(src: Float64Array, aAt: number, bAt: number, T: number): number {
  const g = limbGcdOrLong(src, aAt, bAt, T);
  return g === LONG_GCD ? -1 : g;
}

/** {@link limbGcdOrLong}'s answer when the gcd is 2^32 or more: its limbs are in `longGcd`. */
const LONG_GCD = -2;
/** The gcd's limbs 0 … longGcdTop (normalised) after {@link limbGcdOrLong} returned LONG_GCD. */
let longGcd = gcdBufs[0]!;
let longGcdTop = 0;

/**
 * {@link limbGcd}, but a gcd of 2^32 or more is not given up: LONG_GCD, with its limbs left in
 * `longGcd` (until the next call).
 */
function limbGcdOrLong(src: Float64Array, aAt: number, bAt: number, T: number): number {
  if (gcdBufs[0]!.length < T) gcdBufs = gcdBufs.map(() => new Float64Array(2 * T));
  let a = gcdBufs[0]!;
  let b = gcdBufs[1]!;
  let na = gcdBufs[2]!;
  let nb = gcdBufs[3]!;
  for (let t = 0; t < T; t++) {
    a[t] = src[aAt + t]!;
    b[t] = src[bAt + t]!;
  }
  for (let round = 0; round < 64 * T; round++) {
    let ta = limbTop(a, 0, T);
    let tb = limbTop(b, 0, T);
    // a ≥ b
    let swap = ta < tb;
    if (ta === tb)
      for (let t = ta; t >= 0; t--)
        if (a[t] !== b[t]) {
          swap = a[t]! < b[t]!;
          break;
        }
    if (swap) {
      const x = a;
      a = b;
      b = x;
      const tt = ta;
      ta = tb;
      tb = tt;
    }
    if (tb < 0) {
      if (ta <= 1 && (ta < 1 || a[1]! < SMALL / BASE)) return a[0]! + a[1]! * BASE;
      longGcd = a;
      longGcdTop = ta;
      return LONG_GCD;
    }
    if (tb <= 1 && (tb < 1 || b[1]! < SMALL / BASE)) {
      const n = b[0]! + (tb === 1 ? b[1]! * BASE : 0);
      return gcdDouble(n, limbsMod(a, 0, ta + 1, n));
    }
    // leading digits x = a >> s, y = b >> s (s a multiple of 21), x < 2^51
    const k = a[ta]! < 2 ** 9 && ta >= 2 ? 3 : 2;
    let x = 0;
    let y = 0;
    for (let t = ta; t > ta - k; t--) {
      x = x * BASE + a[t]!;
      y = y * BASE + b[t]!;
    }
    lehmer[4] = x;
    lehmer[5] = y;
    lehmerMatrix(MATRIX_LIMIT);
    const A = lehmer[0]!;
    const B = lehmer[1]!;
    const C = lehmer[2]!;
    const D = lehmer[3]!;
    if (B === 0) {
      // no quotient certain from the leading digits (a large one): one division step with the
      // quotient estimated in floats (below 2^30: off by at most one), r = a − q·b made exact
      const q = quotientEstimate(a, ta, b, tb);
      if (q < 0 || !remainderStep(na, a, b, q, ta)) return -1;
      for (let t = ta + 1; t < T; t++) na[t] = 0;
      // (a, b) := (b, r)
      const oa = a;
      a = b;
      b = na;
      na = oa;
      continue;
    }
    // (a, b) := (A·a + B·b, C·a + D·b)
    if (!combineInto(na, a, b, A, B, ta) || !combineInto(nb, a, b, C, D, ta)) return -1;
    for (let t = ta + 1; t < T; t++) {
      na[t] = 0;
      nb[t] = 0;
    }
    const oa = a;
    const ob = b;
    a = na;
    b = nb;
    na = oa;
    nb = ob;
  }
  return -1;
}

/** Limbs of |a| and |b| for {@link gcdOfLongs} (reused). */
let longBuf = new Float64Array(64);

/** Writes the magnitude of the hex string s (optional leading '-') as T limbs at out[at …]. */
function hexLimbs(s: string, out: Float64Array, at: number, T: number): void {
  let t = 0;
  let acc = 0;
  let bits = 0;
  const first = s.charCodeAt(0) === 45 ? 1 : 0;
  for (let i = s.length - 1; i >= first; i--) {
    const c = s.charCodeAt(i);
    acc |= (c <= 57 ? c - 48 : c - 87) << bits; // '0'–'9', 'a'–'f'
    bits += 4;
    if (bits >= LIMB_BITS) {
      out[at + t++] = acc & (BASE - 1);
      acc >>>= LIMB_BITS;
      bits -= LIMB_BITS;
    }
  }
  if (bits > 0) out[at + t++] = acc;
  while (t < T) out[at + t++] = 0;
}

/**
 * gcd(|a|, |b|) as a double when it is below 2^32 and {@link limbGcd} finds it, else −1: the
 * operands read once as hex digits (one string each, no BigInt arithmetic).
 */
export function gcdOfLongs(a: bigint, b: bigint): number {
  const g = gcdOfLongsOrLong(a, b);
  return g === LONG_GCD ? -1 : g;
}

/**
 * gcd(|a|, |b|) as a BigInt when {@link limbGcd} finds it (whatever its size: a gcd of 2^32 or
 * more is made from its limbs, a few BigInts instead of a BigInt Lehmer run), else undefined.
 */
export function gcdOfLongsBig(a: bigint, b: bigint): bigint | undefined {
  const g = gcdOfLongsOrLong(a, b);
  if (g === LONG_GCD) return limbsToBigInt(longGcd, longGcdTop);
  if (g < 0) return undefined;
  return g === 1 ? 1n : BigInt(g);
}

/** {@link gcdOfLongs} with {@link limbGcdOrLong}'s answer. */
function gcdOfLongsOrLong(a: bigint, b: bigint): number {
  const sa = a.toString(16);
  const sb = b.toString(16);
  const T = Math.ceil((4 * Math.max(sa.length, sb.length)) / LIMB_BITS) + 1;
  if (longBuf.length < 2 * T) longBuf = new Float64Array(4 * T);
  hexLimbs(sa, longBuf, 0, T);
  hexLimbs(sb, longBuf, T, T);
  return limbGcdOrLong(longBuf, 0, T, T);
}

/** 2 limbs: chunks below 2^42, exact doubles. */
const CHUNK_SHIFT = BigInt(2 * LIMB_BITS);

/** The integer of normalised limbs x[0 … top] (top ≥ 0) as a BigInt, two limbs per step. */
function limbsToBigInt(x: Float64Array, top: number): bigint {
  // Horner from the top on chunks of two limbs; an odd top leaves one limb first
  let t = top;
  let r: bigint;
  if (top % 2 === 0) {
    r = BigInt(x[t]!);
    t -= 1;
  } else {
    r = BigInt(x[t]! * BASE + x[t - 1]!);
    t -= 2;
  }
  for (; t >= 1; t -= 2) r = (r << CHUNK_SHIFT) + BigInt(x[t]! * BASE + x[t - 1]!);
  return r;
}
