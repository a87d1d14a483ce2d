/**
 * The report's one source of truth: a zod 4 schema. The TypeScript types (report/types.ts) are
 * `z.infer` of it, `mlgeo verify` validates with `reportSchema.safeParse`, and
 * docs/report.schema.json is `z.toJSONSchema` of it (a test checks the committed file; rewrite it
 * with `npx tsx --conditions=@mlgeo/source packages/cli/src/report/write-schema.ts`).
 *
 * The complex part mirrors `ComplexJson` of @mlgeo/riemannian-complex (schema version "2"); that
 * package writes the JSON but never reads it, so it stays free of zod, and report/schema.test.ts
 * checks at the type level that `z.infer<typeof complexSchema>` is exactly `ComplexJson`.
 */
import { COMPLEX_JSON_SCHEMA, COMPLEX_JSON_VERSION } from '@mlgeo/riemannian-complex';
import { z } from 'zod';

/** Report schema name and version; bump the version on any incompatible change. */
export const REPORT_SCHEMA = 'mlgeo-report';
export const REPORT_VERSION = 4;

/** Integers; a wrong type reads "expected integer, got string" (zod would say "number"). */
const integer = () =>
  z.int({
    error: (issue) =>
      issue.code === 'invalid_type' && issue.input !== undefined
        ? `expected integer, got ${typeOf(issue.input)}`
        : undefined,
  });
const index = integer().nonnegative();

const exactString = z
  .string()
  .regex(/^-?\d+(\/\d+)?$/)
  .meta({ id: 'exactString', description: 'exact rational "p/q" (integers without "/1")' });
const exactPoint = z
  .array(exactString)
  .meta({ id: 'exactPoint', description: 'a point or row of exact rationals' });
const rational = z.strictObject({ exact: exactString, float: z.number() }).meta({
  id: 'rational',
  description: 'SPEC §1 rational: exact string beside its correctly rounded float',
});
const sqrtRational = z
  .strictObject({
    exact: z.string(),
    r: exactString,
    q: z.string().regex(/^\d+$/),
    float: z.number(),
    sign: integer().min(-1).max(1).describe('sign of the value: -1, 0 or 1'),
    squared: exactString,
  })
  .meta({ id: 'sqrtRational', description: 'SPEC §1 r·√q value' });
const measure = z.union([rational, z.number()]).meta({
  id: 'measure',
  description: 'exact rational (measures "exact"), or a float-only number',
});
const weight = z.union([sqrtRational, z.number(), z.null()]).meta({
  id: 'weight',
  description: 'r·√q when exact, a float-only number, or null for an infinite length',
});
const hrep = z
  .strictObject({ A: z.array(exactPoint), b: exactPoint })
  .meta({ id: 'hrep', description: '{x : A x ≤ b}, exact entries as strings' });
const radicalMeasure = z.union([sqrtRational, z.number()]).meta({
  id: 'radicalMeasure',
  description: 'r·√q value (measures "exact"), or a float-only number',
});

/** One class piece of a cell (SPEC §5 decision regions): a cell of the decision partition. */
export const pieceSchema = z
  .strictObject({
    class: index,
    label: z.string().describe('`<cell label>:<class>` (SPEC §5)'),
    hrep: hrep.describe('irredundant closed H-representation of the piece'),
    volume: measure,
    vertices: z.array(exactPoint).optional().describe('exact vertices, for d ≤ 3'),
  })
  .meta({ id: 'piece' });

/** The decision partition (SPEC §5): class regions, boundary pieces inside cells, their bends. */
export const decisionSchema = z
  .strictObject({
    regions: z
      .array(
        z.strictObject({
          class: index,
          volume: measure.describe('Σ vol_d of its pieces (exact)'),
          pieces: index.describe('number of pieces'),
        }),
      )
      .describe('one per class that has a piece, in class order'),
    boundary: z
      .array(
        z.strictObject({
          cell: index.describe('index of the partition cell the piece lies in'),
          classes: z.tuple([index, index]).describe('the two classes it separates, lower first'),
          hyperplane: z
            .strictObject({ w: exactPoint, c: exactString })
            .describe('w·x + c = 0, with w·x + c > 0 on the side of classes[1]'),
          volume: radicalMeasure.describe('vol_{d−1} of the piece (SPEC §3 relative measure)'),
          vertices: z.array(exactPoint).optional().describe('exact vertices, for d ≤ 3'),
        }),
      )
      .describe(
        'decision boundary pieces inside cells (z_j = z_k, or f = 0); a boundary on cell facets ' +
          '(models constant on each cell) is not listed',
      ),
    bends: z.array(
      z.strictObject({
        between: z
          .tuple([index, index])
          .describe('indices into boundary of two pieces meeting across a shared cell facet'),
        angle: z.number().describe('arccos(n1·n2) in radians (float)'),
        cos: radicalMeasure.describe('n1·n2, unit normals towards the higher class'),
      }),
    ),
  })
  .meta({ id: 'decision', description: 'SPEC §5 decision regions' });

