/**
 * `mlgeo verify`, Laplacians (SPEC §7): the `spectrum` and `spline` sections are re-checked on the
 * complex rebuilt from the verified cells, with the metric analyze uses (laplacian.ts).
 *
 * - spectrum: every pair's residual ‖K v − λ M v‖ recomputed from its vector (and small, relative
 *   to the Gershgorin bound Λ of Δ_0's largest eigenvalue), its Rayleigh quotient vᵀKv / vᵀMv
 *   equal to λ within 1e-8·Λ, the vectors M_0-orthonormal within 1e-8, the eigenvalues those of an
 *   independent recomputation within 1e-8·Λ (so they are the k smallest), the number of
 *   components; the Betti numbers recomputed exactly.
 * - spline: the normal equations (W M_0 + λK) f = W M_0 y hold — exactly on the exact tier (the
 *   `exact` strings), within 1e-9 relative otherwise; the inputs are the report's own predictions
 *   for `source: "predictions"`; `value`, `change`, `observed`, dof and GCV(λ) recomputed; a λ
 *   chosen by GCV is the lowest point of the reported curve.
 */
import { Rational, isRational } from '@mlgeo/exact-arith';
import {
  type WeightedComplex,
  bettiNumbers,
  floatStiffnessAndMass,
  isExactComplex,
  laplacianSpectrum,
  roughnessMatrix,
  simplicialSpline,
  toFloatComplex,
} from '@mlgeo/laplacian-splines';
import { weightedOf } from '../laplacian.js';
import type { ReportJson } from '../report/types.js';
import { predictionValues } from '../spline-values.js';
import type { VerifyCache } from './cache.js';
import { type ClaimCounter, exactString, expectTrue, floatClose } from './claims.js';
import { rebuild } from './complex-rebuild.js';
import type { VerifiedPartition } from './partition.js';

/** Verifies `report.spectrum` when present (one call from verifyReport). */
export function verifySpectrum(
  report: ReportJson,
  partition: VerifiedPartition,
  counter: ClaimCounter,
  cache: VerifyCache,
): void {
  const claimed = report.spectrum;
  if (claimed === undefined) return;
  const { built } = rebuild(report, partition, cache);
  const c = weightedOf(built);
  const n = c.counts[0]!;
  expectTrue(
    claimed.edgeLength === built.metric.edgeLength,
    'spectrum.edgeLength',
    `expected "${built.metric.edgeLength}" (complex.metric.edgeLength)`,
    counter,
  );
  const betti = bettiNumbers(c as WeightedComplex<unknown>);
  expectTrue(
    JSON.stringify(claimed.betti.values) === JSON.stringify(betti),
    'spectrum.betti.values',
    `recomputed exactly: [${betti.join(', ')}]`,
    counter,
  );
  const count = Math.min(claimed.requested, n);
  expectTrue(
    claimed.pairs.length === count,
    'spectrum.pairs',
    `expected ${count} pairs (min(requested, cells))`,
    counter,
  );
  const { K, M } = floatStiffnessAndMass(toFloatComplex(c as WeightedComplex<unknown>));
  // Gershgorin: every eigenvalue of M⁻¹K lies below max_i Σ_j |K_ij| / M_i
  let bound = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let p = K.rowStart[i]!; p < K.rowStart[i + 1]!; p++)
      row += Math.abs(K.values[p] as number);
    bound = Math.max(bound, row / M[i]!);
  }
  const scale = Math.max(bound, Number.MIN_VALUE);
  const vectors: Float64Array[] = [];
  claimed.pairs.forEach((pair, j) => {
    const claim = `spectrum.pairs[${j}]`;
    expectTrue(
      pair.vector.length === n,
      `${claim}.vector`,
      `expected ${n} entries (one per complex cell)`,
      counter,
    );
    const v = Float64Array.from(pair.vector);
    vectors.push(v);
    const Kv = K.mulVecFloat(v);
    let r2 = 0;
    let vKv = 0;
    let vMv = 0;
    for (let i = 0; i < n; i++) {
      r2 += (Kv[i]! - pair.value * M[i]! * v[i]!) ** 2;
      vKv += v[i]! * Kv[i]!;
      vMv += v[i]! * M[i]! * v[i]!;
    }
    const residual = Math.sqrt(r2);
    const mNorm = Math.sqrt(M.reduce((s, m, i) => s + (m * v[i]!) ** 2, 0));
    expectTrue(
      Math.abs(residual - pair.residual) <= 1e-6 * residual + 1e-12 * scale * mNorm,
      `${claim}.residual`,
      `recomputed ‖Kv − λMv‖ = ${residual}`,
      counter,
    );
    expectTrue(
      residual <= 1e-8 * scale * mNorm,
      `${claim}.residual`,
      `‖Kv − λMv‖ = ${residual} is not small (bound 1e-8·Λ·‖Mv‖ = ${1e-8 * scale * mNorm}): not an eigenpair`,
      counter,
    );
    expectTrue(
      vMv > 0 && Math.abs(vKv / vMv - pair.value) <= 1e-8 * scale,
      `${claim}.value`,
      `the Rayleigh quotient vᵀKv / vᵀMv is ${vKv / vMv}`,
      counter,
    );
  });
  vectors.forEach((a, i) =>
    vectors.forEach((b, j) => {
      if (j < i) return;
      let t = 0;
      for (let s = 0; s < n; s++) t += a[s]! * M[s]! * b[s]!;
      expectTrue(
        Math.abs(t - (i === j ? 1 : 0)) <= 1e-8,
        `spectrum.pairs[${j}].vector`,
        `v_${i}ᵀ M_0 v_${j} = ${t}, expected ${i === j ? 1 : 0} (M_0-orthonormal)`,
        counter,
      );
    }),
  );
  if (count === 0) return;
  const want = laplacianSpectrum(c, { count });
  expectTrue(
    claimed.method === want.method && claimed.components === want.components,
    'spectrum.components',
    `recomputed ${want.components} components (method ${want.method})`,
    counter,
  );
  claimed.pairs.forEach((pair, j) =>
    expectTrue(
      Math.abs(pair.value - want.pairs[j]!.value) <= 1e-8 * scale,
      `spectrum.pairs[${j}].value`,
      `recomputed λ_${j} = ${want.pairs[j]!.value}`,
      counter,
    ),
  );
}

