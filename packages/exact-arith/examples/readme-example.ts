/**
 * The README example of @mlgeo/exact-arith (kept runnable: src/readme-example.test.ts executes it).
 * Run it with: npx tsx --conditions=@mlgeo/source packages/exact-arith/examples/readme-example.ts
 */
import {
  Rational,
  RationalField,
  SqrtRational,
  bareissDeterminant,
  determinant,
  rat,
  solve,
  toSpecJson,
} from '@mlgeo/exact-arith';

/** Runs the example and returns what it prints, line by line. */
export function readmeExample(): string[] {
  const out: string[] = [];

  // A JSON weight 0.1 is the double nearest to 1/10, converted exactly (SPEC §1) …
  const w = Rational.fromDouble(0.1);
  out.push(`0.1 as stored: ${w}`); // 3602879701896397/36028797018963968
  // … while the decimal string "0.1" means exactly 1/10.
  out.push(`"0.1" parsed: ${Rational.parse('0.1')}`); // 1/10
  out.push(`round trip exact: ${w.toNumber() === 0.1}`); // true

  // Exact arithmetic never rounds: 1/10 + 2/10 is 3/10, not 0.30000000000000004.
  out.push(`1/10 + 2/10 = ${rat('0.1').add(rat('0.2'))}`);

  // Face measures r·√q: the diagonal of the unit square, compared exactly by sign and r²q.
  const diagonal = SqrtRational.sqrt(rat(2));
  const half = SqrtRational.sqrt(rat(1, 2));
  out.push(`|diagonal| = ${diagonal}, √(1/2) = ${half}`); // sqrt(2), 1/2*sqrt(2)
  out.push(`√(1/2)·2 equals √2: ${half.mul(rat(2)).equals(diagonal)}`); // true
  out.push(`JSON: ${JSON.stringify(toSpecJson(half))}`);

  // Linear algebra over a Field<T>, and the fraction-free Bareiss kernel for integer matrices.
  const A = [
    [2, 1, 0],
    [1, 3, 1],
    [0, 1, 4],
  ];
  const exactA = A.map((row) => row.map((x) => rat(x)));
  out.push(`det (rational field) = ${determinant(RationalField, exactA)}`); // 18
  out.push(`det (Bareiss) = ${bareissDeterminant(A.map((row) => row.map(BigInt)))}`); // 18
  const x = solve(RationalField, exactA, [rat(1), rat(2), rat(3)])!;
  out.push(`solve A x = (1, 2, 3): x = (${x.join(', ')})`); // (1/3, 1/3, 2/3)
  return out;
}

// Print when run directly (not when imported by the test).
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of readmeExample()) console.log(line);
}
