/**
 * Exact unit maps of an MLP's cells through layer maps shared by prefix (issue 11): the map of
 * hidden unit (l, u) on a cell is z_u = W_l[u]·D_{l−1}·H_{l−1} + b_l[u], where H_{l−1} (the
 * pre-activations of layer l − 1 as an affine map of x) depends only on the cell's pattern of the
 * layers before l − 1. H is computed once per such prefix and every unit row from it in
 * O(n_{l−1}·d) integer operations, instead of a backward sweep through all layers per unit
 * (mlp-certify.ts `exactUnitMap`, O(Σ n_k n_{k−1})). The rows are the same: both are the exact
 * affine function z_u made primitive (divided by the gcd of a positive multiple). ReLU nets: H in
 * float64 limbs (limb-maps.ts), its rows computed when a unit row reads them, a prefix's H from the
 * last one made at its layer when few bits differ; leaky nets: BigInt maps (mlp-maps.ts `nextMap`).
 */
import { gcdOfList } from '@mlgeo/exact-arith';
import { type IntAffine, affineOfIntegers } from './affine.js';
import {
  LimbMap,
  type LimbLayer,
  activeUnits,
  combineRow,
  fromLimbs,
  limbLayer,
  primitiveHomogeneousRow,
  rowLimbs,
} from './limb-maps.js';
import { type IntLayer, type IntMap, firstMap, leakDen, maskFactor, nextMap } from './mlp-maps.js';

/**
 * The rows table of one label prefix's units (an index into {@link UnitMapCache}'s flat tables:
 * per unit used so far, its rows on the inactive and the active side, undefined until made).
 */
export type SideRows = number;

export class UnitMapCache {
  /** H_l by the label prefix of the layers before l (label: '0'/'1' per hidden unit). */
  private readonly maps = new Map<string, IntMap>();
  /** ReLU nets: H_l in float64 limbs (limb-maps.ts), rows on demand, by the same prefixes. */
  private readonly limbMaps = new Map<string, LimbMap>();
  /** Per layer: the last map made there without a base (a base for the next one). */
  private readonly lastMade: (LimbMap | undefined)[] = [];
  private limbLayers: LimbLayer[] | null | undefined;
  private rowBuf = new Float64Array(64);
  private activeBuf = new Int32Array(64);
  constructor(
    private readonly layers: () => readonly IntLayer[],
    /** Flat index of the first unit of each hidden layer. */
    private readonly unitBase: readonly number[],
    /**
     * Unit maps by `${label prefix of the layers before the unit}:${unit}` (may come filled with
     * maps made elsewhere by `exactUnitMap`, which are the same rows).
     */
    private readonly units = new Map<string, IntAffine>(),
    /** Expected number of unit rows (room made at once: no list grown by push per run). */
    rowsHint = 0,
  ) {
    this.entryRows = new Array<readonly bigint[] | undefined>(Math.max(16, rowsHint)).fill(
      undefined,
    );
  }

  /** H_l (pre-activations of hidden layer l) on cells whose label starts with `label`'s prefix. */
  private layerMap(label: string, l: number): IntMap {
    const key = label.slice(0, this.unitBase[l]!);
    let m = this.maps.get(key);
    if (!m) {
      const layers = this.layers();
      m =
        l === 0
          ? firstMap(layers[0]!)
          : nextMap(
              this.layerMap(label, l - 1),
              this.mask(label, l - 1),
              layers[l]!,
              layers[l - 1]!,
            );
      this.maps.set(key, m);
    }
    return m;
  }

  /**
   * Homogeneous rows of the unit maps by label prefix: a {@link SideRows} table per prefix, made
   * when asked (one hash of the prefix per cell and layer, not one per facet).
   */
  private readonly sides = new Map<string, SideRows>();
  /**
   * The tables, flat (no list per prefix): table t's entries form a chain from tableHead[t]
   * through entryNext (−1 ends it); entry e is unit entryUnit[e], its rows entryRows[2e] (inactive
   * side) and entryRows[2e + 1] (active side).
   */
  private tableHead = new Int32Array(64);
  private tables = 0;
  private entryUnit = new Int32Array(64);
  private entryNext = new Int32Array(64);
  private entries = 0;
  private entryRows: (readonly bigint[] | undefined)[];

  /** The rows table of the units of hidden layer `layer` on cells with `label`'s prefix. */
  sidesOf(label: string, layer: number): SideRows {
    // cells are read in label order, so the last prefix of this layer is usually the cell's
    // (a native prefix test instead of a substring and its hash)
    const last = this.lastPrefix[layer];
    if (last !== undefined && label.startsWith(last)) return this.lastSides[layer]!;
    const prefix = label.slice(0, this.unitBase[layer]!);
    let t = this.sides.get(prefix);
    if (t === undefined) {
      t = this.tables++;
      if (t === this.tableHead.length) {
        const grown = new Int32Array(2 * t);
        grown.set(this.tableHead);
        this.tableHead = grown;
      }
      this.tableHead[t] = -1;
      this.sides.set(prefix, t);
    }
    this.lastPrefix[layer] = prefix;
    this.lastSides[layer] = t;
    return t;
  }

