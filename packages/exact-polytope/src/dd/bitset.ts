/**
 * Fixed-size bitsets on Uint32Array, used for the zero sets of rays in the double description
 * method (which constraint rows a ray is tight on).
 */

/** Number of 32-bit words needed for `bits` bits. */
export function wordCount(bits: number): number {
  return (bits + 31) >>> 5;
}

export function setBit(set: Uint32Array, i: number): void {
  set[i >>> 5]! |= 1 << (i & 31);
}

export function hasBit(set: Uint32Array, i: number): boolean {
  return (set[i >>> 5]! & (1 << (i & 31))) !== 0;
}

/** Population count of one 32-bit word. */
export function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

export function popcount(set: Uint32Array): number {
  let c = 0;
  for (let w = 0; w < set.length; w++) c += popcount32(set[w]!);
  return c;
}

/** out = a ∩ b on the first `len` words (default all); returns |a ∩ b|. */
export function intersectInto(
  a: Uint32Array,
  b: Uint32Array,
  out: Uint32Array,
  len: number = out.length,
): number {
  let c = 0;
  for (let w = 0; w < len; w++) {
    const x = a[w]! & b[w]!;
    out[w] = x;
    if (x !== 0) c += popcount32(x);
  }
  return c;
}

/** True iff a ⊆ b (looking at the first `len` words, default all). */
export function isSubset(a: Uint32Array, b: Uint32Array, len: number = a.length): boolean {
  for (let w = 0; w < len; w++) if ((a[w]! & ~b[w]!) !== 0) return false;
  return true;
}

export function equalSets(a: Uint32Array, b: Uint32Array): boolean {
  for (let w = 0; w < a.length; w++) if (a[w] !== b[w]) return false;
  return true;
}

/** Indices of the set bits, increasing. */
export function bitsToList(set: Uint32Array): number[] {
  const out: number[] = [];
  for (let w = 0; w < set.length; w++) {
    let x = set[w]!;
    while (x !== 0) {
      const low = x & -x;
      out.push((w << 5) + 31 - Math.clz32(low));
      x ^= low;
    }
  }
  return out;
}
