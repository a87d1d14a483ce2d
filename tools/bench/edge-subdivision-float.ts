/**
 * A tight float64 implementation of edge subdivision (Berzins, "Polyhedral complex extraction from
 * ReLU networks using edge subdivision", ICML 2023), written for the issue 11 benchmark from the
 * paper's description — the baseline a float code of this algorithm can reach in JavaScript.
 *
 * The polyhedral complex of the box [lo, hi]^d is kept as its vertices and edges only. Units are
 * processed one at a time, layer by layer. For unit k every vertex has its pre-activation value;
 * an edge whose two end values have opposite signs is split at the zero (linear interpolation: the
 * edge lies inside one region of every earlier unit, where unit k is affine); then, inside each
 * 2-face the unit's zero set crosses, the two new vertices on its boundary are joined by a new
 * edge. Faces are found from sign vectors: an edge lies on d − 1 cutting sets (its zero columns);
 * setting one of them to + or − gives the sign vector of one of its 2-faces, and two split edges
 * with the same 2-face sign vector bound the same face. Sign vectors are never stored: each vertex
 * keeps its d zero columns and a 64-bit linear hash Σ_j s_j·R_j over the columns already processed
 * (s_j = ±1 its side, R_j random), so an edge's or a face's hash is a vertex hash plus a few terms.
 *
 * Numbers: float64 throughout; a value v with |v| ≤ ε counts as + (no vertex is on a new zero set in
 * general position), as in the paper's code. Values of the current and earlier layers at a new
 * vertex are interpolated along its edge (they are affine there); later layers are evaluated from
 * the previous layer's activations once per vertex, at the start of each layer.
 */

/** A ReLU MLP in float64: `weights[l]` row-major (units × inputs), `bias[l]`. */
export interface FloatMlp {
  sizes: number[];
  weights: Float64Array[];
  bias: Float64Array[];
}

export interface EdgeSubdivisionOptions {
  lo: number;
  hi: number;
  /** Also cut along the output units' zero sets (the published algorithm does); default true. */
  outputSplit?: boolean;
  /** |value| ≤ eps counts as positive; default 1e-12. */
  eps?: number;
}

/** The complex: vertices with their zero columns and hashes, and the edges. */
export interface EdgeSubdivisionComplex {
  d: number;
  /** Columns: 2d box sides (x_i ≥ lo, then x_i ≤ hi), then every unit, layer by layer. */
  columns: number;
  /** Column index of the first output unit. */
  outputColumn: number;
  /** How many columns were processed (all but the output units without `outputSplit`). */
  processed: number;
  vertexCount: number;
  coords: Float64Array;
  /** d zero columns per vertex. */
  zeros: Int32Array;
  /** Per vertex, the hash lanes over processed non-zero columns. */
  hashA: Int32Array;
  hashB: Int32Array;
  /** Per vertex and unit, the pre-activation values (for the sign of the output units). */
  values: Float64Array;
  units: number;
  edgeCount: number;
  edgesA: Int32Array;
  edgesB: Int32Array;
  randA: Int32Array;
  randB: Int32Array;
  /** Face-pairing hash hits whose two edges do not share the face's zero columns (should be 0). */
  badPairs: number;
}

/** 64-bit lanes → a 53-bit Map key. */
const keyOf = (a: number, b: number) => (a >>> 0) * 2097152 + (b & 0x1fffff);

function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Growable typed arrays. */
class F64 {
  a: Float64Array;
  constructor(n: number) {
    this.a = new Float64Array(n);
  }
  ensure(n: number): void {
    if (n <= this.a.length) return;
    const b = new Float64Array(Math.max(n, this.a.length * 2));
    b.set(this.a);
    this.a = b;
  }
}
class I32 {
  a: Int32Array;
  constructor(n: number) {
    this.a = new Int32Array(n);
  }
  ensure(n: number): void {
    if (n <= this.a.length) return;
    const b = new Int32Array(Math.max(n, this.a.length * 2));
    b.set(this.a);
    this.a = b;
  }
}

