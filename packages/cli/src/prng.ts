/**
 * A tiny seeded pseudo-random generator (mulberry32). Every value is computed with 32-bit integer
 * operations only, so a seed gives the same sequence on every platform and Node version — the
 * embedded example is reproducible bit for bit.
 */

/** Returns a generator of uniform doubles in [0, 1) (multiples of 2^-32) for the given seed. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
