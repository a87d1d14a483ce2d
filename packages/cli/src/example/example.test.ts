import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '@mlgeo/exact-arith';
import { REPO_ROOT } from '../testing/run-cli.js';
import { buildExampleFiles } from './example-files.js';

describe('embedded example', () => {
  const files = buildExampleFiles();

  it('regenerates the committed CSV byte for byte', () => {
    const csv = readFileSync(join(REPO_ROOT, 'packages/cli/examples/moons.csv'), 'utf8');
    expect(files.csv).toBe(csv);
    expect(csv.trim().split('\n')).toHaveLength(201);
  });

  it('retrains the committed weights bit for bit', () => {
    const committed = JSON.parse(
      readFileSync(join(REPO_ROOT, 'packages/cli/examples/moons-mlp.json'), 'utf8'),
    );
    const fresh = JSON.parse(files.modelJson);
    expect(fresh).toEqual(committed);
    // JSON numbers round-trip doubles exactly; compare the bits as well
    const bits = (x: number) => new BigUint64Array(new Float64Array([x]).buffer)[0];
    committed.layers.forEach((layer: { weights: number[][] }, l: number) =>
      layer.weights
        .flat()
        .forEach((w, k) => expect(bits(w)).toBe(bits(files.layers[l]!.weights.flat()[k]!))),
    );
  });

  it('learns the moons (training accuracy at least 95%)', () => {
    expect(files.accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('the seeded generator is deterministic and uniform-looking', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 10000 }, () => a());
    expect(Array.from({ length: 10000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
    expect(seededRandom(43)()).not.toBe(seededRandom(42)());
  });
});
