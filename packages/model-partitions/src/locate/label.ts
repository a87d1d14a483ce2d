/**
 * Labels of points by the model's own rule (SPEC §2 "Ties and data"): bit = 1 iff value > 0;
 * x_f ≤ t goes left; lowest index wins for Voronoi sites and argmax classifiers. For points on a
 * boundary we also list every label whose closed region contains the point, so that a caller can
 * send the point to the lowest-indexed cell whose closure contains it when its label names no cell.
 */
import {
  MlgeoError,
  Rational,
  affineWithError,
  roundRational,
  roundingErrors,
  sumErrorBound,
} from '@mlgeo/exact-arith';
import type {
  ArrangementModel,
  DecisionTreeModel,
  LinearClassifierModel,
  VoronoiModel,
} from '../models.js';
import { type IntAffine, affineFromRationals } from '../engines/affine.js';
import { compareLeafTuples } from '../engines/order.js';
import { treeSplits } from '../engines/tree.js';
import { type PreparedMlp, hiddenSigns } from './forward.js';
import type { DataPoint } from './point.js';
import type { ModelPartitionsErrorCode } from '../errors.js';

/** The label of a point and, when it lies on boundaries, the other labels it may belong to. */
export interface PointLabel {
  /** Label by the model's rule. */
  label: string;
  /** True when some deciding comparison was an exact tie (the point is on a boundary). */
  tie: boolean;
  /**
   * Labels of all sign regions whose closure contains the point, in SPEC §2 order (only `label`
   * when there is no tie). Regions here may be empty or lower-dimensional.
   */
  candidates: string[];
}

/** Hard limit on tie combinations (a point on many boundaries at once). */
const MAX_CANDIDATES = 1 << 12;

function tooManyTies(count: number): MlgeoError<ModelPartitionsErrorCode> {
  return new MlgeoError<ModelPartitionsErrorCode>(
    'TOO_MANY_TIES',
    `the point lies on ${count} boundaries at once`,
    {
      field: 'point',
      fix: 'move the point off the boundaries or use full enumeration (partitionOf + locatePoint)',
    },
  );
}

/** All bit strings obtained by setting the free positions of `base` (lexicographic order). */
function expandBits(base: string[], free: number[]): string[] {
  if (free.length > 12) throw tooManyTies(free.length);
  const out: string[] = [];
  for (let m = 0; m < 1 << free.length; m++) {
    const bits = base.slice();
    free.forEach((pos, i) => {
      bits[pos] = (m >> (free.length - 1 - i)) & 1 ? '1' : '0';
    });
    out.push(bits.join(''));
  }
  return out;
}

function fromSigns(signs: ArrayLike<number>): PointLabel {
  const base: string[] = [];
  const free: number[] = [];
  for (let i = 0; i < signs.length; i++) {
    base.push(signs[i]! > 0 ? '1' : '0');
    if (signs[i] === 0) free.push(i);
  }
  return {
    label: base.join(''),
    tie: free.length > 0,
    candidates: free.length > 0 ? expandBits(base, free) : [base.join('')],
  };
}

/** A model prepared for labelling many points. */
export interface Labeler {
  label(p: DataPoint): PointLabel;
}

export function arrangementLabeler(model: ArrangementModel): Labeler {
  const planes = model.hyperplanes.map((h) => affineFromRationals(h.w, h.c));
  return { label: (p) => fromSigns(planes.map((g) => p.sign(g))) };
}

export function mlpLabeler(net: PreparedMlp): Labeler {
  return {
    label: (p) => {
      const signs = hiddenSigns(net, p);
      const flat: number[] = [];
      for (const layer of signs) for (const s of layer) flat.push(s);
      return fromSigns(flat);
    },
  };
}

function treeLeaves(
  tree: DecisionTreeModel,
  splits: readonly (IntAffine | undefined)[],
  p: DataPoint,
): { rule: number; all: number[] } {
  let rule = -1;
  const all: number[] = [];
  const stack: { node: number; onRule: boolean }[] = [{ node: 0, onRule: true }];
  while (stack.length > 0) {
    const { node, onRule } = stack.pop()!;
    const n = tree.nodes[node]!;
    if (n.kind === 'leaf') {
      all.push(node);
      if (onRule) rule = node;
      continue;
    }
    const s = p.sign(splits[node]!); // x_f − t
    if (s <= 0) stack.push({ node: n.left, onRule });
    if (s >= 0) stack.push({ node: n.right, onRule: onRule && s > 0 });
  }
  return { rule, all: all.sort((a, b) => a - b) };
}

