/**
 * The streaming reader against its oracle, the engine's own JSON.parse: for arbitrary JSON text
 * (fast-check), cut into chunks at arbitrary byte offsets (inside UTF-8 sequences, escapes,
 * numbers, literals), with unicode escapes (surrogate pairs, lone surrogates), big numbers and
 * big-number strings, the value is the one JSON.parse gives; malformed text is rejected wherever
 * JSON.parse rejects it; streamed arrays hand over exactly the elements of the parsed array.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonReader, JsonSyntaxError, parseJsonChunks, readJsonFile } from './json-reader.js';

/** The bytes of `text` cut at the given offsets (any byte offset, so inside UTF-8 sequences). */
function cut(text: string, cuts: readonly number[]): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let last = 0;
  for (const c of [...at, bytes.length]) {
    out.push(bytes.subarray(last, c));
    last = c;
  }
  return out;
}

/** Replaces some characters of a JSON text's strings by \uXXXX escapes (same value). */
function escapeSome(text: string, pick: readonly boolean[]): string {
  let out = '';
  let inString = false;
  let k = 0;
  for (let i = 0; i < text.length; i++) {
    if (inString && text[i] === '\\') {
      const length = text[i + 1] === 'u' ? 6 : 2; // copy the escape as it is
      out += text.slice(i, i + length);
      i += length - 1;
      continue;
    }
    // a whole code point: both halves of a surrogate pair (the text is UTF-8 bytes, no lone halves)
    const unit = text.codePointAt(i)! > 0xffff ? text.slice(i, i + 2) : text[i]!;
    i += unit.length - 1;
    if (unit === '"') inString = !inString;
    else if (inString && pick[k++ % Math.max(1, pick.length)]) {
      for (let u = 0; u < unit.length; u++)
        out += '\\u' + unit.charCodeAt(u).toString(16).padStart(4, '0');
      continue;
    }
    out += unit;
  }
  return out;
}

const same = (actual: unknown, expected: unknown) => {
  expect(actual).toStrictEqual(expected);
  // toStrictEqual treats -0 and 0 as different already; key order is part of the value too
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
};

const bigNumber = fc.oneof(
  fc.bigInt().map((n) => n.toString()), // integers beyond 2^53: JSON.parse rounds them
  fc.constantFrom(
    '1e400',
    '-1e400',
    '-0',
    '0.0',
    '5e-324',
    '1E+2',
    '123456789012345678901234567890',
  ),
);
const bigNumberString = fc.bigInt().map((n) => JSON.stringify(`${n}/${n < 0n ? -n + 1n : n + 1n}`));

const jsonText = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  { weight: 2, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v, null, 2)) },
  {
    weight: 2,
    arbitrary: fc
      .array(
        fc.oneof(
          bigNumber,
          bigNumberString,
          fc.string({ unit: 'binary' }).map((s) => JSON.stringify(s)),
        ),
        {
          maxLength: 8,
        },
      )
      .map((xs) => `[${xs.join(', ')}]`),
  },
  {
    weight: 1,
    arbitrary: fc
      .dictionary(fc.string({ unit: 'grapheme' }), fc.jsonValue(), { maxKeys: 5 })
      .map((o) => '{"__proto__":[1],' + JSON.stringify({ ...o, a: o, 'a ': [o] }).slice(1)),
  },
);

