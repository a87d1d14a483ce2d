/**
 * ReLU MLP activation regions grown layer by layer (SPEC §2, §5 P_1 ≥ P_2 ≥ …): every cell of the
 * first l hidden layers splits by the pulled-back hyperplanes of the units of layer l + 1, one unit
 * at a time. A unit whose pre-activation is constant on a cell adds no constraint and gets bit 1 iff
 * the constant is > 0. No sign vector is ever guessed: only cells that exist are split further.
 */
import type { ReluMlpModel } from '../models.js';
import type { MlpCellMaps, Predicates, PartitionCell, ProgressCallback } from '../partition.js';
import { exactAffineSign, gcdOfList, isFilterOperand, lazyProperty } from '@mlgeo/exact-arith';
import {
  type IntAffine,
  IntAffineRow,
  affineOfIntegers,
  isConstantAffine,
  negateAffine,
} from './affine.js';
import { cellFromVCell } from './cell.js';
import { mlpPattern } from './cell-rows.js';
import {
  type IntMap,
  cellMapSlopes,
  evaluateMap,
  firstMap,
  integerLayers,
  nextMap,
  toAffineMap,
} from './mlp-maps.js';
import type { FilterStats } from '@mlgeo/exact-arith';
import {
  LimbMap,
  limbAffineSign,
  limbConstantSign,
  limbLayer,
  limbRow,
  limbRowIsConstant,
  limbToIntMap,
  signMagnitudeRow,
  type SignMagnitudeRow,
} from './limb-maps.js';
import { type SplitResult, type VCell, vertexLimbs } from './vcell.js';
import {
  CellFloatMaps,
  type FloatLayerMap,
  boundRows,
  firstFloatMap,
  floatRowSign,
} from './float-layer-maps.js';
import { poolLayers } from './float-pool.js';

/**
 * A layer map: BigInt rows (leaky nets), or float64 limbs (ReLU: limb-maps.ts, the same integers
 * with float multiply–adds; rows of a cell's map computed when its split reads them).
 */
type LayerMap = IntMap | LimbMap;

class State {
  constructor(
    readonly cell: VCell,
    /** The bits of every layer so far as '0'/'1' (the cell's label). */
    readonly label: string,
    /**
     * The map of the last layer so far (its `prev` chain holds the earlier ones); undefined for a
     * final cell (it is not split).
     */
    readonly map: LayerMap | undefined,
    /**
     * The previous layer's map in float64 (the parent cell's), from which this cell's is made when
     * it is split (the exact limb path's filter: float-layer-maps.ts); undefined elsewhere.
     */
    readonly floatPrev: FloatLayerMap | undefined,
  ) {}
}

/** Scratch of {@link bitsText}: one character code per unit. */
const bitCodes: number[] = [];

/** A layer's bits as '0'/'1' characters (one string made: no array per part). */
function bitsText(bits: readonly boolean[]): string {
  // (very wide layers: one string per 4096 bits would do; they are joined from characters here)
  if (bits.length > 4096) return bits.map((b) => (b ? '1' : '0')).join('');
  bitCodes.length = bits.length;
  for (let k = 0; k < bits.length; k++) bitCodes[k] = bits[k] ? 49 : 48;
  return String.fromCharCode.apply(null, bitCodes);
}

/** Row j of a layer map as integers. */
function rowOf(z: LayerMap, j: number): { w: bigint[]; c: bigint } {
  return z instanceof LimbMap ? limbRow(z, j) : { w: z.A[j]!, c: z.c[j]! };
}

const intMap = (z: LayerMap): IntMap => (z instanceof LimbMap ? limbToIntMap(z) : z);

/** The float copies of a row that only exact predicates read. */
const NO_FLOATS = new Float64Array(0);

/**
 * A unit's row for the sign tests of one split, not stored: w, c as given (not primitive) and float
 * copies of the positive multiple (w, c)·2^−e (each the correctly rounded Number(v), scaled by a
 * power of two: exact unless it falls below the normal range, which `filterSafe` then refuses) —
 * the filter only needs correctly rounded copies of some positive multiple, and this needs no
 * BigInt division. Rows beyond the float range: {@link affineOfIntegers}. Exported for tests.
 */
export function splitRow(w: bigint[], c: bigint, predicates: Predicates = 'filtered'): IntAffine {
  // exact predicates read only the integers (the stored cut row gets its floats in `primitive`)
  if (predicates === 'exact') return new IntAffineRow(w, c, NO_FLOATS, NaN, false);
  const n = w.length;
  const wf = new Float64Array(n);
  let max = Math.abs(Number(c));
  for (let i = 0; i < n; i++) {
    const v = Number(w[i]!);
    wf[i] = v;
    if (Math.abs(v) > max) max = Math.abs(v);
  }
  if (!(max < Infinity)) return affineOfIntegers(w, c);
  if (max === 0) return new IntAffineRow(w, c, wf, 0, true);
  const scale = 2 ** -Math.ceil(Math.log2(max));
  let filterSafe = true;
  for (let i = 0; i < n; i++) {
    const v = wf[i]! * scale;
    wf[i] = v;
    if (filterSafe) filterSafe = isFilterOperand(v, w[i] === 0n);
  }
  const cf = Number(c) * scale;
  if (filterSafe) filterSafe = isFilterOperand(cf, c === 0n);
  return new IntAffineRow(w, c, wf, cf, filterSafe);
}