/** One self-check (report and complex alike): name, outcome, whether it applies, one-line detail. */
export const checkSchema = z
  .strictObject({
    name: z.string(),
    ok: z.boolean(),
    applicable: z.boolean(),
    detail: z.string(),
  })
  .meta({
    id: 'check',
    description: 'one self-check; ok is true when it passed or does not apply',
  });

/** One cell of the partition. */
export const cellSchema = z
  .strictObject({
    index: index.describe('position in partition.cells'),
    label: z.string().describe('SPEC §2 label'),
    hrep: hrep.describe(
      'irredundant closed H-representation (domain constraints included; LP tier: the certified facets)',
    ),
    volume: measure.optional().describe('absent in the LP tier (partition.geometry "lp")'),
    centroid: z
      .array(measure)
      .optional()
      .describe('absent in the LP tier (partition.geometry "lp")'),
    vertices: z.array(exactPoint).optional().describe('exact vertices, for d ≤ 3'),
    prediction: z
      .union([z.number(), z.array(z.number())])
      .optional()
      .describe('model output on the cell (float; MLP: at the exact centroid)'),
    predictedClass: index
      .optional()
      .describe(
        "class at the cell's exact centroid: argmax (lowest index on ties), or output > 0 for one output",
      ),
    output: z
      .strictObject({ A: z.array(exactPoint), c: exactPoint })
      .optional()
      .describe('MLP cells: the affine map f(x) = A x + c on the cell (exact)'),
    dataCount: index.optional().describe('data points in the cell'),
    pieces: z
      .array(pieceSchema)
      .optional()
      .describe('the class pieces of the cell (SPEC §5), when the model predicts classes'),
  })
  .meta({ id: 'cell' });

/** One cell of the complex: a reference to the partition cell it is. */
const complexCell = z
  .strictObject({
    cell: index.describe(
      'index of the partition cell (report: partition.cells[cell]); simplices, sharedFaces and ' +
        'ridges number the complex cells',
    ),
  })
  .meta({ id: 'complexCell' });

const sharedFace = z.strictObject({
  i: index,
  j: index,
  hyperplane: z.strictObject({ a: exactPoint, b: exactString }),
  volume: radicalMeasure,
  vertices: z.array(exactPoint).optional().describe('absent with --omit vertices'),
});

const ridge = z.strictObject({
  vertices: z.array(exactPoint).optional().describe('absent with --omit vertices'),
  point: exactPoint,
  location: z.enum(['interior', 'boundary-facet', 'boundary-ridge']),
  expectedSum: z.number(),
  expectedCos: radicalMeasure,
  sum: z.number(),
  angles: z.array(
    z.strictObject({
      cell: index,
      kind: z.enum(['flat', 'ridge']),
      cos: radicalMeasure,
      angle: z.number(),
      facets: z.array(index),
    }),
  ),
});