  /** Per layer: the prefix and rows table of the last {@link sidesOf} lookup. */
  private readonly lastPrefix: (string | undefined)[] = [];
  private readonly lastSides: SideRows[] = [];

  /** The entry of `unit` in table t, added when missing. */
  private entryOf(t: SideRows, unit: number): number {
    let e = this.tableHead[t]!;
    while (e >= 0 && this.entryUnit[e] !== unit) e = this.entryNext[e]!;
    if (e >= 0) return e;
    e = this.entries++;
    if (e === this.entryUnit.length) {
      const u = new Int32Array(2 * e);
      u.set(this.entryUnit);
      this.entryUnit = u;
      const n = new Int32Array(2 * e);
      n.set(this.entryNext);
      this.entryNext = n;
    }
    this.entryUnit[e] = unit;
    this.entryNext[e] = this.tableHead[t]!;
    this.tableHead[t] = e;
    if (2 * e + 2 > this.entryRows.length) {
      const rows = new Array<readonly bigint[] | undefined>(4 * e + 4).fill(undefined);
      for (let i = 0; i < 2 * e; i++) rows[i] = this.entryRows[i];
      this.entryRows = rows;
    }
    return e;
  }

  /**
   * The half-space of a cell with this label on the side of unit (layer, unit) its bit says, as a
   * primitive homogeneous row h = (h0, h') with h0 + h'·x ≥ 0: (c, w) when active (z ≥ 0), (−c, −w)
   * when inactive, for the unit map g = w·x + c. Shared by every cell with the same prefix and
   * side: callers must not change it. `sides`: {@link sidesOf} of the label and layer.
   */
  homogeneousRow(
    label: string,
    layer: number,
    unit: number,
    sides: SideRows = this.sidesOf(label, layer),
  ): readonly bigint[] {
    // the unit's entry (a prefix's cells have few facet units: a linear scan)
    const at = 2 * this.entryOf(sides, unit);
    const rows = this.entryRows;
    const active = label.charCodeAt(this.unitBase[layer]! + unit) === 49 ? 1 : 0;
    let h = rows[at + active] as bigint[] | undefined;
    if (!h) {
      const other = rows[at + 1 - active];
      if (other) {
        // the other side's row negated: no key string, no map lookups
        h = new Array<bigint>(other.length);
        for (let i = 0; i < other.length; i++) h[i] = -other[i]!;
      } else {
        // a ReLU unit row made primitive on limbs (the same integers as primitiveRow: no key
        // string, no BigInt intermediates)
        const limbRow = this.limbSideRow(label, layer, unit, active === 0);
        if (limbRow) h = limbRow;
        else {
          const key = `${label.slice(0, this.unitBase[layer]!)}:${unit}`;
          const g = this.primitiveRow(key, label, layer, unit);
          h = new Array<bigint>(g.w.length + 1);
          h[0] = active ? g.c : -g.c;
          for (let i = 0; i < g.w.length; i++) h[i + 1] = active ? g.w[i]! : -g.w[i]!;
        }
      }
      rows[at + active] = h;
    }
    return h;
  }

  /**
   * ReLU nets, hidden layer ≥ 1: the unit's map as a primitive homogeneous row (c, w), negated when
   * `negate`, made on limbs (limb-maps.ts `primitiveHomogeneousRow`: the integers of
   * {@link primitiveRow} without BigInt intermediates); undefined on other layers and nets, or
   * when its gcd needs BigInts.
   */
  private limbSideRow(
    label: string,
    layer: number,
    unit: number,
    negate: boolean,
  ): bigint[] | undefined {
    const LL = layer > 0 ? this.limbs() : null;
    if (!LL) return undefined;
    const T = this.unitLimbs(label, layer, unit, LL);
    return primitiveHomogeneousRow(
      this.rowBuf,
      0,
      this.limbMap(label, layer - 1, LL).width,
      T,
      negate,
    );
  }

  /**
   * Row `unit` of H_layer (layer ≥ 1, ReLU) in limbs over H_{layer−1} (whose rows are computed as
   * read) into rowBuf: `width` entries of T normalised limbs; returns T.
   */
  private unitLimbs(label: string, layer: number, unit: number, LL: readonly LimbLayer[]): number {
    const H = this.limbMap(label, layer - 1, LL);
    const T = rowLimbs(H, LL[layer]!);
    const w = H.width;
    if (this.rowBuf.length < w * T) this.rowBuf = new Float64Array(2 * w * T);
    if (this.activeBuf.length < H.rows) this.activeBuf = new Int32Array(H.rows);
    const count = activeUnits(label, this.unitBase[layer - 1]!, H.rows, this.activeBuf);
    combineRow(H, LL[layer]!, unit, this.activeBuf, count, T, this.rowBuf, 0);
    return T;
  }

