/**
 * @mlgeo/model-partitions/node — the Node-only part of model-partitions: facet adjacency decided on
 * worker threads. Everything else is in the main entry (`@mlgeo/model-partitions`), which imports
 * no Node module and bundles for browsers.
 */
export { facetAdjacencyParallel } from './engines/face-jobs.js';
