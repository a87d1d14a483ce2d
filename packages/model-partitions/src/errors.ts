/**
 * The error codes of @mlgeo/model-partitions (subject first, then the condition; the meaning of
 * each is listed in docs/errors.md).
 */
export type ModelPartitionsErrorCode =
  | 'DOMAIN_EMPTY' // the domain X has no points
  | 'DOMAIN_NOT_FULL_DIMENSIONAL' // X lies in a hyperplane
  | 'DOMAIN_SHAPE' // malformed box or H-representation
  | 'DOMAIN_TOO_LARGE' // too many domain rows to check
  | 'DOMAIN_UNBOUNDED' // X is unbounded
  | 'TREE_STRUCTURE' // a decision tree with dangling children, cycles or no nodes
  | 'OUTSIDE_DOMAIN' // a point outside the domain X
  | 'NO_CELL' // no cell contains the point
  | 'NO_MODEL' // the partition's model is unknown here
  | 'TOO_MANY_TIES' // a point on too many boundaries at once
  | 'NOT_DATA_HOLDING' // facetAdjacency of a partition not made by dataHoldingPartition
  | 'UNKNOWN_MODEL' // an unknown model kind
  | 'LP_FAILED' // a margin LP that did not end optimal
  | 'SLICE_DIMENSION' // slice points (or a point to project) of the wrong length
  | 'SLICE_DEGENERATE' // slice points that coincide or are collinear (they span no plane)
  | 'SLICE_MISSES_DOMAIN' // the slicing plane meets the domain in no 2-D region
  | 'SLICE_TOLERANCE' // a negative distance tolerance for points near the plane
  | 'SLICE_UNSUPPORTED' // a model kind that cannot be restricted to a plane (trees, forests)
  | 'POINT_RIDGES_UNSUPPORTED' // point ridges asked for a model, domain or value set they do not support (ReLU MLP, box, float, no facets)
  | 'SHAPE'; // model arrays or points of the wrong size (also ShapeError of @mlgeo/exact-arith)
