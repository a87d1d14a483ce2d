/**
 * Test aid: a small JSON Schema (draft 2020-12) validator for the subset the generated
 * docs/report.schema.json uses, so tests can check that the published file (not only the zod
 * schema it is generated from) accepts real reports: `type`, `properties`, `required`,
 * `additionalProperties`, `propertyNames`, `items`, `prefixItems`, `minItems`, `maxItems`, `enum`,
 * `const`, `pattern`, `minimum`, `maximum`, `exclusiveMinimum`, `anyOf`, `oneOf`, `$ref` to
 * `#/$defs/…`. Unknown keywords are an error, so the schema cannot silently use more than this.
 */

/** A JSON Schema node (boolean schemas included). */
export type JsonSchema = boolean | { [keyword: string]: unknown };

/** One validation failure: JSON path of the value and what is wrong. */
export interface SchemaViolation {
  path: string;
  message: string;
}

const KNOWN = new Set([
  '$schema',
  '$id',
  '$defs',
  '$ref',
  '$comment',
  'title',
  'description',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'enum',
  'const',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'anyOf',
  'oneOf',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

/** Validates `value` against `schema` (whose `$defs` resolve `$ref`s); returns all violations. */
export function validateJsonSchema(schema: JsonSchema, value: unknown): SchemaViolation[] {
  const root = schema;
  const out: SchemaViolation[] = [];
  const resolve = (ref: string): JsonSchema => {
    const m = /^#\/\$defs\/([^/]+)$/.exec(ref);
    const defs =
      typeof root === 'object'
        ? (root['$defs'] as Record<string, JsonSchema> | undefined)
        : undefined;
    if (!m || !defs || !(m[1]! in defs)) throw new Error(`unresolvable $ref ${ref}`);
    return defs[m[1]!]!;
  };
  const check = (s: JsonSchema, v: unknown, path: string, sink: SchemaViolation[]): void => {
    if (s === true) return;
    if (s === false) {
      sink.push({ path, message: 'no value is allowed here' });
      return;
    }
    for (const key of Object.keys(s)) {
      if (!KNOWN.has(key)) throw new Error(`schema keyword "${key}" is not supported (at ${path})`);
    }
    if (typeof s['$ref'] === 'string') check(resolve(s['$ref']), v, path, sink);
    if (s['type'] !== undefined) {
      const types = Array.isArray(s['type']) ? (s['type'] as string[]) : [s['type'] as string];
      if (!types.some((t) => hasType(v, t))) {
        sink.push({ path, message: `expected ${types.join(' or ')}, got ${typeOf(v)}` });
        return;
      }
    }
    if (s['const'] !== undefined && JSON.stringify(s['const']) !== JSON.stringify(v)) {
      sink.push({ path, message: `expected ${JSON.stringify(s['const'])}` });
    }
    if (
      Array.isArray(s['enum']) &&
      !s['enum'].some((e) => JSON.stringify(e) === JSON.stringify(v))
    ) {
      sink.push({
        path,
        message: `expected one of ${s['enum'].map((e) => JSON.stringify(e)).join(', ')}`,
      });
    }
    if (
      typeof v === 'string' &&
      typeof s['pattern'] === 'string' &&
      !new RegExp(s['pattern'], 'u').test(v)
    ) {
      sink.push({ path, message: `${JSON.stringify(v)} does not match /${s['pattern']}/` });
    }
    if (typeof v === 'number') {
      if (typeof s['minimum'] === 'number' && v < s['minimum'])
        sink.push({ path, message: `below ${s['minimum']}` });
      if (typeof s['maximum'] === 'number' && v > s['maximum'])
        sink.push({ path, message: `above ${s['maximum']}` });
      if (typeof s['exclusiveMinimum'] === 'number' && v <= s['exclusiveMinimum'])
        sink.push({ path, message: `not above ${s['exclusiveMinimum']}` });
    }
    if (Array.isArray(v)) {
      if (typeof s['minItems'] === 'number' && v.length < s['minItems']) {
        sink.push({ path, message: `needs at least ${s['minItems']} items` });
      }
      if (typeof s['maxItems'] === 'number' && v.length > s['maxItems']) {
        sink.push({ path, message: `allows at most ${s['maxItems']} items` });
      }
      const prefix = Array.isArray(s['prefixItems']) ? (s['prefixItems'] as JsonSchema[]) : [];
      v.forEach((item, i) => {
        if (i < prefix.length) check(prefix[i]!, item, `${path}[${i}]`, sink);
        else if (s['items'] !== undefined)
          check(s['items'] as JsonSchema, item, `${path}[${i}]`, sink);
      });
    }
    if (typeOf(v) === 'object') {
      const o = v as Record<string, unknown>;
      const props = (s['properties'] ?? {}) as Record<string, JsonSchema>;
      for (const key of (s['required'] ?? []) as string[]) {
        if (!(key in o)) sink.push({ path, message: `missing required property "${key}"` });
      }
      for (const [key, item] of Object.entries(o)) {
        const sub = `${path}.${key}`;
        if (s['propertyNames'] !== undefined) {
          check(s['propertyNames'] as JsonSchema, key, sub, sink);
        }
        if (key in props) check(props[key]!, item, sub, sink);
        else if (s['additionalProperties'] !== undefined) {
          check(s['additionalProperties'] as JsonSchema, item, sub, sink);
        }
      }
    }
    for (const [keyword, needExactlyOne] of [
      ['anyOf', false],
      ['oneOf', true],
    ] as const) {
      const options = s[keyword];
      if (!Array.isArray(options)) continue;
      const results = (options as JsonSchema[]).map((o) => {
        const local: SchemaViolation[] = [];
        check(o, v, path, local);
        return local;
      });
      const passing = results.filter((r) => r.length === 0).length;
      if (passing === 0) {
        const best = results.reduce((a, b) => (b.length < a.length ? b : a));
        sink.push({ path, message: `matches none of the ${keyword} alternatives` }, ...best);
      } else if (needExactlyOne && passing > 1) {
        sink.push({ path, message: `matches ${passing} oneOf alternatives, expected exactly one` });
      }
    }
  };
  check(schema, value, '$', out);
  return out;
}
