import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPointsCsv, readPointsJson } from './data/points.js';
import { readModelBytes } from './detect.js';

// Every example in docs/formats.md is read here, so the documented formats stay true.
const doc = readFileSync(new URL('../../../docs/formats.md', import.meta.url), 'utf8');
const blocks = [...doc.matchAll(/```(\w+)(?: (\w+))?\n([\s\S]*?)```/g)].map((m) => ({
  lang: m[1]!,
  tag: m[2],
  body: m[3]!,
}));

describe('docs/formats.md examples', () => {
  const models = blocks.filter((b) => b.lang === 'json' && b.tag === 'model');
  it('has an example of each of our JSON formats, sklearn and ml-cart', () => {
    expect(models.length).toBeGreaterThanOrEqual(9);
  });
  models.forEach((block, k) => {
    it(`model example ${k} reads`, async () => {
      const result = await readModelBytes(`formats.md#${k}`, new TextEncoder().encode(block.body));
      expect(result.model.inputDimension).toBeGreaterThan(0);
      const declared = (JSON.parse(block.body) as { format?: string }).format;
      if (declared) expect(result.format).toBe(declared);
    });
  });
  it('data examples read', () => {
    const csv = blocks.find((b) => b.lang === 'csv')!;
    expect(
      readPointsCsv(csv.body, { labelColumn: 'label' }).points.map((p) => p.map(String)),
    ).toEqual([
      ['1/10', '1/5'],
      ['1/3', '3/4'],
    ]);
    const json = blocks.find((b) => b.lang === 'json' && b.tag === 'points')!;
    expect(readPointsJson(json.body).labels).toEqual(['a', 'b']);
  });
});
