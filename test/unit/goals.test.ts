import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  comparePeriods,
  formatPeriod,
  KPI_UNITS,
  kpiStatus,
  kpiValueProblem,
  parsePeriod,
  periodOf,
  periodsBetween,
  targetFor,
  type KpiFigures,
} from '../../shared/goals.ts';

const problem = (unit: Parameters<typeof kpiValueProblem>[0], value: number) =>
  kpiValueProblem(unit, value)?.code ?? null;

describe('kpiValueProblem', () => {
  it('refuses values that are not finite, whatever the unit', () => {
    for (const unit of KPI_UNITS) {
      for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
        expect(problem(unit, value), `${unit} ${value}`).toBe('not_finite');
      }
    }
  });

  it('keeps percentages between 0 and 100 inclusive', () => {
    expect(problem('percent', 0)).toBeNull();
    expect(problem('percent', 100)).toBeNull();
    expect(problem('percent', 42.5)).toBeNull();
    expect(problem('percent', -0.01)).toBe('percent_range');
    expect(problem('percent', 100.01)).toBe('percent_range');
  });

  it('wants counts whole and not negative', () => {
    expect(problem('count', 0)).toBeNull();
    expect(problem('count', 12)).toBeNull();
    expect(problem('count', 1.5)).toBe('count_whole');
    expect(problem('count', -1)).toBe('count_whole');
  });

  it('refuses negative euros and days but allows fractions', () => {
    for (const unit of ['euro', 'days'] as const) {
      expect(problem(unit, 0)).toBeNull();
      expect(problem(unit, 1234.56)).toBeNull();
      expect(problem(unit, -0.5)).toBe('not_negative');
      expect(kpiValueProblem(unit, -1)?.message).toContain(unit);
    }
  });

  it('allows any finite plain number', () => {
    for (const value of [-1e9, -1, 0, 0.5, 1e9]) expect(problem('number', value)).toBeNull();
  });
});

describe('periods', () => {
  it('parses half years and refuses anything else', () => {
    expect(parsePeriod('2026-H1')).toEqual({ year: 2026, half: 1 });
    expect(parsePeriod('2030-H2')).toEqual({ year: 2030, half: 2 });
    for (const period of [
      '',
      '2026',
      '2026-H0',
      '2026-H3',
      '2026-h1',
      '26-H1',
      '02026-H1',
      '2026-H1 ',
      ' 2026-H1',
      '2026H1',
    ]) {
      expect(parsePeriod(period), JSON.stringify(period)).toBeNull();
    }
  });

  it('formats and parses back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.constantFrom(1 as const, 2 as const), (year, half) => {
        expect(parsePeriod(formatPeriod(year, half))).toEqual({ year, half });
      }),
    );
  });

  it('places a moment in its half year by UTC', () => {
    expect(periodOf(new Date('2026-01-01T00:00:00Z'))).toBe('2026-H1');
    expect(periodOf(new Date('2026-06-30T23:59:59.999Z'))).toBe('2026-H1');
    expect(periodOf(new Date('2026-07-01T00:00:00Z'))).toBe('2026-H2');
    expect(periodOf(new Date('2026-12-31T23:59:59.999Z'))).toBe('2026-H2');
    // Already 1 July in Amsterdam, still June in UTC.
    expect(periodOf(new Date('2026-07-01T00:30:00+02:00'))).toBe('2026-H1');
  });

  it('orders periods by year, then half', () => {
    const periods = ['2027-H1', '2026-H2', '2026-H1', '2025-H2'];
    expect([...periods].sort(comparePeriods)).toEqual(['2025-H2', '2026-H1', '2026-H2', '2027-H1']);
    expect(comparePeriods('2026-H1', '2026-H1')).toBe(0);
    expect(comparePeriods('2026-H2', '2027-H1')).toBeLessThan(0);
    expect(comparePeriods('2027-H1', '2026-H2')).toBeGreaterThan(0);
  });

  it('lists every half year from first through last', () => {
    expect(periodsBetween('2026-H2', '2028-H1')).toEqual(['2026-H2', '2027-H1', '2027-H2', '2028-H1']);
    expect(periodsBetween('2026-H1', '2026-H1')).toEqual(['2026-H1']);
    expect(periodsBetween('2027-H1', '2026-H2')).toEqual([]);
    expect(periodsBetween('2026', '2027-H1')).toEqual([]);
    expect(periodsBetween('2026-H1', 'later')).toEqual([]);
  });

  it('lists consecutive, ordered periods, as many as the distance', () => {
    const period = fc
      .record({ year: fc.integer({ min: 2000, max: 2040 }), half: fc.constantFrom(1 as const, 2 as const) })
      .map(({ year, half }) => formatPeriod(year, half));
    fc.assert(
      fc.property(period, period, (first, last) => {
        const list = periodsBetween(first, last);
        const index = (p: string) => parsePeriod(p)!.year * 2 + parsePeriod(p)!.half;
        expect(list.length).toBe(Math.max(0, index(last) - index(first) + 1));
        if (list.length > 0) {
          expect(list[0]).toBe(first);
          expect(list.at(-1)).toBe(last);
        }
        for (let i = 1; i < list.length; i++) expect(index(list[i]!)).toBe(index(list[i - 1]!) + 1);
      }),
    );
  });
});

