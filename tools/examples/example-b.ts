/**
 * SPEC §9 example B on the unit square: the arrangement h_1 = x − 1/2, h_2 = x + y − 1.
 * Prints each cell's label, vertices and exact area (the interim `npm start` of issue 2).
 */
import { Rational } from '@mlgeo/exact-arith';
import { Polytope } from '@mlgeo/exact-polytope';

const half = Rational.of(1, 2);
// domain [0,1]² as A x ≤ b
const domainA = [
  [-1, 0],
  [1, 0],
  [0, -1],
  [0, 1],
];
const domainB = [0, 1, 0, 1];
const hyperplanes = [
  { w: [1, 0], c: half.neg() },
  { w: [1, 1], c: Rational.MINUS_ONE },
];

export function exampleBCells(): { label: string; polytope: Polytope }[] {
  const cells: { label: string; polytope: Polytope }[] = [];
  for (const label of ['00', '01', '10', '11']) {
    const A = domainA.map((row) => row.map((v) => Rational.from(v)));
    const b = domainB.map((v) => Rational.from(v));
    hyperplanes.forEach(({ w, c }, j) => {
      // bit 1: h_j(x) ≥ 0  ⇔  −w·x ≤ c ; bit 0: h_j(x) ≤ 0  ⇔  w·x ≤ −c  (closed cells, SPEC §2)
      const positive = label[j] === '1';
      A.push(w.map((v) => Rational.from(positive ? -v : v)));
      b.push(positive ? c : c.neg());
    });
    const polytope = Polytope.fromHRep(A, b);
    if (polytope.dimension() === 2) cells.push({ label, polytope });
  }
  return cells;
}

function main(): void {
  console.log('SPEC §9 example B: h1 = x − 1/2, h2 = x + y − 1 on [0,1]²');
  let total = Rational.ZERO;
  for (const { label, polytope } of exampleBCells()) {
    const area = polytope.volume();
    total = total.add(area);
    const vertices = polytope
      .vertices()
      .map((v) => `(${v.map((x) => x.toString()).join(', ')})`)
      .join(' ');
    console.log(`cell ${label}  area ${area.toString().padEnd(4)}  vertices ${vertices}`);
  }
  console.log(`sum of areas: ${total.toString()} (domain area 1)`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
