/**
 * TensorFlow.js layers models: `model.json` (modelTopology + weightsManifest) and the binary weight
 * shards (`*.bin`, float32 little-endian, concatenated in manifest order). Supported: Sequential
 * models of Dense layers (activation relu or linear, use_bias), InputLayer, and the shape-neutral
 * Flatten / Dropout / Activation(relu|linear) layers, and ReLU / LeakyReLU / PReLU (fixed slopes)
 * activations. A Dense kernel is stored in × out;
 * we transpose it to our out × in (models.ts). Every float32 becomes the rational it exactly is.
 */
import type { Rational } from '@mlgeo/exact-arith';
import type { ReluMlpModel } from '@mlgeo/model-partitions';
import { stagesToMlp, type Stage } from './dense-stack.js';
import { ModelFormatError } from './errors.js';
import { describe, float32ToRational } from './exact-number.js';
import { parseJsonText } from './mlgeo-json.js';
import type { ModelReadResult } from './types.js';

interface ManifestEntry {
  name: string;
  shape: number[];
  dtype: string;
  offset: number; // byte offset in the concatenated weights
  field: string;
}

interface LayerSpec {
  className: string;
  config: Record<string, unknown>;
  field: string;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function invalid(field: string, detail: string, fix: string): ModelFormatError {
  return new ModelFormatError('INVALID', detail, { field, fix });
}

/** True for a model.json object with `modelTopology` and `weightsManifest`. */
export function isTfjsModelJson(value: unknown): boolean {
  return isRecord(value) && 'modelTopology' in value && 'weightsManifest' in value;
}

/** The Sequential layer list, from tfjs `model.save` or the Keras converter (`model_config`). */
function sequentialLayers(topology: unknown): LayerSpec[] {
  if (!isRecord(topology))
    throw invalid(
      'modelTopology',
      `expected an object, got ${describe(topology)}`,
      'export a Keras-style layers model (tfjs format "layers-model")',
    );
  let field = 'modelTopology';
  let model: unknown = topology;
  if (isRecord(topology.model_config)) {
    model = topology.model_config;
    field = 'modelTopology.model_config';
  }
  if (!isRecord(model)) throw invalid(field, 'missing model config', 'export a layers model');
  const functional = model.class_name === 'Model' || model.class_name === 'Functional';
  if (model.class_name !== 'Sequential' && !functional) {
    throw new ModelFormatError(
      'UNSUPPORTED_OPERATOR',
      `model class ${JSON.stringify(model.class_name)} is not supported`,
      {
        field: `${field}.class_name`,
        fix: 'build the network as a tf.sequential() / keras.Sequential model (or a functional chain)',
      },
    );
  }
  const config = model.config;
  const list = Array.isArray(config) ? config : isRecord(config) ? config.layers : undefined;
  const listField = Array.isArray(config) ? `${field}.config` : `${field}.config.layers`;
  if (!Array.isArray(list))
    throw invalid(listField, 'missing layer list', 'export a Sequential model with its layers');
  const layers = list.map((layer, i) => {
    const f = `${listField}[${i}]`;
    if (!isRecord(layer) || typeof layer.class_name !== 'string' || !isRecord(layer.config)) {
      throw invalid(f, 'expected {class_name, config}', 'export the model unchanged');
    }
    return { className: layer.class_name, config: layer.config, field: f };
  });
  if (functional) checkLinearChain(list as Record<string, unknown>[], listField);
  return layers;
}

/** Layer names an `inbound_nodes` value refers to (Keras 2 / tfjs arrays, Keras 3 keras_history). */
function inboundNames(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) {
    if (typeof value[0] === 'string' && typeof value[1] === 'number') into.add(value[0]);
    else for (const v of value) inboundNames(v, into);
  } else if (isRecord(value)) {
    const history = value.keras_history;
    if (Array.isArray(history) && typeof history[0] === 'string') into.add(history[0]);
    else for (const v of Object.values(value)) inboundNames(v, into);
  }
  return into;
}

/**
 * A functional model (`Model` / `Functional`) is read when its layers form one chain: each layer
 * takes exactly the previous layer as input. Anything else (skip connections, several inputs) is
 * not a sequential ReLU network.
 */