describe('JsonReader against JSON.parse', () => {
  it('gives the value of JSON.parse for any text cut into chunks anywhere', () => {
    fc.assert(
      fc.property(
        jsonText,
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.array(fc.boolean(), { maxLength: 7 }),
        (text0, cuts, pick) => {
          const text = escapeSome(text0, pick);
          same(parseJsonChunks(cut(text, cuts)), JSON.parse(text));
        },
      ),
      { numRuns: 600 },
    );
  });

  it('reads one byte at a time (every boundary) and whole strings alike', () => {
    const text =
      '{"a":[1,-0,2.5e-3,1e400,12345678901234567890],"s":"x\\u00e9\\ud83d\\ude00\\ud800 €😀\\n\\"\\\\\\/\\b\\f\\r\\t",' +
      '"__proto__":{"b":null},"t":true,"f":false,"e":[],"o":{},"a":"last"}';
    const bytes = Buffer.from(text, 'utf8');
    const oneByOne = [...bytes].map((b) => Buffer.from([b]));
    same(parseJsonChunks(oneByOne), JSON.parse(text));
    same(parseJsonChunks([text]), JSON.parse(text));
    const value = parseJsonChunks([text]) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(Object.keys(JSON.parse(text)));
  });

  it('rejects what JSON.parse rejects, wherever the text is cut', () => {
    const bad = [
      '',
      ' ',
      '{',
      '[1,]',
      '[1 2]',
      '{"a" 1}',
      '{"a":1,}',
      '{,}',
      '{"a":1 "b":2}',
      '[01]',
      '[1.]',
      '[.5]',
      '[-]',
      '[1e]',
      '[+1]',
      '[tru]',
      '[truex]',
      '[nul]',
      '[NaN]',
      '[Infinity]',
      '"abc',
      '"a\tb"',
      '"\\x"',
      '"\\u12"',
      '"\\u12G4"',
      '[1]]',
      '{}{}',
      '[1] 2',
      "['a']",
      '{a:1}',
      '[1,,2]',
      '\u00a0[1]',
      '[1}',
      '{"a":1]',
    ];
    for (const text of bad) {
      expect(() => JSON.parse(text), text).toThrow(SyntaxError);
      for (const cuts of [[], [1], [2, 3], [text.length - 1]]) {
        expect(() => parseJsonChunks(cut(text, cuts)), `${text} cut at ${cuts}`).toThrow(
          JsonSyntaxError,
        );
      }
    }
  });

  it('names the byte offset of a syntax error', () => {
    expect(() => parseJsonChunks(['{"a": [1, 2,', ' ]}'])).toThrow(/unexpected "]" at byte 13/);
  });
});

describe('streamed arrays', () => {
  const report = {
    schema: 'x',
    partition: { cells: [{ i: 0, v: [1, 2] }, { i: 1, cells: [9] }, [3], 'four'], n: 4 },
    cells: ['not', 'this', 'one'],
    other: [{ partition: { cells: ['nor', 'this'] } }],
  };
  const text = JSON.stringify(report, null, 2);

  it('hands over the elements at the path, in order, and keeps them unless told not to', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 10 }), fc.boolean(), (cuts, keep) => {
        const seen: [unknown, number][] = [];
        const value = parseJsonChunks(cut(text, cuts), {
          streamed: [
            { path: ['partition', 'cells'], onElement: (e, i) => seen.push([e, i]), keep },
          ],
        }) as typeof report;
        expect(seen).toStrictEqual(report.partition.cells.map((c, i) => [c, i]));
        expect(value.partition.cells).toStrictEqual(keep ? report.partition.cells : []);
        expect(value.cells).toStrictEqual(report.cells);
        expect(value.other).toStrictEqual(report.other);
      }),
      { numRuns: 100 },
    );
  });

  it('streams several arrays, also at the root path of one key', () => {
    const seen: string[] = [];
    const reader = new JsonReader({
      streamed: [
        { path: ['cells'], onElement: (e) => seen.push(`top:${String(e)}`), keep: false },
        { path: ['partition', 'cells'], onElement: (_e, i) => seen.push(`p:${i}`) },
      ],
    });
    reader.write(text);
    const value = reader.end() as typeof report;
    expect(seen).toEqual(['p:0', 'p:1', 'p:2', 'p:3', 'top:not', 'top:this', 'top:one']);
    expect(value.cells).toEqual([]);
    expect(reader.bytesRead).toBe(Buffer.byteLength(text));
  });
});

describe('readJsonFile', () => {
  it('reads a file in small chunks to the value of JSON.parse, with progress', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlgeo-json-reader-'));
    try {
      const value = {
        a: 'é'.repeat(1000),
        b: Array.from({ length: 500 }, (_, i) => ({ i, s: `😀${i}` })),
      };
      const file = join(dir, 'v.json');
      writeFileSync(file, JSON.stringify(value, null, 2));
      const progress: number[] = [];
      const read = readJsonFile(file, { chunkBytes: 7, onProgress: (done) => progress.push(done) });
      expect(read).toStrictEqual(value);
      expect(progress.at(-1)).toBe(Buffer.byteLength(JSON.stringify(value, null, 2)));
      expect(progress.every((p, i) => i === 0 || p > progress[i - 1]!)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
