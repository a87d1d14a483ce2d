/**
 * The bundled noisy two-moons set (moons-noisy.csv, written by make-moons.ts), split into its
 * train and test rows: read by the worked example and the regularization benchmarks.
 */
import { readFileSync } from 'node:fs';

export interface MoonsData {
  points: number[][];
  labels: number[];
}

export function readMoons(): { train: MoonsData; test: MoonsData } {
  const text = readFileSync(new URL('./moons-noisy.csv', import.meta.url), 'utf8');
  const train: MoonsData = { points: [], labels: [] };
  const test: MoonsData = { points: [], labels: [] };
  for (const line of text.trim().split('\n').slice(1)) {
    const [x, y, label, split] = line.split(',');
    const set = split === 'train' ? train : test;
    set.points.push([Number(x), Number(y)]);
    set.labels.push(Number(label));
  }
  return { train, test };
}
