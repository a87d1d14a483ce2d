/**
 * The cheap live view while training: for every pixel of a grid over [0, 1]², the activation
 * pattern of the hidden units (layer by layer, bit 1 iff the pre-activation is > 0, the label of
 * SPEC §2 for MLPs) and the sign of the output, in float64. Pixels of one cell share a pattern and
 * so a colour ({@link cellColor}); the exact cells are computed on pause (exact.ts).
 */
import { FNV_OFFSET, type Rgb, fnvStep, hashColor } from './colors.js';
import type { FloatMlp } from './mlp.js';

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
export interface RasterOptions {
  width: number;
  height: number;
  /** Hidden layers whose bits form the pattern (the layer slider P_1 … P_L); default all. */
  layers?: number;
}

/**
 * RGBA pixels (row 0 at the top, y = 1) coloured by (pattern of the first `layers` hidden layers,
 * class at the pixel centre), and the number of distinct patterns seen.
 */
export function rasterPatterns(
  mlp: FloatMlp,
  options: RasterOptions,
): { pixels: Uint8ClampedArray; patterns: number } {
  const { width, height } = options;
  const net = pack(mlp);
  const L = net.w.length;
  const hiddenLayers = Math.min(options.layers ?? L - 1, L - 1);
  const maxWidth = Math.max(...net.sizes);
  let h = new Float64Array(maxWidth);
  let z = new Float64Array(maxWidth);
  const pixels = new Uint8ClampedArray(width * height * 4);
  // key: label hash × 2 + class; a hash collision only merges two colours of the live view
  const colours = new Map<number, Rgb>();
  let lastKey = -1;
  let last: Rgb = [0, 0, 0];
  const ZERO = 48; // '0'
  const ONE = 49; // '1'
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      h[0] = (px + 0.5) / width;
      h[1] = 1 - (py + 0.5) / height;
      let hash = FNV_OFFSET;
      let f = 0;
      for (let l = 0; l < L; l++) {
        const nIn = net.sizes[l]!;
        const nOut = net.sizes[l + 1]!;
        const w = net.w[l]!;
        const b = net.b[l]!;
        for (let j = 0; j < nOut; j++) {
          let s = b[j]!;
          const row = j * nIn;
          for (let i = 0; i < nIn; i++) s += w[row + i]! * h[i]!;
          if (l < L - 1) {
            if (l < hiddenLayers) hash = fnvStep(hash, s > 0 ? ONE : ZERO);
            z[j] = s > 0 ? s : 0;
          } else if (j === 0) f = s;
        }
        const t = h;
        h = z;
        z = t;
      }
      const cls = f > 0 ? 1 : 0;
      // a small integer key (fast Map lookups); neighbouring pixels mostly repeat the last key
      const key = (hash & 0x1fffffff) * 2 + cls;
      if (key !== lastKey) {
        let c = colours.get(key);
        if (c === undefined) {
          c = hashColor(hash, cls);
          colours.set(key, c);
        }
        last = c;
        lastKey = key;
      }
      const c = last;
      const k = 4 * (py * width + px);
      pixels[k] = c[0];
      pixels[k + 1] = c[1];
      pixels[k + 2] = c[2];
      pixels[k + 3] = 255;
    }
  }
  const patterns = new Set([...colours.keys()].map((k) => Math.floor(k / 2))).size;
  return { pixels, patterns };
}
