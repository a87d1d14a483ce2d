/**
 * ONNX ReLU networks: sequential graphs of Gemm, MatMul (+ Add), Relu, LeakyRelu, PRelu (fixed
 * slopes), BatchNormalization (eval mode, folded: see batchNormStage), Flatten, Identity and
 * Dropout (folded away), with a trailing Softmax / LogSoftmax (argmax unchanged; dropped), with
 * float32 or float64 initialisers (raw_data little-endian, or float_data / double_data). Every
 * weight becomes the rational the stored float exactly is (SPEC §1); Gemm's alpha and beta (float32
 * attributes) are applied exactly. Any other operator is an error naming the node.
 */
import onnxProto from 'onnx-proto';
import type { onnx as OnnxTypes } from 'onnx-proto';
import { Rational } from '@mlgeo/exact-arith';
import type { ReluMlpModel } from '@mlgeo/model-partitions';
import { stagesToMlp, type Stage } from './dense-stack.js';
import { ModelFormatError } from './errors.js';
import { float32ToRational } from './exact-number.js';
import type { ModelReadResult } from './types.js';

const { onnx } = onnxProto;

type Long = { toNumber(): number };
type TensorProto = OnnxTypes.ITensorProto;
type NodeProto = OnnxTypes.INodeProto;

const FLOAT = 1;
const DOUBLE = 11;
const EXTERNAL = 1;

/** A decoded initialiser: its shape and its entries in row-major order. */
interface Tensor {
  dims: number[];
  values: Rational[];
  field: string;
}

function toInt(x: number | Long | null | undefined): number {
  if (x === null || x === undefined) return 0;
  return typeof x === 'number' ? x : x.toNumber();
}

function nodeField(i: number, node: NodeProto): string {
  return `graph.node[${i}] (${node.opType ?? '?'}${node.name ? ` "${node.name}"` : ''})`;
}

/** The exact entries of a float32/float64 initialiser. */
function decodeTensor(t: TensorProto): Tensor {
  const name = t.name ?? '';
  const field = `graph.initializer["${name}"]`;
  const dims = (t.dims ?? []).map(toInt);
  const count = dims.reduce((p, d) => p * d, 1);
  if (t.dataLocation === EXTERNAL) {
    throw new ModelFormatError('UNSUPPORTED_DTYPE', 'tensor data is stored in an external file', {
      field,
      fix: 'save the model with its weights inside the .onnx file (onnx.save(..., save_as_external_data=False))',
    });
  }
  const dataType = t.dataType ?? 0;
  if (dataType !== FLOAT && dataType !== DOUBLE) {
    throw new ModelFormatError(
      'UNSUPPORTED_DTYPE',
      `tensor data type ${dataType} is not float32 (1) or float64 (11)`,
      {
        field,
        fix: 'export the weights as float32 or float64 (no quantised or float16 weights)',
      },
    );
  }
  const raw = t.rawData;
  const values: Rational[] = [];
  if (raw && raw.length > 0) {
    const size = dataType === FLOAT ? 4 : 8;
    if (raw.length !== count * size) {
      throw new ModelFormatError(
        'SHAPE',
        `raw_data has ${raw.length} bytes, shape ${JSON.stringify(dims)} needs ${count * size}`,
        {
          field,
          fix: 're-export the model; the file is damaged',
        },
      );
    }
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    for (let k = 0; k < count; k++) {
      const x = dataType === FLOAT ? view.getFloat32(k * 4, true) : view.getFloat64(k * 8, true);
      values.push(
        dataType === FLOAT
          ? float32ToRational(x, `${field}[${k}]`)
          : doubleToRational(x, `${field}[${k}]`),
      );
    }
  } else {
    const data = dataType === FLOAT ? (t.floatData ?? []) : (t.doubleData ?? []);
    if (data.length !== count) {
      throw new ModelFormatError(
        'SHAPE',
        `tensor has ${data.length} values, shape ${JSON.stringify(dims)} needs ${count}`,
        {
          field,
          fix: 're-export the model; the file is damaged',
        },
      );
    }
    data.forEach((x, k) =>
      values.push(
        dataType === FLOAT
          ? float32ToRational(x, `${field}[${k}]`)
          : doubleToRational(x, `${field}[${k}]`),
      ),
    );
  }
  return { dims, values, field };
}

