/**
 * Shape checks on in-memory models before any geometry (readers validate files; this guards models
 * built by hand). Errors name the field and the fix.
 */
import { MlgeoError, ShapeError, isRational } from '@mlgeo/exact-arith';
import type { Model } from '../models.js';

function checkVector(v: unknown, n: number, field: string): void {
  if (!Array.isArray(v) || v.length !== n)
    throw new ShapeError(
      `expected ${n} entries, got ${Array.isArray(v) ? v.length : typeof v}`,
      field,
      `give exactly ${n} numbers`,
    );
  v.forEach((x, i) => {
    if (!isRational(x))
      throw new ShapeError(
        'expected an exact Rational',
        `${field}[${i}]`,
        'convert numbers with Rational.from',
      );
  });
}

/** Throws ShapeError / MlgeoError when the model's arrays do not fit together. */
export function validateModel(model: Model): void {
  const d = model.inputDimension;
  if (!Number.isInteger(d) || d < 1)
    throw new ShapeError(
      `input dimension ${d} is not a positive integer`,
      'inputDimension',
      'give d ≥ 1',
    );
  switch (model.kind) {
    case 'arrangement':
      model.hyperplanes.forEach((h, j) => {
        checkVector(h.w, d, `hyperplanes[${j}].w`);
        if (!isRational(h.c))
          throw new ShapeError(
            'expected an exact Rational',
            `hyperplanes[${j}].c`,
            'convert with Rational.from',
          );
      });
      return;
    case 'mlp': {
      if (model.layers.length === 0)
        throw new ShapeError(
          'the network has no layers',
          'layers',
          'give at least the output layer',
        );
      let width = d;
      model.layers.forEach((layer, l) => {
        const out = layer.bias.length;
        if (layer.weights.length !== out)
          throw new ShapeError(
            `${layer.weights.length} weight rows but ${out} biases`,
            `layers[${l}].weights`,
            'give one weight row per unit',
          );
        layer.weights.forEach((row, j) => checkVector(row, width, `layers[${l}].weights[${j}]`));
        checkVector(layer.bias, out, `layers[${l}].bias`);
        width = out;
      });
      return;
    }
    case 'voronoi':
      if (model.sites.length === 0)
        throw new ShapeError('no sites', 'sites', 'give at least one site');
      model.sites.forEach((s, i) => checkVector(s, d, `sites[${i}]`));
      return;
    case 'linear':
      if (model.weights.length === 0)
        throw new ShapeError('no classes', 'weights', 'give at least one class');
      model.weights.forEach((w, i) => checkVector(w, d, `weights[${i}]`));
      checkVector(model.bias, model.weights.length, 'bias');
      return;
    case 'tree':
      return;
    case 'forest':
      if (model.trees.length === 0)
        throw new ShapeError('no trees', 'trees', 'give at least one tree');
      model.trees.forEach((t, i) => {
        if (t.inputDimension !== d)
          throw new ShapeError(
            `tree input dimension ${t.inputDimension} ≠ forest input dimension ${d}`,
            `trees[${i}].inputDimension`,
            'use trees over the same inputs',
          );
      });
      return;
    default:
      throw new MlgeoError(
        'UNKNOWN_MODEL',
        `unknown model kind ${(model as { kind: string }).kind}`,
        {
          field: 'kind',
          fix: 'use arrangement, mlp, tree, forest, voronoi or linear',
        },
      );
  }
}
