/**
 * The previous live raster, kept as the oracle of the scanline raster (raster.ts): the net evaluated
 * at every pixel centre. The cheap live view while training: for every pixel of a grid over [0, 1]², the activation
 * pattern of the hidden units (layer by layer, bit 1 iff the pre-activation is > 0, the label of
 * SPEC §2 for MLPs) and the sign of the output, in float64. Pixels of one cell share a pattern and
 * so a colour ({@link cellColor}); the exact cells are computed on pause (exact.ts).
 */
import { FNV_OFFSET, type Rgb, hashColor } from '../colors.js';
import type { FloatMlp } from '../mlp.js';

/** Flattened weights for the inner loop (row-major per layer). */
interface PackedMlp {
  sizes: number[];
  w: Float64Array[];
  b: Float64Array[];
}

function pack(mlp: FloatMlp): PackedMlp {
  return {
    sizes: mlp.sizes,
    w: mlp.layers.map((layer) => Float64Array.from(layer.weights.flat())),
    b: mlp.layers.map((layer) => Float64Array.from(layer.bias)),
  };
}

/** Options of {@link rasterPatterns}. */
interface RasterOptions {
  width: number;
  height: number;
  /** Hidden layers whose bits form the pattern (the layer slider P_1 … P_L); default all. */
  layers?: number;
}

/**
 * RGBA pixels (row 0 at the top, y = 1) coloured by (pattern of the first `layers` hidden layers,
 * class at the pixel centre), and the number of distinct patterns seen.
 */
export function rasterPatternsPerPixel(
  mlp: FloatMlp,
  options: RasterOptions,
): { pixels: Uint8ClampedArray; patterns: number } {
  const { width, height } = options;
  const net = pack(mlp);
  const L = net.w.length;
  const hiddenLayers = Math.min(options.layers ?? L - 1, L - 1);
  // one activation buffer per layer: acts[0] is the pixel, acts[l] the relu output of layer l
  const acts = net.sizes.map((n) => new Float64Array(n));
  const input = acts[0]!;
  const nz = new Int32Array(Math.max(...net.sizes));
  const pixels = new Uint8ClampedArray(width * height * 4);
  // key: label hash (29 bits) × 2 + class; a hash collision only merges two colours of the view
  const colours = new Map<number, Rgb>();
  let lastKey = -1;
  let last: Rgb = [0, 0, 0];
  const ZERO = 48; // '0'
  const ONE = 49; // '1'
  for (let py = 0; py < height; py++) {
    input[1] = 1 - (py + 0.5) / height;
    for (let px = 0; px < width; px++) {
      input[0] = (px + 0.5) / width;
      let hash = FNV_OFFSET | 0; // int32 in the loop (no heap numbers), uint32 below
      for (let l = 0; l < L - 1; l++) {
        const hin = acts[l]!;
        const hout = acts[l + 1]!;
        const w = net.w[l]!;
        const b = net.b[l]!;
        const nIn = hin.length;
        const nOut = hout.length;
        const bits = l < hiddenLayers;
        // relu outputs are often 0: multiply only the active inputs (the pixel's 2 always)
        let active = 0;
        for (let i = 0; i < nIn; i++) if (l === 0 || hin[i]! > 0) nz[active++] = i;
        for (let j = 0, row = 0; j < nOut; j++, row += nIn) {
          let s = b[j]!;
          for (let k = 0; k < active; k++) {
            const i = nz[k]!;
            s += w[row + i]! * hin[i]!;
          }
          if (s > 0) {
            hout[j] = s;
            if (bits) hash = Math.imul(hash ^ ONE, 0x01000193);
          } else {
            hout[j] = 0;
            if (bits) hash = Math.imul(hash ^ ZERO, 0x01000193);
          }
        }
      }
      const top = acts[L - 1]!;
      const wo = net.w[L - 1]!;
      let f = net.b[L - 1]![0]!;
      for (let i = 0; i < top.length; i++) f += wo[i]! * top[i]!;
      const cls = f > 0 ? 1 : 0;
      const key = (hash & 0x1fffffff) * 2 + cls;
      if (key !== lastKey) hash >>>= 0;
      if (key !== lastKey) {
        let c = colours.get(key);
        if (c === undefined) {
          c = hashColor(hash, cls);
          colours.set(key, c);
        }
        last = c;
        lastKey = key;
      }
      const k = 4 * (py * width + px);
      pixels[k] = last[0];
      pixels[k + 1] = last[1];
      pixels[k + 2] = last[2];
      pixels[k + 3] = 255;
    }
  }
  const patterns = new Set([...colours.keys()].map((k) => Math.floor(k / 2))).size;
  return { pixels, patterns };
}
