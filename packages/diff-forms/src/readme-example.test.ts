/**
 * Keeps the README example true: runs examples/readme-example.ts and checks its output against
 * SPEC §9 D (the layer-2 boundary y = 3/4 | x + y = 5/4, layer-1 volumes, the refinement) and that
 * the angle penalty ends lower with it than without it.
 */
import { describe, expect, it } from 'vitest';

// A computed specifier keeps examples/ out of this package's tsc build (rootDir is src/).
const exampleUrl = new URL('../examples/readme-example.ts', import.meta.url);

describe('README example', () => {
  it('prints what the README says', async () => {
    const mod = (await import(/* @vite-ignore */ exampleUrl.href)) as {
      readmeExample: () => string[];
    };
    const out = mod.readmeExample();
    expect(out.slice(0, 6)).toEqual([
      'cell 010: layer-2 line 0·x + 1·y + -3/4 = 0, layer-1 volume 0',
      'cell 011: layer-2 line 0·x + 1·y + -3/4 = 0, layer-1 volume 0',
      'cell 110: layer-2 line 1·x + 1·y + -5/4 = 0, layer-1 volume 1/4',
      'cell 111: layer-2 line 1·x + 1·y + -5/4 = 0, layer-1 volume 1/4',
      'P_1: 01 11; children [[0,1],[2,3]]',
      'complex of P_2: f-vector 4, 4',
    ]);
    const [without, withPenalty] = out.slice(6).map((l) => Number(l.split(': angle penalty ')[1]));
    expect(withPenalty!).toBeLessThan(without!);
  });
});
