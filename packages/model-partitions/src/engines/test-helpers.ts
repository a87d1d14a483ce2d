/** Test helpers: model builders and an independent polygon-area oracle (shoelace). */
import { Rational, type RationalLike, seededRandom } from '@mlgeo/exact-arith';
import type {
  ArrangementModel,
  DecisionTreeModel,
  DenseLayer,
  ReluMlpModel,
  TreeNode,
} from '../models.js';

export const R = (x: RationalLike): Rational => Rational.from(x);

export function arrangement(d: number, planes: [RationalLike[], RationalLike][]): ArrangementModel {
  return {
    kind: 'arrangement',
    inputDimension: d,
    hyperplanes: planes.map(([w, c]) => ({ w: w.map(R), c: R(c) })),
  };
}

export function mlp(d: number, layers: [RationalLike[][], RationalLike[]][]): ReluMlpModel {
  return {
    kind: 'mlp',
    inputDimension: d,
    layers: layers.map(([W, b]) => ({ weights: W.map((r) => r.map(R)), bias: b.map(R) })),
  };
}

type NodeSpec = [number, RationalLike, number, number] | number[];
/** Nodes: `[feature, threshold, left, right]` for splits, `{ leaf: value }` via plain arrays `[v]`. */
export function tree(d: number, nodes: (NodeSpec | { leaf: number[] })[]): DecisionTreeModel {
  const out: TreeNode[] = nodes.map((n) =>
    'leaf' in n
      ? { kind: 'leaf', value: n.leaf }
      : {
          kind: 'split',
          feature: n[0] as number,
          threshold: R(n[1] as RationalLike),
          left: n[2] as number,
          right: n[3] as number,
        },
  );
  return { kind: 'tree', inputDimension: d, nodes: out, task: 'regression' };
}

/** Exact area of a convex polygon from its vertices (sorted by angle around their mean). */
export function polygonArea(vertices: Rational[][]): Rational {
  const n = vertices.length;
  const mx = vertices.reduce((s, v) => s + v[0]!.toNumber(), 0) / n;
  const my = vertices.reduce((s, v) => s + v[1]!.toNumber(), 0) / n;
  const sorted = [...vertices].sort(
    (p, q) =>
      Math.atan2(p[1]!.toNumber() - my, p[0]!.toNumber() - mx) -
      Math.atan2(q[1]!.toNumber() - my, q[0]!.toNumber() - mx),
  );
  let twice = Rational.ZERO;
  for (let i = 0; i < n; i++) {
    const p = sorted[i]!;
    const q = sorted[(i + 1) % n]!;
    twice = twice.add(p[0]!.mul(q[1]!).sub(q[0]!.mul(p[1]!)));
  }
  return twice.abs().div(Rational.of(2));
}

/** Exact centroid of a convex polygon (triangle fan from the first sorted vertex). */
export function polygonCentroid(vertices: Rational[][]): Rational[] {
  const n = vertices.length;
  const mx = vertices.reduce((s, v) => s + v[0]!.toNumber(), 0) / n;
  const my = vertices.reduce((s, v) => s + v[1]!.toNumber(), 0) / n;
  const s = [...vertices].sort(
    (p, q) =>
      Math.atan2(p[1]!.toNumber() - my, p[0]!.toNumber() - mx) -
      Math.atan2(q[1]!.toNumber() - my, q[0]!.toNumber() - mx),
  );
  let A = Rational.ZERO;
  let cx = Rational.ZERO;
  let cy = Rational.ZERO;
  for (let i = 1; i + 1 < n; i++) {
    const [a, b, c] = [s[0]!, s[i]!, s[i + 1]!];
    const area = b[0]!
      .sub(a[0]!)
      .mul(c[1]!.sub(a[1]!))
      .sub(c[0]!.sub(a[0]!).mul(b[1]!.sub(a[1]!)));
    A = A.add(area);
    cx = cx.add(area.mul(a[0]!.add(b[0]!).add(c[0]!)));
    cy = cy.add(area.mul(a[1]!.add(b[1]!).add(c[1]!)));
  }
  const three = Rational.of(3);
  return [cx.div(A.mul(three)), cy.div(A.mul(three))];
}

/** SPEC §9 data: the 100 grid points ((2a+1)/20, (2b+1)/20), a, b = 0..9, as exact strings. */
export function specGrid(): string[][] {
  const grid: string[][] = [];
  for (let a = 0; a < 10; a++)
    for (let b = 0; b < 10; b++) grid.push([`${2 * a + 1}/20`, `${2 * b + 1}/20`]);
  return grid;
}

/** SPEC §9 example D: the ReLU MLP 2→2→1→1 (its second layer-1 unit is constant on X). */
export function specExampleD(): ReluMlpModel {
  return mlp(2, [
    [
      [
        [1, 0],
        [0, 1],
      ],
      ['-1/2', '1/4'],
    ],
    [[[1, 1]], [-1]],
    [[[1]], ['-1/8']],
  ]);
}

/**
 * A seeded MLP with weights and biases in {−2, −7/4, …, 2}; hidden layers get negative slopes when
 * `slope` gives them (called once per hidden unit, after the layer's weights and biases, with the
 * same random source).
 */
export function randomQuarterMlp(
  seed: number,
  widths: number[],
  slope?: (rnd: () => number) => Rational,
): ReluMlpModel {
  const rnd = seededRandom(seed);
  const q = () => Rational.of(BigInt(Math.floor(rnd() * 17) - 8), 4n);
  const layers: DenseLayer[] = [];
  for (let l = 1; l < widths.length; l++) {
    const out = widths[l]!;
    const hidden = l < widths.length - 1;
    layers.push({
      weights: Array.from({ length: out }, () => Array.from({ length: widths[l - 1]! }, q)),
      bias: Array.from({ length: out }, q),
      ...(hidden && slope ? { negativeSlopes: Array.from({ length: out }, () => slope(rnd)) } : {}),
    });
  }
  return { kind: 'mlp', inputDimension: widths[0]!, layers };
}
