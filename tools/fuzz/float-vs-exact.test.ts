/**
 * The float path against the exact path on 36 seeded degenerate models (three of each generator
 * in degenerate-models.ts, one of which makes leaky-ReLU networks): identical combinatorics, both reports verify, float measures within
 * 1e-9 (float-vs-exact-check.ts says what "relative" means). The oracle is the exact run: its
 * combinatorics are decided on BigInt and its measures are exact rationals. ≥ 500 models:
 * `npx tsx --conditions=@mlgeo/source tools/fuzz/float-vs-exact.ts --seed 1 --count 500`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { degenerateModel } from './degenerate-models.js';
import { checkModel } from './float-vs-exact-check.js';

const SEED = 20261203;
const COUNT = 36;
const dir = mkdtempSync(join(tmpdir(), 'mlgeo-float-fuzz-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('float path vs exact path on degenerate models', () => {
  it('the issue-10 reproducers (sliver net, 1e-13-thin cell) run with --float and verify', async () => {
    const sliver = await checkModel(
      {
        name: 'issue-10-finding-5',
        json: {
          format: 'mlgeo-mlp',
          version: 1,
          inputDimension: 2,
          layers: [
            {
              weights: [
                [0.6562310298418113, -0.7345381686645381],
                [1.9686930895254338, -2.2036145059936145],
              ],
              bias: [0.21009789070913584, 0.6302936721274075],
              activation: 'relu',
            },
            { weights: [[1, 1]], bias: [0], activation: 'linear' },
          ],
        },
      },
      dir,
    );
    expect(sliver.problems).toEqual([]);
    expect(sliver.status).toBe('ok');
    const thin = await checkModel(
      {
        name: 'issue-10-finding-6',
        json: {
          format: 'mlgeo-arrangement',
          version: 1,
          hyperplanes: [{ w: [0, 1], c: '-1/10000000000000' }],
        },
      },
      dir,
    );
    expect(thin.problems).toEqual([]);
    expect(thin.status).toBe('ok');
  });

  for (let i = 0; i < COUNT; i++) {
    const model = degenerateModel(SEED, i);
    it(model.name, async () => {
      const outcome = await checkModel(model, dir);
      expect(outcome.problems, JSON.stringify(model.json)).toEqual(
        outcome.status === 'rejected' ? outcome.problems : [],
      );
      expect(outcome.status).not.toBe('failed');
    });
  }
});
