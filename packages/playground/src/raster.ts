/**
 * The cheap live view while training: for every pixel of a grid over [0, 1]², the activation
 * pattern of the hidden units (layer by layer, bit 1 iff the pre-activation is > 0, the label of
 * SPEC §2 for MLPs) and the sign of the output, in float64. Pixels of one cell share a pattern and
 * so a colour ({@link cellColor}); the exact cells are computed on pause (analysis.ts).
 *
 * Scanline raster: along one pixel row the pre-activations of the first hidden layer are affine in
 * x, so each unit changes sign at most once; between two consecutive crossings the layer's pattern
 * is constant and the next layer's pre-activations are affine in x again (composed on that span).
 * Each row is therefore cut recursively into spans of one pattern, and the net is evaluated once per
 * span and unit, not once per pixel and unit. A unit's sign on a span is its sign at the span's
 * middle pixel centre; pixels next to a crossing may differ from a per-pixel evaluation by the
 * rounding of the composed affine map (testing/raster-per-pixel.ts keeps that one as the oracle).
 */
import { FNV_OFFSET, type Rgb, hashColor } from './colors.js';
import type { FloatMlp } from './mlp.js';

/** Options of {@link rasterPatterns}. */
export interface RasterOptions {
  width: number;
  height: number;
  /** Hidden layers whose bits form the pattern (the layer slider P_1 … P_L); default all. */
  layers?: number;
}

const ZERO = 48; // '0'
const ONE = 49; // '1'

/**
 * RGBA pixels (row 0 at the top, y = 1) coloured by (pattern of the first `layers` hidden layers,
 * class at the pixel centre), and the number of distinct patterns seen.
 */
export function rasterPatterns(
  mlp: FloatMlp,
  options: RasterOptions,
): { pixels: Uint8ClampedArray; patterns: number } {
  const { width, height } = options;
  const sizes = mlp.sizes;
  const L = mlp.layers.length;
  const hiddenLayers = Math.min(options.layers ?? L - 1, L - 1);
  const w = mlp.layers.map((layer) => Float64Array.from(layer.weights.flat()));
  const b = mlp.layers.map((layer) => Float64Array.from(layer.bias));
  // per layer l (pre-activations of layer l+1 of sizes): z_j(x) = A[l][j] + B[l][j]·x on a span
  const A = sizes.slice(1).map((n) => new Float64Array(n));
  const B = sizes.slice(1).map((n) => new Float64Array(n));
  const cuts = sizes.slice(1).map((n) => new Int32Array(n + 2));
  const active = sizes.slice(1).map((n) => new Int32Array(n));
  const pixels = new Uint8ClampedArray(width * height * 4);
  // key: label hash (29 bits) × 2 + class; a hash collision only merges two colours of the view
  const colours = new Map<number, Rgb>();
  const hashes = new Set<number>();
  const xOf = (i: number) => (i + 0.5) / width;
  let rowStart = 0;

  const fill = (i0: number, i1: number, hash: number): void => {
    const a = A[L - 1]![0]!;
    const s = B[L - 1]![0]!;
    const h = hash >>> 0;
    hashes.add(h & 0x1fffffff);
    let lastCls = -1;
    let c: Rgb = [0, 0, 0];
    for (let i = i0; i < i1; i++) {
      const cls = a + s * xOf(i) > 0 ? 1 : 0;
      if (cls !== lastCls) {
        const key = (h & 0x1fffffff) * 2 + cls;
        let found = colours.get(key);
        if (found === undefined) {
          found = hashColor(h, cls);
          colours.set(key, found);
        }
        c = found;
        lastCls = cls;
      }
      const k = rowStart + 4 * i;
      pixels[k] = c[0];
      pixels[k + 1] = c[1];
      pixels[k + 2] = c[2];
      pixels[k + 3] = 255;
    }
  };

  // spans [i0, i1) of pixels on which layers < l have one pattern; A[l], B[l] hold layer l's maps
  const span = (l: number, i0: number, i1: number, hash: number): void => {
    if (l === L - 1) {
      fill(i0, i1, hash);
      return;
    }
    const a = A[l]!;
    const s = B[l]!;
    const n = a.length;
    const cut = cuts[l]!;
    // crossings: unit j is > 0 at pixel i iff a + s·x_i > 0; it changes sign between pixels k−1, k
    let m = 0;
    cut[m++] = i0;
    for (let j = 0; j < n; j++) {
      const sj = s[j]!;
      if (sj === 0) continue;
      const k = Math.floor((-a[j]! / sj) * width - 0.5) + 1;
      if (k > i0 && k < i1) {
        // insertion into the sorted cuts (few per span)
        let p = m++;
        while (p > 1 && cut[p - 1]! > k) {
          cut[p] = cut[p - 1]!;
          p--;
        }
        cut[p] = k;
      }
    }
    cut[m++] = i1;
    const bits = l < hiddenLayers;
    const act = active[l]!;
    const nextA = A[l + 1]!;
    const nextB = B[l + 1]!;
    const wl = w[l + 1]!;
    const bl = b[l + 1]!;
    const nNext = nextA.length;
    for (let c = 0; c + 1 < m; c++) {
      const s0 = cut[c]!;
      const s1 = cut[c + 1]!;
      if (s1 <= s0) continue;
      const x = xOf((s0 + s1 - 1) >> 1);
      let h = hash;
      let count = 0;
      for (let j = 0; j < n; j++) {
        if (a[j]! + s[j]! * x > 0) {
          act[count++] = j;
          if (bits) h = Math.imul(h ^ ONE, 0x01000193);
        } else if (bits) h = Math.imul(h ^ ZERO, 0x01000193);
      }
      for (let k = 0, row = 0; k < nNext; k++, row += n) {
        let za = bl[k]!;
        let zb = 0;
        for (let q = 0; q < count; q++) {
          const j = act[q]!;
          const wkj = wl[row + j]!;
          za += wkj * a[j]!;
          zb += wkj * s[j]!;
        }
        nextA[k] = za;
        nextB[k] = zb;
      }
      span(l + 1, s0, s1, h);
    }
  };

  const w0 = w[0]!;
  const b0 = b[0]!;
  const n0 = sizes[0]!;
  for (let py = 0; py < height; py++) {
    const y = 1 - (py + 0.5) / height;
    rowStart = 4 * py * width;
    const a = A[0]!;
    const s = B[0]!;
    for (let j = 0, row = 0; j < a.length; j++, row += n0) {
      a[j] = b0[j]! + w0[row + 1]! * y;
      s[j] = w0[row]!;
    }
    span(0, 0, width, FNV_OFFSET | 0);
  }
  return { pixels, patterns: hashes.size };
}
