/** Volumes, relative volumes, centroids and faces of polytopes from vertices + incidence (SPEC §3). */
export {
  volumeFromVertices,
  relativeVolumeFromVertices,
  facetVolumesFromVertices,
  relativeVolumeFloatFromVertices,
  centroidFromVertices,
  facesFromIncidence,
  minkowskiResidual,
  affineDimension,
  type FaceMeasure,
  type VertexIncidence,
} from './measures.js';
export { FaceLattice, IncidenceError } from './face-lattice.js';
