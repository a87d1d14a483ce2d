/**
 * Issue 11 (h11-complex): heap and RSS after each phase (partition, complex, metric, JSON,
 * stringify, verify) for one seeded net, with a forced GC before each reading.
 *
 *   node --expose-gc --import tsx/esm --conditions=@mlgeo/source tools/bench/complex-memory.ts 3-16-16-1 -1 float
 */
import { box, partitionOf } from '@mlgeo/model-partitions';
import { buildComplex, complexToJson, verify } from '@mlgeo/riemannian-complex';
import { randomMlp } from './random-nets.js';
const sizes = (process.argv[2] ?? '3-16-16-1').split('-').map(Number);
const lo = Number(process.argv[3] ?? '-1');
const measures = (process.argv[4] ?? 'float') as 'float' | 'exact';
const d = sizes[0]!;
const gc = (globalThis as { gc?: () => void }).gc!;
const mem = (what: string) => {
  gc();
  const m = process.memoryUsage();
  console.log(
    `${what}: heap ${(m.heapUsed / 2 ** 20).toFixed(0)} MiB, rss ${(m.rss / 2 ** 20).toFixed(0)} MiB, cpu ${(process.cpuUsage().user / 1e6).toFixed(1)} s`,
  );
};
mem('start');
const p = partitionOf(randomMlp(sizes, 1), {
  domain: box(new Array(d).fill(lo), new Array(d).fill(1)),
  predicates: measures === 'float' ? 'filtered' : 'exact',
});
mem(`partition ${p.cells.length} cells`);
const c = buildComplex(p, { measures });
mem('complex');
if (measures === 'float') void c.floatMetric;
else void c.metric.M1.length;
mem('metric');
const j = complexToJson(c, { measures, checks: false });
mem('complexJson');
const s = JSON.stringify(j).length;
mem(`stringified ${(s / 2 ** 20).toFixed(1)} MiB`);
verify(c);
mem('verify');
