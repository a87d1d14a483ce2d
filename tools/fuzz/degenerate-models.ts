/**
 * Seeded generator of models that are degenerate on purpose, in the project's JSON formats
 * (docs/formats.md): concurrent hyperplanes, duplicate and scaled units, hyperplanes through box
 * corners, 1e-13-thin slabs, nearly parallel lines, 1e8 and 1e-8 weights, float32-rounded weights,
 * trees and forests with equal thresholds, cocircular and cospherical Voronoi sites; 2-D and 3-D.
 * Model i of seed s depends on (s, i) only, so a failing model can be regenerated alone.
 */
import { seededRandom } from '@mlgeo/exact-arith';

/** One generated model: a name saying what is degenerate about it, and its JSON. */
export interface FuzzModel {
  name: string;
  json: Record<string, unknown>;
}

type Rand = () => number;

const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const int = (rand: Rand, lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));

/** A weight-like number in (−2, 2), sometimes rounded to float32, sometimes an exact string. */
function weight(rand: Rand, style: WeightStyle): number | string {
  const x = (rand() * 2 - 1) * 2;
  if (style === 'float32') return Math.fround(x);
  if (style === 'rational') return `${int(rand, -12, 12)}/${int(rand, 1, 7)}`;
  return x;
}
type WeightStyle = 'float64' | 'float32' | 'rational';

const num = (x: number | string): number => (typeof x === 'number' ? x : evalFraction(x));
function evalFraction(s: string): number {
  const [p, q] = s.split('/');
  return Number(p) / Number(q ?? 1);
}

/** A point strictly inside [0,1]^d, with coordinates that are short binary or decimal fractions. */
function innerPoint(rand: Rand, d: number): number[] {
  return Array.from({ length: d }, () => pick(rand, [0.5, 0.25, 0.75, 0.3, 0.6, 0.125]));
}

/** A corner of [0,1]^d. */
function corner(rand: Rand, d: number): number[] {
  return Array.from({ length: d }, () => (rand() < 0.5 ? 0 : 1));
}

/** Hyperplane w·x + c = 0 through p with normal w (c exact when w, p are doubles: as a string). */
function through(w: (number | string)[], p: number[]): { w: (number | string)[]; c: number } {
  // c = −w·p in float would round; these p are dyadic/decimal and |w| < 2^31: accept the rounding
  // (the hyperplane then passes within 1e-16 of p, which is degenerate enough on purpose)
  return { w, c: -w.reduce<number>((s, x, j) => s + num(x) * p[j]!, 0) };
}

function randomNormal(rand: Rand, d: number, style: WeightStyle): (number | string)[] {
  for (;;) {
    const w = Array.from({ length: d }, () => weight(rand, style));
    if (w.some((x) => num(x) !== 0)) return w;
  }
}

function scaled(w: (number | string)[], s: number): number[] {
  return w.map((x) => num(x) * s);
}

// ---- arrangements -------------------------------------------------------------------------------

function concurrentArrangement(rand: Rand, d: number, style: WeightStyle): FuzzModel {
  const p = innerPoint(rand, d);
  const n = d === 2 ? int(rand, 3, 5) : int(rand, 3, 4);
  const hyperplanes = Array.from({ length: n }, () => through(randomNormal(rand, d, style), p));
  return {
    name: `arrangement-concurrent-${d}d-${style}`,
    json: { format: 'mlgeo-arrangement', version: 1, hyperplanes },
  };
}

function duplicateScaledArrangement(rand: Rand, d: number, style: WeightStyle): FuzzModel {
  const base = through(randomNormal(rand, d, style), innerPoint(rand, d));
  const s = pick(rand, [1, -1, 3, 1e8, 1e-8, -1e-8]);
  const other = through(randomNormal(rand, d, style), innerPoint(rand, d));
  const hyperplanes = [
    base,
    { w: scaled(base.w, s), c: base.c * s },
    other,
    ...(rand() < 0.5 ? [base] : []),
  ];
  return {
    name: `arrangement-duplicate-scaled-${s}-${d}d`,
    json: { format: 'mlgeo-arrangement', version: 1, hyperplanes },
  };
}

