/**
 * Writes moons-noisy.csv, the bundled data set of `npm run example:regularize`: two interleaving
 * half-moons with Gaussian noise (σ = 0.1 in the unit square), 400 points, seed 2026, scaled into
 * [0.02, 0.98]². Column `split` puts every other point in the test set. The noise is large enough
 * that no classifier reaches 100 % accuracy. Run: npx tsx --conditions=@mlgeo/source <this file>.
 */
import { writeFileSync } from 'node:fs';
import { seededRandom } from '@mlgeo/exact-arith';

const rnd = seededRandom(2026);
const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
const rows = ['x,y,label,split'];
for (let i = 0; i < 400; i++) {
  const label = i % 2;
  const t = Math.PI * rnd();
  // moon 0: upper arc centred at (0, 0); moon 1: lower arc centred at (1, 0.5); then noise
  let x = label === 0 ? Math.cos(t) : 1 - Math.cos(t);
  let y = label === 0 ? Math.sin(t) : 0.5 - Math.sin(t);
  // into the unit square: x ∈ [−1, 2] → [0.02, 0.98], y ∈ [−0.5, 1] → same
  x = 0.02 + ((x + 1) / 3) * 0.96 + 0.1 * gauss();
  y = 0.02 + ((y + 0.5) / 1.5) * 0.96 + 0.1 * gauss();
  x = Math.min(0.98, Math.max(0.02, x));
  y = Math.min(0.98, Math.max(0.02, y));
  rows.push(
    `${x.toFixed(6)},${y.toFixed(6)},${label},${Math.floor(i / 2) % 2 === 0 ? 'train' : 'test'}`,
  );
}
writeFileSync(new URL('./moons-noisy.csv', import.meta.url), rows.join('\n') + '\n');
console.log(`wrote ${rows.length - 1} points`);