/** `ComplexJson` of @mlgeo/riemannian-complex (schema "mlgeo.riemannian-complex", version "2"). */
export const complexSchema = z
  .strictObject({
    schema: z.literal(COMPLEX_JSON_SCHEMA),
    version: z.literal(COMPLEX_JSON_VERSION),
    kind: z.enum(['adjacency', 'nerve']),
    dimension: integer().positive(),
    maxDimension: integer().nullable(),
    complete: z.boolean(),
    truncated: z.boolean(),
    cells: z.array(complexCell),
    simplices: z.array(z.array(z.array(index))),
    fVector: z.array(index),
    eulerCharacteristic: integer(),
    sharedFaces: z.array(sharedFace),
    intersections: z.array(
      z.array(z.strictObject({ dimension: integer().min(-1), volume: radicalMeasure })),
    ),
    metric: z
      .strictObject({
        edgeLength: z.enum(['centroid', 'unit', 'density']),
        beta: z.number(),
        exact: z.boolean(),
        edgeLengths: z.array(weight),
        M0: z.array(measure),
        M1: z.array(weight),
        M: z
          .array(z.array(weight).nullable())
          .describe('M_k for k ≥ 2; M[0] and M[1] are null: they are M0 and M1 (written once)'),
        vertexWeight: z
          .enum(['volume', 'mass'])
          .optional()
          .describe('M_0 option (SPEC §4); absent means volume'),
        faceWeight: z
          .enum(['area', 'unit', 'mass'])
          .optional()
          .describe('M_1 face weight (SPEC §4); absent means area'),
      })
      .nullable()
      .describe('null with --omit metric'),
    ridges: z.array(ridge).nullable(),
    checks: z
      .array(checkSchema)
      .nullable()
      .describe('null when not run; mlgeo reports list them in the top-level checks instead'),
  })
  .meta({
    id: 'complex',
    description: `ComplexJson of @mlgeo/riemannian-complex (schema "${COMPLEX_JSON_SCHEMA}", version "${COMPLEX_JSON_VERSION}")`,
  });

/** `--curvature`: per-edge and per-cell curvature (SPEC §8). */
export const curvatureSchema = z.strictObject({
  kind: z.enum(['ollivier', 'forman']),
  edgeLength: z
    .enum(['unit', 'centroid', 'density'])
    .describe(
      'lengths of the metric d and of the M_1 weights (`--curvature-length`; the hop metric `unit` by default)',
    ),
  beta: z.string().optional().describe('exponent β of `density` lengths, as "p/q" (`--alpha`)'),
  weights: z
    .enum(['metric', 'unit'])
    .optional()
    .describe('walk weights w_ik: M_1 under edgeLength (`metric`) or 1 (`unit`); `--walk-weights`'),
  faceWeight: z
    .enum(['area', 'unit', 'mass'])
    .optional()
    .describe('the face weight in M_1: `area`, or the volume-free `unit`/`mass` (`--face-weight`)'),
  alpha: z
    .string()
    .optional()
    .describe('Ollivier: laziness α of the data-weighted walk, as "p/q" (`--laziness`)'),
  tier: z
    .enum(['exact', 'float'])
    .describe('"exact": every edge value exact, each W_1 certified by its dual potentials'),
  edges: z
    .array(
      z.strictObject({
        i: index,
        j: index,
        value: z.number().nullable().describe('κ(e) or F(e); null for an edge left out (ρ = 0)'),
        exact: z.string().optional().describe('the exact value, e.g. "-8 + 6*sqrt(2)"'),
      }),
    )
    .describe('in the order of complex.simplices[1]'),
  cells: z
    .array(z.number().nullable())
    .describe('vertex curvature: the M_1-weighted mean over the cell’s edges; null without edges'),
});

/** `--spectrum k`: the k smallest eigenpairs of Δ_0 and the Betti numbers (SPEC §7). */
export const spectrumSchema = z
  .strictObject({
    edgeLength: z
      .enum(['centroid', 'unit', 'density'])
      .describe('the metric of Δ_0: the complex’s own (complex.metric.edgeLength)'),
    tier: z.literal('float').describe('eigenvalues, eigenvectors and residuals are float64'),
    method: z
      .enum(['dense', 'sparse'])
      .describe('dense Jacobi (≤ 400 cells) or shift-invert Lanczos on a sparse LDLᵀ'),
    requested: index.describe('the k of --spectrum k (at most the number of cells are listed)'),
    components: index.describe('connected components of the complex = multiplicity of λ = 0'),
    pairs: z
      .array(
        z.strictObject({
          value: z.number().nonnegative().describe('λ of B_1 M_1 B_1ᵀ v = λ M_0 v'),
          residual: z.number().nonnegative().describe('‖B_1 M_1 B_1ᵀ v − λ M_0 v‖₂'),
          vector: z
            .array(z.number())
            .describe('v, M_0-orthonormal, one entry per complex cell; its largest |entry| > 0'),
        }),
      )
      .describe('ascending; values below 1e-12·max are 0'),
    betti: z
      .strictObject({
        tier: z.literal('exact').describe('exact ranks of the boundary matrices over Q'),
        values: z.array(index).describe('β_0 … β_K of the complex (not of X)'),
      })
      .describe('Betti numbers of the complex'),
  })
  .meta({ id: 'spectrum' });