function cornerArrangement(rand: Rand, d: number): FuzzModel {
  const n = int(rand, 2, d === 2 ? 4 : 3);
  const hyperplanes = Array.from({ length: n }, () => {
    // through one or two corners: a diagonal x_i = x_j, an anti-diagonal Σ x = 1, or a random one
    const kind = int(rand, 0, 2);
    if (kind === 0) {
      const i = int(rand, 0, d - 1);
      const j = (i + 1) % d;
      const w = Array.from({ length: d }, (_, t) => (t === i ? 1 : t === j ? -1 : 0));
      return { w, c: 0 };
    }
    if (kind === 1) return { w: Array.from({ length: d }, () => 1), c: -int(rand, 1, d - 1) };
    return through(randomNormal(rand, d, 'float64'), corner(rand, d));
  });
  return {
    name: `arrangement-box-corners-${d}d`,
    json: { format: 'mlgeo-arrangement', version: 1, hyperplanes },
  };
}

function thinSlabArrangement(rand: Rand, d: number): FuzzModel {
  const gap = pick(rand, ['1/10000000000000', '1/1000000000', '1/100000000000000000000']);
  const axis = int(rand, 0, d - 1);
  const e = Array.from({ length: d }, (_, t) => (t === axis ? 1 : 0));
  const at = pick(rand, ['0', '1/2', '1/3']);
  const hyperplanes = [
    { w: e, c: at === '0' ? '0' : `-${at}` }, // x_axis = 0 lies on the box boundary
    { w: e, c: subtractGap(at === '0' ? '0/1' : at, gap) },
    through(randomNormal(rand, d, 'float64'), innerPoint(rand, d)),
  ];
  return {
    name: `arrangement-thin-slab-${gap}-${d}d`,
    json: { format: 'mlgeo-arrangement', version: 1, hyperplanes },
  };
}

/** −(at + gap) as an exact fraction string (at = p/q, gap = 1/g). */
function subtractGap(at: string, gap: string): string {
  const [p, q] = at.split('/').map(BigInt) as [bigint, bigint];
  const g = BigInt(gap.split('/')[1]!);
  return `-${p * g + q}/${q * g}`;
}

function nearlyParallelArrangement(rand: Rand, d: number): FuzzModel {
  const eps = pick(rand, ['1/1000000000', '1/1000000000000', '1/10000000000000000']);
  const e = Array.from({ length: d }, (_, t) => (t === d - 1 ? 1 : 0));
  const tilted = e.map((x, t) => (t === 0 ? `-${eps}` : String(x)));
  const hyperplanes = [
    { w: e, c: '-1/2' },
    { w: tilted, c: '-1/2' },
    ...(rand() < 0.5 ? [through(randomNormal(rand, d, 'float32'), innerPoint(rand, d))] : []),
  ];
  return {
    name: `arrangement-nearly-parallel-${eps}-${d}d`,
    json: { format: 'mlgeo-arrangement', version: 1, hyperplanes },
  };
}

function extremeWeightArrangement(rand: Rand, d: number): FuzzModel {
  const hyperplanes = Array.from({ length: int(rand, 2, 3) }, () => {
    const s = pick(rand, [1e8, 1e-8]);
    const h = through(randomNormal(rand, d, 'float64'), innerPoint(rand, d));
    return { w: scaled(h.w, s), c: h.c * s };
  });
  return {
    name: `arrangement-extreme-weights-${d}d`,
    json: { format: 'mlgeo-arrangement', version: 1, hyperplanes },
  };
}

// ---- ReLU networks ------------------------------------------------------------------------------

