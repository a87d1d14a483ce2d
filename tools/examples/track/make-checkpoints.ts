/**
 * Writes the checkpoints of packages/cli/examples/track (used by `mlgeo track` in docs/track.md and
 * its tests): the ReLU MLP 2→8→8→1 of `initMlp(1, …)` trained by `trainMlp` of @mlgeo/diff-forms
 * (mean logistic loss, full-batch Adam, step 0.02) on packages/cli/examples/moons.csv, saved as
 * mlgeo-mlp JSON (float64 weights, exact as JSON numbers; formatted by prettier) before training and after every 40
 * epochs up to 200. Deterministic: run it again and the files are byte-identical.
 * Run: npx tsx --conditions=@mlgeo/source tools/examples/track/make-checkpoints.ts [outDir]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FloatMlp, cloneMlp, initMlp, trainMlp } from '@mlgeo/diff-forms';
import { format, resolveConfig } from 'prettier';

const root = new URL('../../../', import.meta.url).pathname;
const outDir = process.argv[2] ?? join(root, 'packages/cli/examples/track');
const EPOCHS = 200;
const EVERY = 40;

function readMoons(): { points: number[][]; labels: number[] } {
  const lines = readFileSync(join(root, 'packages/cli/examples/moons.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  const rows = lines.map((l) => l.split(',').map(Number));
  return { points: rows.map((r) => [r[0]!, r[1]!]), labels: rows.map((r) => r[2]!) };
}

function checkpointJson(net: FloatMlp, epoch: number): string {
  return (
    JSON.stringify(
      {
        format: 'mlgeo-mlp',
        version: 1,
        description: `ReLU MLP 2→8→8→1 after ${epoch} epochs of trainMlp (initMlp seed 1, Adam step 0.02, logistic loss) on moons.csv; written by tools/examples/track/make-checkpoints.ts`,
        inputDimension: net.inputDimension,
        layers: net.layers.map((l) => ({ weights: l.weights, bias: l.bias })),
      },
      null,
      2,
    ) + '\n'
  );
}

/** Trains and returns the checkpoints as [file name, JSON text]. */
export function makeCheckpoints(): [string, string][] {
  const data = readMoons();
  const net = initMlp(1, [2, 8, 8, 1]);
  const out: [string, string][] = [];
  const save = (epoch: number) =>
    out.push([
      `epoch-${String(epoch).padStart(3, '0')}.json`,
      checkpointJson(cloneMlp(net), epoch),
    ]);
  trainMlp(net, data, {
    epochs: EPOCHS,
    learningRate: 0.02,
    // onEpoch runs before epoch t's update: the net has had t − 1 updates
    onEpoch: (t) => {
      if ((t - 1) % EVERY === 0) save(t - 1);
    },
  });
  save(EPOCHS);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync(outDir, { recursive: true });
  for (const [name, text] of makeCheckpoints()) {
    // formatted as the repository's prettier check expects
    const file = join(outDir, name);
    const options = (await resolveConfig(file)) ?? {};
    writeFileSync(file, await format(text, { ...options, parser: 'json' }));
  }
  console.log(`wrote ${EPOCHS / EVERY + 1} checkpoints to ${outDir}`);
}
