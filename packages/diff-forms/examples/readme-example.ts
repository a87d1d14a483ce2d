/**
 * README example: pullbacks, layer volumes and the layer-wise refinement of SPEC §9 D (the ReLU MLP
 * 2→2→1→1 on the unit square), and a few training steps with the angle penalty.
 * Run: npx tsx --conditions=@mlgeo/source packages/diff-forms/examples/readme-example.ts
 */
import {
  cellLayerMaps,
  initMlp,
  layerRefinement,
  layerVolume,
  networkPenalty,
  pullbackHyperplane,
  trainMlp,
} from '@mlgeo/diff-forms';
import { Rational, RationalField } from '@mlgeo/exact-arith';
import { type ReluMlpModel, partitionOf } from '@mlgeo/model-partitions';

/** Runs the example and returns what it prints, line by line. */
export function readmeExample(): string[] {
  const r = (v: string) => Rational.parse(v);
  const model: ReluMlpModel = {
    kind: 'mlp',
    inputDimension: 2,
    layers: [
      {
        weights: [
          [r('1'), r('0')],
          [r('0'), r('1')],
        ],
        bias: [r('-1/2'), r('1/4')],
      },
      { weights: [[r('1'), r('1')]], bias: [r('-1')] },
      { weights: [[r('1')]], bias: [r('-1/8')] },
    ],
  };
  const out: string[] = [];
  for (const cell of partitionOf(model).cells) {
    const [h1] = cellLayerMaps(cell);
    // the layer-2 unit {h_1 + h_2 − 1 = 0} seen in input space
    const plane = pullbackHyperplane(
      RationalField,
      { A: h1!.J, c: h1!.offset },
      model.layers[1]!.weights[0]!,
      model.layers[1]!.bias[0]!,
    );
    const volume = layerVolume(h1!.J, cell.polytope.volume());
    out.push(
      `cell ${cell.label}: layer-2 line ${plane.w.join('·x + ')}·y + ${plane.c} = 0, layer-1 volume ${volume}`,
    );
  }
  const levels = layerRefinement(model);
  out.push(
    `P_1: ${levels[0]!.partition.cells.map((c) => c.label).join(' ')}; children ${JSON.stringify(levels[0]!.children)}`,
  );
  out.push(`complex of P_2: f-vector ${levels[1]!.complex().fVector.join(', ')}`);

  // training: 50 steps on a toy problem with the angle hinge (θ_min = 45°)
  const points = Array.from({ length: 64 }, (_, i) => [
    (i % 8) / 8 + 1 / 16,
    Math.floor(i / 8) / 8 + 1 / 16,
  ]);
  const labels = points.map(([x, y]) => (x! + y! > 1 ? 1 : 0));
  const angle = { kind: 'angle' as const, thetaMin: Math.PI / 4 };
  for (const weight of [0, 0.5]) {
    const net = initMlp(1, [2, 6, 1]);
    trainMlp(
      net,
      { points, labels },
      { epochs: 50, learningRate: 0.02, penalty: { ...angle, weight } },
    );
    out.push(
      `trained with penalty weight ${weight}: angle penalty ${networkPenalty(net, angle).value.toFixed(3)}`,
    );
  }
  if (levels[1]!.complex().fVector.join() !== '4,4')
    throw new Error('SPEC §9 D: the complex is a 4-cycle');
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`)
  for (const line of readmeExample()) console.log(line);
