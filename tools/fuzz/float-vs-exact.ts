/**
 * Float path vs exact path on seeded degenerate models (degenerate-models.ts, checks in
 * float-vs-exact-check.ts): every model is analyzed exact and float in-process, the combinatorics
 * must be identical, both reports must verify and the float measures must be within 1e-9 of the
 * exact ones. Prints one line per failing model and a summary; exit code 1 when a model fails.
 *
 *   npx tsx --conditions=@mlgeo/source tools/fuzz/float-vs-exact.ts --seed 1 --count 500
 *   … --start 200 --count 100   (a chunk: models 200..299 of the seed)
 *   … --only 137                (one model, with its JSON)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { degenerateModel } from './degenerate-models.js';
import { checkModel, type ModelOutcome } from './float-vs-exact-check.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    count: { type: 'string', default: '500' },
    start: { type: 'string', default: '0' },
    only: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});
const seed = Number(values.seed);
const start = values.only !== undefined ? Number(values.only) : Number(values.start);
const count = values.only !== undefined ? 1 : Number(values.count);
if (![seed, start, count].every((x) => Number.isInteger(x) && x >= 0)) {
  console.error(
    'usage: float-vs-exact.ts [--seed N] [--start N] [--count N] [--only N] [--verbose]',
  );
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'mlgeo-float-fuzz-'));
const outcomes: ModelOutcome[] = [];
const kinds = new Map<string, { ok: number; rejected: number; failed: number }>();
const t0 = performance.now();
try {
  for (let i = start; i < start + count; i++) {
    const model = degenerateModel(seed, i);
    if (values.only !== undefined) console.log(JSON.stringify(model.json));
    const outcome = await checkModel(model, dir);
    outcomes.push(outcome);
    const kind = model.name.split(':')[2]!.split('-').slice(0, 2).join('-');
    const k = kinds.get(kind) ?? { ok: 0, rejected: 0, failed: 0 };
    k[outcome.status]++;
    kinds.set(kind, k);
    if (outcome.status === 'failed' || values.verbose) {
      console.log(
        `${outcome.status.padEnd(8)} ${model.name} (${outcome.cells} cells, ${outcome.fallbacks} fallbacks, ${outcome.seconds.toFixed(2)} s)`,
      );
      for (const p of outcome.problems.slice(0, 5)) console.log(`    ${p}`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const total = (s: ModelOutcome['status']) => outcomes.filter((o) => o.status === s).length;
const cells = outcomes.reduce((s, o) => s + o.cells, 0);
const fallbacks = outcomes.reduce((s, o) => s + o.fallbacks, 0);
console.log(
  `\nseed ${seed}, models ${start}..${start + count - 1}: ${total('ok')} ok, ${total('rejected')} rejected by both paths alike, ${total('failed')} failed; ` +
    `${cells} cells, ${fallbacks} float measures recomputed exactly (${outcomes.filter((o) => o.fallbacks > 0).length} models), ` +
    `${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
for (const [kind, k] of [...kinds].sort())
  console.log(`  ${kind.padEnd(24)} ok ${k.ok}, rejected ${k.rejected}, failed ${k.failed}`);
process.exitCode = total('failed') > 0 ? 1 : 0;
