import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { categoryColor, pointColor } from './colors.js';
import type { ReportJson } from '../report/types.js';
import { niceTicks, renderPartitionSvg, type SvgCell, type SvgScene } from './render.js';
import { sceneTitle } from './scene.js';

// Unit box [0,1]² as a·x ≤ b.
const BOX = [
  { a: [-1, 0], b: 0 },
  { a: [1, 0], b: 1 },
  { a: [0, -1], b: 0 },
  { a: [0, 1], b: 1 },
];

/** SPEC §9 B: h1 = x − 1/2, h2 = x + y − 1; bit 1 iff h > 0. */
function exampleBCells(): SvgCell[] {
  const cells: SvgCell[] = [];
  for (const label of ['00', '01', '10', '11']) {
    const s1 = label[0] === '1' ? 1 : -1;
    const s2 = label[1] === '1' ? 1 : -1;
    // s·h ≥ 0  ⇔  −s·w·x ≤ s·c
    cells.push({
      label,
      halfspaces: [...BOX, { a: [-s1, 0], b: s1 * -0.5 }, { a: [-s2, -s2], b: s2 * -1 }],
      category: parseInt(label, 2),
      categoryName: `cell ${label}`,
    });
  }
  return cells;
}

function rasterise(svg: string): { pixel(x: number, y: number): string } {
  const image = new Resvg(svg, { font: { loadSystemFonts: false } }).render();
  const { pixels, width } = image;
  return {
    pixel(x, y) {
      const i = (Math.round(y) * width + Math.round(x)) * 4;
      return (
        '#' +
        [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!]
          .map((v) => v.toString(16).padStart(2, '0'))
          .join('')
      );
    },
  };
}

