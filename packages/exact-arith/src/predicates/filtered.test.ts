import { describe, expect, it } from 'vitest';
import { addFilterStats, filtered } from './filtered.js';
import { newFilterStats } from './types.js';

describe('filtered (approximate-then-exact)', () => {
  it('answers from the approximation when it is certain and counts every test', () => {
    const stats = newFilterStats();
    let exactRuns = 0;
    const sign = filtered(
      (x: number) => (Math.abs(x) > 1 ? Math.sign(x) : undefined),
      (x: number) => {
        exactRuns++;
        return x > 0 ? 1 : x < 0 ? -1 : 0;
      },
      stats,
    );
    expect([sign(5), sign(-3), sign(0.5), sign(0)]).toEqual([1, -1, 1, 0]);
    expect(stats).toEqual({ signTests: 4, exactFallbacks: 2 });
    expect(exactRuns).toBe(2);
  });
  it('adds counters', () => {
    const a = { signTests: 3, exactFallbacks: 1 };
    addFilterStats(a, { signTests: 2, exactFallbacks: 2 });
    expect(a).toEqual({ signTests: 5, exactFallbacks: 3 });
  });
});
