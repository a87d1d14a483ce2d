/**
 * exact-arith kernel benchmark (not part of the test suite).
 *
 * Seeded random integer matrices n = 4, 8, 16, 32 (entries uniform in [-99, 99]); per size, the
 * median time of one determinant by
 *   - `bareissDeterminant` (fraction-free BigInt elimination),
 *   - `eliminationDeterminant(RationalField, …)` (Gaussian forward elimination on normalised BigInt
 *     rationals; `determinant(RationalField, …)` now dispatches to Bareiss instead),
 *   - `rref(RationalField, …).det` (the generic Gauss–Jordan reduction, the pre-optimisation path),
 *   - the same forward elimination on fraction.js fractions,
 * then, on matrices with rational entries p/q (|p| ≤ 99, 1 ≤ q ≤ 9), `determinant(RationalField)`
 * (rows scaled to integers + Bareiss) against `eliminationDeterminant`;
 * plus `Rational.add` with Knuth's gcd trick against the naive add-then-reduce, and `toNumber`.
 * All methods run in-process on the same matrices and must agree on every determinant.
 *
 * Run: npx tsx --conditions=@mlgeo/source tools/bench/arith-bench.ts [--quick] [--markdown]
 */
import Fraction from 'fraction.js';
import {
  Rational,
  RationalField,
  bareissDeterminant,
  determinant,
  eliminationDeterminant,
  rref,
  seededRandom,
} from '@mlgeo/exact-arith';

const quick = process.argv.includes('--quick');
const markdown = process.argv.includes('--markdown');

function randomIntMatrix(n: number, rand: () => number): bigint[][] {
  return Array.from({ length: n }, () =>
    Array.from({ length: n }, () => BigInt(Math.floor(rand() * 199) - 99)),
  );
}

/** Determinant by forward elimination on fraction.js values (same algorithm as ours). */
function fractionDeterminant(m: bigint[][]): Fraction {
  const n = m.length;
  const a = m.map((row) => row.map((x) => new Fraction(x)));
  let det = new Fraction(1);
  for (let c = 0; c < n; c++) {
    let p = c;
    while (p < n && a[p]![c]!.equals(0)) p++;
    if (p === n) return new Fraction(0);
    if (p !== c) {
      [a[c], a[p]] = [a[p]!, a[c]!];
      det = det.neg();
    }
    const pivotRow = a[c]!;
    const pivot = pivotRow[c]!;
    det = det.mul(pivot);
    for (let i = c + 1; i < n; i++) {
      const row = a[i]!;
      if (row[c]!.equals(0)) continue;
      const f = row[c]!.div(pivot);
      for (let j = c + 1; j < n; j++) row[j] = row[j]!.sub(f.mul(pivotRow[j]!));
    }
  }
  return det;
}

/** Milliseconds per call of f, calling it repeatedly for at least `minMs`. */
function batch(f: () => void, minMs: number): number {
  let calls = 0;
  const start = performance.now();
  let elapsed: number;
  do {
    f();
    calls++;
    elapsed = performance.now() - start;
  } while (elapsed < minMs);
  return elapsed / calls;
}

/**
 * Median milliseconds per call of each function. The functions are timed round-robin, one batch
 * each per round, so that load changes on a shared machine hit all of them alike and the ratios
 * stay meaningful even when absolute times drift.
 */
function timeAll(fs: (() => void)[], minMs: number, rounds: number): number[] {
  for (const f of fs) batch(f, minMs); // warm-up: let the JIT compile everything first
  const samples: number[][] = fs.map(() => []);
  for (let r = 0; r < rounds; r++) fs.forEach((f, i) => samples[i]!.push(batch(f, minMs)));
  return samples.map((xs) => {
    xs.sort((x, y) => x - y);
    return xs[Math.floor(xs.length / 2)]!;
  });
}