function doubleToRational(x: number, field: string): Rational {
  if (!Number.isFinite(x)) {
    throw new ModelFormatError('NON_FINITE', `expected a finite number, got ${x}`, {
      field,
      fix: 'replace NaN/Infinity by a finite value (retrain or clip the model)',
    });
  }
  return Rational.fromDouble(x);
}

/** A 2-D tensor as rows; `transpose` returns its transpose. */
function matrix(t: Tensor, transpose: boolean, source: string): Rational[][] {
  if (t.dims.length !== 2) {
    throw new ModelFormatError(
      'SHAPE',
      `weight ${t.field} has shape ${JSON.stringify(t.dims)}, expected 2-D`,
      {
        field: source,
        fix: 'use 2-D weight matrices',
      },
    );
  }
  const [r, c] = t.dims as [number, number];
  const at = (i: number, j: number) => t.values[i * c + j]!;
  return transpose
    ? Array.from({ length: c }, (_, j) => Array.from({ length: r }, (_, i) => at(i, j)))
    : Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => at(i, j)));
}

/** A bias tensor of shape [n], [1, n], [1] or [] broadcast to n entries. */
function biasVector(t: Tensor, n: number, source: string): Rational[] {
  const count = t.values.length;
  const flatShape = t.dims.filter((d) => d !== 1);
  if (count === 1) return new Array<Rational>(n).fill(t.values[0]!);
  if (count === n && flatShape.length === 1) return t.values.slice();
  throw new ModelFormatError(
    'SHAPE',
    `bias ${t.field} has shape ${JSON.stringify(t.dims)}, cannot broadcast to ${n} units`,
    {
      field: source,
      fix: 'give one bias per unit (shape [n] or [1, n])',
    },
  );
}

function attribute(node: NodeProto, name: string): OnnxTypes.IAttributeProto | undefined {
  return (node.attribute ?? []).find((a) => a.name === name);
}

function decodeModel(bytes: Uint8Array): OnnxTypes.ModelProto {
  try {
    return onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new ModelFormatError(
      'DECODE',
      `not a readable ONNX model (${(error as Error).message})`,
      {
        field: '(file)',
        fix: 'check the .onnx file is complete (re-download or re-export it)',
      },
    );
  }
}

/** The operators a sequential ONNX ReLU network may use (Constant nodes are read as initialisers). */
const SUPPORTED = [
  'Gemm',
  'MatMul',
  'Add',
  'Relu',
  'LeakyRelu',
  'PRelu',
  'BatchNormalization',
  'Flatten',
  'Identity',
  'Dropout',
  'Softmax',
  'LogSoftmax',
];
/** Operators that leave the values unchanged at inference, allowed after a trailing Softmax. */
const SHAPE_NEUTRAL = ['Identity', 'Dropout', 'Flatten'];

/**
 * A Softmax / LogSoftmax over the class axis of the [N, k] output is strictly increasing in each
 * logit's lead over the others, so argmax and the cells (SPEC §2: the partition of the affine
 * pieces) are those of the logits: the node is dropped. Over a single output it is constant, and
 * over another axis it mixes samples, so both are errors. Returns the node's name for later checks.
 */
function checkTrailingSoftmax(
  node: NodeProto,
  source: string,
  opset: number,
  stages: readonly Stage[],
): string {
  const axisAttr = attribute(node, 'axis');
  const axis = axisAttr ? toInt(axisAttr.i) : opset >= 13 ? -1 : 1;
  if (axis !== 1 && axis !== -1) {
    throw new ModelFormatError(
      'UNSUPPORTED_OPERATOR',
      `${node.opType} over axis ${axis} is not supported`,
      { field: source, fix: 'apply the Softmax over the class axis (axis = 1 or -1), or drop it' },
    );
  }
  let width: number | undefined;
  for (const stage of stages) if (stage.kind === 'affine') width = stage.weights.length;
  if (width === 1) {
    throw new ModelFormatError(
      'UNSUPPORTED_OPERATOR',
      `${node.opType} over a single output is constant and has no argmax`,
      { field: source, fix: 'drop the Softmax (a one-output network is read as its logit)' },
    );
  }
  return `${node.opType} (${source})`;
}

