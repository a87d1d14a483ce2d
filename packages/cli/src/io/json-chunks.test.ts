/**
 * The streaming serializer against its oracle, the engine's own JSON.stringify: the chunks joined are
 * byte-identical for random values (unicode and lone surrogates, -0, NaN/±Infinity, undefined and
 * functions in objects and arrays, toJSON, boxed primitives, nested empty containers), every indent
 * and chunk size; chunks stay small on large documents; cycles and BigInt throw as JSON.stringify does.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonChunks } from './json-chunks.js';

const joined = (value: unknown, indent: number, chunkSize: number, subtreeBudget = 0) =>
  [...jsonChunks(value, { indent, chunkSize, subtreeBudget })].join('');

/** Leaves JSON.stringify treats specially, beside ordinary JSON values. */
const leaf = fc.oneof(
  fc.constantFrom(null, true, false, 0, -0, NaN, Infinity, -Infinity, undefined, 1e21, 5e-324),
  fc.double(),
  fc.integer(),
  fc.string({ unit: 'binary' }), // any code units: lone surrogates, controls, U+2028
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom<unknown>(
    () => 1,
    Symbol('s'),
    new Date(0),
    Object(2),
    Object('boxed'),
    Object(false),
    { toJSON: (key: string) => `key:${key}` },
    { toJSON: () => undefined },
    [],
    {},
    [[]],
    [{}],
    { a: [] },
  ),
);

const value = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('any'), { maxLength: 6 }),
  object: fc.dictionary(fc.string({ unit: 'binary' }), tie('any'), { maxKeys: 6 }),
})).any;

describe('jsonChunks', () => {
  it('joins to JSON.stringify(value, null, indent) for random values, indents and chunk sizes', () => {
    fc.assert(
      fc.property(
        value,
        fc.integer({ min: -1, max: 12 }),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 0, max: 300 }),
        (v, indent, size, budget) => {
          const expected = JSON.stringify(v, null, indent) ?? '';
          // the walk alone, and mixed with one-call subtrees of random size
          expect(joined(v, indent, size, 0)).toBe(expected);
          expect(joined(v, indent, size, budget)).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('joins to JSON.stringify for fast-check JSON values (indent 2, the report format)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(joined(v, 2, 16, 0)).toBe(JSON.stringify(v, null, 2));
        expect([...jsonChunks(v, { indent: 2 })].join('')).toBe(JSON.stringify(v, null, 2));
      }),
      { numRuns: 1000 },
    );
  });

  it('writes a large array element by element: bounded chunks, identical bytes', () => {
    const cells = Array.from({ length: 10_000 }, (_, i) => ({
      index: i,
      label: i.toString(2).padStart(16, '0'),
      hrep: { A: [['1', `-${i}/7`]], b: [`${i}/3`] },
      volume: { exact: `1/${i + 1}`, float: 1 / (i + 1) },
      nested: [[], {}, [[-0]]],
    }));
    const text = JSON.stringify({ cells }, null, 2);
    for (const subtreeBudget of [0, 1000]) {
      const chunkSize = 4096;
      const chunks = [...jsonChunks({ cells }, { indent: 2, chunkSize, subtreeBudget })];
      expect(chunks.join('')).toBe(text);
      expect(chunks.length).toBeGreaterThan(text.length / (2 * chunkSize));
      // a chunk is yielded once it reaches chunkSize; it exceeds it by one piece at most (a
      // member's text, or a subtree within the budget: one cell here, < 600 characters)
      expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(chunkSize + 600);
    }
  });

  it('follows JSON.stringify on the top level and on what it rejects', () => {
    expect([...jsonChunks(undefined)]).toEqual([]);
    expect([...jsonChunks(() => 0)]).toEqual([]);
    expect(joined(-0, 2, 1)).toBe('0');
    expect(joined('\u{1F600}\ud800"\\\n', 0, 1)).toBe(JSON.stringify('\u{1F600}\ud800"\\\n'));
    const cyclic: Record<string, unknown> = { a: [] };
    (cyclic['a'] as unknown[]).push(cyclic);
    expect(() => [...jsonChunks(cyclic)]).toThrow(TypeError);
    expect(() => [...jsonChunks({ n: 1n })]).toThrow(TypeError);
    // the same object twice (not a cycle) is written twice
    const shared = { x: 1 };
    expect(joined([shared, shared], 2, 1)).toBe(JSON.stringify([shared, shared], null, 2));
  });

  it('walks deep nesting without recursion', () => {
    let deep: unknown = [];
    for (let i = 0; i < 20_000; i++) deep = [deep];
    const text = joined(deep, 0, 1 << 16);
    expect(text.length).toBe(40_002);
    expect(text.startsWith('[[[')).toBe(true);
  });
});
