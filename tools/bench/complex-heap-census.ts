/**
 * Issue 11: which objects a float (or exact) complex keeps alive, by constructor — the objects the
 * young-generation GC copies while the complex is built. Two heap snapshots, before and after one
 * partition + complex + face areas + ridge sums + metric (the bench's float+cx work), with the
 * result held; every node of the second snapshot with an id above the first's largest is new.
 *
 *   node --import tsx --conditions=@mlgeo/source tools/bench/complex-heap-census.ts [--net 3-16-16-1]
 *       [--measures float|exact] [--top 30] [--at cells|faces|simplices|angles|metric]
 *
 * `--at PHASE` takes the second snapshot inside buildComplex when it starts that phase: what the
 * run keeps alive in the middle (the partition, the cells so far and the builder's own tables),
 * which is what a scavenge falling there copies.
 */
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { opt } from './bench-args.js';
import { randomMlp } from './random-nets.js';
import { unitBoxComplexRun } from './unit-box-partition.js';

const sizes = opt('net', '3-16-16-1').split('-').map(Number);
const measures = opt('measures', 'float') as 'float' | 'exact';
const top = Number(opt('top', '30'));
const d = sizes[0]!;
const model = randomMlp(sizes, Number(opt('seed', '1')));

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}
function readSnapshot(): Snapshot {
  const file = join(tmpdir(), `mlgeo-census-${process.pid}-${Date.now()}.heapsnapshot`);
  writeHeapSnapshot(file);
  const s = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  rmSync(file);
  return s;
}
/** --at PHASE: the census taken inside buildComplex when it starts that phase (onProgress). */
const atPhase = opt('at', '');
let midRun: Snapshot | undefined;
function build(snapshotAt = ''): unknown {
  const r = unitBoxComplexRun(model, d, measures, ({ phase }) => {
    if (phase === snapshotAt && !midRun) midRun = readSnapshot();
  });
  return [r.partition, r.complex, r.sum];
}
build(); // warm: code, shapes and caches made once are not the complex's
const before = readSnapshot();
const fields = before.snapshot.meta.node_fields;
const stride = fields.length;
const [iType, iName, iId, iSize] = ['type', 'name', 'id', 'self_size'].map((f) =>
  fields.indexOf(f),
);
let maxId = 0;
// native and synthetic nodes take ids from another range: only the heap's own objects count
const heapType = (s: Snapshot, i: number) =>
  !['native', 'synthetic'].includes(s.snapshot.meta.node_types[0][s.nodes[i + iType!]!]!);
for (let i = 0; i < before.nodes.length; i += stride)
  if (heapType(before, i)) maxId = Math.max(maxId, before.nodes[i + iId!]!);
const held = build(atPhase);
if (atPhase && !midRun) throw new Error(`--at ${atPhase}: buildComplex reported no such phase`);
const after = midRun ?? readSnapshot();
const types = after.snapshot.meta.node_types[0];
// each new node's first retainer (edge owner and edge name), to name arrays and numbers by the
// field that holds them: "(array) <- Array <- Facet.tight"
const edgeFields = (after.snapshot.meta as unknown as { edge_fields: string[] }).edge_fields;
const edgeTypes = (after.snapshot.meta as unknown as { edge_types: [string[]] }).edge_types[0];
const edges = (after as unknown as { edges: number[] }).edges;
const eStride = edgeFields.length;
const [eType, eName, eTo] = ['type', 'name_or_index', 'to_node'].map((f) => edgeFields.indexOf(f));
const iEdges = fields.indexOf('edge_count');
const owner = new Map<number, { from: number; edge: string }>();
for (let i = 0, e = 0; i < after.nodes.length; i += stride) {
  const n = after.nodes[i + iEdges]!;
  for (let k = 0; k < n; k++, e += eStride) {
    const to = edges[e + eTo!]!;
    const t = edgeTypes[edges[e + eType!]!]!;
    if (t === 'weak' || t === 'shortcut' || owner.has(to)) continue;
    const nameOrIndex = edges[e + eName!]!;
    owner.set(to, {
      from: i,
      edge: t === 'element' || t === 'hidden' ? `[]` : after.strings[nameOrIndex]!,
    });
  }
}
const nameOf = (i: number): string => {
  const type = types[after.nodes[i + iType!]!]!;
  return type === 'object' || type === 'closure'
    ? after.strings[after.nodes[i + iName!]!]!
    : `(${type})`;
};
const label = (i: number): string => {
  const parts = [nameOf(i)];
  let at = i;
  for (let depth = 0; depth < 4; depth++) {
    const o = owner.get(at);
    if (!o) break;
    const n = nameOf(o.from);
    parts.push(`${n}.${o.edge}`);
    if (!['Array', '(array)', 'Object', '(system)', 'system / Context'].includes(n)) break;
    at = o.from;
  }
  return parts.join(' <- ');
};
const byName = new Map<string, { count: number; bytes: number }>();
let total = 0;
let count = 0;
for (let i = 0; i < after.nodes.length; i += stride) {
  if (after.nodes[i + iId!]! <= maxId || !heapType(after, i)) continue;
  const key = label(i).slice(0, 120);
  const e = byName.get(key) ?? { count: 0, bytes: 0 };
  e.count++;
  e.bytes += after.nodes[i + iSize!]!;
  total += after.nodes[i + iSize!]!;
  count++;
  byName.set(key, e);
}
console.log(
  `net ${sizes.join('→')} ${measures}${atPhase ? ` (at ${atPhase})` : ''}: ${count} new objects, ${(total / 2 ** 20).toFixed(2)} MiB self size`,
);
for (const [name, e] of [...byName].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, top))
  console.log(
    `${String(e.count).padStart(8)} ${(e.bytes / 1024).toFixed(0).padStart(8)} KiB  ${name}`,
  );
void held;
