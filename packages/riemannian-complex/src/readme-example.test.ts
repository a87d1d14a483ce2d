/**
 * Keeps the README example true: runs examples/readme-example.ts and checks its output against
 * the numbers of SPEC §9 example B.
 */
import { describe, expect, it } from 'vitest';

// A computed specifier keeps examples/ out of this package's tsc build (rootDir is src/).
const exampleUrl = new URL('../examples/readme-example.ts', import.meta.url);

describe('README example', () => {
  it('prints what the README says', async () => {
    const mod = (await import(/* @vite-ignore */ exampleUrl.href)) as {
      readmeExample: () => string[];
    };
    expect(mod.readmeExample()).toEqual([
      'f-vector: (4, 4)',
      'edges: 00|01 00|10 01|11 10|11',
      'shared faces: 1/2*sqrt(2), 1/2, 1/2, 1/2*sqrt(2)',
      'M_0: 3/8, 1/8, 1/8, 3/8',
      'M_1 (centroid): 9/34*sqrt(34), 9/20*sqrt(5), 9/20*sqrt(5), 9/34*sqrt(34)',
      'cos θ at (1/2, 1/2): -1/2*sqrt(2), 1/2*sqrt(2), 1/2*sqrt(2), -1/2*sqrt(2)',
      'Σθ = 2.000000000000·π',
      'B_1 = [[-1,-1,0,0],[1,0,-1,0],[0,1,0,-1],[0,0,1,1]]',
      'nerve f-vector: (4, 6, 4, 1)',
      'self-checks: volume-sum ok, angle-sums ok, minkowski ok, shared-face-areas ok, nerve-euler ok, boundary-composition ok',
      'JSON: schema mlgeo.riemannian-complex v3, M_1[0] = {"exact":"9/34*sqrt(34)","r":"9/34","q":"34","float":1.5434872662825796,"sign":1,"squared":"81/34"}',
    ]);
  });
});