export function treeLabeler(tree: DecisionTreeModel): Labeler {
  const splits = treeSplits(tree);
  return {
    label: (p) => {
      const { rule, all } = treeLeaves(tree, splits, p);
      return { label: String(rule), tie: all.length > 1, candidates: all.map(String) };
    },
  };
}

export function forestLabeler(trees: DecisionTreeModel[]): Labeler {
  const splits = trees.map((t, i) => treeSplits(t, `trees[${i}].nodes`));
  return {
    label: (p) => {
      const per = trees.map((t, i) => treeLeaves(t, splits[i]!, p));
      const count = per.reduce((c, x) => c * x.all.length, 1);
      if (count > MAX_CANDIDATES) throw tooManyTies(count);
      let combos: number[][] = [[]];
      for (const x of per) combos = combos.flatMap((c) => x.all.map((leaf) => [...c, leaf]));
      const candidates = combos.map((c) => c.join('.'));
      candidates.sort(compareLeafTuples);
      return { label: per.map((x) => x.rule).join('.'), tie: count > 1, candidates };
    },
  };
}

/** Index sets attaining the best score; float scores with error bounds, exact when close. */
function bestIndices(
  n: number,
  floatScore: (i: number) => { value: number; error: number },
  exactScore: (i: number) => Rational,
  better: 1 | -1,
): number[] {
  const fs = Array.from({ length: n }, (_, i) => floatScore(i));
  let best = 0;
  for (let i = 1; i < n; i++) if (better * (fs[i]!.value - fs[best]!.value) > 0) best = i;
  const close = fs.filter(
    (s, i) => i !== best && better * (fs[best]!.value - s.value) <= fs[best]!.error + s.error,
  );
  if (close.length === 0 && Number.isFinite(fs[best]!.value)) return [best];
  const ex = Array.from({ length: n }, (_, i) => exactScore(i));
  let top = ex[0]!;
  for (const v of ex) if (better * v.cmp(top) > 0) top = v;
  return ex.flatMap((v, i) => (v.equals(top) ? [i] : []));
}

export function voronoiLabeler(model: VoronoiModel): Labeler {
  const sf = model.sites.map((s) => s.map((x) => x.toNumber()));
  const d = model.inputDimension;
  return {
    label: (p) => {
      const idx = bestIndices(
        sf.length,
        (i) => {
          let v = 0;
          let m = 0;
          for (let k = 0; k < d; k++) {
            const t = p.xf[k]! - sf[i]![k]!;
            v += t * t;
            const a = Math.abs(p.xf[k]!) + Math.abs(sf[i]![k]!);
            m += a * a;
          }
          // d squares of differences of rounded values: each t̂_k = fl(x̂_k − ŝ_k) is within
          // 2.01u·a_k of t_k (a_k = |x̂_k| + |ŝ_k|), so |t̂_k² − t_k²| ≤ 4.05u·a_k², and the float sum
          // adds γ_d·Σ t̂_k²: four times the kernel's bound for d + 2 terms of magnitude m covers it
          return { value: v, error: 4 * sumErrorBound(d + 2, m) };
        },
        (i) => {
          const x = p.exact();
          return model.sites[i]!.reduce((acc, s, k) => {
            const t = x[k]!.sub(s);
            return acc.add(t.mul(t));
          }, Rational.ZERO);
        },
        -1,
      );
      return { label: String(idx[0]), tie: idx.length > 1, candidates: idx.map(String) };
    },
  };
}

export function linearLabeler(model: LinearClassifierModel): Labeler {
  // filter operands (roundRational: NaN, hence never certified, below the normal range)
  const W = Float64Array.from(model.weights.flat(), roundRational);
  const c = Float64Array.from(model.bias, roundRational);
  const k = model.bias.length;
  return {
    label: (p) => {
      // all class scores with the kernel's running error bound; uncertifiable → all "close"
      const z = new Float64Array(k);
      const zErr = new Float64Array(k);
      const ok =
        p.filterable && affineWithError(W, c, p.xf, roundingErrors(p.xf, p.relError), z, zErr);
      const idx = bestIndices(
        k,
        (i) => (ok ? { value: z[i]!, error: zErr[i]! } : { value: 0, error: Infinity }),
        (i) => {
          const x = p.exact();
          return model.weights[i]!.reduce((acc, w, j) => acc.add(w.mul(x[j]!)), model.bias[i]!);
        },
        1,
      );
      return { label: String(idx[0]), tie: idx.length > 1, candidates: idx.map(String) };
    },
  };
}