/**
 * The row to store for a cut: made primitive, with the float copies of affineOfIntegers that the
 * filtered sign tests of later splits read — none under exact predicates, which read the integers
 * only (vcell.ts: the float copies serve `filteredSign` alone; a row without them, `filterSafe`
 * false, is decided exactly by any reader).
 */
function primitive(g: IntAffine, predicates: Predicates): IntAffine {
  const k = gcdOfList([...g.w, g.c]);
  const w = k > 1n ? g.w.map((v) => v / k) : g.w.slice();
  const c = k > 1n ? g.c / k : g.c;
  return predicates === 'exact'
    ? new IntAffineRow(w, c, NO_FLOATS, NaN, false)
    : affineOfIntegers(w, c);
}

/**
 * A part of a cell being split by the units of one layer, with those units' bits so far: the
 * first n entries of `bits`, an array made at the layer's width (filled by index: no growth).
 * States and parts are made by `new`, so born young (docs/contributing.md, "Objects a run keeps").
 */
class Part {
  constructor(
    readonly cell: VCell,
    readonly bits: boolean[],
    public n: number,
  ) {}
}

/** Appends the next unit's bit to p. */
function pushBit(p: Part, bit: boolean): void {
  p.bits[p.n++] = bit;
}

/**
 * Records the outcome of splitting p by g (a cut stores g primitive as both parts' last row;
 * `stored`: the split was given that row already, VCell.split's `stored`).
 */
function splitPart(
  p: Part,
  g: IntAffine,
  r: SplitResult,
  out: Part[],
  predicates: Predicates,
  stored?: IntAffine,
): void {
  const { neg, pos } = r;
  if (neg && pos) {
    // the cut row is a facet of both parts, their last row: stored primitive
    const last = neg.rows.length - 1;
    const lastPos = pos.rows.length - 1;
    if (stored !== undefined) {
      if (neg.rows[last] !== stored)
        throw new Error('mlpCells: the cut row is not the last row of its parts');
    } else {
      const h = primitive(g, predicates);
      if (neg.rows[last] !== g || pos.rows[lastPos]!.c !== -g.c)
        throw new Error('mlpCells: the cut row is not the last row of its parts');
      neg.rows[last] = h;
      pos.rows[lastPos] = negateAffine(h);
    }
    // p is replaced by its parts: the negative part takes p's bits (one copy, not two)
    const posBits = p.bits.slice();
    posBits[p.n] = true;
    p.bits[p.n] = false;
    out.push(new Part(neg, p.bits, p.n + 1));
    out.push(new Part(pos, posBits, p.n + 1));
  } else {
    pushBit(p, !neg);
    out.push(p);
  }
}

/** Scratch for one part's signs (`splitByLimbRow`). */
let signScratch = new Int8Array(64);

/** Scratch for one unit row in sign–magnitude limbs (`signMagnitudeRow`). */
const rowScratch: SignMagnitudeRow = { data: new Float64Array(64), width: 0, T: 0 };

/** Unit j's row of a limb map as integers, for a split or a BigInt sign test. */
function unitRow(z: LimbMap, j: number): IntAffine {
  const r = limbRow(z, j);
  return splitRow(r.w, r.c, 'exact');
}

/** Scratch of {@link floatDecidesUnit}: one bit per part. */
let partBits = new Uint8Array(64);

/**
 * Unit j decided for every part on the float rows of the cell's map (float-layer-maps.ts), when
 * every vertex's sign is certified and no part is cut: each part gets its bit (1 iff its vertices
 * are above) and true is returned. Otherwise nothing is changed and the caller decides on the exact
 * row — which is then made only for the units that cut or that the bound cannot certify.
 */
function floatDecidesUnit(
  parts: Part[],
  fz: FloatLayerMap,
  j: number,
  stats?: FilterStats,
): boolean {
  if (partBits.length < parts.length) partBits = new Uint8Array(2 * parts.length);
  let tests = 0;
  for (let i = 0; i < parts.length; i++) {
    const vs = parts[i]!.cell.vertices;
    let above = false;
    let below = false;
    for (let k = 0; k < vs.length; k++) {
      const s = floatRowSign(fz, j, vs[k]!.xf);
      if (s === 0) {
        // a sign the bound does not certify: the unit is decided on its exact row
        if (stats) stats.exactFallbacks++;
        return false;
      }
      if (s > 0) above = true;
      else below = true;
    }
    if (above && below) return false;
    partBits[i] = above ? 1 : 0;
    tests += vs.length;
  }
  for (let i = 0; i < parts.length; i++) pushBit(parts[i]!, partBits[i] === 1);
  if (stats) stats.signTests += tests;
  return true;
}