export function edgeSubdivision(net: FloatMlp, o: EdgeSubdivisionOptions): EdgeSubdivisionComplex {
  const d = net.sizes[0]!;
  const layers = net.sizes.length - 1;
  const layerStart: number[] = [0];
  for (let l = 0; l < layers; l++) layerStart.push(layerStart[l]! + net.sizes[l + 1]!);
  const N = layerStart[layers]!; // units
  const B = 2 * d;
  const columns = B + N;
  const eps = o.eps ?? 1e-12;
  const lastLayer = o.outputSplit === false ? layers - 1 : layers;
  const rnd = mulberry32(0x5eed);
  const RA = new Int32Array(columns).map(() => rnd() | 0);
  const RB = new Int32Array(columns).map(() => rnd() | 0);

  // vertices
  const nv0 = 1 << d;
  const coords = new F64(nv0 * d * 16);
  const values = new F64(nv0 * N * 16);
  const zeros = new I32(nv0 * d * 16);
  const hA = new I32(nv0 * 16);
  const hB = new I32(nv0 * 16);
  let V = 0;
  for (let m = 0; m < nv0; m++) {
    let a = 0;
    let b = 0;
    for (let i = 0; i < d; i++) {
      const up = (m >> i) & 1;
      coords.a[m * d + i] = up ? o.hi : o.lo;
      zeros.a[m * d + i] = up ? d + i : i; // on x_i = hi or x_i = lo
      const inside = up ? i : d + i; // the opposite side: +
      a = (a + RA[inside]!) | 0;
      b = (b + RB[inside]!) | 0;
    }
    hA.a[m] = a;
    hB.a[m] = b;
    V++;
  }
  // edges of the box
  let eA = new I32(d * nv0 * 8);
  let eB = new I32(d * nv0 * 8);
  let E = 0;
  for (let m = 0; m < nv0; m++)
    for (let i = 0; i < d; i++)
      if (!((m >> i) & 1)) {
        eA.a[E] = m;
        eB.a[E] = m | (1 << i);
        E++;
      }

  /** Values of layer l at vertices [from, V) from layer l − 1 (or the coordinates). */
  const evalLayer = (l: number, from: number) => {
    const W = net.weights[l]!;
    const bias = net.bias[l]!;
    const n = net.sizes[l]!;
    const m = net.sizes[l + 1]!;
    const inOff = l === 0 ? 0 : layerStart[l - 1]!;
    const outOff = layerStart[l]!;
    const x = new Float64Array(n);
    for (let v = from; v < V; v++) {
      if (l === 0) for (let i = 0; i < n; i++) x[i] = coords.a[v * d + i]!;
      else
        for (let i = 0; i < n; i++) {
          const z = values.a[v * N + inOff + i]!;
          x[i] = z > 0 ? z : 0;
        }
      for (let j = 0; j < m; j++) {
        let s = bias[j]!;
        const r = j * n;
        for (let i = 0; i < n; i++) s += W[r + i]! * x[i]!;
        values.a[v * N + outOff + j] = s;
      }
    }
  };

  /** Side (±1) of vertex v for column c, c not among its zeros. */
  const side = (v: number, c: number) => {
    if (c < B) return 1;
    return values.a[v * N + c - B]! < -eps ? -1 : 1;
  };

  let badPairs = 0;
  // open-addressing table: face hash (two lanes) → new vertex; cleared per unit by a stamp
  let tableBits = 10;
  let tKeyA = new Int32Array(1 << tableBits);
  let tKeyB = new Int32Array(1 << tableBits);
  let tVal = new Int32Array(1 << tableBits);
  let tStamp = new Int32Array(1 << tableBits);
  let stamp = 0;
  /** The vertex stored under (ka, kb), or −1 after storing p there. */
  const faceLookup = (ka: number, kb: number, p: number): number => {
    const mask = (1 << tableBits) - 1;
    let i = (Math.imul(ka ^ (kb >>> 7), 0x9e3779b1) >>> (32 - tableBits)) & mask;
    for (;;) {
      if (tStamp[i] !== stamp) {
        tStamp[i] = stamp;
        tKeyA[i] = ka;
        tKeyB[i] = kb;
        tVal[i] = p;
        return -1;
      }
      if (tKeyA[i] === ka && tKeyB[i] === kb) return tVal[i]!;
      i = (i + 1) & mask;
    }
  };
  const edgeZeros = new Int32Array(Math.max(d - 1, 1));
  let nextA = new I32(E * 4);
  let nextB = new I32(E * 4);
  evalLayer(0, 0);
  for (let l = 0; l < lastLayer; l++) {
    const interpTo = layerStart[l + 1]!; // units with values affine along current edges
    for (let k = layerStart[l]!; k < layerStart[l + 1]!; k++) {
      const c = B + k;
      stamp++;
      // room for every split edge's 2(d − 1) face keys at load ≤ 1/2
      while (1 << tableBits < 4 * (d - 1) * E) {
        tableBits++;
        tKeyA = new Int32Array(1 << tableBits);
        tKeyB = new Int32Array(1 << tableBits);
        tVal = new Int32Array(1 << tableBits);
        tStamp = new Int32Array(1 << tableBits);
      }
      const Vold = V;
      const Eold = E;
      const nA = nextA;
      const nB = nextB;
      let NE = 0;
      for (let e = 0; e < Eold; e++) {
        const a = eA.a[e]!;
        const b = eB.a[e]!;
        const va = values.a[a * N + k]!;
        const vb = values.a[b * N + k]!;
        const sa = va < -eps ? -1 : 1;
        const sb = vb < -eps ? -1 : 1;
        if (sa === sb) {
          nA.ensure(NE + 1);
          nB.ensure(NE + 1);
          nA.a[NE] = a;
          nB.a[NE] = b;
          NE++;
          continue;
        }
        // new vertex p on the edge
        const p = V++;
        const t = va / (va - vb);
        coords.ensure(V * d);
        values.ensure(V * N);
        zeros.ensure(V * d);
        hA.ensure(V);
        hB.ensure(V);
        for (let i = 0; i < d; i++) {
          const xa = coords.a[a * d + i]!;
          coords.a[p * d + i] = xa + t * (coords.a[b * d + i]! - xa);
        }
        for (let u = 0; u < interpTo; u++) {
          const ua = values.a[a * N + u]!;
          values.a[p * N + u] = ua + t * (values.a[b * N + u]! - ua);
        }
        // edge zeros = zeros(a) ∩ zeros(b); the column of a not on the edge adds b's side
        let nz = 0;
        let ha = hA.a[a]!;
        let hb = hB.a[a]!;
        for (let i = 0; i < d; i++) {
          const z = zeros.a[a * d + i]!;
          let shared = false;
          for (let j = 0; j < d; j++) if (zeros.a[b * d + j] === z) shared = true;
          if (shared) edgeZeros[nz++] = z;
          else {
            const s = side(b, z);
            ha = (ha + s * RA[z]!) | 0;
            hb = (hb + s * RB[z]!) | 0;
          }
        }
        for (let i = 0; i < d - 1; i++) zeros.a[p * d + i] = edgeZeros[i]!;
        zeros.a[p * d + d - 1] = c;
        hA.a[p] = ha;
        hB.a[p] = hb;
        nA.ensure(NE + 2);
        nB.ensure(NE + 2);
        nA.a[NE] = a;
        nB.a[NE] = p;
        nA.a[NE + 1] = p;
        nB.a[NE + 1] = b;
        NE += 2;
        // the 2-faces around the edge: one zero column set to + or − (box sides: + only)
        for (let i = 0; i < d - 1; i++) {
          const z = edgeZeros[i]!;
          for (let s = 1; s >= -1; s -= 2) {
            if (s === -1 && z < B) break;
            const other = faceLookup((ha + s * RA[z]!) | 0, (hb + s * RB[z]!) | 0, p);
            if (other >= 0) {
              // both new vertices lie on the face: they share its d − 2 zero columns
              let common = 0;
              for (let x = 0; x < d - 1; x++)
                for (let y = 0; y < d - 1; y++)
                  if (zeros.a[p * d + x] === zeros.a[other * d + y]) common++;
              if (common < d - 2) badPairs++;
              nA.ensure(NE + 1);
              nB.ensure(NE + 1);
              nA.a[NE] = other;
              nB.a[NE] = p;
              NE++;
            }
          }
        }
      }
      // old vertices get their side of the new column
      for (let v = 0; v < Vold; v++) {
        const s = values.a[v * N + k]! < -eps ? -1 : 1;
        hA.a[v] = (hA.a[v]! + s * RA[c]!) | 0;
        hB.a[v] = (hB.a[v]! + s * RB[c]!) | 0;
      }
      nextA = eA;
      nextB = eB;
      eA = nA;
      eB = nB;
      E = NE;
    }
    // the next layer's values at every vertex (those created now had only layers ≤ l)
    if (l + 1 < layers) evalLayer(l + 1, 0);
  }
  return {
    d,
    columns,
    outputColumn: B + layerStart[layers - 1]!,
    processed: B + layerStart[lastLayer]!,
    vertexCount: V,
    coords: coords.a,
    zeros: zeros.a,
    hashA: hA.a,
    hashB: hB.a,
    values: values.a,
    units: N,
    edgeCount: E,
    edgesA: eA.a,
    edgesB: eB.a,
    randA: RA,
    randB: RB,
    badPairs,
  };
}

