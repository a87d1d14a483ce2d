/**
 * The JIT warm-up of the polytope benchmarks (polytope-vs-lrs-qhull.ts, polytope-seed-probe.ts):
 * seeded polytopes run through `run` (exact, then filtered) for at least 3 s of wall time.
 * d = 6, m = 36 and d = 7, m = 28 also exercise the filtered path's combined and fresh float rays
 * (not reached at d = 4), whose functions are called only a few hundred times per polytope; the
 * cross-polytope (degenerate: 16 facets on each vertex) exercises the tight index of the degenerate
 * adjacency test, whose first call otherwise deoptimized the DD loop in the timed runs (session 7,
 * --trace-deopt). 3 s so that the background compiler has delivered the optimized code under load.
 */
import { crossPolytope, randomSphereHPolytope } from '../fixtures/random-polytopes.js';

export function warmUpPolytopes(
  run: (A: number[][], b: number[], filtered: boolean) => void,
): void {
  const warmStart = Date.now();
  for (let s = 0; s < 3 || Date.now() - warmStart < 3000; s++) {
    const w =
      s < 3
        ? randomSphereHPolytope(4, 16, 99 + s, 100)
        : s % 3 === 0
          ? crossPolytope(5)
          : randomSphereHPolytope(s % 3 === 1 ? 6 : 7, s % 3 === 1 ? 36 : 28, 99 + s, 100);
    run(w.A, w.b, false);
    run(w.A, w.b, true);
  }
}
