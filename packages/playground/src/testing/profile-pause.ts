import { loadavg } from 'node:os';
import { Rational } from '@mlgeo/exact-arith';
import { boxHRep } from '@mlgeo/exact-polytope';
import { partitionOf, dataHoldingPartition } from '@mlgeo/model-partitions';
import { readModelBytes } from '@mlgeo/model-readers';
import { buildComplex, verify } from '@mlgeo/riemannian-complex';
import { readPoints } from '@mlgeo/cli/browser';
import { datasetToCsv, makeDataset } from '../datasets.js';
import { adamState, adamStep, initMlp, mlpToJson } from '../mlp.js';

const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const data = makeDataset('spirals', { count: 200, noise: 0.05, seed: 1 });
const mlp = initMlp([2, 32, 32, 1], 3);
const adam = adamState(mlp);
for (let i = 0; i < Number(process.argv[2] ?? 300); i++) adamStep(mlp, adam, data.x, data.labels, 0.01);
const enc = new TextEncoder();
const bytes = enc.encode(mlpToJson(mlp, 'bench'));
const csv = datasetToCsv(data);
for (let r = 0; r < 3; r++) {
  const t: [string, number][] = [];
  let t0 = cpu();
  const lap = (s: string) => { const n = cpu(); t.push([s, Math.round(n - t0)]); t0 = n; };
  const read = await readModelBytes('m.json', bytes);
  const model = read.model;
  const points = readPoints(csv, 'd.csv', 2);
  lap('read');
  const { A, b } = boxHRep([Rational.ZERO, Rational.ZERO], [Rational.ONE, Rational.ONE]);
  const domain = { kind: 'hrep' as const, A, b };
  for (const predicates of ['filtered', 'exact'] as const) {
    const p = partitionOf(model, { domain, predicates });
    lap(`${predicates}:partition`);
    const cx = buildComplex(p, { kind: 'adjacency', edgeLength: 'centroid', angles: true });
    lap('complex');
    cx.cells.map((c) => c.volume.toString());
    lap('cell-volumes');
    cx.sharedFaces.map((f) => f.volume.toString());
    lap('face-volumes');
    (cx.ridges ?? []).flatMap((rr) => rr.angles.map((a) => a.cos.toString()));
    lap('cos');
    const located = dataHoldingPartition(model, points.points, { domain, predicates, keepIndices: false });
    lap('data');
    verify(cx);
    lap('verify');
  }
  console.log( t.map(([s, v]) => `${s} ${v}`).join(', ') + ` load ${loadavg()[0]!.toFixed(1)}`);
}
