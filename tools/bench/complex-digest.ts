/**
 * Issue 11: a digest of everything a complex reports (complexToJson, float and exact) for seeded
 * nets, to show that a speed change leaves the outputs bit for bit: run it on two checkouts and
 * compare the lines.
 *
 *   npx tsx --conditions=@mlgeo/source tools/bench/complex-digest.ts
 *       [--nets 2-32-32-1,3-8-8-1,3-16-16-1,2-64-64-64-1] [--seed 1] [--lo 0]
 */
import { createHash } from 'node:crypto';
import { buildComplex, complexToJson } from '@mlgeo/riemannian-complex';
import { opt } from './bench-args.js';
import { randomMlp } from './random-nets.js';
import { unitBoxPartition } from './unit-box-partition.js';

const nets = opt('nets', '2-32-32-1,3-8-8-1,3-16-16-1,2-64-64-64-1').split(',');
const seed = Number(opt('seed', '1'));
const lo = Number(opt('lo', '0'));

for (const net of nets) {
  const sizes = net.split('-').map(Number);
  const d = sizes[0]!;
  for (const measures of ['float', 'exact'] as const) {
    const p = unitBoxPartition(randomMlp(sizes, seed), d, measures, lo);
    const cx = buildComplex(p, { measures });
    const hash = createHash('sha256');
    const json = complexToJson(cx, { measures });
    hash.update(
      JSON.stringify(json, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
    );
    // the ridges' float angle sums (2-D/3-D), which the JSON may round or leave out
    for (const r of cx.ridges ?? []) hash.update(`${r.sum}`);
    console.log(`${net} ${measures} ${p.cells.length} cells ${hash.digest('hex').slice(0, 16)}`);
  }
}