const kpi = (overrides: Partial<KpiFigures> = {}): KpiFigures => ({
  direction: 'higher_is_better',
  baseline: { year: 2025, value: 40 },
  targets: [
    { year: 2026, value: 50 },
    { year: 2027, value: 70 },
  ],
  measurements: [],
  ...overrides,
});

describe('targetFor', () => {
  it('holds the second half of a year to the full-year target', () => {
    expect(targetFor(kpi(), '2026-H2')).toBe(50);
    expect(targetFor(kpi(), '2027-H2')).toBe(70);
  });

  it('holds the first half to the point halfway from the previous target, or from the baseline', () => {
    expect(targetFor(kpi(), '2027-H1')).toBe(60);
    expect(targetFor(kpi(), '2026-H1')).toBe(45);
  });

  it('uses the year target for a first half with nothing to start from', () => {
    const figures = kpi({ baseline: { year: 2020, value: 0 }, targets: [{ year: 2026, value: 50 }] });
    expect(targetFor(figures, '2026-H1')).toBe(50);
  });

  it('gives null without a target for the year, or for a period that is not one', () => {
    expect(targetFor(kpi(), '2028-H2')).toBeNull();
    expect(targetFor(kpi(), '2025-H2')).toBeNull();
    expect(targetFor(kpi(), 'soon')).toBeNull();
  });
});

describe('kpiStatus', () => {
  it('has no data without measurements', () => {
    expect(kpiStatus(kpi())).toEqual({ status: 'no_data', period: null });
  });

  it('judges the latest period, not the last one entered', () => {
    const figures = kpi({
      measurements: [
        { period: '2027-H2', value: 71 },
        { period: '2026-H2', value: 10 },
      ],
    });
    expect(kpiStatus(figures)).toEqual({ status: 'on_track', period: '2027-H2' });
  });

  it('follows the direction, with reaching the target exactly counted as on track', () => {
    expect(kpiStatus(kpi({ measurements: [{ period: '2026-H2', value: 50 }] })).status).toBe('on_track');
    expect(kpiStatus(kpi({ measurements: [{ period: '2026-H2', value: 49.9 }] })).status).toBe('off_track');
    const lower = (value: number) =>
      kpiStatus(kpi({ direction: 'lower_is_better', measurements: [{ period: '2026-H2', value }] })).status;
    expect(lower(50)).toBe('on_track');
    expect(lower(30)).toBe('on_track');
    expect(lower(50.1)).toBe('off_track');
  });

  it('uses the half-year target for a first half', () => {
    expect(kpiStatus(kpi({ measurements: [{ period: '2027-H1', value: 60 }] })).status).toBe('on_track');
    expect(kpiStatus(kpi({ measurements: [{ period: '2027-H1', value: 59 }] })).status).toBe('off_track');
  });

  it('says so when the latest period has no target', () => {
    expect(kpiStatus(kpi({ measurements: [{ period: '2029-H1', value: 99 }] }))).toEqual({
      status: 'no_target',
      period: '2029-H1',
    });
  });

  it('does not reorder the measurements it is given', () => {
    const measurements = [
      { period: '2027-H1', value: 1 },
      { period: '2026-H1', value: 2 },
    ];
    kpiStatus(kpi({ measurements }));
    expect(measurements.map((m) => m.period)).toEqual(['2027-H1', '2026-H1']);
  });
});
