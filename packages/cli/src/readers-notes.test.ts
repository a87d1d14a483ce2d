/**
 * A PyTorch export with LeakyReLU, PReLU and BatchNorm1d (model-readers' committed fixture, made by
 * tools/fixtures/readers/make-torch-leaky-fixture.py) through `mlgeo analyze`: the self-checks pass
 * and the approximate BatchNorm folding is said on stderr, not hidden.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCliIn } from './testing/in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'mlgeo-cli-leaky-'));
copyFileSync(
  fileURLToPath(new URL('../../model-readers/src/fixtures/torch-leaky.onnx', import.meta.url)),
  join(dir, 'leaky.onnx'),
);

const run = (args: readonly string[]) => runCliIn(dir, args);

describe('analyze: leaky activations and a folded BatchNorm', () => {
  it('partitions the network, passes its self-checks and notes the float64 BatchNorm scales', async () => {
    const r = await run(['analyze', 'leaky.onnx', '--domain', 'box:-2,2,-2,2', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^mlgeo: note: graph\.node\[3\] \(BatchNormalization\b.*float64/m);
    const report = JSON.parse(r.stdout) as {
      partition: { cells: unknown[] };
      checks: { ok: boolean }[];
    };
    expect(report.checks.every((c) => c.ok)).toBe(true);
    expect(report.partition.cells.length).toBeGreaterThan(5);
  });
  it('--quiet drops the note', async () => {
    const r = await run(['analyze', 'leaky.onnx', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});
