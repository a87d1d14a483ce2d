/**
 * Cross-check against POT (Python Optimal Transport): W_1 of a few hundred random edges computed by
 * `ot.emd2` on the full walk supports with scipy's shortest paths, by the committed script
 * tools/fixtures/curvature/make-pot-w1.py (fixture: tools/fixtures/data/curvature-pot-w1.json). Our float and
 * exact (certified) paths must both agree with it to 1e-12.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ollivierCurvature } from './ollivier.js';

interface PotGraph {
  vertexCount: number;
  edges: [number, number][];
  counts: number[];
  lengths: number[];
  alpha: number;
  w1: number[];
}
const fixture = JSON.parse(
  readFileSync(
    new URL('../../../tools/fixtures/data/curvature-pot-w1.json', import.meta.url),
    'utf8',
  ),
) as { producer: string; graphs: PotGraph[] };

describe(`W_1 against ${fixture.producer}`, () => {
  it('covers a few hundred edges', () => {
    expect(fixture.graphs.reduce((s, g) => s + g.w1.length, 0)).toBeGreaterThan(200);
  });
  for (const [k, g] of fixture.graphs.entries())
    it(`graph ${k}: ${g.vertexCount} vertices, ${g.edges.length} edges${g.lengths.some((l) => l !== 1) ? ', integer lengths' : ''}`, () => {
      const graph = {
        vertexCount: g.vertexCount,
        edges: g.edges,
        masses: g.counts,
        lengths: g.lengths,
      };
      const f = ollivierCurvature(graph, { alpha: g.alpha });
      const x = ollivierCurvature(graph, { alpha: '1/2', mode: 'exact' });
      g.w1.forEach((pot, e) => {
        expect(Math.abs(f.w1[e]! - pot)).toBeLessThan(1e-12);
        expect(Math.abs(x.exact!.w1[e]!.toNumber() - pot)).toBeLessThan(1e-12);
      });
    });
});
