/**
 * Issue 11 (h11-complex): where the complex's CPU goes on the float and the exact path, phase by
 * phase (partition, buildComplex, metric, complexToJson, verify), for one seeded net.
 *
 *   npx tsx --conditions=@mlgeo/source tools/bench/complex-float-profile.ts --net 2-32-32-1 [--lo 0] [--hi 1]
 *       [--paths float,exact]
 */
import { box, partitionOf } from '@mlgeo/model-partitions';
import { buildComplex, complexToJson, verify } from '@mlgeo/riemannian-complex';
import { opt } from './bench-args.js';
import { randomMlp } from './random-nets.js';

const sizes = opt('net', '2-32-32-1').split('-').map(Number);
const lo = Number(opt('lo', '0'));
const hi = Number(opt('hi', '1'));
const paths = opt('paths', 'float,exact').split(',') as ('float' | 'exact')[];
const model = randomMlp(sizes, Number(opt('seed', '1')));
const d = sizes[0]!;

function cpu<T>(f: () => T): [T, number] {
  const t = process.cpuUsage();
  const v = f();
  const u = process.cpuUsage(t);
  return [v, (u.user + u.system) / 1e6];
}

for (const path of paths) {
  const float = path === 'float';
  const [partition, tp] = cpu(() =>
    partitionOf(model, {
      domain: box(new Array(d).fill(lo), new Array(d).fill(hi)),
      predicates: float ? 'filtered' : 'exact',
      measures: float ? 'float' : 'exact',
    } as Parameters<typeof partitionOf>[1]),
  );
  const [complex, tc] = cpu(() =>
    buildComplex(partition, { measures: path } as Parameters<typeof buildComplex>[1]),
  );
  const [, tm] = cpu(() => complex.metric);
  const [json, tj] = cpu(() => complexToJson(complex, { checks: false, measures: path }));
  const [checks, tv] = cpu(() => verify(complex));
  const bytes = JSON.stringify(json).length;
  console.log(
    `${path}: ${partition.cells.length} cells, ${complex.simplices[1]?.length} edges; partition ${tp.toFixed(2)} s, complex ${tc.toFixed(2)} s, metric ${tm.toFixed(2)} s, json ${tj.toFixed(2)} s (${(bytes / partition.cells.length / 1024).toFixed(1)} KiB/cell), verify ${tv.toFixed(2)} s [${checks.map((c) => `${c.name}:${c.ok ? 'ok' : 'FAIL'}`).join(' ')}] rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
  );
}
