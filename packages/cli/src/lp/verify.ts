/**
 * `mlgeo verify` of an LP-tier report (partition.geometry "lp"): the claims that can be re-checked
 * exactly from the report alone, without an LP —
 *
 * - each Chebyshev centre lies strictly inside its cell's H-representation, and the radius is the
 *   exact distance from the centre to the nearest facet row (min of −g(c)/‖a‖, compared by r²q);
 * - each ridge's cosine is −n_a·n_b of the two facet rows it names;
 * - each adjacency certificate lies in both cells' closures, on a facet row of the first cell whose
 *   negation is a facet row of the second;
 * - each slope's Frobenius norm is ‖A‖_F of the cell's exact output map;
 * - each margin's cell index holds the point (with the data, `--model … --data …`: not here).
 *
 * Not re-checked (listed as unchecked): that every H-row is a facet and no facet is missing (one LP
 * per row), ridge existence and absence, margins (they need the data points), and — in a report
 * without facets (`--lp margins,slopes`: empty H-representations) — where an adjacency certificate
 * lies (its coordinates are still read as exact numbers).
 */
import { Rational, SqrtRational } from '@mlgeo/exact-arith';
import type { ReportJson } from '../report/types.js';
import {
  type ClaimCounter,
  exactString,
  expectTrue,
  expectValue,
  floatClose,
} from '../verify/claims.js';

interface Row {
  a: Rational[];
  b: Rational;
}

const rowsOf = (hrep: { A: string[][]; b: string[] }, claim: string): Row[] =>
  hrep.A.map((a, i) => ({
    a: a.map((x, k) => exactString(x, `${claim}.hrep.A[${i}][${k}]`)),
    b: exactString(hrep.b[i], `${claim}.hrep.b[${i}]`),
  }));

const slack = (r: Row, x: readonly Rational[]) =>
  r.a.reduce((s, v, k) => (v.isZero() ? s : s.add(v.mul(x[k]!))), Rational.ZERO).sub(r.b);

const norm2 = (a: readonly Rational[]) => a.reduce((s, v) => s.add(v.mul(v)), Rational.ZERO);

/** Verifies the LP block; returns the lines of claim families not checked. */
export function verifyLpReport(report: ReportJson, counter: ClaimCounter): string[] {
  const lp = report.lp;
  expectTrue(lp !== undefined, 'lp', 'an LP-tier report needs its lp block', counter);
  const rows = report.partition.cells.map((c, i) => rowsOf(c.hrep, `partition.cells[${i}]`));
  lp!.cells.forEach((cell, n) => {
    const claim = `lp.cells[${n}]`;
    const R = rows[cell.cell];
    expectTrue(R !== undefined, `${claim}.cell`, 'no such partition cell', counter);
    expectTrue(
      cell.facets.length === R!.length,
      `${claim}.facets`,
      `${cell.facets.length} facets listed, the cell's hrep has ${R!.length} rows`,
      counter,
    );
    if (cell.chebyshev) {
      const c = cell.chebyshev.centre.map((v) => Rational.fromDouble(v));
      let min: SqrtRational | undefined;
      R!.forEach((r, i) => {
        const g = slack(r, c);
        expectTrue(
          g.sign() < 0,
          `${claim}.chebyshev.centre`,
          `not strictly inside row ${i}`,
          counter,
        );
        const n2 = norm2(r.a);
        const d = SqrtRational.of(g.neg().div(n2), n2);
        if (!min || d.cmp(min) < 0) min = d;
      });
      if (min) expectValue(cell.chebyshev.radius, min, `${claim}.chebyshev.radius`, counter);
    }
    const at = new Map(cell.facets.map((f, i) => [f, i]));
    cell.ridges?.list.forEach((r, k) => {
      const a = R![at.get(r.a) ?? -1];
      const b = R![at.get(r.b) ?? -1];
      expectTrue(
        a !== undefined && b !== undefined,
        `${claim}.ridges.list[${k}]`,
        'unknown facet code',
        counter,
      );
      const na = norm2(a!.a);
      const nb = norm2(b!.a);
      const dot = a!.a.reduce((s, v, i) => s.add(v.mul(b!.a[i]!)), Rational.ZERO);
      const q = na.mul(nb);
      const cos = SqrtRational.of(dot.neg().div(q), q);
      expectValue(r.cos, cos, `${claim}.ridges.list[${k}].cos`, counter);
      expectTrue(
        floatClose(Math.cos(r.angle), cos.toNumber(), 1e-9, 1e-9),
        `${claim}.ridges.list[${k}].angle`,
        `cos(angle) = ${Math.cos(r.angle)}, cos = ${cos.toNumber()}`,
        counter,
      );
    });
    const out = report.partition.cells[cell.cell]!.output;
    if (cell.slope && out) {
      const A = out.A.flat().map((x, i) =>
        exactString(x, `partition.cells[${cell.cell}].output.A[${i}]`),
      );
      expectValue(
        cell.slope.frobenius,
        SqrtRational.sqrt(norm2(A)),
        `${claim}.slope.frobenius`,
        counter,
      );
    }
  });
  const key = (r: Row) => `${r.a.join(',')};${r.b}`;
  // without facets (`--lp margins,slopes`: no H-representation in the report) a certificate cannot
  // be placed on a facet row from the report alone; its coordinates are still read exactly
  const noFacets = lp!.tiers['facets'] === 'absent';
  let skipped = 0;
  lp!.adjacency.edges.forEach((e, k) => {
    const claim = `lp.adjacency.edges[${k}]`;
    if (!e.certificate) return;
    if (noFacets) {
      e.certificate.forEach((x, i) => exactString(x, `${claim}.certificate[${i}]`));
      skipped++;
      return;
    }
    const y = e.certificate.map((x, i) => exactString(x, `${claim}.certificate[${i}]`));
    const A = rows[e.a]!;
    const B = rows[e.b]!;
    for (const r of [...A, ...B])
      expectTrue(slack(r, y).sign() <= 0, `${claim}.certificate`, 'outside a cell', counter);
    const negB = new Set(B.map((r) => key({ a: r.a.map((v) => v.neg()), b: r.b.neg() })));
    expectTrue(
      A.some((r) => slack(r, y).isZero() && negB.has(key(r))),
      `${claim}.certificate`,
      'not on a facet of the first cell whose negation is a facet of the second',
      counter,
    );
  });
  return [
    'LP tier: that every H-row is a facet and none is missing (one LP per row)',
    'LP tier: ridge existence and absence; margins (they need the data points)',
    ...(lp!.pointRidges
      ? [
          `LP tier: ${lp!.pointRidges.certified} point ridges (their certificates are not stored; re-run with the model)`,
        ]
      : []),
    ...(skipped > 0
      ? [
          `LP tier: ${skipped} adjacency certificates (the report has no facets to place them on; run with --lp facets)`,
        ]
      : []),
  ];
}
