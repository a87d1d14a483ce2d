/**
 * `@mlgeo/cli/browser`: the parts of the CLI that run in a browser (no Node module, no commander,
 * no resvg), so a web page writes the same report as `mlgeo analyze`: the report builder, the
 * decision regions, the points reader of `--data`, and the `--slice` plane helpers. The playground
 * (packages/playground) builds its reports with these; tools/browser-bundle checks that this entry
 * bundles for a browser without Node builtins.
 */
export { type ReportInput, type ReportTool, hrepJson, reportJson } from './report/report-json.js';
export { decisionJson } from './report/decision-json.js';
export { type DataPoints, type ReadPointsOptions, readPoints } from './data.js';
export type { DomainChoice } from './domain-option.js';
export {
  type SliceSpec,
  type SliceJson,
  type SlicedInputs,
  SLICE_MAP,
  parseSliceSpec,
  planeOfSlice,
  restrictsModel,
  slicedInputs,
  sliceJson,
} from './slice.js';
export type {
  CellJson,
  CheckJson,
  DecisionJson,
  HRepJson,
  PieceJson,
  ReportJson,
} from './report/types.js';
