/**
 * The bundled two-moons data set of the embedded example, generated deterministically from a seed.
 * Only +, −, ×, ÷ and `toFixed` are used (a rational parametrisation of the half circles instead of
 * sin/cos), so the CSV is the same on every platform.
 */
import { seededRandom } from '@mlgeo/exact-arith';

/** One labelled 2-D point; coordinates are the 4-decimal values written to the CSV. */
export interface LabelledPoint {
  x: [number, number];
  label: 0 | 1;
}

/**
 * Two interleaved half moons scaled into the unit square, `count` points (alternating labels),
 * uniform noise of half-width `noise` before scaling, coordinates rounded to 4 decimals.
 */
export function makeMoons(count = 200, seed = 20260801, noise = 0.1): LabelledPoint[] {
  const random = seededRandom(seed);
  const points: LabelledPoint[] = [];
  for (let i = 0; i < count; i++) {
    const label = (i % 2) as 0 | 1;
    // u ∈ [−1, 1] ↦ (c, s) = ((1−u²)/(1+u²), 2u/(1+u²)) runs over the right half circle.
    const u = 2 * random() - 1;
    const c = (1 - u * u) / (1 + u * u);
    const s = (2 * u) / (1 + u * u);
    // upper moon (−s, c) = (cos θ, sin θ) with θ ∈ [0, π]; lower moon (1 + s, 1/2 − c)
    let x = label === 0 ? -s : 1 + s;
    let y = label === 0 ? c : 0.5 - c;
    x += noise * (2 * random() - 1);
    y += noise * (2 * random() - 1);
    // x ∈ [−1.1, 2.1], y ∈ [−0.6, 1.1] ↦ the unit square
    points.push({
      x: [Number(((x + 1.2) / 3.4).toFixed(4)), Number(((y + 0.7) / 1.9).toFixed(4))],
      label,
    });
  }
  return points;
}

/** CSV text with header `x0,x1,label`, one point per line, decimals as written by `makeMoons`. */
export function moonsToCsv(points: readonly LabelledPoint[]): string {
  const lines = ['x0,x1,label'];
  for (const p of points) lines.push(`${p.x[0].toFixed(4)},${p.x[1].toFixed(4)},${p.label}`);
  return lines.join('\n') + '\n';
}
