/**
 * `mlgeo analyze --curvature`: the report's curvature section carries SPEC §9's Ollivier values
 * (B: κ(00, 01) = −8 + 6√2, exact; C: 3/4, 3/4, 2/3) and Forman 0 on A, it validates against the
 * report schema, and the SVG colours edges and cells with a legend.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyReport } from './verify/command.js';
import { analyzeJson, runCliIn } from './testing/in-process.js';
import { writeSpecFiles } from './testing/spec-models.js';

const dir = mkdtempSync(join(tmpdir(), 'mlgeo-cli-curvature-'));
writeSpecFiles(dir);

const run = (args: string[]) => runCliIn(dir, args);
const report = (args: string[]) => analyzeJson(dir, args);

describe('mlgeo analyze --curvature', () => {
  it('B: exact Ollivier κ(00, 01) = −8 + 6√2', async () => {
    const r = await report(['B.json', '--data', 'grid.csv', '--curvature', 'ollivier']);
    const k = r.curvature!;
    expect(k.tier).toBe('exact');
    expect(k.edgeLength).toBe('unit');
    expect(k.edges[0]).toMatchObject({ i: 0, j: 1, exact: '-8 + 6*sqrt(2)' });
    expect(k.edges[0]!.value).toBeCloseTo(0.485281374239, 11);
    expect(k.cells).toHaveLength(4);
    expect(r.tool.command).toContain('--curvature ollivier');
  });

  it('C: κ(1,3) = κ(1,4) = 3/4, κ(3,4) = 2/3; --float gives the float tier', async () => {
    const r = await report(['C.json', '--data', 'grid.csv', '--curvature', 'ollivier']);
    expect(r.curvature!.edges.map((e) => e.exact)).toEqual(['3/4', '3/4', '2/3']);
    const f = await report(['C.json', '--data', 'grid.csv', '--curvature', 'ollivier', '--float']);
    expect(f.curvature!.tier).toBe('float');
    expect(f.curvature!.edges.map((e) => e.value)).toEqual([
      expect.closeTo(0.75, 12),
      expect.closeTo(0.75, 12),
      expect.closeTo(2 / 3, 12),
    ]);
  });

  it('A: Forman 0 on every edge', async () => {
    const r = await report(['A.json', '--data', 'grid.csv', '--curvature', 'forman']);
    expect(r.curvature!.kind).toBe('forman');
    for (const e of r.curvature!.edges) expect(e.value).toBeCloseTo(0, 14);
  });

  it('the SVG colours edges (drawn with --graph) and cells and has a legend', async () => {
    const r = await run([
      'analyze',
      'B.json',
      '--data',
      'grid.csv',
      '--curvature',
      'ollivier',
      '--svg',
      'b.svg',
      '--graph',
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    const svg = readFileSync(join(dir, 'b.svg'), 'utf8');
    expect(svg).toContain('Ollivier curvature');
    const lines = svg.match(/<g id="adjacency"[\s\S]*?<\/g>/)![0];
    expect(lines.match(/<line [^>]*stroke="#[0-9a-f]{6}"/g)).toHaveLength(4);
  });

  it('needs --data', async () => {
    const r = await run(['analyze', 'A.json', '--curvature', 'ollivier']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--curvature needs --data/);
  });

  it('verify recomputes the curvature section and refutes an edited value', async () => {
    for (const args of [
      ['B.json', '--data', 'grid.csv', '--curvature', 'ollivier'],
      ['C.json', '--data', 'grid.csv', '--curvature', 'ollivier', '--float'],
      ['A.json', '--data', 'grid.csv', '--curvature', 'forman'],
    ]) {
      const r = await report(args);
      expect(() => verifyReport(structuredClone(r))).not.toThrow();
      const value = structuredClone(r);
      value.curvature!.edges[0]!.value = (value.curvature!.edges[0]!.value ?? 0) + 1e-6;
      expect(() => verifyReport(value)).toThrow(/curvature\.edges\[0\]\.value/);
      const cells = structuredClone(r);
      cells.curvature!.cells.pop();
      expect(() => verifyReport(cells)).toThrow(/curvature\.cells/);
    }
  });
});

/**
 * The curvature options, each against a closed form derived here (grid data: 25 points per
 * quarter of [0,1]²; SPEC §9 C has cells 1 = [0,½]×[0,1] (50 points), 3 = [½,1]×[0,½] and
 * 4 = [½,1]×[½,1] (25 each); edges in the order 1–3, 1–4, 3–4).
 */