function checkLinearChain(list: Record<string, unknown>[], listField: string): void {
  const name = (layer: Record<string, unknown>) =>
    (typeof layer.name === 'string' ? layer.name : undefined) ??
    (isRecord(layer.config) && typeof layer.config.name === 'string' ? layer.config.name : '');
  list.forEach((layer, i) => {
    const inbound = [...inboundNames(layer.inbound_nodes, new Set())];
    const expected = i === 0 ? [] : [name(list[i - 1]!)];
    if (inbound.length !== expected.length || inbound.some((n, k) => n !== expected[k])) {
      const got = inbound.length === 0 ? 'no input' : JSON.stringify(inbound);
      const want = i === 0 ? 'no input' : `the previous layer ${JSON.stringify(expected[0])}`;
      throw new ModelFormatError(
        'UNSUPPORTED_OPERATOR',
        `layer ${JSON.stringify(name(layer))} takes ${got} instead of ${want}`,
        {
          field: `${listField}[${i}].inbound_nodes`,
          fix: 'only chains of layers (each taking the previous one) are supported; list the layers in order and remove branches',
        },
      );
    }
  });
}

function manifestEntries(manifest: unknown): {
  entries: ManifestEntry[];
  paths: string[];
  bytes: number;
} {
  if (!Array.isArray(manifest))
    throw invalid(
      'weightsManifest',
      `expected an array, got ${describe(manifest)}`,
      'export with tfjs model.save or tensorflowjs_converter',
    );
  const entries: ManifestEntry[] = [];
  const paths: string[] = [];
  let offset = 0;
  manifest.forEach((group, g) => {
    if (!isRecord(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) {
      throw invalid(
        `weightsManifest[${g}]`,
        'expected {paths, weights}',
        'export the model unchanged',
      );
    }
    for (const p of group.paths) paths.push(String(p));
    group.weights.forEach((w, k) => {
      const field = `weightsManifest[${g}].weights[${k}]`;
      if (
        !isRecord(w) ||
        typeof w.name !== 'string' ||
        !Array.isArray(w.shape) ||
        !w.shape.every((d) => Number.isInteger(d) && (d as number) >= 0)
      ) {
        throw invalid(field, 'expected {name, shape, dtype}', 'export the model unchanged');
      }
      const dtype = w.dtype ?? 'float32';
      if (dtype !== 'float32' || w.quantization !== undefined) {
        throw new ModelFormatError(
          'UNSUPPORTED_DTYPE',
          `weight "${w.name}" has dtype ${JSON.stringify(dtype)}${w.quantization !== undefined ? ' with quantization' : ''}`,
          {
            field,
            fix: 'save the model with float32 weights (no --quantize_* converter options)',
          },
        );
      }
      const shape = w.shape as number[];
      entries.push({ name: w.name, shape, dtype, offset, field });
      offset += 4 * shape.reduce((p, d) => p * d, 1);
    });
  });
  return { entries, paths, bytes: offset };
}

function concatenateShards(
  weights: Uint8Array | Map<string, Uint8Array>,
  paths: string[],
): Uint8Array {
  if (weights instanceof Uint8Array) return weights;
  const parts = paths.map((p, i) => {
    const part = weights.get(p);
    if (!part) {
      throw new ModelFormatError('WEIGHTS', `weight shard "${p}" is missing`, {
        field: `weightsManifest.paths[${i}]`,
        fix: `put ${p} next to model.json`,
      });
    }
    return part;
  });
  const total = parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The weight entry `<layer>/<kind>` (names may carry a model prefix, e.g. `sequential/dense/kernel`). */
function findWeight(
  entries: ManifestEntry[],
  layer: string,
  kind: 'kernel' | 'bias' | 'alpha',
): ManifestEntry | undefined {
  const suffix = `${layer}/${kind}`;
  return entries.find((e) => e.name === suffix || e.name.endsWith(`/${suffix}`));
}

function readFloats(buffer: Uint8Array, entry: ManifestEntry): Rational[] {
  const count = entry.shape.reduce((p, d) => p * d, 1);
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const out: Rational[] = [];
  for (let k = 0; k < count; k++) {
    out.push(
      float32ToRational(
        view.getFloat32(entry.offset + 4 * k, true),
        `weights["${entry.name}"][${k}]`,
      ),
    );
  }
  return out;
}

function declaredInputDimension(layer: LayerSpec): number | undefined {
  const c = layer.config;
  const shape =
    c.batch_input_shape ??
    c.batch_shape ??
    (c.input_shape !== undefined ? [null, ...(c.input_shape as unknown[])] : undefined);
  if (!Array.isArray(shape)) return undefined;
  const dims = shape.slice(1);
  if (dims.length === 0 || !dims.every((d) => Number.isInteger(d) && (d as number) > 0)) {
    throw new ModelFormatError(
      'SHAPE',
      `input shape ${JSON.stringify(shape)} is not [batch, d1, …] with known sizes`,
      {
        field: `${layer.field}.config`,
        fix: 'give the input layer a fixed feature shape, e.g. batch_input_shape [null, 2]',
      },
    );
  }
  return (dims as number[]).reduce((p, d) => p * d, 1);
}

/** A LeakyReLU / ReLU slope from the layer config: the float32 the runtime computes with. */
function leakySlope(value: unknown, byDefault: number, field: string): Rational {
  const v = value ?? byDefault;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw invalid(
      field,
      `expected a finite number, got ${describe(v)}`,
      'export the model unchanged',
    );
  }
  return float32ToRational(Math.fround(v), field);
}

function activationStage(name: unknown, field: string): Stage | undefined {
  if (name === undefined || name === null || name === 'linear') return undefined;
  if (name === 'relu') return { kind: 'relu', source: field };
  throw new ModelFormatError('ACTIVATION', `activation ${JSON.stringify(name)} is not supported`, {
    field,
    fix: 'use "relu" on hidden layers and "linear" on the output layer (other activations do not give a polyhedral partition)',
  });
}

/**
 * Reads a tfjs layers model: `modelJson` is model.json (text or parsed); `weights` is either the
 * concatenation of all shards in manifest order, or a map from manifest path to shard bytes.
 */
export function readTfjsModel(
  modelJson: string | object,
  weights: Uint8Array | Map<string, Uint8Array>,
): ModelReadResult<ReluMlpModel> {
  const json = typeof modelJson === 'string' ? parseJsonText(modelJson) : modelJson;
  if (!isTfjsModelJson(json)) {
    throw invalid(
      '(root)',
      'model.json needs "modelTopology" and "weightsManifest"',
      'export with tfjs model.save or tensorflowjs_converter --output_format tfjs_layers_model',
    );
  }
  const { modelTopology, weightsManifest } = json as {
    modelTopology: unknown;
    weightsManifest: unknown;
  };
  const layers = sequentialLayers(modelTopology);
  const { entries, paths, bytes } = manifestEntries(weightsManifest);
  const buffer = concatenateShards(weights, paths);
  if (buffer.length !== bytes) {
    throw new ModelFormatError(
      'WEIGHTS',
      `the weight shards have ${buffer.length} bytes but the manifest needs ${bytes}`,
      {
        field: 'weightsManifest',
        fix: 'use the .bin files saved together with this model.json',
      },
    );
  }
  let inputDimension: number | undefined;
  const stages: Stage[] = [];
  layers.forEach((layer, i) => {
    if (i === 0) inputDimension = declaredInputDimension(layer);
    const name = typeof layer.config.name === 'string' ? layer.config.name : '';
    switch (layer.className) {
      case 'InputLayer':
      case 'Flatten':
      case 'Dropout':
        return;
      case 'ReLU': {
        const c = layer.config;
        if ((c.max_value ?? null) !== null || ((c.threshold ?? 0) as number) !== 0) {
          throw new ModelFormatError(
            'ACTIVATION',
            'ReLU with max_value or threshold is not a (leaky) ReLU',
            {
              field: `${layer.field}.config`,
              fix: 'use a plain ReLU or LeakyReLU (max_value and threshold add breakpoints elsewhere than 0)',
            },
          );
        }
        const slope = leakySlope(c.negative_slope, 0, `${layer.field}.config.negative_slope`);
        stages.push({ kind: 'relu', source: layer.field, negativeSlope: slope });
        return;
      }
      case 'LeakyReLU': {
        // Keras' default alpha is 0.3 (tfjs layers too)
        const slope = leakySlope(layer.config.alpha, 0.3, `${layer.field}.config.alpha`);
        stages.push({ kind: 'relu', source: layer.field, negativeSlope: slope });
        return;
      }
      case 'PReLU': {
        const entry = findWeight(entries, name, 'alpha');
        if (!entry) {
          throw new ModelFormatError('WEIGHTS', `no weight "${name}/alpha" in the manifest`, {
            field: layer.field,
            fix: 'use the model.json saved together with the weights',
          });
        }
        stages.push({
          kind: 'relu',
          source: layer.field,
          negativeSlope: readFloats(buffer, entry),
        });
        return;
      }
      case 'Activation': {
        const stage = activationStage(layer.config.activation, `${layer.field}.config.activation`);
        if (stage) stages.push(stage);
        return;
      }
      case 'Dense':
        break;
      default:
        throw new ModelFormatError(
          'UNSUPPORTED_OPERATOR',
          `layer class ${layer.className} is not supported`,
          {
            field: `${layer.field}.class_name`,
            fix: 'use only Dense (relu/linear), InputLayer, Flatten, Dropout, Activation, ReLU, LeakyReLU and PReLU layers',
          },
        );
    }
    if (name === '') {
      throw invalid(
        `${layer.field}.config.name`,
        'Dense layer has no name',
        'export the model unchanged (weights are matched to layers by name)',
      );
    }
    const units = layer.config.units;
    if (!Number.isInteger(units) || (units as number) <= 0) {
      throw invalid(
        `${layer.field}.config.units`,
        `expected a positive integer, got ${describe(units)}`,
        'export the model unchanged',
      );
    }
    const kernel = findWeight(entries, name, 'kernel');
    if (!kernel) {
      throw new ModelFormatError('WEIGHTS', `no weight "${name}/kernel" in the manifest`, {
        field: `${layer.field}`,
        fix: 'use the model.json saved together with the weights',
      });
    }
    const [rows, cols] = kernel.shape as [number, number];
    if (kernel.shape.length !== 2 || cols !== units) {
      throw new ModelFormatError(
        'SHAPE',
        `kernel "${kernel.name}" has shape ${JSON.stringify(kernel.shape)}, expected [inputs, ${units as number}]`,
        {
          field: kernel.field,
          fix: 'the kernel of a Dense layer is inputs × units; use the weights saved with this model',
        },
      );
    }
    const flat = readFloats(buffer, kernel);
    // Dense kernel is in × out; our weights are out × in (models.ts).
    const weightsOut = Array.from({ length: cols }, (_, j) =>
      Array.from({ length: rows }, (_, k) => flat[k * cols + j]!),
    );
    const useBias = layer.config.use_bias !== false;
    let bias: Rational[];
    if (useBias) {
      const entry = findWeight(entries, name, 'bias');
      if (!entry) {
        throw new ModelFormatError('WEIGHTS', `no weight "${name}/bias" in the manifest`, {
          field: layer.field,
          fix: 'use the model.json saved together with the weights',
        });
      }
      if (entry.shape.length !== 1 || entry.shape[0] !== units) {
        throw new ModelFormatError(
          'SHAPE',
          `bias "${entry.name}" has shape ${JSON.stringify(entry.shape)}, expected [${units as number}]`,
          {
            field: entry.field,
            fix: 'use the weights saved with this model',
          },
        );
      }
      bias = readFloats(buffer, entry);
    } else {
      bias = weightsOut.map(() => float32ToRational(0, layer.field));
    }
    stages.push({ kind: 'affine', weights: weightsOut, bias, source: layer.field });
    const act = activationStage(layer.config.activation, `${layer.field}.config.activation`);
    if (act) stages.push(act);
  });
  const firstAffine = stages.find((s) => s.kind === 'affine');
  const d =
    inputDimension ?? (firstAffine?.kind === 'affine' ? (firstAffine.weights[0]?.length ?? 0) : 0);
  return { model: stagesToMlp(stages, d, 'modelTopology'), format: 'tfjs' };
}
