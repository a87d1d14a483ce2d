/**
 * ReLU MLP activation regions on the float path (`predicates: 'filtered'`), float all the way
 * (issue 11; SPEC §1 float fast path, docs/float-enumeration.md): the same layer-by-layer,
 * unit-by-unit splitting as {@link mlpCells} (engines/mlp.ts), but every vertex is float64 with a
 * proven error bound and carries the current layer's pre-activations (likewise bounded), so a sign
 * test is one comparison |ẑ| > bound. A sign the bound cannot certify is decided exactly for that
 * vertex alone: its exact point is recomputed from its parents and cutting unit (lazy exact), then
 * an integer forward pass gives the exact pre-activation. The cells, labels, rows and vertex lists
 * are therefore identical to the exact path's; exact vertices, polytopes and maps are computed only
 * when read. Rows are kept as keys (a domain row, or a hidden unit and its side) and become exact
 * integer rows only when the polytope is asked for.
 */
import { type FilterStats, signBeyond } from '@mlgeo/exact-arith';
import type { ReluMlpModel } from '../models.js';
import type { MlpCellMaps, PartitionCell, Predicates, ProgressCallback } from '../partition.js';
import { type IntAffine, negateAffine } from './affine.js';
import { defineLazy, polytopeOfKnownCell } from './cell.js';
import { facetKeys, pruneKeys, splitBySigns } from './float-split.js';
import {
  FVertex,
  crossing,
  ensureLayer,
  exactCrossing,
  exactPoint,
  exactZ,
  floatLayers,
  vertexFromExact,
} from './float-vertex.js';
import { exactUnitMap } from './mlp-certify.js';
import {
  type IntLayer,
  type IntMap,
  evaluateMap,
  firstMap,
  integerLayers,
  nextMap,
  toAffineMap,
} from './mlp-maps.js';
import { type VCell } from './vcell.js';
import { type Rational, integerPointToRationals } from '@mlgeo/exact-arith';
import type { Polytope } from '@mlgeo/exact-polytope';

/** A cell of the float enumeration: vertices and their incidence (sorted row keys). */
interface FCell {
  vertices: FVertex[];
  incidence: (readonly number[])[];
}

interface State {
  cell: FCell;
  bits: boolean[][];
}

/** True when the float enumeration applies: a ReLU net (no leaky slopes). */
export function floatEnumerationApplies(model: ReluMlpModel): boolean {
  return !model.layers.some((l) => l.negativeSlopes?.some((a) => !a.isZero()) ?? false);
}

