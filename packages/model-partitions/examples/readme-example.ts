/**
 * README example of @mlgeo/model-partitions: SPEC §9 example D, a ReLU network 2→2→1→1 on the
 * unit square. Run: npx tsx --conditions=@mlgeo/source packages/model-partitions/examples/readme-example.ts
 */
import { Rational } from '@mlgeo/exact-arith';
import {
  type ReluMlpModel,
  dataHoldingPartition,
  facetAdjacency,
  locatePoint,
  partitionOf,
} from '@mlgeo/model-partitions';

/** Runs the example and returns what it prints, line by line. */
export function readmeExample(): string[] {
  const out: string[] = [];
  const r = (x: string) => Rational.parse(x); // "p/q" and decimals are exact
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

  // every activation region in the default domain [0,1]², in SPEC §2 order
  const partition = partitionOf(model, { predicates: 'exact' });
  for (const cell of partition.cells) {
    const vertices = cell.vertices!.map((v) => `(${v.join(', ')})`).join(' ');
    const out0 = cell.mlp!.output;
    out.push(`${cell.label}: ${vertices}; output ${out0.A[0]!.join('x + ')}y + ${out0.c[0]}`);
  }

  // the float-filtered path gives the same cells
  const float = partitionOf(model, { predicates: 'filtered' });
  out.push(
    `float path, same labels: ${float.cells.every((c, i) => c.label === partition.cells[i]!.label)}`,
  );

  // a point on the boundary y = 3/4 (x < 1/2): bit = 1 iff value > 0, so it goes to 010
  out.push(`(1/4, 3/4) is in cell ${locatePoint(partition, model, ['1/4', '3/4']).label}`);

  // data-holding cells of the SPEC §9 grid, and which of them share a facet
  const grid: string[][] = [];
  for (let a = 0; a < 10; a++)
    for (let b = 0; b < 10; b++) grid.push([`${2 * a + 1}/20`, `${2 * b + 1}/20`]);
  const data = dataHoldingPartition(model, grid);
  out.push(`data: ${data.cells.map((c) => `${c.label}=${c.dataCount}`).join(', ')}`);
  const adjacency = facetAdjacency(data);
  out.push(
    `facets: ${adjacency.edges.map((e) => `${data.cells[e.a]!.label}|${data.cells[e.b]!.label}`).join(', ')}`,
  );
  return out;
}

// Print when run directly (not when imported by the test).
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of readmeExample()) console.log(line);
}
