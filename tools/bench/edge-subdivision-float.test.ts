/**
 * The float64 edge-subdivision baseline of the issue 11 benchmark against closed forms:
 * - one hidden layer in 2-D is an arrangement of lines; inside the square it has
 *   1 + (lines crossing the square) + (crossings inside the square) regions;
 * - the same in 3-D with planes: 1 + planes + (line segments of plane pairs in the cube) +
 *   (triple points in the cube), checked here on axis-parallel planes where every count is known;
 * - Euler's formula V − E + F = 1 for the 2-D complex.
 */
import { describe, expect, it } from 'vitest';
import { countCells, edgeSubdivision, type FloatMlp } from './edge-subdivision-float.js';

function mulberry(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 2→n→1 with random lines w·x + b = 0. */
function lineNet(n: number, seed: number): { net: FloatMlp; lines: number[][] } {
  const r = mulberry(seed);
  const lines = Array.from({ length: n }, () => [r() * 2 - 1, r() * 2 - 1, r() - 0.5]);
  const net: FloatMlp = {
    sizes: [2, n, 1],
    weights: [Float64Array.from(lines.flatMap((l) => [l[0]!, l[1]!])), new Float64Array(n).fill(1)],
    bias: [Float64Array.from(lines.map((l) => l[2]!)), Float64Array.from([-0.3])],
  };
  return { net, lines };
}

/** Regions of lines in general position inside [0,1]²: 1 + crossing lines + inner crossings. */
function regionsInSquare(lines: number[][]): number {
  const corners = [
    [0, 0],
    [1, 0],
    [0, 1],
    [1, 1],
  ];
  const crosses = (l: number[]) => {
    const s = corners.map(([x, y]) => Math.sign(l[0]! * x! + l[1]! * y! + l[2]!));
    return s.some((v) => v > 0) && s.some((v) => v < 0);
  };
  let n = 1;
  for (const l of lines) if (crosses(l)) n++;
  for (let i = 0; i < lines.length; i++)
    for (let j = i + 1; j < lines.length; j++) {
      const [a, b, c] = lines[i]!;
      const [d, e, f] = lines[j]!;
      const det = a! * e! - b! * d!;
      const x = (b! * f! - c! * e!) / det;
      const y = (c! * d! - a! * f!) / det;
      if (x > 0 && x < 1 && y > 0 && y < 1) n++;
    }
  return n;
}

describe('edgeSubdivision (float64 baseline)', () => {
  it('counts the regions of line arrangements in the square (closed form) and satisfies Euler', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { net, lines } = lineNet(3 + (seed % 12), seed);
      const cx = edgeSubdivision(net, { lo: 0, hi: 1, outputSplit: false });
      const cells = countCells(cx, true);
      expect(cells).toBe(regionsInSquare(lines));
      expect(cx.edgeCount - cx.vertexCount + 1).toBe(cells);
      expect(cx.badPairs).toBe(0);
    }
  });

  it('splits along the output zero set only when asked, and Euler holds with the split', () => {
    const { net } = lineNet(8, 3);
    const without = edgeSubdivision(net, { lo: 0, hi: 1, outputSplit: false });
    const withF = edgeSubdivision(net, { lo: 0, hi: 1 });
    expect(countCells(withF, true)).toBe(countCells(without, true));
    expect(countCells(withF, false)).toBeGreaterThanOrEqual(countCells(without, true));
    expect(withF.edgeCount - withF.vertexCount + 1).toBe(countCells(withF, false));
  });

  it('cuts the cube by k axis-parallel planes per axis into the product of the slabs', () => {
    // units x_i − t for t in (0,1): (k + 1)^3 boxes
    const k = 3;
    const rows: number[] = [];
    const bias: number[] = [];
    for (let i = 0; i < 3; i++)
      for (let j = 1; j <= k; j++) {
        rows.push(...[0, 1, 2].map((c) => (c === i ? 1 : 0)));
        bias.push(-(j / (k + 1)) - 0.01 * i);
      }
    const net: FloatMlp = {
      sizes: [3, 3 * k, 1],
      weights: [Float64Array.from(rows), new Float64Array(3 * k).fill(1)],
      bias: [Float64Array.from(bias), Float64Array.from([-100])],
    };
    const cx = edgeSubdivision(net, { lo: 0, hi: 1, outputSplit: false });
    expect(countCells(cx, true)).toBe((k + 1) ** 3);
    // vertices of the grid: (k + 2)^3
    expect(cx.vertexCount).toBe((k + 2) ** 3);
    expect(cx.badPairs).toBe(0);
  });
});
