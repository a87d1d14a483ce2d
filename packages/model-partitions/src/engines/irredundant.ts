/**
 * Irredundant H-representation of a full-dimensional polytope {g_i ≤ 0} without vertices: row k
 * is a facet iff some point has g_k = 0 and every other (distinct) row < 0. Decided per row by the
 * float max-margin LP certified by an exact point on g_k = 0, else by the exact LP.
 */
import type { IntAffine } from './affine.js';
import { slackFloat, strictlyFeasibleExact } from './lp-bridge.js';
import { projectOntoHyperplane } from './mlp-certify.js';
import { exactValue, vertexFromRationals } from './vcell.js';
import { Rational } from '@mlgeo/exact-arith';

const key = (g: IntAffine) => `${g.w.join(',')};${g.c}`;

/** The facet rows of a full-dimensional polytope (duplicates and redundant rows removed). */
export function irredundantRows(rows: readonly IntAffine[]): IntAffine[] {
  const seen = new Set<string>();
  const unique = rows.filter((g) => {
    if (g.w.every((v) => v === 0n)) return false;
    const k = key(g);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return unique.filter((g, k) => {
    const others = unique.filter((_, i) => i !== k);
    const f = slackFloat(others, [g]);
    if (f.feasible && f.margin > 1e-9 && f.point) {
      const y = projectOntoHyperplane(
        g,
        vertexFromRationals(f.point.map((v) => Rational.fromDouble(v))),
      );
      if (y && others.every((h) => exactValue(h, y) < 0n)) return true;
    }
    return strictlyFeasibleExact(others, [g]);
  });
}
