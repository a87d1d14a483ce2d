/**
 * The page state that lives in the URL fragment (`#dataset=moons&noise=0.05&…`): data set, noise,
 * points, seeds, hidden widths, learning rate, layer slider and colouring. Parsing falls back to
 * the defaults field by field, so a hand-edited URL never breaks the page.
 */
import { DATASET_NAMES, type DatasetName } from './datasets.js';

export type ColorBy = 'class' | 'volume' | 'data' | 'slope';

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
    colorBy: color === 'volume' || color === 'data' || color === 'slope' ? color : 'class',
  };
}