/** `--spline values.csv|predictions`: the simplicial spline of cell values (SPEC §7). */
export const splineSchema = z
  .strictObject({
    source: z.enum(['predictions', 'file']),
    file: z.string().optional().describe('the values file as given (source "file")'),
    format: z
      .enum(['cells', 'points'])
      .optional()
      .describe('"cells": a row per cell label; "points": a row per point, mean per cell'),
    output: index.optional().describe('the output k of --spline predictions:k'),
    order: z
      .union([z.literal(1), z.literal(2)])
      .describe('roughness B_1 M_1 B_1ᵀ (1) or K_0 M_0⁻¹ K_0 (2)'),
    edgeLength: z
      .enum(['centroid', 'unit', 'density'])
      .describe('the metric of K and M_0: the complex’s own'),
    tier: z
      .enum(['exact', 'float'])
      .describe('"exact": solved over the rationals (every weight rational), values in `exact`'),
    lambda: z.strictObject({
      value: z.number().nonnegative(),
      exact: exactString.optional().describe('the exact λ used (tier "exact")'),
      chosenBy: z.enum(['given', 'gcv']),
    }),
    scale: z.number().describe('τ = tr(W M_0)/tr(K): the GCV search is over λ = s·τ'),
    dof: z.number().nullable().describe('effective degrees of freedom tr(W S_λ)'),
    gcv: z.number().nullable().describe('GCV(λ); null when infinite'),
    gcvCurve: z
      .array(
        z.strictObject({
          lambda: z.number(),
          relative: z.number().describe('λ/τ'),
          score: z.number().nullable(),
          dof: z.number(),
        }),
      )
      .describe('every GCV evaluation by increasing λ; empty when λ was given'),
    observed: index.describe('cells with a value'),
    skipped: index.optional().describe('"points": points in no cell of the partition'),
    changed: index.describe('observed cells whose value the spline changed (f ≠ y)'),
    maxChange: z.number().nonnegative().describe('max |f − y| over the observed cells'),
    cells: z
      .array(
        z.strictObject({
          observed: z.boolean(),
          input: z.number().nullable().describe('y: the value smoothed (null: not observed)'),
          inputExact: exactString.optional().describe('y exactly (tier "exact")'),
          points: index.optional().describe('"points": the points averaged'),
          value: z.number().describe('f, the spline'),
          exact: exactString.optional().describe('f exactly (tier "exact")'),
          change: z.number().nullable().describe('f − y (null: not observed)'),
        }),
      )
      .describe('one per complex cell'),
  })
  .meta({ id: 'spline' });

/** `--slice`: the plane through three points that was partitioned (or drawn). */
export const sliceSchema = z
  .strictObject({
    method: z
      .enum(['restricted', 'section'])
      .describe(
        '"restricted": the model was restricted to the plane and the plane itself partitioned ' +
          '(cells, domain and data in plane coordinates); "section": the full partition (trees, ' +
          'forests, d = 2), of which the picture shows the section',
      ),
    coordinates: z
      .enum(['plane', 'input'])
      .describe('"plane": every coordinate of this report is a plane coordinate (u, v)'),
    map: z.string().describe('x(u, v) = p0 + u·(p1 − p0) + v·(p2 − p0)'),
    points: z.array(exactPoint).length(3).describe('p0, p1, p2 in the input space R^d'),
    rows: z
      .array(index)
      .length(3)
      .optional()
      .describe('with --slice rows:i,j,k: the data rows (counted from 0) p0, p1, p2 are'),
    model: z
      .strictObject({
        kind: z.enum(['arrangement', 'mlp', 'tree', 'forest', 'voronoi', 'linear']),
        inputDimension: integer().positive(),
        architecture: z.array(integer().positive()).optional(),
      })
      .describe('the model of the file (`model` describes the model that was partitioned)'),
    tolerance: exactString.describe(
      'data points within this Euclidean distance of the plane are projected onto it and counted',
    ),
    pointsNearPlane: index.optional().describe('how many data points are within the tolerance'),
  })
  .meta({ id: 'slice' });

/** A value's tier (SPEC §4 "Tiers of values"). */
const tier = z.enum(['exact', 'float', 'estimate', 'absent']);