/** Verifies `report.spline` when present (one call from verifyReport). */
export function verifySpline(
  report: ReportJson,
  partition: VerifiedPartition,
  counter: ClaimCounter,
  cache: VerifyCache,
): void {
  const claimed = report.spline;
  if (claimed === undefined) return;
  const { built } = rebuild(report, partition, cache);
  const c = weightedOf(built);
  const n = c.counts[0]!;
  const exact = isExactComplex(c);
  expectTrue(
    claimed.edgeLength === built.metric.edgeLength,
    'spline.edgeLength',
    `expected "${built.metric.edgeLength}" (complex.metric.edgeLength)`,
    counter,
  );
  expectTrue(
    claimed.tier === (exact ? 'exact' : 'float'),
    'spline.tier',
    `expected "${exact ? 'exact' : 'float'}": the weights are ${exact ? '' : 'not '}all rational`,
    counter,
  );
  expectTrue(
    claimed.cells.length === n,
    'spline.cells',
    `expected ${n} entries (one per complex cell)`,
    counter,
  );
  const cells = claimed.cells;
  if (claimed.source === 'predictions') {
    const want = predictionValues(report.partition.cells, claimed.output ?? 'all');
    expectTrue(want !== undefined, 'spline.source', 'the cells have no such prediction', counter);
    cells.forEach((cell, i) => {
      const y = want!.values[i]!;
      const yf = isRational(y) ? y.toNumber() : y;
      expectTrue(
        cell.observed && cell.input === yf,
        `spline.cells[${i}].input`,
        `expected the cell's prediction ${yf}`,
        counter,
      );
      if (cell.inputExact !== undefined)
        expectTrue(
          exactString(cell.inputExact, `spline.cells[${i}].inputExact`).equals(
            isRational(y) ? y : Rational.fromDouble(y),
          ),
          `spline.cells[${i}].inputExact`,
          `expected ${isRational(y) ? y.toString() : Rational.fromDouble(y).toString()}`,
          counter,
        );
    });
  }
  expectTrue(
    claimed.observed === cells.filter((x) => x.observed).length,
    'spline.observed',
    'not the number of observed cells',
    counter,
  );
  const mask = cells.map((x) => x.observed);
  cells.forEach((cell, i) => {
    const claim = `spline.cells[${i}]`;
    expectTrue(
      cell.observed === (cell.input !== null) && cell.observed === (cell.change !== null),
      claim,
      'an observed cell has an input and a change, an unobserved one neither',
      counter,
    );
    if (exact) {
      expectTrue(
        cell.exact !== undefined && (cell.inputExact !== undefined) === cell.observed,
        claim,
        'the exact tier gives `exact` (and `inputExact` for observed cells)',
        counter,
      );
      const f = exactString(cell.exact, `${claim}.exact`);
      expectTrue(
        cell.value === f.toNumber(),
        `${claim}.value`,
        `expected ${f.toNumber()}, the double of ${f.toString()}`,
        counter,
      );
      if (cell.inputExact !== undefined) {
        const y = exactString(cell.inputExact, `${claim}.inputExact`);
        expectTrue(
          cell.input === y.toNumber(),
          `${claim}.input`,
          `expected ${y.toNumber()}, the double of ${y.toString()}`,
          counter,
        );
        expectTrue(
          cell.change === f.sub(y).toNumber(),
          `${claim}.change`,
          `expected ${f.sub(y).toNumber()}`,
          counter,
        );
      }
    } else if (cell.input !== null)
      expectTrue(
        floatClose(cell.change!, cell.value - cell.input, 1e-12, 1e-300),
        `${claim}.change`,
        `expected value − input = ${cell.value - cell.input}`,
        counter,
      );
  });
  const changes = cells.flatMap((x) => (x.change === null ? [] : [Math.abs(x.change)]));
  expectTrue(
    claimed.changed === changes.filter((x) => x > 0).length &&
      claimed.maxChange === Math.max(0, ...changes),
    'spline.changed',
    `the cells say ${changes.filter((x) => x > 0).length} changed, max |f − y| = ${Math.max(0, ...changes)}`,
    counter,
  );
  const order = claimed.order;
  // the normal equations (W M_0 + λK) f = W M_0 y
  if (exact) {
    const K = roughnessMatrix(c, order);
    const lambda = exactString(claimed.lambda.exact, 'spline.lambda.exact');
    expectTrue(
      claimed.lambda.value === lambda.toNumber(),
      'spline.lambda.value',
      `expected ${lambda.toNumber()}`,
      counter,
    );
    const f = cells.map((x) => Rational.parse(x.exact!));
    const Kf = K.mulVec(f);
    cells.forEach((cell, i) => {
      let r = lambda.mul(Kf[i]!);
      if (cell.observed) r = r.add(c.mass[0]![i]!.mul(f[i]!.sub(Rational.parse(cell.inputExact!))));
      expectTrue(
        r.isZero(),
        `spline.cells[${i}].exact`,
        `the normal equation (W M_0 + λK) f = W M_0 y of cell ${i} has residual ${r.toString()}`,
        counter,
      );
    });
  } else {
    const fc = toFloatComplex(c as WeightedComplex<unknown>);
    const K = roughnessMatrix(fc, order);
    const M0 = fc.mass[0]!;
    const lambda = claimed.lambda.value;
    const f = Float64Array.from(cells, (x) => x.value);
    const Kf = K.mulVecFloat(f);
    let r2 = 0;
    let size = 0;
    cells.forEach((cell, i) => {
      const wm = cell.observed ? M0[i]! : 0;
      r2 += (wm * (f[i]! - (cell.input ?? 0)) + lambda * Kf[i]!) ** 2;
      size +=
        (wm * Math.abs(f[i]!) + lambda * Math.abs(Kf[i]!) + wm * Math.abs(cell.input ?? 0)) ** 2;
    });
    expectTrue(
      Math.sqrt(r2) <= 1e-9 * Math.sqrt(size) + 1e-300,
      'spline.cells',
      `the normal equations (W M_0 + λK) f = W M_0 y have relative residual ${Math.sqrt(r2 / size)}`,
      counter,
    );
  }
  // dof and GCV at λ, recomputed
  const y = cells.map((x) =>
    x.inputExact !== undefined ? Rational.parse(x.inputExact) : (x.input ?? 0),
  );
  const again = simplicialSpline(c, y, {
    order,
    mask,
    lambda: exact ? Rational.parse(claimed.lambda.exact!) : claimed.lambda.value,
  });
  const same = (a: number | null, b: number | undefined) =>
    a === null
      ? b === undefined || !Number.isFinite(b)
      : b !== undefined && floatClose(a, b, 1e-6, 1e-12);
  expectTrue(
    same(claimed.dof, again.dof),
    'spline.dof',
    `recomputed tr(W S_λ) = ${again.dof}`,
    counter,
  );
  expectTrue(
    same(claimed.gcv, again.gcv),
    'spline.gcv',
    `recomputed GCV(λ) = ${again.gcv}`,
    counter,
  );
  expectTrue(
    floatClose(claimed.scale, again.scale, 1e-9, 1e-300),
    'spline.scale',
    `recomputed τ = tr(W M_0)/tr(K) = ${again.scale}`,
    counter,
  );
  if (claimed.lambda.chosenBy === 'gcv') {
    const scores = claimed.gcvCurve.map((p) => p.score ?? Infinity);
    const best = Math.min(...scores);
    expectTrue(
      claimed.gcvCurve.length > 0 && claimed.gcv !== null && claimed.gcv <= best * (1 + 1e-9),
      'spline.lambda',
      'a λ chosen by GCV has the lowest score of the gcvCurve',
      counter,
    );
  } else
    expectTrue(
      claimed.gcvCurve.length === 0,
      'spline.gcvCurve',
      'a given λ has no GCV curve',
      counter,
    );
}
