/**
 * Closed-form test polytopes (vertices, facet rows a·x ≤ b and incidence), built from their
 * definitions only, as independent oracles for the measure code.
 */
import { Rational } from '@mlgeo/exact-arith';

export interface TestPolytope {
  vertices: Rational[][];
  facets: { a: Rational[]; b: Rational }[];
  facetVertices: number[][];
}

const r = (n: number | bigint, d: number | bigint = 1): Rational =>
  Rational.of(BigInt(n), BigInt(d));

/** Incidence from rows: vertex v is on row i iff a_i·v = b_i (exact). */
export function incidenceOf(
  vertices: Rational[][],
  facets: { a: Rational[]; b: Rational }[],
): number[][] {
  return facets.map(({ a, b }) =>
    vertices.flatMap((v, idx) => {
      let s = Rational.ZERO;
      a.forEach((x, j) => (s = s.add(x.mul(v[j]!))));
      return s.equals(b) ? [idx] : [];
    }),
  );
}

function withIncidence(
  vertices: Rational[][],
  facets: { a: Rational[]; b: Rational }[],
): TestPolytope {
  return { vertices, facets, facetVertices: incidenceOf(vertices, facets) };
}

const unit = (d: number, j: number, s = 1): Rational[] =>
  Array.from({ length: d }, (_, t) => r(t === j ? s : 0));

/** [0,1]^d: 2^d vertices (binary expansions), facets x_j ≥ 0 and x_j ≤ 1. */
export function unitCube(d: number): TestPolytope {
  const vertices = Array.from({ length: 2 ** d }, (_, m) =>
    Array.from({ length: d }, (_, j) => r((m >> j) & 1)),
  );
  const facets = [];
  for (let j = 0; j < d; j++) {
    facets.push({ a: unit(d, j, -1), b: r(0) }, { a: unit(d, j, 1), b: r(1) });
  }
  return withIncidence(vertices, facets);
}

/** conv(0, e_1, …, e_d): facets x_j ≥ 0 and Σ x ≤ 1. */
export function standardSimplex(d: number): TestPolytope {
  const vertices = [unit(d, -1), ...Array.from({ length: d }, (_, j) => unit(d, j))];
  const facets = Array.from({ length: d }, (_, j) => ({ a: unit(d, j, -1), b: r(0) }));
  facets.push({ a: Array.from({ length: d }, () => r(1)), b: r(1) });
  return withIncidence(vertices, facets);
}

/** conv(±e_j): facets s·x ≤ 1 for the 2^d sign vectors s. */
export function crossPolytope(d: number): TestPolytope {
  const vertices = [];
  for (let j = 0; j < d; j++) vertices.push(unit(d, j, 1), unit(d, j, -1));
  const facets = Array.from({ length: 2 ** d }, (_, m) => ({
    a: Array.from({ length: d }, (_, j) => r((m >> j) & 1 ? -1 : 1)),
    b: r(1),
  }));
  return withIncidence(vertices, facets);
}

/** A polygon from its vertices in counter-clockwise order (edges = consecutive pairs). */
export function polygon(points: [Rational, Rational][]): TestPolytope {
  const n = points.length;
  const facets = points.map((p, i) => {
    const q = points[(i + 1) % n]!;
    // outward normal of a ccw edge p→q is (q_y − p_y, p_x − q_x)
    const a = [q[1].sub(p[1]), p[0].sub(q[0])];
    return { a, b: a[0]!.mul(p[0]).add(a[1]!.mul(p[1])) };
  });
  return withIncidence(
    points.map((p) => [p[0], p[1]]),
    facets,
  );
}