/** Dropout is the identity at inference; a training_mode input that is true (random) is refused. */
function checkInferenceDropout(
  node: NodeProto,
  source: string,
  initializers: ReadonlyMap<string, TensorProto>,
): void {
  const mode = node.input?.[2];
  if (!mode) return;
  const t = initializers.get(mode);
  const on = t === undefined || (t.rawData?.[0] ?? t.int32Data?.[0] ?? 0) !== 0;
  if (on) {
    throw new ModelFormatError('UNSUPPORTED_OPERATOR', 'Dropout in training mode is random', {
      field: source,
      fix: 'export the network in eval mode (model.eval() before torch.onnx.export)',
    });
  }
}

/**
 * PRelu's slope initialiser over the `width` units of its input: shape [C], [1, C] or a single
 * slope (ONNX broadcasts it unidirectionally to [N, C]); each slope is the float it is, exactly.
 */
function preluSlopes(t: Tensor, width: number, source: string): Rational[] {
  if (t.values.length === 1) return [t.values[0]!];
  if (t.values.length === width && t.dims.filter((d) => d !== 1).length === 1)
    return t.values.slice();
  throw new ModelFormatError(
    'SHAPE',
    `PRelu slope ${t.field} has shape ${JSON.stringify(t.dims)}, cannot broadcast to ${width} units`,
    { field: source, fix: 'give one slope per unit (shape [C]) or one shared slope' },
  );
}

/** Width of the data after the stages so far (the last affine map's output, or the input). */
function widthAfter(stages: readonly Stage[], inputWidth: number | undefined): number | undefined {
  for (let k = stages.length - 1; k >= 0; k--) {
    const s = stages[k]!;
    if (s.kind === 'affine') return s.weights.length;
  }
  return inputWidth;
}

/**
 * BatchNormalization at inference, y = γ (x − μ)/√(σ² + ε) + β per channel, as the affine map
 * diag(k) x + (β − k μ) with k = γ/√(σ² + ε). The square root is irrational in general, so k is
 * computed in float64 from the stored floats and taken as the rational that double exactly is
 * (β − k μ then exactly): the partition is that of the network with these rounded scales, which
 * differ from the real ones by at most a few units in the 16th digit (`notes` says so). The
 * neighbouring affine maps absorb it (dense-stack.ts composes consecutive affine maps).
 */
function batchNormStage(
  node: NodeProto,
  source: string,
  params: readonly Tensor[],
  width: number | undefined,
): Stage {
  const training = attribute(node, 'training_mode');
  if ((training && toInt(training.i) !== 0) || (node.output ?? []).length > 1) {
    throw new ModelFormatError('UNSUPPORTED_OPERATOR', 'BatchNormalization in training mode', {
      field: source,
      fix: 'export the network in eval mode (model.eval() before torch.onnx.export)',
    });
  }
  const epsAttr = attribute(node, 'epsilon');
  const eps = epsAttr ? Math.fround(epsAttr.f ?? 0) : Math.fround(1e-5);
  const [gamma, beta, mean, variance] = params.map((t) => t.values);
  const n = gamma!.length;
  if (width !== undefined && [gamma!, beta!, mean!, variance!].some((v) => v.length !== width)) {
    throw new ModelFormatError(
      'SHAPE',
      `BatchNormalization parameters do not all have ${width} entries (one per channel)`,
      { field: source, fix: 'apply BatchNorm1d over the features of a [N, C] tensor' },
    );
  }
  const k = gamma!.map((g, j) => {
    const v = variance![j]!.toNumber() + eps;
    const scale = g.toNumber() / Math.sqrt(v);
    if (!(v > 0) || !Number.isFinite(scale)) {
      throw new ModelFormatError(
        'NON_FINITE',
        `BatchNormalization channel ${j} has variance + epsilon = ${v}`,
        { field: source, fix: 'use running variances that are positive (a trained model)' },
      );
    }
    return Rational.fromDouble(scale);
  });
  return {
    kind: 'affine',
    weights: Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => (i === j ? k[i]! : Rational.ZERO)),
    ),
    bias: k.map((kj, j) => beta![j]!.sub(kj.mul(mean![j]!))),
    source,
  };
}

