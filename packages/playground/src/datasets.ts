/**
 * The playground's bundled data sets: two moons, two circles, two spirals and XOR, each a seeded,
 * labelled point cloud in the unit square (the CLI's default domain, so `mlgeo analyze` needs no
 * `--domain`). Coordinates are rounded to 4 decimals: the CSV text the page downloads is exactly
 * the points the page analysed (SPEC §1: a CSV decimal is the rational it names).
 */
import { seededRandom } from '@mlgeo/exact-arith';

/** Names of the bundled data sets. */
export const DATASET_NAMES = ['moons', 'circles', 'spirals', 'xor'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

/** Options of {@link makeDataset}. */
export interface DatasetOptions {
  /** Number of points (labels alternate 0, 1, 0, …). */
  count: number;
  /** Standard deviation of the Gaussian noise, in units of the unit square. */
  noise: number;
  seed: number;
}

/** A labelled 2-D data set in [0, 1]². */
export interface Dataset {
  name: string;
  x: [number, number][];
  labels: (0 | 1)[];
}

export const DEFAULT_DATASET_OPTIONS: DatasetOptions = { count: 200, noise: 0.05, seed: 1 };

/** A standard normal deviate from two uniforms (Box–Muller). */
function gaussian(random: () => number): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
const round4 = (v: number) => Number(clamp01(v).toFixed(4));

/** A point of class `label` before noise, from the uniform `t ∈ [0, 1)` and the generator. */
function cleanPoint(name: DatasetName, label: 0 | 1, t: number, random: () => number): number[] {
  switch (name) {
    case 'moons': {
      // upper moon (cos θ, sin θ), lower moon (1 − cos θ, 1/2 − sin θ), θ ∈ [0, π]; x ∈ [−1, 2]
      const a = Math.PI * t;
      const [x, y] =
        label === 0 ? [Math.cos(a), Math.sin(a)] : [1 - Math.cos(a), 0.5 - Math.sin(a)];
      return [(x + 1.25) / 3.5, (y + 0.75) / 2];
    }
    case 'circles': {
      // inner circle (class 1) of radius 0.15, outer ring (class 0) of radius 0.38, centre (½, ½)
      const a = 2 * Math.PI * t;
      const r = label === 1 ? 0.15 : 0.38;
      return [0.5 + r * Math.cos(a), 0.5 + r * Math.sin(a)];
    }
    case 'spirals': {
      // two interleaved Archimedean spirals, 1.5 turns, the second rotated by π
      const a = 3 * Math.PI * t;
      const r = 0.05 + 0.4 * t;
      const s = label === 0 ? 1 : -1;
      return [0.5 + s * r * Math.cos(a), 0.5 + s * r * Math.sin(a)];
    }
    case 'xor': {
      // uniform points in the four quadrant squares; class = (x > ½) xor (y > ½)
      const qx = random() < 0.5 ? 0 : 1;
      const qy = label === 1 ? 1 - qx : qx;
      return [0.05 + 0.4 * t + 0.5 * qx, 0.05 + 0.4 * random() + 0.5 * qy];
    }
  }
}

/** The seeded data set `name` (same points on every platform up to `Math.cos`/`Math.log`). */
export function makeDataset(
  name: DatasetName,
  options: DatasetOptions = DEFAULT_DATASET_OPTIONS,
): Dataset {
  const random = seededRandom(options.seed);
  const x: [number, number][] = [];
  const labels: (0 | 1)[] = [];
  for (let i = 0; i < options.count; i++) {
    const label = (i % 2) as 0 | 1;
    const [px, py] = cleanPoint(name, label, random(), random);
    x.push([
      round4(px! + options.noise * gaussian(random)),
      round4(py! + options.noise * gaussian(random)),
    ]);
    labels.push(label);
  }
  return { name, x, labels };
}

/** CSV text with header `x0,x1,label` (the CLI reads the `label` column as labels). */
export function datasetToCsv(data: Dataset): string {
  const lines = ['x0,x1,label'];
  data.x.forEach((p, i) => lines.push(`${p[0].toFixed(4)},${p[1].toFixed(4)},${data.labels[i]}`));
  return lines.join('\n') + '\n';
}