/** All activation regions of a ReLU MLP in the domain cell, float all the way (unsorted). */
export function mlpCellsFloat(
  model: ReluMlpModel,
  domainCell: VCell,
  predicates: Predicates,
  stats?: FilterStats,
  onProgress?: ProgressCallback,
): PartitionCell[] {
  const d = domainCell.dimension;
  // exact integer layers only when a decision or a reader needs them
  let intLayers: IntLayer[] | undefined;
  const layersOf = (): IntLayer[] => (intLayers ??= integerLayers(model));
  const fl = floatLayers(model);
  const L = fl.length;
  const domainRows = domainCell.rows;
  const m0 = domainRows.length;
  // row key: domain row r < m0; hidden unit with flat index u: m0 + u (its side is the cell's bit)
  const unitBase: number[] = [];
  let flat = 0;
  for (let l = 0; l < L - 1; l++) {
    unitBase.push(flat);
    flat += fl[l]!.outputs;
  }
  let states: State[] = [
    {
      cell: {
        vertices: domainCell.vertices.map((v) => vertexFromExact(v)),
        incidence: domainCell.incidence,
      },
      bits: [],
    },
  ];
  let tests = 0;
  let fallbacks = 0;
  let signBuf = new Int8Array(64);
  const signs = (cell: FCell, l: number, j: number, n: number): Int8Array => {
    const vs = cell.vertices;
    if (signBuf.length < vs.length) signBuf = new Int8Array(2 * vs.length);
    const out = signBuf;
    for (let i = 0; i < vs.length; i++) {
      const v = vs[i]!;
      if (v.layer !== l) ensureLayer(v, l, fl);
      const z = v.z!;
      tests++;
      const s = signBeyond(z[j]!, z[n + j]!);
      if (s !== undefined) out[i] = s;
      else {
        fallbacks++;
        const Z = exactZ(v, layersOf(), l)[j]!;
        // ±2: decided exactly (a crossing next to it is then built exactly too)
        out[i] = Z > 0n ? 2 : Z < 0n ? -2 : 0;
      }
    }
    return out;
  };
  for (let l = 0; l < L - 1; l++) {
    const n = fl[l]!.outputs;
    const next: State[] = [];
    // the crossing of edge (p, q) by unit j is one point whichever cell (of this layer) cuts it:
    // z_j is continuous and affine on each cell containing the edge, so neighbours share it (memo
    // on the vertex p, below)
    let done = 0;
    for (const st of states) {
      let parts: { cell: FCell; bits: boolean[] }[] = [{ cell: st.cell, bits: [] }];
      for (let j = 0; j < n; j++) {
        // z_j is affine on the state's cell: when its vertices show no strict sign change, no part
        // can be cut, and every part gets the bit the kernel would give it (a full-dimensional part
        // has a vertex with z_j ≠ 0 unless z_j ≡ 0 on the cell, and then all get 0)
        if (parts.length > 1) {
          const sg = signs(st.cell, l, j, n);
          let pos = false;
          let neg = false;
          for (let i = 0; i < st.cell.vertices.length; i++) {
            if (sg[i]! > 0) pos = true;
            else if (sg[i]! < 0) neg = true;
          }
          if (!(pos && neg)) {
            for (const p of parts) p.bits.push(pos);
            continue;
          }
        }
        const split: typeof parts = [];
        const key = m0 + unitBase[l]! + j;
        for (const p of parts) {
          const c = p.cell;
          const sg = signs(c, l, j, n);
          let pos = false;
          let neg = false;
          for (let i = 0; i < c.vertices.length; i++) {
            if (sg[i]! > 0) pos = true;
            else if (sg[i]! < 0) neg = true;
          }
          if (!(pos && neg)) {
            p.bits.push(pos);
            split.push(p);
            continue;
          }
          // a crossing between float-certified signs (±1) is interpolated with its bound (the
          // proof needs both certified); next to an exactly decided sign (±2) it is built exactly
          const res = splitBySigns(d, c.vertices, c.incidence, sg, key, (pi, qi) => {
            const a = c.vertices[pi]!;
            const b = c.vertices[qi]!;
            // the crossing memo lives on the positive end (few crossings per vertex and layer)
            let list = a.cuts;
            if (list && a.cutsLayer === l) {
              for (let t = 0; t < list.length; t++) {
                const seen = list[t]!;
                if (seen.pb === b && seen.cutUnit === j) return seen;
              }
            } else list = null;
            const v =
              (sg[pi] === 1 && sg[qi] === -1 ? crossing(a, b, l, j, n) : undefined) ??
              exactCrossing(a, b, l, j, layersOf());
            if (!list) {
              a.cuts = list = [];
              a.cutsLayer = l;
            }
            list.push(v);
            return v;
          });
          if (typeof res === 'string') throw new Error('unreachable: the signs change');
          // both parts carry the unit's key; the side comes from the cell's bit
          const above = res.above.incidence;
          const below = res.below.incidence;
          split.push({
            cell: { vertices: res.below.vertices, incidence: d <= 3 ? below : pruneKeys(d, below) },
            bits: [...p.bits, false],
          });
          split.push({
            cell: { vertices: res.above.vertices, incidence: d <= 3 ? above : pruneKeys(d, above) },
            bits: [...p.bits, true],
          });
        }
        parts = split;
      }
      for (const p of parts) next.push({ cell: p.cell, bits: [...st.bits, p.bits] });
      onProgress?.({ phase: `layer ${l + 1}`, done: ++done, total: states.length });
    }
    states = next;
  }
  if (stats) {
    stats.signTests += tests;
    stats.exactFallbacks += fallbacks;
  }
  const ctx: CellContext = {
    d,
    m0,
    domainRows,
    unitBase,
    predicates,
    layers: layersOf,
    unitMaps: new Map(),
  };
  const res: PartitionCell[] = new Array(states.length);
  for (let i = 0; i < states.length; i++) {
    // the float layer values are not needed any more (exact ones come from the exact point)
    for (const v of states[i]!.cell.vertices) {
      v.z = null;
      v.cuts = null;
    }
    res[i] = new FloatMlpCell(states[i]!, ctx);
  }
  return res;
}

/** Flat unit index → (hidden layer, unit). */
function unitOf(unitBase: readonly number[], u: number): { layer: number; unit: number } {
  let l = unitBase.length - 1;
  while (unitBase[l]! > u) l--;
  return { layer: l, unit: u - unitBase[l]! };
}

/**
 * A public cell of the float enumeration: label and float vertices at once; exact vertices,
 * polytope (rows from the final incidence), prediction and maps computed when first read.
 */
