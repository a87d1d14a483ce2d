/** The four geometric penalties of the issue-15 benches, with the weights the regularize bench uses. */
export const benchPenalties = {
  angle: { kind: 'angle', thetaMin: Math.PI / 12, weight: 0.02 },
  sliver: { kind: 'sliver', vMin: 0.004, weight: 500 },
  boundary: { kind: 'boundary', weight: 0.01 },
  'boundary-mass': { kind: 'boundary', weighting: 'mass', weight: 0.1 },
} as const;
