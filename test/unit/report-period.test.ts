import { describe, expect, it } from 'vitest';
import { daysBetween, reportPeriod, startOfAmsterdamDay } from '../../server/reports/period.ts';

describe('report periods', () => {
  it('bounds a first half year by 00:00 Amsterdam (summer time at its end)', () => {
    const p = reportPeriod('progress', '2026-H1')!;
    expect(p).toMatchObject({ year: 2026, firstDay: '2026-01-01', lastDay: '2026-06-30', halfYears: ['2026-H1'] });
    expect(p.lastHalfYear).toBe('2026-H1');
    // 1 January 00:00 CET = 31 December 23:00 UTC; 1 July 00:00 CEST = 30 June 22:00 UTC.
    expect(p.start.toISOString()).toBe('2025-12-31T23:00:00.000Z');
    expect(p.end.toISOString()).toBe('2026-06-30T22:00:00.000Z');
  });

  it('counts 30 June 23:59 Amsterdam in the first half year and 1 July 00:00 not', () => {
    const { end } = reportPeriod('progress', '2026-H1')!;
    const lastMinute = new Date('2026-06-30T21:59:00Z'); // 23:59 CEST
    const nextDay = new Date('2026-06-30T22:00:00Z'); // 00:00 CEST on 1 July
    expect(lastMinute < end).toBe(true);
    expect(new Date(end.getTime() - 1) < end).toBe(true);
    expect(nextDay < end).toBe(false);
  });

  it('bounds a second half year and an evaluation by the winter-time midnight of 1 January', () => {
    const h2 = reportPeriod('progress', '2026-H2')!;
    expect(h2.start.toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(h2.end.toISOString()).toBe('2026-12-31T23:00:00.000Z');
    const year = reportPeriod('evaluation', '2026')!;
    expect(year).toMatchObject({ firstDay: '2026-01-01', lastDay: '2026-12-31', halfYears: ['2026-H1', '2026-H2'] });
    expect(year.lastHalfYear).toBe('2026-H2');
    expect(year.start.toISOString()).toBe(reportPeriod('progress', '2026-H1')!.start.toISOString());
    expect(year.end.toISOString()).toBe(h2.end.toISOString());
  });

  it('finds midnight on the days the clocks change', () => {
    // 29 March 2026: clocks go forward at 02:00; midnight is still CET (UTC+1).
    expect(startOfAmsterdamDay('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfAmsterdamDay('2026-03-30').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    // 25 October 2026: clocks go back at 03:00; midnight is still CEST (UTC+2).
    expect(startOfAmsterdamDay('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(startOfAmsterdamDay('2026-10-26').toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('refuses periods of the wrong shape for their kind, or out of range', () => {
    expect(reportPeriod('progress', '2026')).toBeNull();
    expect(reportPeriod('progress', '2026-H3')).toBeNull();
    expect(reportPeriod('evaluation', '2026-H1')).toBeNull();
    expect(reportPeriod('evaluation', '1999')).toBeNull();
    expect(reportPeriod('evaluation', '2101')).toBeNull();
    expect(reportPeriod('evaluation', '2100')).not.toBeNull();
  });

  it('counts calendar days', () => {
    expect(daysBetween('2026-06-01', '2026-07-01')).toBe(30);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });
});
