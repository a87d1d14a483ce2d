/**
 * The page's exact analysis of a trained 2→32→32→1 net in Node (the code the exact worker runs):
 * CPU time (process.cpuUsage) of the pause view (pause-view.ts, with its phases), then to the
 * certified cells (exact partition), to the self-checks of the exact complex, and to the whole
 * exact report, with the phases the worker announces. Bench for tools/bench/README.md.
 * Run: npx tsx --conditions=@mlgeo/source packages/playground/src/testing/bench-exact.ts [runs]
 */
import { loadavg } from 'node:os';
import { analyzeWithComplex } from '../analysis.js';
import { datasetToCsv, makeDataset } from '../datasets.js';
import { pauseViewOf } from '../pause-view.js';
import { adamState, adamStep, initMlp, mlpToJson } from '../mlp.js';

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const runs = Number(process.argv[2] ?? 3);
const data = makeDataset('spirals', { count: 200, noise: 0.05, seed: 1 });
const mlp = initMlp([2, 32, 32, 1], 3);
const adam = adamState(mlp);
for (let i = 0; i < 300; i++) adamStep(mlp, adam, data.x, data.labels, 0.01);
const enc = new TextEncoder();
for (let r = 0; r < runs; r++) {
  const v0 = cpu();
  const view = await pauseViewOf({
    name: 'playground-model.json',
    bytes: enc.encode(mlpToJson(mlp, 'bench')),
  });
  console.log(
    `run ${r + 1}: pause view ${Math.round(cpu() - v0)} ms CPU ` +
      `(${view!.labels.split('\n').length} cells; phases, wall ms: ${JSON.stringify(view!.phases)}); ` +
      `load ${loadavg()[0]!.toFixed(1)}`,
  );
  const t0 = cpu();
  const w0 = performance.now();
  let cellsCpu = NaN;
  let checksCpu = NaN;
  const phases: string[] = [];
  const { result } = await analyzeWithComplex(
    {
      model: { name: 'playground-model.json', bytes: enc.encode(mlpToJson(mlp, 'bench')) },
      data: { name: 'spirals.csv', bytes: enc.encode(datasetToCsv(data)) },
      cells: 'all',
    },
    {
      onPartition: () => (cellsCpu = cpu() - t0),
      onPhase: (p) => phases.push(`${p}@${Math.round(cpu() - t0)}`),
      onChecks: () => (checksCpu = cpu() - t0),
    },
  );
  console.log(
    `run ${r + 1}: ${result.report.partition.cellCount} cells; certified cells ${Math.round(cellsCpu)} ms CPU, ` +
      `self-checks ${Math.round(checksCpu)} ms CPU, ` +
      `whole exact report ${Math.round(cpu() - t0)} ms CPU (${Math.round(performance.now() - w0)} ms wall); ` +
      `phases ${phases.join(' ')}; load ${loadavg()[0]!.toFixed(1)}`,
  );
}
