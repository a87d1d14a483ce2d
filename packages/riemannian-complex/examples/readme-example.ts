/**
 * README example: SPEC §9 example B (arrangement x − 1/2, x + y − 1 on the unit square) as a
 * Riemannian complex. Run: npx tsx --conditions=@mlgeo/source packages/riemannian-complex/examples/readme-example.ts
 */
import { Polytope } from '@mlgeo/exact-polytope';
import { buildComplex, complexToJson, verify, type PartitionLike } from '@mlgeo/riemannian-complex';

/** Runs the example and returns what it prints, line by line. */
export function readmeExample(): string[] {
  const square = {
    A: [
      [-1, 0],
      [1, 0],
      [0, -1],
      [0, 1],
    ],
    b: [0, 1, 0, 1],
  };
  const cell = (rows: [number[], string | number][]) =>
    Polytope.fromHRep(
      [...square.A, ...rows.map((r) => r[0])],
      [...square.b, ...rows.map((r) => r[1])],
    );
  // labels per SPEC §2: bit j = 1 iff h_j(x) > 0, cells in label order
  const partition: PartitionLike = {
    domain: Polytope.fromHRep(square.A, square.b),
    complete: true,
    cells: [
      {
        label: '00',
        polytope: cell([
          [[1, 0], '1/2'],
          [[1, 1], 1],
        ]),
      },
      {
        label: '01',
        polytope: cell([
          [[1, 0], '1/2'],
          [[-1, -1], -1],
        ]),
      },
      {
        label: '10',
        polytope: cell([
          [[-1, 0], '-1/2'],
          [[1, 1], 1],
        ]),
      },
      {
        label: '11',
        polytope: cell([
          [[-1, 0], '-1/2'],
          [[-1, -1], -1],
        ]),
      },
    ],
  };

  const out: string[] = [];
  const c = buildComplex(partition); // adjacency complex, `centroid` edge lengths
  out.push(`f-vector: (${c.fVector.join(', ')})`);
  out.push(
    `edges: ${c.simplices[1]!.map(([i, j]) => `${c.cells[i!]!.label}|${c.cells[j!]!.label}`).join(' ')}`,
  );
  out.push(`shared faces: ${c.sharedFaces.map((f) => f.volume.toString()).join(', ')}`);
  out.push(`M_0: ${c.metric.M0.map(String).join(', ')}`);
  out.push(`M_1 (centroid): ${c.metric.M1.map(String).join(', ')}`);
  const centre = c.ridges!.find((r) => r.point.every((x) => x.toString() === '1/2'))!;
  out.push(`cos θ at (1/2, 1/2): ${centre.angles.map((a) => a.cos.toString()).join(', ')}`);
  out.push(`Σθ = ${(centre.sum / Math.PI).toFixed(12)}·π`);
  out.push(`B_1 = ${JSON.stringify(c.boundaryDense(1))}`);
  out.push(`nerve f-vector: (${buildComplex(partition, { kind: 'nerve' }).fVector.join(', ')})`);
  out.push(
    `self-checks: ${verify(c)
      .map((r) => `${r.name} ${r.ok ? 'ok' : 'FAILED'}`)
      .join(', ')}`,
  );
  const json = complexToJson(c);
  out.push(
    `JSON: schema ${json.schema} v${json.version}, M_1[0] = ${JSON.stringify(json.metric!.M1[0])}`,
  );
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`)
  for (const line of readmeExample()) console.log(line);
