/**
 * TypeScript view of the CLI report (docs/report-schema.md, docs/report.schema.json). Exact values
 * use the SPEC §1 JSON forms; matrices of exact numbers are strings ("p/q").
 */
import type { RationalJson } from '@mlgeo/exact-arith';

/** Report schema name and version; bump the version on any incompatible change. */
export const REPORT_SCHEMA = 'mlgeo-report';
export const REPORT_VERSION = 1;

/** An H-representation {x : A x ≤ b} with exact entries as strings. */
export interface HRepJson {
  A: string[][];
  b: string[];
}

/** One cell of the partition. */
export interface CellJson {
  index: number;
  label: string;
  /** Irredundant closed H-representation of the cell (domain constraints included). */
  hrep: HRepJson;
  /** vol_d of the cell (exact, or a float-only number with --float). */
  volume: RationalJson | number;
  centroid: (RationalJson | number)[];
  /** Vertices (exact strings) when d ≤ 3. */
  vertices?: string[][];
  /** Model prediction on the cell (float; MLP: at the centroid). */
  prediction?: number | number[];
  /** Predicted class at the centroid (argmax, or output > 0 for one output). */
  predictedClass?: number;
  /** MLP cells: the output's affine map on the cell, f(x) = A x + c (exact strings). */
  output?: { A: string[][]; c: string[] };
  /** Data points in the cell. */
  dataCount?: number;
}

/** One self-check: name, outcome, whether it applies, and a one-line detail. */
export interface CheckJson {
  name: string;
  ok: boolean;
  applicable: boolean;
  detail: string;
}

/** The whole report. */
export interface ReportJson {
  schema: typeof REPORT_SCHEMA;
  version: typeof REPORT_VERSION;
  tool: { name: string; version: string; command: string };
  model: {
    file: string;
    format: string;
    kind: string;
    inputDimension: number;
    sha256: string;
    /** MLP layer widths (input first). */
    architecture?: number[];
  };
  domain: { hrep: HRepJson; volume: RationalJson | number; description: string };
  arithmetic: 'exact' | 'float';
  data: {
    file: string;
    points: number;
    inCells: number;
    outside: number;
  } | null;
  partition: {
    mode: 'all' | 'data';
    complete: boolean;
    cellCount: number;
    cells: CellJson[];
    /** Σ vol_d(C_i) over the cells present. */
    volumeSum: RationalJson | number;
  };
  /** The complex, as written by complexToJson of @mlgeo/riemannian-complex. */
  complex: unknown;
  checks: CheckJson[];
  /** Wall time in seconds, in total and per phase (read, partition, complex, report). */
  timing: { seconds: number; phases: Record<string, number> };
}
