import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  amsterdamDate,
  dutchHolidays,
  easterSunday,
  isWorkingDay,
  responseDeadline,
} from '../../shared/working-days.ts';

describe('Dutch working days', () => {
  it('knows Easter and the public holidays', () => {
    expect([2024, 2025, 2026, 2027, 2030].map(easterSunday)).toEqual([
      '2024-03-31',
      '2025-04-20',
      '2026-04-05',
      '2027-03-28',
      '2030-04-21',
    ]);
    expect([...dutchHolidays(2026).keys()]).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-05',
      '2026-04-06',
      '2026-04-27',
      '2026-05-05',
      '2026-05-14',
      '2026-05-24',
      '2026-05-25',
      '2026-12-25',
      '2026-12-26',
    ]);
    // 27 April 2025 was a Sunday: Koningsdag moved to Saturday the 26th.
    expect(dutchHolidays(2025).get('2025-04-26')).toBe('Koningsdag');
  });

  it('sets a deadline of ten working days past weekends and holidays, at the end of the day in Amsterdam', () => {
    // Friday 24 April 2026; Koningsdag (27 April) and Bevrijdingsdag (5 May) do not count.
    const spring = responseDeadline(new Date('2026-04-24T10:00:00Z'), 10);
    expect(spring.deadline.toISOString()).toBe('2026-05-12T21:59:59.999Z');
    expect(spring.remindAt.toISOString()).toBe('2026-05-07T22:00:00.000Z');
    // Over Christmas and New Year, in winter time.
    const winter = responseDeadline(new Date('2026-12-18T10:00:00Z'), 10);
    expect(winter.deadline.toISOString()).toBe('2027-01-05T22:59:59.999Z');
  });

  it('always ends on a working day with exactly the given number of working days after the opening day', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 60 }),
        (openedAt, days) => {
          const { deadline, remindAt } = responseDeadline(openedAt, days);
          const last = amsterdamDate(deadline);
          expect(isWorkingDay(last)).toBe(true);
          let count = 0;
          for (let day = addDays(amsterdamDate(openedAt), 1); day <= last; day = addDays(day, 1)) {
            if (isWorkingDay(day)) count++;
          }
          expect(count).toBe(days);
          // One millisecond later it is the next day in Amsterdam.
          expect(amsterdamDate(new Date(deadline.getTime() + 1))).toBe(addDays(last, 1));
          expect(remindAt.getTime()).toBeLessThan(deadline.getTime());
          expect(remindAt.getTime()).toBeGreaterThanOrEqual(openedAt.getTime());
        },
      ),
      { numRuns: 300 },
    );
  });
});