class FloatMlpCell implements PartitionCell {
  // declared fields assigned in the constructor (plain stores: thousands of cells are made)
  declare readonly label: string;
  declare readonly floatVertices: { points: Float64Array[]; error: number };
  declare private _vertices: FVertex[];
  declare private _incidence: (readonly number[])[];
  declare private _ctx: CellContext;
  declare private _bits: boolean[][];
  declare private _exactVertices: Rational[][] | undefined;
  declare private _polytope: Polytope | undefined;
  declare private _maps: IntMap[] | undefined;
  declare private _prediction: number | number[] | undefined;
  declare private _mlp: MlpCellMaps | undefined;

  constructor(st: State, ctx: CellContext) {
    // one flat string (a concatenated rope would make every later comparison flatten it)
    let total = 0;
    for (const layer of st.bits) total += layer.length;
    const codes = new Uint16Array(total);
    let at = 0;
    for (const layer of st.bits) for (const b of layer) codes[at++] = b ? 49 : 48;
    this.label = String.fromCharCode.apply(null, codes as unknown as number[]);
    const vertices = st.cell.vertices;
    const points = new Array<Float64Array>(vertices.length);
    let error = 0;
    for (let i = 0; i < vertices.length; i++) {
      const v = vertices[i]!;
      if (v.ex > error) error = v.ex;
      points[i] = v.x;
    }
    this.floatVertices = { points, error };
    this._vertices = vertices;
    this._incidence = st.cell.incidence;
    this._ctx = ctx;
    this._bits = st.bits;
    this._exactVertices = undefined;
    this._polytope = undefined;
    this._maps = undefined;
    this._prediction = undefined;
    this._mlp = undefined;
  }

  get vertices(): Rational[][] {
    this._exactVertices ??= this._vertices.map((v) =>
      integerPointToRationals(exactPoint(v, this._ctx.layers())),
    );
    return this._exactVertices;
  }

  get polytope(): Polytope {
    if (!this._polytope) {
      const { d, m0, domainRows, unitBase, predicates } = this._ctx;
      const layers = this._ctx.layers();
      const keys = facetKeys(d, this._incidence);
      const rows = keys.map((key) => {
        if (key < m0) return domainRows[key]!;
        const { layer, unit } = unitOf(unitBase, key - m0);
        // the unit's map depends on the bits of the layers before it: cells share it
        let prefix = 0;
        for (let l = 0; l < layer; l++) prefix += this._bits[l]!.length;
        const memoKey = `${this.label.slice(0, prefix)}:${unit}`;
        let g = this._ctx.unitMaps.get(memoKey);
        if (!g)
          this._ctx.unitMaps.set(memoKey, (g = exactUnitMap(layers, this._bits, layer, unit)));
        // the cell lies where the unit's bit says: bit 1 ⇔ z ≥ 0 ⇔ −z ≤ 0
        return this._bits[layer]![unit] ? negateAffine(g) : g;
      });
      // known vertices and incidence (s6-cx): no second vertex enumeration on the rows
      const at = new Map(keys.map((k, j) => [k, j]));
      const tight = this._incidence.map((l) => l.flatMap((k) => at.get(k) ?? []));
      this._polytope = polytopeOfKnownCell(
        d,
        rows,
        tight,
        (v) => exactPoint(this._vertices[v]!, layers),
        this.floatVertices,
        predicates,
      );
    }
    return this._polytope;
  }

  private _exactMaps(): IntMap[] {
    if (!this._maps) {
      const layers = this._ctx.layers();
      const maps = [firstMap(layers[0]!)];
      for (let l = 0; l < layers.length - 1; l++)
        maps.push(nextMap(maps[l]!, this._bits[l]!, layers[l + 1]!, layers[l]!));
      this._maps = maps;
    }
    return this._maps;
  }

  /** The output at the cell's exact centroid (as the exact path: SPEC §2). */
  get prediction(): number | number[] {
    if (this._prediction === undefined) {
      const all = this._exactMaps();
      const y = evaluateMap(all[all.length - 1]!, this.polytope.centroid()).map((v) =>
        v.toNumber(),
      );
      this._prediction = y.length === 1 ? y[0]! : y;
    }
    return this._prediction;
  }

  get mlp(): MlpCellMaps {
    if (!this._mlp) {
      const all = this._exactMaps();
      const output = toAffineMap(all[all.length - 1]!);
      const out = { pattern: this._bits, output } as MlpCellMaps;
      defineLazy(out, 'layerMaps', () =>
        all.map((m, i) => (i === all.length - 1 ? output : toAffineMap(m))),
      );
      this._mlp = out;
    }
    return this._mlp;
  }
}

/** What the lazy parts of a cell need from its enumeration. */
interface CellContext {
  d: number;
  m0: number;
  domainRows: readonly IntAffine[];
  unitBase: readonly number[];
  predicates: Predicates;
  layers: () => readonly IntLayer[];
  /** Exact unit maps by (label prefix of the layers before the unit, unit). */
  unitMaps: Map<string, IntAffine>;
}
