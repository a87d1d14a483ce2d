/**
 * LP timing script (not a test): `npx tsx --conditions=@mlgeo/source tools/bench/lp-bench.ts`.
 * Random bounded feasible LPs: rows a_i uniform in [−1, 1]^d with 3 decimals, b_i = a_i·x0 + s_i,
 * s_i in (0, 1], plus the box |x_j| ≤ 10; objective random. Seeded (mulberry32).
 */
import { Float64Field, Rational, RationalField, seededRandom } from '@mlgeo/exact-arith';
import { solveLP, type LPKernel, type LPProblem } from '@mlgeo/exact-polytope';

/** A random LP with decimal data (3 digits), as exact rationals. */
export function randomLP(d: number, m: number, seed: number): LPProblem<Rational> {
  const rnd = seededRandom(seed);
  const dec = () => Rational.of(Math.round((rnd() * 2 - 1) * 1000), 1000);
  const x0 = Array.from({ length: d }, dec);
  const A: Rational[][] = [];
  const b: Rational[] = [];
  for (let i = 0; i < m; i++) {
    const a = Array.from({ length: d }, dec);
    let s = Rational.of(Math.round(rnd() * 999) + 1, 1000);
    a.forEach((v, j) => (s = s.add(v.mul(x0[j]!))));
    A.push(a);
    b.push(s);
  }
  for (let j = 0; j < d; j++) {
    for (const sgn of [1, -1]) {
      A.push(Array.from({ length: d }, (_, k) => Rational.fromBigInt(k === j ? BigInt(sgn) : 0n)));
      b.push(Rational.fromBigInt(10n));
    }
  }
  return { objective: Array.from({ length: d }, dec), A, b, sense: 'max' };
}

function toFloat(p: LPProblem<Rational>): LPProblem<number> {
  return {
    objective: p.objective.map((v) => v.toNumber()),
    A: p.A.map((r) => r.map((v) => v.toNumber())),
    b: p.b.map((v) => v.toNumber()),
    sense: p.sense ?? 'max',
  };
}

function time(label: string, reps: number, f: () => unknown): void {
  f();
  const t0 = performance.now();
  let last: unknown;
  for (let i = 0; i < reps; i++) last = f();
  const ms = (performance.now() - t0) / reps;
  const r = last as { status: string; pivots: number; value?: { toString(): string } };
  console.log(`${label}: ${ms.toFixed(3)} ms/LP (${r.status}, ${r.pivots} pivots)`);
}

const slowKernels = process.argv.includes('--all');
for (const [d, m, reps] of [
  [2, 8, 2000],
  [8, 60, 50],
  [64, 200, 3],
] as const) {
  const p = randomLP(d, m, 12345 + d);
  const pf = toFloat(p);
  console.log(`d = ${d}, ${m} random rows + ${2 * d} box rows`);
  const kernels: LPKernel[] =
    d < 64 || slowKernels ? ['certified', 'bareiss', 'field'] : ['certified'];
  for (const kernel of kernels) {
    time(`  exact ${kernel}`, reps, () => solveLP(RationalField, p, { kernel }));
  }
  time('  float64 (Float64Array)', reps * 5, () => solveLP(Float64Field, pf));
  // infeasible variant: add Σ x_j ≥ 11·d, beyond the box |x_j| ≤ 10
  const pi: LPProblem<Rational> = {
    ...p,
    A: [...p.A, p.objective.map(() => Rational.MINUS_ONE)],
    b: [...p.b, Rational.fromBigInt(BigInt(-11 * d))],
  };
  time('  exact certified, infeasible variant', reps, () => solveLP(RationalField, pi));
  time('  float64 (generic field)', reps, () => solveLP(Float64Field, pf, { kernel: 'field' }));
}
