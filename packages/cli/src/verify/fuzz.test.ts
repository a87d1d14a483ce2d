/**
 * Fuzz of `mlgeo verify --model --data` (issue 10): random single edits of real reports (change a
 * number or a string, delete / duplicate / swap / overwrite array entries, drop fields, flip
 * booleans) of five models — a 2-D arrangement, a 2-D ReLU MLP with two outputs, a 3-D
 * arrangement, a decision tree, and an MLP analysed with `--cells data` — and the oracle:
 *
 * - an edit that changes a claim is rejected with a VerificationError naming a claim;
 * - an edit that changes no claim (an informational field of docs/report-schema.md, or a
 *   reordering of a list whose order is not a claim: vertex lists, the ridges) is accepted, or
 *   rejected only because the report no longer follows the schema (a dropped required field);
 * - verify never fails otherwise (no TypeError, no library error escaping).
 *
 * "Changes a claim" is decided independently of verify: the report with the informational fields
 * removed and the unordered lists sorted (`claimsOf`) differs as JSON. Each model is analysed
 * once; the model-derived recomputations are cached (VerifyCache), so an edit costs only what it
 * touches.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Polytope } from '@mlgeo/exact-polytope';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AnalyzeOptions, analyze } from '../analyze.js';
import { readPoints } from '../data.js';
import { readModel } from '../engine.js';
import { VerificationError } from '../errors.js';
import { SPEC_MODELS, TWO_OUTPUT_MLP, gridCsv } from '../testing/spec-models.js';
import { VerifyCache } from './cache.js';
import { verifyReport } from './command.js';
import type { ModelEvidence } from './model.js';

/** The fuzzed models: file content, data, analyze options, and how many edits each gets. */
const CASES = {
  'arrangement 2-D': { model: SPEC_MODELS.B, data: gridCsv(), cells: 'auto', edits: 250 },
  'MLP 2-D, two outputs': {
    model: TWO_OUTPUT_MLP,
    data: gridCsv(),
    cells: 'auto',
    edits: 250,
  },
  'arrangement 3-D': {
    model: {
      format: 'mlgeo-arrangement',
      version: 1,
      hyperplanes: [
        { w: [1, 0, 0], c: '-1/2' },
        { w: [1, 1, 1], c: -1 },
        { w: [0, 1, -1], c: '-1/4' },
      ],
    },
    data: 'x,y,z\n0.1,0.2,0.3\n0.9,0.5,0.5\n0.5,0.5,0.5\n0.3,0.8,0.1\n0.7,0.1,0.9\n',
    cells: 'auto',
    edits: 250,
  },
  'decision tree': { model: SPEC_MODELS.C, data: gridCsv(), cells: 'auto', edits: 250 },
  'MLP, data-holding cells': { model: SPEC_MODELS.D, data: gridCsv(), cells: 'data', edits: 150 },
} as const;

