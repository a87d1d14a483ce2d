/**
 * CPU time of the float measures of `--float` (volume + centroid of every cell) on the cells of
 * seeded random ReLU networks: the certified path (`{ measures: 'float' }`, exact translation,
 * error radii, exact fallback) against the former path (vertices rounded to doubles, then
 * `volumeFromVertices`/`centroidFromVertices` over Float64Field) and the exact measures. Every
 * variant starts from fresh Polytopes whose vertices and incidence are already computed; rounds
 * alternate the variants.
 *
 *   npx tsx --conditions=@mlgeo/source tools/bench/float-measures.ts [--rounds 3]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Float64Field } from '@mlgeo/exact-arith';
import { Polytope, centroidFromVertices, volumeFromVertices } from '@mlgeo/exact-polytope';
import { analyze } from '@mlgeo/cli';
import { randomMlp } from './random-nets.js';
import { median } from './stats.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' } } });
const rounds = Number(values.rounds);
const nets: number[][] = [
  [2, 8, 8, 1],
  [2, 16, 16, 1],
  [3, 6, 6, 1],
  [4, 6, 4, 1],
];
const dir = mkdtempSync(join(tmpdir(), 'mlgeo-float-measures-'));
const io = { stdout: () => {}, stderr: () => {}, stderrIsTTY: false, cwd: dir };
const cpu = (f: () => void): number => {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
};

console.log(
  '| net | cells | certified float CPU s | fallbacks | former float CPU s | former float failures | exact CPU s |',
);
console.log('|---|---|---|---|---|---|---|');
try {
  for (const sizes of nets) {
    const m = randomMlp(sizes, 7);
    const json = {
      format: 'mlgeo-mlp',
      version: 1,
      layers: m.layers.map((l, i) => ({
        weights: l.weights.map((r) => r.map((x) => x.toString())),
        bias: l.bias.map((x) => x.toString()),
        activation: i === m.layers.length - 1 ? 'linear' : 'relu',
      })),
    };
    writeFileSync(join(dir, 'net.json'), JSON.stringify(json));
    const r = await analyze(
      {
        model: 'net.json',
        float: true,
        complex: 'adjacency',
        length: 'centroid',
        cells: 'all',
        maxCells: 100000,
        quiet: true,
      },
      io,
    );
    const hreps = r.report.partition.cells.map((c) => c.hrep);
    const fresh = () =>
      hreps.map((h) => {
        const P = Polytope.fromHRep(h.A, h.b);
        P.vertices();
        P.incidence();
        return P;
      });
    const times = { certified: [] as number[], former: [] as number[], exact: [] as number[] };
    let fallbacks = 0;
    let failures = 0;
    for (let round = 0; round < rounds; round++) {
      let Ps = fresh();
      times.certified.push(
        cpu(() => {
          for (const P of Ps) {
            P.volume({ measures: 'float' });
            P.centroid({ measures: 'float' });
          }
        }),
      );
      fallbacks = Ps.reduce((s, P) => s + P.stats.floatMeasureFallbacks, 0);
      Ps = fresh();
      failures = 0;
      times.former.push(
        cpu(() => {
          for (const P of Ps) {
            const input = {
              vertices: P.vertices().map((v) => v.map((x) => x.toNumber())),
              facetVertices: P.incidence(),
            };
            try {
              volumeFromVertices(Float64Field, input);
              centroidFromVertices(Float64Field, input);
            } catch {
              failures++;
            }
          }
        }),
      );
      Ps = fresh();
      times.exact.push(
        cpu(() => {
          for (const P of Ps) {
            P.volume();
            P.centroid();
          }
        }),
      );
    }
    console.log(
      `| ${sizes.join('→')} | ${hreps.length} | ${median(times.certified).toFixed(3)} | ${fallbacks} | ${median(times.former).toFixed(3)} | ${failures} | ${median(times.exact).toFixed(3)} |`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