const fmt = (ms: number) => (ms < 0.1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`);
const ratio = (x: number) => `${x.toFixed(1)}×`;

interface Row {
  n: number;
  bareiss: number;
  gauss: number;
  gaussJordan: number;
  fraction: number;
  bits: number;
}

const sizes = quick ? [4, 8, 16] : [4, 8, 16, 32];
const matricesPerSize = quick ? 3 : 5;
const minMs = quick ? 20 : 150;
const batches = quick ? 3 : 7;
const rows: Row[] = [];

for (const n of sizes) {
  const rand = seededRandom(20261124 + n);
  const mats = Array.from({ length: matricesPerSize }, () => randomIntMatrix(n, rand));
  const ratMats = mats.map((m) => m.map((row) => row.map((x) => Rational.fromBigInt(x))));
  // all methods must agree before anything is timed
  for (let k = 0; k < mats.length; k++) {
    const d = bareissDeterminant(mats[k]!);
    const g = eliminationDeterminant(RationalField, ratMats[k]!);
    const gj = rref(RationalField, ratMats[k]!).det;
    const f = fractionDeterminant(mats[k]!);
    if (!g.equals(Rational.fromBigInt(d)) || !gj.equals(g) || BigInt(f.s) * BigInt(f.n) !== d) {
      throw new Error(`determinants disagree at n = ${n}, matrix ${k}`);
    }
  }
  const each = (g: (k: number) => void) => () => {
    for (let k = 0; k < mats.length; k++) g(k);
  };
  const per = (ms: number) => ms / mats.length;
  const [bareiss, gauss, gaussJordan, fraction] = timeAll(
    [
      each((k) => bareissDeterminant(mats[k]!)),
      each((k) => eliminationDeterminant(RationalField, ratMats[k]!)),
      each((k) => rref(RationalField, ratMats[k]!)),
      each((k) => fractionDeterminant(mats[k]!)),
    ],
    minMs,
    batches,
  ).map(per);
  rows.push({
    n,
    bareiss: bareiss!,
    gauss: gauss!,
    gaussJordan: gaussJordan!,
    fraction: fraction!,
    bits: bareissDeterminant(mats[0]!).toString(2).length,
  });
}

// Matrices with rational entries: the dispatching determinant vs generic elimination.
interface RatRow {
  n: number;
  dispatch: number;
  gauss: number;
}
const ratRows: RatRow[] = [];
for (const n of sizes) {
  const rand = seededRandom(777 + n);
  const mats = Array.from({ length: matricesPerSize }, () =>
    Array.from({ length: n }, () =>
      Array.from({ length: n }, () =>
        Rational.of(BigInt(Math.floor(rand() * 199) - 99), BigInt(1 + Math.floor(rand() * 9))),
      ),
    ),
  );
  for (const m of mats) {
    if (!determinant(RationalField, m).equals(eliminationDeterminant(RationalField, m))) {
      throw new Error(`rational determinants disagree at n = ${n}`);
    }
  }
  const [dispatch, gauss] = timeAll(
    [
      () => mats.forEach((m) => determinant(RationalField, m)),
      () => mats.forEach((m) => eliminationDeterminant(RationalField, m)),
    ],
    minMs,
    batches,
  ).map((ms) => ms / mats.length);
  ratRows.push({ n, dispatch: dispatch!, gauss: gauss! });
}

// Rational.add hot spot: Knuth's add (ours) vs add-then-reduce by one big gcd.
function naiveAdd(a: Rational, b: Rational): Rational {
  return Rational.of(a.num * b.den + b.num * a.den, a.den * b.den);
}
const rand = seededRandom(7);
const smooth = () =>
  2n ** BigInt(Math.floor(rand() * 40)) *
  3n ** BigInt(Math.floor(rand() * 25)) *
  5n ** BigInt(Math.floor(rand() * 15));
const pairs = Array.from({ length: 200 }, () => [
  Rational.of(BigInt(Math.floor(rand() * 1e15)) * 2n ** 40n + 1n, smooth()),
  Rational.of(BigInt(Math.floor(rand() * 1e15)) * 3n ** 20n + 1n, smooth()),
]) as [Rational, Rational][];
for (const [a, b] of pairs) if (!naiveAdd(a, b).equals(a.add(b))) throw new Error('add disagrees');
const [addKnuth, addNaive] = timeAll(
  [() => pairs.forEach(([a, b]) => a.add(b)), () => pairs.forEach(([a, b]) => naiveAdd(a, b))],
  minMs,
  batches,
).map((ms) => ms / pairs.length) as [number, number];

const header =
  '| n | det bits | Bareiss (BigInt) | Rational Gauss (`eliminationDeterminant`) | Rational Gauss–Jordan (`rref`) | fraction.js Gauss | Gauss / Bareiss | Gauss–Jordan / Bareiss | fraction.js / Bareiss |';
const lines = [
  header,
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.n} | ${r.bits} | ${fmt(r.bareiss)} | ${fmt(r.gauss)} | ${fmt(r.gaussJordan)} | ${fmt(r.fraction)} | ${ratio(r.gauss / r.bareiss)} | ${ratio(r.gaussJordan / r.bareiss)} | ${ratio(r.fraction / r.bareiss)} |`,
  ),
];
console.log(lines.join('\n'));
console.log('');
console.log(
  [
    '| n (rational entries) | `determinant` (row-scaled Bareiss) | `eliminationDeterminant` | ratio |',
    '|---:|---:|---:|---:|',
    ...ratRows.map(
      (r) => `| ${r.n} | ${fmt(r.dispatch)} | ${fmt(r.gauss)} | ${ratio(r.gauss / r.dispatch)} |`,
    ),
  ].join('\n'),
);
console.log('');
console.log(
  `${markdown ? '- ' : ''}Rational.add on smooth denominators (gcd(d1, d2) > 1): Knuth ${fmt(addKnuth)} vs naive add-then-reduce ${fmt(addNaive)} (${ratio(addNaive / addKnuth)})`,
);
console.log(
  `${markdown ? '- ' : ''}node ${process.version}, ${matricesPerSize} matrices per size, median of ${batches} round-robin batches ≥ ${minMs} ms each, in-process`,
);