/** One data-holding cell in the LP tier (docs/math.md §3 "LP tier"). */
export const lpCellSchema = z
  .strictObject({
    cell: index.describe('index into partition.cells'),
    rows: index.describe('constraint rows of the cell: hidden units not constant on it, then X'),
    facets: z
      .array(integer())
      .describe(
        'the certified facets: label position of the unit (≥ 0), or −(k + 1) for row k of ' +
          'domain.hrep; each certified by a point beyond it and inside every other row',
      ),
    redundant: index.describe('rows shown redundant (or duplicates)'),
    undecided: index.describe('rows past the LP budget, neither facet nor redundant'),
    chebyshev: z
      .strictObject({
        centre: z
          .array(z.number())
          .describe('float64 coordinates (exact rationals), strictly inside'),
        radius: radicalMeasure.describe(
          'exact distance from the centre to the boundary (r·√q): the ball lies in the cell',
        ),
        radiusFloat: z.number().describe('the float LP optimum (largest ball, float tier)'),
      })
      .optional(),
    ridges: z
      .strictObject({
        facetsUsed: index.describe('facets whose pairs were decided (the nearest to the centre)'),
        pairs: index,
        count: index.describe('pairs meeting in a (d−2)-face'),
        undecided: index,
        minAngle: z.number().nullable(),
        maxAngle: z.number().nullable(),
        list: z.array(
          z.strictObject({
            a: integer().describe('facet, coded as in facets'),
            b: integer(),
            cos: radicalMeasure.describe('cos θ = −n_a·n_b'),
            angle: z.number().describe('interior angle θ ∈ (0, π)'),
          }),
        ),
      })
      .optional(),
    slope: z
      .strictObject({
        frobenius: radicalMeasure.describe('‖A‖_F of the output map (exact r·√q)'),
        spectral: z.number().describe('‖A‖₂ (float)'),
      })
      .optional(),
  })
  .meta({ id: 'lpCell' });

/** The LP tier block of a report. */
export const lpSchema = z.strictObject({
  tiers: z
    .record(z.string(), tier)
    .describe('tier of each kind of value (SPEC §4): exact, float, estimate or absent'),
  ridgeFacets: index.nullable().describe('facets per cell entering ridge pairs (null: all)'),
  cells: z.array(lpCellSchema),
  margins: z
    .array(
      z.strictObject({
        point: index.describe('row of the data file'),
        cell: index,
        boundary: radicalMeasure.describe('distance to the cell boundary'),
        decision: z
          .number()
          .nullable()
          .describe('distance to the cell’s local decision boundary (float), null if none'),
        certified: z
          .boolean()
          .describe('decision ≤ boundary: decision is the true distance to the decision boundary'),
        lowerBound: z.number().describe('certified lower bound of that distance'),
        predictedClass: index.optional(),
        rival: index.optional().describe('the class across the nearest local boundary'),
      }),
    )
    .optional(),
  pointRidges: z
    .strictObject({
      facetsPerPoint: index.describe(
        'unit hyperplanes nearest to each data point whose pairs were examined (--ridge-facets)',
      ),
      pairs: index.describe('pairs examined over all points'),
      certified: index.describe(
        'pairs certified to meet in a (d−2)-face of the cell (= list length)',
      ),
      parallel: index.describe('pairs skipped: near-parallel normals'),
      box: index.describe('pairs not certified: a certificate corner outside the box'),
      signs: index.describe('pairs not certified: another row’s sign wrong or unsure at a corner'),
      list: z.array(
        z.strictObject({
          point: index.describe('row of the data file'),
          cell: index,
          a: integer().describe('label position of the first unit'),
          b: integer().describe('label position of the second unit'),
          cos: z.number().describe('cos θ = −n_a·n_b of the unit normals (float)'),
          angle: z.number().describe('interior dihedral angle θ ∈ (0, π) (float)'),
        }),
      ),
    })
    .optional()
    .describe(
      '--lp point-ridges: ridges among the unit hyperplanes nearest each data point, each certified by four exact points (docs/math.md); an uncertified pair is not claimed absent',
    ),
  adjacency: z.strictObject({
    candidates: z.string().describe('how candidate pairs were found (never all pairs for MLPs)'),
    undecided: index
      .optional()
      .describe(
        'LP-free path (no facets, balls or LP ridges) in d > 128: candidates neither certified adjacent (data or bounded face LP point) nor proven absent',
      ),
    absent: index
      .optional()
      .describe(
        'LP-free path in d > 128: candidates proven not adjacent (an exact weak-duality bound over the box from the bounded face LP, or a unit constant on the cell)',
      ),
    edges: z.array(
      z.strictObject({
        a: index,
        b: index,
        position: integer().describe('label position of the separating unit, or −1'),
        certificate: exactPoint
          .optional()
          .describe('exact point of the shared facet, strictly inside every other row'),
      }),
    ),
  }),
});

