/**
 * Test support: the SPEC §9 worked examples A–D as model files in our JSON formats, and the 100
 * grid points ((2a+1)/20, (2b+1)/20) as CSV (exact decimals).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** SPEC §9 A–D as `mlgeo-*` JSON documents (exact numbers as strings). */
export const SPEC_MODELS = {
  A: {
    format: 'mlgeo-arrangement',
    version: 1,
    hyperplanes: [
      { w: [1, 0], c: '-1/2' },
      { w: [0, 1], c: '-1/2' },
    ],
  },
  B: {
    format: 'mlgeo-arrangement',
    version: 1,
    hyperplanes: [
      { w: [1, 0], c: '-1/2' },
      { w: [1, 1], c: -1 },
    ],
  },
  C: {
    format: 'mlgeo-tree',
    version: 1,
    inputDimension: 2,
    task: 'classification',
    nodes: [
      { feature: 0, threshold: '1/2', left: 1, right: 2 },
      { value: [1, 0] },
      { feature: 1, threshold: '1/2', left: 3, right: 4 },
      { value: [0, 1] },
      { value: [1, 0] },
    ],
  },
  D: {
    format: 'mlgeo-mlp',
    version: 1,
    layers: [
      {
        weights: [
          [1, 0],
          [0, 1],
        ],
        bias: ['-1/2', '1/4'],
      },
      { weights: [[1, 1]], bias: [-1] },
      { weights: [[1]], bias: ['-1/8'] },
    ],
  },
} as const;

/** The SPEC §9 data: the 100 grid points as CSV with header `x,y`. */
/** A 2→3→2 ReLU net with two outputs (argmax classes), used by verify's tests and fuzz. */
export const TWO_OUTPUT_MLP = {
  format: 'mlgeo-mlp',
  version: 1,
  inputDimension: 2,
  layers: [
    {
      weights: [
        [1, -1],
        [2, 1],
        [-1, 3],
      ],
      bias: ['1/4', '-1', '-1/2'],
      activation: 'relu',
    },
    {
      weights: [
        [1, -1, 1],
        [0, 1, -1],
      ],
      bias: [0, '1/3'],
      activation: 'linear',
    },
  ],
};

export function gridCsv(): string {
  const lines = ['x,y'];
  for (let a = 0; a < 10; a++) {
    for (let b = 0; b < 10; b++) {
      // (2a+1)/20 = 0.05, 0.15, …, 0.95 written as exact decimals
      const x = String((2 * a + 1) * 5).padStart(2, '0');
      const y = String((2 * b + 1) * 5).padStart(2, '0');
      lines.push(`0.${x},0.${y}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** Writes A.json … D.json and grid.csv into `dir`. */
export function writeSpecFiles(dir: string): void {
  for (const [name, model] of Object.entries(SPEC_MODELS)) {
    writeFileSync(join(dir, `${name}.json`), JSON.stringify(model, null, 2));
  }
  writeFileSync(join(dir, 'grid.csv'), gridCsv());
}
