/**
 * Performance check of @mlgeo/riemannian-complex (issue 3): a random arrangement of 55 lines in
 * [−1,1]² (997 cells) — complex, shared face volumes and dihedral angles well under 2 s of CPU — and
 * 18 random planes through the unit cube. Moved out of `npm test` (CPU time depends on the machine);
 * the measured numbers go into packages/riemannian-complex/README.md. Exits 1 when a bound fails.
 *
 * Run: npx tsx --conditions=@mlgeo/source tools/bench/complex-perf.ts
 */
import { seededRandom } from '@mlgeo/exact-arith';
import { buildComplex, verify } from '@mlgeo/riemannian-complex';
import {
  arrangementPartition,
  boxRows,
  randomLines,
} from '../../packages/riemannian-complex/src/partitions.test-helper.js';

/** Records a failed bound (the script exits 1) and says which. */
function expectThat(ok: boolean, what: string): void {
  if (ok) return;
  console.error(`FAILED: ${what}`);
  process.exitCode = 1;
}

type Partition = ReturnType<typeof arrangementPartition>;

/**
 * Times the per-cell SPEC §3 data (facets, vertices, volume, centroid: exact-polytope's part, usually
 * computed by the partition builder, so timed apart) and then `buildComplex` with the `unit` metric.
 */
function timedBuild(p: Partition) {
  const tp = performance.now();
  for (const cell of p.cells) {
    cell.polytope.facets();
    cell.polytope.incidence();
    cell.polytope.volume();
    cell.polytope.centroid();
  }
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const c = buildComplex(p, { edgeLength: 'unit' });
  void c.metric;
  const cpuMs = process.cpuUsage(cpu0).user / 1000;
  const t1 = performance.now();
  return { c, cpuMs, cellDataMs: t0 - tp, buildMs: t1 - t0 };
}

// CPU time, not wall time: CI and this machine are shared (load averages far above the 2 cores).
{
  // adjacency complex + shared faces + angles of 55 random lines in [−1,1]² in < 2 s
  const p = arrangementPartition(boxRows([-1, -1], [1, 1]), randomLines(55, 7));
  expectThat(p.cells.length > 900, `more than 900 cells (got ${p.cells.length})`);
  const { c, cpuMs, cellDataMs, buildMs } = timedBuild(p);
  const t1 = performance.now();
  const again = buildComplex(p, { edgeLength: 'unit' });
  void again.metric;
  const t2 = performance.now();
  const exact = buildComplex(p, { edgeLength: 'centroid' });
  void exact.metric;
  const t3 = performance.now();
  const checks = verify(c);
  const t4 = performance.now();
  console.log(
    `[perf] ${p.cells.length} cells, ${c.fVector[1]} edges, ${c.ridges!.length} ridges: ` +
      `per-cell polytope data ${cellDataMs.toFixed(0)} ms, ` +
      `build (unit, first call) ${buildMs.toFixed(0)} ms wall / ${cpuMs.toFixed(0)} ms CPU, ` +
      `repeated ${(t2 - t1).toFixed(0)} ms, ` +
      `with exact centroid M_1 ${(t3 - t2).toFixed(0)} ms, verify ${(t4 - t3).toFixed(0)} ms`,
  );
  for (const r of checks) expectThat(r.ok, `${r.name}: ${r.detail}`);
  expectThat(cpuMs < 2000, `2-D build under 2000 ms CPU (${cpuMs} ms)`);
}

{
  // 3-D: 18 random planes through the unit cube (348 cells): complex + faces + angles
  const r = seededRandom(5);
  const planes = Array.from({ length: 18 }, () => {
    const w: number[] = [0, 1, 2].map(() => Math.round(r() * 10 - 5));
    if (!w.some((x) => x !== 0)) w[0] = 1;
    const q = [0, 1, 2].map(() => Math.round(r() * 14 + 1) / 16);
    return { w, c: -(w[0]! * q[0]! + w[1]! * q[1]! + w[2]! * q[2]!) };
  });
  const p = arrangementPartition(boxRows([0, 0, 0], [1, 1, 1]), planes);
  const { c, cpuMs, cellDataMs, buildMs } = timedBuild(p);
  const t1 = performance.now();
  const checks = verify(c);
  const t2 = performance.now();
  console.log(
    `[perf-3d] ${p.cells.length} cells, ${c.fVector[1]} edges, ${c.ridges!.length} ridges: ` +
      `per-cell polytope data ${cellDataMs.toFixed(0)} ms, build ${buildMs.toFixed(0)} ms wall / ` +
      `${cpuMs.toFixed(0)} ms CPU, verify ${(t2 - t1).toFixed(0)} ms`,
  );
  for (const x of checks) expectThat(x.ok, `${x.name}: ${x.detail}`);
  expectThat(cpuMs < 5000, `3-D build under 5000 ms CPU (${cpuMs} ms)`);
}