function degenerateMlp(rand: Rand, d: number, style: WeightStyle): FuzzModel {
  const h = d === 2 ? int(rand, 2, 4) : int(rand, 2, 3);
  const p = innerPoint(rand, d);
  const kind = pick(rand, ['duplicate', 'scaled', 'concurrent', 'near-multiple', 'extreme']);
  const rows: number[][] = [];
  const bias: number[] = [];
  for (let j = 0; j < h; j++) {
    const w = randomNormal(rand, d, style).map(num);
    let b = num(weight(rand, style)) / 2;
    if (kind === 'concurrent') b = -w.reduce((s, x, t) => s + x * p[t]!, 0);
    if (j > 0 && kind === 'duplicate' && rand() < 0.6) {
      rows.push(rows[0]!.slice());
      bias.push(bias[0]!);
      continue;
    }
    if (j > 0 && kind === 'scaled' && rand() < 0.6) {
      const s = pick(rand, [2, 1e8, 1e-8, 0.5]);
      rows.push(rows[0]!.map((x) => x * s));
      bias.push(bias[0]! * s);
      continue;
    }
    if (j > 0 && kind === 'near-multiple') {
      // issue 10, finding 5: a unit ≈ 3× another, perturbed in the last bits (sliver cells)
      rows.push(rows[0]!.map((x) => x * 3 * (1 + (rand() - 0.5) * 1e-12)));
      bias.push(bias[0]! * 3 * (1 + (rand() - 0.5) * 1e-12));
      continue;
    }
    if (kind === 'extreme') {
      const s = pick(rand, [1e8, 1e-8, 1]);
      rows.push(w.map((x) => x * s));
      bias.push(b * s);
      continue;
    }
    rows.push(w);
    bias.push(b);
  }
  const round = (x: number) => (style === 'float32' ? Math.fround(x) : x);
  const layers: Record<string, unknown>[] = [
    { weights: rows.map((r) => r.map(round)), bias: bias.map(round), activation: 'relu' },
  ];
  const outputs = pick(rand, [1, 1, 2, 3]);
  if (rand() < 0.3 && d === 2) {
    const h2 = 2;
    layers.push({
      weights: Array.from({ length: h2 }, () =>
        Array.from({ length: h }, () => round(num(weight(rand, 'float64')))),
      ),
      bias: Array.from({ length: h2 }, () => round(num(weight(rand, 'float64')) / 2)),
      activation: 'relu',
    });
  }
  const last = (layers[layers.length - 1]!.weights as number[][]).length;
  layers.push({
    weights: Array.from({ length: outputs }, () =>
      Array.from({ length: last }, () => round(num(weight(rand, 'float64')))),
    ),
    bias: Array.from({ length: outputs }, () => 0),
    activation: 'linear',
  });
  return {
    name: `mlp-${kind}-${d}d-${style}-${layers.length}layers`,
    json: { format: 'mlgeo-mlp', version: 1, inputDimension: d, layers },
  };
}

/**
 * {@link degenerateMlp} with leaky hidden layers (LeakyReLU / PReLU): one slope for the layer or
 * one per unit, among them 0 (a ReLU unit inside a leaky layer) and slopes above 1.
 */
function leakyMlp(rand: Rand, d: number, style: WeightStyle): FuzzModel {
  const model = degenerateMlp(rand, d, style);
  const layers = (model.json as { layers: Record<string, unknown>[] }).layers;
  const slope = () => pick(rand, [0.1, 0.01, '1/4', 0, 2, 0.3]);
  layers.slice(0, -1).forEach((layer) => {
    const units = (layer.weights as number[][]).length;
    layer.activation = 'leaky_relu';
    layer.negativeSlope = rand() < 0.5 ? slope() : Array.from({ length: units }, slope);
  });
  return { name: model.name.replace(/^mlp-/, 'mlp-leaky-'), json: model.json };
}

// ---- trees and forests --------------------------------------------------------------------------

type Node =
  | { feature: number; threshold: number | string; left: number; right: number }
  | { value: number[] };

/** A random tree over thresholds drawn from a small pool (equal thresholds on purpose). */
function randomTree(
  rand: Rand,
  d: number,
  pool: (number | string)[],
  depth: number,
  classes: number,
): Node[] {
  const nodes: Node[] = [];
  const build = (level: number): number => {
    const id = nodes.length;
    if (level === depth || (level > 0 && rand() < 0.25)) {
      const value = Array.from({ length: classes }, () => 0);
      value[int(rand, 0, classes - 1)] = 1;
      nodes.push({ value });
      return id;
    }
    nodes.push({ feature: 0, threshold: 0, left: 0, right: 0 });
    const feature = int(rand, 0, d - 1);
    const threshold = pick(rand, pool);
    const left = build(level + 1);
    const right = build(level + 1);
    nodes[id] = { feature, threshold, left, right };
    return id;
  };
  build(0);
  return nodes;
}

function thresholdPool(rand: Rand): (number | string)[] {
  const base = pick(rand, [0.5, 0.3, 0.25]);
  return [
    base,
    base, // equal thresholds
    Math.fround(base + 1e-7), // a float32 neighbour
    base + 1e-13 > base ? base + 1e-13 : base,
    pick(rand, [0, 1, '1/3', 0.75]), // on the box boundary, or a non-dyadic one
  ];
}

function degenerateTree(rand: Rand, d: number): FuzzModel {
  const nodes = randomTree(rand, d, thresholdPool(rand), d === 2 ? 4 : 3, 2);
  return {
    name: `tree-equal-thresholds-${d}d`,
    json: { format: 'mlgeo-tree', version: 1, inputDimension: d, nodes },
  };
}

