/**
 * Adam over a float MLP, the update `trainMlp` of @mlgeo/diff-forms makes (β₁ = 0.9, β₂ = 0.999,
 * ε = 1e-8), with its state kept between calls: the benches' training runs step a net with it.
 * Only the net's shape is read, so it serves nets of any diff-forms source tree.
 */
interface Net {
  layers: { weights: number[][]; bias: number[] }[];
}
interface Gradient {
  weights: number[][][];
  bias: number[][];
}

/** A zero gradient of the net's shape (moments start at 0). */
function zeros(net: Net): Gradient {
  return {
    weights: net.layers.map((l) => l.weights.map((r) => r.map(() => 0))),
    bias: net.layers.map((l) => l.bias.map(() => 0)),
  };
}

/** Returns `update(g)`: one Adam step of `net` (in place) along the gradient g. */
export function adamUpdater(net: Net, lr = 0.01): (g: Gradient) => void {
  const [b1, b2, eps] = [0.9, 0.999, 1e-8];
  const m = zeros(net);
  const v = zeros(net);
  let t = 0;
  return (g) => {
    t++;
    const c1 = 1 - b1 ** t;
    const c2 = 1 - b2 ** t;
    const upd = (p: number[], gg: number[], mm: number[], vv: number[]) => {
      for (let i = 0; i < p.length; i++) {
        mm[i] = b1 * mm[i]! + (1 - b1) * gg[i]!;
        vv[i] = b2 * vv[i]! + (1 - b2) * gg[i]! * gg[i]!;
        p[i]! -= (lr * (mm[i]! / c1)) / (Math.sqrt(vv[i]! / c2) + eps);
      }
    };
    net.layers.forEach((layer, l) => {
      layer.weights.forEach((row, j) =>
        upd(row, g.weights[l]![j]!, m.weights[l]![j]!, v.weights[l]![j]!),
      );
      upd(layer.bias, g.bias[l]!, m.bias[l]!, v.bias[l]!);
    });
  };
}