/** The whole report. */
export const reportSchema = z.strictObject({
  schema: z.literal(REPORT_SCHEMA),
  version: z.literal(REPORT_VERSION),
  tool: z.strictObject({
    name: z.literal('mlgeo'),
    version: z.string(),
    command: z.string().describe('the mlgeo analyze command line that reproduces the report'),
  }),
  model: z.strictObject({
    file: z.string(),
    format: z.string(),
    kind: z.enum(['arrangement', 'mlp', 'tree', 'forest', 'voronoi', 'linear']),
    inputDimension: integer().positive(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    architecture: z
      .array(integer().positive())
      .optional()
      .describe('MLP layer widths, input first'),
  }),
  domain: z.strictObject({
    hrep,
    volume: measure.optional().describe('absent in the LP tier when X is not a box'),
    description: z.string(),
  }),
  predicates: z
    .enum(['filtered', 'exact'])
    .describe(
      'how the combinatorial decisions (signs, emptiness, redundancy) were taken: "exact" on ' +
        'BigInt, "filtered" in float64 with a proven bound and exact fallback; identical cells either way',
    ),
  measures: z
    .enum(['exact', 'float'])
    .describe(
      'what the measures (domain.volume, cell volumes and centroids, volumeSum, and the ' +
        "complex's volumes, metric and cosines) are: exact rationals or r·√q, or float-only numbers",
    ),
  data: z
    .strictObject({
      file: z.string(),
      points: index,
      inCells: index,
      outside: index,
      labels: z
        .strictObject({
          column: z.string().describe('the label column (header name, or 1-based number)'),
          from: z
            .enum(['integers', 'class names', 'first appearance'])
            .describe(
              'how label texts became class indices: integers as they are, by --class-names, or by order of first appearance',
            ),
          classNames: z
            .array(z.string())
            .optional()
            .describe('class index → label text (absent for integer labels)'),
        })
        .optional()
        .describe('the data labels (CSV label column or JSON labels), when there are any'),
      indexColumn: z
        .string()
        .optional()
        .describe('a row-index column that was left out (pandas to_csv writes one)'),
    })
    .nullable(),
  partition: z.strictObject({
    mode: z.enum(['all', 'data']),
    modeReason: z
      .string()
      .optional()
      .describe(
        'why this mode: the option that chose it, or for --cells auto the cell-count bound against --max-cells',
      ),
    geometry: z
      .enum(['vertices', 'lp'])
      .optional()
      .describe(
        'how cells were measured: "vertices" (exact vertex enumeration; absent means this) or ' +
          '"lp" (the LP-only tier of docs/math.md §3: no vertices, volumes or centroids; see lp)',
      ),
    complete: z.boolean(),
    cellCount: index,
    cells: z.array(cellSchema),
    volumeSum: measure
      .optional()
      .describe('Σ vol_d(C_i) over the cells present; absent in the LP tier'),
  }),
  decision: decisionSchema
    .nullable()
    .describe('SPEC §5 decision regions; null when the model predicts no class'),
  complex: complexSchema
    .nullable()
    .describe('null only in a partial report stopped before the complex was written'),
  omitted: z
    .array(z.enum(['metric', 'ridges', 'vertices']))
    .optional()
    .describe(
      'sections left out with --omit (metric: complex.metric null; ridges: complex.ridges null; ' +
        'vertices: no vertices lists); mlgeo verify says what it could not check',
    ),
  partial: z
    .strictObject({
      phase: z.string().describe('the phase that was running when the budget ran out'),
      budget: z.enum(['max-seconds', 'max-memory', 'max-cells']),
      limit: z.string().describe('the budget as given, e.g. "60 s", "1.5 GiB", "10000 cells"'),
      reached: z.string().describe('the size reached, e.g. "2,311 of 4,412 cells"'),
    })
    .optional()
    .describe(
      'written with --partial when a budget stopped the run: the report holds what was finished ' +
        '(an unfinished partition has no cells, an unfinished complex is null)',
    ),
  shard: z
    .strictObject({
      index: index.describe('this shard, 0 ≤ index < count (`--shard index/count`)'),
      count: integer().positive(),
      cells: index.describe(
        'data-holding cells of the whole run (this shard holds those ≡ index mod count)',
      ),
    })
    .optional()
    .describe(
      'a shard of an LP-tier run (`--shard i/n`): partition.cells, lp.cells and lp.margins hold ' +
        'only its cells; `mlgeo merge` joins the shards into the report of the unsharded run',
    ),
  slice: sliceSchema
    .optional()
    .describe('with --slice: the plane, its map to the input space and the model of the file'),
  lp: lpSchema
    .optional()
    .describe(
      'the LP tier (partition.geometry "lp"): certified facets, balls, ridges, margins, adjacency',
    ),
  curvature: curvatureSchema
    .optional()
    .describe('with --curvature: curvature per edge and per cell (SPEC §8, @mlgeo/curvature)'),
  spectrum: spectrumSchema
    .optional()
    .describe('with --spectrum k: eigenpairs of Δ_0 and Betti numbers (SPEC §7)'),
  spline: splineSchema
    .optional()
    .describe('with --spline: the simplicial spline of cell values (SPEC §7)'),
  checks: z.array(checkSchema),
  timing: z
    .strictObject({
      seconds: z.number().nonnegative(),
      phases: z
        .record(z.string(), z.number().nonnegative())
        .describe('seconds per phase: read, partition, complex, report'),
    })
    .optional()
    .describe(
      'informational: wall time of the run, the only part of a report that varies between runs; ' +
        'absent with --no-timing',
    ),
});

/** docs/report.schema.json: the JSON Schema (draft 2020-12) generated from {@link reportSchema}. */
export function reportJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(reportSchema, { target: 'draft-2020-12' });
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: `urn:mlgeo:report-schema:${REPORT_VERSION}`,
    title: `mlgeo analyze report, version ${REPORT_VERSION}`,
    description:
      'Written by `mlgeo analyze --out`; documented in docs/report-schema.md. Generated from ' +
      'the zod schema in packages/cli/src/report/schema.ts.',
    ...rest,
  };
}

