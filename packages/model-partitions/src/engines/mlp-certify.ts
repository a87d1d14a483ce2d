/**
 * Exact certificates for faces of ReLU MLP cells without forming the cells' exact H-representations
 * (which costs O(n³) BigInt work per cell in 64 D): an exact rational point y on the hyperplane of
 * unit u, checked by an integer forward pass with the cell's activation masks held fixed, so each
 * pre-activation is the cell's affine map z_l = A_l y + c_l evaluated exactly (SPEC §2 recursion).
 */
import {
  UNIT_ROUNDOFF,
  affineWithError,
  gcdOfList,
  roundingErrors,
  signBeyond,
} from '@mlgeo/exact-arith';
import type { IntAffine } from './affine.js';
import { affineFromIntegers } from './affine.js';
import { type IntLayer, leakDen, leakyWithError, maskFactor } from './mlp-maps.js';
import type { HVertex } from './vcell.js';
import { makeVertex } from './vcell.js';

/** Flat unit position → (hidden layer index, unit index). */
export function unitAt(
  intLayers: readonly IntLayer[],
  position: number,
): { layer: number; unit: number } {
  let p = position;
  for (let l = 0; l < intLayers.length - 1; l++) {
    const m = intLayers[l]!.b.length;
    if (p < m) return { layer: l, unit: p };
    p -= m;
  }
  throw new RangeError(`unit position ${position} out of range`);
}

/**
 * Exact pre-activation map of hidden unit (layer, unit) on the cell with `pattern`, by a backward
 * vector–matrix sweep: row = e_jᵀ W_l D_{l−1} W_{l−1} ⋯ D_1 W_1, constant likewise. O(Σ n_k n_{k−1}).
 */
export function exactUnitMap(
  intLayers: readonly IntLayer[],
  pattern: readonly (readonly boolean[])[],
  layer: number,
  unit: number,
): IntAffine {
  const { w, c } = exactUnitAffine(intLayers, pattern, layer, unit);
  return affineFromIntegers(w, c);
}

/**
 * The same map unscaled: z = (w·x + c) / den exactly (integers; {@link exactUnitMap} divides by the
 * gcd, which loses the scale that differences of outputs need).
 */
export function exactUnitAffine(
  intLayers: readonly IntLayer[],
  pattern: readonly (readonly boolean[])[],
  layer: number,
  unit: number,
): { w: bigint[]; c: bigint; den: bigint } {
  // r / den is the current covector on layer k's input; constants accumulate over a common
  // denominator: every term is multiplied up to Π_{k ≤ layer} s_k at the end
  let r: bigint[] = intLayers[layer]!.W[unit]!.slice();
  const cTerms: { num: bigint; denLayers: number }[] = [
    { num: intLayers[layer]!.b[unit]!, denLayers: layer },
  ];
  // invariant: true covector on h_{k} = r / Π_{i=k+1..layer} s_i (integers), k = current layer − 1
  for (let k = layer - 1; k >= 0; k--) {
    const mask = pattern[k]!;
    const { W, b } = intLayers[k]!;
    // contribution of b_k: (r D_k)·b_k, D_k = diag(maskFactor) / leakDen (ReLU: the mask itself)
    let cb = 0n;
    const next = new Array<bigint>(W[0]!.length).fill(0n);
    for (let j = 0; j < r.length; j++) {
      if (r[j] === 0n) continue;
      const f = maskFactor(intLayers[k]!, mask[j], j);
      if (f === 0n) continue;
      const rj = r[j]! * f;
      cb += rj * b[j]!;
      const row = W[j]!;
      for (let i = 0; i < row.length; i++) if (row[i] !== 0n) next[i]! += rj * row[i]!;
    }
    cTerms.push({ num: cb, denLayers: k });
    r = next;
  }
  // denominators: w = r / Π_{i=0..layer} s_i; the term with denLayers = k is num / Π_{i=k..layer} s_i,
  // where a hidden layer below `layer` also carries its activation's denominator (D_k's leakDen)
  const s = intLayers.map((l, k) => (k < layer ? l.s * leakDen(l) : l.s));
  const prodFrom = (k: number) => s.slice(k, layer + 1).reduce((a, x) => a * x, 1n);
  const total = prodFrom(0);
  let c = 0n;
  for (const t of cTerms) c += t.num * (total / prodFrom(t.denLayers));
  return { w: r, c, den: total };
}

/** Point (homogeneous integer form) moved along coordinate k onto g = 0 exactly. */
export function projectOntoHyperplane(g: IntAffine, y: HVertex): HVertex | undefined {
  let k = -1;
  const abs = (v: bigint) => (v < 0n ? -v : v);
  for (let i = 0; i < g.w.length; i++)
    if (g.w[i] !== 0n && (k < 0 || abs(g.w[i]!) > abs(g.w[k]!))) k = i;
  if (k < 0) return undefined;
  // g(y) = (w·Y + c D)/D; new Y_k' with w·Y' + c D' = 0: scale by w_k
  let rest = g.c * y.den;
  for (let i = 0; i < g.w.length; i++) if (i !== k) rest += g.w[i]! * y.num[i]!;
  // Y' = Y·w_k (i ≠ k), Y'_k = −rest, D' = D·w_k
  const wk = g.w[k]!;
  const X = y.num.map((v, i) => (i === k ? -rest : v * wk));
  return makeVertex(X, y.den * wk);
}

