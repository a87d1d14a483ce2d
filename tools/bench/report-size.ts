/**
 * Report bytes per cell, by section (issue 11: "exact numbers represented once"; issue 12: reports
 * that scale). Not a test; measurements go to tools/bench/README.md ("Reports that scale").
 *
 *   npx tsx --conditions=@mlgeo/source tools/bench/report-size.ts [--nets 2-32-32-1,3-16-16-1]
 *       [--seed 1] [--lo 0] [--hi 1] [--float] [--dir out/report-size] ["--args=--omit metric"]
 *
 * Per net (random-nets.ts, He-initialised float32 weights, the nets of the issue 11 benchmark) the
 * model file is written to --dir, `mlgeo analyze <net> --domain box:lo,hi --no-timing --out …` runs
 * in-process (runCli, the same code path as the command), and the written file is measured: total
 * bytes, bytes per cell, and the bytes of the report's top-level sections and of complex.metric's
 * lists (their JSON text at their depth, as written).
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runCli } from '@mlgeo/cli';
import { randomMlp } from './random-nets.js';

const { values } = parseArgs({
  options: {
    nets: { type: 'string', default: '2-32-32-1,3-16-16-1' },
    seed: { type: 'string', default: '1' },
    lo: { type: 'string', default: '0' },
    hi: { type: 'string', default: '1' },
    float: { type: 'boolean', default: false },
    dir: { type: 'string', default: 'out/report-size' },
    args: { type: 'string', default: '' },
  },
});
mkdirSync(values.dir, { recursive: true });

const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
/** Bytes of a value's JSON as written at `depth` levels of two-space indentation. */
const bytesAt = (value: unknown, depth: number) =>
  Buffer.byteLength(JSON.stringify(value, null, 2).replaceAll('\n', '\n' + '  '.repeat(depth)));

for (const name of values.nets.split(',')) {
  const sizes = name.split('-').map(Number);
  const model = randomMlp(sizes, Number(values.seed));
  const file = join(values.dir, `net-${name}-seed${values.seed}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      format: 'mlgeo-mlp',
      version: 1,
      inputDimension: model.inputDimension,
      layers: model.layers.map((l) => ({
        weights: l.weights.map((row) => row.map((x) => x.toNumber())),
        bias: l.bias.map((x) => x.toNumber()),
      })),
    }),
  );
  const out = join(values.dir, `report-${name}${values.float ? '-float' : ''}.json`);
  const extra = values.args.split(' ').filter((a) => a !== '');
  const argv = [
    'analyze',
    file,
    '--domain',
    `box:${values.lo},${values.hi}`,
    '--no-timing',
    '--quiet',
    '--out',
    out,
    ...(values.float ? ['--float'] : []),
    ...extra,
  ];
  const c0 = cpuSeconds();
  const code = await runCli(argv, {
    stdout: () => {},
    stderr: (s) => void process.stderr.write(s),
    stderrIsTTY: false,
    cwd: '.',
  });
  const cpu = cpuSeconds() - c0;
  const bytes = statSync(out).size;
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const cells: number = report.partition.cellCount;
  const sections = Object.keys(report).map((k) => `${k} ${kib(bytesAt(report[k], 1))}`);
  const metric = report.complex?.metric ?? {};
  const metricParts = Object.keys(metric).map((k) => `${k} ${kib(bytesAt(metric[k], 3))}`);
  console.log(
    `${sizes.join('→')} ${values.float ? 'float' : 'exact'} ${extra.join(' ')}: exit ${code}, ` +
      `${cells} cells, ${(bytes / 2 ** 20).toFixed(1)} MiB, ${kib(bytes / cells)} per cell, ` +
      `CPU ${cpu.toFixed(1)} s\n  sections: ${sections.join(', ')}\n  metric: ${metricParts.join(', ')}`,
  );
}
