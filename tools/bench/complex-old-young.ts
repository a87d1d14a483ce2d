/**
 * Issue 11 (s18): which objects a finished run keeps in V8's old generation, and which of those
 * point to young objects. An old object that holds a young pointer is a root of every scavenge
 * until the next full collection — dead or not — so what it points to is copied and then promoted
 * (s17-lead: getter closures, WeakMap values; s18: object literals of a site V8 decided to
 * pretenure). Runs the partition + complex --warmup times (V8 makes its pretenuring decisions
 * there), forces two scavenges, makes one more run, forces one scavenge (the run's objects are
 * copied, not promoted: they survive their first), then walks the run's result (own data
 * properties and symbol slots; lazy getters are not read) without allocating enough to scavenge
 * again, and prints, per kind of object (constructor and first keys), how many are old, how many
 * of those point to a young object or bigint, and how many are young.
 *
 *   node --allow-natives-syntax --expose-gc --trace-gc --conditions=@mlgeo/source --import tsx \
 *       tools/bench/complex-old-young.ts [--net 3-16-16-1] [--measures float|exact] [--warmup 60]
 *       [--no-scavenge-after] [--where KIND]
 *
 * Check the --trace-gc lines: no scavenge may fall between `walk` and `group` (it would promote the
 * run's objects). Objects the run dropped before it ended (temporaries) are not reached; a site
 * that pretenures those shows only in `complex-gc-after-run.ts`.
 */
import { types } from 'node:util';
import { flag, opt } from './bench-args.js';
import { randomMlp } from './random-nets.js';
import { unitBoxComplexRun } from './unit-box-partition.js';

const sizes = opt('net', '3-16-16-1').split('-').map(Number);
const measures = opt('measures', 'float') as 'float' | 'exact';
const warmup = Number(opt('warmup', '60'));
const d = sizes[0]!;
const model = randomMlp(sizes, 1);
let inYoung: (o: unknown) => boolean;
try {
  // V8's own test: needs --allow-natives-syntax (a syntax error without it)
  inYoung = new Function('o', 'return %InYoungGeneration(o)') as (o: unknown) => boolean;
} catch {
  throw new Error('run with node --allow-natives-syntax --expose-gc (see the header)');
}
const gc = (globalThis as { gc?: (o?: { type: 'minor' | 'major' }) => void }).gc;
if (!gc) throw new Error('run with node --allow-natives-syntax --expose-gc (see the header)');

/** The bench's float+cx or exact+cx run (unit-box-partition.ts); its result is the walk's root. */
const run = (): object => unitBoxComplexRun(model, d, measures);

/** Lazy getters (exact-arith lazyProperty and class getters of these names) are not read. */
const LAZY = new Set(
  'edgeLengths floatVolume floatMetric layerMaps metric M1 mlp polytope prediction rays twice vertices volume x'.split(
    ' ',
  ),
);
const YOUNG = 1;
const OLD = 2;
const OLD_TO_YOUNG = 3;
const SKIPPED = 0;

