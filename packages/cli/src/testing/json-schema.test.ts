import { describe, expect, it } from 'vitest';
import { validateJsonSchema, type JsonSchema } from './json-schema.js';

describe('validateJsonSchema', () => {
  const schema: JsonSchema = {
    type: 'object',
    required: ['n', 'list'],
    properties: {
      n: { type: 'integer', minimum: 0 },
      list: { type: 'array', items: { $ref: '#/$defs/word' }, minItems: 1 },
      kind: { enum: ['a', 'b'] },
      either: { anyOf: [{ type: 'null' }, { type: 'string', pattern: '^x' }] },
    },
    additionalProperties: false,
    $defs: { word: { type: 'string', pattern: '^[a-z]+$' } },
  };

  it('accepts a conforming value', () => {
    expect(validateJsonSchema(schema, { n: 3, list: ['ab'], kind: 'a', either: null })).toEqual([]);
    expect(validateJsonSchema(schema, { n: 0, list: ['z'], either: 'xy' })).toEqual([]);
  });

  it('names the path of every violation', () => {
    const problems = validateJsonSchema(schema, {
      n: 1.5,
      list: ['ok', 'NO'],
      kind: 'c',
      extra: 1,
      either: 'y',
    });
    expect(problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['$.n', '$.list[1]', '$.kind', '$.extra', '$.either']),
    );
    expect(validateJsonSchema(schema, { list: [] }).map((p) => p.message)).toEqual(
      expect.arrayContaining(['missing required property "n"', 'needs at least 1 items']),
    );
  });

  it('refuses schema keywords it does not implement', () => {
    expect(() => validateJsonSchema({ type: 'string', format: 'email' }, 'a')).toThrow(/format/);
  });
});
