/**
 * JSON Schema (draft 2020-12) of the CLI report; docs/report.schema.json is this object (a test
 * checks they are equal; `npx tsx --conditions=@mlgeo/source packages/cli/src/report/write-schema.ts`
 * rewrites the file). The complex part is `ComplexJson` of @mlgeo/riemannian-complex (schema "1").
 */
import type { JsonSchema } from './json-schema.js';

const exactString = { type: 'string', pattern: '^-?\\d+(/\\d+)?$' };
const rational = {
  type: 'object',
  description: 'SPEC §1 rational: exact string beside its correctly rounded float',
  required: ['exact', 'float'],
  properties: { exact: exactString, float: { type: 'number' } },
  additionalProperties: false,
};
const sqrtRational = {
  type: 'object',
  description: 'SPEC §1 r·√q value',
  required: ['exact', 'r', 'q', 'float', 'sign', 'squared'],
  properties: {
    exact: { type: 'string' },
    r: exactString,
    q: { type: 'string', pattern: '^\\d+$' },
    float: { type: 'number' },
    sign: { enum: [-1, 0, 1] },
    squared: exactString,
  },
  additionalProperties: false,
};
const measure = {
  description: 'exact rational, or a float-only number (--float)',
  anyOf: [{ $ref: '#/$defs/rational' }, { type: 'number' }],
};
const weight = {
  description: 'r·√q when exact, a float-only number, or null for an infinite length',
  anyOf: [{ $ref: '#/$defs/sqrtRational' }, { type: 'number' }, { type: 'null' }],
};
const hrep = {
  type: 'object',
  description: '{x : A x ≤ b}, exact entries as strings',
  required: ['A', 'b'],
  properties: {
    A: { type: 'array', items: { type: 'array', items: { $ref: '#/$defs/exactString' } } },
    b: { type: 'array', items: { $ref: '#/$defs/exactString' } },
  },
  additionalProperties: false,
};
const exactPoint = { type: 'array', items: { $ref: '#/$defs/exactString' } };
const check = {
  type: 'object',
  required: ['name', 'ok', 'applicable', 'detail'],
  properties: {
    name: { type: 'string' },
    ok: { type: 'boolean' },
    applicable: { type: 'boolean' },
    detail: { type: 'string' },
  },
  additionalProperties: false,
};
const cell = {
  type: 'object',
  required: ['index', 'label', 'hrep', 'volume', 'centroid'],
  properties: {
    index: { type: 'integer', minimum: 0 },
    label: { type: 'string' },
    hrep: { $ref: '#/$defs/hrep' },
    volume: { $ref: '#/$defs/measure' },
    centroid: { type: 'array', items: { $ref: '#/$defs/measure' } },
    vertices: { type: 'array', items: { $ref: '#/$defs/exactPoint' } },
    prediction: { anyOf: [{ type: 'number' }, { type: 'array', items: { type: 'number' } }] },
    predictedClass: { type: 'integer', minimum: 0 },
    output: {
      type: 'object',
      required: ['A', 'c'],
      properties: {
        A: { type: 'array', items: { $ref: '#/$defs/exactPoint' } },
        c: { $ref: '#/$defs/exactPoint' },
      },
      additionalProperties: false,
    },
    dataCount: { type: 'integer', minimum: 0 },
  },
  additionalProperties: false,
};
const complexCell = {
  type: 'object',
  required: ['index', 'label', 'volume', 'centroid', 'hrep'],
  properties: {
    index: { type: 'integer', minimum: 0 },
    label: { type: 'string' },
    volume: { $ref: '#/$defs/rational' },
    centroid: { type: 'array', items: { $ref: '#/$defs/rational' } },
    hrep: { $ref: '#/$defs/hrep' },
    dataCount: { type: 'integer', minimum: 0 },
  },
  additionalProperties: false,
};
const simplexList = {
  type: 'array',
  items: { type: 'array', items: { type: 'integer', minimum: 0 } },
};
const complex = {
  type: 'object',
  description:
    'ComplexJson of @mlgeo/riemannian-complex (schema "mlgeo.riemannian-complex", version "1")',
  required: [
    'schema',
    'version',
    'kind',
    'dimension',
    'maxDimension',
    'complete',
    'truncated',
    'cells',
    'simplices',
    'fVector',
    'eulerCharacteristic',
    'sharedFaces',
    'intersections',
    'metric',
    'ridges',
    'checks',
  ],
  properties: {
    schema: { const: 'mlgeo.riemannian-complex' },
    version: { const: '1' },
    kind: { enum: ['adjacency', 'nerve'] },
    dimension: { type: 'integer', minimum: 1 },
    maxDimension: { type: ['integer', 'null'] },
    complete: { type: 'boolean' },
    truncated: { type: 'boolean' },
    cells: { type: 'array', items: { $ref: '#/$defs/complexCell' } },
    simplices: { type: 'array', items: simplexList },
    fVector: { type: 'array', items: { type: 'integer', minimum: 0 } },
    eulerCharacteristic: { type: 'integer' },
    sharedFaces: {
      type: 'array',
      items: {
        type: 'object',
        required: ['i', 'j', 'hyperplane', 'volume', 'vertices'],
        properties: {
          i: { type: 'integer', minimum: 0 },
          j: { type: 'integer', minimum: 0 },
          hyperplane: {
            type: 'object',
            required: ['a', 'b'],
            properties: { a: { $ref: '#/$defs/exactPoint' }, b: { $ref: '#/$defs/exactString' } },
            additionalProperties: false,
          },
          volume: { $ref: '#/$defs/sqrtRational' },
          vertices: { type: 'array', items: { $ref: '#/$defs/exactPoint' } },
        },
        additionalProperties: false,
      },
    },
    intersections: {
      type: 'array',
      items: {
        type: 'array',
        items: {
          type: 'object',
          required: ['dimension', 'volume'],
          properties: {
            dimension: { type: 'integer', minimum: -1 },
            volume: { $ref: '#/$defs/sqrtRational' },
          },
          additionalProperties: false,
        },
      },
    },
    metric: {
      type: 'object',
      required: ['edgeLength', 'beta', 'exact', 'edgeLengths', 'M0', 'M1', 'M'],
      properties: {
        edgeLength: { enum: ['centroid', 'unit', 'density'] },
        beta: { type: 'number' },
        exact: { type: 'boolean' },
        edgeLengths: { type: 'array', items: { $ref: '#/$defs/weight' } },
        M0: { type: 'array', items: { $ref: '#/$defs/rational' } },
        M1: { type: 'array', items: { $ref: '#/$defs/weight' } },
        M: { type: 'array', items: { type: 'array', items: { $ref: '#/$defs/weight' } } },
      },
      additionalProperties: false,
    },
    ridges: {
      anyOf: [
        { type: 'null' },
        {
          type: 'array',
          items: {
            type: 'object',
            required: [
              'vertices',
              'point',
              'location',
              'expectedSum',
              'expectedCos',
              'sum',
              'angles',
            ],
            properties: {
              vertices: { type: 'array', items: { $ref: '#/$defs/exactPoint' } },
              point: { $ref: '#/$defs/exactPoint' },
              location: { enum: ['interior', 'boundary-facet', 'boundary-ridge'] },
              expectedSum: { type: 'number' },
              expectedCos: { $ref: '#/$defs/sqrtRational' },
              sum: { type: 'number' },
              angles: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['cell', 'kind', 'cos', 'angle', 'facets'],
                  properties: {
                    cell: { type: 'integer', minimum: 0 },
                    kind: { enum: ['flat', 'ridge'] },
                    cos: { $ref: '#/$defs/sqrtRational' },
                    angle: { type: 'number' },
                    facets: { type: 'array', items: { type: 'integer', minimum: 0 } },
                  },
                  additionalProperties: false,
                },
              },
            },
            additionalProperties: false,
          },
        },
      ],
    },
    checks: {
      anyOf: [
        { type: 'null' },
        {
          type: 'array',
          items: {
            type: 'object',
            required: ['check', 'ok', 'applicable', 'detail'],
            properties: {
              check: { type: 'string' },
              ok: { type: 'boolean' },
              applicable: { type: 'boolean' },
              detail: { type: 'string' },
            },
            additionalProperties: false,
          },
        },
      ],
    },
  },
  additionalProperties: false,
};

