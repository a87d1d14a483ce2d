import { Rational, seededRandom } from '@mlgeo/exact-arith';
import type { DenseLayer } from '@mlgeo/model-partitions';
import { describe, expect, it } from 'vitest';
import { exactClass, exactScores } from './forward-pass.js';

describe('test oracle: exact forward pass', () => {
  it('the integer argmax equals the argmax of the rational scores, ties included', () => {
    const rnd = seededRandom(5);
    const q = () =>
      Rational.of(BigInt(Math.round((rnd() * 2 - 1) * 8)), BigInt(1 + Math.floor(rnd() * 7)));
    for (let t = 0; t < 200; t++) {
      const c = 1 + (t % 4);
      const layer = (inp: number, out: number): DenseLayer => ({
        weights: Array.from({ length: out }, () => Array.from({ length: inp }, q)),
        bias: Array.from({ length: out }, q),
      });
      const layers = [layer(2, 4), layer(4, 3), layer(3, c)];
      const x = [q(), q()];
      const z = exactScores(layers, x);
      const want = z.reduce((best, v, i) => (v.gt(z[best]!) ? i : best), 0);
      expect(exactClass(layers, x)).toBe(want);
    }
    // a tie goes to the lowest index: z = (x, x) at any x
    const tie: DenseLayer[] = [
      { weights: [[Rational.ONE], [Rational.ONE]], bias: [Rational.ZERO, Rational.ZERO] },
    ];
    expect(exactClass(tie, [Rational.of(1n, 3n)])).toBe(0);
  });
});
