/**
 * Test oracle: a ReLU MLP evaluated directly from its layers (no cells, no maps of the library).
 * `exactScores` runs the forward pass in exact rationals and reads a single output f as the scores
 * (0, f) (SPEC §5: class 1 iff f > 0); `exactClass` is the argmax with the lowest index winning
 * ties (the same pass on integers over a common denominator); `boundaryMargin` is a float lower bound on the distance from x to every cell facet and
 * decision boundary: min |v| / |∇v| over all hidden pre-activations v and all score differences
 * z_k − z_j of the winning class k (each is affine on x's cell, so no boundary of the cell or the
 * decision can be nearer than its zero set).
 */
import { Rational } from '@mlgeo/exact-arith';
import type { DenseLayer } from '@mlgeo/model-partitions';

/** The scores at x, exactly. */
export function exactScores(layers: readonly DenseLayer[], x: readonly Rational[]): Rational[] {
  let h: Rational[] = x.slice();
  layers.forEach((layer, l) => {
    const z = layer.weights.map((row, j) =>
      row.reduce((s, w, i) => s.add(w.mul(h[i]!)), layer.bias[j]!),
    );
    h = l < layers.length - 1 ? z.map((v) => (v.sign() > 0 ? v : Rational.ZERO)) : z;
  });
  return h.length === 1 ? [Rational.ZERO, h[0]!] : h;
}

/** One layer over a common denominator: W = Wn / s, b = bn / s (s > 0). */
interface IntegerLayer {
  W: bigint[][];
  b: bigint[];
  s: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));

const integerCache = new WeakMap<readonly DenseLayer[], IntegerLayer[]>();
function integerLayers(layers: readonly DenseLayer[]): IntegerLayer[] {
  let out = integerCache.get(layers);
  if (!out) {
    out = layers.map((layer) => {
      const dens = [...layer.weights.flat(), ...layer.bias].map((v) => v.den);
      const s = dens.reduce((l, d) => (l / gcd(l, d)) * d, 1n);
      return {
        W: layer.weights.map((row) => row.map((v) => v.num * (s / v.den))),
        b: layer.bias.map((v) => v.num * (s / v.den)),
        s,
      };
    });
    integerCache.set(layers, out);
  }
  return out;
}

/**
 * argmax of the exact scores, lowest index on ties — the same forward pass as
 * {@link exactScores}, on integer numerators over one positive common denominator per layer
 * (h = H / D), so the signs and the order are exact without any gcd in the loop.
 */
export function exactClass(layers: readonly DenseLayer[], x: readonly Rational[]): number {
  const D0 = x.reduce((l, v) => (l / gcd(l, v.den)) * v.den, 1n);
  let H = x.map((v) => v.num * (D0 / v.den));
  let D = D0;
  const ints = integerLayers(layers);
  ints.forEach((layer, l) => {
    const Z = layer.W.map((row, j) => row.reduce((acc, w, i) => acc + w * H[i]!, layer.b[j]! * D));
    D *= layer.s;
    H = l < ints.length - 1 ? Z.map((v) => (v > 0n ? v : 0n)) : Z;
  });
  const z = H.length === 1 ? [0n, H[0]!] : H;
  let best = 0;
  z.forEach((v, i) => {
    if (v > z[best]!) best = i;
  });
  return best;
}

/** Float layers (weights and biases as numbers). */
export function floatLayers(layers: readonly DenseLayer[]): { W: number[][]; b: number[] }[] {
  return layers.map((l) => ({
    W: l.weights.map((row) => row.map((w) => w.toNumber())),
    b: l.bias.map((v) => v.toNumber()),
  }));
}

/** See the module comment: a lower bound on the distance to the nearest facet or boundary. */
export function boundaryMargin(
  layers: readonly { W: number[][]; b: number[] }[],
  x: number[],
): number {
  const d = x.length;
  let h = x.slice();
  let g: number[][] = x.map((_, i) => Array.from({ length: d }, (_, k) => (k === i ? 1 : 0)));
  let margin = Infinity;
  const within = (v: number, grad: number[]) => {
    const n = Math.hypot(...grad);
    if (n > 0) margin = Math.min(margin, Math.abs(v) / n);
  };
  layers.forEach((layer, l) => {
    const z = layer.W.map((row, j) => row.reduce((s, w, i) => s + w * h[i]!, layer.b[j]!));
    const gz = layer.W.map((row) =>
      Array.from({ length: d }, (_, k) => row.reduce((s, w, i) => s + w * g[i]![k]!, 0)),
    );
    if (l < layers.length - 1) {
      z.forEach((v, j) => within(v, gz[j]!));
      h = z.map((v) => Math.max(v, 0));
      g = gz.map((row, j) => (z[j]! > 0 ? row : row.map(() => 0)));
    } else {
      const zs = z.length === 1 ? [0, z[0]!] : z;
      const gs = z.length === 1 ? [new Array<number>(d).fill(0), gz[0]!] : gz;
      let k = 0;
      zs.forEach((v, i) => {
        if (v > zs[k]!) k = i;
      });
      zs.forEach((v, j) => {
        if (j !== k)
          within(
            zs[k]! - v,
            gs[k]!.map((a, i) => a - gs[j]![i]!),
          );
      });
    }
  });
  return margin;
}
