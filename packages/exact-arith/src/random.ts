/**
 * A small seeded pseudo-random generator (mulberry32) for reproducible examples, property-test
 * inputs, fixtures and benchmarks: the same seed gives the same stream on every platform, since it
 * uses only 32-bit integer operations. Not for cryptography.
 */

/** Returns a function yielding uniform doubles in [0, 1) determined by `seed`. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
