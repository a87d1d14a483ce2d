/**
 * `--cells auto` explains its choice in the summary, and a gradient-boosted forest of 18 shallow
 * trees (product of leaf counts ≈ 3.4·10⁹, but at most (thresholds + 1) boxes per axis grid) is
 * enumerated completely instead of being sent to data-holding mode. The file is model-readers'
 * export fixture, written by scikit-learn (tools/fixtures/export/make-export-fixtures.py).
 */
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCliIn } from './testing/in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'mlgeo-cli-cells-auto-'));
copyFileSync(
  fileURLToPath(
    new URL('../../model-readers/src/fixtures/export/gradient-boosting-iris.json', import.meta.url),
  ),
  join(dir, 'gb.json'),
);
// petal length, width (cm) of a few iris flowers
writeFileSync(join(dir, 'petals.csv'), 'x,y\n1.4,0.2\n4.7,1.4\n5.1,1.9\n6.0,2.5\n3.5,1.0\n');

const run = (args: readonly string[]) => runCliIn(dir, args);

describe('--cells auto', () => {
  const domain = ['--domain', 'box:0,8,0,3'];
  it('enumerates every cell of the boosted forest and says why', async () => {
    const r = await run(['analyze', 'gb.json', '--data', 'petals.csv', ...domain]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /cells +\d+ \(complete partition\); --cells auto: at most \d+ cells \(model bound\) ≤ --max-cells 20000/,
    );
    const bound = Number(/at most (\d+) cells/.exec(r.stdout)![1]);
    expect(bound).toBeLessThan(200);
  });
  it('says when the bound is over --max-cells, and what to do', async () => {
    const r = await run([
      'analyze',
      'gb.json',
      '--data',
      'petals.csv',
      ...domain,
      '--max-cells',
      '3',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /\(data-holding cells only\); --cells auto: up to \d+ cells \(model bound\) > --max-cells 3; --cells all enumerates every cell/,
    );
  });
  it('names the option when it is given', async () => {
    const r = await run([
      'analyze',
      'gb.json',
      '--data',
      'petals.csv',
      ...domain,
      '--cells',
      'data',
    ]);
    expect(r.stdout).toMatch(/\(data-holding cells only\); --cells data/);
  });
});