describe('--curvature-length, --laziness, --walk-weights, --face-weight', () => {
  it('A, centroid lengths: every length is 1/2, κ is scale-free, so κ = 1/2 exactly as with unit', async () => {
    const r = await report([
      'A.json',
      '--data',
      'grid.csv',
      '--curvature',
      'ollivier',
      '--curvature-length',
      'centroid',
    ]);
    expect(r.curvature!.edgeLength).toBe('centroid');
    expect(r.curvature!.tier).toBe('exact');
    expect(r.curvature!.edges.map((e) => e.exact)).toEqual(['1/2', '1/2', '1/2', '1/2']);
  });

  it('C, centroid lengths: κ(3,4) = (2 + √5)/(4 + √5), κ(1,3) = κ(1,4) = 1 − b − (1/4 − b)·2/√5', async () => {
    // centroids (1/4, 1/2), (3/4, 1/4), (3/4, 3/4): ℓ(1,3) = ℓ(1,4) = √5/4, ℓ(3,4) = 1/2 (= d);
    // M_1 = face/ℓ: 2/√5, 2/√5, 1. Walk of 3: p·w = (1/2)(2/√5) to 1, (1/4)(1) to 4, so
    // m_3(1) = a = ½·(1/√5)/(1/√5 + 1/4) = 2/(4 + √5), m_3(4) = b = ½ − a (4 symmetric); m_1 puts
    // 1/4 on 3 and 4. κ(3,4): move a from 3 to 4 (d = 1/2): κ = 1 − a. κ(1,3): surpluses b at 1
    // and 1/4 − b at 4 go to 3 (d = √5/4 and 1/2): κ = 1 − b − (1/4 − b)·2/√5.
    const r5 = Math.sqrt(5);
    const a = 2 / (4 + r5);
    const b = 0.5 - a;
    const k13 = 1 - b - (0.25 - b) * (2 / r5);
    const r = await report([
      'C.json',
      '--data',
      'grid.csv',
      '--curvature',
      'ollivier',
      '--curvature-length',
      'centroid',
    ]);
    expect(r.curvature!.tier).toBe('float'); // √5/4 is irrational
    expect(r.curvature!.edges.map((e) => e.value)).toEqual([
      expect.closeTo(k13, 12),
      expect.closeTo(k13, 12),
      expect.closeTo((2 + r5) / (4 + r5), 12),
    ]);
    expect(() => verifyReport(structuredClone(r))).not.toThrow();
  });

  it('A, --laziness α: on the 4-cycle with equal masses κ = 2α for α ≤ 1/3 and 1 − α above', async () => {
    // m_i − m_j: (3α − 1)/2 at i, −(3α − 1)/2 at j, ±(1 − α)/2 at the far neighbours (adjacent):
    // W_1 = |3α − 1|/2 + (1 − α)/2, i.e. 1 − 2α below 1/3 and α above.
    for (const [alpha, kappa] of [
      ['1/5', '2/5'],
      ['0', '0'],
      ['3/4', '1/4'],
    ]) {
      const r = await report([
        'A.json',
        '--data',
        'grid.csv',
        '--curvature',
        'ollivier',
        '--laziness',
        alpha!,
      ]);
      expect(r.curvature!.alpha).toBe(alpha);
      expect(r.curvature!.edges.map((e) => e.exact)).toEqual(Array(4).fill(kappa));
      expect(() => verifyReport(structuredClone(r))).not.toThrow();
    }
  });

  it('C, --walk-weights unit: every face of C has length 1/2, so SPEC §9 C’s 3/4, 3/4, 2/3', async () => {
    const r = await report([
      'C.json',
      '--data',
      'grid.csv',
      '--curvature',
      'ollivier',
      '--walk-weights',
      'unit',
    ]);
    expect(r.curvature!.weights).toBe('unit');
    expect(r.curvature!.edges.map((e) => e.exact)).toEqual(['3/4', '3/4', '2/3']);
  });

  it('the LP tier’s data complex: --face-weight mass gives 3/4, 3/4, 5/8; unit gives SPEC C', async () => {
    // mass: M_1 = (n_i + n_j)/2n = 3/8, 3/8, 1/4. Walk of 3: p·w = (1/2)(3/8) to 1, (1/4)(1/4) to
    // 4, so m_3 = {3: 1/2, 1: 3/8, 4: 1/8}; m_1 = {1: 1/2, 3: 1/4, 4: 1/4}. κ(3,4) = 1 − 3/8;
    // κ(1,3): 1/8 from 1 and 1/8 from 4 to 3, W_1 = 1/4.
    const lp = ['C.json', '--data', 'grid.csv', '--curvature', 'ollivier', '--geometry', 'lp'];
    const mass = await report([...lp, '--face-weight', 'mass']);
    expect(mass.curvature!.faceWeight).toBe('mass');
    expect(mass.curvature!.edges.map((e) => e.exact)).toEqual(['3/4', '3/4', '5/8']);
    const unit = await report([...lp, '--face-weight', 'unit']);
    expect(unit.curvature!.faceWeight).toBe('unit');
    expect(unit.curvature!.edges.map((e) => e.exact)).toEqual(['3/4', '3/4', '2/3']);
  });

  it('usage errors before any work', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['C.json', '--curvature', 'ollivier', '--geometry', 'lp', '--curvature-length', 'centroid'],
        /needs centroids or volumes, which the LP tier/,
      ],
      [
        ['C.json', '--curvature', 'ollivier', '--laziness', '2'],
        /--laziness must be a number in \[0, 1\]/,
      ],
      [['C.json', '--laziness', '1/3'], /--laziness only applies to --curvature/],
      [
        ['C.json', '--curvature', 'forman', '--laziness', '1/3'],
        /only applies to --curvature ollivier/,
      ],
      [['C.json', '--walk-weights', 'unit'], /--walk-weights only applies to --curvature/],
    ];
    for (const [args, message] of cases) {
      const r = await run(['analyze', ...args, '--data', 'grid.csv']);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });

  it('verify recomputes with the stated options and refutes a changed α', async () => {
    const r = await report([
      'A.json',
      '--data',
      'grid.csv',
      '--curvature',
      'ollivier',
      '--laziness',
      '3/4',
    ]);
    const edited = structuredClone(r);
    edited.curvature!.alpha = '1/2';
    expect(() => verifyReport(edited)).toThrow(/curvature\.edges\[0\]/);
    const face = structuredClone(r);
    face.curvature!.faceWeight = 'mass';
    expect(() => verifyReport(face)).toThrow(/curvature\.faceWeight/);
    expect(r.tool.command).toContain('--laziness 3/4');
  });
});