/** Fields that are not claims (docs/report-schema.md, "Claims and informational fields"). */
const INFORMATIONAL = [
  /^timing(\.|$)/,
  /^tool\.(version|command)$/,
  /^model\.file$/,
  /^data\.file$/,
  /^domain\.description$/,
  /^partition\.modeReason$/,
  /^data\.(labels|indexColumn)(\.|\[|$)/,
  /^predicates$/,
  /^checks\[\d+\]\.detail$/,
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

const pathText = (path: Path) =>
  path.reduce<string>(
    (s, k) => (typeof k === 'number' ? `${s}[${k}]` : s === '' ? k : `${s}.${k}`),
    '',
  );

/** Lists whose order is not a claim (docs/report-schema.md). */
const UNORDERED = [
  /^partition\.cells\[\d+\]\.vertices$/,
  /^complex\.sharedFaces\[\d+\]\.vertices$/,
  /^complex\.ridges(\[\d+\]\.vertices)?$/,
  /^partition\.cells\[\d+\]\.pieces\[\d+\]\.vertices$/,
  /^decision\.boundary\[\d+\]\.vertices$/,
];

/** H-representations whose rows form a set (a piece's rows: their order is not a claim). */
const ROW_SETS = [/^partition\.cells\[\d+\]\.pieces\[\d+\]\.hrep$/];

function rowSet(hrep: Json): Json {
  const { A, b } = hrep as { A: Json[]; b: Json[] };
  if (!Array.isArray(A) || !Array.isArray(b) || A.length !== b.length) return hrep;
  return A.map((row, i) => JSON.stringify([row, b[i]])).sort();
}

/**
 * The domain is the declared input set: any H-representation of the same set (rows scaled or
 * reordered) states the same domain. Compared by its vertices; a form that is not a bounded
 * polytope is compared as written.
 */
const domainSets = new Map<string, Json>();
function domainSet(hrep: Json): Json {
  const key = JSON.stringify(hrep);
  if (!domainSets.has(key)) domainSets.set(key, domainSetOf(hrep));
  return domainSets.get(key)!;
}

function domainSetOf(hrep: Json): Json {
  try {
    const { A, b } = hrep as { A: string[][]; b: string[] };
    const p = Polytope.fromHRep(A, b);
    if (!p.isBounded() || A.length !== b.length) return hrep;
    return p
      .vertices()
      .map((v) => v.join(','))
      .sort();
  } catch {
    return hrep;
  }
}

/** The report's claims: informational fields removed, unordered lists sorted. */
function claimsOf(report: Json): string {
  // paths are built as text on the way down (`partition.cells[3].vertices`)
  const walk = (value: Json, text: string): Json => {
    if (text === 'domain.hrep') return domainSet(value);
    if (ROW_SETS.some((re) => re.test(text))) return rowSet(value);
    if (Array.isArray(value)) {
      const items = value.map((v, i) => walk(v, `${text}[${i}]`));
      return UNORDERED.some((re) => re.test(text))
        ? items.map((v) => JSON.stringify(v)).sort() // strings: order-free
        : items;
    }
    if (value !== null && typeof value === 'object') {
      const out: { [key: string]: Json } = {};
      for (const [k, v] of Object.entries(value)) {
        const path = text === '' ? k : `${text}.${k}`;
        if (!INFORMATIONAL.some((re) => re.test(path))) out[k] = walk(v, path);
      }
      return out;
    }
    return value;
  };
  return JSON.stringify(walk(report, ''));
}

/** Every place of the report an edit can touch (the root excluded). */
function sitesOf(report: Json): Path[] {
  const out: Path[] = [];
  const walk = (value: Json, path: Path) => {
    if (path.length > 0) out.push(path);
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value !== null && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(report, []);
  return out;
}

function stringsOf(report: Json): string[] {
  const out = new Set<string>();
  const walk = (value: Json) => {
    if (typeof value === 'string') out.add(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(report);
  return [...out].sort();
}

/** One random edit: what to do at which site, with two random numbers for its parameters. */
interface Edit {
  site: number;
  kind: number;
  a: number;
  b: number;
}

/**
 * Applies `edit` to a copy of `report` at the parent of the chosen site; returns the copy and a
 * description, or undefined when the edit does not apply there.
 */
function applyEdit(
  report: Json,
  sites: readonly Path[],
  strings: readonly string[],
  edit: Edit,
): { edited: Json; what: string } | undefined {
  const copy = structuredClone(report);
  const path = sites[edit.site % sites.length]!;
  const key = path[path.length - 1]!;
  let parent: Json = copy;
  for (const k of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[k]!;
  const holder = parent as Record<string | number, Json>;
  const value = holder[key]!;
  const where = pathText(path);
  const kind = edit.kind;
  // structural edits of the containing array or object
  if (kind % 3 === 0 || (typeof value === 'object' && value !== null)) {
    if (Array.isArray(parent)) {
      const i = key as number;
      const j = edit.a % parent.length;
      switch (edit.b % 4) {
        case 0:
          parent.splice(i, 1);
          return { edited: copy, what: `delete ${where}` };
        case 1:
          parent.splice(i + 1, 0, structuredClone(value));
          return { edited: copy, what: `duplicate ${where}` };
        case 2:
          if (i === j) return undefined;
          [parent[i], parent[j]] = [parent[j]!, parent[i]!];
          return { edited: copy, what: `swap ${where} with [${j}]` };
        default:
          if (i === j) return undefined;
          parent[i] = structuredClone(parent[j]!);
          return { edited: copy, what: `overwrite ${where} with [${j}]` };
      }
    }
    delete holder[key];
    return { edited: copy, what: `drop ${where}` };
  }
  // value edits
  if (typeof value === 'number') {
    const options = [value + 1, value - 1, -value, value * 2, 0, value + 0.5, value * 1.001];
    holder[key] = options[edit.a % options.length]!;
    return { edited: copy, what: `${where}: ${value} → ${String(holder[key])}` };
  }
  if (typeof value === 'boolean') {
    holder[key] = !value;
    return { edited: copy, what: `${where}: ${value} → ${!value}` };
  }
  if (typeof value === 'string') {
    let next: string;
    switch (edit.a % 4) {
      case 0:
        next = `${value}1`;
        break;
      case 1: {
        // flip one character: 0 ↔ 1, digits + 1, anything else → "x"
        const i = edit.b % Math.max(1, value.length);
        const c = value[i] ?? '';
        const flipped = /\d/.test(c) ? String((Number(c) + 1) % 10) : c === '' ? '0' : 'x';
        next = value.slice(0, i) + flipped + value.slice(i + 1);
        break;
      }
      case 2:
        next = strings[edit.b % strings.length]!;
        break;
      default:
        next = value === '0' ? '1' : '0';
    }
    holder[key] = next;
    return { edited: copy, what: `${where}: ${JSON.stringify(value)} → ${JSON.stringify(next)}` };
  }
  if (value === null) {
    holder[key] = edit.a % 2 === 0 ? 0 : [];
    return { edited: copy, what: `${where}: null → ${JSON.stringify(holder[key])}` };
  }
  return undefined;
}

interface Fixture {
  report: Json;
  evidence: ModelEvidence;
  cache: VerifyCache;
}

const fixtures = new Map<string, Fixture>();
/** Edits applied and edits that changed a claim, over all models (checked at the end). */
const totals = { applied: 0, claimChanges: 0 };
const io = { stdout: () => {}, stderr: () => {}, stderrIsTTY: false, cwd: '' };

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlgeo-verify-fuzz-'));
  for (const [name, c] of Object.entries(CASES)) {
    const file = `${name.replace(/[^a-z0-9]+/gi, '-')}.json`;
    writeFileSync(join(dir, file), JSON.stringify(c.model));
    writeFileSync(join(dir, `${file}.csv`), c.data);
    const options: AnalyzeOptions = {
      model: file,
      data: `${file}.csv`,
      complex: 'adjacency',
      length: 'centroid',
      cells: c.cells,
      maxCells: 20000,
    };
    const result = await analyze(options, { ...io, cwd: dir });
    const bytes = readFileSync(join(dir, file));
    const read = await readModel(join(dir, file), file, bytes, undefined);
    fixtures.set(name, {
      report: JSON.parse(JSON.stringify(result.report)) as Json,
      evidence: {
        sha256: createHash('sha256').update(bytes).digest('hex'),
        format: read.format,
        model: read.model,
        data: readPoints(c.data, `${file}.csv`, read.model.inputDimension),
      },
      cache: new VerifyCache(),
    });
  }
}, 120_000);

/** verify's verdict: "ok", or the VerificationError message; anything else is thrown. */
function verdict(report: Json, f: Fixture): string {
  try {
    verifyReport(report, { model: f.evidence, cache: f.cache });
    return 'ok';
  } catch (error) {
    if (error instanceof VerificationError) return error.message;
    throw error;
  }
}

describe('verify --model --data under random single edits', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(`${name}: ${c.edits} edits, every claim change rejected, nothing else`, () => {
      const f = fixtures.get(name)!;
      expect(verdict(f.report, f)).toBe('ok');
      const sites = sitesOf(f.report);
      const strings = stringsOf(f.report);
      const claims = claimsOf(f.report);
      let rejected = 0;
      let applied = 0;
      fc.assert(
        fc.property(
          fc.record({
            site: fc.nat(),
            kind: fc.nat(),
            a: fc.nat(),
            b: fc.nat(),
          }),
          (edit) => {
            const result = applyEdit(f.report, sites, strings, edit);
            if (result === undefined) return;
            applied++;
            // as written to and read from a file
            const edited = JSON.parse(JSON.stringify(result.edited)) as Json;
            const changesClaim = claimsOf(edited) !== claims;
            totals.applied++;
            if (changesClaim) totals.claimChanges++;
            const outcome = verdict(edited, f);
            if (outcome !== 'ok') rejected++;
            if (changesClaim) {
              expect(outcome, `accepted a claim change: ${result.what}`).not.toBe('ok');
            } else {
              expect(
                outcome === 'ok' || outcome.includes('does not follow the report schema'),
                `rejected an edit that changes no claim: ${result.what}: ${outcome}`,
              ).toBe(true);
            }
          },
        ),
        { numRuns: c.edits, seed: 20261203 + c.edits + name.length },
      );
      // the edits reached: most apply, and most of those change a claim
      expect(applied).toBeGreaterThan(c.edits * 0.8);
      expect(rejected).toBeGreaterThan(applied / 2);
    }, 60_000);
  }

  it('applied at least 1,000 edits, most of them claim changes', () => {
    expect(totals.applied).toBeGreaterThanOrEqual(1000);
    expect(totals.claimChanges).toBeGreaterThan(totals.applied * 0.6);
  });
});