describe('renderPartitionSvg rasterised by resvg', () => {
  it('fills each SPEC §9 B cell with its own colour at interior points', () => {
    const scene: SvgScene = {
      dimension: 2,
      domain: BOX,
      cells: exampleBCells(),
      title: 'example B',
    };
    const result = renderPartitionSvg(scene);
    const image = rasterise(result.svg);
    // centroids from SPEC §9 B, plus a second interior point per cell
    const inside: Record<string, [number, number][]> = {
      '00': [
        [2 / 9, 7 / 18],
        [0.1, 0.1],
      ],
      '01': [
        [1 / 3, 5 / 6],
        [0.45, 0.9],
      ],
      '10': [
        [2 / 3, 1 / 6],
        [0.9, 0.05],
      ],
      '11': [
        [7 / 9, 11 / 18],
        [0.9, 0.9],
      ],
    };
    const fills = new Set(result.fills.values());
    expect(fills.size).toBe(4);
    for (const [label, points] of Object.entries(inside)) {
      for (const p of points) {
        const [x, y] = result.toPixel(p);
        expect(image.pixel(x, y), `cell ${label} at ${p}`).toBe(result.fills.get(label));
      }
    }
    // a point outside the domain (in the margin) is white
    const [ox, oy] = result.toPixel([-0.02, 0.5]);
    expect(image.pixel(ox, oy)).toBe('#ffffff');
  });

  it('draws the adjacency graph, points and angle marks on top without hiding cell interiors', () => {
    const cells = exampleBCells();
    const result = renderPartitionSvg({
      dimension: 2,
      domain: BOX,
      cells,
      edges: [
        [0, 1],
        [0, 2],
        [1, 3],
        [2, 3],
      ],
      points: [{ x: [0.05, 0.05], category: 1 }],
      angles: [0, 1, 2, 3].map((cell) => ({ at: [0.5, 0.5], cell, angle: Math.PI / 2 })),
    });
    expect(result.svg).toContain('<g id="adjacency"');
    expect(result.svg).toContain('<g id="angles"');
    const image = rasterise(result.svg);
    // the centre dot of cell 01 (a triangle: vertex mean = centroid) is drawn in #444
    const [cx, cy] = result.toPixel([1 / 3, 5 / 6]);
    expect(image.pixel(cx, cy)).toBe('#444444');
    // the data point at (0.05, 0.05) has its class's marker colour
    const [dx, dy] = result.toPixel([0.05, 0.05]);
    expect(image.pixel(dx, dy)).toBe(pointColor(1));
    // away from lines and dots the fill shows
    const [fx, fy] = result.toPixel([0.9, 0.95]);
    expect(image.pixel(fx, fy)).toBe(result.fills.get('11'));
  });

  it('draws data points by their true label: one colour and one marker shape per class, a legend entry each', () => {
    const cells = exampleBCells();
    // five classes, two points each, spread over the four cells
    const points = [0, 1, 2, 3, 4].flatMap((k) => [
      { x: [0.1 + 0.18 * k, 0.1], category: k },
      { x: [0.1 + 0.18 * k, 0.9], category: k },
    ]);
    const result = renderPartitionSvg({ dimension: 2, domain: BOX, cells, points });
    const group = result.svg.match(/<g id="points"[^>]*>([\s\S]*?)<\/g>/)![1]!;
    const markers = [...group.matchAll(/<(\w+) data-class="(\d+)" fill="([^"]+)"/g)].map((m) => ({
      tag: m[1]!,
      shape: m[1] === 'path' ? m[0] : m[1]!,
      cls: Number(m[2]),
      fill: m[3]!,
    }));
    expect(markers.map((m) => m.cls)).toEqual(points.map((p) => p.category));
    // one shape per class: the element (and, for paths, the vertex count and orientation) differ
    const shapeOf = new Map<number, string>();
    const fillOf = new Map<number, string>();
    const pathShape = (svg: string) => {
      const d = result.svg.slice(result.svg.indexOf(svg)).match(/ d="([^"]+)"/)![1]!;
      const pts = d
        .replace(/[MZ]/g, '')
        .trim()
        .split(/ L/)
        .map((p) => p.split(',').map(Number));
      const ys = pts.map((p) => p[1]!);
      // vertex count, and whether the apex (single extreme y) points up or down
      const top = ys.filter((y) => y === Math.min(...ys)).length;
      return `${pts.length}-${top}`;
    };
    for (const m of markers) {
      const shape = m.tag === 'path' ? pathShape(m.shape) : m.tag;
      if (shapeOf.has(m.cls)) expect(shapeOf.get(m.cls)).toBe(shape);
      shapeOf.set(m.cls, shape);
      fillOf.set(m.cls, m.fill);
    }
    expect(new Set(shapeOf.values()).size).toBe(5);
    expect(new Set(fillOf.values()).size).toBe(5);
    // a legend entry per class, with the same marker
    const legend = [...result.svg.matchAll(/data-legend-point="(\d+)"/g)].map((m) => Number(m[1]));
    expect(legend).toEqual([0, 1, 2, 3, 4]);
    for (const k of [0, 1, 2, 3, 4]) expect(result.svg).toContain(`>data class ${k}</text>`);
    expect(result.svg).not.toContain('label 1+');
    // pixels: the centre of each marker has its class colour, distinct from every cell fill
    const image = rasterise(result.svg);
    for (const p of points) {
      const [x, y] = result.toPixel(p.x);
      expect(image.pixel(x, y), `class ${p.category}`).toBe(fillOf.get(p.category));
      expect([...result.fills.values()]).not.toContain(fillOf.get(p.category));
    }
  });

  it('draws axes with nice ticks at their values and the feature names', () => {
    // 1, 2 or 5 × 10^k steps, about five ticks, only inside the range
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-3, 7)).toEqual([-2, 0, 2, 4, 6]);
    expect(niceTicks(0, 0.35)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(-1.5, 1.5)).toEqual([-1, 0, 1]); // step 0.5 would give 7 ticks
    expect(niceTicks(-2.2, 2.2)).toEqual([-2, -1, 0, 1, 2]);
    const cells = exampleBCells();
    const named = renderPartitionSvg({
      dimension: 2,
      domain: BOX,
      cells,
      axisNames: ['petal length', 'petal <width>'],
    });
    for (const [axis, k] of [
      ['x', 0],
      ['y', 1],
    ] as const) {
      const ticks = [
        ...named.svg.matchAll(
          new RegExp(`data-tick-${axis}="([^"]+)" x1="([^"]+)" y1="([^"]+)"`, 'g'),
        ),
      ];
      expect(ticks.map((t) => Number(t[1]))).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
      for (const t of ticks) {
        // the tick sits where the value is drawn: toPixel of the point with that coordinate
        const at = named.toPixel(k === 0 ? [Number(t[1]), 0] : [0, Number(t[1])]);
        expect(Number(t[k === 0 ? 2 : 3])).toBeCloseTo(at[k], 1);
      }
    }
    expect(named.svg).toMatch(/data-axis="x"[^>]*>petal length</);
    expect(named.svg).toMatch(/data-axis="y"[^>]*>petal &lt;width&gt;</);
    const plain = renderPartitionSvg({ dimension: 2, domain: BOX, cells });
    expect(plain.svg).toMatch(/data-axis="x"[^>]*>x1</);
    expect(plain.svg).toMatch(/data-axis="y"[^>]*>x2</);
    // the axis line below the domain is drawn (dark pixels), the domain's corner is not covered
    const image = rasterise(plain.svg);
    const [mx, my] = plain.toPixel([0.5, 0]);
    expect(image.pixel(mx, my + 4)).not.toBe('#ffffff');
    expect(image.pixel(mx, my + 12)).toBe('#ffffff');
  });

  it('titles the picture by the model file name and what is drawn, not by its path', () => {
    const report = {
      model: { file: 'models/run 3/moons-mlp.json' },
      partition: {
        cellCount: 42,
        complete: true,
        cells: [
          { pieces: [{ class: 0 }] },
          { pieces: [{ class: 1 }, { class: 0 }] },
          { pieces: [{ class: 1 }] },
        ],
      },
    } as unknown as ReportJson;
    expect(sceneTitle(report)).toBe('moons-mlp: 42 cells, 2 classes');
    const unclassified = {
      model: { file: 'C:\\models\\B.onnx' },
      partition: { cellCount: 1, complete: false, cells: [{}] },
    } as unknown as ReportJson;
    expect(sceneTitle(unclassified)).toBe('B: 1 data-holding cell');
  });

  it('draws the decision boundary line of an affine output', () => {
    const cell: SvgCell = {
      label: '',
      halfspaces: BOX,
      category: 0,
      categoryName: 'all',
      output: { w: [0, 1], c: -0.5 },
    };
    const result = renderPartitionSvg({ dimension: 2, domain: BOX, cells: [cell] });
    const image = rasterise(result.svg);
    const [x, y] = result.toPixel([0.3, 0.5]);
    expect(image.pixel(x, y)).toBe('#000000');
    const [x2, y2] = result.toPixel([0.3, 0.7]);
    expect(image.pixel(x2, y2)).toBe(result.fills.get(''));
  });

  it('fills the two sides of a decision boundary with their class colours', () => {
    const cell: SvgCell = {
      label: '1',
      halfspaces: BOX,
      category: 1,
      categoryName: 'class 1',
      output: { w: [0, 1], c: -0.5, classes: [0, 1] },
    };
    const result = renderPartitionSvg({ dimension: 2, domain: BOX, cells: [cell] });
    const image = rasterise(result.svg);
    const [x0, y0] = result.toPixel([0.6, 0.25]);
    const [x1, y1] = result.toPixel([0.6, 0.75]);
    expect(image.pixel(x0, y0)).toBe(categoryColor(0));
    expect(image.pixel(x1, y1)).toBe(categoryColor(1));
    expect(categoryColor(0)).not.toBe(categoryColor(1));
  });

  it('slices a 3-D partition by the plane through three points', () => {
    // unit cube cut by z ≤ x (cell "0") and z ≥ x (cell "1"); slice plane y = 1/2
    const cube = [0, 1, 2].flatMap((i) => [
      { a: [0, 1, 2].map((k) => (k === i ? -1 : 0)), b: 0 },
      { a: [0, 1, 2].map((k) => (k === i ? 1 : 0)), b: 1 },
    ]);
    const cells: SvgCell[] = [
      {
        label: '0',
        halfspaces: [...cube, { a: [-1, 0, 1], b: 0 }],
        category: 0,
        categoryName: '0',
      },
      {
        label: '1',
        halfspaces: [...cube, { a: [1, 0, -1], b: 0 }],
        category: 1,
        categoryName: '1',
      },
    ];
    const result = renderPartitionSvg({
      dimension: 3,
      domain: cube,
      cells,
      slice: [
        [0, 0.5, 0],
        [1, 0.5, 0],
        [0, 0.5, 1],
      ],
    });
    const image = rasterise(result.svg);
    const [x0, y0] = result.toPixel([0.8, 0.5, 0.2]);
    expect(image.pixel(x0, y0)).toBe(result.fills.get('0'));
    const [x1, y1] = result.toPixel([0.2, 0.5, 0.8]);
    expect(image.pixel(x1, y1)).toBe(result.fills.get('1'));
    expect(result.fills.get('0')).not.toBe(result.fills.get('1'));
  });

  it('rejects a slice plane given by collinear points', () => {
    expect(() =>
      renderPartitionSvg({
        dimension: 3,
        domain: [],
        cells: [],
        slice: [
          [0, 0, 0],
          [1, 1, 1],
          [2, 2, 2],
        ],
      }),
    ).toThrow(/collinear/);
  });
});
