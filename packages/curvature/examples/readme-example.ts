/**
 * README example: curvature of SPEC §9 example C (a decision tree on the unit square, 50/25/25
 * points). Run: npx tsx --conditions=@mlgeo/source packages/curvature/examples/readme-example.ts
 */
import { complexForman, complexOllivier, complexVertexCurvature } from '@mlgeo/curvature';
import { Polytope } from '@mlgeo/exact-polytope';
import { buildComplex, type PartitionLike } from '@mlgeo/riemannian-complex';

/** Runs the example and returns what it prints, line by line. */
export function readmeExample(): string[] {
  const box = (x0: string, x1: string, y0: string, y1: string) =>
    Polytope.fromHRep(
      [
        [-1, 0],
        [1, 0],
        [0, -1],
        [0, 1],
      ],
      [`-${x0}`, x1, `-${y0}`, y1],
    );
  const partition: PartitionLike = {
    domain: box('0', '1', '0', '1'),
    complete: true,
    cells: [
      { label: '1', polytope: box('0', '1/2', '0', '1'), dataCount: 50 },
      { label: '3', polytope: box('1/2', '1', '0', '1/2'), dataCount: 25 },
      { label: '4', polytope: box('1/2', '1', '1/2', '1'), dataCount: 25 },
    ],
  };
  const complex = buildComplex(partition);
  const out: string[] = [];
  // Ollivier: hop metric, lazy walk α = 1/2, exact W_1 with a checked certificate per edge
  const ollivier = complexOllivier(complex, { mode: 'exact' });
  out.push(`edges: ${complex.simplices[1]!.map((e) => e.join('-')).join(' ')}`);
  out.push(`Ollivier κ (exact): ${ollivier.exact!.kappa.map(String).join(', ')}`);
  out.push(`certified W_1: ${ollivier.exact!.certified} of ${ollivier.kappa.length}`);
  out.push(
    `Forman: ${complexForman(complex)
      .map((x) => x.toFixed(6))
      .join(', ')}`,
  );
  out.push(
    `augmented Forman: ${complexForman(complex, { variant: 'augmented' })
      .map((x) => x.toFixed(6))
      .join(', ')}`,
  );
  out.push(
    `vertex κ (M_1-weighted mean): ${complexVertexCurvature(complex)
      .map((x) => x!.toFixed(6))
      .join(', ')}`,
  );
  if (ollivier.exact!.kappa.map(String).join() !== '3/4,3/4,2/3')
    throw new Error('SPEC §9 C: κ(1,3) = κ(1,4) = 3/4, κ(3,4) = 2/3');
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`)
  for (const line of readmeExample()) console.log(line);