/**
 * The sign unit `position` must have at a point of the cell's interior: bit 1 ⇔ z > 0, bit 0 ⇔ z < 0.
 */
export type WantedSign = (position: number, bit: boolean) => 1 | -1;

/** Inside the cell: each unit has the strict sign of its bit. */
const signOfBit: WantedSign = (_p, bit) => (bit ? 1 : -1);

/**
 * The masked forward pass at the exact point y, in integers: with the masks of `pattern` held fixed
 * (inactive units pass slope·z on leaky layers, 0 on ReLU layers) each pre-activation is the cell's
 * affine map z_l = A_l y + c_l (SPEC §2 recursion). True when every unit not in `ignore` has the
 * sign `want` gives it.
 */
export function maskedSignsExact(
  intLayers: readonly IntLayer[],
  pattern: readonly (readonly boolean[])[],
  y: HVertex,
  ignore: (position: number) => boolean,
  want: WantedSign = signOfBit,
): boolean {
  let h: readonly bigint[] = y.num;
  let S = y.den;
  let pos = 0;
  for (let l = 0; l < intLayers.length - 1; l++) {
    const layer = intLayers[l]!;
    const { W, b } = layer;
    const s = layer.s * leakDen(layer);
    const bits = pattern[l]!;
    const nh = new Array<bigint>(b.length);
    for (let j = 0; j < b.length; j++) {
      let z = b[j]! * S;
      const w = W[j]!;
      for (let k = 0; k < w.length; k++) if (w[k] !== 0n && h[k] !== 0n) z += w[k]! * h[k]!;
      const p = pos + j;
      if (!ignore(p) && (z > 0n ? 1 : z < 0n ? -1 : 0) !== want(p, bits[j]!)) return false;
      nh[j] = z * maskFactor(layer, bits[j], j);
    }
    pos += b.length;
    // keep numbers small
    const g = gcdOfList([...nh, S * s]);
    h = g > 1n ? nh.map((v) => v / g) : nh;
    S = g > 1n ? (S * s) / g : S * s;
  }
  return true;
}

/**
 * {@link maskedSignsExact} in float64 with the running error bound of exact-arith's
 * `affineWithError` (relative error 2^-53). `yf` is the point itself when `inputExact` (a double
 * vector is the rational it is), otherwise the correctly rounded copy of a rational point.
 * Returns true when every sign is certified to match, false when some sign certainly fails, and
 * undefined when the bound cannot tell (then the exact integer pass decides).
 */
export function maskedSignsFloat(
  W: readonly Float64Array[],
  b: readonly Float64Array[],
  pattern: readonly (readonly boolean[])[],
  yf: ArrayLike<number>,
  inputExact: boolean,
  ignore: (position: number) => boolean,
  slopes: readonly (Float64Array | undefined)[],
  want: WantedSign = signOfBit,
): boolean | undefined {
  let h: ArrayLike<number> = yf;
  let e = inputExact ? new Float64Array(yf.length) : roundingErrors(yf, UNIT_ROUNDOFF);
  let pos = 0;
  let unsure = false;
  for (let l = 0; l < pattern.length; l++) {
    const bits = pattern[l]!;
    const m = bits.length;
    const z = new Float64Array(m);
    const zErr = new Float64Array(m);
    if (!affineWithError(W[l]!, b[l]!, h, e, z, zErr)) return undefined;
    for (let j = 0; j < m; j++) {
      const p = pos + j;
      if (ignore(p)) continue;
      const s = signBeyond(z[j]!, zErr[j]!);
      if (s === undefined) unsure = true;
      else if (s !== want(p, bits[j]!)) return false;
    }
    // masks held fixed: inactive units give h = 0 exactly (ReLU) or slope·z (leaky)
    const slope = slopes[l];
    for (let j = 0; j < m; j++)
      if (!bits[j]) {
        if (slope && slope[j] !== 0) [z[j], zErr[j]] = leakyWithError(slope[j]!, z[j]!, zErr[j]!);
        else {
          z[j] = 0;
          zErr[j] = 0;
        }
      }
    pos += m;
    h = z;
    e = zErr;
  }
  return unsure ? undefined : true;
}

/**
 * True when every hidden unit of the cell except `skip` has the strict sign of its bit at y
 * (bit 1 ⇔ z > 0, bit 0 ⇔ z < 0), with the masks of `pattern` held fixed. Units listed in
 * `constantUnits` (zero rows on the cell) are not constraints and are ignored.
 */
export function strictlyInsideMasked(
  intLayers: readonly IntLayer[],
  pattern: readonly (readonly boolean[])[],
  y: HVertex,
  skip: number,
  constantUnits: ReadonlySet<number> = new Set(),
): boolean {
  return maskedSignsExact(intLayers, pattern, y, (p) => p === skip || constantUnits.has(p));
}

/**
 * Float-filtered version of {@link strictlyInsideMasked} at `yf`, the correctly rounded copy of the
 * rational point (see {@link maskedSignsFloat}; undefined: the exact pass decides).
 */
export function strictlyInsideMaskedFloat(
  W: readonly Float64Array[],
  b: readonly Float64Array[],
  pattern: readonly (readonly boolean[])[],
  yf: ArrayLike<number>,
  skip: number,
  constantUnits: ReadonlySet<number>,
  slopes: readonly (Float64Array | undefined)[],
): boolean | undefined {
  const ignore = (p: number) => p === skip || constantUnits.has(p);
  return maskedSignsFloat(W, b, pattern, yf, false, ignore, slopes);
}