/**
 * Exact predicates on a limb map: unit j decided on the cell's float map when its bound certifies
 * it ({@link floatDecidesUnit}: no limb row made), else its signs at every part's vertices from its
 * limb row and the vertices' limbs (limb-maps.ts `limbAffineSign`, exact integer sums), so the row
 * becomes BigInt only when it cuts a part.
 */
function splitByLimbRow(
  parts: Part[],
  z: LimbMap,
  j: number,
  fz: FloatLayerMap | undefined,
  stats?: FilterStats,
): Part[] {
  if (fz !== undefined && floatDecidesUnit(parts, fz, j, stats)) return parts;
  const at = z.row(j);
  if (limbRowIsConstant(z, at)) {
    const bit = limbConstantSign(z, at) > 0; // S > 0, so the constant's sign is c's sign
    for (const p of parts) pushBit(p, bit);
    return parts;
  }
  signMagnitudeRow(z, at, rowScratch);
  let g: IntAffine | undefined;
  let out: Part[] | undefined;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const vs = p.cell.vertices;
    // read only during this part's split (never kept): one scratch array
    if (signScratch.length < vs.length) signScratch = new Int8Array(2 * vs.length);
    const signs = signScratch;
    let above = false;
    let below = false;
    for (let k = 0; k < vs.length; k++) {
      const v = vs[k]!;
      let s = limbAffineSign(rowScratch, vertexLimbs(v));
      if (s === undefined) {
        g ??= unitRow(z, j);
        s = exactAffineSign(g.w, g.c, v);
      }
      signs[k] = s;
      if (s > 0) above = true;
      else if (s < 0) below = true;
    }
    if (stats) stats.signTests += vs.length;
    if (above && below) {
      g ??= unitRow(z, j);
      // the parts before this one were not cut: copied once a part is
      out ??= parts.slice(0, i);
      // g takes both strict signs: a cut, so its primitive row is made once, for the parts
      const h = primitive(g, 'exact');
      splitPart(p, g, p.cell.split(g, 'exact', stats, signs, h), out, 'exact', h);
    } else {
      pushBit(p, above); // no vertex above: the whole part has g ≤ 0 (bit 0)
      if (out) out.push(p);
    }
  }
  return out ?? parts;
}

/**
 * All activation regions of a ReLU MLP in the domain cell, unsorted. `floatFilter: false` decides
 * every unit of the exact limb path on its exact row (the same cells: the tests' oracle for the
 * filter).
 */
