// The analytics' pure parts: periods, ranges, bucketing, funnel, CSV, content choice, and JSON safe inside
// a script element.
import { describe, expect, it } from 'vitest';
import { analyticsQuerySchema } from '../../shared/schemas/analytics';
import { analyticsCsv, csvCell, wantsCsv } from '../src/analytics/csv';
import { jsonForScript } from '../src/analytics/page';
import { periodsBetween, periodStart, resolveRange } from '../src/analytics/periods';
import { buildReport, funnelOf } from '../src/analytics/report';

const noFunnel = { issued: 0, claimed: 0, accepted: 0, shared: 0 };

describe('periods', () => {
  it('starts weeks on Monday and months on the 1st (UTC)', () => {
    expect(periodStart('2026-03-04', 'day')).toBe('2026-03-04');
    expect(periodStart('2026-03-04', 'week')).toBe('2026-03-02'); // a Wednesday
    expect(periodStart('2026-03-01', 'week')).toBe('2026-02-23'); // a Sunday belongs to the week before
    expect(periodStart('2026-03-02', 'week')).toBe('2026-03-02');
    expect(periodStart('2024-02-29', 'month')).toBe('2024-02-01');
  });

  it('covers the range with periods cut to it, across month and year ends', () => {
    expect(periodsBetween('2026-03-01', '2026-03-03', 'day')).toEqual([
      { start: '2026-03-01', end: '2026-03-01' },
      { start: '2026-03-02', end: '2026-03-02' },
      { start: '2026-03-03', end: '2026-03-03' },
    ]);
    expect(periodsBetween('2026-03-01', '2026-03-17', 'week')).toEqual([
      { start: '2026-03-01', end: '2026-03-01' },
      { start: '2026-03-02', end: '2026-03-08' },
      { start: '2026-03-09', end: '2026-03-15' },
      { start: '2026-03-16', end: '2026-03-17' },
    ]);
    expect(periodsBetween('2025-12-15', '2026-02-10', 'month')).toEqual([
      { start: '2025-12-15', end: '2025-12-31' },
      { start: '2026-01-01', end: '2026-01-31' },
      { start: '2026-02-01', end: '2026-02-10' },
    ]);
  });

  it('defaults the range to a span before today that suits the interval, and never past the longest range', () => {
    expect(resolveRange({ interval: 'day' }, '2026-03-30')).toEqual({ from: '2026-03-01', to: '2026-03-30' });
    expect(resolveRange({ interval: 'week', to: '2026-03-30' }, '2026-12-01')).toEqual({ from: '2026-01-06', to: '2026-03-30' });
    expect(resolveRange({ interval: 'month' }, '2026-12-31')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(resolveRange({ interval: 'day', from: '2026-03-10' }, '2026-03-20')).toEqual({ from: '2026-03-10', to: '2026-03-20' });
    expect(resolveRange({ interval: 'day', from: '2026-04-10' }, '2026-03-20')).toEqual({ from: '2026-04-10', to: '2026-04-10' });
    expect(resolveRange({ interval: 'month', from: '2010-01-01' }, '2026-03-20')).toEqual({ from: '2010-01-01', to: '2012-12-31' });
  });

  it('validates the query: real days, from before to, at most the longest range, known intervals', () => {
    expect(analyticsQuerySchema.parse({})).toEqual({ interval: 'day' });
    for (const bad of [{ from: '2026-02-30' }, { to: 'today' }, { from: '2026-03-05', to: '2026-03-01' }, { from: '2020-01-01', to: '2026-01-01' }, { interval: 'hour' }, { format: 'xml' }, { badge: '' }]) {
      expect(analyticsQuerySchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('buildReport', () => {
  const badgeClasses = [
    { id: 'b1', name: 'Welding' },
    { id: 'b2', name: 'Rigging' },
  ];

  it('sums daily counts into weeks per figure and per badge class, leaving out days outside the range', () => {
    const report = buildReport({
      badgeClass: null,
      badgeClasses,
      interval: 'week',
      from: '2026-03-01',
      to: '2026-03-17',
      funnel: noFunnel,
      daily: [
        { badgeClassId: 'b1', day: '2026-03-01', event: 'issued', count: 2 },
        { badgeClassId: 'b1', day: '2026-03-02', event: 'issued', count: 1 },
        { badgeClassId: 'b2', day: '2026-03-08', event: 'issued', count: 4 },
        { badgeClassId: 'b2', day: '2026-03-16', event: 'linkedin-profile', count: 3 },
        { badgeClassId: 'b1', day: '2026-03-10', event: 'verify', count: 7 },
        { badgeClassId: 'b1', day: '2026-03-10', event: 'view', count: 5 },
        { badgeClassId: 'b1', day: '2026-03-11', event: 'x', count: 1 },
        { badgeClassId: 'b1', day: '2026-03-18', event: 'issued', count: 100 },
        { badgeClassId: 'b1', day: '2026-02-28', event: 'issued', count: 100 },
        { badgeClassId: 'b1', day: '2026-03-10', event: 'something-new', count: 100 },
      ],
    });
    expect(report.periods.map((period) => period.start)).toEqual(['2026-03-01', '2026-03-02', '2026-03-09', '2026-03-16']);
    expect(report.series.issued).toEqual([2, 5, 0, 0]);
    expect(report.series.addedToLinkedin).toEqual([0, 0, 0, 3]);
    expect(report.series.verifications).toEqual([0, 0, 7, 0]);
    expect(report.series.views).toEqual([0, 0, 5, 0]);
    expect(report.series.sharesX).toEqual([0, 0, 1, 0]);
    expect(report.series.declined).toEqual([0, 0, 0, 0]);
    expect(report.totals).toMatchObject({ issued: 7, addedToLinkedin: 3, verifications: 7, views: 5, sharesX: 1, claimed: 0 });
    expect(report.badgeClasses.map((entry) => [entry.name, entry.totals.issued, entry.totals.verifications])).toEqual([
      ['Welding', 3, 7],
      ['Rigging', 4, 0],
    ]);
  });

  it('gives the funnel each step with its share of the step before and of the issued badges', () => {
    expect(funnelOf({ issued: 8, claimed: 6, accepted: 3, shared: 1 })).toEqual([
      { step: 'issued', count: 8, rateOfPrevious: null, rateOfIssued: 1 },
      { step: 'claimed', count: 6, rateOfPrevious: 0.75, rateOfIssued: 0.75 },
      { step: 'accepted', count: 3, rateOfPrevious: 0.5, rateOfIssued: 0.375 },
      { step: 'shared', count: 1, rateOfPrevious: 0.3333, rateOfIssued: 0.125 },
    ]);
    expect(funnelOf(noFunnel).map((entry) => entry.rateOfIssued)).toEqual([null, null, null, null]);
  });
});

describe('CSV', () => {
  it('quotes what needs quoting and defuses spreadsheet formulas', () => {
    expect(csvCell('Welding')).toBe('Welding');
    expect(csvCell('Welding, advanced')).toBe('"Welding, advanced"');
    expect(csvCell('The "best"')).toBe('"The ""best"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
  });

  it('holds every figure: per period, totals, per badge class and the funnel', () => {
    const report = buildReport({
      badgeClass: null,
      badgeClasses: [{ id: 'b1', name: '=Welding, "hot"' }],
      interval: 'day',
      from: '2026-03-01',
      to: '2026-03-02',
      funnel: { issued: 2, claimed: 1, accepted: 1, shared: 0 },
      daily: [{ badgeClassId: 'b1', day: '2026-03-02', event: 'issued', count: 2 }],
    });
    const lines = analyticsCsv(report).trimEnd().split('\r\n');
    expect(lines[0]).toBe('section,badge_class_id,badge_class,period_start,period_end,figure,value');
    expect(lines).toContain('period,,All badge classes,2026-03-01,2026-03-01,issued,0');
    expect(lines).toContain('period,,All badge classes,2026-03-02,2026-03-02,issued,2');
    expect(lines).toContain('total,,All badge classes,2026-03-01,2026-03-02,verifications,0');
    expect(lines).toContain(`badge_class_total,b1,"'=Welding, ""hot""",2026-03-01,2026-03-02,issued,2`);
    expect(lines).toContain('funnel,,All badge classes,2026-03-01,2026-03-02,claimed_rate_of_issued,0.5');
    expect(lines).toContain('funnel,,All badge classes,2026-03-01,2026-03-02,issued_rate_of_previous,');
    // 2 periods × 12 figures, 12 totals, 12 of the one badge class, 4 steps × 3.
    expect(lines).toHaveLength(1 + 24 + 12 + 12 + 12);
  });

  it('is chosen by format=csv, or by an Accept header ranking text/csv above JSON', () => {
    expect(wantsCsv('csv', 'application/json')).toBe(true);
    expect(wantsCsv('json', 'text/csv')).toBe(false);
    expect(wantsCsv(undefined, 'text/csv')).toBe(true);
    expect(wantsCsv(undefined, 'application/json, text/csv;q=0.5')).toBe(false);
    expect(wantsCsv(undefined, '*/*')).toBe(false);
    expect(wantsCsv(undefined, undefined)).toBe(false);
  });
});

describe('jsonForScript', () => {
  it('cannot close the script element it sits in', () => {
    const text = jsonForScript({ name: '</script><script>alert(1)</script>&\u2028' });
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual({ name: '</script><script>alert(1)</script>&\u2028' });
  });
});
