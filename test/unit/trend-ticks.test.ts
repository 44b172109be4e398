import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { niceTicks } from '../../client/src/goals/trend.ts';

describe('the KPI chart scale', () => {
  it('reaches from the lowest to the highest value, in round steps', () => {
    // The case that drew the target line above the axis: 0..9 in steps of 2 stopped at 8.
    expect(niceTicks(0, 9)).toEqual([0, 2, 4, 6, 8, 10]);
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (low, span) => {
          const ticks = niceTicks(low, low + span);
          expect(ticks.length).toBeGreaterThanOrEqual(2);
          expect(ticks[0]!).toBeLessThanOrEqual(low + 1e-6 * Math.max(1, Math.abs(low)));
          expect(ticks.at(-1)!).toBeGreaterThanOrEqual(low + span - 1e-6 * Math.max(1, Math.abs(low + span)));
          expect(ticks.length).toBeLessThanOrEqual(12);
        },
      ),
    );
  });
});