/** The report's JSON Schema. */
export const REPORT_JSON_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:mlgeo:report-schema:1',
  title: 'mlgeo analyze report, version 1',
  description: 'Written by `mlgeo analyze --out`; documented in docs/report-schema.md.',
  type: 'object',
  required: [
    'schema',
    'version',
    'tool',
    'model',
    'domain',
    'arithmetic',
    'data',
    'partition',
    'complex',
    'checks',
    'timing',
  ],
  properties: {
    schema: { const: 'mlgeo-report' },
    version: { const: 1 },
    tool: {
      type: 'object',
      required: ['name', 'version', 'command'],
      properties: {
        name: { const: 'mlgeo' },
        version: { type: 'string' },
        command: { type: 'string' },
      },
      additionalProperties: false,
    },
    model: {
      type: 'object',
      required: ['file', 'format', 'kind', 'inputDimension', 'sha256'],
      properties: {
        file: { type: 'string' },
        format: { type: 'string' },
        kind: { enum: ['arrangement', 'mlp', 'tree', 'forest', 'voronoi', 'linear'] },
        inputDimension: { type: 'integer', minimum: 1 },
        sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
        architecture: { type: 'array', items: { type: 'integer', minimum: 1 } },
      },
      additionalProperties: false,
    },
    domain: {
      type: 'object',
      required: ['hrep', 'volume', 'description'],
      properties: {
        hrep: { $ref: '#/$defs/hrep' },
        volume: { $ref: '#/$defs/measure' },
        description: { type: 'string' },
      },
      additionalProperties: false,
    },
    arithmetic: { enum: ['exact', 'float'] },
    data: {
      anyOf: [
        { type: 'null' },
        {
          type: 'object',
          required: ['file', 'points', 'inCells', 'outside'],
          properties: {
            file: { type: 'string' },
            points: { type: 'integer', minimum: 0 },
            inCells: { type: 'integer', minimum: 0 },
            outside: { type: 'integer', minimum: 0 },
          },
          additionalProperties: false,
        },
      ],
    },
    partition: {
      type: 'object',
      required: ['mode', 'complete', 'cellCount', 'cells', 'volumeSum'],
      properties: {
        mode: { enum: ['all', 'data'] },
        complete: { type: 'boolean' },
        cellCount: { type: 'integer', minimum: 0 },
        cells: { type: 'array', items: { $ref: '#/$defs/cell' } },
        volumeSum: { $ref: '#/$defs/measure' },
      },
      additionalProperties: false,
    },
    complex: { $ref: '#/$defs/complex' },
    checks: { type: 'array', items: { $ref: '#/$defs/check' } },
    timing: {
      type: 'object',
      required: ['seconds', 'phases'],
      properties: {
        seconds: { type: 'number', minimum: 0 },
        phases: { type: 'object', additionalProperties: { type: 'number', minimum: 0 } },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
  $defs: {
    exactString,
    exactPoint,
    rational,
    sqrtRational,
    measure,
    weight,
    hrep,
    check,
    cell,
    complexCell,
    complex,
  },
} as const satisfies JsonSchema;