  /** The bits of hidden layer l in a label ('1': active). */
  private mask(label: string, l: number): boolean[] {
    const from = this.unitBase[l]!;
    const to = l + 1 < this.unitBase.length ? this.unitBase[l + 1]! : label.length;
    const out = new Array<boolean>(to - from);
    for (let k = from; k < to; k++) out[k - from] = label.charCodeAt(k) === 49;
    return out;
  }

  /** The layers as limbs, or null when some layer is leaky (then BigInt maps are used). */
  private limbs(): LimbLayer[] | null {
    if (this.limbLayers === undefined) {
      const layers = this.layers();
      this.limbLayers = layers.some((L) => L.leak) ? null : layers.map(limbLayer);
    }
    return this.limbLayers;
  }

  /** H_l in limbs on cells whose label starts with `label`'s prefix of the layers before l. */
  private limbMap(label: string, l: number, LL: readonly LimbLayer[]): LimbMap {
    const key = label.slice(0, this.unitBase[l]!);
    let m = this.limbMaps.get(key);
    if (!m) {
      if (l === 0) m = LimbMap.first(this.layers()[0]!);
      else {
        const prev = this.limbMap(label, l - 1, LL);
        // cells read in enumeration order: the last map made at this layer is often a near
        // neighbour's (a few bits of layer l − 1 differ), its rows the base of this one's
        const last = this.lastMade[l];
        m =
          last && last.prev === prev
            ? LimbMap.nextFrom(last, key, this.unitBase[l - 1]!)
            : LimbMap.next(prev, LL[l]!, key, this.unitBase[l - 1]!);
        if (!m.derived) this.lastMade[l] = m;
      }
      this.limbMaps.set(key, m);
    }
    return m;
  }

  /**
   * The exact map of hidden unit (layer, unit) on a cell with this label (its pattern), as a
   * primitive integer affine function (the same as `exactUnitMap`).
   */
  unitMap(label: string, layer: number, unit: number): IntAffine {
    return this.unitMapByKey(
      `${label.slice(0, this.unitBase[layer]!)}:${unit}`,
      label,
      layer,
      unit,
    );
  }

  /** {@link unitMap} with its cache key made by the caller. */
  private unitMapByKey(key: string, label: string, layer: number, unit: number): IntAffine {
    let g = this.units.get(key);
    if (g) return g;
    const r = this.primitiveRow(key, label, layer, unit);
    // the float copies (filter operands) only for callers of unitMap
    g = affineOfIntegers(r.w, r.c);
    this.units.set(key, g);
    return g;
  }

  /** Primitive integer rows by key, made without their float copies (homogeneousRow). */
  private readonly rowsByKey = new Map<string, { w: bigint[]; c: bigint }>();

  /** The unit's map as primitive integers (w, c): from `units` when made already. */
  private primitiveRow(
    key: string,
    label: string,
    layer: number,
    unit: number,
  ): { w: bigint[]; c: bigint } {
    const known = this.units.get(key) ?? this.rowsByKey.get(key);
    if (known) return known;
    const layers = this.layers();
    const L = layers[layer]!;
    const LL = layer > 0 ? this.limbs() : null;
    let row: bigint[];
    let c: bigint;
    if (layer === 0) {
      row = L.W[unit]!;
      c = L.b[unit]!;
    } else if (LL) {
      const T = this.unitLimbs(label, layer, unit, LL);
      const w = this.limbMap(label, layer - 1, LL).width;
      row = new Array<bigint>(w - 1);
      for (let i = 0; i < w - 1; i++) row[i] = fromLimbs(this.rowBuf, i * T, T);
      c = fromLimbs(this.rowBuf, (w - 1) * T, T);
    } else {
      const prev = this.layerMap(label, layer - 1);
      const prevLayer = layers[layer - 1]!;
      const mask = this.mask(label, layer - 1);
      const d = prev.A[0]?.length ?? 0;
      const w = L.W[unit]!;
      row = new Array<bigint>(d).fill(0n);
      c = L.b[unit]! * prev.S * leakDen(prevLayer);
      for (let k = 0; k < w.length; k++) {
        if (w[k] === 0n) continue;
        const f = maskFactor(prevLayer, mask[k], k);
        if (f === 0n) continue;
        const wk = w[k]! * f;
        const Ak = prev.A[k]!;
        for (let i = 0; i < d; i++) row[i]! += wk * Ak[i]!;
        c += wk * prev.c[k]!;
      }
    }
    // primitive: divided by the gcd (as affineFromIntegers)
    const k = gcdOfList([...row, c]);
    const r = k > 1n ? { w: row.map((v) => v / k), c: c / k } : { w: row.slice(), c };
    this.rowsByKey.set(key, r);
    return r;
  }
}
