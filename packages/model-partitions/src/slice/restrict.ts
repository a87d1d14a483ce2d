/**
 * A model restricted to a slicing plane x(u, v) = p0 + u·e1 + v·e2 (e1 = p1 − p0, e2 = p2 − p0): a
 * model with two inputs (u, v) that computes, at every (u, v), exactly what the original model
 * computes at x(u, v) — same labels, same outputs, same ties (docs/math.md §2, slices).
 *
 * - ReLU MLP (leaky or not): only the first layer's weights and biases change,
 *   W1 x + b1 = (W1 [e1 e2]) (u, v) + (b1 + W1 p0); the activations and later layers are the same, so
 *   every activation pattern and output is the original one.
 * - Linear classifier and hyperplane arrangement: the same substitution in every affine function.
 * - Voronoi sites s_j: |x(u, v) − s_j|² = q(u, v) + 2 (Eᵀ(p0 − s_j))·(u, v) + |p0 − s_j|² with the
 *   same quadratic q for every site, so the nearest site is the argmax of the affine scores
 *   2 Eᵀ(s_j − p0)·(u, v) − |p0 − s_j|²: a linear classifier with the same indices and the same
 *   lowest-index tie rule (a power diagram of the plane).
 * - Trees and forests would get oblique splits, which their model kinds cannot express: they throw
 *   `SLICE_UNSUPPORTED`; their full partitions are small, so a section of the full partition is the
 *   way to draw them (the CLI does that).
 */
import type { Rational } from '@mlgeo/exact-arith';
import type {
  ArrangementModel,
  LinearClassifierModel,
  Model,
  ReluMlpModel,
  VoronoiModel,
} from '../models.js';
import { validateModel } from '../engines/validate.js';
import { type SlicePlane, SliceError, dotExact } from './plane.js';

/** The model kinds {@link restrictToPlane} supports. */
export const RESTRICTABLE_KINDS = ['mlp', 'linear', 'arrangement', 'voronoi'] as const;

/** Whether {@link restrictToPlane} supports the model's kind. */
export function isRestrictable(model: Model): boolean {
  return (RESTRICTABLE_KINDS as readonly string[]).includes(model.kind);
}

/** An affine function w·x + c pulled back to the plane: (w·e1, w·e2) and c + w·p0. */
function pullBack(plane: SlicePlane, w: readonly Rational[], c: Rational): [Rational[], Rational] {
  const [e1, e2] = plane.directions;
  return [[dotExact(w, e1), dotExact(w, e2)], c.add(dotExact(w, plane.origin))];
}

function restrictMlp(model: ReluMlpModel, plane: SlicePlane): ReluMlpModel {
  const [first, ...rest] = model.layers;
  const rows = first!.weights.map((w, j) => pullBack(plane, w, first!.bias[j]!));
  return {
    kind: 'mlp',
    inputDimension: 2,
    // the first layer keeps its activation (a leaky layer's negativeSlopes)
    layers: [{ ...first!, weights: rows.map((r) => r[0]), bias: rows.map((r) => r[1]) }, ...rest],
  };
}

function restrictLinear(model: LinearClassifierModel, plane: SlicePlane): LinearClassifierModel {
  const rows = model.weights.map((w, j) => pullBack(plane, w, model.bias[j]!));
  return {
    kind: 'linear',
    inputDimension: 2,
    weights: rows.map((r) => r[0]),
    bias: rows.map((r) => r[1]),
  };
}

function restrictArrangement(model: ArrangementModel, plane: SlicePlane): ArrangementModel {
  return {
    kind: 'arrangement',
    inputDimension: 2,
    hyperplanes: model.hyperplanes.map((h) => {
      const [w, c] = pullBack(plane, h.w, h.c);
      return { w, c };
    }),
  };
}

function restrictVoronoi(model: VoronoiModel, plane: SlicePlane): LinearClassifierModel {
  const [e1, e2] = plane.directions;
  const p0 = plane.origin;
  const weights: Rational[][] = [];
  const bias: Rational[] = [];
  for (const s of model.sites) {
    const toSite = s.map((x, i) => x.sub(p0[i]!)); // s_j − p0
    const two = (x: Rational) => x.add(x);
    weights.push([two(dotExact(e1, toSite)), two(dotExact(e2, toSite))]);
    bias.push(dotExact(toSite, toSite).neg());
  }
  return { kind: 'linear', inputDimension: 2, weights, bias };
}

/**
 * The model restricted to the plane (see module comment): a 2-input model with the same labels and
 * outputs at every plane point. Voronoi models become linear classifiers (same indices and ties).
 * Throws {@link SliceError} `SLICE_DIMENSION` when the plane's dimension is not the model's and
 * `SLICE_UNSUPPORTED` for trees and forests.
 */
export function restrictToPlane(model: Model, plane: SlicePlane): Model {
  validateModel(model);
  if (plane.dimension !== model.inputDimension)
    throw new SliceError(
      'SLICE_DIMENSION',
      `the plane lies in R^${plane.dimension}, the model has ${model.inputDimension} inputs`,
      'slice',
      `give three points with ${model.inputDimension} coordinates each`,
    );
  switch (model.kind) {
    case 'mlp':
      return restrictMlp(model, plane);
    case 'linear':
      return restrictLinear(model, plane);
    case 'arrangement':
      return restrictArrangement(model, plane);
    case 'voronoi':
      return restrictVoronoi(model, plane);
    default:
      throw new SliceError(
        'SLICE_UNSUPPORTED',
        `a ${model.kind} restricted to a plane has oblique splits, which no ${model.kind} model expresses`,
        'model.kind',
        'draw a section of the full partition instead (its cells are few: intersect them with the plane)',
      );
  }
}
