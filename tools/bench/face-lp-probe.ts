/**
 * In-process probe of the adjacency phase of the LP-free path (issue 12, s7-adj): reads an ONNX
 * model and the first N rows of a CSV (label column dropped), builds the data-holding partition on
 * the unit box (float filter), then decides the one-bit adjacency candidates twice with
 * `lpGeometry(…, { adjacencyLPs: false })` and no per-cell work — data certificates only
 * (`boundedFaceLPs: false`, the session-6 path) and with the bounded face LPs — printing the CPU
 * time of each (process.cpuUsage; each path twice, alternating) and the counts: candidates, edges (certified adjacent), absent
 * (certified not adjacent), undecided.
 *
 *   npx tsx --conditions=@mlgeo/source tools/bench/face-lp-probe.ts model.onnx data.csv [N]
 */
import { dataHoldingPartition, lpGeometry } from '@mlgeo/model-partitions';
import { readFileSync } from 'node:fs';
import { cpuSeconds, onnxModelAndPoints } from './onnx-points.js';

const [modelFile, dataFile, nText] = process.argv.slice(2);
const { model, points } = onnxModelAndPoints(
  modelFile!,
  dataFile!,
  nText !== undefined ? Number(nText) : undefined,
);
const cpu = cpuSeconds;
let t = cpu();
const partition = dataHoldingPartition(model, points, {
  predicates: 'filtered',
  keepIndices: true,
});
console.log(`partition (${partition.cells.length} cells): ${(cpu() - t).toFixed(2)} s CPU`);
for (const bounded of [false, true, false, true]) {
  t = cpu();
  const g = lpGeometry(partition, {
    chebyshev: false,
    facets: false,
    ridges: false,
    margins: false,
    slopes: false,
    adjacencyLPs: false,
    boundedFaceLPs: bounded,
    cellFilter: () => false,
  });
  const a = g.adjacency!;
  console.log(
    JSON.stringify({
      path: bounded ? 'data certificates + bounded face LPs' : 'data certificates only',
      cpuSeconds: Math.round((cpu() - t) * 100) / 100,
      candidates: a.candidates,
      edges: a.edges.length,
      byData: a.certifiedByData,
      byPoint: a.certifiedByPoint,
      absent: g.adjacencyAbsent,
      undecided: g.adjacencyUndecided,
      load: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
    }),
  );
}
