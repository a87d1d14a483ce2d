/**
 * Issue 11 check: the filtered path (float rays with proven bounds, exact fallback) gives the same
 * answers as the exact path on cddlib's example files (the peer suite, read in place).
 *
 *   npx tsx --conditions=@mlgeo/source tools/bench/polytope-filtered-vs-exact-cddlib.ts [--suite DIR]
 *       [--skip NAME,...]
 *
 * For every H-file: vertices (exact, as computed lazily by the filtered path), rays, lines, facets,
 * incidence and dimension must be identical, and the filtered float vertices must lie within their
 * stated bound of the exact ones (checked in exact rationals). For every V-file: facets, incidence
 * and affine hull identical. Prints one line per file with CPU times and the filtered path's
 * counters; exit code 1 on any difference.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Rational } from '@mlgeo/exact-arith';
import { Polytope } from '@mlgeo/exact-polytope';
import { optValue } from './bench-args.js';
import { cpuTimed } from './child-cpu.js';

const suite = resolve(optValue('suite') ?? '/work/shared/peer-suites/cddlib');
const skip = new Set((optValue('skip') ?? '').split(',').filter((s) => s !== ''));

const str = (vs: readonly (readonly Rational[])[]) => vs.map((v) => v.map(String).join(','));
function answers(p: Polytope, h: boolean) {
  if (h)
    return {
      empty: p.isEmpty(),
      dimension: p.dimension(),
      vertices: str(p.vertices()),
      rays: str(p.rays()),
      lines: str(p.lines()),
      incidence: p.isEmpty() ? [] : p.incidence(),
    };
  return {
    facets: p.facets().map((f) => `${f.a.map(String).join(',')}<=${f.b}`),
    incidence: p.incidence(),
    hull: str(p.affineHull().A),
  };
}

let bad = 0;
for (const dir of readdirSync(suite, { withFileTypes: true })) {
  if (!dir.isDirectory()) continue;
  for (const f of readdirSync(join(suite, dir.name)).sort()) {
    const h = f.endsWith('.ine');
    if (!h && !f.endsWith('.ext')) continue;
    const name = f.replace(/\.(ine|ext)$/, '');
    if (skip.has(name)) continue;
    const text = readFileSync(join(suite, dir.name, f), 'utf8');
    const make = (predicates: 'exact' | 'filtered') =>
      h ? Polytope.fromIne(text, { predicates }) : Polytope.fromExt(text, { predicates });
    let line: string;
    try {
      const ex = cpuTimed(() => answers(make('exact'), h));
      let pf: Polytope | undefined;
      const fl = cpuTimed(() => {
        pf = make('filtered');
        // float vertices first (no exact vertex needed for them), then the exact answers
        const fv = h && !pf.isEmpty() ? pf.floatVertices() : undefined;
        return { fv, a: answers(pf, h) };
      });
      const same = JSON.stringify(ex.value) === JSON.stringify(fl.value.a);
      let within = true;
      const fv = fl.value.fv;
      if (fv !== undefined) {
        const err = Rational.fromDouble(fv.error);
        make('exact')
          .vertices()
          .forEach((v, i) =>
            v.forEach((x, j) => {
              if (Rational.fromDouble(fv.points[i]![j]!).sub(x).abs().cmp(err) > 0) within = false;
            }),
          );
      }
      if (!same || !within) bad++;
      const s = pf!.stats;
      line = `${dir.name}/${f}\t${same ? 'same' : 'DIFFERENT'}${within ? '' : ' FLOAT-BOUND-VIOLATED'}\texact ${ex.seconds.toFixed(3)} s\tfiltered ${fl.seconds.toFixed(3)} s\tfallbacks ${s.exactFallbacks}/${s.signTests}`;
    } catch (e) {
      bad++;
      line = `${dir.name}/${f}\tERROR ${(e as Error).message}`;
    }
    console.log(line);
  }
}
console.log(bad === 0 ? 'all files agree' : `${bad} file(s) differ or failed`);
process.exit(bad === 0 ? 0 : 1);
