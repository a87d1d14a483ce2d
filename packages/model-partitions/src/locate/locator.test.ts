import { describe, expect, it } from 'vitest';
import { partitionOf } from '../engines/enumerate.js';
import { dataHoldingPartition } from '../engines/data-holding.js';
import { arrangement, specGrid } from '../engines/test-helpers.js';
import { countPoints, locatePoint } from './locate.js';
import { locatorOf } from './locator.js';

const model = arrangement(2, [
  [[1, 0], '-1/2'],
  [[1, 1], -1],
]);

describe('locatorOf: points located without passing the model again', () => {
  it('a full partition remembers its model: same answers as locatePoint / countPoints', () => {
    const p = partitionOf(model);
    const loc = locatorOf(p);
    expect(loc.model).toBe(model);
    expect(loc.locate(['1/4', '3/4'])).toEqual(locatePoint(p, model, ['1/4', '3/4']));
    expect(loc.countPoints(specGrid()).counts).toEqual([40, 10, 15, 35]);
  });

  it('a data-holding partition too', () => {
    const grid = specGrid();
    const p = dataHoldingPartition(model, grid);
    expect(locatorOf(p).countPoints(grid)).toEqual(countPoints(p, model, grid));
  });

  it('a partition built elsewhere needs the model', () => {
    const copy = { ...partitionOf(model) };
    expect(() => locatorOf(copy)).toThrow(expect.objectContaining({ code: 'NO_MODEL' }));
    expect(locatorOf(copy, model).locate(['3/4', '1/8']).label).toBe('10');
  });
});