for (let i = 0; i < warmup; i++) run();
gc({ type: 'minor' });
gc({ type: 'minor' });
console.log('final run');
const root = run();
// (a run that allocates more than a semi-space has scavenged already: --no-scavenge-after)
if (!flag('no-scavenge-after')) gc({ type: 'minor' });
console.log('walk');
const state = new Map<object, number>();
const order: object[] = [];
const stack: object[] = [root];
let current = OLD;
const see = (v: unknown): void => {
  if (typeof v === 'bigint') {
    if (current === OLD && inYoung(v)) current = OLD_TO_YOUNG;
  } else if (v !== null && (typeof v === 'object' || typeof v === 'function')) {
    if (current === OLD && inYoung(v)) current = OLD_TO_YOUNG;
    if (!state.has(v)) stack.push(v);
  }
};
while (stack.length > 0) {
  const o = stack.pop()!;
  if (state.has(o)) continue;
  const opaque = typeof o === 'function' || types.isProxy(o) || ArrayBuffer.isView(o);
  if (opaque || o instanceof ArrayBuffer) {
    state.set(o, SKIPPED);
    continue;
  }
  current = inYoung(o) ? YOUNG : OLD;
  if (o instanceof Map)
    for (const [k, v] of o) {
      see(k);
      see(v);
    }
  else if (o instanceof Set) for (const v of o) see(v);
  else if (Array.isArray(o)) for (let i = 0; i < o.length; i++) see(o[i]);
  else {
    const rec = o as Record<string | symbol, unknown>;
    const keys = Object.keys(o);
    for (let i = 0; i < keys.length; i++) if (!LAZY.has(keys[i]!)) see(rec[keys[i]!]);
    const symbols = Object.getOwnPropertySymbols(o);
    for (let i = 0; i < symbols.length; i++) see(rec[symbols[i]!]);
  }
  state.set(o, current);
  order.push(o);
}
console.log('group');

function kindOf(o: object): string {
  const name = (o as { constructor?: { name?: string } }).constructor?.name ?? '(no prototype)';
  if (!Array.isArray(o)) return `${name} {${Object.keys(o).slice(0, 6).join(', ')}}`;
  const first: unknown = o[0];
  const inner =
    first !== null && typeof first === 'object'
      ? ((first as { constructor?: { name?: string } }).constructor?.name ?? 'object')
      : typeof first;
  return `${name} of ${inner}`;
}
const kinds = new Map<string, { old: number; oldToYoung: number; young: number }>();
for (const o of order) {
  const s = state.get(o)!;
  const k = kindOf(o);
  const e = kinds.get(k) ?? { old: 0, oldToYoung: 0, young: 0 };
  if (s === YOUNG) e.young++;
  else e.old++;
  if (s === OLD_TO_YOUNG) e.oldToYoung++;
  kinds.set(k, e);
}
console.log(`${sizes.join('→')} (${measures}): ${order.length} objects reached`);
console.log('   old  old→young   young  kind');
const rows = [...kinds].filter(([, e]) => e.old > 0);
rows.sort((a, b) => b[1].oldToYoung - a[1].oldToYoung || b[1].old - a[1].old);
for (const [k, e] of rows) {
  const n = (x: number, w: number) => String(x).padStart(w);
  console.log(`${n(e.old, 6)} ${n(e.oldToYoung, 10)} ${n(e.young, 7)}  ${k}`);
}

// --where KIND: where the first old objects of that kind are (a second walk, after the census)
const where = opt('where', '');
if (where !== '') {
  const paths = new Map<object, string>([[root, 'run']]);
  const queue: object[] = [root];
  let shown = 0;
  for (let q = 0; q < queue.length && shown < 3; q++) {
    const o = queue[q]!;
    const s = state.get(o);
    if (s === undefined || s === SKIPPED) continue;
    if (s !== YOUNG && kindOf(o) === where) {
      console.log(`${where} at ${paths.get(o)}`);
      shown++;
    }
    const edges: [string, unknown][] = [];
    if (o instanceof Map)
      for (const [k, v] of o) edges.push(['(key)', k], [`get(${String(k)})`, v]);
    else if (o instanceof Set) for (const v of o) edges.push(['(entry)', v]);
    else if (Array.isArray(o)) o.forEach((v, i) => edges.push([`[${i}]`, v]));
    else {
      const rec = o as Record<string | symbol, unknown>;
      for (const k of Object.keys(o)) if (!LAZY.has(k)) edges.push([`.${k}`, rec[k]]);
      for (const k of Object.getOwnPropertySymbols(o)) edges.push([`[${k.description}]`, rec[k]]);
    }
    for (const [k, v] of edges)
      if (v !== null && typeof v === 'object' && !paths.has(v)) {
        paths.set(v, paths.get(o)! + k);
        queue.push(v);
      }
  }
}
