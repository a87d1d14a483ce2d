/**
 * Seeded random ReLU nets and data for the tests of the LP tier and the data-holding engines (not
 * built: src testing/ is test-only). Weights and biases are dyadic k/8, k ∈ −16..16, so float64 and
 * exact arithmetic see the same numbers; points are k/256 strictly inside the unit box.
 */
import { Rational, seededRandom } from '@mlgeo/exact-arith';
import type { ReluMlpModel } from '../models.js';

/** A ReLU MLP with layer sizes `sizes` (input first) and dyadic weights k/8. */
export function randomMlp(sizes: number[], seed: number): ReluMlpModel {
  const rnd = seededRandom(seed);
  const w = () => Rational.of(BigInt(Math.floor(rnd() * 33) - 16), 8n);
  return {
    kind: 'mlp',
    inputDimension: sizes[0]!,
    layers: sizes.slice(1).map((m, l) => ({
      weights: Array.from({ length: m }, () => Array.from({ length: sizes[l]! }, w)),
      bias: Array.from({ length: m }, w),
    })),
  };
}

/** n points in (0, 1)^d with coordinates k/256, k ∈ 1..254. */
export function randomPoints(d: number, n: number, seed: number): number[][] {
  const rnd = seededRandom(seed);
  return Array.from({ length: n }, () =>
    Array.from({ length: d }, () => (1 + Math.floor(rnd() * 254)) / 256),
  );
}

/**
 * A ReLU MLP whose weights and biases are float32 values in [−1, 1) (`'float32'`, as trained nets
 * have) or quarters k/4, k ∈ −4..4 (`'small'`: ties and degenerate cuts occur).
 */
export function randomNet(
  seed: number,
  sizes: readonly number[],
  kind: 'float32' | 'small',
): ReluMlpModel {
  const rnd = seededRandom(seed);
  const value = () =>
    kind === 'float32'
      ? Rational.fromFloat32(rnd() * 2 - 1)
      : Rational.of(Math.floor(rnd() * 9) - 4, 4);
  return {
    kind: 'mlp',
    inputDimension: sizes[0]!,
    layers: sizes.slice(1).map((m, l) => ({
      weights: Array.from({ length: m }, () => Array.from({ length: sizes[l]! }, value)),
      bias: Array.from({ length: m }, value),
    })),
  };
}