/** One problem found by {@link reportProblem}: JSON path (`partition.cells[3].volume`) and what. */
export interface ReportProblem {
  path: string;
  message: string;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function pathOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    out += typeof key === 'number' ? `[${key}]` : `${out === '' ? '' : '.'}${String(key)}`;
  }
  return out;
}

const show = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');

/** A one-line message for a zod issue (the path is reported separately). */
function messageOf(issue: z.core.$ZodIssue, input: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return 'is missing';
      if (issue.message.startsWith('expected ')) return issue.message;
      return `expected ${issue.expected === 'int' ? 'integer' : issue.expected}, got ${typeOf(input)}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `expected ${show(issue.values)}`
        : `expected one of ${show(issue.values)}`;
    case 'unrecognized_keys':
      return 'is not a field of this object';
    default:
      return issue.message;
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * The first problem of a failed parse, with the full JSON path. A value that matches no
 * alternative of a union (a measure, a weight, …) is described by the alternative it came closest
 * to (the one whose first problem lies deepest), else as "expected A or B".
 */
export function reportProblem(error: z.ZodError, value: unknown): ReportProblem {
  const find = (issue: z.core.$ZodIssue, base: readonly PropertyKey[]): ReportProblem => {
    const path = [...base, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const firsts = issue.errors.map((alt) => alt[0]).filter((i) => i !== undefined);
      const deepest = firsts.reduce((a, b) => (b.path.length > a.path.length ? b : a));
      if (deepest.path.length > 0 || firsts.every((i) => i.code !== 'invalid_type')) {
        return find(deepest, path);
      }
      const expected = firsts.map((i) => (i as { expected: string }).expected);
      return {
        path: pathOf(path),
        message: `expected ${[...new Set(expected)].join(' or ')}, got ${typeOf(valueAt(value, path))}`,
      };
    }
    if (issue.code === 'unrecognized_keys') path.push(issue.keys[0]!);
    return { path: pathOf(path), message: messageOf(issue, valueAt(value, path)) };
  };
  return find(error.issues[0]!, []);
}