function degenerateForest(rand: Rand, d: number): FuzzModel {
  const pool = thresholdPool(rand);
  const trees = Array.from({ length: int(rand, 2, 3) }, () => ({
    nodes: randomTree(rand, d, pool, d === 2 ? 3 : 2, 2),
  }));
  return {
    name: `forest-equal-thresholds-${d}d`,
    json: { format: 'mlgeo-forest', version: 1, inputDimension: d, trees },
  };
}

// ---- Voronoi and linear classifiers -------------------------------------------------------------

/** Rational points of the unit circle from Pythagorean triples (3,4,5), (5,12,13), (8,15,17). */
const CIRCLE: [number, number][] = [
  [3 / 5, 4 / 5],
  [5 / 13, 12 / 13],
  [8 / 17, 15 / 17],
  [1, 0],
  [0, 1],
];

function cocircularVoronoi(rand: Rand, d: number): FuzzModel {
  const center = innerPoint(rand, d);
  const r = pick(rand, ['1/4', '1/8', '1/3']);
  const R = evalFraction(r);
  const sites: (number | string)[][] = [];
  if (d === 2) {
    const used = new Set<string>();
    for (let i = 0; i < int(rand, 3, 6); i++) {
      const [a, b] = pick(rand, CIRCLE);
      const sx = rand() < 0.5 ? 1 : -1;
      const sy = rand() < 0.5 ? 1 : -1;
      const key = `${sx * a},${sy * b}`;
      if (used.has(key)) continue;
      used.add(key);
      sites.push([center[0]! + sx * a * R, center[1]! + sy * b * R]);
    }
  } else {
    // cospherical: the 8 corners of a cube around the center, a random subset of ≥ 4
    for (let m = 0; m < 8; m++) {
      if (rand() < 0.6) sites.push([0, 1, 2].map((t) => center[t]! + ((m >> t) & 1 ? R : -R) / 2));
    }
  }
  while (sites.length < 3) sites.push(innerPoint(rand, d).map((x) => x + sites.length * 1e-3));
  if (rand() < 0.3) {
    // a near-duplicate site 1e-10 away
    const s = sites[0]!.map((x) => num(x) + 1e-10);
    sites.push(s);
  }
  return {
    name: `voronoi-cocircular-${d}d`,
    json: { format: 'mlgeo-voronoi', version: 1, sites },
  };
}

function concurrentLinear(rand: Rand, d: number, style: WeightStyle): FuzzModel {
  const classes = int(rand, 3, 4);
  const p = innerPoint(rand, d);
  const weights = Array.from({ length: classes }, () => randomNormal(rand, d, style).map(num));
  if (rand() < 0.4) weights.push(weights[0]!.map((x) => x * pick(rand, [1, 1e8, 1e-8]))); // scaled class
  // all class scores equal at p: every pairwise boundary passes through p
  const bias = weights.map((w) => -w.reduce((s, x, t) => s + x * p[t]!, 0));
  return {
    name: `linear-concurrent-${d}d-${style}`,
    json: { format: 'mlgeo-linear', version: 1, weights, bias },
  };
}

// ---- the mix ------------------------------------------------------------------------------------

const GENERATORS: ((rand: Rand, d: number) => FuzzModel)[] = [
  (r, d) => concurrentArrangement(r, d, pick(r, ['float64', 'float32', 'rational'])),
  (r, d) => duplicateScaledArrangement(r, d, pick(r, ['float64', 'float32'])),
  cornerArrangement,
  thinSlabArrangement,
  nearlyParallelArrangement,
  extremeWeightArrangement,
  (r, d) => degenerateMlp(r, d, pick(r, ['float64', 'float32'])),
  (r, d) => leakyMlp(r, d, pick(r, ['float64', 'float32'])),
  degenerateTree,
  degenerateForest,
  cocircularVoronoi,
  (r, d) => concurrentLinear(r, d, pick(r, ['float64', 'float32'])),
];

/** Model `index` of `seed`: a generator and a dimension (2-D three times out of four) drawn from (seed, index). */
export function degenerateModel(seed: number, index: number): FuzzModel {
  const rand = seededRandom((seed * 1_000_003 + index * 7919 + 17) >>> 0);
  const d = rand() < 0.75 ? 2 : 3;
  const gen = GENERATORS[index % GENERATORS.length]!;
  const model = gen(rand, d);
  return { name: `${seed}:${index}:${model.name}`, json: model.json };
}