export function mlpCells(
  model: ReluMlpModel,
  domainCell: VCell,
  predicates: Predicates,
  stats?: FilterStats,
  onProgress?: ProgressCallback,
  floatFilter = true,
): PartitionCell[] {
  const layers = integerLayers(model);
  const slopes = cellMapSlopes(model);
  const L = layers.length;
  const limbLayers = layers.some((x) => x.leak) ? undefined : layers.map(limbLayer);
  // H_0, the first layer's map (every cell's; `first` below is a layer's first sibling map)
  const h0 = limbLayers ? LimbMap.first(layers[0]!) : firstMap(layers[0]!);
  // the exact limb path's filter: each cell's layer map in float64 with a proven bound
  const floatLayers =
    limbLayers && predicates === 'exact' && floatFilter ? poolLayers(model) : undefined;
  const floatMaps = new CellFloatMaps();
  let states: State[] = [new State(domainCell, '', h0, undefined)];
  for (let l = 0; l < L - 1; l++) {
    const next: State[] = [];
    let done = 0;
    const lastSplit = l === L - 2;
    for (const st of states) {
      const z = st.map!;
      const units = z instanceof LimbMap ? z.rows : z.A.length;
      // the cell's H_l in float64 (siblings — one parent's cells, one after another here — made
      // from one another: CellFloatMaps)
      const fz = !floatLayers
        ? undefined
        : l === 0
          ? firstFloatMap(floatLayers[0]!)
          : floatMaps.next(
              st.floatPrev!,
              floatLayers[l]!,
              st.label,
              st.label.length - layers[l - 1]!.W.length,
              lastSplit,
            );
      // the rows' sign bounds on this cell (its parts' vertices lie in it)
      if (fz) boundRows(fz, st.cell.vertices);
      let parts: Part[] = [new Part(st.cell, new Array<boolean>(units), 0)];
      for (let j = 0; j < units; j++) {
        if (z instanceof LimbMap && predicates === 'exact') {
          parts = splitByLimbRow(parts, z, j, fz, stats);
          continue;
        }
        const r = rowOf(z, j);
        // not made primitive yet: most units do not cut the cell (only a cut stores the row)
        const g = splitRow(r.w, r.c, predicates);
        if (isConstantAffine(g)) {
          const bit = r.c > 0n; // S > 0, so the constant's sign is c's sign
          for (const p of parts) pushBit(p, bit);
          continue;
        }
        const split: Part[] = [];
        for (const p of parts)
          splitPart(p, g, p.cell.split(g, predicates, stats), split, predicates);
        parts = split;
      }
      let first: LimbMap | undefined;
      for (const p of parts) {
        // sibling parts (same layer map z) differ in a few bits: their maps from the first one's
        const text = bitsText(p.bits);
        // a final cell is not split: its (output) map is made from its label when read
        const zn = lastSplit
          ? undefined
          : z instanceof LimbMap
            ? first
              ? LimbMap.nextFrom(first, text, 0)
              : (first = LimbMap.next(z, limbLayers![l + 1]!, text, 0))
            : nextMap(z, p.bits, layers[l + 1]!, layers[l]!);
        next.push(new State(p.cell, st.label + text, zn, lastSplit ? undefined : fz));
      }
      onProgress?.({ phase: `layer ${l + 1}`, done: ++done, total: states.length });
    }
    states = next;
  }
  // A cell keeps its label, not its maps: they are made again from the label when first read
  // (exact on demand), so the enumeration's maps die young with it. The last map made per layer
  // is kept with its label prefix: cells read in label order (a report's predictions) share the
  // maps of their common prefix, as the enumeration's siblings did.
  const lastPrefix: string[] = [];
  const lastMap: LayerMap[] = [];
  const mapsOf = (label: string): LayerMap[] => {
    const maps: LayerMap[] = [h0];
    const pattern = limbLayers ? undefined : mlpPattern(model, label);
    for (let l = 0, at = 0; l < L - 1; l++) {
      const z = maps[l]!;
      const n = layers[l]!.W.length;
      // H_{l+1} depends on the bits of layers 0 … l
      const prefix = label.slice(0, at + n);
      let m = lastPrefix[l] === prefix ? lastMap[l] : undefined;
      // a cached map built on an earlier (equal) map of layer l − 1 than this label's is made
      // again: reused, it would keep that earlier chain alive beside the new one (measured: the
      // 28 MB-heap run of cli budget.test.ts then aborts before the memory ceiling stops it)
      if (m === undefined || (l > 0 && m instanceof LimbMap && m.prev !== z)) {
        m =
          z instanceof LimbMap
            ? LimbMap.next(z, limbLayers![l + 1]!, label, at)
            : nextMap(z, pattern![l]!, layers[l + 1]!, layers[l]!);
        lastPrefix[l] = prefix;
        lastMap[l] = m;
      }
      maps.push(m);
      at += n;
    }
    return maps;
  };
  // the vertices' limbs served the splits only (made again if a later split asks)
  for (const st of states) for (const v of st.cell.vertices) v.limbs = undefined;
  return states.map((st) => cellOfState(model, st.label, st.cell, predicates, slopes, mapsOf));
}

/**
 * A final cell: its polytope from the enumeration's cell, its prediction and maps from its label
 * (`mapsOf`, made on first read; what the closures hold is the label, not the enumeration's maps).
 */
function cellOfState(
  model: ReluMlpModel,
  label: string,
  vcell: VCell,
  predicates: Predicates,
  slopes: ReturnType<typeof cellMapSlopes>,
  mapsOf: (label: string) => LayerMap[],
): PartitionCell {
  let maps: LayerMap[] | undefined;
  let outMap: IntMap | undefined;
  const all = (): LayerMap[] => (maps ??= mapsOf(label));
  const output = (): IntMap => {
    const a = all();
    return (outMap ??= intMap(a[a.length - 1]!));
  };
  const cell = cellFromVCell(label, vcell, predicates);
  // the output at the cell's exact centroid (SPEC §2: the prediction does not depend on vertex order)
  lazyProperty(cell, 'prediction', () => {
    const y = evaluateMap(output(), cell.polytope.centroid()).map((v) => v.toNumber());
    return y.length === 1 ? y[0]! : y;
  });
  lazyProperty(cell, 'mlp', () => {
    // the output map now; the hidden layers' maps (wide, slow to reduce) when first asked for
    const out = toAffineMap(output());
    const hidden = all();
    const result = { pattern: mlpPattern(model, label), output: out, ...slopes } as MlpCellMaps;
    lazyProperty(result, 'layerMaps', () =>
      hidden.map((m, i) => (i === hidden.length - 1 ? out : toAffineMap(intMap(m)))),
    );
    return result;
  });
  return cell;
}
