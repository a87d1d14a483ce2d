/** The one cutter of vertex-described convex cells by a hyperplane (exact, optional float signs). */
export {
  halfSpaceResidual,
  halfSpaceSign,
  segmentCrossing,
  splitVertexCell,
  type VertexCell,
  type CellPart,
  type CellSplit,
  type SplitOptions,
} from './split-cell.js';
