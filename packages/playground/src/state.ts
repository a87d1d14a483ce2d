/**
 * The page state that lives in the URL fragment: data set, noise, points, seeds, hidden widths,
 * learning rate, regularizer, layer slider, colouring, edge view and slice. The page writes it
 * compressed (`#z=` + base64url of the deflate-raw bytes of the plain form, {@link compressHash});
 * the plain form `#dataset=moons&noise=0.05&…` is still read, so hand-written URLs work. Parsing
 * falls back to the defaults field by field, so a hand-edited URL never breaks the page.
 */
import { DATASET_NAMES, type DatasetName } from './datasets.js';
import type { RegularizerKind } from './protocol.js';

export type ColorBy =
  'class' | 'volume' | 'data' | 'slope' | 'eigenvector' | 'spline' | 'vertex-curvature';
export const COLOR_BY: readonly ColorBy[] = [
  'class',
  'volume',
  'data',
  'slope',
  'eigenvector',
  'spline',
  'vertex-curvature',
];
export type EdgeView = 'none' | 'ollivier' | 'forman';
const EDGE_VIEWS: readonly EdgeView[] = ['none', 'ollivier', 'forman'];
const REGULARIZERS: readonly RegularizerKind[] = ['none', 'angle', 'sliver', 'boundary'];

export interface PageState {
  dataset: DatasetName;
  count: number;
  noise: number;
  dataSeed: number;
  hidden: number[];
  seed: number;
  learningRate: number;
  /** Layer slider: hidden layers whose patterns colour the view (0 = all). */
  layers: number;
  colorBy: ColorBy;
  /** Which eigenvector of Δ_0 colours the cells (1 = constant, 2 = Fiedler, …). */
  eigen: number;
  /** Regularizer added while training (diff-forms penalty) and its weight λ. */
  regularizer: RegularizerKind;
  regularizerWeight: number;
  /** Shared faces coloured by a curvature. */
  edges: EdgeView;
  /** `--slice` for models with more than two inputs (rows:i,j,k or p0;p1;p2). */
  slice: string;
}

export const DEFAULT_STATE: PageState = {
  dataset: 'moons',
  count: 200,
  noise: 0.05,
  dataSeed: 1,
  hidden: [16, 16],
  seed: 1,
  learningRate: 0.02,
  layers: 0,
  colorBy: 'class',
  eigen: 2,
  regularizer: 'none',
  regularizerWeight: 0.05,
  edges: 'none',
  slice: 'rows:0,1,2',
};

const int = (text: string | null, lo: number, hi: number, fallback: number) => {
  const v = Number(text);
  return text !== null && Number.isInteger(v) && v >= lo && v <= hi ? v : fallback;
};
const num = (text: string | null, lo: number, hi: number, fallback: number) => {
  const v = Number(text);
  return text !== null && text !== '' && Number.isFinite(v) && v >= lo && v <= hi ? v : fallback;
};

/** Hidden widths from "16,16" (1–4 layers of 1–64 units), else undefined. */
export function parseHidden(text: string | null): number[] | undefined {
  if (text === null) return undefined;
  const widths = text.split(',').map((w) => Number(w.trim()));
  return widths.length >= 1 &&
    widths.length <= 4 &&
    widths.every((w) => Number.isInteger(w) && w >= 1 && w <= 64)
    ? widths
    : undefined;
}

/** The state in a URL fragment (without '#'). */
export function stateToHash(s: PageState): string {
  return new URLSearchParams({
    dataset: s.dataset,
    count: String(s.count),
    noise: String(s.noise),
    dataSeed: String(s.dataSeed),
    hidden: s.hidden.join(','),
    seed: String(s.seed),
    lr: String(s.learningRate),
    layers: String(s.layers),
    color: s.colorBy,
    eigen: String(s.eigen),
    reg: s.regularizer,
    regWeight: String(s.regularizerWeight),
    edges: s.edges,
    slice: s.slice,
  }).toString();
}

/** The state a URL fragment names, defaults for missing or invalid fields. */
export function stateFromHash(hash: string): PageState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const d = DEFAULT_STATE;
  const dataset = p.get('dataset');
  const color = p.get('color');
  return {
    dataset: (DATASET_NAMES as readonly string[]).includes(dataset ?? '')
      ? (dataset as DatasetName)
      : d.dataset,
    count: int(p.get('count'), 10, 2000, d.count),
    noise: num(p.get('noise'), 0, 0.5, d.noise),
    dataSeed: int(p.get('dataSeed'), 0, 2 ** 32 - 1, d.dataSeed),
    hidden: parseHidden(p.get('hidden')) ?? d.hidden,
    seed: int(p.get('seed'), 0, 2 ** 32 - 1, d.seed),
    learningRate: num(p.get('lr'), 1e-6, 1, d.learningRate),
    layers: int(p.get('layers'), 0, 4, d.layers),
    colorBy: (COLOR_BY as readonly string[]).includes(color ?? '') ? (color as ColorBy) : 'class',
    eigen: int(p.get('eigen'), 1, 50, d.eigen),
    regularizer: oneOf(p.get('reg'), REGULARIZERS, d.regularizer),
    regularizerWeight: num(p.get('regWeight'), 0, 100, d.regularizerWeight),
    edges: oneOf(p.get('edges'), EDGE_VIEWS, d.edges),
    slice: sliceText(p.get('slice')) ?? d.slice,
  };
}

function oneOf<T extends string>(text: string | null, values: readonly T[], fallback: T): T {
  return (values as readonly string[]).includes(text ?? '') ? (text as T) : fallback;
}

/** A plausible `--slice` text (rows:i,j,k or three ;-separated points), else undefined. */
function sliceText(text: string | null): string | undefined {
  if (text === null) return undefined;
  const t = text.trim();
  return /^rows:\d+,\d+,\d+$/.test(t) || /^[-+0-9.,/e ]+;[-+0-9.,/e ]+;[-+0-9.,/e ]+$/i.test(t)
    ? t
    : undefined;
}

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

function fromBase64url(text: string): Uint8Array {
  const b = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(b, (c) => c.charCodeAt(0));
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream) {
  const out = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** The state as a compressed fragment `z=…` (deflate-raw of the plain form, base64url). */
export async function compressHash(s: PageState): Promise<string> {
  const plain = new TextEncoder().encode(stateToHash(s));
  return `z=${base64url(await pipe(plain, new CompressionStream('deflate-raw')))}`;
}

/** The state of a fragment, compressed (`#z=…`) or plain; defaults where it says nothing valid. */
export async function stateFromUrlHash(hash: string): Promise<PageState> {
  const m = /^#?z=([A-Za-z0-9_-]+)$/.exec(hash);
  if (!m) return stateFromHash(hash);
  try {
    const bytes = await pipe(fromBase64url(m[1]!), new DecompressionStream('deflate-raw'));
    return stateFromHash(new TextDecoder().decode(bytes));
  } catch {
    return { ...DEFAULT_STATE };
  }
}
