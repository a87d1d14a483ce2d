/**
 * The embedded example of `npm start`: the two-moons CSV and a 2→8→8→1 ReLU MLP trained on it,
 * as the exact text of the committed files packages/cli/examples/moons.csv and moons-mlp.json.
 * `npx tsx --conditions=@mlgeo/source packages/cli/src/example/write-example.ts` rewrites them; a test
 * checks the committed files equal this output byte for byte.
 */
import { makeMoons, moonsToCsv } from './moons.js';
import { evaluateMlp, trainReluMlp, type FloatLayer } from './train.js';

/** Training settings of the example (changing any of them changes the committed files). */
export const EXAMPLE_TRAINING = {
  dataSeed: 20260801,
  points: 200,
  sizes: [2, 8, 8, 1],
  seed: 7,
  iterations: 2000,
  learningRate: 0.1,
} as const;

/** The example's files as text, and the training accuracy. */
export interface ExampleFiles {
  csv: string;
  modelJson: string;
  layers: FloatLayer[];
  accuracy: number;
}

/** Our `mlgeo-mlp` JSON for float64 layers: weights as JSON numbers (converted exactly, SPEC §1). */
export function mlpToJson(layers: readonly FloatLayer[], description: string): string {
  const doc = {
    format: 'mlgeo-mlp',
    version: 1,
    description,
    inputDimension: layers[0]!.weights[0]!.length,
    layers: layers.map((layer, l) => ({
      weights: layer.weights,
      bias: layer.bias,
      activation: l < layers.length - 1 ? 'relu' : 'linear',
    })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

/** Generates the data, trains the MLP and serialises both (about one second). */
export function buildExampleFiles(): ExampleFiles {
  const t = EXAMPLE_TRAINING;
  const points = makeMoons(t.points, t.dataSeed);
  const layers = trainReluMlp(
    points.map((p) => p.x),
    points.map((p) => (p.label === 1 ? 1 : -1)),
    { sizes: [...t.sizes], seed: t.seed, iterations: t.iterations, learningRate: t.learningRate },
  );
  const correct = points.filter(
    (p) => (evaluateMlp(layers, p.x)[0]! > 0 ? 1 : 0) === p.label,
  ).length;
  const description =
    `ReLU MLP ${t.sizes.join('→')} trained on moons.csv (output > 0 means class 1): ` +
    `full-batch gradient descent on squared error to ±1, mulberry32 seed ${t.seed}, ` +
    `${t.iterations} steps, learning rate ${t.learningRate}; training accuracy ${correct}/${points.length}.`;
  return {
    csv: moonsToCsv(points),
    modelJson: mlpToJson(layers, description),
    layers,
    accuracy: correct / points.length,
  };
}
