import { describe, expect, it } from 'vitest';
import {
  addDays, assessTeam, dayNumber, daysLeft, expectedShare, idealValue, isMemberOn, isOverloaded, krPace, krProgress, personLoad,
  shanghaiToday, teamPace, teamScore, worstPace, type Membership,
} from './engine';

describe('calendar days', () => {
  it('accepts real days and refuses malformed or impossible ones', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('2024-02-29')).not.toBeNull();
    expect(dayNumber('2026-02-29')).toBeNull();
    expect(dayNumber('2026-02-30')).toBeNull();
    expect(dayNumber('2026-13-01')).toBeNull();
    expect(dayNumber('2026-1-05')).toBeNull();
    expect(dayNumber('2026-01-05T00:00')).toBeNull();
    expect(dayNumber('')).toBeNull();
  });

  it('today is the Asia/Shanghai date, eight hours ahead of UTC', () => {
    expect(shanghaiToday(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(shanghaiToday(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
  });

  it('adds days across months and counts days left', () => {
    expect(addDays('2026-01-31', 29)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysLeft('2026-01-31', '2026-01-01')).toBe(30);
    expect(daysLeft('2026-01-31', '2026-02-05')).toBe(0);
  });
});

describe('expected share of the cycle', () => {
  it('is elapsed days over cycle days, clamped to 0..1', () => {
    expect(expectedShare('2026-01-01', '2026-01-31', '2026-01-16')).toBe(0.5);
    expect(expectedShare('2026-01-01', '2026-01-31', '2026-01-11')).toBeCloseTo(1 / 3, 15);
    expect(expectedShare('2026-01-01', '2026-01-31', '2026-01-01')).toBe(0);
    expect(expectedShare('2026-01-01', '2026-01-31', '2025-12-01')).toBe(0);
    expect(expectedShare('2026-01-01', '2026-01-31', '2026-01-31')).toBe(1);
    expect(expectedShare('2026-01-01', '2026-01-31', '2026-06-01')).toBe(1);
  });

  it('counts calendar days across February', () => {
    // 2026-02-01 .. 2026-03-03 is 30 days; 2026-02-16 is day 15.
    expect(expectedShare('2026-02-01', '2026-03-03', '2026-02-16')).toBe(0.5);
  });

  it('a one-day cycle is 0 before its day and 1 from it on', () => {
    expect(expectedShare('2026-05-10', '2026-05-10', '2026-05-09')).toBe(0);
    expect(expectedShare('2026-05-10', '2026-05-10', '2026-05-10')).toBe(1);
    expect(expectedShare('2026-05-10', '2026-05-10', '2026-05-11')).toBe(1);
  });

  it('refuses an impossible date', () => {
    expect(() => expectedShare('2026-01-01', '2026-01-31', '2026-02-30')).toThrow(/calendar day/);
  });
});

describe('key-result progress', () => {
  it('is the share of the way from start to target, clamped', () => {
    expect(krProgress({ direction: 'increase', startValue: 0, targetValue: 10_000, currentValue: 2_500 })).toBe(0.25);
    expect(krProgress({ direction: 'increase', startValue: 0, targetValue: 10_000, currentValue: 12_000 })).toBe(1);
    expect(krProgress({ direction: 'increase', startValue: 100, targetValue: 200, currentValue: 50 })).toBe(0);
  });

  it('a decrease KR from 48 to 24 uses the same formula', () => {
    expect(krProgress({ direction: 'decrease', startValue: 48, targetValue: 24, currentValue: 36 })).toBe(0.5);
    expect(krProgress({ direction: 'decrease', startValue: 48, targetValue: 24, currentValue: 30 })).toBe(0.75);
    expect(krProgress({ direction: 'decrease', startValue: 48, targetValue: 24, currentValue: 20 })).toBe(1);
    expect(krProgress({ direction: 'decrease', startValue: 48, targetValue: 24, currentValue: 50 })).toBe(0);
    expect(Object.is(krProgress({ direction: 'decrease', startValue: 12, targetValue: 0, currentValue: 12 }), 0)).toBe(true); // not −0
  });

  it('where target = start: 1 once reached in the direction, else 0', () => {
    expect(krProgress({ direction: 'increase', startValue: 0.98, targetValue: 0.98, currentValue: 0.98 })).toBe(1);
    expect(krProgress({ direction: 'increase', startValue: 0.98, targetValue: 0.98, currentValue: 0.99 })).toBe(1);
    expect(krProgress({ direction: 'increase', startValue: 0.98, targetValue: 0.98, currentValue: 0.97 })).toBe(0);
    expect(krProgress({ direction: 'decrease', startValue: 24, targetValue: 24, currentValue: 23 })).toBe(1);
    expect(krProgress({ direction: 'decrease', startValue: 24, targetValue: 24, currentValue: 24 })).toBe(1);
    expect(krProgress({ direction: 'decrease', startValue: 24, targetValue: 24, currentValue: 25 })).toBe(0);
  });
});

describe('pace', () => {
  it('on track within 0.10 below expected, at risk within 0.25, off track beyond', () => {
    expect(krPace(0.5, 0.5)).toBe('on_track');
    expect(krPace(0.41, 0.5)).toBe('on_track');
    expect(krPace(0.39, 0.5)).toBe('at_risk');
    expect(krPace(0.26, 0.5)).toBe('at_risk');
    expect(krPace(0.24, 0.5)).toBe('off_track');
    expect(krPace(1, 0)).toBe('on_track');
  });

  it('exact boundaries behave as written (≥), whatever the floating point', () => {
    // 0.8 − 0.1 is 0.7 + 1ulp in binary floating point; 7 ÷ 10 is 0.7: still on track.
    expect(0.8 - 0.1).toBeGreaterThan(0.7);
    expect(krPace(0.7, 0.8)).toBe('on_track');
    expect(krPace(0.3, 0.4)).toBe('on_track');
    expect(krPace(0.6, 0.7)).toBe('on_track');
    expect(krPace(0.45, 0.7)).toBe('at_risk');
    expect(krPace(0.44999, 0.7)).toBe('off_track');
    expect(krPace(0.1, 0.2)).toBe('on_track');
    expect(krPace(0.05, 0.3)).toBe('at_risk');
    // Computed the way the report does, from days and values.
    const expected = expectedShare('2026-01-01', '2026-01-31', '2026-01-04'); // 3 / 30 = 0.1
    expect(krPace(0, expected)).toBe('on_track');
    const later = expectedShare('2026-01-01', '2026-01-11', '2026-01-08'); // 7 / 10
    const eight = expectedShare('2026-01-01', '2026-01-11', '2026-01-09'); // 8 / 10
    expect(krPace(krProgress({ direction: 'increase', startValue: 0, targetValue: 10, currentValue: 7 }), eight)).toBe('on_track');
    expect(krPace(krProgress({ direction: 'increase', startValue: 0, targetValue: 10, currentValue: 6.99 }), eight)).toBe('at_risk');
    const progress = krProgress({ direction: 'increase', startValue: 0, targetValue: 10, currentValue: 6 }); // 6 / 10
    expect(krPace(progress, later)).toBe('on_track');
    const decreasing = krProgress({ direction: 'decrease', startValue: 48, targetValue: 24, currentValue: 37.2 }); // 0.45
    expect(krPace(decreasing, later)).toBe('at_risk');
  });

  it('a team: not_started if forming, closed if closed, no_key_results if none, else the worst KR', () => {
    expect(teamPace('forming', ['off_track'])).toBe('not_started');
    expect(teamPace('closed', ['off_track'])).toBe('closed');
    expect(teamPace('active', [])).toBe('no_key_results');
    expect(teamPace('active', ['on_track', 'at_risk', 'on_track'])).toBe('at_risk');
    expect(teamPace('active', ['at_risk', 'off_track'])).toBe('off_track');
    expect(teamPace('active', ['on_track'])).toBe('on_track');
    expect(worstPace([])).toBeNull();
  });
});

describe('score and a whole team', () => {
  it('the score is the mean KR progress, null without KRs', () => {
    expect(teamScore([1, 0.5, 0])).toBe(0.5);
    expect(teamScore([])).toBeNull();
  });

  it('assesses a team with its key results sorted by id', () => {
    const assessment = assessTeam(
      { status: 'active', startsOn: '2026-01-01', endsOn: '2026-01-31' },
      [
        { id: 'kr_b', direction: 'decrease', startValue: 48, targetValue: 24, currentValue: 45 }, // 0.125
        { id: 'kr_a', direction: 'increase', startValue: 0, targetValue: 10_000, currentValue: 5_000 }, // 0.5
      ],
      '2026-01-16',
    );
    expect(assessment).toEqual({
      pace: 'off_track',
      expected: 0.5,
      score: 0.3125,
      keyResults: [
        { id: 'kr_a', progress: 0.5, pace: 'on_track' },
        { id: 'kr_b', progress: 0.125, pace: 'off_track' },
      ],
    });
  });
});

describe('people', () => {
  const memberships: Membership[] = [
    { personId: 'p1', teamId: 't1', joinedOn: '2026-01-01', leftOn: null },
    { personId: 'p1', teamId: 't2', joinedOn: '2026-01-10', leftOn: '2026-01-20' },
    { personId: 'p1', teamId: 't3', joinedOn: '2026-01-01', leftOn: null },
    { personId: 'p1', teamId: 't4', joinedOn: '2026-01-01', leftOn: null }, // forming
    { personId: 'p1', teamId: 't5', joinedOn: '2026-01-01', leftOn: null },
    { personId: 'p2', teamId: 't1', joinedOn: '2026-01-01', leftOn: null },
  ];
  const statuses = new Map([['t1', 'active'], ['t2', 'active'], ['t3', 'active'], ['t4', 'forming'], ['t5', 'closed']]);

  it('membership runs from joined_on up to, not including, left_on', () => {
    expect(isMemberOn({ joinedOn: '2026-01-10', leftOn: '2026-01-20' }, '2026-01-09')).toBe(false);
    expect(isMemberOn({ joinedOn: '2026-01-10', leftOn: '2026-01-20' }, '2026-01-10')).toBe(true);
    expect(isMemberOn({ joinedOn: '2026-01-10', leftOn: '2026-01-20' }, '2026-01-19')).toBe(true);
    expect(isMemberOn({ joinedOn: '2026-01-10', leftOn: '2026-01-20' }, '2026-01-20')).toBe(false);
  });

  it('load counts active teams on the day, and warns above two', () => {
    expect(personLoad(memberships, statuses, 'p1', '2026-01-15')).toBe(3);
    expect(personLoad(memberships, statuses, 'p1', '2026-01-20')).toBe(2);
    expect(personLoad(memberships, statuses, 'p2', '2026-01-15')).toBe(1);
    expect(isOverloaded(3)).toBe(true);
    expect(isOverloaded(2)).toBe(false);
  });
});

describe('burn-up ideal line', () => {
  it('moves evenly from start to target over the cycle', () => {
    const kr = { startValue: 48, targetValue: 24 };
    expect(idealValue(kr, '2026-01-01', '2026-01-31', '2026-01-01')).toBe(48);
    expect(idealValue(kr, '2026-01-01', '2026-01-31', '2026-01-16')).toBe(36);
    expect(idealValue(kr, '2026-01-01', '2026-01-31', '2026-02-20')).toBe(24);
  });
});
