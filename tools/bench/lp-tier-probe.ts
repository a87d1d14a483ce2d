/**
 * In-process probe of the LP tier (issue 12): reads an ONNX model and the first N rows of a CSV
 * (label column dropped), builds the data-holding partition on the unit box (float filter) and runs
 * `lpGeometry`, printing the CPU time of each phase (process.cpuUsage) and the facet statistics.
 * For profiling (node --cpu-prof) and quick comparisons; the end-to-end numbers come from
 * lp-tier-bench.ts.
 *
 *   npx tsx --conditions=@mlgeo/source tools/bench/lp-tier-probe.ts model.onnx data.csv [N] [--lp facets,…]
 *     [--no-warm]   (the previous facet search: relaxation, then one LP per row)
 *     (--lp …,point-ridges: ridge angles at the data points, point-ridges.ts)
 */
import { dataHoldingPartition, facetAdjacencyOf, lpGeometry } from '@mlgeo/model-partitions';
import { cpuSeconds, onnxModelAndPoints } from './onnx-points.js';

const args = process.argv.slice(2);
const [modelFile, dataFile, nText] = args;
const lpAt = args.indexOf('--lp');
const parts = lpAt >= 0 ? args[lpAt + 1]!.split(',') : undefined;
const want = (p: string) => parts === undefined || parts.includes(p);
const { model, points, d } = onnxModelAndPoints(
  modelFile!,
  dataFile!,
  nText !== undefined && !nText.startsWith('--') ? Number(nText) : undefined,
);
const cpu = cpuSeconds;
let t = cpu();
const lap = (name: string) => {
  const now = cpu();
  console.log(`${name}: ${(now - t).toFixed(2)} s CPU`);
  t = now;
};
const partition = dataHoldingPartition(model, points, {
  predicates: 'filtered',
  keepIndices: true,
});
lap(`partition (${partition.cells.length} cells)`);
const g = lpGeometry(partition, {
  chebyshev: want('chebyshev'),
  facets: want('facets') || want('ridges'),
  ridges: want('ridges') ? { maxFacets: d > 3 ? 12 : Infinity } : false,
  margins: want('margins'),
  slopes: want('slopes'),
  ...(args.includes('--no-warm') ? { warmFacets: false } : {}),
  ...(want('point-ridges') && parts !== undefined ? { pointRidges: true } : {}),
  adjacency: false,
});
lap('lp tier (cells)');
const adjacency = facetAdjacencyOf(partition, undefined);
lap(
  `adjacency (${adjacency.candidates} candidates, ${adjacency.edges.length} edges, ${adjacency.certifiedByData} by data, ${adjacency.certifiedByPoint} by LP point, ${adjacency.exactLPs} exact LPs)`,
);
(g as { adjacency?: unknown }).adjacency = adjacency;
const sum: Record<string, number> = {};
let facets = 0;
let ridges = 0;
for (const c of g.cells) {
  facets += c.facets?.rows.length ?? 0;
  ridges += c.ridges?.ridges.length ?? 0;
  for (const [k, v] of Object.entries(c.facets?.stats ?? {})) sum[k] = (sum[k] ?? 0) + v;
  for (const p of c.pointRidges ?? []) {
    sum['pointPairs'] = (sum['pointPairs'] ?? 0) + p.ridges.pairs;
    sum['pointRidges'] = (sum['pointRidges'] ?? 0) + p.ridges.ridges.length;
  }
}
console.log(
  JSON.stringify({
    cells: g.cells.length,
    facets,
    ridges,
    edges: adjacency.edges.length,
    ...sum,
  }),
);
