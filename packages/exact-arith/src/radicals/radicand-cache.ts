/**
 * Cached square roots of integer radicands (SPEC §1 normal form). The r·√q values of a geometric
 * computation share few radicands — in a Riemannian complex a facet's area is (rational)·√|a|² for
 * its primitive normal a, a cosine is (rational)·√(|a|²|b|²), a segment's length (rational)·√|u|²
 * for its primitive direction u. So the costly normal form of √n (trial division to 10^4) is found once per distinct n, and everything
 * else is a rational factor or a product of two normal forms (SqrtRational.mul, no new trial
 * division).
 */
import { SqrtRational } from '../sqrt-rational.js';

const cache = new Map<bigint, SqrtRational>();
/** Bound on the cache (a partition has far fewer distinct normals; this only caps memory). */
const MAX_ENTRIES = 1 << 16;

/** √n for an integer n ≥ 0 in normal form, cached by n. */
export function sqrtInteger(n: bigint): SqrtRational {
  let s = cache.get(n);
  if (s === undefined) {
    if (cache.size >= MAX_ENTRIES) cache.clear();
    s = SqrtRational.of(SqrtRational.ONE.r, n);
    cache.set(n, s);
  }
  return s;
}
