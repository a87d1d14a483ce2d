/**
 * CPU time (process.cpuUsage) of one 128² live-view frame of a trained 2→16→16→1 net: the scanline
 * raster (raster.ts) against the per-pixel one (raster-per-pixel.ts), alternating, 20 frames each.
 * Run: npx tsx --conditions=@mlgeo/source packages/playground/src/testing/bench-raster.ts [rounds]
 */
import { loadavg } from 'node:os';
import { makeDataset } from '../datasets.js';
import { adamState, adamStep, initMlp } from '../mlp.js';
import { rasterPatterns } from '../raster.js';
import { rasterPatternsPerPixel } from './raster-per-pixel.js';

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const data = makeDataset('moons', { count: 200, noise: 0.05, seed: 1 });
const mlp = initMlp([2, 16, 16, 1], 1);
const adam = adamState(mlp);
for (let i = 0; i < 300; i++) adamStep(mlp, adam, data.x, data.labels, 0.02);
const size = { width: 128, height: 128 };
for (let r = 0; r < Number(process.argv[2] ?? 3); r++) {
  let t = cpu();
  for (let i = 0; i < 20; i++) rasterPatterns(mlp, size);
  const scan = (cpu() - t) / 20;
  t = cpu();
  for (let i = 0; i < 20; i++) rasterPatternsPerPixel(mlp, size);
  const pixel = (cpu() - t) / 20;
  console.log(
    `round ${r + 1}: scanline ${scan.toFixed(2)} ms, per pixel ${pixel.toFixed(2)} ms CPU per frame ` +
      `(${(pixel / scan).toFixed(1)}×); load ${loadavg()[0]!.toFixed(1)}`,
  );
}