/**
 * Cells of the complex: the distinct sign vectors around the vertices (each zero column of a unit
 * set to + or −, of a box side to +). With `hiddenOnly`, the output units' columns are left out, so
 * cells cut by f = 0 count once.
 */
export function countCells(cx: EdgeSubdivisionComplex, hiddenOnly: boolean): number {
  const { d, zeros, hashA, hashB, randA, randB } = cx;
  const B = 2 * d;
  const outFrom = cx.outputColumn;
  const outProcessed = cx.processed > outFrom;
  const keys = new Set<number>();
  const free: number[] = [];
  for (let v = 0; v < cx.vertexCount; v++) {
    let a = hashA[v]!;
    let b = hashB[v]!;
    free.length = 0;
    const isZero = (c: number) => {
      for (let i = 0; i < d; i++) if (zeros[v * d + i] === c) return true;
      return false;
    };
    if (hiddenOnly && outProcessed)
      for (let c = outFrom; c < cx.columns; c++)
        if (!isZero(c)) {
          const s = cx.values[v * cx.units + c - B]! < -1e-12 ? -1 : 1;
          a = (a - s * randA[c]!) | 0;
          b = (b - s * randB[c]!) | 0;
        }
    for (let i = 0; i < d; i++) {
      const z = zeros[v * d + i]!;
      if (z < B) {
        a = (a + randA[z]!) | 0;
        b = (b + randB[z]!) | 0;
      } else if (!(hiddenOnly && z >= outFrom)) free.push(z);
    }
    for (let m = 0; m < 1 << free.length; m++) {
      let ka = a;
      let kb = b;
      for (let i = 0; i < free.length; i++) {
        const s = (m >> i) & 1 ? 1 : -1;
        ka = (ka + s * randA[free[i]!]!) | 0;
        kb = (kb + s * randB[free[i]!]!) | 0;
      }
      keys.add(keyOf(ka, kb));
    }
  }
  return keys.size;
}