/** What the reader folded approximately, for the user (see {@link batchNormStage}). */
function batchNormNote(sources: readonly string[]): string {
  return `${sources.join(', ')}: BatchNormalization folded into the neighbouring dense layer with its scale γ/√(σ²+ε) rounded to float64 (the square root is irrational in general); every other weight is exact`;
}

/**
 * Reads a sequential ONNX ReLU network (Gemm / MatMul + Add / Relu / Flatten / Identity /
 * Dropout, and a trailing Softmax / LogSoftmax, which leaves the argmax unchanged and is dropped)
 * into the SPEC §2 MLP, with every float32 weight converted to the rational it exactly is.
 */
export function readOnnxModel(bytes: Uint8Array): ModelReadResult<ReluMlpModel> {
  const model = decodeModel(bytes);
  const graph = model.graph;
  if (!graph || !graph.node || graph.node.length === 0) {
    throw new ModelFormatError('DECODE', 'the ONNX file has no graph nodes', {
      field: 'graph',
      fix: 'check the .onnx file is complete (re-download or re-export it)',
    });
  }
  const initializers = new Map<string, TensorProto>();
  for (const t of graph.initializer ?? []) initializers.set(t.name ?? '', t);
  // Constant nodes (value = a tensor) are initialisers written as nodes: fold them in first.
  const constants = new Set<NodeProto>();
  for (const node of graph.node) {
    const value = attribute(node, 'value')?.t;
    if (node.opType === 'Constant' && !node.domain && value && node.output?.length === 1) {
      initializers.set(node.output[0]!, { ...value, name: node.output[0]! });
      constants.add(node);
    }
  }
  const opset = toInt(
    (model.opsetImport ?? []).find((o) => !o.domain || o.domain === 'ai.onnx')?.version ?? 13,
  );
  const decoded = new Map<string, Tensor>();
  const tensor = (name: string): Tensor => {
    let t = decoded.get(name);
    if (!t) {
      t = decodeTensor(initializers.get(name)!);
      decoded.set(name, t);
    }
    return t;
  };

  const inputs = (graph.input ?? []).filter((v) => !initializers.has(v.name ?? ''));
  if (inputs.length !== 1) {
    throw new ModelFormatError(
      'UNSUPPORTED_OPERATOR',
      `the graph has ${inputs.length} data inputs, expected 1`,
      {
        field: 'graph.input',
        fix: 'export a network with a single input tensor',
      },
    );
  }
  const input = inputs[0]!;
  const inputShape = (input.type?.tensorType?.shape?.dim ?? []).map((d) =>
    d.dimValue !== undefined && d.dimValue !== null && toInt(d.dimValue) > 0
      ? toInt(d.dimValue)
      : undefined,
  );
  // Features per sample: product of the non-batch dims when all are known.
  const featureDims = inputShape.slice(1);
  const declaredDimension =
    featureDims.length > 0 && featureDims.every((d) => d !== undefined)
      ? featureDims.reduce((p, d) => p! * d!, 1)
      : undefined;

  let current = input.name ?? '';
  const stages: Stage[] = [];
  let softmax: string | undefined; // the trailing Softmax / LogSoftmax node, once seen
  const batchNorms: string[] = [];
  graph.node.forEach((node, i) => {
    if (constants.has(node)) return;
    const source = nodeField(i, node);
    const op = node.opType ?? '';
    if (node.domain && node.domain !== 'ai.onnx') {
      throw new ModelFormatError(
        'UNSUPPORTED_OPERATOR',
        `operator ${op} of domain "${node.domain}" is not supported`,
        {
          field: source,
          fix: `export with standard ONNX operators only (${SUPPORTED.join(', ')})`,
        },
      );
    }
    const ins = node.input ?? [];
    const data = ins.filter((name) => name !== '' && !initializers.has(name));
    const params = ins.filter((name) => initializers.has(name));
    if (!SUPPORTED.includes(op)) {
      throw new ModelFormatError('UNSUPPORTED_OPERATOR', `unsupported operator ${op}`, {
        field: source,
        fix: `only sequential ${SUPPORTED.join(' / ')} graphs give a polyhedral partition; remove or replace this node`,
      });
    }
    if (softmax !== undefined && !SHAPE_NEUTRAL.includes(op)) {
      throw new ModelFormatError(
        'UNSUPPORTED_OPERATOR',
        `${softmax} is followed by operator ${op}; a Softmax / LogSoftmax is accepted only as the last operator`,
        {
          field: source,
          fix: 'export the network without the Softmax (it is monotone only at the end, where it leaves the argmax unchanged)',
        },
      );
    }
    if (data.length !== 1 || data[0] !== current) {
      throw new ModelFormatError(
        'UNSUPPORTED_OPERATOR',
        `node does not continue the chain from "${current}" (inputs ${JSON.stringify(ins)})`,
        {
          field: source,
          fix: 'only sequential graphs are supported: each node must consume the previous node’s output and weights stored as initialisers',
        },
      );
    }
    if (op === 'Gemm') {
      if (toInt(attribute(node, 'transA')?.i) !== 0) {
        throw new ModelFormatError(
          'UNSUPPORTED_OPERATOR',
          'Gemm with transA = 1 is not supported',
          {
            field: source,
            fix: 'export the layer with transA = 0',
          },
        );
      }
      if (ins[0] !== current || params.length < 1 || ins[1] !== params[0]) {
        throw new ModelFormatError(
          'UNSUPPORTED_OPERATOR',
          'Gemm must take the data as A and an initialiser as B',
          {
            field: source,
            fix: 'export linear layers as Gemm(x, W, b) with W and b initialisers',
          },
        );
      }
      const alphaAttr = attribute(node, 'alpha');
      const betaAttr = attribute(node, 'beta');
      const alpha = alphaAttr
        ? float32ToRational(alphaAttr.f ?? 0, `${source}.alpha`)
        : Rational.ONE;
      const beta = betaAttr ? float32ToRational(betaAttr.f ?? 0, `${source}.beta`) : Rational.ONE;
      const transB = toInt(attribute(node, 'transB')?.i) !== 0;
      let weights = matrix(tensor(ins[1]!), !transB, source);
      if (!alpha.equals(Rational.ONE)) weights = weights.map((row) => row.map((w) => w.mul(alpha)));
      let bias = new Array<Rational>(weights.length).fill(Rational.ZERO);
      if (ins[2]) {
        if (!initializers.has(ins[2])) {
          throw new ModelFormatError('UNSUPPORTED_OPERATOR', 'Gemm bias C is not an initialiser', {
            field: source,
            fix: 'store the bias as an initialiser',
          });
        }
        bias = biasVector(tensor(ins[2]), weights.length, source).map((c) => c.mul(beta));
      }
      stages.push({ kind: 'affine', weights, bias, source });
    } else if (op === 'MatMul') {
      if (ins[0] !== current || params.length !== 1) {
        throw new ModelFormatError('UNSUPPORTED_OPERATOR', 'MatMul must be data × initialiser', {
          field: source,
          fix: 'export linear layers as MatMul(x, W) with W an initialiser of shape [in, out]',
        });
      }
      const weights = matrix(tensor(params[0]!), true, source);
      stages.push({
        kind: 'affine',
        weights,
        bias: new Array<Rational>(weights.length).fill(Rational.ZERO),
        source,
      });
    } else if (op === 'Add') {
      const last = stages[stages.length - 1];
      if (params.length !== 1 || last === undefined || last.kind !== 'affine') {
        throw new ModelFormatError(
          'UNSUPPORTED_OPERATOR',
          'Add is supported only as the bias of a preceding Gemm / MatMul',
          {
            field: source,
            fix: 'add a constant initialiser right after a MatMul or Gemm',
          },
        );
      }
      const add = biasVector(tensor(params[0]!), last.weights.length, source);
      last.bias = last.bias.map((b, j) => b.add(add[j]!));
    } else if (op === 'Relu') {
      stages.push({ kind: 'relu', source });
    } else if (op === 'LeakyRelu') {
      // the alpha attribute is a float32; the runtime uses that float, so do we
      const alphaAttr = attribute(node, 'alpha');
      const alpha = alphaAttr
        ? float32ToRational(alphaAttr.f ?? 0, `${source}.alpha`)
        : float32ToRational(Math.fround(0.01), `${source}.alpha`);
      stages.push({ kind: 'relu', source, negativeSlope: alpha });
    } else if (op === 'PRelu') {
      if (params.length !== 1 || ins[1] !== params[0]) {
        throw new ModelFormatError('UNSUPPORTED_OPERATOR', 'PRelu slope is not an initialiser', {
          field: source,
          fix: 'export PReLU with fixed (trained) slopes stored as an initialiser',
        });
      }
      const width = widthAfter(stages, declaredDimension) ?? tensor(params[0]!).values.length;
      stages.push({
        kind: 'relu',
        source,
        negativeSlope: preluSlopes(tensor(params[0]!), width, source),
      });
    } else if (op === 'BatchNormalization') {
      if (params.length !== 4 || ins.slice(1, 5).some((name, k) => name !== params[k])) {
        throw new ModelFormatError(
          'UNSUPPORTED_OPERATOR',
          'BatchNormalization parameters are not initialisers',
          {
            field: source,
            fix: 'export in eval mode so that scale, bias, mean and variance are stored constants',
          },
        );
      }
      stages.push(
        batchNormStage(
          node,
          source,
          params.map((name) => tensor(name)),
          widthAfter(stages, declaredDimension),
        ),
      );
      batchNorms.push(source);
    } else if (op === 'Softmax' || op === 'LogSoftmax') {
      softmax = checkTrailingSoftmax(node, source, opset, stages);
    } else if (op === 'Dropout') {
      checkInferenceDropout(node, source, initializers);
    } else if (op === 'Flatten') {
      const axis = attribute(node, 'axis');
      if (axis !== undefined && toInt(axis.i) !== 1) {
        throw new ModelFormatError(
          'UNSUPPORTED_OPERATOR',
          `Flatten with axis ${toInt(axis.i)} is not supported`,
          {
            field: source,
            fix: 'flatten with axis = 1 (keep the batch dimension)',
          },
        );
      }
    }
    // Dropout may list its optional mask as a second output; the chain continues with the first.
    const out = op === 'Dropout' ? (node.output ?? []).slice(0, 1) : (node.output ?? []);
    if (out.length !== 1) {
      throw new ModelFormatError(
        'UNSUPPORTED_OPERATOR',
        `node has ${out.length} outputs, expected 1`,
        {
          field: source,
          fix: 'export a sequential network',
        },
      );
    }
    current = out[0]!;
  });
  const outputs = graph.output ?? [];
  if (outputs.length !== 1 || outputs[0]!.name !== current) {
    throw new ModelFormatError(
      'UNSUPPORTED_OPERATOR',
      `the graph output is not the end of the node chain ("${current}")`,
      {
        field: 'graph.output',
        fix: 'export a sequential network with a single output',
      },
    );
  }
  const firstAffine = stages.find((s) => s.kind === 'affine');
  const inputDimension =
    declaredDimension ??
    (firstAffine?.kind === 'affine' ? (firstAffine.weights[0]?.length ?? 0) : 0);
  return {
    model: stagesToMlp(stages, inputDimension, 'graph'),
    format: 'onnx',
    ...(batchNorms.length > 0 ? { notes: [batchNormNote(batchNorms)] } : {}),
  };
}
