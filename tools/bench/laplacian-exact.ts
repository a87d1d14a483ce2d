/**
 * Issue 13: the largest complex whose order-1 spline is solved exactly (over the rationals) within
 * 10 s of CPU. Input: k × k grid graphs (the adjacency complex of a k × k box partition) with
 * seeded random rational weights M0 = a/8, M1 = b/8 (a, b ∈ 1…16), 70 % of cells observed, y
 * random integers, λ = 1; k grows by ×√2 until a solve takes more than 10 s.
 *
 * Usage: npx tsx --conditions=@mlgeo/source tools/bench/laplacian-exact.ts [--limit 10]
 */
import { CsrMatrix, Rational, RationalField, seededRandom } from '@mlgeo/exact-arith';
import { simplicialSpline, weightedComplex } from '@mlgeo/laplacian-splines';

const args = process.argv.slice(2);
const li = args.indexOf('--limit');
const limit = li >= 0 ? Number(args[li + 1]) : 10;
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

function grid(k: number, seed: number) {
  const rand = seededRandom(seed);
  const n = k * k;
  const triplets: { row: number; col: number; value: Rational }[] = [];
  let e = 0;
  for (let r = 0; r < k; r++)
    for (let c = 0; c < k; c++) {
      const v = r * k + c;
      for (const u of [c + 1 < k ? v + 1 : -1, r + 1 < k ? v + k : -1]) {
        if (u < 0) continue;
        triplets.push({ row: v, col: e, value: Rational.MINUS_ONE });
        triplets.push({ row: u, col: e, value: Rational.ONE });
        e++;
      }
    }
  const w = () => Rational.of(1 + Math.floor(rand() * 16), 8);
  const B1 = CsrMatrix.fromTriplets(RationalField, n, e, triplets);
  const complex = weightedComplex(
    RationalField,
    [B1],
    [Array.from({ length: n }, w), Array.from({ length: e }, w)],
  );
  const y = Array.from({ length: n }, () => Rational.of(Math.floor(rand() * 21) - 10));
  const mask = Array.from({ length: n }, () => rand() < 0.7);
  return { complex, y, mask };
}

console.log('| cells | edges | exact solve CPU s | max denominator digits |');
console.log('| ---: | ---: | ---: | ---: |');
let best = 0;
for (let k = 8; ; k = Math.round(k * Math.SQRT2)) {
  const { complex, y, mask } = grid(k, k);
  const t = cpu();
  const r = simplicialSpline(complex, y, { mask, lambda: 1 });
  const s = cpu() - t;
  const digits = Math.max(...(r.values as Rational[]).map((v) => v.den.toString().length));
  console.log(`| ${k * k} | ${complex.counts[1]} | ${s.toFixed(2)} | ${digits} |`);
  if (s > limit) break;
  best = k * k;
}
console.log(`\nlargest complex solved exactly within ${limit} s: ${best} cells`);
